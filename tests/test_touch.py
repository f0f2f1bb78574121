"""A phone in one hand: sources, explanations, menu and focus that work by touch and by keyboard.

Chromium with touch emulation (a 390 x 844 phone) and keyboard walks, on every chapter and the whole
guide: what a foster parent meets, not only what axe and Lighthouse check."""

from __future__ import annotations

import json
import re
import time

import pytest

from conftest import ARTIFACTS, CHAPTERS, PHONE, contrast, expand_numbers, nav_pages, soup_of

PAGES = [*CHAPTERS.values(), "volledige-gids"]
# What the eye sees of a marker: its text without the words for screen readers ("31–36" of [31–36]).
SHOWN = """m => { const c = m.cloneNode(true); c.querySelectorAll('.voorlezen').forEach(e => e.remove());
                 return c.textContent.trim(); }"""
WINDOW = "#uitlegvenster"


def touch(tab, locator) -> None:
    """A finger on the middle of what the reader sees (Playwright's tap() would scroll it into view first)."""
    box = locator.bounding_box()
    assert box is not None, locator
    tab.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def focused(tab, locator, within: float = 2.0) -> bool:
    """Whether the focus is on locator (after a tap the page gives it back once the tap is over)."""
    deadline = time.monotonic() + within
    while True:
        if locator.evaluate("e => document.activeElement === e"):
            return True
        if time.monotonic() > deadline:
            return False
        tab.wait_for_timeout(50)


def phone_page(browser, server, slug, **options):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1, **options)
    tab = context.new_page()
    tab.goto(f"{server}/{slug}/")
    return context, tab


@pytest.mark.parametrize("slug", PAGES)
def test_a_tap_on_any_marker_shows_all_its_sources_in_place(browser, server, slug):
    """Every marker of the page, tapped: the page stays where it is, the window lists every number of the
    group, each with its reference; it closes by its button, Escape or a tap outside, and the focus goes
    back to the marker."""
    context, tab = phone_page(browser, server, slug)
    markers = tab.locator(".bronverwijzing a.footnote-ref")
    count = markers.count()
    assert count > 0
    closers = ("knop", "escape", "buiten")
    for index in range(count):
        marker = markers.nth(index)
        marker.scroll_into_view_if_needed()
        before = tab.evaluate("scrollY")
        touch(tab, marker)
        window = tab.locator(WINDOW)
        window.wait_for(state="visible", timeout=5000)
        shown = expand_numbers(marker.evaluate(SHOWN))
        listed = window.locator("ol.uitlegvenster__bronnen > li")
        values = listed.evaluate_all("items => items.map(i => i.value)")
        moved = abs(tab.evaluate("scrollY") - before)
        assert values == shown, f"/{slug} marker {index}: window lists {values}, marker shows {shown}"
        assert all(len(text) > 20 for text in listed.all_inner_texts()), f"/{slug} marker {index}: a reference is empty"
        assert moved <= 3, f"/{slug} marker {index}: the page moved {moved}px"
        assert marker.get_attribute("aria-expanded") == "true"
        box = window.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"/{slug} marker {index}: window off screen"
        how = closers[index % 3]
        if how == "knop":
            touch(tab, window.get_by_role("button", name="Sluiten"))
        elif how == "escape":
            tab.keyboard.press("Escape")
        else:
            touch(tab, tab.locator(".md-header__title"))  # outside the window, far from any link
        try:
            window.wait_for(state="hidden", timeout=5000)
        except Exception as error:
            raise AssertionError(
                f"/{slug} marker {index}: the window did not close ({how}), {window.bounding_box()}"
            ) from error
        assert focused(tab, marker), f"/{slug} marker {index}: focus not back ({how})"
        assert abs(tab.evaluate("scrollY") - before) <= 3, f"/{slug} marker {index}: closing moved the page"
    context.close()
    print(f"/{slug}: {count} markers tapped")


def test_the_window_links_to_the_full_list_and_says_the_status(browser, server):
    context, tab = phone_page(browser, server, "wat-is-gehechtheid")
    marker = tab.locator(".bronverwijzing a.footnote-ref[data-bronnen='4 5']").first
    marker.scroll_into_view_if_needed()
    marker.tap()
    window = tab.locator(WINDOW)
    window.wait_for(state="visible")
    assert window.get_attribute("role") == "dialog" and window.get_attribute("aria-labelledby")
    assert tab.locator("#uitlegvenster-titel").inner_text() == "Bronnen 4 en 5"
    assert window.inner_text().count("Nog niet teruggevonden") == 2
    link = window.get_by_role("link", name="Naar de bronnenlijst")
    assert link.get_attribute("href") == "#bron-4"
    link.tap()
    tab.wait_for_function("location.hash === '#bron-4'")
    assert tab.locator("#bron-4").is_visible() and not window.is_visible()
    context.close()


