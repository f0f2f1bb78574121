"""Citations in a page: `[@key]` becomes a marker with the source's brochure number, and the page's sources a
numbered list, on the tree Python-Markdown builds.

Python-Markdown's footnotes extension does the footnote work (ids, back links, a source cited twice); the
processors here add what the site needs around it (registered in PROCESSORS, gids/markdown/__init__.py):

- CitationPreprocessor (the text, before the blocks are read): `[@a; @b]` becomes `[^a] [^b]`, with a
  footnote for each cited source; an unknown key stops with its line; `\\bronnenstatus` becomes the
  counts of the sources by status.
- SourcesTreeprocessor (after the footnotes, the inline text and prettify; before attr_list, abbr, toc and
  MkDocs' anchors and links, so MkDocs sees every id and link made here): each source's text as pandoc's
  citeproc formats it, with its status; adjacent markers one group, [2, 3] or [31–36]; each marker and
  list item its brochure number (ref-N, bron-N); the list in number order, at the line `\\bronnenlijst`
  or, without it, at the end under a heading of its own; `\\full_bibliography` the list of every source.
- OwnFootnotesTreeprocessor (after toc, so its heading stays out of the contents as before; with MkDocs'
  anchors): an author's own footnotes (`[^noot]`) apart from the sources, under "Voetnoten".

`number_sources` is the numbering itself, on any tree with footnotes as Python-Markdown writes them
(tests/test_units.py runs it on a BeautifulSoup tree, for its golden file).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown.extensions.footnotes import FootnoteExtension
from markdown.preprocessors import Preprocessor
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor

from gids import citations
from gids.citations import SourceError

if TYPE_CHECKING:
    from markdown import Markdown

    from gids.markdown import GidsExtension
    from gids.model import Sources

# The text of a cited source's footnote, until SourcesTreeprocessor puts the source's reference there.
DEFINITION = "gids:bron"
DEFAULT_HEADING = citations.PAGE_SOURCES_HEADING  # plain Python-Markdown, without the line \bronnenlijst
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _data(extension: GidsExtension) -> tuple[Sources, dict[str, str]]:
    references = Path(extension.getConfig("references"))
    cache = extension.getConfig("cache")
    return citations.load(references, Path(cache) if cache else references.parent / citations.CACHE)


class CitationPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: GidsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if citations.STATUS_MARKER not in text and not citations.CITATION.search(text):
            return lines
        if not any(isinstance(extension, FootnoteExtension) for extension in self.md.registeredExtensions):
            raise SourceError("gids.markdown: de bronnen hebben de Markdown-extensie footnotes nodig")
        sources, _ = _data(self.extension)
        if citations.STATUS_MARKER in text:
            summary = citations._status_summary(sources, self.extension.getConfig("sources_page"))
            text = text.replace(citations.STATUS_MARKER, summary)
        cited: dict[str, None] = {}  # in the order of first citation

        def footnotes(citation) -> str:
            keys = citations.CITED_KEY.findall(citation.group(1))
            for key in keys:
                if key not in sources.numbers:
                    line = text.count("\n", 0, citation.start()) + 1
                    raise SourceError(
                        f"onbekende bron @{key} (regel {line}): die sleutel staat niet in "
                        f"{sources.path.name}. Kijk de schrijfwijze na (hoofdletters tellen), of "
                        f"voeg de bron toe ({citations.BIB_HELP})."
                    )
                cited.setdefault(key)
            return " ".join(f"[^{key}]" for key in keys)

        text = citations.CITATION.sub(footnotes, text)
        if cited:
            text += "\n\n" + "\n".join(f"[^{key}]: {DEFINITION}" for key in cited) + "\n"
        return text.split("\n")


def _append_text(element: etree.Element, text: str) -> None:
    """Text after everything element holds so far."""
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _copy(node: Tag, into: etree.Element) -> None:
    for child in node.children:
        if isinstance(child, Tag):
            attributes = {
                name: " ".join(value) if isinstance(value, list) else value for name, value in child.attrs.items()
            }
            _copy(child, etree.SubElement(into, child.name, attributes))
        elif type(child) is NavigableString:  # comments, doctypes and the like are left out
            _append_text(into, str(child))


def tree_of(html: str | Tag) -> etree.Element:
    """HTML (text or BeautifulSoup) as an ElementTree element: a div that holds it."""
    root = etree.Element("div")
    _copy(BeautifulSoup(html, "html.parser") if isinstance(html, str) else html, root)
    return root


def html_of(root: etree.Element) -> str:
    """What tree_of's div holds, as HTML."""
    html = to_html_string(root)
    return html[len("<div>") : -len("</div>")]


