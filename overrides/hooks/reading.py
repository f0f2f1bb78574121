"""Orientation: the reading time of a chapter, shown in its "In het kort" box.

The time is counted from the page's own text at build time (about 200 words a minute, a calm pace
for a tired reader), so it follows every change of the text.
"""

from __future__ import annotations

import math

from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority

WORDS_PER_MINUTE = 200


def reading_minutes(soup: BeautifulSoup) -> int:
    article = BeautifulSoup(str(soup), "html.parser")
    for element in article.select("div.footnote, .headerlink, span.bronverwijzing"):
        element.decompose()
    return max(1, math.ceil(len(article.get_text(" ").split()) / WORDS_PER_MINUTE))


@event_priority(10)  # before mkdocs-print-site-plugin keeps the page for the whole guide
def on_page_content(html, page, config, files):
    soup = BeautifulSoup(html, "html.parser")
    summary = soup.select_one("div.admonition.samenvatting")
    if summary is None:
        return html
    minutes = reading_minutes(soup)
    time = soup.new_tag("p", attrs={"class": "leestijd"})
    time.string = f"Leestijd: ongeveer {minutes} {'minuut' if minutes == 1 else 'minuten'}"
    summary.append(time)
    return str(soup)
