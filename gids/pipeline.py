"""The page pipeline: the site's one MkDocs plugin, and the one place that says in which order the
site's own code changes a page.

Each concern is a module beside this file (citations, glossary, links, printing, search, palette,
valid_html, csp, compress) with plain functions; this file calls them, stage by stage, in the order
of the lists below. The steps that work on a page's Markdown as Python-Markdown reads it (explained
words, the "#" links of tips and key messages, tables as cards, the reading time) are the extension
gids.markdown (gids/markdown/, under markdown_extensions in mkdocs.yml), which MkDocs runs while it
converts each page, between stages 3 and 4; this file gives it its options. A page's HTML is parsed
once for the content stage and once after the build, whatever the number of steps. What a build
learns (sources, glossary, boxes, chapters) lives on a Build (state.py) made new at the start of
every build, also every rebuild of `serve`.

Stages, in the order MkDocs runs them:
1. config, before the plugins read theirs: references.bib, woordenlijst.yml, whether to print PDFs,
   which pages the whole guide leaves out; the options of the Python-Markdown extension gids.markdown
   (gids/markdown/), which does the page steps on the tree Python-Markdown builds.
2. files and nav: every page's file name is an address and its text UTF-8; which pages are the chapters.
3. Markdown of each page, before Python-Markdown reads it (MARKDOWN): what the extension cannot know,
   such as whether a page is a chapter, enters as text.
4. HTML of each page's content, before mkdocs-print-site-plugin copies it for the whole guide
   (CONTENT). Under the title a page gets, from top to bottom: a chapter's PDF link, then the share
   controls. The reading time (gids.markdown) was counted before any control is added.
5. Each page's context, once every page is known: the caseworkers' list, the selection page and the
   trainers' tip sheet and cards (handouts.py).
6. After the plugins have written their files (search index, minified assets, whole guide): the
   site's files (SITE_FILES, the moved pages first), then every built page (BUILT_PAGES), then what
   needs the finished pages (FINISHED_SITE), compression last.

Its one option, `redirect_maps` (old page -> new page), keeps moved and short addresses working
(links.py writes their pages; addresses.py counts them; `./run.sh hernoem` adds a line).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin, event_priority

from gids import addresses
from gids import citations
from gids import compress
from gids import csp
from gids import fingerprint
from gids import glossary
from gids import handouts
from gids import links
from gids import pages
from gids import printing
from gids import search
from gids import serve
from gids import swap
from gids import valid_html
from gids.model import Build
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
    addresses.remember_source,  # which Markdown file a page comes from, for messages
    glossary.collect_used,  # the explained words (links a.uitleg, from gids.markdown), for glossary.check_used
    links.collect_boxes,  # the tips and key messages, for the handouts and the share controls
    links.share_controls,  # under the title and in every tip
    printing.pdf_link,  # under the title, above the share controls
    links.printed_address,  # last in the page: its web address and QR code, for print
)
SITE_FILES: tuple[Callable[..., None], ...] = (
    links.redirect_pages,  # first: a moved page at its old address, so the steps below treat it as a page
    glossary.check_used,  # a glossary word that appears nowhere stops the build
    glossary.write_data,  # the explanations, for the window site.js opens on a word
    material.merge_palette,  # Material's colour-scheme rules into site.min.css
    material.purge_stylesheet,  # Material's stylesheet with only the rules the site can use, under a new name
    printing.running_headers,  # each page's title in the printed page's margin, also into site.min.css
    links.share_image,  # the preview image of shared links
    fingerprint.site_assets,  # last: the site's own files renamed by their content hash
)
BUILT_PAGES: tuple[Callable[..., None], ...] = (
    printing.mend_whole_guide,  # ids and contents of /volledige-gids/
    fingerprint.rename_links,  # the fingerprinted files' new names (also the redirect script's)
    valid_html.mend,  # markup that plugins get wrong
    material.mend,  # markup that Material gets wrong
    material.header_buttons,  # menu and search as buttons (keyboard, screen reader)
    search.reading_text,  # its reading text per section, for the search index
    csp.add_policy,  # last change to a page: its Content-Security-Policy
    addresses.collect,  # its ids and links, as built
)
FINISHED_SITE: tuple[Callable[..., None], ...] = (
    search.index_reading_text,  # the search index holds each section's reading text, as the finished pages show it
    search.fold_accents,  # then it finds words typed without accents
    printing.print_pdfs,  # Chromium prints the finished pages (PDF=1)
    printing.describe_pdfs,  # the print page says each PDF's pages and size
    addresses.check,  # every link leads somewhere (also to the PDFs), every public address stays; new ones recorded when asked
    compress.precompress,  # last: .br and .gz beside every text file
)


def markdown_options(config: MkDocsConfig, **options: str) -> None:
    """The options of the page extension gids.markdown, in one place: the project's files it reads, where
    readers report a mistake."""
    if "gids.markdown" not in config.markdown_extensions:
        raise PluginError("mkdocs.yml: zet onder markdown_extensions: de regel '- gids.markdown' terug (de stappen "
                          "van de site op elke pagina: bronnen, uitgelegde woorden, links naar tips, leestijd).")
    config.mdx_configs["gids.markdown"] = {**config.mdx_configs.get("gids.markdown", {}), **options}


class GidsPlugin(BasePlugin):
    """The site's one MkDocs plugin (`- gids` under plugins:): it runs the steps above."""

    config_scheme = (
        # Moved or short addresses: old page -> new page (with an optional "#part"), as in
        # `tips.md: gehechtheid-in-pleegzorg.md#tips`.
        ("redirect_maps", config_options.Type(dict, default={})),
    )

    def __init__(self) -> None:
        self.build: Build | None = None  # this build's state, new at every on_config
        self.invoked_as = "build"  # the mkdocs command; on_startup is called once per process
        self.output = swap.Swap()  # `mkdocs build` writes beside site/ and replaces it only when the build finished

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.invoked_as = command

    @event_priority(50)  # before the other plugins read the config
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.build = Build(
            config=config,
            command=self.invoked_as,
            root=Path(config.config_file_path).parent,
            sources=citations.configure(config),
            glossary=glossary.configure(config),
            pdf=printing.configure(config),
            redirect_maps=dict(self.config["redirect_maps"]),
            record_addresses=addresses.recording(self.invoked_as),
        )
        root = self.build.root
        markdown_options(config, references=str(root / citations.REFERENCES), reaction=config.extra["reactie"],
                         cache=str(root / citations.CACHE), glossary=str(root / glossary.GLOSSARY_FILE),
                         glossary_page=glossary.GLOSSARY_PAGE)
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

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pages.check_files(files)  # file names that are addresses, pages saved as UTF-8: before MkDocs reads them
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.build.nav, self.build.files = nav, files
        printing.find_chapters(nav, build=self.build)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for step in MARKDOWN:
            markdown = step(markdown, page=page, build=self.build)
        return markdown

    @event_priority(10)  # before mkdocs-print-site-plugin keeps the page for the whole guide
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        soup = BeautifulSoup(html, "html.parser")
        for step in CONTENT:
            step(soup, page=page, build=self.build)
        return str(soup)

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        handouts.fill(page=page, build=self.build)  # Voor begeleiders, the selection page, the tip sheet, the tip cards
        return context

    @event_priority(-50)  # after the plugins have written the search index, minified files and whole guide
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build
        for step in SITE_FILES:
            step(build=build)
        for path in sorted(build.site.rglob("*.html")):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            if soup.head is None:
                continue
            for step in BUILT_PAGES:
                step(soup, path=path, build=build)
            path.write_text(str(soup), encoding="utf-8")
        for step in FINISHED_SITE:
            step(build=build)
        if self.invoked_as == "build":
            self.output.done()  # only now may the new folder replace site/ (swap.py)
