"""Words explained where they appear: woordenlijst.yml feeds the tooltips and the page "Woordenlijst".

- on_config: reads woordenlijst.yml and gives every form of every term to Python-Markdown's
  abbr extension (its `glossary` option), so each occurrence becomes <abbr title="uitleg">;
  Material's tooltips show it on hover and focus.
- on_page_markdown: writes the list on the page with `\\woordenlijst`, each term with an anchor.
- on_page_content: makes every explained word focusable, so keyboard and touch users get it too.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from mkdocs.plugins import event_priority
from mkdocs.exceptions import PluginError

GLOSSARY_FILE = "woordenlijst.yml"
GLOSSARY_MARKER = "\\woordenlijst"

terms: list[dict] = []


def _slug(term: str) -> str:
    return "woord-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def _load(path: Path) -> list[dict]:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PluginError(f"{path.name}: not valid YAML: {error}") from error
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries or [], start=1):
        if not isinstance(entry, dict) or not {"term", "vormen", "uitleg"} <= set(entry):
            raise PluginError(f"{path.name}: entry {index} needs term, vormen and uitleg")
        for form in entry["vormen"]:
            if form in seen:
                raise PluginError(f"{path.name}: '{form}' is a form of both '{seen[form]}' and '{entry['term']}'")
            seen[form] = entry["term"]
    return sorted(entries, key=lambda entry: entry["term"].lower())


def on_config(config):
    global terms
    terms = _load(Path(config.config_file_path).parent / GLOSSARY_FILE)
    if "abbr" not in config.markdown_extensions:
        raise PluginError("mkdocs.yml: the glossary needs the markdown extension 'abbr'")
    glossary = {form: " ".join(entry["uitleg"].split()) for entry in terms for form in entry["vormen"]}
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary}
    return config


def on_page_markdown(markdown, page, config, files):
    if GLOSSARY_MARKER not in markdown:
        return markdown
    items = "\n".join(
        f'<dt id="{_slug(entry["term"])}">{escape(entry["term"])}</dt>\n<dd>{escape(" ".join(entry["uitleg"].split()))}</dd>'
        for entry in terms
    )
    return markdown.replace(GLOSSARY_MARKER, f'<dl class="woordenlijst">\n{items}\n</dl>')


@event_priority(10)  # before mkdocs-print-site-plugin keeps the page for the whole guide
def on_page_content(html, page, config, files):
    # A tab stop makes the explanation reachable by keyboard and tap; inside a link the link is that stop.
    soup = BeautifulSoup(html, "html.parser")
    for abbr in soup.find_all("abbr", title=True):
        if abbr.find_parent("a") is None:
            abbr["tabindex"] = "0"
    return str(soup)
