"""Reader aids: words explained where they appear, search that finds what carers type, trust, orientation."""

from __future__ import annotations

import datetime
import json
import re

import pytest
import yaml
from mkdocs.config import load_config

from conftest import CHAPTERS, REACTIE_ADRES, ROOT, all_pages, contrast, nav_pages, normalise, search_entries, soup_of

GLOSSARY = yaml.safe_load((ROOT / "woordenlijst.yml").read_text(encoding="utf-8"))
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

# What carers type, and the page that must come first. Accents left out on purpose where people do.
# A hard word finds its explanation first (Woordenlijst), a behaviour in a parent's words finds "Herken je
# dit?" (written for exactly that, it links on), and the chapter that explains it follows (BEHAVIOURS).
SEARCHES = [
    # The chapter's section "Continuïteit van gehechtheid" comes before the glossary's word (BEHAVIOURS).
    ("continuiteit", "waarom-gehechtheid-belangrijk-is"),
    ("continuïteit", "waarom-gehechtheid-belangrijk-is"),
    ("beinvloedende factoren", "gehechtheid-in-pleegzorg"),
    ("beïnvloedende factoren", "gehechtheid-in-pleegzorg"),
    ("pleegkind laat zich niet troosten", "herken-je-dit"),
    ("kind wil niet getroost worden", "gehechtheid-in-pleegzorg"),
    ("pleegkind duwt mij weg", "herken-je-dit"),
    # Herken je dit? names this behaviour in a heading of its own, and links to the chapter (BEHAVIOURS).
    ("kind huilt niet als het zich pijn doet", "herken-je-dit"),
    ("au momentjes", "gehechtheid-in-pleegzorg"),
    ("au-momentjes", "gehechtheid-in-pleegzorg"),
    ("pleegkind is wantrouwig", "herken-je-dit"),
    ("kleine signalen", "gehechtheid-in-pleegzorg"),
    ("overplaatsing", "gehechtheid-in-pleegzorg"),
    ("spelletjes", "gehechtheid-in-pleegzorg"),
    ("motivatie pleegouders", "gehechtheid-in-pleegzorg"),
    ("eigen trauma pleegouders", "gehechtheid-in-pleegzorg"),
    ("screening pleegouders", "gehechtheid-in-pleegzorg"),
    ("contact met ouders", "gehechtheid-in-pleegzorg"),
    ("breuk in de plaatsing", "gehechtheid-in-pleegzorg"),
    ("wat is gehechtheid", "wat-is-gehechtheid"),
    ("soorten gehechtheid", "wat-is-gehechtheid"),
    ("vermijdend gehecht", "wat-is-gehechtheid"),
    ("ambivalent", "wat-is-gehechtheid"),
    # A word of the glossary: its explanation first, the chapter that uses it close behind (BEHAVIOURS).
    ("veilige basis", "woordenlijst"),
    ("meta analyse", "woordenlijst"),
    ("meta-analyse", "woordenlijst"),
    ("breakdown", "woordenlijst"),
    ("netwerkplaatsing", "woordenlijst"),
    ("vipp", "vipp-fc-en-basic-trust"),
    ("vipp-fc", "vipp-fc-en-basic-trust"),
    ("basic trust", "vipp-fc-en-basic-trust"),
    ("basic-trust", "vipp-fc-en-basic-trust"),
    ("videofeedback", "woordenlijst"),
    ("afdrukken", "printen"),
    ("pdf", "printen"),
    ("qr code", "voor-begeleiders"),
    ("toegankelijkheid", "toegankelijkheid"),
]
# A result leads to the passage itself: the first part under the first result.
PASSAGES = {
    "au momentjes": "gehechtheid-in-pleegzorg/#tip-au-momentjes",
    "kleine signalen": "gehechtheid-in-pleegzorg/#tip-kleine-signalen",
    "beinvloedende factoren": "gehechtheid-in-pleegzorg/#beinvloedende-factoren-op-gehechtheid",
    "netwerkplaatsing": "woordenlijst/#woord-bestands-en-netwerkplaatsing",
    "pleegkind is wantrouwig": "herken-je-dit/#je-pleegkind-is-wantrouwig-en-wil-de-controle-houden",
}


def explanation(entry) -> str:
    return " ".join(entry["uitleg"].split())


# -- Words explained -------------------------------------------------------------------------


