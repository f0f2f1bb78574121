"""The site's shared data: the values the steps hand each other, with no behaviour of their own.

- Sources: references.bib as the site uses it (citations.py reads it).
- Term: one entry of woordenlijst.yml (glossary.py reads it).
- Box and PageContents: a built page's tips, key messages, sections and sources (handouts.py collects
  them after the build, for the share controls and the handouts).
- BuiltPage: what a built page holds for the address check (addresses.py).
- Build: what one MkDocs build knows while MkDocs renders the pages, made new at the start of every
  build (also every rebuild of `serve`). The concern modules keep nothing between builds.
- PageFacts and Site: a built site as the post-build step (gids/postbuild.py) sees it, in plain values
  that any generator can give (or that `python -m gids.postbuild` reads from the project's files),
  with what its passes learn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from gids.project import NavEntry


ADDED = "added"  # status of a source the site's editors added (it gets a site-number after the brochure's)


class EditorError(Exception):
    """A mistake in the project's files, said in Dutch for the editor: where, what, and what to do. The MkDocs
    adapter (pipeline.py) passes it on as MkDocs' own error, so it is printed without a traceback."""


@dataclass
class Sources:
    """references.bib as the site uses it: per BibTeX key its number on the site and its status.

    A source of the brochure keeps the brochure's number (`brochure-number`); a source the editors
    added has `status = {added}` and a `site-number` after the brochure's numbers.
    """

    path: Path
    numbers: dict[str, int]
    statuses: dict[str, str]
    languages: dict[str, str] = field(
        default_factory=dict
    )  # key -> pandoc's name of the language, for sources not in Dutch

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
class PageContents:
    """What a built page offers the handouts: its parts in page order, and its source list's entries."""

    boxes: list[Box] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading id, heading text), h2 and h3
    sources: dict[int, str] = field(default_factory=dict)  # number -> the source list's <li> (without backrefs)


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
    chapters: list[NavEntry] = field(default_factory=list)  # the pages of the nav section "Hoofdstukken"
    box_ids: dict[str, str] = field(default_factory=dict)  # id of a tip or key message -> its page's src_uri

    @property
    def site(self) -> Path:
        return Path(self.config.site_dir)

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def is_chapter(self, src_uri: str) -> bool:
        return any(chapter.file == src_uri for chapter in self.chapters)


@dataclass(frozen=True)
class PageFacts:
    """A page of the site, as the post-build step needs to know it."""

    url: str  # "wat-is-gehechtheid/"; "" for the home page
    source: str  # its Markdown file, "docs/wat-is-gehechtheid.md"
    title: str  # as the menu names it (the running header in print)
    in_nav: bool = True  # in the menu (its sections are public addresses too)
    chapter: bool = False  # in the nav section "Hoofdstukken": a PDF of its own
    running_header: bool = True  # front matter `kopregel: false` prints it without one (the tip cards)
    own_address: bool = False  # front matter `eigen_adres: true`: the page makes its address in the browser
    read_aloud: bool = False  # a chapter, or front matter `voorlezen: true`: the "Lees voor" control (voorlezen.py)
    searched: bool = True  # front matter `search: exclude: true` leaves the page out of the search
    search_weight: float | None = None  # front matter `search: boost: 1`: its weight in the search (search.py)

    @property
    def name(self) -> str:
        """docs/wat-is-gehechtheid.md -> "wat-is-gehechtheid" (its PDF, its running header)."""
        return self.source.removeprefix("docs/").removesuffix(".md").replace("/", "-")


@dataclass(frozen=True)
class App:
    """The guide as an app on a phone's home screen (mkdocs.yml, extra: app:; gids/offline.py)."""

    short_name: str  # under the icon
    theme_color: str  # the bar above the app's window
    background_color: str  # the window while the app opens


@dataclass
class Site:
    """A built site for the post-build step: where it is and what it is (plain values, from whichever
    generator built it), then what the passes learn, each field written by the pass that says so in
    gids/postbuild.py (PASSES)."""

    folder: Path  # the built site (site/, or the build's temporary folder)
    root: Path  # the project: mkdocs.yml, adressen.txt, .cache/
    url: str  # the public address, ending in "/"
    name: str
    description: str
    favicon: str  # the icon as the pages carry it (a data: address)
    stylesheet: str  # the site's own built stylesheet, "assets/site.min.css"
    pages: list[PageFacts]  # the menu's order first (the chapters' PDFs are printed in it), then the other pages
    glossary: list[Term]
    redirect_maps: dict[str, str] = field(default_factory=dict)  # old page -> new page ("tips.md": "x.md#tips")
    palette: bool = True  # the theme's light/dark palette is configured
    app: App | None = None  # the web app manifest and service worker (gids/offline.py); None: neither
    pdf: bool = False  # print the PDFs (PDF=1)
    serving: bool = False  # a preview of `serve`: no compression, a looser policy for live reload
    warnings: bool = False  # the generator warned in strict mode: the build stops, so no address is recorded
    record_addresses: bool = False  # write new public addresses into adressen.txt (./run.sh adressen, build)
    glossary_used: set[str] = field(default_factory=set)  # forms of glossary words the pages explain
    renamed: dict[str, str] = field(default_factory=dict)  # files renamed by content hash: old -> new
    built: dict[str, BuiltPage] = field(default_factory=dict)  # page url -> its ids, links, public anchors
    search_pages: dict[str, str] = field(default_factory=dict)  # page url -> its reading text, as HTML to index
    contents: dict[str, PageContents] = field(default_factory=dict)  # page url -> its parts and sources
    qr_drawn: set[str] = field(default_factory=set)  # QR code files written in this run

    @property
    def chapters(self) -> list[PageFacts]:
        return [page for page in self.pages if page.chapter]

    @property
    def menu(self) -> list[PageFacts]:
        return [page for page in self.pages if page.in_nav]

    def page(self, source: str) -> PageFacts | None:
        """The page built from a Markdown file ("docs/x.md")."""
        return next((page for page in self.pages if page.source == source), None)

    def url_of(self, path: Path) -> str:
        """The address of a built file of the folder: site/x/index.html -> "x/"."""
        return path.relative_to(self.folder).as_posix().removesuffix("index.html")

    def page_at(self, path: Path) -> PageFacts | None:
        """The page built into this file of the folder (site/x/index.html), if it comes from a Markdown file."""
        url = self.url_of(path)
        return next((page for page in self.pages if page.url == url), None)

    def address(self, url: str, anchor: str = "") -> str:
        """The public address of a page (and a part of it)."""
        if not self.url:
            raise EditorError(
                "mkdocs.yml: de site heeft haar webadres nodig (voor de QR-codes en de links om te delen): zet "
                "site_url in mkdocs.yml of bouw met SITE_URL=https://…"
            )
        return self.url.rstrip("/") + "/" + url + (f"#{anchor}" if anchor else "")
