"""Print and PDF: chapters that trainers can hand out.

- Running header: each page's printout carries the guide's name and the page's title in the top
  margin: CSS named pages, one per page, appended to the built site stylesheet (one request for all
  pages); the guide's name and page numbers come from site.css itself.
- The whole guide (mkdocs-print-site-plugin, /volledige-gids/): every id inside a chapter gets the
  chapter's prefix, as the plugin already does for links to them, so sources and tips stay reachable;
  its contents list is written at build time (the plugin's script is not needed).
- PDFs, when asked for (PDF=1, as `./run.sh build` does where Chromium is installed): one per
  chapter and one of the whole guide, printed by Debian's Chromium from the built pages with the
  same print style, tagged (language, structure), with an outline and working links to the site.
  The chapters link to theirs ("Download als PDF"); the page with `\\pdflijst` lists them.
  Asked for without Chromium, the build stops and says so; not asked for, the pages do not link
  to PDFs and the page says the PDFs are not part of this build.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import json
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.print")

CHROMIUM = "/usr/bin/chromium"
CHAPTER_SECTION = "Hoofdstukken"  # the nav section whose pages get a PDF of their own
WHOLE_GUIDE = "volledige-gids"  # mkdocs-print-site-plugin's print_page_basename
PDF_DIR = "pdf"
PDF_LIST_MARKER = "\\pdflijst"

pdf_wanted = False
chapters: list = []  # the chapter pages, in nav order
titles: dict[str, str] = {}  # page name -> title, for the running header


def _name(page) -> str:
    return page.file.src_uri.removesuffix(".md").replace("/", "-")


def on_config(config):
    global pdf_wanted
    pdf_wanted = os.environ.get("PDF") == "1"
    if pdf_wanted and not Path(CHROMIUM).exists():
        raise PluginError(f"PDF=1: the PDFs are printed by Chromium, not found at {CHROMIUM} (apt-get install chromium)")
    if not pdf_wanted:
        log.info("PDFs not made: set PDF=1 (./run.sh build does so where Chromium is installed)")
    return config


def on_nav(nav, config, files):
    chapters.clear()
    for item in nav.items:
        if item.is_section and item.title == CHAPTER_SECTION:
            chapters.extend(child for child in item.children if child.is_page)
    return nav


def _pdf_list(page) -> str:
    if not pdf_wanted:
        return ("De PDF's zijn bij deze versie van de site niet meegeleverd. "
                "Druk een hoofdstuk af vanuit de browser, of bewaar het daar als PDF.")
    # Raw HTML: the PDFs are made after the build, so MkDocs cannot check these links (the tests do).
    items = [(chapter.title, _name(chapter)) for chapter in chapters] + [("De volledige gids", WHOLE_GUIDE)]
    links = "".join(
        f'<li><a href="{get_relative_url(f"{PDF_DIR}/{name}.pdf", page.url)}" download>{escape(title)}</a></li>'
        for title, name in items
    )
    return f'<p>Kant-en-klare PDF\'s, op A4:</p>\n<ul class="pdf-lijst">{links}</ul>'



def on_page_markdown(markdown, page, config, files):
    titles[_name(page)] = page.title
    if PDF_LIST_MARKER in markdown:
        markdown = markdown.replace(PDF_LIST_MARKER, _pdf_list(page))
    return markdown


@event_priority(10)  # before mkdocs-print-site-plugin keeps the page for the whole guide
def on_page_content(html, page, config, files):
    if not pdf_wanted or page not in chapters:
        return html
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h1")
    link = soup.new_tag("a", attrs={"class": "md-button pdf-download", "download": "",
                                    "href": get_relative_url(f"{PDF_DIR}/{_name(page)}.pdf", page.url)})
    link.string = "Download als PDF"
    paragraph = soup.new_tag("p", attrs={"class": "pdf-download__regel"})
    paragraph.append(link)
    heading.insert_after(paragraph)
    return str(soup)


def _write_running_headers(config):
    """Append to the built stylesheet one named page per page, whose top right margin holds its title."""
    rules = []
    for name, title in sorted(titles.items()):
        rules.append(f'body:has([data-afdruk={json.dumps(name)}]){{page:p-{name}}}'
                     f"@page p-{name}{{@top-right{{content:{json.dumps(title, ensure_ascii=False)}}}}}")
    stylesheet = next(css for css in config.extra_css if Path(str(css)).name.startswith("site."))
    with (Path(config.site_dir) / str(stylesheet)).open("a", encoding="utf-8") as built:
        built.write("\n@media print{" + "".join(rules) + "}\n")


def _mend_whole_guide(config):
    """The whole guide's page, as the plugin wrote it, made ready without its script.

    - Ids: the plugin prefixes links inside a chapter with the chapter's id; the targets get that
      prefix too.
    - Contents: the plugin leaves the contents list empty and has a script copy the sidebar's table of
      contents into it when the page opens (and hide the menu and search, which left the phone menu
      empty). The list is copied here instead, at build time: it is in the page, printed without
      JavaScript, and the page needs neither the script nor its request.
    """
    path = Path(config.site_dir) / WHOLE_GUIDE / "index.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for section in soup.select("section.print-page[id]"):
        prefix = section["id"] + "-"
        if section.find("section", class_="print-page"):
            continue  # a nav section that holds chapters
        for element in section.select("[id]"):
            if not element["id"].startswith(prefix):
                element["id"] = prefix + element["id"]
    for link in soup.select("a.headerlink[title='Permanent link'], a.headerlink[title='Link naar dit onderdeel']"):
        del link["title"]
        link["aria-label"] = "Link naar dit onderdeel"
    contents, sidebar = soup.select_one("#print-page-toc nav"), soup.select_one("nav.md-nav--secondary > ul")
    if contents is None or sidebar is None:
        raise PluginError(f"{path}: the whole guide has no contents list or no table of contents to fill it with")
    copy = BeautifulSoup(str(sidebar), "html.parser").ul
    del copy["data-md-component"], copy["data-md-scrollfix"]
    contents.append(copy)
    for script in soup.find_all("script"):
        if "generate_toc" in (script.string or ""):  # the plugin's call; valid_html.py drops its script file
            script.decompose()
    path.write_text(str(soup), encoding="utf-8")


def _print_pdfs(config):
    from playwright.sync_api import sync_playwright

    site = Path(config.site_dir)
    base = config.site_url
    (site / PDF_DIR).mkdir(exist_ok=True)
    targets = [(_name(chapter), chapter.url) for chapter in chapters] + [(WHOLE_GUIDE, f"{WHOLE_GUIDE}/")]

    def serve_from_site(route):
        path = urlsplit(route.request.url).path.removeprefix(urlsplit(base).path)
        file = site / path
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return route.fulfill(status=404, body="")
        route.fulfill(path=str(file), content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        context = browser.new_context()
        context.route("**/*", lambda route: serve_from_site(route) if route.request.url.startswith(base)
                      else route.abort())  # the pages are printed as published, with nothing from elsewhere
        for name, url in targets:
            page = context.new_page()
            page.goto(base + url, wait_until="load")
            page.emulate_media(media="print")
            page.pdf(path=str(site / PDF_DIR / f"{name}.pdf"), prefer_css_page_size=True, tagged=True, outline=True,
                     print_background=True)
            page.close()
        browser.close()
    log.info(f"PDFs printed by Chromium: {len(targets)} in {PDF_DIR}/")


@event_priority(-50)  # after the plugins (minify, print-site) have written their files
def on_post_build(config):
    _write_running_headers(config)
    _mend_whole_guide(config)
    if pdf_wanted:
        _print_pdfs(config)