def test_glossary_page_lists_every_term(site):
    soup = soup_of(site, "woordenlijst")
    terms = {
        dt.get_text(): normalise(dt.find_next_sibling("dd").get_text()) for dt in soup.select("dl.woordenlijst dt")
    }
    assert len(terms) == len(GLOSSARY) >= 12
    for entry in GLOSSARY:
        assert terms[entry["term"]] == explanation(entry)
    assert [dt.get_text().lower() for dt in soup.select("dl.woordenlijst dt")] == sorted(t.lower() for t in terms)


@pytest.mark.parametrize("entry", GLOSSARY, ids=[e["term"] for e in GLOSSARY])
def test_every_term_is_explained_where_it_appears(site, entry):
    """Every occurrence is a link to the word's entry on the Woordenlijst (what a tap reaches without
    JavaScript); the explanations the window shows are in assets/woordenlijst.<content hash>.json."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", explanation(entry)) if s]
    assert 1 <= len(sentences) <= 4, "a few short sentences (at most four; tests/test_words.py holds each to 18 words)"
    glossary_page = soup_of(site, "woordenlijst")
    dt = next(dt for dt in glossary_page.select("dl.woordenlijst dt[id]") if dt.get_text() == entry["term"])
    data = json.loads(next((site / "assets").glob("woordenlijst.*.json")).read_text(encoding="utf-8"))
    assert data[dt["id"]] == {"term": entry["term"], "uitleg": explanation(entry)}
    found = []
    for slug in [page for page in nav_pages() if page != "woordenlijst"]:
        soup = soup_of(site, slug)
        for link in soup.select("article a.uitleg"):
            if link.get_text() in entry["vormen"]:
                assert link["href"].endswith(f"woordenlijst/#{dt['id']}"), link
                found.append(slug)
    assert found, f"{entry['term']}: appears on no page"


def test_glossary_reuses_the_sources_own_explanation():
    meta = next(e for e in GLOSSARY if e["term"] == "meta-analyse")
    assert explanation(meta) == "Een studie die meerdere onderzoeken bundelt."


def test_explained_words_leave_the_text_unchanged(site):
    soup = soup_of(site, "gehechtheid-in-pleegzorg")
    word = soup.select_one("article a.uitleg")
    assert word.get_text() in {form for e in GLOSSARY for form in e["vormen"]}
    assert word.parent.name in {"p", "li", "strong", "em", "td"}
    assert not soup.select("article abbr"), "no explained word left as a bare abbreviation"
    for heading in soup.select("article h1, article h2, article h3, .admonition-title"):
        assert not heading.select("a.uitleg"), "headings and box titles stay plain text"


def open_word(tab, word: str):
    link = tab.locator("article a.uitleg", has_text=word).first
    link.scroll_into_view_if_needed()
    return link


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_explanation_opens_by_keyboard_and_reads_well(server, desktop, scheme):
    desktop.goto(f"{server}/gehechtheid-in-pleegzorg/")
    desktop.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    desktop.wait_for_timeout(400)  # Material fades colours for 125 ms
    open_word(desktop, "breakdown").focus()
    desktop.keyboard.press("Enter")
    window = desktop.locator("#uitlegvenster")
    window.filter(has_text="voortijdig en ongepland").wait_for(timeout=5000)  # fetched at the first tap
    colours = desktop.evaluate("""() => { const w = document.getElementById('uitlegvenster');
        return [getComputedStyle(w).color, getComputedStyle(w).backgroundColor]; }""")
    assert contrast(*colours) >= 4.5, colours
    desktop.keyboard.press("Escape")
    window.wait_for(state="hidden", timeout=5000)
    assert desktop.evaluate("document.activeElement.textContent") == "breakdown", "the focus goes back to the word"


def test_explanation_opens_on_tap_at_the_size_of_the_text(server, phone):
    phone.goto(f"{server}/wat-is-gehechtheid/")
    word = open_word(phone, "exploreren")
    before = phone.evaluate("scrollY")
    word.tap()
    window = phone.locator("#uitlegvenster")
    window.filter(has_text="Op ontdekking gaan").wait_for(timeout=5000)  # fetched at the first tap
    text = window.locator(".uitlegvenster__inhoud p").first
    size = text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert size == body >= 16, (size, body)
    assert abs(phone.evaluate("scrollY") - before) <= 3, "the page does not move"
    more = window.get_by_role("link", name="Meer in de woordenlijst")
    assert more.get_attribute("href").endswith("woordenlijst/#woord-exploreren")
    phone.locator("article h1").tap()  # a tap outside closes it
    window.wait_for(state="hidden", timeout=5000)


def test_without_javascript_a_word_leads_to_its_entry(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844}, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{server}/wat-is-gehechtheid/")
    tab.locator("article a.uitleg", has_text="exploreren").first.tap()
    tab.wait_for_url("**/woordenlijst/#woord-exploreren")
    assert tab.locator("#woord-exploreren").is_visible()
    context.close()


# -- Search -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("searchbox", name="Zoek in de gids").wait_for()
    yield page
    page.close()


def search(page, query: str) -> list[tuple[str, list[str]]]:
    """The results of a search typed in the dialog: each page's address with its parts' addresses."""
    field = page.get_by_role("searchbox", name="Zoek in de gids")
    field.fill("")
    field.press_sequentially(query, delay=5)
    page.wait_for_function(
        "q => { const said = document.getElementById('zoeken-melding').textContent;"
        " return said.includes(q) || said.includes('de meeste ervan'); }",
        arg=query,
        timeout=10000,
    )
    page.wait_for_timeout(300)  # a search typed later than the line would replace it

    def path(href: str) -> str:
        return re.sub(r"^https?://[^/]+", "", href).lstrip("/")

    return [
        (path(item["page"]), [path(part) for part in item["parts"]])
        for item in page.locator(".zoeken__resultaat").evaluate_all(
            "items => items.map(i => ({page: i.querySelector('a.zoeken__pagina').getAttribute('href'),"
            " parts: [...i.querySelectorAll('a.zoeken__deel')].map(a => a.getAttribute('href'))}))"
        )
    ]


@pytest.mark.parametrize("query,expected", SEARCHES)
def test_search_puts_the_right_page_first(search_page, query, expected):
    results = search(search_page, query)
    paths = [page.rstrip("/") for page, _ in results]
    print(f"search {query!r}: results /{'/, /'.join(paths[:4])}/")
    assert paths and paths[0] == expected, f"{query!r}: first result {paths[:1]}, expected /{expected}/"
    if query in BEHAVIOURS:
        assert BEHAVIOURS[query] in paths[:4], f"{query!r}: the page that explains it follows"
    if query in PASSAGES:
        assert results[0][1][:1] == [PASSAGES[query]], f"{query!r}: the first part is {results[0][1][:1]}"


def test_a_search_with_a_word_the_guide_does_not_use_still_finds_the_rest(search_page):
    """Pagefind finds the pages with every word: "printen" is on no page with the rest, which would leave
    nothing. The search then shows the pages with the most of the words, and says so."""
    results = search(search_page, "pleegkind duwt weg printen")
    assert results and results[0][0] == "herken-je-dit/"
    assert "Geen pagina heeft al je woorden" in search_page.locator("#zoeken-melding").inner_text()
    assert search(search_page, "blablabla") == []
    assert "Niets gevonden" in search_page.locator("#zoeken-melding").inner_text()


BEHAVIOURS = {  # when a look-up page comes first, the page that explains it follows
    "pleegkind laat zich niet troosten": "gehechtheid-in-pleegzorg",
    "pleegkind is wantrouwig": "gehechtheid-in-pleegzorg",
    "kind huilt niet als het zich pijn doet": "gehechtheid-in-pleegzorg",
    "continuiteit": "woordenlijst",
    "veilige basis": "wat-is-gehechtheid",
    "videofeedback": "vipp-fc-en-basic-trust",
}


# -- Trust ------------------------------------------------------------------------------------


def review_dates():
    """The review dates as MkDocs reads them from mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.extra["controle"]["laatst"], config.extra["controle"]["volgende"]


