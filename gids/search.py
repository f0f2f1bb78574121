"""Search: the reading text of every page, found also when typed without accents.

Material's search plugin writes the index (search/search_index.json): one entry per page and per
section, with its address, title and rank. Its text is what Material saw of the page's content while
the pages were being built: placeholders not yet filled (`\\linklijst`), the share controls and the
printed-only address. So the text of every entry is read again from the finished pages:

- reading_text (each built page): the page's content split into its sections, without what is no
  reading text (NOT_READING: controls, printed-only lines, pictures, the caseworkers' list, the
  reading time, the review dates), in Material's own form (paragraphs and lists kept as <p>, <li>…).
- index_reading_text (the finished site): each entry of the index gets its section's text.
- fold_accents (the finished site, after it): Material's search (lunr, Dutch stop words) matches words
  as written, so "continuiteit" would not find "continuïteit". Every indexed section whose text holds a
  word with an accent or diaeresis gets that word without it, in a hidden span: the search finds it,
  the result shows the real text. Nothing changes on the pages themselves.
- rank (each page's Markdown): chapters first.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString  # comments, doctypes: no text of the page

from gids.built import CONTENT
from gids.model import EditorError
from gids.soup import attribute

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from gids.model import Build, Site

INDEX = Path("search") / "search_index.json"
TAG = re.compile(r"<[^>]+>")
# What a page shows (or prints) that is not its reading text, and so stays out of the search.
NOT_READING = ", ".join(
    (
        "[data-search-exclude]",  # Material's own mark: the source markers (citations.py)
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
    )
)
KEPT = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # the tags Material keeps in a result's text
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


OTHER_PAGES_BOOST = 0.5


def rank(markdown: str, *, page: Page, build: Build) -> str:
    """Chapters first: a page outside the nav section "Hoofdstukken" counts half in the search, unless its
    front matter sets its own `search: boost:`. A new page needs no tuning to leave the chapters first."""
    search = page.meta.setdefault("search", {})
    if not build.is_chapter(page.file.src_uri) and "boost" not in search:
        search["boost"] = OTHER_PAGES_BOOST
    return markdown


def reading_text(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    content = soup.select_one(CONTENT)
    if content is not None:
        site.reading_text[site.url_of(path)] = sections(content)


def sections(content: Tag) -> dict[str, str]:
    """The content's text per section, as Material's index holds it: "" for the top of the page (under its
    title, the h1), else the id of the heading that starts the section. White space is folded to one
    space, text is escaped, and <p>, <li>… stay as tags (without attributes), empty ones left out."""
    skipped = {id(element) for element in content.select(NOT_READING)}
    found: dict[str, list[str]] = {"": []}
    text = found[""]

    def walk(node: Tag, in_pre: bool) -> None:
        nonlocal text
        for child in node.children:
            if isinstance(child, Tag):
                if id(child) in skipped:
                    continue
                if child.name == "h1" and len(found) == 1:
                    continue  # the page's title, above the top section
                if child.name in HEADINGS and child.get("id"):
                    text = found.setdefault(attribute(child, "id"), [])
                    continue  # its text is the entry's title
                kept = child.name in KEPT
                if kept:
                    start, into = len(text), text
                    text.append(f"<{child.name}>")
                walk(child, in_pre or child.name == "pre")
                if kept:
                    if into is text and all(item.isspace() for item in text[start + 1 :]):
                        del text[start:]  # an element with nothing in it
                    else:
                        text.append(f"</{child.name}>")
            elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                if in_pre:
                    text.append(escape(str(child), quote=False))
                elif not child.isspace():
                    text.append(escape(child.replace("\n", " "), quote=False))
                elif not text or not text[-1].isspace():
                    text.append(" ")

    walk(content, False)
    return {anchor: "".join(items).strip() for anchor, items in found.items()}


def index_reading_text(*, site: Site) -> None:
    """Each entry of Material's index gets the text of its section in the finished page."""
    path = site.folder / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        texts = site.reading_text.get(page, {})
        if anchor not in texts:
            raise EditorError(
                f"{INDEX}: the search entry {doc['location']!r} has no section in the built page "
                f"(the page's content is {CONTENT!r} in overrides/main.html)"
            )
        doc["text"] = texts[anchor]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def fold_accents(*, site: Site) -> None:
    path = site.folder / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        words = set(re.findall(r"\w+", TAG.sub(" ", f"{doc['title']} {doc['text']}")))
        variants = sorted({fold(word) for word in words} - words)
        if variants:
            doc["text"] += f" <span hidden>{' '.join(variants)}</span>"
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
