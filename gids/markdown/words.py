"""Explained words: each glossary word in the text links to its entry; the glossary page lists them all.

Python-Markdown's abbr extension finds the words (its `glossary` option holds every form of every term
of woordenlijst.yml, gids/glossary.py fills it in) and wraps each in `<abbr title>`. This step turns
each such word into a link to its entry, `<a class="uitleg" href="woordenlijst.md#woord-…">`:
without JavaScript a tap leads there; with it, assets/site.js shows the explanation in place (from
assets/woordenlijst.json, fetched at the first tap, so no page carries the explanations twice). The
link is written as a link to the Markdown file, as an editor would write it: MkDocs makes it the
page's address, plain Python-Markdown leaves it as it is.

In headings, links and box titles a word stays plain text, and on the glossary page itself: the
page that holds the marker `\\woordenlijst`, which this step replaces by the list of every term with its
explanation and anchor.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from gids import glossary
from gids.markdown.text import classes
from gids.model import Term

MARKER = "\\woordenlijst"
PLAIN_IN = {"h1", "h2", "h3", "h4", "h5", "h6", "a"}  # and box titles (p.admonition-title)


class GlossaryWords(Treeprocessor):
    def __init__(self, md: Markdown, terms: list[Term], glossary_page: str) -> None:
        super().__init__(md)
        self.terms = terms
        self.by_form = {form: term for term in terms for form in term.forms}
        self.glossary_page = glossary_page

    def run(self, root: etree.Element) -> None:
        is_glossary_page = self._fill_list(root)
        self._link(root, plain=is_glossary_page)

    def _fill_list(self, root: etree.Element) -> bool:
        """The paragraph `\\woordenlijst` becomes the list of terms; True when the page has it."""
        for parent in root.iter():
            for index, child in enumerate(parent):
                if child.tag == "p" and len(child) == 0 and (child.text or "").strip() == MARKER:
                    parent.remove(child)
                    parent.insert(index, self._list(child.tail))
                    return True
        return False

    def _list(self, tail: str | None) -> etree.Element:
        items = etree.Element("dl", {"class": "woordenlijst"})
        items.text, items.tail = "\n", tail
        for term in self.terms:
            name = etree.SubElement(items, "dt", {"id": term.anchor})
            name.text, name.tail = AtomicString(term.term), "\n"
            explanation = etree.SubElement(items, "dd")
            explanation.text, explanation.tail = AtomicString(term.explanation), "\n"
        return items

    def _link(self, element: etree.Element, plain: bool) -> None:
        for child in list(element):
            if child.tag != "abbr":
                self._link(child, plain or child.tag in PLAIN_IN or "admonition-title" in classes(child))
                continue
            term = None if plain else self.by_form.get(child.text or "")
            if term is None:  # a word where it stays plain, or an abbreviation of the page's own
                _unwrap(element, child)
                continue
            child.tag = "a"
            child.attrib.clear()
            child.set("class", "uitleg")
            child.set("href", f"{self.glossary_page}#{term.anchor}")


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """child's text in its place, without the element."""
    index = list(parent).index(child)
    text = (child.text or "") + (child.tail or "")
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


def make(md: Markdown, extension) -> GlossaryWords:
    path = extension.getConfig("glossary")
    terms = glossary.load(Path(path)) if path else []
    return GlossaryWords(md, terms, extension.getConfig("glossary_page"))