def test_markers_open_by_keyboard(browser, server):
    context, tab = phone_page(browser, server, "gehechtheid-in-pleegzorg")
    marker = tab.locator(".bronverwijzing a.footnote-ref[data-bronnen='31 32 33 34 35 36']").first
    marker.focus()
    tab.keyboard.press(" ")
    window = tab.locator(WINDOW)
    window.wait_for(state="visible")
    assert tab.evaluate("document.activeElement.id") == "uitlegvenster", "the focus moves into the window"
    assert marker.get_attribute("role") == "button" and marker.get_attribute("aria-haspopup") == "dialog"
    tab.keyboard.press("Escape")
    window.wait_for(state="hidden")
    tab.keyboard.press("Enter")
    window.wait_for(state="visible")
    context.close()


@pytest.mark.parametrize("slug", [*PAGES, "over-deze-gids"])
def test_targets_are_large_enough_to_tap(browser, server, slug):
    """WCAG 2.5.8: back links, markers, "#" links, source numbers and the header's buttons at least 24 x 24 px."""
    context, tab = phone_page(browser, server, slug)
    sizes = tab.eval_on_selector_all(
        "a.footnote-backref, .bronverwijzing a.footnote-ref, a.headerlink, .md-header__button, a.bronstatus, "
        "a.bronnummer",
        """els => els.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
                    .map(e => { const r = e.getBoundingClientRect();
                                return [e.className + ' ' + (e.getAttribute('aria-label') || e.textContent).trim(),
                                        r.width, r.height]; })""",
    )
    context.close()
    small = [(name[:60], round(w, 1), round(h, 1)) for name, w, h in sizes if w < 24 or h < 24]
    print(f"/{slug}: {len(sizes)} targets measured")
    assert len(sizes) > 5 and not small, f"/{slug}: targets under 24 x 24 px: {small[:8]}"


def focus_report(tab) -> dict:
    """Where the focus is, and whether a reader sees it: on screen and not under the sticky header."""
    return tab.evaluate("""() => {
        let e = document.activeElement;
        if (!e || e === document.body) return {body: true};
        if ((!e.getClientRects().length || !(e.offsetWidth || e.offsetHeight)) && e.form) {
            // a hidden control (the palette switch) shows its focus on its visible label
            const label = [...e.form.querySelectorAll('label')].find(l => l.offsetWidth || l.offsetHeight);
            if (label) e = label;
        }
        const r = e.getClientRects()[0] || e.getBoundingClientRect();  // a link over two lines: its first line
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        const back = document.querySelector('.md-top');  // "Terug naar boven", shown below the header
        const pill = back && !back.hidden && !back.classList.contains('md-top--hidden') ? back.getBoundingClientRect() : null;
        // the header's own controls, and the pill itself, are not under the header or the pill
        const inHeader = !!e.closest('.md-header, .md-skip, .md-top');
        const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        return {name: (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 50),
                onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.width > 0,
                underHeader: !inHeader && (r.top < header - 0.5 || (!!pill && r.top < pill.bottom - 0.5
                             && r.bottom > pill.top && r.left < pill.right && r.right > pill.left)),
                covered: !(top && (top === e || e.contains(top) || top.contains(e)))};
    }""")


def keyboard_walk(browser, server, slug, key, large_text=False, init=None):
    if init is None:
        context, tab = phone_page(browser, server, slug)
    else:  # a script the page gets before its own (a device's voices)
        context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
        context.add_init_script(init)
        tab = context.new_page()
        tab.goto(f"{server}/{slug}/")
        tab.locator("div.lees-voor").wait_for()
    if large_text:
        tab.evaluate(LARGE_TEXT)
    if key == "Shift+Tab":
        tab.keyboard.press("End")
        tab.wait_for_timeout(300)
    lost, seen = [], 0
    for step in range(1200):
        tab.keyboard.press(key)
        report = focus_report(tab)
        if report.get("body"):
            if step > 5:
                break
            continue
        seen += 1
        if not report["onScreen"] or report["underHeader"] or report["covered"]:
            lost.append((step, report))
    context.close()
    print(f"/{slug} {key}: {seen} stops")
    assert seen > 20 and not lost, f"/{slug} {key}: focus not visible at {lost[:5]}"


