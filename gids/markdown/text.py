"""The text a reader will see, read from the tree Python-Markdown is still building.

Until Python-Markdown's postprocessors run, a text can hold placeholders: inline HTML and entities
wait in the HTML stash (STX "wzxhzdk:N" ETX), a backslash escape is STX + its code point + ETX. The
steps that name or count text (the "#" links' labels, the cards' labels, the reading time) read
it through here, so they see what the reader sees.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator

from markdown import Markdown
from markdown.util import ETX, HTML_PLACEHOLDER_RE, STX

ESCAPED = re.compile(f"{STX}([0-9]+){ETX}")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TAG = re.compile(r"<[^>]*>")


def readable(text: str, md: Markdown | None, tag: str = "") -> str:
    """text with its placeholders replaced by what they stand for; a stashed tag becomes `tag`."""
    if md is not None:
        stash = md.htmlStash

        def stashed(match: re.Match[str]) -> str:
            raw = stash.rawHtmlBlocks[int(match.group(1))]
            if not isinstance(raw, str):  # md_in_html stashes elements
                raw = etree.tostring(raw, encoding="unicode", method="html")
            return html.unescape(TAG.sub(tag, COMMENT.sub("", raw)))

        text = HTML_PLACEHOLDER_RE.sub(stashed, text)
    return ESCAPED.sub(lambda match: chr(int(match.group(1))), text)


def pieces(
    element: etree.Element, md: Markdown | None, skip: Callable[[etree.Element], bool], tag: str = ""
) -> Iterator[str]:
    """Each text and tail inside element, in reading order, readable; a child that skip() names is left
    out, its tail (the text after it) is not."""
    if element.text:
        yield readable(element.text, md, tag)
    for child in element:
        if not skip(child):
            yield from pieces(child, md, skip, tag)
        if child.tail:
            yield readable(child.tail, md, tag)


def text_of(
    element: etree.Element, md: Markdown | None, skip: Callable[[etree.Element], bool] = lambda e: False
) -> str:
    """element's text as the reader sees it, white space folded."""
    return " ".join("".join(pieces(element, md, skip)).split())


def classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()
