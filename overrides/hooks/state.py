"""What one build knows: made new at the start of every build (also every rebuild of `serve`).

The concern modules keep nothing between builds; whatever a step learns about the site (the sources,
the glossary, the boxes on each page, the chapters) lives on the Build that pipeline.py hands it.
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

    from addresses import BuiltPage
    from citations import Sources
    from glossary import Term


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
    nav: Navigation | None = None
    files: Files | None = None
    chapters: list[Page] = field(default_factory=list)  # the pages of the nav section "Hoofdstukken"
    titles: dict[str, str] = field(default_factory=dict)  # page name -> title (running header in print)
    boxes: dict[str, list[Box]] = field(default_factory=dict)  # page src_uri -> its tips and key messages
    qr_drawn: set[str] = field(default_factory=set)  # QR code files written in this build
    glossary_used: set[str] = field(default_factory=set)  # forms of glossary words found in the pages
    renamed: dict[str, str] = field(default_factory=dict)  # files renamed by content hash: old -> new (fingerprint.py)
    source_of: dict[str, str] = field(default_factory=dict)  # page url -> its Markdown file ("docs/…")
    built: dict[str, BuiltPage] = field(default_factory=dict)  # page url -> its ids, links, public anchors

    @property
    def site(self) -> Path:
        return Path(self.config.site_dir)

    @property
    def serving(self) -> bool:
        return self.command == "serve"