@pytest.mark.parametrize("slug", PAGES)
@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_keyboard_walk_never_loses_the_focus(browser, server, slug, key):
    """Tab and Shift+Tab over the whole page on a phone: the focus never lands off screen, in the closed
    menu, or under the sticky header or the "Terug naar boven" pill below it, not even partly (WCAG 2.4.11)."""
    keyboard_walk(browser, server, slug, key)


@pytest.mark.parametrize("slug", CHAPTERS.values())
@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_keyboard_walk_with_large_text(browser, server, slug, key):
    """The same with text at 200 %: the pill "Terug naar boven" must not grow over the room kept free."""
    keyboard_walk(browser, server, slug, key, large_text=True)


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_keyboard_walk_with_lees_voor_shown(browser, server, key):
    """On a device with a Dutch voice, "Lees voor" is fixed at the foot of the screen: it covers no focus."""
    from test_voorlezen import FAKE, VOICES

    fake = FAKE % json.dumps({"voices": VOICES, "auto": True, "late": 0, "beacon": False})
    keyboard_walk(browser, server, next(iter(CHAPTERS.values())), key, init=fake)


def test_the_menu_button_opens_the_menu_and_a_closed_menu_is_skipped(browser, server):
    context, tab = phone_page(browser, server, "wat-is-gehechtheid")
    tab.keyboard.press("Tab")  # the skip link
    tab.keyboard.press("Tab")
    menu = tab.get_by_role("button", name="Menu")
    assert menu.evaluate("m => document.activeElement === m"), "the menu button is the next stop"
    assert menu.get_attribute("aria-expanded") == "false"
    assert tab.locator("#site-menu").evaluate("m => m.inert"), "the closed menu is out of the tab order"
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    assert tab.evaluate("document.getElementById('site-menu').contains(document.activeElement)"), "focus in the menu"
    tab.keyboard.press("Escape")
    tab.wait_for_function("!document.getElementById('__drawer').checked")
    assert menu.evaluate("m => document.activeElement === m")
    menu.tap()
    tab.wait_for_function("document.getElementById('__drawer').checked")
    assert tab.locator("#site-menu").get_by_role("link", name="Woordenlijst").is_visible()
    context.close()


