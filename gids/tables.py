"""Tables that read on a phone: each cell carries the name of its column.

On a narrow screen the stylesheet shows every row of a content table (`data-kaarten`) as a card of its
own, each cell under its column's name (`data-label`), instead of a wide table that scrolls sideways; on
a wider screen and on paper it stays a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from gids.model import Build

def label_cells(soup: BeautifulSoup, *, page: Page, build: Build) -> None:
    for table in soup.find_all("table"):
        if table.get("class") or table.find("thead") is None:
            continue  # only content tables written in Markdown (Material's own have a class)
        names = [" ".join(th.get_text().split()) for th in table.thead.find_all("th")]
        for row in table.select("tbody > tr"):
            for name, cell in zip(names, row.find_all("td", recursive=False)):
                cell["data-label"] = name
        table["data-kaarten"] = ""
