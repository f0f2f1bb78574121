"""Each page's Markdown text, before Python-Markdown reads it: the checks whose Dutch message names the file
and the line, and the few steps that write Markdown. Their order is the table MARKDOWN; the MkDocs adapter
(gids/pipeline.py) runs it on every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from gids import citations, links, pages, printing

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from gids.model import Build

MARKDOWN: tuple[Callable[..., str], ...] = (
    pages.check_blocks,  # every /// block is closed, or the build names the line that opens it
    links.check_boxes,  # every tip and key message has its own id (tip-…, kern-…), or the build names the line
    pages.check_front_matter,  # the data at the top of a page is valid YAML with a description
    citations.markdown,  # unknown keys stop the build (file and line); the heading and place of the source list
    printing.pdf_list,  # the list of PDFs on the print page
)


def run(markdown: str, *, page: Page, build: Build) -> str:
    """A page's Markdown after every step of MARKDOWN, in order."""
    for step in MARKDOWN:
        markdown = step(markdown, page=page, build=build)
    return markdown