def test_a_tap_on_the_search_button_puts_the_cursor_in_the_field(browser, server):
    """One tap and the phone can show its keyboard: the search field has the focus, no second tap needed;
    a tap on a result leads to the passage itself."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    tab = context.new_page()
    asked: list[str] = []
    tab.on("request", lambda request: asked.append(request.url))
    tab.goto(f"{server}/wat-is-gehechtheid/", wait_until="networkidle")
    search_files = [url for url in asked if "/pagefind/" in url or "/zoeken." in url]
    assert not search_files, f"fetched before a reader searches: {search_files}"
    touch(tab, tab.get_by_role("button", name="Zoeken"))
    field = tab.get_by_role("searchbox", name="Zoek in de gids")
    assert focused(tab, field), "the search field has the focus after one tap"
    tab.keyboard.type("au momentjes")
    part = tab.locator(".zoeken__resultaat").first.locator("a.zoeken__deel").first
    part.wait_for(timeout=10000)
    status = tab.locator("#zoeken-melding")
    # The results of the whole query (those of its first letters may come first, while it is typed).
    tab.locator("#zoeken-melding", has_text="resultaten voor ‘au momentjes’").wait_for(timeout=10000)
    assert status.get_attribute("role") == "status"
    assert any("/pagefind/pagefind.js" in url for url in asked) and any(".pf_fragment" in url for url in asked)
    touch(tab, part)
    tab.wait_for_url("**/gehechtheid-in-pleegzorg/#tip-au-momentjes")
    assert not tab.evaluate("!!document.querySelector('dialog[open]')"), "the search is closed on the new page"
    context.close()


@pytest.mark.parametrize("slug", ["gehechtheid-in-pleegzorg", "volledige-gids"])
def test_forced_colours_keep_the_edges(browser, server, slug):
    """Windows high contrast: the window, the boxes and the focus keep a visible edge (screenshots in
    test-artifacts/)."""
    context, tab = phone_page(browser, server, slug)
    tab.emulate_media(forced_colors="active")
    marker = tab.locator(".bronverwijzing a.footnote-ref").first
    marker.scroll_into_view_if_needed()
    marker.tap()
    window = tab.locator(WINDOW)
    window.wait_for(state="visible")
    ARTIFACTS.mkdir(exist_ok=True)
    window.screenshot(path=str(ARTIFACTS / f"forced-colours-window-{slug}.png"))
    edges = tab.evaluate("""() => [...document.querySelectorAll(
            '#uitlegvenster, .admonition.pleegtip, .admonition.kernboodschap, .admonition.samenvatting')]
            .filter(e => e.offsetWidth).map(e => {
            const s = getComputedStyle(e);
            return [e.id || e.className, s.borderTopStyle, parseFloat(s.borderTopWidth), s.borderTopColor,
                    s.backgroundColor]; })""")
    assert len(edges) >= 3
    flat = [edge for edge in edges if edge[1] == "none" or edge[2] < 1 or edge[3] == edge[4]]
    assert not flat, f"no visible edge in forced colours: {flat}"
    tab.keyboard.press("Escape")
    outline = marker.evaluate(
        "m => { const s = getComputedStyle(m); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2, f"focus outline in forced colours: {outline}"
    context.close()


def test_every_page_has_its_own_title_that_names_it_first(site):
    titles = {}
    for slug in [*nav_pages(), "volledige-gids"]:
        page = soup_of(site, slug)
        title = page.title.get_text()
        heading = page.select_one("article h1").get_text().removesuffix("¶").strip()
        in_menu = page.select_one("nav.md-nav--primary .md-nav__link--active")
        names = {heading, in_menu.get_text().strip() if in_menu else heading}
        titles[slug] = title
        assert (
            any(title.startswith(name) for name in names)
            or (slug == "" and title == "Gehechtheid in pleegzorg")
            or (slug == "volledige-gids" and title.startswith("Volledige gids"))
        ), (slug, title)
    assert len(set(titles.values())) == len(titles), titles
    assert titles["gehechtheid-in-pleegzorg"] == "Gehechtheid in pleegzorg (hoofdstuk 3) - Gehechtheid in pleegzorg"
    assert re.fullmatch(
        r"Wat is gehechtheid\? \(hoofdstuk 1\) - Gehechtheid in pleegzorg", titles["wat-is-gehechtheid"]
    )


def test_links_tell_apart_what_they_lead_to(site):
    """A screen reader's list of links: no two back links, status labels or "#" links with one name."""
    for slug in PAGES:
        soup = soup_of(site, slug)
        for selector in ("a.footnote-backref", "a.bronstatus", "a.headerlink"):
            names = [link.get("aria-label") or link.get_text() for link in soup.select(f"article {selector}")]
            repeated = {name for name in names if names.count(name) > 1}
            assert not repeated, f"/{slug}: {selector} named alike: {sorted(repeated)[:3]}"


def test_a_group_of_parts_opens_in_place_at_full_width(browser, server):
    """Voor begeleiders: a tap on "N stukken om te kiezen" opens the list under its toggle, as wide as the
    group; the toggle stays where the finger was."""
    context, tab = phone_page(browser, server, "voor-begeleiders")
    groups = tab.locator("details.kiezer__delen")
    assert groups.count() > 1
    for index in range(groups.count()):
        group = groups.nth(index)
        toggle = group.locator("> summary")
        toggle.scroll_into_view_if_needed()
        before = toggle.bounding_box()
        touch(tab, toggle)
        tab.wait_for_function("g => g.open", arg=group.element_handle())
        after = toggle.bounding_box()
        widths = group.evaluate("g => [g.querySelector('ul').getBoundingClientRect().width, g.clientWidth]")
        assert abs(after["y"] - before["y"]) <= 2 and abs(after["x"] - before["x"]) <= 2, (
            f"group {index}: the toggle moved from {before} to {after}"
        )
        assert widths[0] >= widths[1] - 1, f"group {index}: the list is {widths[0]:.0f} of {widths[1]:.0f} px wide"
    context.close()


