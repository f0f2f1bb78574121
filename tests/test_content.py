"""The site carries all of the source text, in its chapters, with every citation at its sentence."""

from __future__ import annotations

import copy

import pytest

from conftest import (
    CHAPTERS,
    CITATION,
    SUBHEADINGS,
    canonical_citations,
    expand_numbers,
    marker_numbers,
    normalise,
    sentences,
    soup_of,
)

TIP_IDS = [
    "tip-ondersteun-pleegouders",
    "tip-kleine-signalen",
    "tip-kind-bezeert-zich",
    "tip-au-momentjes",
    "tip-stabiele-relaties",
    "tip-fijne-momenten",
    "tip-controlerend-gedrag",
]
# The source's side boxes: (page, box id, first words, last words).
KEY_MESSAGES = [
    ("wat-is-gehechtheid", "kern-nooit-verloren", "Wanneer een kind onveilig gehecht is", "nooit ‘verloren’."),
    (
        "waarom-gehechtheid-belangrijk-is",
        "kern-hechten-aan-pleegouders",
        "Het is duidelijk dat",
        "(mogelijks onveilig).",
    ),
    (
        "gehechtheid-in-pleegzorg",
        "kern-vipp-fc-en-basic-trust",
        "Alle pleegzorgdiensten bieden",
        "als bijlage 1 opgenomen.",
    ),
]


def page_text(site, slug: str) -> str:
    """The chapter's own text: citation groups written as [n,m], without headings and source list."""
    article = copy.copy(soup_of(site, slug).select_one("article.md-content__inner"))
    for element in article.select(".headerlink, div.footnote, h1, h2, h3, h4, .admonition-title"):
        element.decompose()
    for span in article.select("span.bronverwijzing"):
        span.replace_with("[" + ",".join(map(str, marker_numbers(span))) + "]")
    return normalise(article.get_text(" "))


def test_source_has_the_expected_chapters(source_chapters):
    assert list(source_chapters) == list(CHAPTERS)
    assert all(len(text) > 500 for text in source_chapters.values())


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_every_source_sentence_is_on_its_page_with_its_citations(site, source_chapters, chapter):
    on_page = page_text(site, CHAPTERS[chapter])
    source = sentences(canonical_citations(source_chapters[chapter]))
    assert len(source) > 5
    missing = [sentence for sentence in source if sentence not in on_page]
    assert not missing, f"{CHAPTERS[chapter]}: {len(missing)} source sentences missing, first: {missing[0]!r}"


@pytest.mark.parametrize("heading,slug", SUBHEADINGS.items())
def test_source_subheadings_are_headings(site, heading, slug):
    headings = [h.get_text().replace("¶", "").strip() for h in soup_of(site, slug).select("article h2, article h3")]
    assert heading in headings


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_chapter_cites_at_least_the_sources_of_the_source_chapter(site, source_chapters, chapter):
    """Every source the brochure cites in a chapter is cited there; editors may add sources, never drop one."""
    expected = {n for group in CITATION.findall(source_chapters[chapter]) for n in expand_numbers(group)}
    soup = soup_of(site, CHAPTERS[chapter])
    cited = {n for span in soup.select("span.bronverwijzing") for n in marker_numbers(span)}
    listed = [int(li["value"]) for li in soup.select("div.footnote:not(.voetnoten) ol > li")]
    assert cited >= expected, f"sources of the brochure missing: {sorted(expected - cited)}"
    assert listed == sorted(cited), "the chapter's source list holds each cited source once, in number order"


def test_chapter_source_list_has_dutch_heading(site):
    for slug in CHAPTERS.values():
        soup = soup_of(site, slug)
        heading = soup.select_one("h2#bronnen-bij-dit-hoofdstuk")
        assert heading is not None, slug
        assert heading.find_next("div", class_="footnote") is not None, slug
        for item in soup.select("div.footnote:not(.voetnoten) li"):
            names = [backref["aria-label"] for backref in item.select("a.footnote-backref")]
            assert names and all(name.startswith(f"Terug naar de tekst bij bron {item['value']}") for name in names)
            assert len(set(names)) == len(names), f"{slug}: back links of source {item['value']} have one name"
        for backref in soup.select("a.footnote-backref"):
            assert not backref.get("title")
            assert soup.find(id=backref["href"][1:]) is not None, f"{slug}: back link {backref['href']} leads nowhere"


def test_typo_fixes_are_listed(typo_fixes):
    assert len(typo_fixes) >= 4
    olds = {old for old, _ in typo_fixes}
    for known in (
        "wordt al veilige basis beschouwd",
        "Ook Basis Trust is",
        "Een meer uitbreide omschrijving",
        "Van den Bergh en Wetering",
    ):
        assert known in olds


def test_every_tip_has_its_box_and_id(site, source_chapters):
    """The brochure's seven tips, in its order, each in its box with its stable id (editors may add tips)."""
    soup = soup_of(site, "gehechtheid-in-pleegzorg")
    boxes = [box for box in soup.select("div.admonition.pleegtip") if box.get("id") in TIP_IDS]
    assert [box.get("id") for box in boxes] == TIP_IDS
    text = source_chapters["3. Gehechtheid in pleegzorg"]
    tips_part = text[: text.index("Alle pleegzorgdiensten")]
    tips_part = tips_part[tips_part.index("- Een aantal pleegouderfactoren") :]
    tips = [canonical_citations(t.strip()) for t in tips_part.split("- ") if t.strip()]
    assert len(tips) == len(TIP_IDS)
    for tip, box in zip(tips, map(copy.copy, boxes)):
        title = box.select_one(".admonition-title").get_text().strip()
        assert 3 <= len(title.split()) <= 14, f"tip heading should be short: {title!r}"
        for element in box.select(".admonition-title, p.delen"):
            element.decompose()
        for span in box.select("span.bronverwijzing"):
            span.replace_with("[" + ",".join(map(str, marker_numbers(span))) + "]")
        assert normalise(tip) == normalise(box.get_text(" ")), box.get("id")


@pytest.mark.parametrize("slug,box_id,first,last", KEY_MESSAGES)
def test_every_key_message_has_its_box(site, slug, box_id, first, last):
    box = soup_of(site, slug).find(id=box_id)
    assert box is not None and "kernboodschap" in box["class"]
    body = box.find_all("p")[1:]
    text = normalise(" ".join(p.get_text(" ") for p in body))
    assert text.startswith(first) and text.endswith(last), text


def test_home_page_leads_to_the_chapters_and_the_key_message(site):
    soup = soup_of(site, "")
    links = {a["href"].strip("./") for a in soup.select("article a[href]")}
    for slug in CHAPTERS.values():
        assert slug in links
    box = soup.select_one("article div.admonition.kernboodschap")
    assert box is not None and "nooit ‘verloren’" in box.get_text()
