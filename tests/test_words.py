"""The site's own words (titles, summaries, glossary, home and service pages): they restate the brochure
with its hedges, in plain Dutch (B1), and the overclaims found in review do not come back."""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from gids import leesbaarheid  # the readability report's own measures: ./run.sh report

from conftest import CHAPTERS, ROOT, nav_pages, normalise, search_entries, soup_of

GLOSSARY = {
    entry["term"]: " ".join(entry["uitleg"].split())
    for entry in yaml.safe_load((ROOT / "woordenlijst.yml").read_text(encoding="utf-8"))
}
# Pages the site's editors wrote as a whole (their boxes with the brochure's words left out).
EDITORS_PAGES = ["", "herken-je-dit", "overzichten", "over-deze-gids"]
# The one line, everywhere a page describes behaviour beside the kinds of attachment.
ONLY_A_PROFESSIONAL = re.compile(r"deskundige|hulpverlener|professional|specialist", re.I)
TYPE_LABEL = re.compile(r"\b(veilig|vermijdend|ambivalent|gedesorganiseerd)e?\s+gehecht", re.I)
FOR_THE_SERVICE = "Voor de pleegzorgdienst"


def article(site, slug):
    """A page's article without its sharing line, the brochure's boxes, its source list and its footer."""
    body = copy.copy(soup_of(site, slug).select_one("article"))
    for element in body.select(
        "p.delen, .kernboodschap, .pleegtip, .footnote, .print-adres, aside.pagina-info, "
        "#bronnen-bij-deze-pagina, a.headerlink"
    ):
        element.decompose()
    return body


def text_of(element) -> str:
    """An element's text as a reader sees it, without the source markers."""
    element = copy.copy(element)
    for marker in element.select("span.bronverwijzing"):
        marker.decompose()
    return normalise(element.get_text(" "))


def sentences_of(element) -> list[str]:
    """One sentence per line in the Markdown, so per line of each paragraph; a table row is one unit (a cell's
    hedge belongs to its row)."""
    found = []
    blocks = [element] if element.name in ("p", "li", "tr", "dd") else element.select("p, li, tbody tr, dd")
    for block in blocks:
        if block.find(["p", "li"]):
            continue
        block = copy.copy(block)
        for marker in block.select("span.bronverwijzing"):
            marker.decompose()
        if block.name == "tr":
            found.append(normalise(" ".join(td.get_text(" ") for td in block.select("td"))))
            continue
        for line in block.get_text().splitlines():
            found += [
                normalise(s) for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý‘])", line) if leesbaarheid.WORD.search(s)
            ]
    return found


@pytest.fixture(scope="module")
def editors_pages(site) -> dict[str, str]:
    return {slug or "index": text_of(article(site, slug)) for slug in EDITORS_PAGES}


@pytest.fixture(scope="module")
def own_words(site) -> dict[str, tuple[str, list[str]]]:
    """Per page: the text the site's editors wrote (box titles, headings, summaries, descriptions) joined,
    and its headings and box titles one by one."""
    texts = {}
    for slug in nav_pages():
        soup = soup_of(site, slug)
        parts = [soup.find("meta", attrs={"name": "description"})["content"], soup.title.get_text()]
        parts += [
            element.get_text(" ")
            for element in soup.select(
                "article h1, article h2, article h3, article .admonition-title, article .samenvatting, .grid.cards"
            )
        ]
        titles = [
            title.get_text().removesuffix("¶").removesuffix("#").strip()
            for title in soup.select("article h1, article h2, article h3, article .admonition-title")
        ]
        texts[slug or "index"] = (normalise(" ".join(parts)), titles)
    return texts


