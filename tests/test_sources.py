"""references.bib follows the recovered data; every source keeps its brochure number everywhere."""

from __future__ import annotations

import copy
import json
import re

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from conftest import (
    CHAPTERS,
    RECOVERED,
    ROOT,
    all_pages,
    bibliography,
    marker_numbers,
    normalise,
    shown_text,
    soup_of,
    spoken_text,
)

RECOVERED_DATA = {item["n"]: item for item in json.loads(RECOVERED.read_text(encoding="utf-8"))}
# Fields the site adds to an entry: its number and status, and typesetting hints for pandoc.
SITE_FIELDS = {"brochure-number", "status", "options", "langid"}


def strip_protection(value: str) -> str:
    return value.replace("{", "").replace("}", "").lower()


@pytest.fixture(scope="module")
def bib():
    return bibliography()


@pytest.fixture(scope="module")
def sources_page(site):
    return soup_of(site, "bronnen")


def entry_text(li) -> str:
    """A source list item as a reader sees it, without the back links."""
    li = li.__copy__()
    for backref in li.select("a.footnote-backref"):
        backref.decompose()
    return normalise(li.get_text(" "))


def test_one_entry_per_brochure_number(bib):
    """Every number of the brochure has its entry; a source the editors added comes after them."""
    numbers = sorted(
        int(entry.fields["brochure-number"]) for entry in bib.entries.values() if "brochure-number" in entry.fields
    )
    assert numbers == sorted(RECOVERED_DATA)
    added = [entry for entry in bib.entries.values() if "brochure-number" not in entry.fields]
    assert all(
        entry.fields["status"] == "added" and int(entry.fields["site-number"]) > max(RECOVERED_DATA) for entry in added
    )


@pytest.mark.parametrize("n", sorted(RECOVERED_DATA))
def test_entry_follows_the_recovered_data(bib, n):
    item = RECOVERED_DATA[n]
    entry = bib.entries[item["key"]]
    assert int(entry.fields["brochure-number"]) == n
    assert entry.fields["status"] == item["status"]
    if item["bibtex"] is None:
        assert set(entry.fields.keys()) == {"brochure-number", "status"}, "an unrecovered source gets no invented field"
        assert not entry.persons
        return
    recovered = parse_string(item["bibtex"], "bibtex").entries[item["key"]]
    assert entry.type == recovered.type
    own = {k.lower() for k in entry.fields.keys()} - SITE_FIELDS
    assert own == {k.lower() for k in recovered.fields.keys()}, "fields exactly as complete as the recovered data"
    for field, value in recovered.fields.items():
        assert strip_protection(entry.fields[field]) == strip_protection(value), field
    for role, persons in recovered.persons.items():
        ours = [strip_protection(str(p)) for p in entry.persons[role]]
        assert ours == [strip_protection(str(p)) for p in persons], role


def test_caveats_are_comments_above_their_entries():
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    for item in RECOVERED_DATA.values():
        start = text.index("{" + item["key"] + ",")
        previous_entry_end = text.rfind("\n}", 0, start)
        preamble = text[previous_entry_end:start]
        for caveat in item["caveats"]:
            assert caveat.replace("@", "(at)") in preamble, item["key"]


def number(entry) -> int:
    return int(entry.fields.get("brochure-number") or entry.fields["site-number"])


def test_every_entry_is_cited(site, bib):
    """The brochure's sources in its chapters; every other source on some page."""
    in_chapters = set()
    for slug in CHAPTERS.values():
        in_chapters |= {int(li["value"]) for li in soup_of(site, slug).select("div.footnote:not(.voetnoten) ol > li")}
    assert in_chapters >= set(RECOVERED_DATA)
    anywhere = {
        int(li["value"])
        for page in all_pages(site)
        if page.parent.name != "volledige-gids"
        for li in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            "div.footnote:not(.voetnoten) ol > li"
        )
    }
    assert anywhere >= {number(entry) for entry in bib.entries.values()}


def test_sources_page_lists_every_entry_in_number_order(sources_page, bib):
    items = sources_page.select("ol.bronnenlijst > li")
    numbers = sorted(number(entry) for entry in bib.entries.values())
    assert [li["id"] for li in items] == [f"bron-{n}" for n in numbers]
    assert [int(li["value"]) for li in items] == numbers


