"""The page extension gids.markdown on plain Python-Markdown, without MkDocs: tables as cards, the reading time.
Each test converts a few lines (no site build)."""

from __future__ import annotations

import markdown
import pytest

GLOSSARY = """\
- term: veilige basis
  vormen: [veilige basis]
  uitleg: Een plek om van te vertrekken.
- term: Continuïteit
  vormen: [continuïteit]
  uitleg: Dat het blijft.
"""


@pytest.fixture
def convert(tmp_path):
    path = tmp_path / "woordenlijst.yml"
    path.write_text(GLOSSARY, encoding="utf-8")

    def convert(text: str) -> str:
        return markdown.markdown(
            text,
            extensions=["gids.markdown", "abbr", "attr_list", "md_in_html", "toc", "tables", "footnotes",
                        "pymdownx.blocks.admonition"],
            extension_configs={
                "gids.markdown": {"glossary": str(path), "glossary_page": "woordenlijst.md"},
                # As gids/glossary.py fills it in from woordenlijst.yml for MkDocs:
                "abbr": {"glossary": {"veilige basis": "Een plek om van te vertrekken.", "continuïteit": "Dat het blijft."}},
                "toc": {"permalink": True, "permalink_title": "Link naar dit onderdeel"},
                "pymdownx.blocks.admonition": {"types": ["pleegtip", "kernboodschap", "samenvatting"]},
            })

    return convert


def test_a_table_names_each_cell_by_its_column(convert):
    html = convert("| Soort | Wat het *kind* doet |\n| --- | --- |\n| Veilig | Zoekt troost. |\n")
    assert '<table data-kaarten="">' in html
    assert '<td data-label="Soort">Veilig</td>\n<td data-label="Wat het kind doet">Zoekt troost.</td>' in html


SUMMARY = "# Titel\n\n/// samenvatting | In het kort\n\nKort.\n///\n\n"


def test_a_short_text_reads_in_a_minute(convert):
    html = convert(SUMMARY + "Een korte tekst.\n")
    assert '<p>Kort.</p>\n<p class="leestijd">Leestijd: ongeveer 1 minuut</p></div>' in html


def test_a_long_text_reads_in_minutes_sources_not_counted(convert):
    """1000 words in all (title, summary and text) at 200 a minute; the source list, its markers, the "#"
    links and a comment add none."""
    text = " ".join(["woord"] * 995)  # with "Titel", "In het kort" and "Kort."
    notes = " ".join(["bron"] * 300)
    html = convert(f"{SUMMARY}{text}[^1]\n\n<!-- een opmerking van vijf woorden -->\n\n[^1]: {notes}\n")
    assert '<p class="leestijd">Leestijd: ongeveer 5 minuten</p>' in html
    html = convert(f"{SUMMARY}{text} nog\n")
    assert '<p class="leestijd">Leestijd: ongeveer 6 minuten</p>' in html, "one word more"


def test_no_summary_no_reading_time(convert):
    assert "leestijd" not in convert("Een tekst zonder samenvatting.\n")