# (pattern, why it is wrong): claims the brochure does not make, found in review (issue: plain and accurate).
OVERCLAIMS = [
    (
        r"(?<!kans op )een veilige gehechtheid is nooit verloren",
        "the brochure: the chance of a secure attachment is never ‘verloren’, not the attachment itself",
    ),
    (
        r"bieden (VIPP-FC|de twee|beide)[^.]*\ben\b Basic Trust aan(?! en/of)|die alle (Vlaamse )?pleegzorgdiensten aanbieden",
        "the brochure: VIPP-FC en/of Basic Trust",
    ),
    (
        r"beschermen tegen andere risicofactoren|beschermende factor (kan )?zijn tegen (andere )?risicofactoren\b(?! \[)",
        "the brochure: against the negative consequences of other risks",
    ),
    (r"bij elke bewering", "not every sentence carries a source, and 14 sources are not recovered"),
    (r"pleegouders en pleegzorgers", "in Flanders a pleegzorger is the foster parent"),
    (r"^Ondersteun pleegouders en kijk naar hun motivatie", "a tip for the service must say so"),
    (r"Laat het kind leiden in het spel, leid zelf", "drops the condition: a lot of controlling behaviour"),
    (r"Ga mee in ‘au-momentjes’", "the brochure: one may react sensitively, not play along"),
    (r"Een kind hecht zich altijd, ook aan pleegouders", "reads as a guarantee"),
    (r"^Ouder- en thuisomgevingsfactoren$", "reads as foster parents; it is about the birth parents"),
    (r"spreekt eerder van", "the brochure hedges: research 'wijst erop', attachment 'zou dan', 'bijgevolg'"),
    (r"niet nodig te hebben", "the brochure: 'lijken weinig steun nodig te hebben'"),
    (r"niets aan toe(te)?voeg|willen er niets aan", "the glossary corrects the brochure and adds field knowledge"),
]


@pytest.mark.parametrize("pattern,why", OVERCLAIMS, ids=[why[:40] for _, why in OVERCLAIMS])
def test_fixed_overclaims_do_not_come_back(own_words, editors_pages, pattern, why):
    found = {slug: m.group(0) for slug, text in editors_pages.items() for m in [re.search(pattern, text, re.I)] if m}
    for slug, (text, titles) in own_words.items():
        match = re.search(pattern, text, re.I)
        if match:
            found[slug] = match.group(0)
        for heading in titles:
            if re.search(pattern, heading, re.I | re.M):
                found[slug] = heading
    assert not found, f"{why}: {found}"


def test_the_key_messages_keep_their_hedges(site):
    titles = {
        box["id"]: box.select_one(".admonition-title").get_text().removesuffix("#").strip()
        for slug in CHAPTERS.values()
        for box in soup_of(site, slug).select("div.kernboodschap[id]")
    }
    assert "kans" in titles["kern-nooit-verloren"] and "‘verloren’" in titles["kern-nooit-verloren"]
    assert "en/of" in titles["kern-vipp-fc-en-basic-trust"]
    tips = {
        box["id"]: box.select_one(".admonition-title").get_text().removesuffix("#").strip()
        for box in soup_of(site, "gehechtheid-in-pleegzorg").select("div.pleegtip[id]")
    }
    assert tips["tip-ondersteun-pleegouders"].startswith("Voor de pleegzorgdienst")
    assert "controlerend" in tips["tip-controlerend-gedrag"]
    assert "mag" in tips["tip-au-momentjes"]


@pytest.mark.parametrize("title,path", leesbaarheid.chapter_files(), ids=[t for t, _ in leesbaarheid.chapter_files()])
def test_in_het_kort_is_plain_dutch(title, path):
    """5 to 7 short sentences, on average at most 12 words and none over 18, LIX at most 40."""
    lines = leesbaarheid.summary(path.read_text(encoding="utf-8"))
    measured = leesbaarheid.measure(lines)
    print(f"{title}: {measured}")
    assert 5 <= measured["sentences"] <= 7, f"{title}: {measured['sentences']} sentences"
    assert measured["words_per_sentence"] <= 12 and measured["longest"] <= 18 and measured["lix"] <= 40, measured


def test_glossary_is_plain_dutch():
    """Held to the summaries' limits: on average at most 12 words, none over 18, LIX at most 40."""
    measured = leesbaarheid.measure(leesbaarheid.glossary())
    print(f"woordenlijst: {measured}")
    assert measured["words_per_sentence"] <= 12 and measured["lix"] <= 40, measured
    long = [s for s in leesbaarheid.glossary() if len(leesbaarheid.WORD.findall(s)) > 18]
    assert not long, f"woordenlijst.yml: zinnen van meer dan 18 woorden: {long}"


def test_readability_measures():
    """LIX and sentence length, on a text whose numbers are known: 2 sentences, 11 words (the longest sentence
    7), 2 of them over six letters (pleegkind, pleegouders; a hyphen does not count: zorg-taak has 8)."""
    measured = leesbaarheid.measure(["Een pleegkind zoekt troost bij zijn pleegouders.", "Dat is gezond gedrag."])
    assert (measured["sentences"], measured["words"], measured["longest"]) == (2, 11, 7)
    assert measured["lix"] == pytest.approx(23.68, abs=0.005), "5.5 words a sentence, 18.18 % long words"
    assert leesbaarheid.measure(["Een zorg-taak."])["lix"] == pytest.approx(52.0), "2 words a sentence, 50 % long"


