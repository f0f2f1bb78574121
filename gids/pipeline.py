"""The MkDocs adapter: the site's one MkDocs plugin (`- gids` under plugins:), the only file that imports MkDocs.
It wires MkDocs to the site's steps, each stage with its order in one table: the Markdown checks that name a
file and line (gids/markdown_steps.py, MARKDOWN), the page extension gids.markdown (its options here; its
order: PROCESSORS) and the post-build step gids.postbuild (the built site's facts; PASSES). It keeps `serve`'s
error page and the safe swap of site/.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from gids import addresses, citations, glossary, markdown_steps, pages, postbuild, printing, serve, swap
from gids.markdown import project_options
from gids.model import Build, EditorError
from gids.project import nav_section

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


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
        config.mdx_configs["gids.markdown"] = {
            **config.mdx_configs.get("gids.markdown", {}),
            **project_options(root, extensions=config.markdown_extensions, reaction=config.extra["reactie"]),
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
        return markdown_steps.run(markdown, page=page, build=self.build)

    @event_priority(-50)  # after the plugins have written the search index, minified files and whole guide
    @_said
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build  # the facts read from the project's files (as `python -m gids.postbuild`), and this build's
        site = postbuild.site_from_project(
            build.root,
            build.site,
            url=config.site_url or "",
            pdf=build.pdf,
            serving=build.serving,
            warnings=bool(config.strict and serve.messages.warnings),  # the address contract waits for a clean build
            record_addresses=build.record_addresses,
        )
        postbuild.run(site)
        if self.invoked_as == "build":
            self.output.done()  # only now may the new folder replace site/ (swap.py)
