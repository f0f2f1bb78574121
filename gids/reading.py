"""Orientation: the reading time of a chapter, shown in its "In het kort" box.

The time is counted from the page's own text at build time (about 200 words a minute, a calm pace
for a tired reader), so it follows every change of the text. The source list, the citation markers
and the "#" links are not read, so they do not count; pipeline.py runs this step before the share
buttons are added.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Comment

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from gids.model import Build

WORDS_PER_MINUTE = 200
NOT_READ = "div.footnote, .headerlink, span.bronverwijzing"


def reading_minutes(soup: BeautifulSoup) -> int:
    skipped = {id(element) for element in soup.select(NOT_READ)}
    words = 0
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or any(id(parent) in skipped for parent in text.parents):
            continue
        words += len(text.split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def reading_time(soup: BeautifulSoup, *, page: Page, build: Build) -> None:
    summary = soup.select_one("div.admonition.samenvatting")
    if summary is None:
        return
    minutes = reading_minutes(soup)
    time = soup.new_tag("p", attrs={"class": "leestijd"})
    time.string = f"Leestijd: ongeveer {minutes} {'minuut' if minutes == 1 else 'minuten'}"
    summary.append(time)