def _parents(root: etree.Element) -> dict[etree.Element, etree.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _footnotes(root: etree.Element) -> etree.Element | None:
    """The footnotes extension's list: the first div.footnote."""
    return next((div for div in root.iter("div") if div.get("class") == "footnote"), None)


def _paragraph(root: etree.Element, text: str) -> tuple[etree.Element, etree.Element] | None:
    """(parent, p) of the paragraph that holds only text, such as \\bronnenlijst."""
    for parent in root.iter():
        for child in parent:
            if child.tag == "p" and not len(child) and (child.text or "").strip() == text:
                return parent, child
    return None


def _replace(parent: etree.Element, old: etree.Element, new: etree.Element) -> None:
    new.tail = old.tail
    parent.insert(list(parent).index(old), new)
    parent.remove(old)


def _key(reference: str) -> str:
    """fnref:key, fnref2:key, #fn:key or fn:key -> key"""
    return reference.split(":", 1)[1]


def _marker_id(ref_id: str, numbers: dict[str, int]) -> str:
    """fnref:key -> ref-N, fnref2:key -> ref-N-2 (the second citation of N on the page)."""
    prefix, key = ref_id.split(":", 1)
    repeat = prefix[len("fnref") :]
    return f"ref-{numbers[key]}" + (f"-{repeat}" if repeat else "")


def _is_citation(element: etree.Element, numbers: dict[str, int]) -> bool:
    """A footnote marker that stands for a source (an author's own footnote `[^noot]` does not)."""
    if element.tag != "sup" or not element.get("id", "").startswith("fnref"):
        return False
    link = element.find("a")
    href = link.get("href", "") if link is not None else ""
    return href.startswith("#fn:") and _key(href) in numbers


def _group_markers(root: etree.Element, numbers: dict[str, int]) -> list[tuple[etree.Element, list[etree.Element]]]:
    """Runs of citation markers separated only by white space: (their parent, the markers)."""
    groups = []
    for parent in root.iter():
        group: list[etree.Element] = []
        for child in parent:
            if _is_citation(child, numbers):
                group.append(child)
                if (child.tail or "").strip():
                    groups.append((parent, group))
                    group = []
            elif group:
                groups.append((parent, group))
                group = []
        if group:
            groups.append((parent, group))
    return groups


def marker_text(cited: list[int]) -> list[tuple[dict[str, str] | None, str]]:
    """The text of a group's link, piece by piece: (None, text) for what eye and ear share, (attributes of a
    span, text) for what only one of them gets: [2, 3] -> "Bronnen " for the ear, "2", ", " for the eye,
    " en " for the ear, "3"."""
    pieces: list[tuple[dict[str, str] | None, str]] = []
    for seen, said in citations._pieces(cited):
        if seen == said:
            pieces.append((None, seen))
            continue
        if seen:
            pieces.append(({"aria-hidden": "true"}, seen))
        if said:
            pieces.append(({"class": "voorlezen"}, said))
    return pieces


def _render_group(parent, group, numbers, group_of) -> str:
    """Adjacent markers become one link: [31–36] leads to the first source without JavaScript, and opens
    all six with it (assets/site.js). The link's id is its first marker's (ref-N); the back links of the
    other numbers lead to it too (group_of).
    The link's name is its own text: what the eye sees ("31–36", hidden from screen readers where it differs)
    beside what a screen reader says ("Bronnen 31 tot en met 36", hidden from the eye), so the two never
    disagree; the stylesheet adds the brackets. Search leaves the marker out ("…negeren Bron 3" helps no one
    in a result); the attribute sits on the link, as Material's search would lose it at a nested span."""
    markers = sorted(
        ((numbers[_key(sup.find("a").get("href"))], _marker_id(sup.get("id"), numbers)) for sup in group),
        key=lambda item: item[0],
    )
    cited = [n for n, _ in markers]
    span = etree.Element("span", {"class": "bronverwijzing"})
    link = etree.SubElement(
        span,
        "a",
        {
            "class": "footnote-ref",
            "id": markers[0][1],
            "href": f"#bron-{cited[0]}",
            "data-bronnen": " ".join(map(str, cited)),
            "data-search-exclude": "",
        },
    )
    for _, marker_id in markers:
        group_of[marker_id] = markers[0][1]
    for attributes, text in marker_text(cited):
        if attributes is None:
            _append_text(link, text)
        else:
            etree.SubElement(link, "span", attributes).text = text
    span.tail = group[-1].tail
    parent.insert(list(parent).index(group[0]), span)
    for sup in group:
        parent.remove(sup)
    return markers[0][1]


def number_sources(root: etree.Element, numbers: dict[str, int]) -> set[str]:
    """Brochure numbers on the markers and items of the footnotes that are sources; groups; the list in
    number order; an author's own footnotes apart. Returns the ids it made."""
    made = _number_markers(root, numbers)
    return made | _separate_own_footnotes(root)


def _number_markers(root: etree.Element, numbers: dict[str, int]) -> set[str]:
    footnotes = _footnotes(root)
    listing = footnotes.find("ol") if footnotes is not None else None
    if listing is None:
        return set()
    items = [item for item in listing if item.get("id", "").startswith("fn:") and _key(item.attrib["id"]) in numbers]
    if not items:
        return set()  # only an author's own footnotes: Python-Markdown's list as it is
    made: set[str] = set()
    group_of: dict[str, str] = {}  # marker id -> id of the group link that holds it
    for parent, group in _group_markers(root, numbers):
        made.add(_render_group(parent, group, numbers, group_of))

    ordered = []
    for item in items:
        number = numbers[_key(item.attrib["id"])]
        item.set("id", f"bron-{number}")
        item.set("value", str(number))
        made.add(item.attrib["id"])
        backrefs = [link for link in item.iter("a") if link.get("class") == "footnote-backref"]
        for place, backref in enumerate(backrefs, start=1):
            backref.set("href", "#" + group_of[_marker_id(backref.attrib["href"].lstrip("#"), numbers)])
            # A name of its own for each (a screen reader's list of links), not a title: Material would give
            # each of these dozens of links a tooltip, which costs the phone time at every page load.
            backref.attrib.pop("title", None)
            backref.set(
                "aria-label", f"Terug naar de tekst bij bron {number}" + (f" ({place})" if len(backrefs) > 1 else "")
            )
            if len(backrefs) > 1:  # six arrows under one source: the eye tells them apart too
                backref.text = f"{(backref.text or '').strip()}\u00a0{place}"
        listing.remove(item)
        item.tail = None
        ordered.append((number, item))
    own = list(listing)
    for item in own:
        listing.remove(item)
    listing.text = "\n"
    for _, item in sorted(ordered, key=lambda pair: pair[0]):
        listing.append(item)
    listing.extend(own)  # after the sources until OwnFootnotesTreeprocessor takes them out
    return made


def _separate_own_footnotes(root: etree.Element) -> set[str]:
    """An author's own footnotes (`[^noot]`) stand apart from the sources, numbered 1, 2, … before them."""
    footnotes = _footnotes(root)
    listing = footnotes.find("ol") if footnotes is not None else None
    if footnotes is None or listing is None or not any(item.get("id", "").startswith("bron-") for item in listing):
        return set()  # no sources: Python-Markdown's list as it is
    own = [item for item in listing if item.get("id", "").startswith("fn:")]
    if not own:
        return set()
    box = etree.Element("div", {"class": "footnote voetnoten"})
    etree.SubElement(box, "h2", {"id": "voetnoten"}).text = "Voetnoten"
    notes = etree.SubElement(box, "ol")
    for number, item in enumerate(own, start=1):
        item.set("value", str(number))
        listing.remove(item)
        item.tail = None
        notes.append(item)
        for marker in root.iter("sup"):
            link = marker.find("a")
            if (
                marker.get("id", "").startswith("fnref")
                and link is not None
                and link.get("href") == f"#{item.get('id')}"
            ):
                link.text = str(number)
    parents = _parents(root)
    parent = parents[footnotes]
    place = list(parent).index(footnotes)
    if place and parent[place - 1].tag in HEADINGS:  # before the heading of the sources
        place -= 1
    parent.insert(place, box)
    return {"voetnoten"}


class SourcesTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GidsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def _reference(self, key: str, into: etree.Element, sources: Sources, texts: dict[str, str]) -> None:
        """A source's text, formatted by pandoc, with its status made visible: a label for a reconstructed
        or added source; an unrecovered number has nothing to format, so it says so, and asks whoever
        knows the original to tell the editors. Each label says which source it belongs to (a screen
        reader's list of links tells them apart)."""
        status, number = sources.statuses[key], sources.numbers[key]
        if status == "unrecovered":
            _append_text(into, f"Bron {number} uit de oorspronkelijke brochure is nog niet teruggevonden. ")
        else:
            formatted = tree_of(texts[key])
            _append_text(into, formatted.text or "")
            into.extend(list(formatted))
            if status == "verified":
                return
            _append_text(into, " ")
        name = citations.STATUS_LABELS[status]
        label = etree.SubElement(
            into,
            "a",
            {
                "class": f"bronstatus bronstatus--{status}",
                "href": f"{self.extension.getConfig('about_page')}#{citations.ABOUT_ANCHOR}",
                "aria-label": f"{name}: wat betekent dat? (bron {number})",
            },
        )
        label.text = name
        reaction = self.extension.getConfig("reaction")
        if status == "unrecovered" and reaction:
            label.tail = " "
            invitation = etree.SubElement(
                into, "a", {"class": "bron-oproep", "href": citations.reaction_address(number, reaction)}
            )
            invitation.text = "Ken je deze bron? Laat het ons weten."

    def run(self, root: etree.Element) -> None:
        everything = _paragraph(root, citations.ALL_SOURCES_MARKER)
        footnotes = _footnotes(root)
        listing = footnotes.find("ol") if footnotes is not None else None
        cited = [
            item
            for item in (listing if listing is not None else [])
            if item.get("id", "").startswith("fn:") and (item.findtext("p") or "").startswith(DEFINITION)
        ]
        marker = _paragraph(root, citations.LIST_MARKER)
        if not cited and marker is not None:
            marker[0].remove(marker[1])
        if not cited and everything is None:
            return
        sources, texts = _data(self.extension)
        if everything is not None:
            self._all_sources(*everything, sources, texts)
        if footnotes is None or not cited:  # (cited comes from the footnotes' list)
            return
        for item in cited:
            paragraph = item.find("p")
            assert paragraph is not None  # cited holds the items whose first paragraph is a source
            backrefs = list(paragraph)
            for backref in backrefs:
                paragraph.remove(backref)
            paragraph.text = ""
            self._reference(_key(item.attrib["id"]), paragraph, sources, texts)
            _append_text(paragraph, "\u00a0")
            paragraph.extend(backrefs)
        if marker is not None:  # where the page wants its list
            _parents(root)[footnotes].remove(footnotes)
            _replace(*marker, footnotes)
        else:
            parent = _parents(root)[footnotes]
            heading = etree.Element("h2")
            heading.text, heading.tail = DEFAULT_HEADING, "\n"
            parent.insert(list(parent).index(footnotes), heading)
        _number_markers(root, sources.numbers)

    def _all_sources(self, parent, paragraph, sources: Sources, texts: dict[str, str]) -> None:
        """The Bronnen page: every entry in number order, each with the anchor bron-N."""
        listing = etree.Element("ol", {"class": "bronnenlijst"})
        listing.text = "\n"
        for key in sorted(sources.numbers, key=sources.numbers.__getitem__):
            number = str(sources.numbers[key])
            item = etree.SubElement(listing, "li", {"id": f"bron-{number}", "value": number})
            item.tail = "\n"
            self._reference(key, item, sources, texts)
        _replace(parent, paragraph, listing)


class OwnFootnotesTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GidsExtension) -> None:
        super().__init__(md)

    def run(self, root: etree.Element) -> None:
        _separate_own_footnotes(root)
