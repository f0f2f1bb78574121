"""Words explained where they appear: woordenlijst.yml feeds the explanations and the page "Woordenlijst".

pipeline.py calls:
- configure (config stage): reads woordenlijst.yml (checked entry by entry) and gives every form of
  every term to Python-Markdown's abbr extension (its `glossary` option), which finds each occurrence.
  The page extension gids.markdown (words.py) makes each occurrence a link to the word's entry and
  writes the list on the page with `\\woordenlijst`; assets/site.js shows the explanation in place
  when a word is tapped, clicked or chosen by keyboard.
- write_data (the built site): assets/woordenlijst.json, the explanations that site.js shows.
- collect_used (each page's HTML) and check_used (the built site): a word that no page explains stops
  the build.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

from gids import mistakes
from gids.model import EditorError, Term
from gids.soup import attribute

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from gids.model import Site

GLOSSARY_FILE = "woordenlijst.yml"
GLOSSARY_PAGE = "woordenlijst.md"


def anchor(term: str) -> str:
    """'Continuïteit' -> 'woord-continuiteit': letters with accents folded, not dropped (as headings get)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", term.lower()) if not unicodedata.combining(c))
    return "woord-" + re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


class GlossaryError(EditorError):
    """A mistake in woordenlijst.yml, said for the editor: where, what, and what to write."""

    def __init__(self, name: str, line: int, message: str):
        super().__init__(f"{name}, regel {line}: {message}")


EXAMPLE = "- term: veilige basis\n  vormen: [veilige basis]\n  uitleg: Eén of twee zinnen in gewone taal."


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def load(path: Path) -> list[Term]:
    """woordenlijst.yml, checked entry by entry; every mistake stops the build with its line."""
    return list(_read(mistakes.read_text(path, path.name), path.name))


@functools.lru_cache(maxsize=4)
def _read(text: str, name: str) -> tuple[Term, ...]:
    """The terms of a glossary text. Kept per text: every page's Markdown reads the file (gids.markdown),
    and checking it takes longer than converting a page; a changed file is a new text, read anew."""
    found = mistakes.problem(text)
    if found:
        raise GlossaryError(name, found[0], f"dit is geen geldige YAML. Meestal is de oorzaak: {found[1]}.")
    document = yaml.compose(text, Loader=yaml.SafeLoader)  # the lines where entries start
    entries = yaml.safe_load(text)
    if document is None:
        return ()
    if not isinstance(document, yaml.SequenceNode):
        raise GlossaryError(
            name, document.start_mark.line + 1, f"het bestand is een lijst van woorden, elk zo:\n{EXAMPLE}"
        )
    terms: list[Term] = []
    form_of: dict[str, Term] = {}
    anchor_of: dict[str, Term] = {}
    for node, entry in zip(document.value, entries):
        line = node.start_mark.line + 1
        if not isinstance(entry, dict):
            raise GlossaryError(
                name, line, f"elk woord begint met '- term:' en heeft 'vormen' en 'uitleg', zo:\n{EXAMPLE}"
            )
        unknown = sorted(set(entry) - {"term", "vormen", "uitleg", "anker"})
        if unknown:
            raise GlossaryError(
                name,
                line,
                f"onbekend veld {', '.join(unknown)}: een woord heeft alleen term, vormen, "
                "uitleg en (als het een oud adres moet houden) anker",
            )
        term = _text(entry.get("term"))
        if term is None:
            raise GlossaryError(
                name,
                line,
                f"'term' ontbreekt of is leeg: schrijf het woord zoals de woordenlijst het toont, zo:\n{EXAMPLE}",
            )
        forms = entry.get("vormen")
        if isinstance(forms, str):
            raise GlossaryError(
                name,
                line,
                f"bij '{term}' moet 'vormen' een lijst zijn, tussen rechte haken: "
                f"vormen: [{forms}] (ook als er maar één vorm is)",
            )
        if not isinstance(forms, list) or not forms or not all(_text(form) for form in forms):
            raise GlossaryError(
                name,
                line,
                f"bij '{term}' ontbreekt 'vormen': de vormen van het woord zoals ze in de "
                f"tekst staan, bijvoorbeeld vormen: [{term}]",
            )
        explanation = _text(entry.get("uitleg"))
        if explanation is None:
            raise GlossaryError(name, line, f"bij '{term}' ontbreekt 'uitleg': één of twee zinnen in gewone taal")
        own_anchor = entry.get("anker")
        if own_anchor is not None and not (
            isinstance(own_anchor, str) and re.fullmatch(r"woord-[a-z0-9-]+", own_anchor)
        ):
            raise GlossaryError(
                name, line, f"bij '{term}' moet 'anker' het oude adres zijn, zoals woord-{anchor(term)[6:]}"
            )
        item = Term(
            term, [str(form) for form in forms], " ".join(explanation.split()), own_anchor or anchor(term), line
        )
        for form in item.forms:
            if form in form_of:
                other = form_of[form]
                raise GlossaryError(
                    name,
                    line,
                    f"'{form}' staat bij twee woorden: '{other.term}' (regel {other.line}) en "
                    f"'{term}'. Een vorm hoort bij één woord.",
                )
            form_of[form] = item
        if item.anchor in anchor_of:
            other = anchor_of[item.anchor]
            raise GlossaryError(
                name,
                line,
                f"'{other.term}' (regel {other.line}) en '{term}' krijgen hetzelfde adres "
                f"#{item.anchor}. Geef één van beide een eigen 'anker:', of kies een "
                "andere term.",
            )
        anchor_of[item.anchor] = item
        terms.append(item)
    return tuple(sorted(terms, key=lambda term: term.term.lower()))


def configure(config: MkDocsConfig) -> list[Term]:
    """Config stage: the terms, and every form of them handed to the abbr extension."""
    terms = load(Path(config.config_file_path).parent / GLOSSARY_FILE)
    if "abbr" not in config.markdown_extensions:
        raise EditorError("mkdocs.yml: the glossary needs the markdown extension 'abbr'")
    glossary = {form: term.explanation for term in terms for form in term.forms}
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary}
    return terms


DATA = "assets/woordenlijst.json"


def write_data(*, site: Site) -> None:
    """Every explanation by its anchor, for assets/site.js: {"woord-breakdown": {"term": …, "uitleg": …}}."""
    data = {term.anchor: {"term": term.term, "uitleg": term.explanation} for term in site.glossary}
    (site.folder / DATA).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def collect_used(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """The words a built page explains: its links a.uitleg (gids/markdown/words.py), each to …#woord-…."""
    site.glossary_used.update(
        urlsplit(attribute(link, "href")).fragment for link in soup.find_all("a", class_="uitleg", href=True)
    )


def check_used(*, site: Site) -> None:
    """Every word in the glossary appears somewhere in the guide: a form nobody reads is a mistake."""
    unused = [term for term in site.glossary if term.anchor not in site.glossary_used]
    if unused:
        lines = [f"- regel {term.line}: '{term.term}' (vormen: {', '.join(term.forms)})" for term in unused]
        raise GlossaryError(
            GLOSSARY_FILE,
            unused[0].line,
            "deze woorden komen nergens in de gids voor:\n" + "\n".join(lines) + "\nDe vormen moeten "
            "precies zo in de tekst staan, met dezelfde hoofdletters en koppeltekens.",
        )
