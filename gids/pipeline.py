"""The MkDocs adapter: the site's one MkDocs plugin (`- gids` under plugins:), and the one place that says
in which order MkDocs hands the site's own code a page.

The site's behaviour lives in two generator-neutral parts, which this file wires to MkDocs:
- the Python-Markdown extension gids.markdown (gids/markdown/, under markdown_extensions in mkdocs.yml;
  its table PROCESSORS gives the order): citations, explained words, the "#" links of tips and key
  messages, tables as cards, the reading time. This file gives it its options (markdown_options).
- the post-build step over the built folder of plain HTML (gids/postbuild.py, its table PASSES): moved
  pages, the site's files and their content hashes, the whole guide's contents, the policy, the search
  index's text, the address check, the PDFs, compression. This file gives it the facts MkDocs knows
  (site_facts); `python -m gids.postbuild site/` reads the same facts from the project's files.

What stays MkDocs-shaped is listed here, stage by stage, in the order MkDocs runs them:
1. config, before the plugins read theirs: references.bib, woordenlijst.yml, whether to print PDFs,
   which pages the whole guide leaves out, the extension's options.
2. files and nav: every page's file name is an address and its text UTF-8; which pages are the chapters.
3. Markdown of each page, before Python-Markdown reads it (MARKDOWN): the checks whose Dutch message
   names the file and line, and what the extension cannot know (whether a page is a chapter) as text.
4. HTML of each page's content, before mkdocs-print-site-plugin copies it for the whole guide
   (CONTENT, one parse per page): what needs the page's own address. Under the title a page gets, from
   top to bottom: a chapter's PDF link, then the share controls.
5. Each page's context, once every page is known: the caseworkers' list, the selection page and the
   trainers' tip sheet and cards (handouts.py).
6. After the plugins have written their files: the post-build step (gids/postbuild.py).
What a build learns in stages 1–5 (sources, glossary, boxes, chapters) lives on a Build
(gids/model.py), made new at the start of every build, also every rebuild of `serve`; an editor's
mistake (EditorError) leaves every stage as MkDocs' own error, without a traceback (_said).

Its one option, `redirect_maps` (old page -> new page), keeps moved and short addresses working
(links.py writes their pages; addresses.py counts them; `./run.sh hernoem` adds a line).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup
from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from gids import (
    addresses,
    citations,
    csp,
    glossary,
    handouts,
    links,
    pages,
    postbuild,
    printing,
    search,
    serve,
    swap,
)
from gids.model import Build, EditorError, PageFacts, Site
from gids.theme import material

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

MARKDOWN: tuple[Callable[..., str], ...] = (
    pages.check_blocks,  # every /// block is closed, or the build names the line that opens it
    links.check_boxes,  # every tip and key message has its own id (tip-…, kern-…), or the build names the line
    pages.check_front_matter,  # the data at the top of a page is valid YAML with a description
    citations.markdown,  # unknown keys stop the build (file and line); the heading and place of the source list
    printing.pdf_list,  # the list of PDFs on the print page
    search.rank,  # chapters rank first in the search
)
CONTENT: tuple[Callable[..., None], ...] = (
    csp.check_content,  # inline code in a page stops the build, naming its file
    pages.check_headings,  # a heading without words (only an emoji) would get the address #_1
    links.collect_boxes,  # the tips and key messages, for the handouts and the share controls
    links.share_controls,  # under the title and in every tip
    printing.pdf_link,  # under the title, above the share controls
    links.printed_address,  # last in the page: its web address and QR code, for print
)
# After the build: the post-build step over the built folder (gids/postbuild.py, PASSES).


def _said(event: Callable[..., Any]) -> Callable[..., Any]:
    """An editor's mistake (EditorError, in Dutch) passed on as MkDocs' own error: printed without a traceback."""

    @functools.wraps(event)
    def said(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except EditorError as error:
            raise PluginError(str(error)) from error

    return said


def markdown_options(config: MkDocsConfig, **options: str) -> None:
    """The options of the page extension gids.markdown, in one place: the project's files it reads, where
    readers report a mistake."""
    if "gids.markdown" not in config.markdown_extensions:
        raise PluginError(
            "mkdocs.yml: zet onder markdown_extensions: de regel '- gids.markdown' terug (de stappen "
            "van de site op elke pagina: bronnen, uitgelegde woorden, links naar tips, leestijd)."
        )
    config.mdx_configs["gids.markdown"] = {**config.mdx_configs.get("gids.markdown", {}), **options}


class GidsPlugin(BasePlugin):
    """The site's one MkDocs plugin (`- gids` under plugins:): it runs the steps above."""

    config_scheme = (
        # Moved or short addresses: old page -> new page (with an optional "#part"), as in
        # `tips.md: gehechtheid-in-pleegzorg.md#tips`.
        ("redirect_maps", config_options.Type(dict, default={})),
    )

    def __init__(self) -> None:
        self._build: Build | None = None  # this build's state, new at every on_config
        self.invoked_as = "build"  # the mkdocs command; on_startup is called once per process
        self.output = swap.Swap()  # `mkdocs build` writes beside site/ and replaces it only when the build finished

    @property
    def build(self) -> Build:
        """This build's state: made by on_config, which MkDocs calls before every other event of a build."""
        if self._build is None:
            raise RuntimeError("gids: an event of a build before on_config made the build's state")
        return self._build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.invoked_as = command

    @event_priority(50)  # before the other plugins read the config
    @_said
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._build = build = Build(
            config=config,
            command=self.invoked_as,
            root=Path(config.config_file_path).parent,
            sources=citations.configure(config),
            glossary=glossary.configure(config),
            pdf=printing.configure(config),
            redirect_maps=dict(self.config["redirect_maps"]),
            record_addresses=addresses.recording(self.invoked_as),
        )
        root = build.root
        markdown_options(
            config,
            references=str(root / citations.REFERENCES),
            reaction=config.extra["reactie"],
            cache=str(root / citations.CACHE),
            glossary=str(root / glossary.GLOSSARY_FILE),
            glossary_page=glossary.GLOSSARY_PAGE,
        )
        printing.whole_guide_choice(config)  # front matter volledige_gids: false, into print-site's exclude option
        if self.invoked_as == "build":
            self.output.begin(config)
        serve.start_build()  # this build's warnings, for the error page of serve and the address contract
        return config

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        serve.keep_serving(server, config.site_dir)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.output.fail()

    def on_shutdown(self) -> None:
        self.output.finish()

    @_said
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages.check_files(files)  # file names that are addresses, pages saved as UTF-8: before MkDocs reads them
        return files

    @_said
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.build.nav, self.build.files = nav, files
        printing.find_chapters(nav, build=self.build)
        return nav

    @_said
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for step in MARKDOWN:
            markdown = step(markdown, page=page, build=self.build)
        return markdown

    @event_priority(10)  # before mkdocs-print-site-plugin keeps the page for the whole guide
    @_said
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        soup = BeautifulSoup(html, "html.parser")
        for step in CONTENT:
            step(soup, page=page, build=self.build)
        return str(soup)

    @_said
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        handouts.fill(page=page, build=self.build)  # Voor begeleiders, the selection page, the tip sheet, the tip cards
        return context

    @event_priority(-50)  # after the plugins have written the search index, minified files and whole guide
    @_said
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        postbuild.run(self.site_facts(config))
        if self.invoked_as == "build":
            self.output.done()  # only now may the new folder replace site/ (swap.py)

    def site_facts(self, config: MkDocsConfig) -> Site:
        """What MkDocs knows of the built site, as the post-build step's plain values."""
        build = self.build
        in_nav = [page.file.src_uri for page in build.nav.pages] if build.nav else []
        nav = set(in_nav)
        order = {src_uri: place for place, src_uri in enumerate(in_nav)}  # the menu's order first, then the rest
        files = sorted(
            build.files.documentation_pages() if build.files else [],
            key=lambda file: (order.get(file.src_uri, len(order)), file.src_uri),
        )
        pages = [
            PageFacts(
                url=file.page.url,
                source=f"docs/{file.src_uri}",
                title=file.page.title or "",
                in_nav=file.src_uri in nav,
                chapter=file.page in build.chapters,
                running_header=file.page.meta.get("kopregel", True) is not False,
            )
            for file in files
            if file.page is not None
        ]
        stylesheet = next(str(css) for css in config.extra_css if Path(str(css)).name.startswith("site."))
        return Site(
            folder=build.site,
            root=build.root,
            url=config.site_url or "",
            name=config.site_name,
            description=config.site_description or "",
            favicon=config.theme["favicon"],
            stylesheet=stylesheet,
            pages=pages,
            glossary=build.glossary,
            redirect_maps=build.redirect_maps,
            palette=bool(config.theme.get("palette")),
            search_languages=tuple(material.search_languages(config)),
            pdf=build.pdf,
            serving=build.serving,
            warnings=bool(config.strict and serve.messages.warnings),
            record_addresses=build.record_addresses,
        )
