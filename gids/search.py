"""Search that finds what carers type: words with accents are found when typed without them.

Material's search (lunr, Dutch stop words) matches words as written, so "continuiteit" would not
find "continuïteit". After the build, every indexed section whose text holds a word with an accent
or diaeresis gets that word without it, in a hidden span: the search finds it, the result shows the
real text. Nothing changes on the pages themselves.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from gids.model import Build

INDEX = Path("search") / "search_index.json"
TAG = re.compile(r"<[^>]+>")


OTHER_PAGES_BOOST = 0.5


def rank(markdown: str, *, page: Page, build: Build) -> str:
    """Chapters first: a page outside the nav section "Hoofdstukken" counts half in the search, unless its
    front matter sets its own `search: boost:`. A new page needs no tuning to leave the chapters first."""
    search = page.meta.setdefault("search", {})
    if page not in build.chapters and "boost" not in search:
        search["boost"] = OTHER_PAGES_BOOST
    return markdown


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def fold_accents(*, build: Build) -> None:
    path = build.site / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        words = set(re.findall(r"\w+", TAG.sub(" ", f"{doc['title']} {doc['text']}")))
        variants = sorted({fold(word) for word in words} - words)
        if variants:
            doc["text"] += f' <span hidden>{" ".join(variants)}</span>'
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