def test_the_bar_with_the_choice_never_hides_the_focus(browser, server):
    """Voor begeleiders, once a part is ticked: Tab over every part of every group; no stop is under the bar
    at the bottom of the screen, not even partly (WCAG 2.4.11)."""
    context, tab = phone_page(browser, server, "voor-begeleiders")
    groups = tab.locator("details.kiezer__delen")
    for index in range(groups.count()):
        groups.nth(index).locator("> summary").tap()
    tab.locator("details.kiezer__delen label").first.tap()
    tab.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
    hidden, seen, under_bar = [], 0, 0
    for step in range(2000):
        tab.keyboard.press("Tab")
        report = tab.evaluate("""() => {
            const e = document.activeElement, bar = document.querySelector('.kiezer__balk');
            if (!e || e === document.body) return null;
            const r = e.getBoundingClientRect(), b = bar.getBoundingClientRect();
            return {name: (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 50), shown: !bar.hidden,
                    over: !bar.hidden && !bar.contains(e) && r.top < b.bottom && r.bottom > b.top,
                    offScreen: r.bottom <= 0 || r.top >= innerHeight}; }""")
        if report is None:
            if step > 5:
                break
            continue
        seen += 1
        under_bar += report["shown"]
        if report["over"] or report["offScreen"]:
            hidden.append((step, report))
    context.close()
    print(f"/voor-begeleiders: {seen} stops, {under_bar} with the bar on the screen")
    assert under_bar > 20, "the walk went along the list with the bar showing"
    assert not hidden, f"focus under the bar: {len(hidden)} stops, {hidden[:5]}"


MENU_STOP = """() => {
    const e = document.activeElement, menu = document.getElementById('site-menu');
    if (!document.getElementById('__drawer').checked || !menu.contains(e)) return null;
    const r = e.getBoundingClientRect();
    const top = document.elementFromPoint(Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1),
                                          Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1));
    return {name: (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40), role: e.getAttribute('role'),
            seen: r.width > 0 && r.right > 0 && r.left < innerWidth && r.top >= 0 && r.bottom <= innerHeight
                  && !!top && (top === e || e.contains(top) || top.contains(e))};
}"""


def menu_walk(tab, key: str = "Tab") -> list[dict]:
    """The stops of the open menu, from the focus on, until the focus leaves it."""
    stops = [tab.evaluate(MENU_STOP)]
    for _ in range(60):
        tab.keyboard.press(key)
        stop = tab.evaluate(MENU_STOP)
        if stop is None:
            break
        stops.append(stop)
    return [stop for stop in stops if stop]


@pytest.mark.parametrize("slug", CHAPTERS.values())
def test_the_open_menu_shows_every_stop_and_goes_up_by_keyboard(browser, server, slug):
    """The phone menu on a chapter opens on the panel "Hoofdstukken": Tab and Shift+Tab reach only what is on
    that panel (nothing hidden behind it), and the arrow back to all pages is a button with a Dutch name that
    works with Enter; then the main menu's links are the stops."""
    context, tab = phone_page(browser, server, slug)
    touch(tab, tab.get_by_role("button", name="Menu", exact=True))
    tab.wait_for_function("document.getElementById('__drawer').checked")
    tab.wait_for_timeout(400)  # the menu slides in (250 ms)
    forward = menu_walk(tab)
    touch(tab, tab.get_by_role("button", name="Menu", exact=True))  # Tab past the last stop closed it
    tab.wait_for_timeout(400)
    tab.evaluate("""[...document.querySelectorAll('#site-menu a[href], #site-menu [tabindex="0"]')]
                    .filter(e => !e.closest('[inert]') && e.getClientRects().length).pop().focus()""")
    backward = menu_walk(tab, "Shift+Tab")
    hidden = [stop["name"] for stop in forward + backward if not stop["seen"]]
    assert len(forward) >= 3 and not hidden, f"/{slug}: menu stops not on the screen: {hidden}"
    up = tab.get_by_role("button", name="Terug naar alle pagina’s", exact=True)
    assert [stop for stop in backward if stop["role"] == "button" and stop["name"] == "Terug naar alle pagina’s"], (
        f"/{slug}: the way up is not a stop: {backward}"
    )
    touch(tab, tab.get_by_role("button", name="Menu", exact=True))  # Shift+Tab before the first stop closed it
    tab.wait_for_timeout(400)
    up.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => document.activeElement.matches('#site-menu [role=button]')")
    tab.wait_for_timeout(400)
    main = menu_walk(tab)
    hidden = [stop["name"] for stop in main if not stop["seen"]]
    assert "Woordenlijst" in [stop["name"] for stop in main] and not hidden, f"/{slug}: main menu {main}"
    context.close()


