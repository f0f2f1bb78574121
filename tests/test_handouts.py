"""Caseworkers and trainers: choose parts of the guide for a family, hand out one sheet or a set of cards.

In Debian's Chromium (phone size, touch), with the PDFs read by pdftotext and the QR codes read back by
zbarimg (Debian's zbar-tools)."""

from __future__ import annotations

import base64
import copy
import io
import json
import re
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import ARTIFACTS, PHONE, ROOT, SITE_URL, nav_pages, normalise, search_entries, shown_text, soup_of
from test_content import TIP_IDS
from test_print import pdf_text, squash

SELECTION = "selectie"
ORIGINAL_HEIGHT = 14405  # Voor begeleiders on a 390 px phone before it became a tool (measured, this machine)


def decode_qr(png) -> list[str]:
    result = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.strip()]


def tips_of_the_guide(site) -> list[tuple[str, str]]:
    """(page, id) of every tip in the built guide, in the menu's order: the brochure's and any an editor added."""
    return [(slug, box["id"]) for slug in nav_pages() for box in soup_of(site, slug).select("article div.pleegtip[id]")]


def tips_in_chapter(site, markers: bool = True) -> dict[str, str]:
    """The tips as the chapter shows them: id -> text (without title and controls; markers as [1], or left out)."""
    tips = {}
    for box in map(copy.copy, soup_of(site, "gehechtheid-in-pleegzorg").select("div.pleegtip[id]")):
        for element in box.select(".admonition-title, p.delen"):
            element.decompose()
        for marker in box.select("span.bronverwijzing"):
            marker.replace_with(shown_text(marker) if markers else "")
        tips[box["id"]] = normalise(box.get_text(" "))
    return tips


FOR_THE_SERVICE = "Voor de pleegzorgdienst"  # how a tip for the service begins (REDACTIE.md)


def service_tips(site) -> set[str]:
    """The tips for the service: their title says so."""
    boxes = [box for slug in nav_pages() for box in soup_of(site, slug).select("article div.pleegtip[id]")]
    service = {box["id"] for box in boxes if box.select_one(".admonition-title").get_text().startswith(FOR_THE_SERVICE)}
    assert service, "the guide has a tip for the service (the brochure's first)"
    return service


def service_last(site, parts: list[str]) -> list[str]:
    """Parts as a family's handout lists them: the tips for the service after all others."""
    service = service_tips(site)
    return [part for part in parts if part not in service] + [part for part in parts if part in service]


def handout_order(site) -> list[str]:
    """The tips as a family's handout lists them: the tips for foster parents in the guide's order, then the
    tips for the service."""
    return service_last(site, [tip for _, tip in tips_of_the_guide(site)])


