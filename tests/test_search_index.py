"""The search index (Pagefind's, gids/search.py) holds what a reader reads on each page: no placeholders,
controls, printed-only lines, citation markers or source lists, and none of the pages that repeat the
chapters (the whole guide, the handouts)."""

from __future__ import annotations

import re

import pytest

from conftest import CHAPTERS, ROOT, normalise, search_entries, soup_of

# Words of the controls and printed-only lines that every page or tip carries (gids/links.py, printing.py).
CONTROLS = [
    "Deel deze pagina",
    "Deel deze tip",
    "Stuur per mail",
    "Kopieer link",
    "Lees deze tekst online",
    "Download als PDF",
]
QR_NAME = re.compile(r"QR-code naar (?:https?://|[A-Z])")  # a QR code's name ("QR-code naar http://…", "… naar Start")


@pytest.fixture(scope="module")
def docs(site) -> list[dict]:
    return search_entries(site)


def plain(text: str) -> str:
    return normalise(text)


def read(element) -> str:
    """An element's text without its source markers ([2, 3]), which the index leaves out."""
    return normalise(
        "".join(text for text in element.find_all(string=True) if not text.find_parent(class_="bronverwijzing"))
    )


def entry(docs: list[dict], location: str) -> str:
    found = [doc["text"] for doc in docs if doc["location"] == location]
    assert found, f"no search entry for {location!r}"
    return plain(found[0])


def test_no_placeholder_of_the_site_is_in_the_search_index(docs):
    """A page's placeholder (a line such as \\linklijst) is filled in the page; the index holds what filled it."""
    written = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").rglob("*.md")))
    markers = set(re.findall(r"^(\\[a-z_]+)\s*$", written, re.M))
    assert markers, "the pages hold placeholders such as \\linklijst"
    for doc in docs:
        found = [marker for marker in markers if marker in doc["text"]]
        assert not found and "\\" not in doc["text"], f"{doc['location']!r}: placeholder in the search index {found}"


def test_no_control_or_printed_line_is_in_the_search_index(docs):
    for doc in docs:
        text = plain(doc["text"])
        leaks = [words for words in CONTROLS if words in text]
        assert not leaks, f"{doc['location']!r}: {leaks} in the search index"
        assert not QR_NAME.search(text), f"{doc['location']!r}: a QR code's name in the search index"
        assert not text.endswith("#") and "# " not in text, f"{doc['location']!r}: a '#' link to a part in the index"


def test_the_reading_text_is_in_the_search_index(site, docs):
    """What is left is the page's own text: each chapter's summary, every tip, the caseworkers' introduction."""
    for slug in CHAPTERS.values():
        summary = soup_of(site, slug).select_one("div.samenvatting > p:not(.admonition-title):not(.leestijd)")
        assert read(summary) in entry(docs, f"{slug}/"), f"/{slug}/: its summary is not searchable"
    page = soup_of(site, "gehechtheid-in-pleegzorg")
    tips = entry(docs, "gehechtheid-in-pleegzorg/")
    for tip in page.select("div.admonition.pleegtip"):
        first = tip.select_one("p:not(.admonition-title):not(.delen)")
        assert read(first) in tips, f"{tip['id']}: its text is not searchable"
    caseworkers = entry(docs, "voor-begeleiders/")
    introduction = soup_of(site, "voor-begeleiders").select_one("article h1 ~ p:not(.delen)")
    assert read(introduction) in caseworkers
    # The list of every part of the guide is a tool (checkboxes, links, QR codes): its titles are found on
    # their own pages, not a second time on Voor begeleiders.
    assert "Vier soorten gehechtheid" not in caseworkers


def test_the_pages_that_repeat_the_chapters_are_not_searched(docs):
    """The whole guide and the handouts hold the chapters' text again: in the search they would outrank the
    chapters ("au-momentjes" found /tipkaarten/ first), so only the pages themselves are indexed."""
    locations = {doc["location"] for doc in docs}
    assert {"wat-is-gehechtheid/", "gehechtheid-in-pleegzorg/", "woordenlijst/"} <= locations
    for repeated in ("volledige-gids/", "tips-op-een-blad/", "tipkaarten/", "selectie/"):
        assert repeated not in locations, f"/{repeated} is in the search index"


def test_a_tip_and_a_word_are_parts_a_result_can_lead_to(site, docs):
    """Each tip and each word of the glossary is a part of its page in the index (its title, its id), so a
    result leads to the passage itself, not to the top of a long chapter."""
    anchors = {doc["location"]: {anchor["id"]: anchor["text"] for anchor in doc["anchors"]} for doc in docs}
    tips = soup_of(site, "gehechtheid-in-pleegzorg").select("div.admonition.pleegtip[id]")
    assert tips
    for tip in tips:
        title = normalise(tip.select_one("p.admonition-title").get_text().replace("#", ""))
        assert anchors["gehechtheid-in-pleegzorg/"].get(tip["id"]) == title, tip["id"]
    words = soup_of(site, "woordenlijst").select("dl.woordenlijst dt[id]")
    assert words and all(word["id"] in anchors["woordenlijst/"] for word in words)


def test_the_source_lists_are_not_searched(site, docs):
    """The sources stay out: a source's title (mostly English) is no reading text, nor its status label."""
    listed = soup_of(site, "bronnen").select("ol.bronnenlijst > li")
    assert listed
    texts = " ".join(doc["text"] for doc in docs)
    for source in listed[:10]:
        title = source.find("em")
        if title is not None and len(title.get_text()) > 20:
            assert normalise(title.get_text()) not in texts, title.get_text()
    assert "Gecontroleerd" not in entry(docs, "bronnen/")