def test_back_closes_the_window_first_and_stays_on_the_page(browser, server):
    """The phone's back gesture with a source window open closes the window; the reader stays where they were.
    Closed by its button or followed by its link, no extra step is left: back then leaves the page at once."""
    context, tab = phone_page(browser, server, "herken-je-dit")
    start = tab.url
    tab.goto(f"{server}/wat-is-gehechtheid/")
    chapter = tab.url
    marker = tab.locator(".bronverwijzing a.footnote-ref[data-bronnen='4 5']").first
    window = tab.locator(WINDOW)
    marker.scroll_into_view_if_needed()
    before = tab.evaluate("scrollY")
    touch(tab, marker)
    window.wait_for(state="visible")
    tab.go_back()
    window.wait_for(state="hidden")
    assert tab.url == chapter and abs(tab.evaluate("scrollY") - before) <= 3, "back closed the window in place"
    assert focused(tab, marker), "the focus is back on the marker"

    touch(tab, marker)
    window.wait_for(state="visible")
    touch(tab, window.get_by_role("button", name="Sluiten"))
    window.wait_for(state="hidden")
    touch(tab, marker)
    window.get_by_role("link", name="Naar de bronnenlijst").tap()
    tab.wait_for_function("() => location.hash === '#bron-4'")
    tab.go_back()
    assert tab.url == chapter, "back from the list: the text where the marker is"
    tab.go_back()
    assert tab.url == start, "no step left over: the second back leaves the page"
    context.close()


def test_back_closes_the_menu_first(browser, server):
    context, tab = phone_page(browser, server, "herken-je-dit")
    start = tab.url
    tab.goto(f"{server}/gehechtheid-in-pleegzorg/")
    chapter = tab.url
    menu = tab.get_by_role("button", name="Menu", exact=True)
    touch(tab, menu)
    tab.wait_for_function("() => document.getElementById('__drawer').checked")
    tab.go_back()
    tab.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert tab.url == chapter
    touch(tab, menu)
    tab.wait_for_function("() => document.getElementById('__drawer').checked")
    tab.keyboard.press("Escape")
    tab.wait_for_function("() => !document.getElementById('__drawer').checked")
    tab.go_back()
    assert tab.url == start, "closed with Escape, no step is left: back leaves the page"
    context.close()


def test_search_results_are_reached_with_tab_and_escape_returns_to_the_button(browser, server):
    """Search on a phone by keyboard: Tab from the field goes to the results (search stays open), Shift+Tab
    back to the field; Escape closes the search and the focus is on the search button again. The dialog
    is modal: Tab stays inside it."""
    context, tab = phone_page(browser, server, "wat-is-gehechtheid")
    button = tab.get_by_role("button", name="Zoeken")
    touch(tab, button)
    field = tab.get_by_role("searchbox", name="Zoek in de gids")
    assert focused(tab, field)
    tab.keyboard.type("gehechtheid")
    results = tab.locator(".zoeken__resultaten a")
    results.nth(1).wait_for(timeout=10000)
    # The line a screen reader hears says how many results there are, and how many of them are shown.
    said, shown = tab.locator("#zoeken-melding").inner_text(), tab.locator(".zoeken__resultaat").count()
    found = int(said.split()[0])
    assert found >= shown and (f"Hieronder de {shown} beste." in said if found > shown else "Hieronder" not in said)
    is_open = "() => document.querySelector('dialog.zoeken').open"
    in_results = "() => !!document.activeElement.closest('.zoeken__resultaten')"
    tab.keyboard.press("Tab")
    assert tab.evaluate(is_open) and tab.evaluate(in_results), "Tab from the field: the first result"
    first = tab.evaluate("() => document.activeElement.href")
    tab.keyboard.press("Tab")
    assert tab.evaluate(in_results) and tab.evaluate("() => document.activeElement.href") != first, "the next result"
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Shift+Tab")
    assert focused(tab, field) and tab.evaluate(is_open), "Shift+Tab: back to the field"
    for _ in range(60):
        tab.keyboard.press("Tab")
        assert tab.evaluate("() => !!document.activeElement.closest('dialog.zoeken')"), "Tab stays in the dialog"
    tab.keyboard.press("Escape")
    tab.wait_for_function("() => !document.querySelector('dialog.zoeken').open")
    assert focused(tab, button), "Escape: the focus is on the search button"
    context.close()


