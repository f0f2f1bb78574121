"""Print and PDF: chapters that trainers can hand out.

pipeline.py calls:
- configure (config stage): PDFs are printed when asked for (PDF=1, as `./run.sh build` does where
  Chromium is installed); asked for without Chromium, the build stops and says so.
- whole_guide_choice (config stage, before the plugins read their options): the pages whose front
  matter says `volledige_gids: false` go into mkdocs-print-site-plugin's `exclude` option, so the
  whole guide leaves them out. The choice travels with the page, also when it is renamed.
- pdf_list (each page's Markdown): the page with `\\pdflijst` lists the PDFs, or says that this build
  has none.
- pdf_link (post-build, every built page): a chapter links to its PDF ("Download als PDF"), also in the
  whole guide.
- mend_whole_guide (the built whole-guide page, mkdocs-print-site-plugin's /volledige-gids/): every
  id inside a chapter gets the chapter's prefix, as the plugin already does for links to them, so
  sources and tips stay reachable; the contents list is written here, at build time (the plugin's own
  contents are switched off in mkdocs.yml: they are an empty list that its script fills in the
  browser).
- running_headers (the built site): each page's printout carries the guide's name and the page's
  title in the top margin: CSS named pages, one per page, appended to the built site stylesheet (one
  request for all pages); the guide's name and page numbers come from site.css itself.
- print_pdfs (the built site): one PDF per chapter and one of the whole guide, printed by Debian's
  Chromium from the built pages with the same print style, tagged (language, structure), with an
  outline and working links to the site.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import os
import signal
import threading
from collections import Counter
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from gids.built import WHOLE_GUIDE, is_whole_guide, pages_in
from gids.links import part_name
from gids.model import EditorError
from gids.project import front_matter
from gids.soup import attribute
from gids.theme.material import BUTTON, PAGE_TOC, TOC_ATTRIBUTES
from gids.urls import relative

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from gids.model import Build, Site

log = logging.getLogger("mkdocs.plugins.gids.printing")

CHROMIUM = "/usr/bin/chromium"
# Headless, as root in a container, and asking no other host for anything (updates, sync, a first-run page).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
CHAPTER_SECTION = "Hoofdstukken"  # the nav section whose pages get a PDF of their own
PRINT_SITE = "print-site"  # its name under plugins: in mkdocs.yml
# Every image of the page loaded before it is printed, also those marked to load late.
LOAD_IMAGES = """() => Promise.all([...document.images].map(image => {
    image.loading = "eager";
    return image.complete ? null : new Promise(done => { image.onload = image.onerror = done; });
}))"""
CONTENTS_TITLE = "Inhoudstafel"
PDF_DIR = "pdf"
PDF_LIST_MARKER = "\\pdflijst"
TIME_LIMIT = "PDF_TIJDSLIMIET"  # seconds per PDF: a page too big to print stops the build with a message
DEFAULT_TIME_LIMIT = 120


def configure(config: MkDocsConfig) -> bool:
    """Whether this build prints the PDFs."""
    wanted = os.environ.get("PDF") == "1"
    if wanted and not Path(CHROMIUM).exists():
        raise EditorError(
            f"PDF=1: the PDFs are printed by Chromium, not found at {CHROMIUM} (apt-get install chromium)"
        )
    if not wanted:
        log.info("PDFs not made: set PDF=1 (./run.sh build does so where Chromium is installed)")
    return wanted


HANDOUTS = {"tips-op-een-blad": "Alle tips op één blad", "tipkaarten": "Tipkaarten (vier per A4-blad, om te knippen)"}


def _pdf_list(page: Page, build: Build) -> str:
    if not build.pdf:
        return (
            "De PDF’s zijn bij deze versie van de site niet meegeleverd. "
            "Druk een hoofdstuk af vanuit de browser, of bewaar het daar als PDF."
        )
    # Raw HTML: the PDFs are made after the build; addresses.py checks these links then, and describe_pdfs
    # adds each PDF's number of pages and size.
    items = [(chapter.title, chapter.slug.replace("/", "-")) for chapter in build.chapters] + [
        ("De volledige gids", WHOLE_GUIDE)
    ]
    items += [(title, pdf) for pdf, title in HANDOUTS.items()]
    links = "".join(
        f'<li><a href="{relative(f"{PDF_DIR}/{pdf}.pdf", page.url)}" download>{escape(title)}</a></li>'
        for title, pdf in items
    )
    return f'<p>Kant-en-klare PDF’s, op A4:</p>\n<ul class="pdf-lijst">{links}</ul>'


def whole_guide_choice(config: MkDocsConfig) -> None:
    """A page is in the whole guide (/volledige-gids/, its PDF) unless its front matter says
    `volledige_gids: false`. The front matter is read as MkDocs reads it (a mistake in it is said later,
    by pages.check_front_matter, with its line)."""
    docs = Path(config.docs_dir)
    left_out = [
        path.relative_to(docs).as_posix()
        for path in sorted(docs.rglob("*.md"))
        if front_matter(path.read_text(encoding="utf-8", errors="replace")).get("volledige_gids") is False
    ]
    options = config.plugins[PRINT_SITE].config
    options["exclude"] = [*options["exclude"], *(page for page in left_out if page not in options["exclude"])]


def pdf_list(markdown: str, *, page: Page, build: Build) -> str:
    if PDF_LIST_MARKER in markdown:
        markdown = markdown.replace(PDF_LIST_MARKER, _pdf_list(page, build))
    return markdown


def pdf_link(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """Under a chapter's title (above its share controls), when the build prints the PDFs; in the whole
    guide under each chapter's title too."""
    if not site.pdf:
        return
    here = site.url_of(path)
    for content, page in pages_in(soup, path, site):
        if not page.chapter:
            continue
        link = soup.new_tag(
            "a",
            attrs={
                "class": f"{BUTTON} pdf-download",
                "download": "",
                "href": relative(f"{PDF_DIR}/{page.name}.pdf", here),
            },
        )
        link.string = "Download als PDF"
        paragraph = soup.new_tag("p", attrs={"class": "pdf-download__regel"})
        paragraph.append(link)
        title = content.find("h1")
        if title is None:  # the generator would write the title itself, above the content: the link would have no place
            raise EditorError(
                f"{page.source}: dit hoofdstuk heeft geen titel als kop (# Titel): zet die bovenaan de "
                "pagina, want de knop om de PDF te downloaden komt eronder."
            )
        title.insert_after(paragraph)