def test_status_is_visible_on_the_sources_page(sources_page):
    for n, item in RECOVERED_DATA.items():
        li = sources_page.find(id=f"bron-{n}")
        labels = [a.get_text() for a in li.select("a.bronstatus")]
        if item["status"] == "verified":
            assert labels == []
        elif item["status"] == "reconstructed":
            assert labels == ["Gereconstrueerd"]
        else:
            assert labels == ["Nog niet teruggevonden"]
            assert f"Bron {n} uit de oorspronkelijke brochure is nog niet teruggevonden." in li.get_text()
            assert not re.search(r"\(\d{4}\)|z\.d\.", li.get_text()), "no year is made up"


@pytest.mark.parametrize("slug", list(CHAPTERS.values()))
def test_a_source_has_the_same_number_and_text_on_every_page(site, sources_page, slug):
    soup = soup_of(site, slug)
    for li in soup.select("div.footnote ol > li"):
        n = int(li["value"])
        assert li["id"] == f"bron-{n}"
        assert entry_text(li) == entry_text(sources_page.find(id=f"bron-{n}")), f"{slug}: source {n}"
    for group in soup.select("span.bronverwijzing"):
        link = group.select_one("a.footnote-ref")
        numbers = marker_numbers(group)
        assert link["href"] == f"#bron-{numbers[0]}", "without JavaScript a group leads to its first source"
        assert link["data-bronnen"] == " ".join(map(str, numbers)), "with it, the window shows every number"


@pytest.mark.parametrize(
    "shown,name",
    [
        ("[26]", "Bron 26"),
        ("[2, 3]", "Bronnen 2 en 3"),
        ("[31–36]", "Bronnen 31 tot en met 36"),
        ("[30–32, 38, 41–43]", "Bronnen 30 tot en met 32, 38 en 41 tot en met 43"),
        ("[33, 35, 36, 38]", "Bronnen 33, 35, 36 en 38"),
    ],
)
def test_a_group_says_every_number_it_holds(site, shown, name):
    """A screen reader hears every source of a group, also the ones inside a range."""
    groups = {
        shown_text(span): spoken_text(span.a)
        for slug in CHAPTERS.values()
        for span in soup_of(site, slug).select("span.bronverwijzing")
    }
    assert groups[shown] == name


def test_citation_groups_read_as_one_group(site):
    soup = soup_of(site, "gehechtheid-in-pleegzorg")
    texts = [shown_text(span) for span in soup.select("span.bronverwijzing")]
    assert "[31–36]" in texts
    assert "[30–32, 38, 41–43]" in texts
    assert "[33, 35, 36, 38]" in texts
    assert not soup.select("article sup a.footnote-ref"), "no bare footnote numbers left"
    article = copy.copy(soup.select_one("article"))
    for element in article.select("div.footnote, aside.pagina-info"):
        element.decompose()
    text = article.get_text()
    assert not re.search(r"\d{3,}", text), "no run of digits such as 313233"


def test_reference_typesetting(sources_page, bib):
    text = {int(li["value"]): entry_text(li) for li in sources_page.select("ol.bronnenlijst > li")}
    assert text[18].startswith("van IJzendoorn, M. H., Schuengel, C., en Bakermans-Kranenburg, M. J. (1999).")
    assert text[22].startswith("Van den Bergh, P. M., en Weterings, A. M. (Red.). (2010).")
    assert "van den Dries, L." in text[26]
    assert "Basic Trust: An attachment-oriented intervention" in text[45]
    assert "Ainsworth Strange Situation" in text[12]
    assert "(Red.)" in text[12] and " en E. M. Cummings" in text[12]
    assert "225–249" in text[18]
    for n, entry in text.items():
        assert "\\" not in entry and "--" not in entry and "{" not in entry, f"source {n}: {entry}"
        assert "IJzendoorn, M. H. van" not in entry
        assert "&" not in entry.split(" (")[0], f"source {n}: names are joined with 'en'"
    for entry in bib.entries.values():
        if "pages" in entry.fields:
            n = int(entry.fields["brochure-number"])
            assert entry.fields["pages"].replace("--", "–") in text[n], f"source {n}: page range with an en dash"