def test_next_review_is_at_most_three_years_after_the_last():
    last, following = review_dates()
    assert isinstance(last, datetime.date) and isinstance(following, datetime.date)
    assert last < following <= last.replace(year=last.year + 3)


def test_every_page_shows_review_dates_and_a_way_to_react(site):
    last, following = review_dates()
    for page in all_pages(site):
        soup = soup_of(site, page.parent.relative_to(site).as_posix().strip(".")) if page.name == "index.html" else None
        if soup is None or soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        aside = soup.select_one("article aside.pagina-info")
        assert aside is not None, page
        times = [t["datetime"] for t in aside.select("time")]
        assert times == [last.isoformat(), following.isoformat()], page
        text = normalise(aside.get_text(" "))
        assert "Laatst gecontroleerd:" in text and "Volgende controle:" in text
        link = aside.select_one("a")
        assert "Iets onduidelijk of fout?" in text and link.get_text() == "Laat het ons weten"
        assert link["href"].startswith(REACTIE_ADRES + "?") and "subject=Reactie%20op%3A%20" in link["href"]


def test_review_dates_are_printed(server, desktop):
    desktop.goto(f"{server}/wat-is-gehechtheid/")
    desktop.emulate_media(media="print")
    assert desktop.locator("aside.pagina-info").is_visible()