def test_readability_report_lists_summaries_and_glossary_beside_the_chapters():
    text = leesbaarheid.report()
    for title, _ in leesbaarheid.chapter_files():
        assert f"| {title} | Hoofdstuk (brochure) |" in text and f"| {title} | In het kort (redactie) |" in text
    assert "| Alle uitleg | Woordenlijst (redactie) |" in text and "| LIX |" in text


REQUIRED_TERMS = [
    "veilige basis",
    "veilig gehecht",
    "onveilig vermijdend gehecht",
    "onveilig ambivalent gehecht",
    "gedesorganiseerd gehecht",
    "overlevingsstrategieën",
    "risicofactor",
    "beschermende factor",
    "interventie",
    "preventief en curatief",
    "screening",
    "kritieke periode",
    "gedepriveerd",
    "boostersessie",
    "pilootstudie",
    "continuïteit van gehechtheid",
    "VIPP-FC",
    "Basic Trust",
]


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_glossary_has_the_core_terms(site, term):
    assert term in GLOSSARY, f"woordenlijst.yml: no entry '{term}'"
    page = soup_of(site, "woordenlijst")
    assert any(
        dt.get_text() == term and dt.get("id", "").startswith("woord-") for dt in page.select("dl.woordenlijst dt")
    )


def test_glossary_entries_are_correct():
    assert (
        re.search(r"vanuit|van waaruit|ontdek", GLOSSARY["veilige basis"]) and "terug" in GLOSSARY["veilige basis"]
    ), "a secure base: the person the child explores from and comes back to"
    assert (
        "chaotisch" not in GLOSSARY["gedesorganiseerd gehecht"] and "deskundige" in GLOSSARY["gedesorganiseerd gehecht"]
    )
    assert "Intervention Program" not in GLOSSARY["VIPP-FC"], "no (wrong) English programme name"
    assert re.search(r"band|gehecht", GLOSSARY["Basic Trust"]) and "moeilijk" in GLOSSARY["Basic Trust"], (
        "its condition: difficulties in the attachment relationship"
    )


def test_about_page_names_what_the_editors_wrote(site):
    text = normalise(soup_of(site, "over-deze-gids").select_one("article").get_text(" "))
    for written in (
        "titels",
        "In het kort",
        "woordenlijst",
        "startpagina",
        "Herken je dit?",
        "In één oogopslag",
        "beschrijving",
    ):
        assert written in text, written
    assert "samenvatting van de redactie, niet de tekst van de brochure" in text
    assert "Wie de brochure uitgaf en wanneer ze verscheen, is niet bekend." in text


def test_every_unrecovered_source_asks_readers_who_know_it(site):
    for slug in [*CHAPTERS.values(), "bronnen"]:
        for item in soup_of(site, slug).select("li[id^='bron-']"):
            if item.select_one("a.bronstatus--unrecovered"):
                ask = item.select_one("a.bron-oproep")
                assert ask is not None and ask.get_text() == "Ken je deze bron? Laat het ons weten.", (slug, item["id"])
                assert (
                    ask["href"].startswith("mailto:")
                    and f"Bron%20{item['id'][5:]}%20van%20de%20brochure" in ask["href"]
                )


@pytest.mark.parametrize("slug", ["herken-je-dit", "overzichten"])
def test_ways_in_are_everywhere_a_reader_looks(site, slug):
    """In the nav, the search, the whole guide and the caseworkers' list."""
    assert slug in nav_pages()
    assert f"{slug}/" in {entry["location"] for entry in search_entries(site)}
    assert soup_of(site, "volledige-gids").find("section", id=slug) is not None
    assert soup_of(site, "voor-begeleiders").select_one(f"a[href^='../{slug}/']") is not None


