"""Search: Pagefind's index of what a reader reads on each page, written from the built pages.

Pagefind (the Python package `pagefind` with its pinned binary, `pagefind_bin`) indexes the pages it is
given and writes the index and its browser code into site/pagefind/. It recognises Dutch by the pages'
`lang="nl"`, so it stems Dutch words, and it finds a word typed without its accents ("continuiteit").
Nothing of it reaches a page until a reader opens the search (assets/site.js, assets/zoeken.js).

- reading_copy (each built page): the page's reading text, as a small HTML document of its own: without
  what is no reading text (NOT_READING: controls, printed-only lines, citation markers, source lists and
  status labels, the review dates), each tip and key message with its title as a heading that carries the
  box's id, so a result leads to the tip itself (and a section's result to its heading). Pages whose front
  matter says `search: exclude: true` (the handouts, the selection page) and the whole guide are left out:
  they hold the chapters' text again and would outrank them.
- write_index (the finished site): Pagefind's index of those documents. Chapters count fully; any other
  page counts half (OTHER_PAGES_WEIGHT), unless its front matter sets `search: boost:`. Of Pagefind's
  output only what its search uses is kept (KEPT), not its ready-made interfaces.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from gids.built import content_of, is_whole_guide
from gids.model import EditorError

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

    from gids.model import Site

FOLDER = "pagefind"  # in the built site: pagefind/pagefind.js and its index
# What a page shows (or prints) that is not its reading text, and so stays out of the search.
NOT_READING = ", ".join(
    (
        "[hidden]",
        "script",
        "style",
        "svg",
        "img",  # not shown, or no text (a QR code's name is no reading text)
        "button",
        "form",  # controls; the form is the caseworkers' list: the other pages' titles, with links and QR codes
        "a.headerlink",  # the "#" link to a part
        "p.delen",  # "Deel deze pagina", "Stuur per mail" (links.py)
        "p.pdf-download__regel",  # "Download als PDF" (printing.py)
        "p.leestijd",  # the reading time (reading.py)
        ".print-adres",
        ".selectie__notities",  # printed only: "Lees deze tekst online: …", lines for notes
        "aside.pagina-info",  # the review dates and "Laat het ons weten", the same on every page
        ".bronverwijzing",  # the citation markers ([2, 3])
        "div.footnote",  # the source list under a chapter ("Bronnen bij dit hoofdstuk"), its status labels
        "ol.bronnenlijst",  # the list of every source (Bronnen)
        ".bronstatus",  # a source's status label on the sources page
    )
)
BOX_TITLE = "p.admonition-title"
OTHER_PAGES_WEIGHT = 0.5
# A heading's words count more than the text's (Pagefind's own weights for headings, set here on each heading:
# the page's weight on its content would replace them).
HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
# Pagefind's files that its search needs (the rest is its ready-made interfaces, which the site does not use),
# and the WebAssembly of each language it indexed (ENTRY lists them).
KEPT = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "*.pf_meta", "fragment", "index")
ENTRY = "pagefind-entry.json"


def reading_copy(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    page = site.page_at(path)
    content = content_of(soup)
    if page is None or content is None or not page.searched or is_whole_guide(path, site):
        return
    text = copy.copy(content)  # the page itself stays as it is
    for element in text.select(NOT_READING):
        element.decompose()
    for term in text.select("dl.woordenlijst > dt[id]"):  # a word of the glossary: its own entry
        term.name = "h6"  # a part a result can lead to, whose word counts as a heading's least
    for box in text.select(f"div.admonition[id]:has(> {BOX_TITLE})"):
        title = box.select_one(f":scope > {BOX_TITLE}")
        if title is not None:
            title.name = "h3"
            title.attrs = {"id": box["id"]}
            del box["id"]
    weight = page.search_weight if page.search_weight is not None else 1 if page.chapter else OTHER_PAGES_WEIGHT
    for heading in text.find_all(list(HEADING_WEIGHTS)):
        heading["data-pagefind-weight"] = f"{HEADING_WEIGHTS[heading.name] * weight:g}"
    site.search_pages[page.url] = (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{escape(page.title)}</title></head>'
        f'<body><main data-pagefind-body data-pagefind-weight="{weight:g}">{text.decode_contents()}</main></body></html>'
    )


def write_index(*, site: Site) -> None:
    """Pagefind's command over the reading texts, each written as the page it comes from (x/index.html, so the
    index has the page's address): quicker than its Python interface, which talks to the same binary."""
    folder = site.folder / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    if not site.search_pages:
        return
    with tempfile.TemporaryDirectory() as texts:
        for url, html in site.search_pages.items():
            page = Path(texts) / url / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(html, encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", texts, "--output-path", str(folder), "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:  # the binary's own message, in English
        raise EditorError(f"zoeken: Pagefind kon de zoekindex niet maken ({(result.stderr or result.stdout).strip()})")
    languages = json.loads((folder / ENTRY).read_text(encoding="utf-8"))["languages"].values()
    kept = {path for pattern in KEPT for path in folder.glob(pattern)}
    kept |= {folder / f"wasm.{language['wasm']}.pagefind" for language in languages}
    for path in folder.iterdir():
        if path not in kept:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