# -- Orientation ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(CHAPTERS.values()))
def test_chapter_opens_with_in_het_kort_and_reading_time(site, slug):
    article = soup_of(site, slug).select_one("article")
    box = article.select_one("div.admonition.samenvatting")
    assert box is not None and box["id"] == "in-het-kort"
    assert box.find_previous_sibling("h1") is not None
    assert box.select_one(".admonition-title").get_text().strip().startswith("In het kort")
    assert re.fullmatch(r"Leestijd: ongeveer \d+ minu(ut|ten)", box.select_one("p.leestijd").get_text())


def test_longer_chapters_take_longer_to_read(site):
    """The reading time follows the length of the text (the counting rule itself: tests/test_units.py)."""
    timed = []
    for slug in CHAPTERS.values():
        article = soup_of(site, slug).select_one("article")
        minutes = int(re.search(r"ongeveer (\d+) minu", article.select_one("p.leestijd").get_text()).group(1))
        words = sum(len(p.get_text().split()) for p in article.select("p") if not p.find_parent(class_="footnote"))
        timed.append((words, minutes, slug))
    timed.sort()
    print(timed)
    assert [minutes for _, minutes, _ in timed] == sorted(minutes for _, minutes, _ in timed)
    assert timed[0][1] >= 1 and timed[-1][1] > timed[0][1]


def test_readability_report_covers_every_chapter():
    from gids import leesbaarheid

    assert leesbaarheid.syllables("gehechtheid") == 3
    assert leesbaarheid.syllables("beïnvloedende") == 5
    assert leesbaarheid.syllables("continuïteit") == 5
    text = leesbaarheid.report()
    for title in (
        "Wat is gehechtheid?",
        "Waarom gehechtheid belangrijk is",
        "Gehechtheid in pleegzorg",
        "VIPP-FC en Basic Trust",
    ):
        row = next(line for line in text.splitlines() if line.startswith(f"| {title} | Hoofdstuk (brochure) |"))
        sentences, words, per_sentence, longest, lix, score = (float(x) for x in row.split("|")[3:9])
        assert sentences > 5 and abs(per_sentence - words / sentences) < 0.1 and longest >= per_sentence
        assert 0 < score < 100 and lix > per_sentence


def test_search_results_do_not_read_out_the_markers(site):
    """A result's snippet is the text: "…of negeren." and not "…of negeren Bron 3." or "…of negeren 3."."""
    texts = " ".join(" ".join(entry["text"].split()) for entry in search_entries(site))
    checked = 0
    for page in CHAPTERS.values():
        for marker in soup_of(site, page).select("article a.footnote-ref[data-bronnen]"):
            before = marker.find_parent("span").find_previous(string=True).split()
            if not before:
                continue
            first = marker["data-bronnen"].split()[0]
            assert f"{before[-1]} {first}" not in texts and f"{before[-1]} Bron" not in texts, (
                f"/{page}/: the search index reads the marker after '{before[-1]}'"
            )
            checked += 1
    assert checked > 40, "the chapters' markers were found"


def test_the_english_expansion_is_marked_english(site):
    """WCAG 3.1.2: what VIPP stands for is English and read as English; the Dutch sentence around it is not."""
    page = soup_of(site, "vipp-fc-en-basic-trust")
    sentence = next(p for p in page.select("article p") if p.get_text().startswith("VIPP staat voor"))
    marked = sentence.select("[lang=en]")
    assert [span.get_text() for span in marked] == ["Video-Feedback Intervention Program to promote Positive Parenting"]
    assert sentence.find_parent(attrs={"lang": True})["lang"] == "nl"