def test_search_closes_by_tap_beside_it_and_by_the_back_gesture(browser, server):
    """On a phone, the search is the whole screen; on a tablet a tap beside it closes it. The back gesture
    closes it too, and the reader stays on the page; closed another way, no step is left behind."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    tab = context.new_page()
    tab.goto(f"{server}/")
    home = tab.url
    tab.goto(f"{server}/wat-is-gehechtheid/")
    chapter = tab.url
    touch(tab, tab.get_by_role("button", name="Zoeken"))
    tab.locator("dialog.zoeken[open]").wait_for()
    box = tab.locator("dialog.zoeken").bounding_box()
    viewport = tab.viewport_size
    assert box["width"] >= viewport["width"] - 1 and box["height"] >= viewport["height"] - 1, "the whole screen"
    tab.go_back()
    tab.wait_for_function("() => !document.querySelector('dialog.zoeken').open")
    assert tab.url == chapter, "back closed the search, the page stays"
    touch(tab, tab.get_by_role("button", name="Zoeken"))
    touch(tab, tab.get_by_role("button", name="Sluiten"))
    tab.wait_for_function("() => !document.querySelector('dialog.zoeken').open")
    tab.wait_for_function("() => !(history.state && history.state.siteOpen)")
    tab.set_viewport_size({"width": 1024, "height": 768})
    touch(tab, tab.get_by_role("button", name="Zoeken"))
    tab.locator("dialog.zoeken[open]").wait_for()
    tab.touchscreen.tap(10, 700)  # on the dimmed page, beside the dialog
    tab.wait_for_function("() => !document.querySelector('dialog.zoeken').open")
    # Closed so, the search takes its step in the history back itself (site.js); then back leaves the page.
    tab.wait_for_function("() => !(history.state && history.state.siteOpen)")
    tab.go_back()
    tab.wait_for_url(home)
    context.close()


# The phone's text size at 200 %: Material sets the root at 125 % of the browser's size, the reader doubles it.
LARGE_TEXT = "document.documentElement.style.fontSize = 'calc(125% * 2)'"
ALL_PAGES = [*nav_pages(), "volledige-gids", "selectie", "tips-op-een-blad", "tipkaarten"]


@pytest.mark.parametrize("slug", ALL_PAGES)
def test_large_text_never_scrolls_sideways(browser, server, slug):
    """WCAG 1.4.4 and 1.4.10 on a 390 px phone with text at 200 %: the page reflows, nothing (such as a
    source's status label) runs past the right edge."""
    context, tab = phone_page(browser, server, slug)
    tab.evaluate(LARGE_TEXT)
    tab.wait_for_timeout(100)
    width, wide = tab.evaluate("""() => [document.scrollingElement.scrollWidth,
        [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1
            && !e.closest('.md-sidebar') && ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 30))]""")
    context.close()
    assert width <= PHONE["width"], f"/{slug}: {width} px wide with text at 200 %: {wide}"


@pytest.mark.parametrize("slug", CHAPTERS.values())
def test_the_window_fits_a_phone_on_its_side(browser, server, slug):
    """844 x 390 (a phone on its side): every source and word window of the chapter is wholly on the screen,
    below the header; what does not fit scrolls inside the window."""
    context = browser.new_context(viewport={"width": 844, "height": 390}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{server}/{slug}/")
    window = tab.locator(WINDOW)
    triggers = tab.locator(".bronverwijzing a.footnote-ref, a.uitleg")
    off, count = [], triggers.count()
    for index in range(count):
        trigger = triggers.nth(index)
        if not trigger.is_visible():
            continue
        trigger.scroll_into_view_if_needed()
        x, y = trigger.evaluate(
            "e => { const r = e.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; }"
        )
        tab.touchscreen.tap(x, y)  # a word over two lines: on its first line
        window.wait_for(state="visible")
        tab.wait_for_function("() => !document.getElementById('uitlegvenster').textContent.includes('Even geduld')")
        box = tab.evaluate("""() => { const w = document.getElementById('uitlegvenster'), r = w.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                    scrolls: w.scrollHeight <= w.clientHeight + 1 || getComputedStyle(w).overflowY === 'auto'}; }""")
        if box["top"] < box["header"] or box["bottom"] > 390 or not box["scrolls"]:
            off.append((index, trigger.inner_text(), round(box["top"]), round(box["bottom"])))
        tab.keyboard.press("Escape")
        window.wait_for(state="hidden")
    context.close()
    assert count > 0 and not off, f"/{slug}: windows past the screen (index, marker, top, bottom): {off[:5]}"


def test_the_window_has_a_visible_edge_in_the_dark(browser, server):
    """Dark palette (the phone set to dark): the window's edge stands out from the page, at least 3:1 (1.4.11)."""
    context, tab = phone_page(browser, server, "wat-is-gehechtheid", color_scheme="dark")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    marker = tab.locator(".bronverwijzing a.footnote-ref").first
    marker.scroll_into_view_if_needed()
    touch(tab, marker)
    tab.locator(WINDOW).wait_for(state="visible")
    tab.wait_for_timeout(300)  # Material fades colours
    edge, page = tab.evaluate("""() => [getComputedStyle(document.getElementById('uitlegvenster')).borderTopColor,
                                        getComputedStyle(document.body).backgroundColor]""")
    context.close()
    assert contrast(edge, page) >= 3, f"window edge {edge} on {page}: {contrast(edge, page):.2f}:1"


def test_back_to_top_has_an_edge_in_forced_colours(browser, server):
    """Windows high contrast: the "Terug naar boven" pill, shown when the reader scrolls back up, has a border."""
    context, tab = phone_page(browser, server, "gehechtheid-in-pleegzorg", forced_colors="active")
    tab.mouse.wheel(0, 3000)
    tab.wait_for_timeout(300)
    tab.mouse.wheel(0, -600)
    top = tab.get_by_role("button", name="Terug naar boven")
    top.wait_for(state="visible")
    ARTIFACTS.mkdir(exist_ok=True)
    top.screenshot(path=str(ARTIFACTS / "forced-colours-terug-naar-boven.png"))
    style, width, colour, background = top.evaluate("""t => { const s = getComputedStyle(t);
        return [s.borderTopStyle, parseFloat(s.borderTopWidth), s.borderTopColor, s.backgroundColor]; }""")
    context.close()
    assert style != "none" and width >= 1 and colour != background, f"no edge: {style} {width} {colour} on {background}"


def test_the_focus_ring_shows_on_the_teal_header(browser, server):
    """Light palette: Tab over the header's controls; each focus ring is at least 3:1 against the header."""
    context, tab = phone_page(browser, server, "wat-is-gehechtheid", color_scheme="light")
    rings = []
    for _ in range(12):
        tab.keyboard.press("Tab")
        ring = tab.evaluate("""() => {
            let e = document.activeElement;
            if (!e.closest('.md-header')) return null;
            if (!(e.offsetWidth || e.offsetHeight) && e.form)
                e = [...e.form.querySelectorAll('label')].find(l => l.offsetWidth || l.offsetHeight) || e;
            const s = getComputedStyle(e);
            return [(e.getAttribute('aria-label') || e.getAttribute('title') || e.tagName).trim(), s.outlineStyle,
                    s.outlineColor, getComputedStyle(document.querySelector('.md-header')).backgroundColor]; }""")
        if ring:
            rings.append(ring)
    context.close()
    weak = [
        (name, style, round(contrast(colour, header), 2))
        for name, style, colour, header in rings
        if style == "none" or contrast(colour, header) < 3
    ]
    assert len(rings) >= 3 and not weak, f"focus rings on the header: {weak}"


def test_the_colour_switch_by_tap_is_kept_on_the_next_page_without_a_flash(browser, server):
    """No script of Material's runs: the site's own sets the scheme. A phone in light mode opens the page
    light; a tap on the switch turns it dark, and the next page is dark from its first paint (the paint
    waits for the script). The device's dark mode is followed where the reader chose nothing."""
    context, tab = phone_page(browser, server, "wat-is-gehechtheid")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    assert tab.evaluate(scheme) == "default"
    touch(tab, tab.locator("form.md-header__option label:not([hidden])"))
    tab.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # The next page: the scheme as the first frame is painted (rAF runs before the first paint).
    tab.add_init_script(
        "requestAnimationFrame(() => { window.__eerste = document.body && document.body.getAttribute('data-md-color-scheme'); })"
    )
    tab.goto(f"{server}/gehechtheid-in-pleegzorg/")
    assert tab.evaluate("window.__eerste") == "slate", "the first paint is already dark"
    assert (
        tab.locator("form.md-header__option label:not([hidden])").get_attribute("title")
        == "Lichte weergave inschakelen"
    )
    context.close()
    dark, tab = phone_page(browser, server, "wat-is-gehechtheid", color_scheme="dark")
    assert tab.evaluate(scheme) == "slate", "the device's dark mode"
    dark.close()
