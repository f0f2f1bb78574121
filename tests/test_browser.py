"""In Debian's Chromium: sources one tap away, readable text on a phone, boxes that stand out."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ARTIFACTS, CHAPTERS, PHONE, SITE_URL, contrast, nav_pages, soup_of


@pytest.mark.parametrize("slug", list(CHAPTERS.values()))
def test_body_text_is_at_least_16px_on_a_phone(server, phone, slug):
    phone.goto(f"{server}/{slug}/")
    sizes = phone.eval_on_selector_all(
        "article p, article li", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 16, f"{slug}: smallest body text {min(sizes)}px"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{slug}: page scrolls sideways ({width}px)"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tip_and_key_message_boxes_stand_out(server, desktop, scheme):
    desktop.goto(f"{server}/gehechtheid-in-pleegzorg/")
    desktop.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    # Material fades the colours: read them once every transition has ended.
    desktop.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished')")
    styles = desktop.evaluate(
        """() => ['#tip-kleine-signalen', '#kern-vipp-fc-en-basic-trust', '[data-afdruk] > p'].map(sel => {
             const s = getComputedStyle(document.querySelector(sel));
             return {bg: s.backgroundColor, border: s.borderLeftStyle + ' ' + s.borderLeftColor};
           })"""
    )
    tip, key, paragraph = styles
    assert tip["bg"] != paragraph["bg"] and key["bg"] != paragraph["bg"]
    assert tip["bg"] != key["bg"] and tip["border"] != key["border"]
    ARTIFACTS.mkdir(exist_ok=True)
    desktop.locator("#tip-kleine-signalen").screenshot(path=str(ARTIFACTS / f"tip-{scheme}.png"))


# Text on the site's own colours: (element, where its background is set).
COLOUR_PAIRS = [
    ("[data-afdruk] > p", "body"),
    ("[data-afdruk] > p:not(.delen) a", "body"),
    ("p.delen .delen__knop", "body"),
    ("p.delen .delen__mail", "body"),
    ("#tip-kleine-signalen .delen__knop", "#tip-kleine-signalen"),
    ("a.footnote-ref", "body"),
    ("div.footnote li", "body"),
    ("div.footnote a.bronstatus", "body"),
    ("#tip-kleine-signalen p:not(.admonition-title)", "#tip-kleine-signalen"),
    ("#tip-kleine-signalen .admonition-title", "#tip-kleine-signalen"),
    ("#kern-vipp-fc-en-basic-trust p:not(.admonition-title)", "#kern-vipp-fc-en-basic-trust"),
    ("#kern-vipp-fc-en-basic-trust p:not(.admonition-title) a", "#kern-vipp-fc-en-basic-trust"),
    ("#tip-kleine-signalen .headerlink", "#tip-kleine-signalen"),
    ("article h2 .headerlink", "body"),
    (".md-header__title", ".md-header"),
]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_text_colours_meet_wcag_aa(server, desktop, scheme):
    desktop.goto(f"{server}/gehechtheid-in-pleegzorg/")
    desktop.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    # Material fades the colours: read them once every transition has ended.
    desktop.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished')")
    for text_selector, background_selector in COLOUR_PAIRS:
        colours = desktop.evaluate(
            """([t, b]) => [getComputedStyle(document.querySelector(t)).color,
                            getComputedStyle(document.querySelector(b)).backgroundColor]""",
            [text_selector, background_selector],
        )
        ratio = contrast(*colours)
        assert ratio >= 4.5, f"{scheme}: {text_selector} on {background_selector}: {colours} = {ratio:.2f}"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_tapped_share_button_stays_readable(server, phone_with_clipboard, scheme):
    """After a tap the button keeps focus (and Material's hover colours): its label stays readable."""
    page = phone_with_clipboard
    page.goto(f"{server}/gehechtheid-in-pleegzorg/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    for selector in ("#tip-kleine-signalen .delen__knop", "#tip-kleine-signalen .delen__mail"):
        button = page.locator(selector)
        if selector.endswith("knop"):
            button.tap()
        else:
            button.focus()
        page.wait_for_timeout(400)  # Material fades colours for 125 ms
        colours = button.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
        assert contrast(*colours) >= 4.5, f"{scheme}: {selector} after a tap: {colours}"


@pytest.fixture
def phone_with_clipboard(browser, server):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    yield page
    context.close()


NO_WEB_SHARE = "Object.defineProperty(Navigator.prototype, 'share', {value: undefined, configurable: true});"
RECORD_WEB_SHARE = """Object.defineProperty(Navigator.prototype, 'share', {configurable: true,
    value: function (data) { window.__gedeeld = data; return Promise.resolve(); }});"""


def test_share_copies_the_tip_link_and_confirms_in_dutch(server, phone_with_clipboard):
    page = phone_with_clipboard
    page.add_init_script(NO_WEB_SHARE)
    page.goto(f"{server}/gehechtheid-in-pleegzorg/")
    page.locator("#tip-kleine-signalen .delen__knop").tap()
    address = f"{server}/gehechtheid-in-pleegzorg/#tip-kleine-signalen"
    melding = page.locator(".delen__melding")
    melding.wait_for(state="visible", timeout=5000)
    assert melding.inner_text() == f"Link gekopieerd: {address}"
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_share_uses_the_devices_share_sheet_when_there_is_one(server, phone_with_clipboard):
    page = phone_with_clipboard
    page.add_init_script(RECORD_WEB_SHARE)
    page.goto(f"{server}/wat-is-gehechtheid/?h=veilig")  # as a search result opens it
    page.locator("[data-afdruk] > p.delen .delen__knop").tap()
    shared = page.evaluate("window.__gedeeld")
    assert shared == {"title": "Wat is gehechtheid?", "url": f"{server}/wat-is-gehechtheid/"}, (
        "the page's address, without what the search added"
    )


def test_mail_link_carries_the_public_address(server, phone):
    phone.goto(f"{server}/gehechtheid-in-pleegzorg/")
    href = phone.locator("#tip-au-momentjes .delen__mail").get_attribute("href")
    title = phone.locator("#tip-au-momentjes .admonition-title").inner_text().removesuffix("#").strip()
    address = f"{SITE_URL}gehechtheid-in-pleegzorg/#tip-au-momentjes"
    query = parse_qs(urlsplit(href).query)
    assert href.startswith("mailto:?") and query["subject"] == [f"Tip: {title}"]
    assert query["body"] == [address]


def test_caseworkers_copy_button_copies_the_public_address(server, phone_with_clipboard):
    page = phone_with_clipboard
    page.goto(f"{server}/voor-begeleiders/")
    page.locator("details.kiezer__delen > summary").first.tap()
    button = page.locator("li.linklijst__tip button.kopieer-link").first
    button.tap()
    page.locator(".delen__melding").wait_for(state="visible", timeout=5000)
    assert page.evaluate("navigator.clipboard.readText()") == button.get_attribute("data-url")
    assert button.get_attribute("data-url").startswith(SITE_URL)


def test_link_to_this_part_is_visible_on_a_phone(server, phone):
    phone.goto(f"{server}/gehechtheid-in-pleegzorg/")
    for selector in ("#tips .headerlink", "#tip-kleine-signalen .admonition-title .headerlink"):
        link = phone.locator(selector)
        assert link.is_visible(), selector
        assert phone.eval_on_selector(selector, "e => getComputedStyle(e).opacity") == "1", selector


NOTICEABLE_SHIFT = 0.01  # a layout-shift score a reader would notice (Lighthouse calls up to 0.1 "good")


@pytest.mark.parametrize("slug", [*nav_pages(), "volledige-gids"])
def test_nothing_shifts_while_a_page_loads(browser, server, slug):
    """No layout shift a reader would notice while a page loads, on a phone with a slowed-down processor, so
    that scripts run well after the first paint, as on a cheap phone. Chromium's layout-instability API."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script("""window.verschuivingen = [];
        new PerformanceObserver(list => list.getEntries().forEach(entry => window.verschuivingen.push([entry.value,
          entry.sources.map(s => s.node ? s.node.nodeName + '.' + s.node.className : '?').join(', ')]
        ))).observe({type: 'layout-shift', buffered: true});""")
    page.goto(f"{server}/{slug}/" if slug else f"{server}/", wait_until="load")
    page.wait_for_timeout(1000)
    shifts = page.evaluate("window.verschuivingen")
    painted = page.evaluate("performance.getEntriesByType('paint').length")
    context.close()
    total = sum(value for value, _ in shifts)
    print(f"/{slug}: layout shift {total:.5f} {shifts}")
    assert painted > 0, "the page was painted"
    assert total < NOTICEABLE_SHIFT, f"/{slug}: layout shifts while loading: {shifts}"


def test_page_is_painted_once_it_is_read_to_the_end(site):
    """The cause of the small shifts seen before: the browser painted a page it had read halfway (a button
    without its text yet). Every page now asks the browser to wait for the marker after the footer."""
    for slug in [*nav_pages(), "volledige-gids"]:
        page = soup_of(site, slug)
        expect = page.find("link", rel="expect")
        assert expect is not None and expect.get("blocking") == "render", slug
        marker = page.find(id=expect["href"].lstrip("#"))
        assert marker is not None and marker.find_previous("footer") is not None, slug


def test_whole_guide_keeps_the_menu_on_a_phone(server, phone):
    phone.goto(f"{server}/volledige-gids/")
    phone.get_by_role("button", name="Menu").tap()
    menu = phone.locator(".md-sidebar--primary")
    assert menu.is_visible()
    assert menu.get_by_role("link", name="Gehechtheid in pleegzorg").first.is_visible()
