"""Offline: the guide as an app, and readable without a connection after one visit (gids/offline.py, docs/sw.js).

The pure steps on hand-made folders; the built site's manifest and worker list; nginx's headers for them; and
Chromium through the shipped nginx: installable, every page and its windows and search without a
connection, a page it never kept, and a deploy that reaches a reader who has the old version."""

from __future__ import annotations

import io
import json
import re
import shutil
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from test_serving import fetch
from test_voorlezen import FAKE, VOICES

from gids import offline
from gids.loopback import Nginx
from gids.model import EditorError, Site
from gids.printing import CHROMIUM, CHROMIUM_ARGS

from conftest import ARTIFACTS, PHONE, ROOT, build, copy_project, local_files, nav_pages, soup_of

FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#102030"/>'
    '<path fill="#ffffff" d="M8 8h16v16h-16z"/></svg>'
)
OUT_OF_MENU = ["selectie", "tips-op-een-blad", "tipkaarten"]  # reached from the pages, kept as well


def heading(text: str) -> str:
    """A title as a reader reads it: without the "¶" of its link, its spaces as one."""
    return " ".join(text.replace("¶", " ").split())


def worker_list(site) -> dict[str, list]:
    """The list the build wrote into sw.js: address -> [integrity, 1 (fetched at install) or 0 (once opened)]."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"var BESTANDEN = (\{.*?\});\n", text).group(1))


# -- The steps, on hand-made input ---------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize("purpose", ["any", "maskable"])
def test_icons_are_drawn_from_the_favicon(purpose):
    image = Image.open(io.BytesIO(offline.draw_icon(FAVICON.encode(), 192, purpose))).convert("RGBA")
    assert image.size == (192, 192)
    assert image.getpixel((96, 96)) == (255, 255, 255, 255), "the drawing's own shape, in its colour"
    assert image.getpixel((60, 30)) == (0x10, 0x20, 0x30, 255), "the background, in its colour"
    corner = image.getpixel((1, 1))
    if purpose == "maskable":
        assert corner == (0x10, 0x20, 0x30, 255), "a maskable icon is coloured to its corners (the phone cuts it)"
    else:
        assert corner[3] == 0, "rounded corners, as the favicon has them"


@pytest.mark.unit
def test_a_favicon_the_icons_cannot_be_drawn_from_is_said_in_dutch():
    with pytest.raises(EditorError, match=r"favicon.*<circle>"):
        offline.draw_icon(
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle r="4"/></svg>', 64, "any"
        )


@pytest.mark.unit
def test_the_list_names_pages_by_their_address_and_leaves_out_what_no_reader_opens(tmp_path):
    files = {
        "index.html": "home",
        "a/index.html": "page",
        "a/index.html.br": "compressed",
        "assets/x.12345678.min.js": "script",
        "pdf/a.pdf": "pdf",
        "volledige-gids/index.html": "whole guide",
        "404.html": "error",
        "offline.html": "offline",
        "sitemap.xml": "map",
        "assets/x.css.map": "map",
        "sw.js": "worker",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    kept = offline.files_to_keep(tmp_path)
    assert {address: at_once for address, (_, at_once) in kept.items()} == {
        "": True,
        "a/": True,
        "assets/x.12345678.min.js": True,
        "offline.html": True,
        "pdf/a.pdf": False,
        "volledige-gids/": False,
    }
    assert all(re.fullmatch(r"sha256-[A-Za-z0-9+/]{43}=", integrity) for integrity, _ in kept.values())
    assert kept["a/"][0] != kept[""][0], "by content"
    assert offline.stored_bytes(tmp_path) == len("home") + len("page") + len("script") + len("offline")


def small_site(tmp_path, **known) -> Site:
    (tmp_path / "sw.js").write_text("var BESTANDEN = {/* de build vult dit in */};\n")
    (tmp_path / "index.html").write_text("<p>home</p>")
    return Site(
        folder=tmp_path, root=tmp_path, url="https://x.example/gids/", name="G", description="", favicon="",
        stylesheet="", pages=[], glossary=[], **known
    )  # fmt: skip


@pytest.mark.unit
def test_the_worker_gets_its_list_but_not_under_serve(tmp_path):
    offline.worker_list(site=small_site(tmp_path, serving=True))
    assert "{/* de build vult dit in */}" in (tmp_path / "sw.js").read_text(), (
        "serve: an empty list (it removes itself)"
    )
    offline.worker_list(site=small_site(tmp_path))
    assert '"":["sha256-' in (tmp_path / "sw.js").read_text()
    site = small_site(tmp_path)
    (tmp_path / "sw.js").write_text("var BESTANDEN = {};\n")
    with pytest.raises(EditorError, match="docs/sw.js"):
        offline.worker_list(site=site)


@pytest.mark.unit
def test_the_offline_page_links_from_the_root_of_the_site(tmp_path):
    site = small_site(tmp_path)
    soup = BeautifulSoup(
        '<a href="./a/">a</a><script src="./s.js" data-x="./d.json"></script><a href="#t">t</a>', "lxml"
    )
    offline.from_root(soup, path=tmp_path / "offline.html", site=site)
    assert [tag.get("href") or tag.get("src") for tag in soup.select("a, script")] == ["/gids/a/", "/gids/s.js", "#t"]
    assert soup.script["data-x"] == "/gids/d.json"


# -- The built site ----------------------------------------------------------------------------------------


def test_the_manifest_is_dutch_and_its_icons_are_there(site):
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert manifest["name"] == re.search(r"^site_name: (.+)$", config, re.M).group(1)
    assert manifest["lang"] == "nl" and manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "./", "the site's root, wherever it is"
    assert 0 < len(manifest["short_name"]) <= 12, "fits under an icon"
    stylesheet = (ROOT / "docs/assets/site.css").read_text(encoding="utf-8")
    header = re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})", stylesheet).group(1)
    assert manifest["theme_color"].lower() == header.lower(), "the bar has the header's colour"
    assert manifest["background_color"]
    purposes = set()
    for icon in manifest["icons"]:
        width, height = (int(n) for n in icon["sizes"].split("x"))
        with Image.open(site / icon["src"]) as image:
            assert image.size == (width, height), icon
        purposes.add((icon["purpose"], width))
    assert ("any", 192) in purposes and ("any", 512) in purposes and ("maskable", 512) in purposes


def test_every_page_names_the_manifest_and_the_worker(site):
    for slug in ["", *nav_pages(), *OUT_OF_MENU, "404.html", "offline.html"]:
        soup = soup_of(site, slug)
        manifest = soup.find("link", rel="manifest")
        assert manifest is not None, slug
        script = soup.find("script", attrs={"data-offline": True})
        assert script is not None and script["data-offline"].endswith("sw.js"), slug
        assert soup.find("meta", attrs={"name": "theme-color"}), slug
        assert not manifest.get("blocking") and "blocking" not in str(soup.find("link", rel="apple-touch-icon"))


def test_the_worker_keeps_every_page_and_what_they_need(site):
    listed = worker_list(site)
    at_once = {address for address, (_, now) in listed.items() if now == 1}
    for slug in ["", *nav_pages(), *OUT_OF_MENU]:
        assert (f"{slug}/" if slug else "") in at_once, f"/{slug}/ is kept when the worker installs"
    assert "offline.html" in at_once
    for named in local_files(site):  # the stylesheets, scripts and data the pages name
        assert named in at_once or named == "sw.js", named
    for folder in ("pagefind", "qr", "assets/icons"):
        files = [path.relative_to(site).as_posix() for path in (site / folder).rglob("*") if path.is_file()]
        files = [name for name in files if not name.endswith((".br", ".gz"))]
        assert files and all(name in at_once for name in files), folder
    for address in listed:
        target = site / (address + "index.html" if address.endswith("/") or not address else address)
        assert target.is_file(), f"{address} is listed, but not in the site"
        assert "://" not in address and not address.startswith("/"), "only the site's own files"
    assert listed["volledige-gids/"][1] == 0, "the whole guide: kept once opened"
    assert all(now == 0 for address, (_, now) in listed.items() if address.startswith("pdf/"))
    assert "sw.js" not in listed and "404.html" not in listed and "sitemap.xml" not in listed


def test_one_visit_stores_less_than_the_budget(site):
    stored = offline.stored_bytes(site)
    print(f"one visit keeps {stored} bytes (budget {offline.STORED_BUDGET})")
    assert 0 < stored <= offline.STORED_BUDGET


# -- nginx ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    with Nginx(site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def test_nginx_has_the_browser_check_the_worker_every_visit(nginx):
    status, headers, _ = fetch(f"{nginx}/sw.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert headers["Content-Type"].startswith("application/javascript")
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["worker-src"] == "'self'", "a worker of the site's own only"
    assert "unsafe-eval" not in headers["Content-Security-Policy"].replace("wasm-unsafe-eval", "")
    assert "Service-Worker-Allowed" not in headers, "its scope is where it lives: the root"
    status, headers, _ = fetch(f"{nginx}/manifest.webmanifest")
    assert status == 200 and headers["Content-Type"] == "application/manifest+json"
    assert headers["Cache-Control"] == "no-cache"


# -- In the browser ---------------------------------------------------------------------------------------------


def keeps_the_guide(tab, url: str) -> None:
    """Opens url and waits until the worker has kept the guide and answers the page's requests."""
    tab.goto(url)
    tab.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    tab.evaluate("() => navigator.serviceWorker.ready")


