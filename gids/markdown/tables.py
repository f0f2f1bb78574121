"""Tables that read on a phone: each cell carries the name of its column.

On a narrow screen the stylesheet shows every row of a content table (`data-kaarten`) as a card of its
own, each cell under its column's name (`data-label`), instead of a wide table that scrolls sideways; on
a wider screen and on paper it stays a table.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from gids.markdown.text import text_of


class TableCards(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            if table.get("class") or head is None:
                continue  # only content tables written in Markdown (Material's own have a class)
            names = [text_of(cell, self.md) for cell in head.iter("th")]
            for body in table.findall("tbody"):
                for row in body.findall("tr"):
                    for name, cell in zip(names, row.findall("td")):
                        cell.set("data-label", name)
            table.set("data-kaarten", "")


def make(md: Markdown, extension) -> TableCards:
    return TableCards(md)
