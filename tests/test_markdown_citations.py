"""The citations of the extension gids.markdown on plain Python-Markdown, without MkDocs: small texts, a
small references.bib, and what a reader gets, written out."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from gids import citations
from gids.citations import SourceError

BIB = """\
@book{peeters2020,
  author = {Peeters, An},
  title = {Hechting thuis},
  langid = {dutch},
  publisher = {Lannoo},
  year = {2020},
  brochure-number = {2},
  status = {verified}
}

@article{smith2019,
  author = {Smith, John and Jones, Mary},
  title = {Attachment at home},
  journal = {Child Development},
  volume = {12},
  pages = {1--10},
  year = {2019},
  langid = {english},
  brochure-number = {3},
  status = {reconstructed}
}
""" + "".join(
    f"\n@misc{{bron{n},\n  brochure-number = {{{n}}},\n  status = {{unrecovered}}\n}}\n" for n in range(31, 37)
)

REACTION = "mailto:redactie@pleegzorg.example"


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    """One .bib for the module: pandoc formats it once (the other tests read its .cache)."""
    path = tmp_path_factory.mktemp("bronnen") / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def render(text: str, bib) -> BeautifulSoup:
    html = markdown.markdown(
        text,
        extensions=["gids.markdown", "footnotes", "attr_list", "md_in_html"],
        extension_configs={"gids.markdown": {"references": str(bib), "reaction": REACTION}},
    )
    assert "[@" not in html and "[^" not in html and "gids:bron" not in html
    return BeautifulSoup(html, "html.parser")


def seen(link) -> str:
    """A marker as the eye sees it: without the words for the ear."""
    link = link.__copy__()
    for ear in link.select(".voorlezen"):
        ear.decompose()
    return link.get_text()


def sources_list(soup):
    return soup.select_one("div.footnote:not(.voetnoten)")


def test_one_marker(bib):
    soup = render("Een zin [@peeters2020].", bib)
    group = soup.select("p span.bronverwijzing")
    assert len(group) == 1
    link = group[0].select_one("a.footnote-ref")
    assert link.attrs == {
        "class": ["footnote-ref"],
        "id": "ref-2",
        "href": "#bron-2",
        "data-bronnen": "2",
        "data-search-exclude": "",
    }
    assert link.get_text() == "Bron 2" and seen(link) == "2"
    assert soup.select_one("p").get_text() == "Een zin Bron 2."
    heading = soup.select_one("h2")
    assert heading.get_text() == "Bronnen bij deze pagina"
    assert heading.find_next_sibling() is sources_list(soup), "the list under its heading, at the end"
    [item] = sources_list(soup).select("li")
    assert (item["id"], item["value"]) == ("bron-2", "2")
    assert item.p.get_text() == "Peeters, A. (2020). Hechting thuis. Lannoo.\u00a0↩"
    assert [em.get_text() for em in item.select("em")] == ["Hechting thuis"]
    [back] = item.select("a.footnote-backref")
    assert back["href"] == "#ref-2" and back["aria-label"] == "Terug naar de tekst bij bron 2"
    assert "title" not in back.attrs


def test_a_group_of_two(bib):
    soup = render("Twee bronnen [@smith2019; @peeters2020].", bib)
    [link] = soup.select("span.bronverwijzing a.footnote-ref")
    assert (link["id"], link["href"], link["data-bronnen"]) == ("ref-2", "#bron-2", "2 3")
    assert seen(link) == "2, 3" and link.get_text() == "Bronnen 2,  en 3"
    assert [span.get_text() for span in link.select(".voorlezen")] == ["Bronnen ", " en "]
    assert [span.get_text() for span in link.select("[aria-hidden=true]")] == [", "]
    assert [li["id"] for li in sources_list(soup).select("li")] == ["bron-2", "bron-3"]
    assert [a["href"] for a in sources_list(soup).select("a.footnote-backref")] == ["#ref-2", "#ref-2"]


def test_a_run_of_six(bib):
    soup = render("Zes bronnen [@bron31; @bron32; @bron33; @bron34; @bron35; @bron36].", bib)
    [link] = soup.select("span.bronverwijzing a.footnote-ref")
    assert seen(link) == "31–36"
    assert [span.get_text() for span in link.select(".voorlezen")] == ["Bronnen ", " tot en met "]
    assert (link["id"], link["href"], link["data-bronnen"]) == ("ref-31", "#bron-31", "31 32 33 34 35 36")
    assert [li["value"] for li in sources_list(soup).select("li")] == ["31", "32", "33", "34", "35", "36"]


def test_adjacent_citations_are_one_group(bib):
    soup = render("Na elkaar [@peeters2020] [@smith2019], en apart [@bron31].", bib)
    assert [seen(a) for a in soup.select("span.bronverwijzing a")] == ["2, 3", "31"]
    assert soup.select_one("p").get_text() == "Na elkaar Bronnen 2,  en 3, en apart Bron 31."


def test_a_source_cited_again(bib):
    soup = render("Eerst [@peeters2020].\n\nDan opnieuw [@peeters2020].", bib)
    assert [a["id"] for a in soup.select("span.bronverwijzing a")] == ["ref-2", "ref-2-2"]
    backs = sources_list(soup).select("li#bron-2 a.footnote-backref")
    assert [(a["href"], a["aria-label"], a.get_text()) for a in backs] == [
        ("#ref-2", "Terug naar de tekst bij bron 2 (1)", "↩\u00a01"),
        ("#ref-2-2", "Terug naar de tekst bij bron 2 (2)", "↩\u00a02"),
    ]


def test_an_unknown_key_is_named_in_dutch(bib):
    with pytest.raises(SourceError) as error:
        render("Een zin.\nNog een zin [@peeters2020; @onbekend2021].", bib)
    assert str(error.value).startswith(
        "onbekende bron @onbekend2021 (regel 2): die sleutel staat niet in "
        "references.bib. Kijk de schrijfwijze na (hoofdletters tellen)"
    )


def test_status_labels(bib):
    soup = render("Gereconstrueerd [@smith2019], niet gevonden [@bron31].", bib)
    label = sources_list(soup).select_one("li#bron-3 a.bronstatus")
    assert label.attrs == {
        "class": ["bronstatus", "bronstatus--reconstructed"],
        "href": "over-deze-gids.md#over-de-bronnen",
        "aria-label": "Gereconstrueerd: wat betekent dat? (bron 3)",
    }
    assert label.get_text() == "Gereconstrueerd"
    missing = sources_list(soup).select_one("li#bron-31")
    assert missing.p.get_text().startswith(
        "Bron 31 uit de oorspronkelijke brochure is nog niet teruggevonden. "
        "Nog niet teruggevonden Ken je deze bron? Laat het ons weten."
    )
    assert missing.select_one("a.bronstatus")["aria-label"] == "Nog niet teruggevonden: wat betekent dat? (bron 31)"
    assert (
        missing.select_one("a.bron-oproep")["href"]
        == "mailto:redactie@pleegzorg.example?subject=Bron%2031%20van%20de%20brochure"
    )


def test_an_english_title_is_marked_english(bib):
    soup = render("Engels [@smith2019], Nederlands [@peeters2020].", bib)
    english = sources_list(soup).select_one("li#bron-3")
    assert [span.get_text() for span in english.select("[lang]")] == ["Attachment at home", "Child Development"]
    assert {span["lang"] for span in english.select("[lang]")} == {"en"}
    assert english.p.get_text().startswith(
        "Smith, J., en Jones, M. (2019). Attachment at home. Child Development, 12, 1–10."
    )
    assert not sources_list(soup).select("li#bron-2 [lang]")


def test_an_authors_footnote_stands_apart(bib):
    soup = render("Een bron [@peeters2020] en een noot.[^noot]\n\n[^noot]: Een eigen noot.", bib)
    notes = soup.select_one("div.footnote.voetnoten")
    assert notes.select_one("h2").attrs == {"id": "voetnoten"} and notes.h2.get_text() == "Voetnoten"
    [note] = notes.select("li")
    assert (note["id"], note["value"]) == ("fn:noot", "1") and note.p.get_text().startswith("Een eigen noot.")
    assert soup.select_one("sup#fnref\\:noot a").get_text() == "1"
    assert [li["id"] for li in sources_list(soup).select("li")] == ["bron-2"]
    assert notes.find_next_sibling().get_text() == "Bronnen bij deze pagina", "the notes come before the sources"


def test_the_list_goes_where_the_page_says(bib):
    soup = render("Een bron [@peeters2020].\n\n## Bronnen bij dit hoofdstuk\n\n\\bronnenlijst\n\nNa de lijst.", bib)
    assert [h.get_text() for h in soup.select("h2")] == ["Bronnen bij dit hoofdstuk"], "no heading of its own"
    listing = soup.select_one("h2").find_next_sibling()
    assert listing is sources_list(soup) and listing.find_next_sibling("p").get_text() == "Na de lijst."
    assert "\\bronnenlijst" not in str(soup)


def test_no_citation_no_list(bib):
    soup = render("Geen bron.\n\n\\bronnenlijst", bib)
    assert str(soup) == "<p>Geen bron.</p>"


def test_every_source_and_their_state(bib):
    soup = render("\\bronnenstatus\n\n\\full_bibliography", bib)
    assert soup.select_one("p").get_text() == (
        "Van de 8 bronnen uit de brochure zijn er 1 gecontroleerd, 1 gereconstrueerd en 6 nog niet teruggevonden."
    )
    assert [a["href"] for a in soup.select("ul a.bronnummer")][:3] == [
        "bronnen.md#bron-2",
        "bronnen.md#bron-3",
        "bronnen.md#bron-31",
    ]
    items = soup.select("ol.bronnenlijst > li")
    assert [(li["id"], li["value"]) for li in items] == [(f"bron-{n}", str(n)) for n in (2, 3, 31, 32, 33, 34, 35, 36)]
    assert items[0].get_text() == "Peeters, A. (2020). Hechting thuis. Lannoo."
    assert not soup.select("a.footnote-backref"), "the Bronnen page has no markers to go back to"


def test_pandoc_runs_once_for_a_bib(tmp_path, monkeypatch):
    """The formatted sources are kept in .cache/bronnen beside the .bib; a changed .bib is formatted again."""
    path = tmp_path / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    render("Een zin [@peeters2020].", path)
    assert len(list((tmp_path / ".cache" / "bronnen").glob("*.json"))) == 1
    citations._load.cache_clear()  # a new process: only the files are left

    def no_pandoc(*args, **kwargs):
        raise AssertionError("pandoc ran again")

    monkeypatch.setattr(citations.pypandoc, "convert_text", no_pandoc)
    assert sources_list(render("Een zin [@peeters2020].", path)).select_one("li#bron-2")
    path.write_text(BIB.replace("Lannoo", "Acco"), encoding="utf-8")
    with pytest.raises(AssertionError, match="pandoc ran again"):
        render("Een zin [@peeters2020].", path)