def running_headers(*, site: Site) -> None:
    """Append to the built stylesheet one named page per page, whose top right margin holds its title (not for
    a page whose front matter says `kopregel: false`: the tip cards print without margins)."""
    rules = []
    titles = {page.name: page.title for page in site.pages if page.running_header}
    for page_name, title in sorted(titles.items()):
        rules.append(
            f"body:has([data-afdruk={json.dumps(page_name)}]){{page:p-{page_name}}}"
            f"@page p-{page_name}{{@top-right{{content:{json.dumps(title, ensure_ascii=False)}}}}}"
        )
    with (site.folder / site.stylesheet).open("a", encoding="utf-8") as built:
        built.write("\n@media print{" + "".join(rules) + "}\n")


def mend_whole_guide(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """The whole guide's page, as the plugin wrote it, made ready without its script.

    - Ids: the plugin prefixes links inside a chapter with the chapter's id; the targets get that
      prefix too.
    - Contents: written here, after the cover, at build time (mkdocs.yml switches the plugin's own off:
      an empty list that its script fills when the page opens, and that script also hid the menu and
      search, which left the phone menu empty). So the list is in the page, printed without
      JavaScript, and the page needs neither the script nor its request.
    """
    if not is_whole_guide(path, site):
        return
    for section in soup.select("section.print-page[id]"):
        prefix = attribute(section, "id") + "-"
        if section.find("section", class_="print-page"):
            continue  # a nav section that holds chapters
        for element in section.select("[id]"):
            if not attribute(element, "id").startswith(prefix):
                element["id"] = prefix + attribute(element, "id")
    # Links to pages that are not in the whole guide (volledige_gids: false): the plugin turned them into
    # "#page" within this page, where they lead nowhere; they lead to the page itself again.
    present = {attribute(element, "id") for element in soup.find_all(id=True)}
    elsewhere = {page.url.rstrip("/") or ".": page.url or "./" for page in site.pages}
    for link in soup.select("a[href^='#']"):
        fragment = attribute(link, "href")[1:]
        if fragment in present:
            continue
        page = next(
            (
                name
                for name in sorted(elsewhere, key=len, reverse=True)
                if fragment == name or fragment.startswith(name + "-")
            ),
            None,
        )
        if page is not None:
            rest = fragment[len(page) + 1 :]
            link["href"] = "../" + elsewhere[page] + (f"#{rest}" if rest else "")
    for link in soup.select("a.headerlink[title='Permanent link'], a.headerlink[title='Link naar dit onderdeel']"):
        del link["title"]
        link["aria-label"] = f"Link naar dit onderdeel: {part_name(link)}"
    # Names that repeat from chapter to chapter ("Terug naar bron 8 in de tekst", "Link naar dit onderdeel:
    # Bronnen bij dit hoofdstuk") say their chapter here: a screen reader's list of links tells them apart.
    named = soup.select(
        "article a.footnote-backref[aria-label], article a.bronstatus[aria-label], article a.headerlink[aria-label]"
    )
    counts = Counter(attribute(link, "aria-label") for link in named)
    for link in named:
        chapter = link.find_parent("section", class_="print-page")
        title = chapter.find(["h1", "h2"]) if chapter else None
        if counts[attribute(link, "aria-label")] > 1 and title is not None:
            link["aria-label"] = attribute(link, "aria-label") + (
                f" ({part_name(title.find('a', class_='headerlink')) if title.find('a', class_='headerlink') else title.get_text().strip()})"
            )
    _write_contents(soup, path)
    # The plugin's one inline script calls functions of its script file, which the site does not load (the
    # contents are in the page already, and the menu and search stay); the policy would block it anyway.
    for script in soup.find_all("script", src=False):
        if attribute(script, "type", "").lower() not in ("application/json", "application/ld+json"):
            script.decompose()


def _write_contents(soup: BeautifulSoup, path: Path) -> None:
    """The contents list after the cover: a copy of the page's own table of contents (the sidebar: the pages and
    sections of the nav that the whole guide holds), in the page as built, so it prints without JavaScript.
    Its ids and classes are the ones the plugin's print style gives its own list (printed, hidden on screen)."""
    cover, sidebar = soup.select_one("#print-site-cover-page"), soup.select_one(PAGE_TOC)
    if cover is None or sidebar is None:
        raise EditorError(f"{path}: the whole guide has no cover or no table of contents to copy after it")
    section = BeautifulSoup(
        '<section class="print-page">\n<div data-toc-depth="2" id="print-page-toc">\n'
        '<nav class="print-page-toc-nav" role="navigation">\n'
        f'<h1 class="print-page-toc-title">{escape(CONTENTS_TITLE)}</h1>\n</nav>\n</div>\n</section>',
        "html.parser",
    ).section
    copy = sidebar.__copy__()
    # Both made here: the section from the text above, the list from the sidebar (PAGE_TOC ends in a ul).
    assert section is not None and section.nav is not None and copy is not None
    for name in TOC_ATTRIBUTES:
        del copy[name]
    section.nav.append(copy)
    cover.insert_after("\n", section)


def print_pdfs(*, site: Site) -> None:
    if not site.pdf:
        return
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    facts, site_folder = site, site.folder  # the facts, and the folder the pages are served from
    base = site.url
    (site_folder / PDF_DIR).mkdir(exist_ok=True)
    targets = [(chapter.name, chapter.url) for chapter in site.chapters] + [(WHOLE_GUIDE, f"{WHOLE_GUIDE}/")]
    targets += [(pdf, handout.url) for pdf in HANDOUTS if (handout := site.page(f"docs/{pdf}.md"))]

    def serve_from_site(route):
        path = urlsplit(route.request.url).path.removeprefix(urlsplit(base).path)
        file = site_folder / path
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return route.fulfill(status=404, body="")
        route.fulfill(path=str(file), content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")

    limit = time_limit()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=list(CHROMIUM_ARGS),
            )
            context = browser.new_context()
            context.set_default_timeout(0)  # the time limit below, per PDF, is the one that counts
            context.route(
                "**/*", lambda route: serve_from_site(route) if route.request.url.startswith(base) else route.abort()
            )  # the pages are printed as published, with nothing from elsewhere
            for pdf, url in targets:
                expired = threading.Event()

                def expire(expired: threading.Event = expired) -> None:
                    expired.set()
                    stop_chromium()

                watchdog = threading.Timer(limit, expire)
                watchdog.start()
                try:
                    page = context.new_page()
                    page.goto(base + url, wait_until="load")
                    page.emulate_media(media="print")
                    page.evaluate(LOAD_IMAGES)  # the printed-only QR codes load late (loading="lazy")
                    page.pdf(
                        path=str(site_folder / PDF_DIR / f"{pdf}.pdf"),
                        prefer_css_page_size=True,
                        tagged=True,
                        outline=True,
                        print_background=True,
                    )
                    page.close()
                except PlaywrightError:
                    if not expired.is_set():
                        raise
                    raise EditorError(_too_slow(pdf, limit, facts)) from None
                finally:
                    watchdog.cancel()
            browser.close()
        except BaseException:
            stop_chromium()  # also on Ctrl+C or SIGTERM (swap.py): no Chromium outlives the build
            raise
    log.info(f"PDFs printed by Chromium: {len(targets)} in {PDF_DIR}/")


def time_limit() -> float:
    """Seconds that Chromium gets for each PDF (PDF_TIJDSLIMIET, default 120)."""
    value = os.environ.get(TIME_LIMIT, str(DEFAULT_TIME_LIMIT))
    try:
        limit = float(value)
    except ValueError:
        limit = 0
    if limit <= 0:
        raise EditorError(f"{TIME_LIMIT}={value}: geef een aantal seconden groter dan 0, bijvoorbeeld {TIME_LIMIT}=300")
    return limit


def _too_slow(pdf: str, limit: float, site: Site) -> str:
    if pdf == WHOLE_GUIDE:
        what = "De PDF van de volledige gids (alle pagina’s samen, /volledige-gids/)"
    else:
        source = next((page.source for page in site.chapters if page.name == pdf), f"docs/{pdf}.md")
        what = f"{source}: de PDF van deze pagina"
    return (
        f"{what} is na {limit:g} seconden nog niet klaar, dus stopt de build. Is de pagina erg groot "
        "(een lange tabel, een groot ingeplakt stuk tekst)? Maak ze kleiner of verdeel ze over meer pagina’s. "
        f"Is de computer gewoon traag, geef de PDF’s dan meer tijd: {TIME_LIMIT}=300 ./run.sh build"
    )


def _descendants() -> list[int]:
    """The processes this build started, and theirs (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_chromium() -> None:
    """Kill every Chromium process this build started (a PDF over its time limit, an interrupted build)."""
    for pid in _descendants():
        try:
            if Path(f"/proc/{pid}/exe").resolve().name.startswith("chrom"):
                os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def describe_pdfs(*, site: Site) -> None:
    """Beside each PDF in the list on the print page: its number of pages and its size, as printed. (The
    one page parsed once more after the build: the PDFs exist only now.)"""
    if not site.pdf:
        return
    from pypdf import PdfReader

    for path in site.folder.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if 'class="pdf-lijst"' not in text:
            continue
        soup = BeautifulSoup(text, "html.parser")
        for link in soup.select("ul.pdf-lijst a[href$='.pdf']"):
            pdf = (path.parent / attribute(link, "href")).resolve()
            pages = len(PdfReader(pdf).pages)
            size = max(1, round(pdf.stat().st_size / 1000))
            note = soup.new_tag("span", attrs={"class": "pdf-lijst__maat"})
            note.string = f" ({pages} {'pagina' if pages == 1 else 'pagina’s'}, {size} kB)"
            link.insert_after(note)
        path.write_text(str(soup), encoding="utf-8")