def test_dois_are_links(sources_page, bib):
    for entry in bib.entries.values():
        if "doi" in entry.fields:
            li = sources_page.find(id=f"bron-{entry.fields['brochure-number']}")
            assert li.find("a", href=f"https://doi.org/{entry.fields['doi']}") is not None


def test_about_page_reports_the_state_of_the_sources(site, bib):
    """The counts and lists on 'Over deze gids' agree with references.bib as it is (an editor who recovers or adds a
    source changes them): each number read from the page, not the sentence rebuilt."""
    text = normalise(soup_of(site, "over-deze-gids").select_one("article").get_text(" "))
    statuses: dict[str, list[int]] = {}
    for entry in bib.entries.values():
        number = int(entry.fields.get("brochure-number") or entry.fields["site-number"])
        statuses.setdefault(entry.fields["status"], []).append(number)
    brochure = sum(len(statuses.get(status, [])) for status in ("verified", "reconstructed", "unrecovered"))
    said = re.search(
        r"Van de (\d+) bronnen uit de brochure zijn er (\d+) gecontroleerd, (\d+) gereconstrueerd en "
        r"(\d+) nog niet teruggevonden",
        text,
    )
    assert said, text[:500]
    assert [int(n) for n in said.groups()] == [
        brochure,
        len(statuses.get("verified", [])),
        len(statuses.get("reconstructed", [])),
        len(statuses.get("unrecovered", [])),
    ]
    assert brochure == len(RECOVERED_DATA), "the brochure's sources, however many are recovered"
    for label, status in (
        ("Gecontroleerd", "verified"),
        ("Gereconstrueerd", "reconstructed"),
        ("Nog niet teruggevonden", "unrecovered"),
        ("Toegevoegd door de redactie", "added"),
    ):
        listed = re.search(rf"{label} \((\d+)\): ([\d, ]+|geen)", text)
        if status == "added" and not statuses.get("added"):
            assert listed is None, "no line for added sources while there are none"
            continue
        assert listed, f"{label}: {text[:300]}"
        numbers = [] if listed.group(2) == "geen" else [int(n) for n in listed.group(2).replace(",", " ").split()]
        assert int(listed.group(1)) == len(numbers) and numbers == sorted(statuses.get(status, [])), label
    assert "West, Vanderfaeillie, Van Hove, Gypen en Van Holen (2020)" in text
    assert "waarschijnlijk, maar niet zeker" in text


ENGLISH = {"english", "american", "british"}


def plain_title(value: str) -> str:
    """A BibTeX title as pandoc prints it: without protecting braces and escapes."""
    return normalise(value.replace("{", "").replace("}", "").replace("\\&", "&").replace("'", "’"))


def test_every_title_says_its_language(bib):
    """A reader's voice needs the language of each title: every entry with a title names it (langid)."""
    missing = [key for key, entry in bib.entries.items() if "title" in entry.fields and "langid" not in entry.fields]
    assert not missing, f"entries without langid: {missing}"


@pytest.mark.parametrize("slug", ["bronnen", *CHAPTERS.values()])
def test_english_titles_are_marked_english(site, bib, slug):
    """WCAG 3.1.2: each source marked English (langid) shows its title and journal or book inside lang="en",
    on the Bronnen page and in each chapter's list (the window copies those); a Dutch title stays unmarked."""
    soup = soup_of(site, slug)
    items = {int(li["value"]): li for li in soup.select("ol.bronnenlijst > li, div.footnote li[value]")}
    if slug != "bronnen":
        items = {int(li["id"].rsplit("-", 1)[1]): li for li in soup.select("div.footnote li[id^=bron-]")}
    checked = 0
    for entry in bib.entries.values():
        number = int(entry.fields["brochure-number"]) if "brochure-number" in entry.fields else None
        if number not in items or "title" not in entry.fields:
            continue
        marked = [normalise(span.get_text()) for span in items[number].select("[lang=en]")]
        title = plain_title(entry.fields["title"])
        if entry.fields.get("langid", "").lower() in ENGLISH:
            assert title in marked, f"/{slug} source {number}: title not marked English: {marked}"
            container = entry.fields.get("journal") or entry.fields.get("booktitle")
            assert not container or plain_title(container) in marked, f"/{slug} source {number}: {marked}"
        else:
            assert not marked, f"/{slug} source {number} is not English: {marked}"
        checked += 1
    assert checked > 0