@pytest.mark.parametrize(
    "slug,tip",
    [
        ("tips-op-een-blad", "section.deel"),
        ("selectie", "section.deel"),
        ("tipkaarten", "div.tipkaart:not(.tipkaart--bronnen)"),
    ],
)
def test_family_handouts_put_the_service_tip_last_under_its_own_heading(site, slug, tip):
    """Handed to families: they open with a tip for foster parents, and the service's tip (screening for the
    foster parents' own traumas) comes after all of theirs, under a heading that says it is for the service."""
    soup = soup_of(site, slug)
    # In document order: each tip (its title) and each heading of the sheet (on a card: its heading line).
    order, tips = [], []
    for element in soup.select(f"article {tip}, article h2"):
        heading = element if element.name == "h2" else element.select_one(":scope > p.tipkaart__kop")
        if heading is not None:
            order.append(normalise(heading.get_text()).removesuffix("¶").strip())
        if element.name != "h2":
            tips.append((len(order), normalise(element.select_one(".admonition-title").get_text())))
            order.append(tips[-1][1])
    service = [i for i, title in tips if title.startswith(FOR_THE_SERVICE)]
    family = [i for i, title in tips if not title.startswith(FOR_THE_SERVICE)]
    assert service and family and not tips[0][1].startswith(FOR_THE_SERVICE), f"docs/{slug} opens with: {order}"
    assert min(service) > max(family), f"docs/{slug}: the service's tip among or before the family's: {order}"
    headings = [i for i, title in enumerate(order) if title == FOR_THE_SERVICE]
    assert headings and max(family) < headings[0] < min(service), f"a heading of its own between: {order}"
    if slug == "selectie":  # with JavaScript, a chosen service tip also comes after the family's parts
        data = json.loads(soup.select_one("#selectie-delen").get_text())
        kinds = [FOR_THE_SERVICE in part["titel"] and part["soort"] == "pleegtip" for part in data]
        assert kinds.index(True) > len(kinds) - 1 - kinds[::-1].index(False), "the service's tips last in the data"


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def test_caseworker_chooses_two_tips_and_the_family_sees_just_those(tab, server, site):
    """Choose two tips on Voor begeleiders, take the address, open it on a phone: exactly those two tips,
    with their sources, and a QR code that decodes to the address."""
    tab.goto(f"{server}/voor-begeleiders/")
    group = tab.locator("details.kiezer__delen", has=tab.locator("input[value='tip-stabiele-relaties']"))
    group.locator("> summary").tap()
    tab.locator("label[for='kies-tip-stabiele-relaties']").tap()
    tab.locator("label[for='kies-tip-kleine-signalen']").tap()
    address = tab.locator(".kiezer__adres code").inner_text()
    assert address == f"{SITE_URL}selectie/?delen=tip-kleine-signalen,tip-stabiele-relaties", "guide order, readable"
    assert "2 stukken gekozen" in tab.locator(".kiezer__telling").inner_text()
    tab.locator(".kiezer__kopieer").tap()
    assert tab.evaluate("navigator.clipboard.readText()") == address
    mail = tab.locator(".kiezer__mail").get_attribute("href")
    assert mail.startswith("mailto:?") and "selectie%2F%3Fdelen%3Dtip-kleine-signalen%2Ctip-stabiele-relaties" in mail

    local = address.replace(SITE_URL, f"{server}/")
    tab.goto(local)
    tab.locator("canvas.selectie__qr").wait_for()
    tab.wait_for_timeout(300)
    shown = tab.locator("section.deel").evaluate_all("sections => sections.map(s => s.dataset.deel)")
    assert shown == ["tip-kleine-signalen", "tip-stabiele-relaties"]
    texts = tips_in_chapter(site, markers=False)
    for tip in shown:
        text = tab.locator(f"section[data-deel='{tip}']").evaluate(
            "s => { const c = s.cloneNode(true); c.querySelectorAll('.bronverwijzing').forEach(e => e.remove());"
            " return c.textContent; }"
        )
        assert squash(texts[tip]) in squash(text), tip
    assert tab.locator("section.deel a.deel__verder, section.deel .deel__verder a").count() == 2
    sources = tab.locator(".deel-bronnen li").evaluate_all("items => items.map(i => i.id)")
    assert sources == ["bron-1"], "the one source the two tips cite"
    assert not tab.locator(".selectie__melding").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / "selectie-qr.png"
    tab.locator("canvas.selectie__qr").screenshot(path=str(png))
    assert decode_qr(png) == [local]
    assert tab.locator(".selectie__url").inner_text() == local


def test_deep_in_the_list_a_bar_shows_the_choice_and_copies_it(tab, server):
    """The choice box is at the top of a long list: after a tick far below it, the caseworker sees at the
    bottom of the screen what is chosen and copies the link without scrolling back."""
    tab.goto(f"{server}/voor-begeleiders/")
    bar = tab.locator(".kiezer__balk")
    group = tab.locator("details.kiezer__delen", has=tab.locator("input[value='tip-stabiele-relaties']"))
    group.locator("> summary").tap()
    tab.locator("label[for='kies-tip-stabiele-relaties']").tap()
    assert not tab.locator(".kiezer__keuze").is_visible() or not in_view(tab, ".kiezer__keuze"), (
        "the tick is far below the choice box"
    )
    bar.wait_for(state="visible")
    assert in_view(tab, ".kiezer__balk"), "the bar is on the screen"
    assert bar.locator(".kiezer__balk-tekst").inner_text() == "1 stuk gekozen"
    bar.locator(".kiezer__balk-kopieer").tap()
    assert tab.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}selectie/?delen=tip-stabiele-relaties"
    assert bar.locator(".kiezer__balk-tekst").inner_text() == "Link gekopieerd."
    bar.locator(".kiezer__balk-naar").tap()
    tab.wait_for_timeout(300)
    assert in_view(tab, ".kiezer__adres"), "'Naar de link' shows the link itself"
    assert not bar.is_visible(), "no bar while the choice box is on the screen"


def in_view(tab, selector: str) -> bool:
    return tab.evaluate(
        """selector => { const box = document.querySelector(selector).getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight; }""",
        selector,
    )


