"""The site's own words (titles, summaries, glossary, home and service pages): they restate the brochure
with its hedges, in plain Dutch (B1), and the overclaims found in review do not come back."""

from __future__ import annotations

import re
import sys

import pytest
import yaml

from conftest import CHAPTERS, ROOT, nav_pages, normalise, soup_of

sys.path.insert(0, str(ROOT / "benchmark"))
import leesbaarheid  # noqa: E402  (the readability report's own measures: ./run.sh report)

GLOSSARY = {entry["term"]: " ".join(entry["uitleg"].split())
            for entry in yaml.safe_load((ROOT / "woordenlijst.yml").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def own_words(site) -> dict[str, tuple[str, list[str]]]:
    """Per page: the text the site's editors wrote (box titles, headings, summaries, descriptions) joined,
    and its headings and box titles one by one."""
    texts = {}
    for slug in nav_pages():
        soup = soup_of(site, slug)
        parts = [soup.find("meta", attrs={"name": "description"})["content"], soup.title.get_text()]
        parts += [element.get_text(" ") for element in soup.select(
            "article h1, article h2, article h3, article .admonition-title, article .samenvatting, .grid.cards")]
        titles = [title.get_text().removesuffix("¶").removesuffix("#").strip()
                  for title in soup.select("article h1, article h2, article h3, article .admonition-title")]
        texts[slug or "index"] = (normalise(" ".join(parts)), titles)
    return texts


# (pattern, why it is wrong): claims the brochure does not make, found in review (issue: plain and accurate).
OVERCLAIMS = [
    (r"(?<!kans op )een veilige gehechtheid is nooit verloren",
     "the brochure: the chance of a secure attachment is never ‘verloren’, not the attachment itself"),
    (r"bieden (VIPP-FC|de twee|beide)[^.]*\ben\b Basic Trust aan(?! en/of)|die alle (Vlaamse )?pleegzorgdiensten aanbieden",
     "the brochure: VIPP-FC en/of Basic Trust"),
    (r"beschermen tegen andere risicofactoren|beschermende factor (kan )?zijn tegen (andere )?risicofactoren\b(?! \[)",
     "the brochure: against the negative consequences of other risks"),
    (r"bij elke bewering", "not every sentence carries a source, and 14 sources are not recovered"),
    (r"pleegouders en pleegzorgers", "in Flanders a pleegzorger is the foster parent"),
    (r"^Ondersteun pleegouders en kijk naar hun motivatie", "a tip for the service must say so"),
    (r"Laat het kind leiden in het spel, leid zelf", "drops the condition: a lot of controlling behaviour"),
    (r"Ga mee in ‘au-momentjes’", "the brochure: one may react sensitively, not play along"),
    (r"Een kind hecht zich altijd, ook aan pleegouders", "reads as a guarantee"),
    (r"^Ouder- en thuisomgevingsfactoren$", "reads as foster parents; it is about the birth parents"),
]


@pytest.mark.parametrize("pattern,why", OVERCLAIMS, ids=[why[:40] for _, why in OVERCLAIMS])
def test_fixed_overclaims_do_not_come_back(own_words, pattern, why):
    found = {}
    for slug, (text, titles) in own_words.items():
        found.update({slug: m.group(0) for m in [re.search(pattern, text, re.I)] if m})
        for heading in titles:
            if re.search(pattern, heading, re.I | re.M):
                found[slug] = heading
    assert not found, f"{why}: {found}"


def test_the_key_messages_keep_their_hedges(site):
    titles = {box["id"]: box.select_one(".admonition-title").get_text().removesuffix("#").strip()
              for slug in CHAPTERS.values() for box in soup_of(site, slug).select("div.kernboodschap[id]")}
    assert "kans" in titles["kern-nooit-verloren"] and "‘verloren’" in titles["kern-nooit-verloren"]
    assert "en/of" in titles["kern-vipp-fc-en-basic-trust"]
    tips = {box["id"]: box.select_one(".admonition-title").get_text().removesuffix("#").strip()
            for box in soup_of(site, "gehechtheid-in-pleegzorg").select("div.pleegtip[id]")}
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
    measured = leesbaarheid.measure(leesbaarheid.glossary())
    print(f"woordenlijst: {measured}")
    assert measured["words_per_sentence"] <= 15 and measured["lix"] <= 40, measured


def test_readability_measures():
    """LIX and sentence length, on a text whose numbers are known: 2 sentences, 11 words (the longest sentence
    7), 2 of them over six letters (pleegkind, pleegouders; a hyphen does not count: zorg-taak has 8)."""
    measured = leesbaarheid.measure(["Een pleegkind zoekt troost bij zijn pleegouders.", "Dat is gezond gedrag."])
    assert (measured["sentences"], measured["words"], measured["longest"]) == (2, 11, 7)
    assert measured["lix"] == pytest.approx(11 / 2 + 100 * 2 / 11)
    assert leesbaarheid.measure(["Een zorg-taak."])["lix"] == pytest.approx(2 + 100 * 1 / 2)


def test_readability_report_lists_summaries_and_glossary_beside_the_chapters():
    text = leesbaarheid.report()
    for title, _ in leesbaarheid.chapter_files():
        assert f"| {title} | Hoofdstuk (brochure) |" in text and f"| {title} | In het kort (redactie) |" in text
    assert "| Alle uitleg | Woordenlijst (redactie) |" in text and "| LIX |" in text


REQUIRED_TERMS = ["veilige basis", "veilig gehecht", "onveilig vermijdend gehecht", "onveilig ambivalent gehecht",
                  "gedesorganiseerd gehecht", "overlevingsstrategieën", "risicofactor", "beschermende factor",
                  "interventie", "preventief en curatief", "screening", "kritieke periode", "gedepriveerd",
                  "boostersessie", "pilootstudie", "continuïteit van gehechtheid", "VIPP-FC", "Basic Trust"]


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_glossary_has_the_core_terms(site, term):
    assert term in GLOSSARY, f"woordenlijst.yml: no entry '{term}'"
    page = soup_of(site, "woordenlijst")
    assert any(dt.get_text() == term and dt.get("id", "").startswith("woord-") for dt in page.select("dl.woordenlijst dt"))


def test_glossary_entries_are_correct():
    assert re.search(r"vanuit|van waaruit|ontdek", GLOSSARY["veilige basis"]) and "terug" in GLOSSARY["veilige basis"], \
        "a secure base: the person the child explores from and comes back to"
    assert "chaotisch" not in GLOSSARY["gedesorganiseerd gehecht"] and "deskundige" in GLOSSARY["gedesorganiseerd gehecht"]
    assert "Intervention Program" not in GLOSSARY["VIPP-FC"], "no (wrong) English programme name"
    assert re.search(r"band|gehecht", GLOSSARY["Basic Trust"]) and "moeilijk" in GLOSSARY["Basic Trust"], \
        "its condition: difficulties in the attachment relationship"


def test_about_page_names_what_the_editors_wrote(site):
    text = normalise(soup_of(site, "over-deze-gids").select_one("article").get_text(" "))
    for written in ("titels", "In het kort", "woordenlijst", "startpagina", "Herken je dit?", "In één oogopslag",
                    "beschrijving"):
        assert written in text, written
    assert "samenvatting van de redactie, niet de tekst van de brochure" in text
    assert "Wie de brochure uitgaf en wanneer ze verscheen, is niet bekend." in text


def test_every_unrecovered_source_asks_readers_who_know_it(site):
    for slug in [*CHAPTERS.values(), "bronnen"]:
        for item in soup_of(site, slug).select("li[id^='bron-']"):
            if item.select_one("a.bronstatus--unrecovered"):
                ask = item.select_one("a.bron-oproep")
                assert ask is not None and ask.get_text() == "Ken je deze bron? Laat het ons weten.", (slug, item["id"])
                assert ask["href"].startswith("mailto:") and f"Bron%20{item['id'][5:]}%20van%20de%20brochure" in ask["href"]


@pytest.mark.parametrize("slug", ["herken-je-dit", "overzichten"])
def test_ways_in_are_everywhere_a_reader_looks(site, slug):
    """In the nav, the search, the whole guide and the caseworkers' list."""
    assert slug in nav_pages()
    assert f'"location":"{slug}/"' in (site / "search" / "search_index.json").read_text(encoding="utf-8")
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
    passages = {a["href"].split("#")[1] for a in soup.select("article a[href*='#']:not([class])")
                if not a["href"].split("#")[1].startswith("tip-")}
    assert {"overlevingsstrategieen", "veilig-gehecht", "onveilig-vermijdend-gehecht"} <= passages
    tips = {a["href"].split("#")[1] for a in soup.select("article a[href*='#tip-']")}
    assert {"tip-kleine-signalen", "tip-kind-bezeert-zich", "tip-au-momentjes", "tip-controlerend-gedrag"} <= tips
    assert not soup.select("span.bronverwijzing"), "restates the chapters, whose sources are there"


def test_overviews_restate_with_sources(site):
    soup = soup_of(site, "overzichten")
    kinds, factors = soup.select("article table")
    assert [td.get_text() for td in kinds.select("tbody tr > td:first-child")] == \
        ["Veilig", "Onveilig vermijdend", "Onveilig ambivalent", "Gedesorganiseerd"]
    groups = {td.get_text() for td in factors.select("tbody tr > td:nth-of-type(2)")}
    assert groups == {"pleegouder", "plaatsing", "ouders en thuissituatie van het kind", "kind"}
    assert len(factors.select("tbody tr")) >= 20 and len(soup.select("span.bronverwijzing")) >= 20
    assert all(td.get("data-label") for td in soup.select("article tbody td")), "cells named for the phone cards"
