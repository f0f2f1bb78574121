"""Serving: the shipped nginx configuration, started on loopback, and the weight of every page.

Debian's nginx with libnginx-mod-http-brotli-static serves the built site with server/nginx.conf
(its paths pointed at the test build). Budgets (tests, because they are deterministic): the first
view of a page transfers at most 70 KB compressed, all requests included; a second page visited
after it at most 15 KB. Times and Lighthouse scores live in the benchmark (benchmark/run.py).
"""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request

import brotli
import pytest

from bs4 import BeautifulSoup

from conftest import PHONE, ROOT, all_pages, nav_pages

sys.path.insert(0, str(ROOT / "server"))
from loopback import SERVER_ROOT, Nginx, transferred  # noqa: E402  (shared with benchmark/run.py)

FIRST_VIEW_BUDGET = 70_000
REPEAT_VIEW_BUDGET = 15_000
QR_LIBRARY_ALLOWANCE = 15_000  # the selection page may load its QR library (and script) on top
PAGES = [*nav_pages(), "selectie", "tips-op-een-blad", "tipkaarten"]
# /volledige-gids/ is the whole guide on one page, made to print in one go: it is not held to the budget.


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    with Nginx(site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def fetch(url: str, encoding: str = "br") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_pages_come_compressed(nginx, site):
    status, headers, body = fetch(f"{nginx}/wat-is-gehechtheid/", "br")
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert brotli.decompress(body) == (site / "wat-is-gehechtheid" / "index.html").read_bytes()
    status, headers, body = fetch(f"{nginx}/assets/site.min.css", "gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == (site / "assets" / "site.min.css").read_bytes()
    assert "Accept-Encoding" in headers.get("Vary", "")


def test_precompressed_are_the_files_readers_fetch(site):
    """Every text file a page or the search can fetch has its .br and .gz; source maps and the search
    files of other languages have none (compressing those made the build slow)."""
    text = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
    lunr = site / "assets" / "javascripts" / "lunr"
    fetched = [path for path in site.rglob("*") if path.suffix in text and path.is_file() and lunr not in path.parents]
    fetched += [lunr / "min" / "lunr.stemmer.support.min.js", lunr / "min" / "lunr.nl.min.js"]
    assert len(fetched) > 50
    missing = [str(p.relative_to(site)) for p in fetched
               if not (p.with_name(p.name + ".br").is_file() and p.with_name(p.name + ".gz").is_file())]
    assert not missing
    assert not list(site.rglob("*.map.br")) and not list(lunr.rglob("lunr.fr.min.js.br"))
    assert not (lunr / "wordcut.js.br").exists()


def test_caching_long_for_fingerprinted_assets_short_for_pages(nginx, site):
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    _, headers, _ = fetch(f"{nginx}/assets/javascripts/{bundle}")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    _, headers, _ = fetch(f"{nginx}/gehechtheid-in-pleegzorg/")
    assert headers["Cache-Control"] == "no-cache"
    _, headers, _ = fetch(f"{nginx}/assets/site.min.css")
    assert "max-age=86400" in headers["Cache-Control"]


def test_assets_are_not_sniffed(nginx, site):
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    for path in ("/assets/site.min.css", f"/assets/javascripts/{bundle}", "/search/search_index.json"):
        _, headers, _ = fetch(nginx + path)
        assert headers["X-Content-Type-Options"] == "nosniff", path


@pytest.mark.parametrize("path", ["/", "/bronnen/", "/volledige-gids/", "/bestaat-niet/"])
def test_security_headers_on_pages(nginx, site, path):
    _, headers, _ = fetch(nginx + path)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "nginx/" not in headers.get("Server", "")


def test_header_and_every_page_allow_the_same_scripts(nginx, site):
    """The server's Content-Security-Policy header and each page's meta policy are the same policy (the
    header adds frame-ancestors, which a meta tag cannot set); no page needs an inline script."""
    checked = 0
    for page in all_pages(site):
        path = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
        status, headers, body = fetch(nginx + path, "identity")
        if status != 200:
            continue
        header = headers["Content-Security-Policy"]
        meta = BeautifulSoup(body, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert header == meta["content"] + "; frame-ancestors 'none'", path
        assert "'sha256-" not in header and "unsafe-inline" not in header, path
        checked += 1
    print(f"{checked} pages: header and meta policy agree")
    assert checked >= 10


def test_dutch_404_page(nginx):
    status, headers, body = fetch(f"{nginx}/bestaat-niet/", "identity")
    text = body.decode("utf-8")
    assert status == 404 and 'lang="nl"' in text and "Deze pagina bestaat niet (meer)" in text


def test_nothing_server_side_is_published_or_included_from_the_site(site):
    """The web root holds no server configuration, and the server configuration takes nothing from it:
    whoever can publish content cannot write server directives."""
    assert not list(site.rglob("*.conf"))
    for conf in (ROOT / "server").glob("*.conf"):
        includes = [line.split()[1].rstrip(";") for line in conf.read_text(encoding="utf-8").splitlines()
                    if line.strip().startswith("include ")]
        assert all(not path.startswith(SERVER_ROOT) for path in includes), f"{conf.name}: {includes}"


@pytest.mark.parametrize("path", PAGES)
def test_first_view_within_budget(browser, nginx, path):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    total, requests = transferred(page, f"{nginx}/{path}/" if path else f"{nginx}/", log=print)
    following = "wat-is-gehechtheid" if path != "wat-is-gehechtheid" else "gehechtheid-in-pleegzorg"
    repeat, repeat_requests = transferred(page, f"{nginx}/{following}/")
    context.close()
    print(f"/{path}: first view {total} bytes in {requests} requests; then /{following}/: {repeat} bytes "
          f"in {repeat_requests} requests")
    budget, allowed_requests = (FIRST_VIEW_BUDGET + QR_LIBRARY_ALLOWANCE, 7) if path == "selectie" else (FIRST_VIEW_BUDGET, 5)
    assert total <= budget, f"/{path}: first view {total} bytes"
    assert requests <= allowed_requests, f"/{path}: first view in {requests} requests (page, two stylesheets, two scripts)"
    assert repeat <= REPEAT_VIEW_BUDGET, f"/{following}/ after /{path}: {repeat} bytes"
