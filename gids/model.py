"""The site's shared data: the values the steps hand each other, with no behaviour of their own.

- Sources: references.bib as the site uses it (citations.py reads it).
- Term: one entry of woordenlijst.yml (glossary.py reads it).
- Box: a tip or key message on a page (links.py collects them, handouts.py uses them).
- BuiltPage: what a built page holds for the address check (addresses.py).
- Build: what one build knows, made new at the start of every build (also every rebuild of `serve`).
  The concern modules keep nothing between builds; whatever a step learns about the site lives on the
  Build that pipeline.py hands it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page



ADDED = "added"  # status of a source the site's editors added (it gets a site-number after the brochure's)


@dataclass
class Sources:
    """references.bib as the site uses it: per BibTeX key its number on the site and its status.

    A source of the brochure keeps the brochure's number (`brochure-number`); a source the editors
    added has `status = {added}` and a `site-number` after the brochure's numbers.
    """

    path: Path
    numbers: dict[str, int]
    statuses: dict[str, str]
    languages: dict[str, str] = field(default_factory=dict)  # key -> pandoc's name of the language, for sources not in Dutch

    @property
    def brochure(self) -> dict[str, int]:
        return {key: n for key, n in self.numbers.items() if self.statuses[key] != ADDED}


@dataclass
class Term:
    """One word of woordenlijst.yml."""

    term: str
    forms: list[str]
    explanation: str  # white space folded
    anchor: str  # woord-…, from the term or the entry's own `anker`
    line: int  # where the entry starts in woordenlijst.yml


@dataclass
class BuiltPage:
    """A built page as the address check sees it."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)  # its public anchors, in page order
    redirect: bool = False


@dataclass
class Box:
    """A tip or key message: the section it stands in, its id and its title."""

    kind: str  # "pleegtip" or "kernboodschap"
    section: str  # id of the heading above it ("" when none)
    id: str
    title: str
    html: str = ""  # the box as written (title and text, without its id and controls), for handouts


@dataclass
class Build:
    config: MkDocsConfig
    command: str  # "build", "serve" or "gh-deploy"
    root: Path  # the folder of mkdocs.yml
    sources: Sources
    glossary: list[Term]
    pdf: bool  # print the PDFs (PDF=1)
    redirect_maps: dict[str, str] = field(default_factory=dict)  # old page -> new page (option of the gids plugin)
    record_addresses: bool = False  # write new public addresses into adressen.txt (addresses.recording)
    nav: Navigation | None = None
    files: Files | None = None
    chapters: list[Page] = field(default_factory=list)  # the pages of the nav section "Hoofdstukken"
    titles: dict[str, str] = field(default_factory=dict)  # page name -> title (running header in print)
    boxes: dict[str, list[Box]] = field(default_factory=dict)  # page src_uri -> its tips and key messages
    qr_drawn: set[str] = field(default_factory=set)  # QR code files written in this build
    glossary_used: set[str] = field(default_factory=set)  # anchors (woord-…) that the pages' a.uitleg lead to
    renamed: dict[str, str] = field(default_factory=dict)  # files renamed by content hash: old -> new (fingerprint.py)
    source_of: dict[str, str] = field(default_factory=dict)  # page url -> its Markdown file ("docs/…")
    built: dict[str, BuiltPage] = field(default_factory=dict)  # page url -> its ids, links, public anchors
    reading_text: dict[str, dict[str, str]] = field(default_factory=dict)  # page url -> section id ("" at the top) -> text, for the search index

    @property
    def site(self) -> Path:
        return Path(self.config.site_dir)

    @property
    def serving(self) -> bool:
        return self.command == "serve"
