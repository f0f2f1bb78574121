"""The MkDocs adapter: the site's one MkDocs plugin (`- gids` under plugins:), and the only file that imports MkDocs
at build time. The site's behaviour lives in two generator-neutral parts, which this file wires to MkDocs:
the page extension gids.markdown (its order: PROCESSORS) and the post-build step gids.postbuild (its
order: PASSES). What is left here is what only MkDocs knows, in the order MkDocs asks for it: the
configuration (the extension's options, the whole guide's pages), the files and the menu, the Markdown
checks whose Dutch message names the file and line (MARKDOWN), and at the end the facts of the built site
(site_facts, read from the project's files as the post-build command reads them). It also keeps `serve`'s error page (serve.py) and replaces site/ only after a good build
(swap.py). README, "Where things live", says where each step is.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from gids import addresses, citations, glossary, links, pages, postbuild, printing, search, serve, swap
from gids.model import Build, EditorError, Site
from gids.project import nav_section

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKDOWN: tuple[Callable[..., str], ...] = (  # each page's Markdown, before Python-Markdown reads it
    pages.check_blocks,  # every /// block is closed, or the build names the line that opens it
    links.check_boxes,  # every tip and key message has its own id (tip-…, kern-…), or the build names the line
    pages.check_front_matter,  # the data at the top of a page is valid YAML with a description
    citations.markdown,  # unknown keys stop the build (file and line); the heading and place of the source list
    printing.pdf_list,  # the list of PDFs on the print page
    search.rank,  # chapters rank first in the search
)


def _said(event: Callable[..., Any]) -> Callable[..., Any]:
    """An editor's mistake (EditorError, in Dutch) passed on as MkDocs' own error: printed without a traceback."""

    @functools.wraps(event)
    def said(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except EditorError as error:
            raise PluginError(str(error)) from error

    return said


class GidsPlugin(BasePlugin):
    # redirect_maps: moved or short addresses, old page -> new page ("tips.md: gehechtheid-in-pleegzorg.md#tips")
    config_scheme = (("redirect_maps", config_options.Type(dict, default={})),)

    def __init__(self) -> None:
        self.build: Build  # this build's state, new at every on_config (also every rebuild of `serve`)
        self.invoked_as = "build"  # the mkdocs command; on_startup is called once per process
        self.output = swap.Swap()  # `mkdocs build` writes beside site/ and replaces it only when the build finished

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.invoked_as = command

    @event_priority(50)  # before the other plugins read the config
    @_said
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.build = Build(
            config=config,
            command=self.invoked_as,
            root=root,
            sources=citations.configure(config),
            glossary=glossary.configure(config),
            pdf=printing.configure(config),
            redirect_maps=dict(self.config["redirect_maps"]),
            record_addresses=addresses.recording(self.invoked_as),
            chapters=nav_section(printing.CHAPTER_SECTION, root),
        )
        if "gids.markdown" not in config.markdown_extensions:
            raise EditorError(
                "mkdocs.yml: zet onder markdown_extensions: de regel '- gids.markdown' terug (de stappen "
                "van de site op elke pagina: bronnen, uitgelegde woorden, links naar tips, leestijd)."
            )
        config.mdx_configs["gids.markdown"] = {
            **config.mdx_configs.get("gids.markdown", {}),
            "references": str(root / citations.REFERENCES),
            "reaction": config.extra["reactie"],
            "cache": str(root / citations.CACHE),
            "glossary": str(root / glossary.GLOSSARY_FILE),
            "glossary_page": glossary.GLOSSARY_PAGE,
        }
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
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for step in MARKDOWN:
            markdown = step(markdown, page=page, build=self.build)
        return markdown

    @event_priority(-50)  # after the plugins have written the search index, minified files and whole guide
    @_said
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        postbuild.run(self.site_facts(config))
        if self.invoked_as == "build":
            self.output.done()  # only now may the new folder replace site/ (swap.py)

    def site_facts(self, config: MkDocsConfig) -> Site:
        """The built site's facts, read from the project's files as `python -m gids.postbuild` reads them, with
        what only this build knows."""
        build = self.build
        return dataclasses.replace(
            postbuild.site_from_project(build.root, build.site),
            url=config.site_url or "",
            pdf=build.pdf,
            serving=build.serving,
            warnings=bool(config.strict and serve.messages.warnings),
            record_addresses=build.record_addresses,
        )