def test_unknown_parts_are_skipped_with_one_calm_line(tab, server):
    tab.goto(f"{server}/selectie/?delen=tip-bestaat-niet,tip-au-momentjes,wat-is-gehechtheid:veilig-gehecht,ook-weg")
    tab.locator("section.deel").first.wait_for()
    tab.wait_for_timeout(500)
    message = tab.locator(".selectie__melding")
    assert message.is_visible()
    assert (
        message.inner_text()
        == "2 stukken uit deze link staan niet (meer) in de gids. De andere stukken zie je hieronder."
    )
    shown = tab.locator("section.deel").evaluate_all("sections => sections.map(s => s.dataset.deel)")
    assert shown == ["wat-is-gehechtheid:veilig-gehecht", "tip-au-momentjes"], "the guide's order"
    section = tab.locator("section[data-deel='wat-is-gehechtheid:veilig-gehecht']")
    assert "Als eerste zijn er de veilig gehechte kinderen." in section.inner_text()
    assert tab.locator(".deel-bronnen li").count() >= 1, "the section's sources come along"


@pytest.mark.parametrize("query", ["", "?delen=", "?delen=bestaat-niet"])
def test_without_a_valid_part_all_tips_are_shown(tab, server, site, query):
    tab.goto(f"{server}/selectie/{query}")
    tab.locator("canvas.selectie__qr").wait_for()
    tab.wait_for_timeout(300)
    shown = tab.locator("section.deel").evaluate_all("sections => sections.map(s => s.dataset.deel)")
    assert shown == handout_order(site)
    assert set(TIP_IDS) <= set(shown)
    assert tab.locator("h2#voor-de-pleegzorgdienst").is_visible()
    assert not tab.locator(".selectie__zonder-js").is_visible()


def test_without_javascript_all_tips_and_a_line_why(browser, server, site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    tab = context.new_page()
    tab.goto(f"{server}/selectie/?delen=tip-au-momentjes")
    line = tab.locator(".selectie__zonder-js")
    assert line.is_visible() and "keuze van je begeleider niet tonen" in line.inner_text()
    visible = [s.get_attribute("data-deel") for s in tab.locator("section.deel").all() if s.is_visible()]
    heading = tab.locator("h2#voor-de-pleegzorgdienst").is_visible()
    context.close()
    assert visible == handout_order(site) and heading, "the family's tips first, the service's last under its heading"


def test_the_selection_prints_as_a_handout(tab, server, tmp_path):
    """A4, the chosen parts, their sources, the address and QR code, the review date, lines for notes."""
    tab.goto(f"{server}/selectie/?delen=tip-stabiele-relaties,kern-vipp-fc-en-basic-trust")
    tab.locator("section[data-deel='kern-vipp-fc-en-basic-trust']").wait_for()
    tab.emulate_media(media="print")
    pdf = tmp_path / "selectie.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    pages = len(PdfReader(pdf).pages)
    text = normalise(pdf_text(pdf))
    assert 1 <= pages <= 2, f"{pages} pages"
    for words in (
        "Kinderen zijn gebaat bij stabiele gehechtheidsrelaties",
        "Alle pleegzorgdiensten bieden VIPP-FC",
        "Bronnen",
        "Forslund",
        "Notities",
        "Laatst gecontroleerd",
        "Deze selectie staat online op",
    ):
        assert words in text, words
    assert squash(f"{server}/selectie/?delen=tip-stabiele-relaties,kern-vipp-fc-en-basic-trust") in squash(text)
    for chrome in ("Deel deze pagina", "Stuur per mail", "Toon de selectie", "Even geduld", "Lees deze tekst online"):
        assert chrome not in text, chrome
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(tmp_path / "selectie")], check=True)
    decoded = [url for png in sorted(tmp_path.glob("selectie*.png")) for url in decode_qr(png)]
    assert f"{server}/selectie/?delen=tip-stabiele-relaties,kern-vipp-fc-en-basic-trust" in decoded, (
        "the printed QR code leads to the selection"
    )
    assert f"{server}/selectie/" not in decoded, "no code leads to the bare page, which shows every tip"


def test_selection_page_is_not_indexed_stores_and_sends_nothing(site):
    soup = soup_of(site, SELECTION)
    assert not soup.select("p.delen, .print-adres"), "its bare address would show a family every tip, not the choice"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert f"{SITE_URL}selectie/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "selectie/" not in {entry["location"] for entry in search_entries(site)}
    script = (ROOT / "docs" / "assets" / "selectie.js").read_text(encoding="utf-8")
    for api in ("localStorage", "sessionStorage", "document.cookie", "sendBeacon", "XMLHttpRequest", "method:"):
        assert api not in script, api


