"""Shared fixtures: the site built once in strict mode, parsed pages, the source text."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright
from pybtex.database import parse_file

from gids.printing import CHROMIUM, CHROMIUM_ARGS
from gids.project import nav_pages, nav_section  # noqa: F401  (the tests import nav_pages from here)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "brontekst.txt"  # copy of shared/seed/gehechtheid-in-pleegzorg.txt
RECOVERED = FIXTURES / "recovered.json"  # copy of shared/references/recovered.json

# Source chapter -> page that carries it.
CHAPTERS = {
    "1. Gehechtheid": "wat-is-gehechtheid",
    "2. Belang gehechtheid": "waarom-gehechtheid-belangrijk-is",
    "3. Gehechtheid in pleegzorg": "gehechtheid-in-pleegzorg",
    "Bijlage 1": "vipp-fc-en-basic-trust",
}
SITE_URL = "https://gids.pleegzorg.example/"  # the public address the test builds carry
REACTIE_ADRES = "mailto:redactie@pleegzorg.example"  # where the test builds send reactions
SITE_FILES = ("mkdocs.yml", "references.bib", "woordenlijst.yml", "adressen.txt", "docs", "overrides")


def build(
    project: Path, site_dir: Path, pdf: bool = False, record: bool = False, generator: str = "properdocs"
) -> subprocess.CompletedProcess:
    """`properdocs build --strict` of a project folder (with PDFs if asked; generator="mkdocs" for MkDocs
    itself); returns the finished process. As ./run.sh check builds, it writes no file of the project;
    record=True records the new addresses in adressen.txt, as ./run.sh adressen and ./run.sh build do."""
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        DISABLE_MKDOCS_2_WARNING="true",
        SITE_URL=SITE_URL,
        REACTIE_ADRES=REACTIE_ADRES,
        PDF="1" if pdf else "0",
        ADRESSEN="1" if record else "0",
    )
    return subprocess.run(
        [
            sys.executable,
            "-m",
            generator,
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


CACHES = (
    "bronnen",
    "compress",
    "qr",
    "iconen",
)  # what a build keeps in .cache/ by content (sources, .br/.gz, QR codes, app icons)


def copy_project(target: Path) -> Path:
    """A copy of everything the build reads, for tests that inject defects, with a copy of this checkout's
    build cache: a copy's build formats, compresses and draws only what its defect changed."""
    target.mkdir(parents=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    for name in CACHES:
        if (ROOT / ".cache" / name).is_dir():
            shutil.copytree(ROOT / ".cache" / name, target / ".cache" / name)
    return target


BROWSER_FIXTURES = {"browser", "server", "phone", "desktop", "phone_with_clipboard", "nginx", "search_page"}


def pytest_collection_modifyitems(items):
    """Marks each test by what it needs (README, "Tests"): unit (nothing built), site (the built site), browser,
    pdf, slow (its own builds or servers), npm; ./run.sh check leaves out the browser, the PDFs and the slow ones."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if "pdfs" in fixtures:
            item.add_marker(pytest.mark.pdf)
        if "site" in fixtures:
            item.add_marker(pytest.mark.site)
        needs = {"browser", "pdf", "site", "slow", "npm"}
        if not any(item.get_closest_marker(name) for name in needs):
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once, in strict mode, with the PDFs (TEST_PDF=0, as ./run.sh check sets: without)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(ROOT, site_dir, pdf=os.environ.get("TEST_PDF") != "0")
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def chapter_pages() -> list[str]:
    """The pages of the nav section "Hoofdstukken" (the brochure's chapters, and any the editors add)."""
    return [entry.slug for entry in nav_section("Hoofdstukken")]


def page_path(site: Path, slug: str) -> Path:
    """A page's built file: "x" -> x/index.html, "" -> index.html; a page built as a file ("404.html") is itself."""
    if slug.endswith(".html"):
        return site / slug
    return site / slug / "index.html" if slug else site / "index.html"


@functools.cache
def _page_ids(path: Path) -> frozenset[str]:
    """The ids (and a names) of a built page, read once per test session."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return frozenset(
        [*(e["id"] for e in soup.find_all(id=True)), *(a["name"] for a in soup.find_all("a", attrs={"name": True}))]
    )


def page_ids(path: Path) -> frozenset[str]:
    return _page_ids(path.resolve())


@functools.cache
def _parsed(path: Path, stamp: tuple[int, int]) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def search_entries(site: Path) -> list[dict]:
    """Every page Pagefind indexed, as its fragments hold it: url, content (the text it searches), anchors."""
    fragments = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "Pagefind wrote no index"
    found = []
    for path in fragments:
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path.name
        fragment = json.loads(data.removeprefix(b"pagefind_dcd"))
        found.append({**fragment, "location": fragment["url"].lstrip("/"), "text": fragment["content"]})
    return found


def soup_of(site: Path, slug: str) -> BeautifulSoup:
    """A built page, parsed once per test run (lxml: fast; the pages are valid HTML, checked by the Nu Html
    Checker) and shared by every test that reads it: read it, or change a copy (copy.copy(element))."""
    path = page_path(site, slug).resolve()
    stat = path.stat()  # a page built again (a copied project's build into the same folder) is parsed again
    return _parsed(path, (stat.st_mtime_ns, stat.st_size))


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


FINGERPRINT = re.compile(r"\.[0-9a-f]{8}\.(min\.)?(css|js|json)$")  # a content hash in the name (server/nginx.conf)


def local_files(site: Path) -> dict[str, list[str]]:
    """Every file a page names for its scripts, styles and data (site.js's data-* names), as a path in the
    site -> the pages naming it; also what the site's scripts import."""
    named: dict[str, list[str]] = {}
    for page in all_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("link[rel~=stylesheet], link[rel~=modulepreload], script, [data-voorlezen]"):
            for attribute, value in element.attrs.items():
                if attribute in ("href", "src") or attribute.startswith("data-"):
                    if isinstance(value, str) and re.search(r"\.(css|js|json)$", value) and "://" not in value:
                        target = (page.parent / value).resolve() if not value.startswith("/") else site / value[1:]
                        named.setdefault(target.relative_to(site.resolve()).as_posix(), []).append(page.name)
    for script in (site / "assets").rglob("*.js"):
        for value in re.findall(r"import\(\s*[\"'](\.{1,2}/[^\"']+)[\"']", script.read_text(encoding="utf-8")):
            named.setdefault((script.parent / value).resolve().relative_to(site.resolve()).as_posix(), []).append(
                script.name
            )
    return named


def bibliography():
    return parse_file(str(ROOT / "references.bib"), "bibtex")


def normalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ([.,;:)])", r"\1", text)


def free_source(project: Path = ROOT) -> tuple[str, int]:
    """A citation key and a source number that no source in the project's references.bib has yet: what a test
    (or a recipe) that adds a source takes, so that an editor's next source never collides with it."""
    entries = parse_file(str(project / "references.bib"), "bibtex").entries
    numbers = [
        int(entry.fields.get("brochure-number") or entry.fields.get("site-number") or 0) for entry in entries.values()
    ]
    key = next(f"testbron{n}" for n in range(1, len(entries) + 2) if f"testbron{n}" not in entries)
    return key, max(numbers, default=0) + 1


def free_name(prefix: str, used: str) -> str:
    """prefix, or prefix2, prefix3…: the first that does not occur in the text `used`."""
    return next(
        name
        for name in (prefix, *(f"{prefix}{n}" for n in range(2, 1000)))
        if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", used)
    )


def expand_numbers(group: str) -> list[int]:
    """'30-32, 38' -> [30, 31, 32, 38]"""
    numbers = []
    for part in group.split(","):
        part = part.strip()
        if re.fullmatch(r"\d+\s*[-–]\s*\d+", part):
            first, last = (int(x) for x in re.split(r"[-–]", part))
            numbers.extend(range(first, last + 1))
        else:
            numbers.append(int(part))
    return numbers


CITATION = re.compile(r"\[(\d[\d,\s\-–]*)\]")
SUBHEADINGS = {  # headings inside the source chapters
    "Beïnvloedende factoren op gehechtheid": "gehechtheid-in-pleegzorg",
    "Tips": "gehechtheid-in-pleegzorg",
    "VIPP-FC": "vipp-fc-en-basic-trust",
    "Basic Trust": "vipp-fc-en-basic-trust",
}


def canonical_citations(text: str) -> str:
    return CITATION.sub(lambda m: "[" + ",".join(map(str, sorted(expand_numbers(m.group(1))))) + "]", text)


@pytest.fixture(scope="session")
def typo_fixes(site):
    """(in the brochure, on the site) pairs, read from the visible list on 'Over deze gids'."""
    table = soup_of(site, "over-deze-gids").select_one("h2#verbeterde-tikfouten ~ table")
    rows = [[cell.get_text() for cell in row.select("td")] for row in table.select("tbody tr")]
    return [(row[1], row[2]) for row in rows]


@pytest.fixture(scope="session")
def source_chapters(typo_fixes):
    """Each source chapter as normalised text, typo fixes applied, sub-headings taken out."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    chapters, current = {}, None
    for line in lines:
        if line.strip() in CHAPTERS:
            current = line.strip()
            chapters[current] = []
        elif current:
            chapters[current].append(line)
    texts = {}
    for title, body in chapters.items():
        kept = [line for line in body if line.strip() not in SUBHEADINGS]
        texts[title] = normalise(" ".join(kept))
    for old, new in typo_fixes:
        holders = [title for title, text in texts.items() if old in text]
        assert len(holders) == 1, f"typo fix {old!r} must occur in exactly one source chapter, found {holders}"
        texts[holders[0]] = texts[holders[0]].replace(old, new)
    return texts


def sentences(text: str) -> list[str]:
    text = re.sub(r"(^|\s)- (?=[A-Z])", r"\1", text)  # the tips' bullet marks
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z‘(])", text) if s]


def shown_text(element) -> str:
    """What the eye sees of an element: without the words written for screen readers only (.voorlezen); a
    citation group with the brackets its stylesheet adds ([2, 3])."""
    text = "".join(text for text in element.find_all(string=True) if not text.find_parent(class_="voorlezen"))
    return f"[{text}]" if "bronverwijzing" in element.get("class", []) else text


def spoken_text(element) -> str:
    """What a screen reader says of an element: without what is hidden from it (aria-hidden)."""
    return "".join(
        text for text in element.find_all(string=True) if not text.find_parent(attrs={"aria-hidden": "true"})
    )


def marker_numbers(span) -> list[int]:
    """The source numbers a rendered citation group stands for, as it shows them: [30–32, 38] -> [30, 31, 32, 38]."""
    return sorted(set(expand_numbers(shown_text(span).strip("[]"))))


# -- Browser: the built site served on loopback, Debian's Chromium driven by Playwright ----------

ARTIFACTS = ROOT / "test-artifacts"  # screenshots and printouts to look at (not committed)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium (.ci/run does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=list(CHROMIUM_ARGS),  # as the PDFs are printed (gids/printing.py)
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def _channels(colour: str) -> list[float]:
    values = [float(c) for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")]
    return values + [1.0] * (4 - len(values))


def _luminance(channels) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (x / 255 for x in channels[:3])]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio; a translucent text colour is blended over its background first."""
    fg, bg = _channels(foreground), _channels(background)
    alpha = fg[3]
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3])]
    lighter, darker = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
