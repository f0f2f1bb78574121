"""Orientation: the reading time of a chapter, shown in its "In het kort" box.

The time is counted from the page's own text at build time (about 200 words a minute, a calm pace
for a tired reader), so it follows every change of the text. The source list, the citation markers
and the "#" links are not read, so they do not count; the share controls come later (gids/pipeline.py).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from gids.markdown.text import classes, pieces

WORDS_PER_MINUTE = 200
NOT_READ = {"footnote", "footnote-ref", "headerlink", "bronverwijzing"}  # the source list, the markers, "#" links


def not_read(element: etree.Element) -> bool:
    return not NOT_READ.isdisjoint(classes(element))


def reading_minutes(root: etree.Element, md: Markdown | None = None) -> int:
    """The words of the text as the page shows it: a tag between two pieces of text ends a word there too."""
    words = sum(len(piece.split()) for piece in pieces(root, md, skip=not_read, tag=" "))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class ReadingTime(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        summary = next((div for div in root.iter("div") if {"admonition", "samenvatting"} <= set(classes(div))), None)
        if summary is None:
            return
        minutes = reading_minutes(root, self.md)
        time = etree.SubElement(summary, "p", {"class": "leestijd"})
        time.text = f"Leestijd: ongeveer {minutes} {'minuut' if minutes == 1 else 'minuten'}"


def make(md: Markdown, extension) -> ReadingTime:
    return ReadingTime(md)