def test_herken_je_dit_leads_to_passage_and_tip(site):
    soup = soup_of(site, "herken-je-dit")
    sections = soup.select("article h2")
    assert len(sections) >= 8
    for heading in sections:
        links = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            links += [a["href"] for a in sibling.select("a[href*='#']") if not a.get("class")]
        assert links, f"{heading.get_text()}: no link to the passage or tip"
    passages = {
        a["href"].split("#")[1]
        for a in soup.select("article a[href*='#']:not([class])")
        if not a["href"].split("#")[1].startswith("tip-")
    }
    assert {"overlevingsstrategieen", "vier-soorten-gehechtheid"} <= passages
    tips = {a["href"].split("#")[1] for a in soup.select("article a[href*='#tip-']")}
    assert {"tip-kleine-signalen", "tip-kind-bezeert-zich", "tip-au-momentjes", "tip-controlerend-gedrag"} <= tips
    assert not soup.select("span.bronverwijzing"), "restates the chapters, whose sources are there"


def test_overviews_restate_with_sources(site):
    soup = soup_of(site, "overzichten")
    kinds, factors = soup.select("article table")
    assert [td.get_text() for td in kinds.select("tbody tr > td:first-child")] == [
        "Veilig",
        "Onveilig vermijdend",
        "Onveilig ambivalent",
        "Gedesorganiseerd",
    ]
    groups = {td.get_text() for td in factors.select("tbody tr > td:nth-of-type(2)")}
    assert groups == {"pleegouder", "plaatsing", "ouders en thuissituatie van het kind", "kind"}
    assert len(factors.select("tbody tr")) >= 20 and len(soup.select("span.bronverwijzing")) >= 20
    assert all(td.get("data-label") for td in soup.select("article tbody td")), "cells named for the phone cards"


# -- Issue 19, part 1: look-up pages that do not diagnose --------------------------------------------------------


def _before(table) -> str:
    """The text between a table and the heading above it."""
    parts = []
    for element in table.find_previous_siblings():
        if element.name in ("h1", "h2"):
            break
        parts.insert(0, text_of(element))
    return " ".join(parts)


def test_types_table_says_first_that_it_is_not_a_test(site):
    """Above the table, before a reader meets a row: not a test, only a professional can assess it, and a child
    can be attached differently to each carer."""
    kinds = article(site, "overzichten").select("table")[0]
    caveat = _before(kinds)
    assert re.search(r"\bgeen test\b", caveat), caveat
    assert ONLY_A_PROFESSIONAL.search(caveat), caveat
    assert re.search(r"\b(elke|iedere) (ouder of )?verzorger\b", caveat), caveat


def test_types_table_says_ouder_of_verzorger(site):
    """'de ouder' in a row reads as the foster parent, or as a verdict on the child's parents."""
    kinds = article(site, "overzichten").select("table")[0]
    cells = " ".join(text_of(td) for td in kinds.select("tbody td"))
    bare = re.findall(r"\bouders?\b(?! of verzorgers?\b)", cells, re.I)
    assert not bare, f"{len(bare)} keer 'ouder(s)' zonder 'of verzorger': {cells}"


VERDICT = re.compile(r"^(Positief|Negatief|Onduidelijk|Geen effect|Gemengd)\b", re.I)
SENTENCES = re.compile(r"^[A-ZÀ-Ý][^.!?]*[.!?](\s+[A-ZÀ-Ý][^.!?]*[.!?])*$")


def test_factors_table_is_about_groups_in_research_in_whole_sentences(site):
    factors = article(site, "overzichten").select("table")[1]
    intro = _before(factors)
    assert re.search(r"groepen (pleeggezinnen|gezinnen|pleegouders)", intro) and re.search(
        r"niet over (één|een enkel|jouw)", intro
    ), intro
    for row in factors.select("tbody tr"):
        factor, _, result = (text_of(td) for td in row.select("td"))
        assert SENTENCES.match(result) and len(result.split()) >= 4 and not VERDICT.match(result), (
            f"{factor}: one pattern for every result, a whole sentence, no one-word verdict: {result!r}"
        )
        if "ervaren" in factor:
            assert re.search(r"\bverklar", result) and "frustrerende" in result, (
                "the brochure's explanation stays in the row"
            )