@pytest.mark.npm
def test_the_vendored_qr_library_is_the_npm_package():
    """docs/assets/vendor/lean-qr.js is lean-qr as npm installs it (package.json), unchanged, with its licence."""
    vendored = ROOT / "docs" / "assets" / "vendor"
    installed = ROOT / "node_modules" / "lean-qr"
    assert installed.exists(), "lean-qr is missing: ./run.sh test installs it with npm ci"
    assert (vendored / "lean-qr.js").read_bytes() == (installed / "index.mjs").read_bytes()
    assert (vendored / "lean-qr.LICENSE.txt").read_bytes() == (installed / "LICENSE").read_bytes()


def test_voor_begeleiders_is_a_compact_tool(tab, server, site):
    tab.goto(f"{server}/voor-begeleiders/")
    height = tab.evaluate("document.documentElement.scrollHeight")
    print(f"Voor begeleiders: {height} px high at 390 px (was {ORIGINAL_HEIGHT})")
    assert height <= ORIGINAL_HEIGHT / 3
    soup = soup_of(site, "voor-begeleiders")
    boxes = soup.select("form.kiezer input[type=checkbox][name=delen]")
    assert len(boxes) > 40
    for box in boxes:
        label = soup.find("label", attrs={"for": box["id"]})
        assert label is not None and label.get_text().strip(), box
    chosen = {box["value"] for box in boxes}
    assert set(TIP_IDS) <= chosen and "wat-is-gehechtheid:veilig-gehecht" in chosen
    assert not soup.select(".kiezer .admonition.note"), "the site's own style, not Material's blue note"


@pytest.mark.pdf
def test_tip_sheet_holds_all_tips_on_two_sides(site):
    pdf = site / "pdf" / "tips-op-een-blad.pdf"
    reader = PdfReader(pdf)
    text = squash(pdf_text(pdf))
    assert len(reader.pages) <= 2
    for tip, body in tips_in_chapter(site).items():
        assert squash(body) in text, tip
    assert squash(SITE_URL) in text, "the guide's address"
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(ARTIFACTS / "tips-op-een-blad")], check=True)
    decoded = [url for png in sorted(ARTIFACTS.glob("tips-op-een-blad*.png")) for url in decode_qr(png)]
    assert SITE_URL in decoded


