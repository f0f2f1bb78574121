"""The page extension gids.markdown on plain Python-Markdown, without MkDocs: explained words, the "#" links
of tips and key messages, tables as cards, the reading time. Each test converts a few lines (no site build)."""

from __future__ import annotations

import markdown
import pytest

from gids.markdown.boxes import BoxError

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
            extensions=[
                "gids.markdown",
                "abbr",
                "attr_list",
                "md_in_html",
                "toc",
                "tables",
                "footnotes",
                "pymdownx.blocks.admonition",
            ],
            extension_configs={
                "gids.markdown": {"glossary": str(path), "glossary_page": "woordenlijst.md"},
                # As gids/glossary.py fills it in from woordenlijst.yml for MkDocs:
                "abbr": {
                    "glossary": {"veilige basis": "Een plek om van te vertrekken.", "continuïteit": "Dat het blijft."}
                },
                "toc": {"permalink": True, "permalink_title": "Link naar dit onderdeel"},
                "pymdownx.blocks.admonition": {"types": ["pleegtip", "kernboodschap", "samenvatting"]},
            },
        )

    return convert


TIP = "/// pleegtip | Zoek een veilige basis\n    attrs: {id: tip-basis}\n\nZorg voor continuïteit.\n///\n"


def test_a_word_becomes_a_link_to_its_entry(convert):
    html = convert("Een veilige basis helpt.")
    assert html == '<p>Een <a class="uitleg" href="woordenlijst.md#woord-veilige-basis">veilige basis</a> helpt.</p>'


def test_a_word_stays_plain_in_headings_links_and_box_titles(convert):
    html = convert(f"## Een veilige basis\n\nZie [een veilige basis](elders.md).\n\n{TIP}")
    assert '<h2 id="een-veilige-basis">Een veilige basis<a' in html
    assert '<a href="elders.md">een veilige basis</a>' in html
    assert '<p class="admonition-title">Zoek een veilige basis' in html
    assert '<p>Zorg voor <a class="uitleg" href="woordenlijst.md#woord-continuiteit">continuïteit</a>.</p>' in html, (
        "in the box's text a word is explained"
    )
    assert "<abbr" not in html and html.count('class="uitleg"') == 1


def test_the_glossary_page_lists_the_words_and_links_none(convert):
    html = convert("Elke veilige basis.\n\n\\woordenlijst\n")
    assert html == (
        '<p>Elke veilige basis.</p>\n<dl class="woordenlijst">\n'
        '<dt id="woord-continuiteit">Continuïteit</dt>\n<dd>Dat het blijft.</dd>\n'
        '<dt id="woord-veilige-basis">veilige basis</dt>\n<dd>Een plek om van te vertrekken.</dd>\n</dl>'
    )


def test_a_tip_gets_its_link_and_headings_their_names(convert):
    html = convert(f"## Tips\n\n{TIP}")
    assert (
        '<p class="admonition-title">Zoek een veilige basis<a aria-label="Link naar deze tip: Zoek een veilige '
        'basis" class="headerlink" href="#tip-basis">#</a></p>'
    ) in html
    assert (
        '<h2 id="tips">Tips<a aria-label="Link naar dit onderdeel: Tips" class="headerlink" href="#tips">'
        "&para;</a></h2>"
    ) in html, "named, not titled"


def test_a_key_message_gets_its_link(convert):
    html = convert("/// kernboodschap | Nooit verloren\n    attrs: {id: kern-nooit}\n\nTekst.\n///\n")
    assert (
        '<a aria-label="Link naar deze kernboodschap: Nooit verloren" class="headerlink" href="#kern-nooit">#</a>'
        in html
    )


@pytest.mark.parametrize(
    "options,expected",
    [
        ("", "de tip 'Zonder id' heeft geen id"),
        ("    attrs: {id: basis}\n", "de tip 'Zonder id' heeft de id 'basis', maar die moet beginnen met tip-"),
    ],
)
def test_a_tip_without_its_id_stops(convert, options, expected):
    with pytest.raises(BoxError) as error:
        convert(f"/// pleegtip | Zonder id\n{options}\nTekst.\n///\n")
    assert str(error.value).startswith(expected), str(error.value)
    assert "attrs: {id: tip-korte-naam}" in str(error.value)


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