def test_herken_je_dit_hands_out_no_labels(site):
    """No item ends in an attachment type; every item that points at the kinds of attachment carries the one line
    that only a professional can assess it, the same line as the types table."""
    body = article(site, "herken-je-dit")
    lines = {s for s in sentences_of(body) if ONLY_A_PROFESSIONAL.search(s)}
    assert len(lines) == 1, f"one consistent line, found {lines}"
    assert lines <= set(sentences_of(article(site, "overzichten"))), "the same line on In één oogopslag"
    for heading in body.select("h2"):
        item = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            item.append(sibling)
        text = " ".join(text_of(element) for element in [heading, *item])
        assert not TYPE_LABEL.search(text), f"{heading.get_text()}: {TYPE_LABEL.search(text).group(0)!r}"
        links = [a["href"] for element in item for a in element.select("a[href]")]
        if any("wat-is-gehechtheid/#" in href for href in links):
            assert lines <= {s for element in item for s in sentences_of(element)}, heading.get_text()
        if any(href.endswith("#tip-kind-bezeert-zich") for href in links):
            assert not any(href.endswith("#overlevingsstrategieen") for href in links), (
                "the brochure gives no cause for a child that shows no reaction when hurt"
            )


# (what triggers, the hedge the brochure puts there): summaries, glossary, tables and the editors' pages.
HEDGES = [
    (r"zich veilig (gaan |te |kan )?hecht", r"\b(kan|kunnen|mogelijks)\b"),
    (r"\bbeschermen\b|beschermende factor", r"\b(kan|kunnen)\b"),
    (r"weinig steun", r"\blijk"),
    (r"(indeling|classificatie)\b.*\bte (eng|strikt)", r"\bmogelijks\b"),
    (r"meer (en|of) minder veilig", r"\b(zou|bijgevolg|lees)\b"),
    (r"positieve, sensitieve opvoeding", r"\bde meeste\b"),
    (r"beangstigend", r"\blijk"),
    (r"baat (te )?hebben", r"\blijk"),
]


def _own_sentences(site) -> list[tuple[str, str]]:
    found = [
        (title, s)
        for title, path in leesbaarheid.chapter_files()
        for s in leesbaarheid.summary(path.read_text(encoding="utf-8"))
    ]
    found += [("woordenlijst", s) for s in leesbaarheid.glossary()]
    return found + [(slug or "index", s) for slug in EDITORS_PAGES for s in sentences_of(article(site, slug))]


@pytest.mark.parametrize("trigger,hedge", HEDGES, ids=[t for t, _ in HEDGES])
def test_own_words_keep_the_brochures_hedges(site, trigger, hedge):
    missing = [
        (where, s) for where, s in _own_sentences(site) if re.search(trigger, s, re.I) and not re.search(hedge, s, re.I)
    ]
    assert not missing, f"zonder het voorbehoud van de brochure ({hedge}): {missing}"


def test_about_page_says_the_glossary_corrects_and_adds(site):
    sentences = sentences_of(article(site, "over-deze-gids"))
    said = [s for s in sentences if "woordenlijst" in s]
    assert any(re.search(r"\b(verbetert|corrigeert)\b", s) for s in said), "corrects"
    assert any(re.search(r"\bvoegt\b.*\btoe\b", s) for s in said), "adds"
    assert any("veilige basis" in s for s in sentences), "names the correction"


def test_home_page_leads_with_what_a_parent_came_for(site):
    """Right under the title: understanding the child, recognising behaviour (Herken je dit?) and the tips, in
    short sentences; the note on sources and square brackets comes after the chapters."""
    blocks = [
        element
        for element in article(site, "").find_all(recursive=False)[0].find_all(recursive=False)
        if element.name != "h1"
    ]
    lead = blocks[0]
    hrefs = [a["href"] for a in lead.select("a[href]")]
    assert any("herken-je-dit/" in href for href in hrefs) and any("tips-op-een-blad/" in href for href in hrefs), hrefs
    assert "pleegkind" in text_of(lead)
    measured = leesbaarheid.measure(sentences_of(lead))
    assert measured["words_per_sentence"] <= 12 and measured["longest"] <= 18, measured
    texts = [text_of(block) for block in blocks]
    sources = next(i for i, text in enumerate(texts) if "vierkante haakjes" in text)
    chapters = next(i for i, block in enumerate(blocks) if "cards" in block.get("class", []))
    assert sources > chapters, "the note on sources after the chapters"
    note = leesbaarheid.measure(sentences_of(blocks[sources]))
    assert note["words_per_sentence"] <= 12 and note["longest"] <= 18, note


def test_herken_je_dit_is_on_the_first_screen_of_a_phone(phone, server):
    phone.goto(f"{server}/")
    link = phone.locator("article a[href$='herken-je-dit/']").first
    box = link.bounding_box()
    print(f"Herken je dit? at y={box['y']:.0f} px of 844")
    assert box["y"] + box["height"] <= 844, f"{box['y']:.0f} px: below the first screen"