def test_chromium_can_install_the_guide(browser, nginx, tmp_path):
    """Chromium's own installability check, in a profile as a reader has one (a private window never installs)."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profiel"), executable_path=CHROMIUM, args=list(CHROMIUM_ARGS)
    )  # fmt: skip
    try:
        tab = context.new_page()
        keeps_the_guide(tab, f"{nginx}/")
        session = context.new_cdp_session(tab)
        assert session.send("Page.getAppManifest")["errors"] == []
        assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


def test_the_worker_waits_until_the_page_is_idle(browser, nginx):
    """The first view waits for nothing of the worker: it is registered after the page's load event."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.add_init_script(
        """addEventListener('load', () => { window.__geladen = performance.now(); });
           const register = ServiceWorkerContainer.prototype.register;
           ServiceWorkerContainer.prototype.register = function (...args) {
             window.__geregistreerd = performance.now(); return register.apply(this, args); };"""
    )
    tab.goto(f"{nginx}/wat-is-gehechtheid/")
    tab.wait_for_function("() => window.__geregistreerd !== undefined", timeout=30_000)
    assert tab.evaluate("() => window.__geregistreerd > window.__geladen")
    context.close()


def test_offline_every_page_opens_with_its_windows_and_search(browser, nginx, site):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    keeps_the_guide(tab, f"{nginx}/")
    # Kept once opened: the whole guide, and a PDF (when the build printed them).
    tab.goto(f"{nginx}/volledige-gids/")
    pdfs = sorted((site / "pdf").glob("*.pdf"))
    pdf = f"{nginx}/pdf/{pdfs[0].name}" if pdfs else None
    if pdf:
        assert tab.evaluate("url => fetch(url).then(r => r.ok)", pdf)
    context.set_offline(True)
    try:
        response = tab.goto(f"{nginx}/volledige-gids/")
        assert response.from_service_worker and "niet bewaard" not in tab.locator("h1").first.inner_text()
        if pdf:
            assert tab.evaluate("url => fetch(url).then(r => r.ok && r.headers.get('content-type'))", pdf) == (
                "application/pdf"
            ), "the PDF opened before, offline"
        for slug in [*nav_pages(), *OUT_OF_MENU]:
            response = tab.goto(f"{nginx}/{slug}/" if slug else f"{nginx}/")
            assert response is not None and response.ok and response.from_service_worker, slug
            expected = heading(soup_of(site, slug).h1.get_text(" "))
            assert heading(tab.locator("h1").first.inner_text()) == expected, f"/{slug}/ offline"
        # A selection made earlier, opened from its address: a tip, and a section it fetches from its chapter.
        tab.goto(f"{nginx}/selectie/?delen=wat-is-gehechtheid:veilig-gehecht,tip-kleine-signalen")
        section = tab.locator("section.deel[data-deel='wat-is-gehechtheid:veilig-gehecht']")
        section.wait_for()
        shown = [part.get_attribute("data-deel") for part in tab.locator("section.deel").all() if part.is_visible()]
        assert shown == ["wat-is-gehechtheid:veilig-gehecht", "tip-kleine-signalen"], "the selection, as chosen"
        chapter = soup_of(site, "wat-is-gehechtheid").find(id="veilig-gehecht").find_next("p").get_text(" ", strip=True)
        assert " ".join(chapter.split()[:4]) in section.inner_text(), "the section's text, from the kept chapter"
        # A citation and an explained word open their windows; the search finds a passage.
        tab.goto(f"{nginx}/wat-is-gehechtheid/")
        window = tab.locator("#uitlegvenster")
        tab.locator(".bronverwijzing a.footnote-ref").first.tap()
        window.wait_for(state="visible")
        assert window.locator("ol.uitlegvenster__bronnen > li").count() > 0
        tab.keyboard.press("Escape")
        tab.locator("a.uitleg").first.tap()
        tab.wait_for_function("() => !document.getElementById('uitlegvenster').textContent.includes('Even geduld')")
        assert "kon niet geladen" not in window.inner_text(), "the glossary's data, kept"
        tab.keyboard.press("Escape")
        tab.get_by_role("button", name="Zoeken").tap()
        tab.get_by_role("searchbox", name="Zoek in de gids").fill("gehechtheid")
        tab.locator(".zoeken__resultaat a").first.wait_for(timeout=15_000)
        assert "lukt nu niet" not in tab.locator("#zoeken-melding").inner_text()
        # A page that was never kept: the Dutch offline page, with the way to what is kept.
        tab.goto(f"{nginx}/pdf/{pdfs[-1].name}" if len(pdfs) > 1 else f"{nginx}/nooit-geopend/")
        assert "niet bewaard" in tab.locator("h1").inner_text()
        assert tab.evaluate("document.documentElement.lang") == "nl"
        tab.locator("article a[href='/herken-je-dit/']").tap()
        tab.wait_for_url(f"{nginx}/herken-je-dit/")
        assert heading(tab.locator("h1").first.inner_text()) == heading(soup_of(site, "herken-je-dit").h1.get_text(" "))
    finally:
        context.set_offline(False)
        context.close()