@pytest.mark.pdf
def test_tip_cards_one_per_tip_each_with_its_own_qr_code(site):
    pdf = site / "pdf" / "tipkaarten.pdf"
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, "A4"
    tips = tips_of_the_guide(site)
    assert len(reader.pages) == -(-(len(tips) + 1) // 4), "a card per tip and a card of sources, four to a sheet"
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("tipkaarten*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(ARTIFACTS / "tipkaarten")], check=True)
    decoded = [url for png in sorted(ARTIFACTS.glob("tipkaarten*.png")) for url in decode_qr(png)]
    expected = [f"{SITE_URL}{slug}/#{tip}" for slug, tip in tips]
    assert {f"{SITE_URL}gehechtheid-in-pleegzorg/#{tip}" for tip in TIP_IDS} <= set(expected)
    assert sorted(decoded) == sorted(expected)
    text = squash(pdf_text(pdf))
    for tip, body in tips_in_chapter(site).items():
        assert squash(body) in text, tip


@pytest.mark.pdf
def test_print_page_lists_the_handouts_with_pages_and_size(site):
    items = {
        normalise(li.a.get_text()): normalise(li.get_text())
        for li in soup_of(site, "printen").select("ul.pdf-lijst li")
    }
    for title in ("Alle tips op één blad", "Tipkaarten (vier per A4-blad, om te knippen)", "Gehechtheid in pleegzorg"):
        assert re.search(r"\(\d+ pagina’s?, \d+ kB\)$", items[title]), items
    assert soup_of(site, "printen").select_one("a[href$='tips-op-een-blad/']") is not None


def shown_parts(tab) -> list[str]:
    tab.locator("html.selectie-gekozen").wait_for(state="attached", timeout=20000)
    tab.locator("canvas.selectie__qr[aria-label*='?delen='], .selectie__qr-uitleg:not([hidden])").first.wait_for(
        state="attached"
    )
    return tab.locator("section.deel").evaluate_all("sections => sections.map(s => s.dataset.deel)")


def test_a_chosen_service_tip_comes_last_under_its_own_heading(tab, server, site):
    """A begeleider chose the service's tip first and a family tip second: the page shows the family's tip first,
    then the heading "Voor de pleegzorgdienst", then the service's tip."""
    service = sorted(service_tips(site))[0]
    family = next(tip for tip in handout_order(site) if tip not in service_tips(site))
    tab.goto(f"{server}/selectie/?delen={service},{family}")
    tab.locator("html.selectie-gekozen").wait_for(state="attached", timeout=20000)
    order = tab.locator(".selectie__delen > *").evaluate_all(
        "nodes => nodes.map(n => n.dataset.deel || n.id).filter(Boolean)"
    )
    assert order == [family, "voor-de-pleegzorgdienst", service]
    assert tab.locator("h2#voor-de-pleegzorgdienst").is_visible()


def test_every_part_chosen_shows_every_part(tab, server, site):
    """Every part ticked on Voor begeleiders (tapped, as on a phone), then opened: exactly those (the service's tips last), no message."""
    tab.goto(f"{server}/voor-begeleiders/")
    for summary in tab.locator("details.kiezer__delen > summary").all():
        summary.tap()
    boxes = tab.locator("input[name=delen]")
    chosen = boxes.evaluate_all("boxes => boxes.map(b => b.value)")
    for box in boxes.all():
        tab.locator(f"label[for='{box.get_attribute('id')}']").tap()
    tab.locator("form.kiezer button[type=submit]").tap()
    tab.wait_for_url("**/selectie/**")
    assert shown_parts(tab) == service_last(site, chosen)
    assert not tab.locator(".selectie__melding").is_visible(), "no message: every part is there"


def test_an_address_too_long_for_a_qr_code_still_shows_the_chosen_parts(tab, server, site):
    """More than a QR code can hold (a guide grown by editors, made here by giving every section in the page's list
    of parts a long id), every part chosen: the parts are shown, no QR code, and a line that says why."""
    suffix = "-" + "lang" * 20

    def long_ids(route):
        response = route.fetch()
        html = response.text()
        start = re.search(r'id="?selectie-delen"?[^>]*>', html).end()
        end = html.index("</script>", start)
        parts = json.loads(html[start:end])
        for part in parts:
            if part["soort"] == "onderdeel":
                part["id"] += suffix
        route.fulfill(response=response, body=html[:start] + json.dumps(parts).replace("</", "<\\/") + html[end:])

    tab.route("**/selectie/?*", long_ids)
    tab.goto(f"{server}/voor-begeleiders/")
    parts = [
        part + (suffix if ":" in part else "")
        for part in tab.locator("input[name=delen]").evaluate_all("boxes => boxes.map(b => b.value)")
    ]
    tab.goto(f"{server}/selectie/?delen=" + ",".join(parts))
    assert len(tab.url.encode()) > 2953, "test setup: too long for any QR code"
    assert shown_parts(tab) == service_last(site, parts), "the chosen parts, not all tips"
    assert not tab.locator(".selectie__melding").is_visible()
    assert not tab.locator("canvas.selectie__qr").is_visible()
    line = tab.locator(".selectie__qr-uitleg")
    assert line.is_visible() and "te lang voor een QR-code" in line.inner_text()


def test_the_form_address_is_shortened_to_fit_its_qr_code(tab, server, site, tmp_path):
    """The long form (?delen=a&delen=b, : as %3A) of many parts becomes ?delen=a,b, and its QR code is drawn."""
    tab.goto(f"{server}/voor-begeleiders/")
    ids = tab.locator("input[name=delen]").evaluate_all("boxes => boxes.map(b => b.value)")
    tab.goto(f"{server}/selectie/?" + "&".join(f"delen={part.replace(':', '%3A')}" for part in ids + ids))
    assert shown_parts(tab) == service_last(site, ids)
    assert tab.url.endswith("?delen=" + ",".join(ids))
    canvas = tab.locator("canvas.selectie__qr")
    assert canvas.is_visible() and canvas.get_attribute("aria-label") == f"QR-code naar {tab.url}"
    drawn = base64.b64decode(canvas.evaluate("canvas => canvas.toDataURL('image/png')").split(",", 1)[1])
    image = Image.open(io.BytesIO(drawn))
    image.resize((image.width * 6, image.height * 6), Image.NEAREST).save(tmp_path / "qr.png")  # one pixel per module
    assert decode_qr(tmp_path / "qr.png") == [tab.url]
