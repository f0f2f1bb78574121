"""Serving: the shipped nginx configuration, started on loopback, and the weight of every page.

Debian's nginx with libnginx-mod-http-brotli-static serves the built site with server/nginx.conf
(its paths pointed at the test build). Budgets (tests, because they are deterministic), on a phone
with a fresh cache: the first view of a page transfers at most 40 KB, headers and every request
included, in at most 5 requests (the whole guide 50 KB; the selection page may add its QR library);
the next page in the menu after it is its compressed HTML, at most 10 KB (11 KB with the response's
headers), in one request. Times and Lighthouse scores live in the benchmark (benchmark/run.py).
"""

from __future__ import annotations

import gzip
import socket
import subprocess
import urllib.error
import urllib.request

import brotli
import pytest
from bs4 import BeautifulSoup

from gids.loopback import SERVER_ROOT, Nginx, transferred  # shared with benchmark/run.py

from conftest import PHONE, ROOT, all_pages, local_files, nav_pages

FIRST_VIEW_BUDGET = 40_000
WHOLE_GUIDE_BUDGET = 50_000  # /volledige-gids/: every page of the guide on one page, to print in one go
REQUESTS = 5
SECOND_PAGE_BUDGET = 10_000  # its compressed HTML
SECOND_PAGE_HEADERS = 1_000  # and the response's headers (the security headers: server/security-headers.conf)
QR_LIBRARY_ALLOWANCE = 15_000  # the selection page may load its QR library (and script) on top
PAGES = [*nav_pages(), "volledige-gids", "selectie", "tips-op-een-blad", "tipkaarten"]


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
    stylesheet = next((site / "assets").glob("site.*.min.css")).relative_to(site).as_posix()
    status, headers, body = fetch(f"{nginx}/{stylesheet}", "gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == (site / stylesheet).read_bytes()
    assert "Accept-Encoding" in headers.get("Vary", "")


def test_precompressed_are_the_files_readers_fetch(site):
    """Every text file a page or the search can fetch has its .br and .gz (Pagefind's scripts too); source
    maps have none, and Material's own search files are not published at all."""
    text = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
    fetched = [path for path in site.rglob("*") if path.suffix in text and path.is_file()]
    assert site / "pagefind" / "pagefind.js" in fetched and site / "index.html" in fetched
    missing = [
        str(p.relative_to(site))
        for p in fetched
        if not (p.with_name(p.name + ".br").is_file() and p.with_name(p.name + ".gz").is_file())
    ]
    assert not missing
    assert not list(site.rglob("*.map.br"))
    assert not (site / "assets" / "javascripts" / "lunr").exists() and not list(site.rglob("search_index.json"))


def test_fingerprinted_files_cached_for_ever_the_rest_checked_every_time(nginx, site):
    """After a deploy no reader keeps yesterday's scripts: what pages name carries its content hash and is
    immutable; the pages, Pagefind's files (fetched by a fixed name) and the rest are checked every visit."""
    # Pagefind's files and the service worker keep their names (a browser finds a new worker by its name)
    named = [path for path in local_files(site) if not path.startswith("pagefind/") and path != "sw.js"]
    assert len(named) >= 5
    for path in named:
        _, headers, _ = fetch(f"{nginx}/{path}")
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path
    for path in (
        "/gehechtheid-in-pleegzorg/",
        "/",
        "/pagefind/pagefind.js",
        "/pagefind/pagefind-entry.json",
        "/assets/deelbeeld.png",
        "/sw.js",
        "/manifest.webmanifest",
    ):
        status, headers, _ = fetch(nginx + path)
        assert status == 200 and headers["Cache-Control"] == "no-cache", path


def test_assets_are_not_sniffed(nginx, site):
    stylesheet = next((site / "assets").glob("site.*.min.css")).relative_to(site).as_posix()
    script = next((site / "assets").glob("site.*.min.js")).relative_to(site).as_posix()
    for path in (f"/{stylesheet}", f"/{script}", "/pagefind/pagefind.js"):
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


def raw(url: str, request: bytes) -> tuple[int, dict, str]:
    """What nginx answers to request, sent as bytes (for requests urllib will not make)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip(): value.strip() for name, _, value in (line.partition(":") for line in header_lines)}
    return int(status_line.split()[1]), headers, body.decode("utf-8", "replace")


ERRORS = {  # what a reader (or a tool) can send that the site cannot answer with a page
    "forbidden": (b"GET /assets/ HTTP/1.1\r\nHost: gids\r\nConnection: close\r\n\r\n", 403, "niet openen"),
    "POST": (
        b"POST / HTTP/1.1\r\nHost: gids\r\nContent-Length: 2\r\nConnection: close\r\n\r\nja",
        405,
        "kan hier niet",
    ),
    "too long": (
        b"GET /selectie/?" + b"t=pleegtip-1&" * 1500 + b" HTTP/1.1\r\nHost: gids\r\nConnection: close\r\n\r\n",
        414,
        "te lang",
    ),
    "bad request": (b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "klopt niet"),  # no Host
}


@pytest.mark.parametrize("case", ERRORS)
def test_errors_come_with_the_security_headers_and_a_dutch_page(nginx, case):
    request, expected, words = ERRORS[case]
    status, headers, body = raw(nginx, request)
    assert status == expected, body[:300]
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "no-referrer"
    assert headers.get("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")
    page = BeautifulSoup(body, "html.parser")
    assert page.html["lang"] == "nl" and words in page.h1.get_text(), body[:300]
    assert "nginx" not in body
    assert not page.find(style=True) and not page.find("style"), "no inline styles (the policy forbids them)"
    sheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert sheets and all(href.startswith("/") for href in sheets), f"styled at any address: {sheets}"


DEBIAN_DEFAULT = """server {
    listen 80 default_server;
    listen [::]:80 default_server;
    root /var/www/html;
    index index.html index.htm index.nginx-debian.html;
    server_name _;
    location / {
        try_files $uri $uri/ =404;
    }
}"""  # Debian's stock /etc/nginx/sites-enabled/default, without its comments


def test_debian_default_server_never_answers_instead_of_the_site(site, tmp_path):
    """Installed as the README says, the site answers, whatever host name a reader used. Forgetting to remove
    Debian's default server makes `nginx -t` refuse, instead of serving "Welcome to nginx!" in silence."""
    with Nginx(site, tmp_path / "as-readme") as url:
        for host in ("gids.pleegzorg.example", "127.0.0.1"):
            request = urllib.request.Request(url + "/", headers={"Host": host})
            with urllib.request.urlopen(request) as response:
                assert "Gehechtheid in pleegzorg" in response.read().decode("utf-8"), host
    beside_default = Nginx(site, tmp_path / "beside-default", others=(DEBIAN_DEFAULT,))
    check = subprocess.run([*beside_default.command, "-t"], capture_output=True, text=True)
    assert check.returncode != 0 and "duplicate default server" in check.stderr, check.stderr


def test_nothing_server_side_is_published_or_included_from_the_site(site):
    """The web root holds no server configuration, and the server configuration takes nothing from it:
    whoever can publish content cannot write server directives."""
    assert not list(site.rglob("*.conf"))
    for conf in (ROOT / "server").glob("*.conf"):
        includes = [
            line.split()[1].rstrip(";")
            for line in conf.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith("include ")
        ]
        assert all(not path.startswith(SERVER_ROOT) for path in includes), f"{conf.name}: {includes}"


@pytest.mark.parametrize("path", PAGES)
def test_first_view_within_budget(browser, nginx, site, path):
    """A page opened on a phone with nothing cached, then the page after it in the menu (the reader reads on):
    the second page brings its HTML only, since the stylesheets and the script are kept. The service worker's
    keeping of the guide, in the background after the first view, is its own request and not counted here
    (tests/test_offline.py)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    total, requests = transferred(page, f"{nginx}/{path}/" if path else f"{nginx}/", log=print)
    menu = nav_pages()
    following = menu[(menu.index(path) + 1) % len(menu)] if path in menu else menu[0]
    repeat, repeat_requests = transferred(page, f"{nginx}/{following}/" if following else f"{nginx}/", log=print)
    context.close()
    html = site / following / "index.html.br"
    print(
        f"/{path}: first view {total} bytes in {requests} requests; then /{following}/: {repeat} bytes "
        f"in {repeat_requests} requests (its HTML {html.stat().st_size} bytes)"
    )
    budget, allowed_requests = {
        "selectie": (FIRST_VIEW_BUDGET + QR_LIBRARY_ALLOWANCE, REQUESTS + 2),
        "volledige-gids": (WHOLE_GUIDE_BUDGET, REQUESTS),
    }.get(path, (FIRST_VIEW_BUDGET, REQUESTS))
    assert total <= budget, f"/{path}: first view {total} bytes"
    assert requests <= allowed_requests, f"/{path}: first view in {requests} requests"
    # Its HTML only, or nothing at all once the service worker (registered after the first view) has the guide.
    assert repeat_requests <= 1, f"/{following}/ after /{path}: {repeat_requests} requests"
    assert html.stat().st_size <= SECOND_PAGE_BUDGET, f"/{following}/: its HTML is {html.stat().st_size} bytes"
    assert repeat <= SECOND_PAGE_BUDGET + SECOND_PAGE_HEADERS, f"/{following}/ after /{path}: {repeat} bytes"