def test_without_javascript_no_worker_and_the_pages_as_before(browser, nginx, site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    response = tab.goto(f"{nginx}/herken-je-dit/")
    assert response.ok and not response.from_service_worker
    tab.wait_for_timeout(1500)
    assert context.service_workers == [], "nothing registered"
    assert heading(tab.locator("h1").first.inner_text()) == heading(soup_of(site, "herken-je-dit").h1.get_text(" "))
    context.close()


@pytest.mark.slow
@pytest.mark.npm  # axe-core, on the note
def test_a_new_version_reaches_a_reader_who_has_the_old_one(browser, tmp_path):
    """A deploy while a reader has the guide on their phone: their next page is the new version, after a calm
    note, and never a mix; the old files are gone from the device."""
    project = copy_project(tmp_path / "project")
    served = tmp_path / "site"
    assert build(project, served).returncode == 0
    old = heading(soup_of(served, "printen").h1.get_text(" "))
    with Nginx(served, tmp_path / "nginx") as url:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)  # for axe
        # A device with a Dutch voice of its own, so that "Lees voor" shows on the chapter (tests/test_voorlezen.py).
        context.add_init_script(FAKE % json.dumps({"voices": VOICES, "auto": True, "late": 0, "beacon": False}))
        tab = context.new_page()
        keeps_the_guide(tab, f"{url}/printen/")
        # The deploy: a changed page, built again and put in place.
        page = project / "docs" / "printen.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^# .+$", "# Printen en PDF, nieuw", text, count=1, flags=re.M), encoding="utf-8")
        fresh = tmp_path / "nieuw"
        result = build(project, fresh)
        assert result.returncode == 0, result.stderr[-2000:]
        shutil.rmtree(served)
        shutil.copytree(fresh, served)
        # The reader comes back: the page is the version they had, and a note says a newer one is ready.
        tab.goto(f"{url}/printen/")
        assert heading(tab.locator("h1").first.inner_text()) == old, "no mix: this page stays as it was"
        note = tab.locator(".nieuwe-versie")
        note.wait_for(timeout=60_000)
        assert note.get_attribute("role") == "status"
        assert "nieuwe versie" in note.inner_text()
        # On a chapter, "Lees voor" stays within reach above the note.
        tab.goto(f"{url}/wat-is-gehechtheid/")
        note.wait_for(timeout=60_000)
        reading = tab.locator("div.lees-voor")
        reading.wait_for()
        assert reading.bounding_box()["y"] + reading.bounding_box()["height"] <= note.bounding_box()["y"] + 1
        tab.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
        result = tab.evaluate("() => axe.run(document.querySelector('.nieuwe-versie'))")
        assert not result["violations"], [violation["id"] for violation in result["violations"]]
        # The note covers nothing for good: at the end of the page, its foot is above the note.
        tab.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
        tab.wait_for_timeout(300)
        foot = tab.locator("a.md-footer__link--next").bounding_box()
        assert foot["y"] + foot["height"] <= note.bounding_box()["y"] + 1, "the foot of the page scrolls above the note"
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "nieuwe-versie.png"))
        # Its buttons by keyboard: Shift+Tab from the end of the page reaches them.
        tab.keyboard.press("End")
        tab.evaluate("() => document.activeElement && document.activeElement.blur()")
        tab.keyboard.press("Shift+Tab")
        assert tab.evaluate("() => document.activeElement.textContent") in ("Sluiten", "Nu vernieuwen")
        # The next page they open (by the link at the foot of the page) is the new version.
        following = tab.locator("a.md-footer__link--next")
        target = following.evaluate("a => a.href")
        following.tap()
        tab.wait_for_url(target)
        tab.wait_for_function("() => navigator.serviceWorker.controller !== null")
        tab.goto(f"{url}/printen/")
        assert heading(tab.locator("h1").first.inner_text()) == "Printen en PDF, nieuw"
        listed = worker_list(served)
        keys = tab.evaluate(
            "() => caches.keys().then(n => caches.open(n[0])).then(c => c.keys()).then(r => r.map(x => x.url))"
        )
        kept = {unquote(key.split("?versie=")[1]) for key in keys}
        assert kept and kept <= {integrity for integrity, _ in listed.values()}, "only the new version's files are kept"
        # Another deploy; this time the reader asks for it at once, with the note's button.
        page.write_text(re.sub(r"^# .+$", "# Printen en PDF, nog eens", text, count=1, flags=re.M), encoding="utf-8")
        assert build(project, fresh).returncode == 0
        shutil.rmtree(served)
        shutil.copytree(fresh, served)
        tab.reload()
        tab.get_by_role("button", name="Nu vernieuwen").tap()
        tab.wait_for_function("() => document.querySelector('h1').textContent.includes('nog eens')", timeout=30_000)
        context.close()
