"""Words explained where they appear: woordenlijst.yml feeds the explanations and the page "Woordenlijst".

pipeline.py calls:
- configure (config stage): reads woordenlijst.yml and gives every form of every term to
  Python-Markdown's abbr extension (its `glossary` option), so each occurrence becomes
  <abbr title="uitleg">; Material's tooltips show it on hover and focus.
- markdown (each page): writes the list on the page with `\\woordenlijst`, each term with an anchor.
- mark_words (each page's HTML): makes every explained word focusable, so keyboard and touch users
  get it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from state import Build

GLOSSARY_FILE = "woordenlijst.yml"
GLOSSARY_MARKER = "\\woordenlijst"


@dataclass
class Term:
    term: str
    forms: list[str]
    explanation: str  # white space folded

    @property
    def anchor(self) -> str:
        return anchor(self.term)


def anchor(term: str) -> str:
    return "woord-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def load(path: Path) -> list[Term]:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PluginError(f"{path.name}: not valid YAML: {error}") from error
    seen: dict[str, str] = {}
    terms = []
    for index, entry in enumerate(entries or [], start=1):
        if not isinstance(entry, dict) or not {"term", "vormen", "uitleg"} <= set(entry):
            raise PluginError(f"{path.name}: entry {index} needs term, vormen and uitleg")
        for form in entry["vormen"]:
            if form in seen:
                raise PluginError(f"{path.name}: '{form}' is a form of both '{seen[form]}' and '{entry['term']}'")
            seen[form] = entry["term"]
        terms.append(Term(entry["term"], list(entry["vormen"]), " ".join(entry["uitleg"].split())))
    return sorted(terms, key=lambda term: term.term.lower())


def configure(config: MkDocsConfig) -> list[Term]:
    """Config stage: the terms, and every form of them handed to the abbr extension."""
    terms = load(Path(config.config_file_path).parent / GLOSSARY_FILE)
    if "abbr" not in config.markdown_extensions:
        raise PluginError("mkdocs.yml: the glossary needs the markdown extension 'abbr'")
    glossary = {form: term.explanation for term in terms for form in term.forms}
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary}
    return terms


def markdown(markdown: str, *, page: Page, build: Build) -> str:
    if GLOSSARY_MARKER not in markdown:
        return markdown
    items = "\n".join(
        f'<dt id="{term.anchor}">{escape(term.term)}</dt>\n<dd>{escape(term.explanation)}</dd>'
        for term in build.glossary
    )
    return markdown.replace(GLOSSARY_MARKER, f'<dl class="woordenlijst">\n{items}\n</dl>')


def mark_words(soup: BeautifulSoup, *, page: Page, build: Build) -> None:
    """A tab stop makes the explanation reachable by keyboard and tap; inside a link the link is that stop."""
    for abbr in soup.find_all("abbr", title=True):
        if abbr.find_parent("a") is None:
            abbr["tabindex"] = "0"
