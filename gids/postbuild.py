"""The post-build step: one command over a folder of plain HTML files, whichever generator wrote them.

    python -m gids.postbuild SITE [--project DIR]

The MkDocs plugin (pipeline.py) runs it at the end of every build, with what MkDocs knows of the site;
run as a command, it reads the same facts from the project's files (mkdocs.yml as plain YAML, the
pages' front matter, woordenlijst.yml). What it does, and in which order, is the table PASSES below:

- a pass with `each_page` works on one built page; consecutive such passes share one parse of each
  page (BeautifulSoup), and each page is written once after them. Each such pass runs over every page
  before the next one starts, so it can use what an earlier pass learnt from all pages (the handouts
  are filled from every chapter's tips);
- every other pass works on the site as a whole (its files, or what the page passes collected).

Each pass declares what it reads and what it writes: a field of the Site (gids/model.py) as
`site.<field>`, files of the built folder as `files:<what>`. A test checks that every `site.` field a
pass reads is either a fact given at the start (FACTS) or written by an earlier pass.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from gids import (
    addresses,
    compress,
    csp,
    fingerprint,
    glossary,
    handouts,
    links,
    offline,
    pages,
    printing,
    search,
    valid_html,
    voorlezen,
)
from gids.model import App, EditorError, PageFacts, Site
from gids.project import front_matter, nav_entries, read_config
from gids.theme import material
from gids.urls import page_url


@dataclass(frozen=True)
class Pass:
    run: Callable[..., None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    each_page: bool = False  # run on every built page (html, with a <head>), in one parse with its neighbours

    @property
    def name(self) -> str:
        return f"{self.run.__module__.removeprefix('gids.')}.{self.run.__name__}"


# The facts a Site starts with (given by the generator's adapter, or read by site_from_project).
FACTS = (
    "site.folder",
    "site.root",
    "site.url",
    "site.name",
    "site.description",
    "site.favicon",
    "site.stylesheet",
    "site.pages",
    "site.glossary",
    "site.redirect_maps",
    "site.palette",
    "site.app",
    "site.pdf",
    "site.serving",
    "site.warnings",
    "site.record_addresses",
)

PASSES: tuple[Pass, ...] = (
    # The site's own files first, so the pages can link them by their final names.
    Pass(material.unused_files, (), ("files:Material's scripts",)),
    Pass(links.redirect_pages, ("site.redirect_maps", "site.pages", "site.favicon"), ("files:moved pages",)),
    Pass(glossary.write_data, ("site.glossary",), ("files:assets/woordenlijst.json",)),
    Pass(
        material.merge_palette,
        ("site.palette", "site.stylesheet", "files:Material's palette"),
        ("files:site stylesheet",),
    ),
    Pass(
        material.purge_stylesheet,
        ("files:pages", "files:scripts", "files:Material's stylesheet"),
        ("files:Material's stylesheet", "site.renamed"),
    ),
    Pass(printing.running_headers, ("site.pages", "site.stylesheet"), ("files:site stylesheet",)),
    Pass(material.icons_in_stylesheet, ("files:pages", "site.stylesheet"), ("files:pages", "files:site stylesheet")),
    Pass(links.share_image, ("site.name", "site.description"), ("files:assets/deelbeeld.png",)),
    Pass(
        offline.app_files,
        ("site.app", "site.name", "site.description", "site.favicon"),
        ("files:manifest.webmanifest", "files:assets/icons/"),
    ),
    Pass(valid_html.merge_print_styles, ("files:print-site's stylesheets",), ("files:print-site's stylesheets",)),
    Pass(
        fingerprint.site_assets,
        ("files:site stylesheet", "files:scripts", "site.renamed"),
        ("files:scripts", "files:site stylesheet", "site.renamed"),
    ),
    # Every built page, parsed once for all of these.
    Pass(csp.check_content, ("site.pages",), (), each_page=True),  # inline code in a page's text: its Markdown file
    Pass(pages.check_headings, ("site.pages", "site.root"), (), each_page=True),  # a heading without words
    Pass(handouts.collect, ("site.pages", "site.root"), ("site.contents",), each_page=True),
    Pass(
        links.share_controls, ("site.pages", "site.name", "site.url", "site.contents"), ("files:pages",), each_page=True
    ),
    Pass(printing.pdf_link, ("site.pdf", "site.pages"), ("files:pages",), each_page=True),  # above the share controls
    Pass(voorlezen.control, ("site.pages", "site.renamed"), ("files:pages",), each_page=True),  # right under the title
    Pass(links.printed_address, ("site.pages", "site.url"), ("files:pages", "files:qr/"), each_page=True),
    Pass(handouts.fill, ("site.pages", "site.url", "site.contents"), ("files:pages", "files:qr/"), each_page=True),
    Pass(printing.mend_whole_guide, ("site.pages",), ("files:pages",), each_page=True),
    Pass(fingerprint.rename_links, ("site.renamed",), ("files:pages",), each_page=True),
    Pass(valid_html.mend, (), ("files:pages",), each_page=True),
    Pass(material.mend, (), ("files:pages",), each_page=True),
    Pass(material.header_buttons, (), ("files:pages",), each_page=True),
    Pass(offline.from_root, ("site.url",), ("files:pages",), each_page=True),
    Pass(glossary.collect_used, (), ("site.glossary_used",), each_page=True),
    Pass(search.reading_copy, ("site.pages",), ("site.search_pages",), each_page=True),
    Pass(csp.add_policy, ("site.serving",), ("files:pages",), each_page=True),
    Pass(addresses.collect, (), ("site.built",), each_page=True),
    # What needs the finished pages.
    Pass(glossary.check_used, ("site.glossary", "site.glossary_used"), ()),
    Pass(search.write_index, ("site.search_pages",), ("files:pagefind/",)),
    Pass(printing.print_pdfs, ("site.pdf", "site.url", "site.pages", "files:pages"), ("files:pdf/",)),
    Pass(printing.describe_pdfs, ("site.pdf", "files:pdf/"), ("files:pages",)),
    Pass(
        addresses.check,
        ("site.built", "site.pages", "site.redirect_maps", "site.root", "site.warnings", "site.record_addresses"),
        ("files:adressen.txt",),
    ),
    # The worker's list of files, by their content: after every pass that changes a file, before compression.
    Pass(offline.worker_list, ("site.serving", "files:everything"), ("files:sw.js",)),
    Pass(
        compress.precompress,
        ("site.serving", "site.root", "files:everything"),
        ("files:.br and .gz",),
    ),
)


def parse(path: Path) -> BeautifulSoup:
    """A built page, parsed (lxml: quick; what it writes back is the page as it was, but for the changes)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def run(site: Site, passes: tuple[Pass, ...] | None = None) -> None:
    """Every pass (or the ones given), in order; consecutive page passes in one parse of each built page."""
    passes = PASSES if passes is None else passes
    index = 0
    while index < len(passes):
        if not passes[index].each_page:
            passes[index].run(site=site)
            index += 1
            continue
        group = []
        while index < len(passes) and passes[index].each_page:
            group.append(passes[index])
            index += 1
        soups = {}
        for path in sorted(site.folder.rglob("*.html")):
            soup = parse(path)
            if soup.head is not None:  # not a fragment (Material's partials)
                soups[path] = soup
        for step in group:
            for path, soup in soups.items():
                step.run(soup, path=path, site=site)
        for path, soup in soups.items():
            path.write_text(str(soup), encoding="utf-8")


# The command: the facts from the project's files.


def _first_heading(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def site_from_project(root: Path, folder: Path, **known: Any) -> Site:
    """The facts of a built site from its project's files, as MkDocs would give them; known: the facts that only
    the generator knows (Site's fields: serving, warnings, …), which replace those read."""
    config = read_config(root)
    docs = root / config.get("docs_dir", "docs")
    in_nav = {  # source -> (title, chapter), in the menu's order
        f"docs/{entry.file}": (entry.title, entry.section == printing.CHAPTER_SECTION) for entry in nav_entries(root)
    }
    facts = []
    order = {source: place for place, source in enumerate(in_nav)}  # the menu's order first, then the rest
    for path in sorted(
        docs.rglob("*.md"), key=lambda path: (order.get(f"docs/{path.relative_to(docs).as_posix()}", len(order)), path)
    ):
        source = f"docs/{path.relative_to(docs).as_posix()}"
        title, chapter = in_nav.get(source, (_first_heading(path), False))
        meta = front_matter(path.read_text(encoding="utf-8"))
        facts.append(
            PageFacts(
                url=page_url(source),
                source=source,
                title=title or _first_heading(path),
                in_nav=source in in_nav,
                chapter=chapter,
                running_header=meta.get("kopregel", True) is not False,
                own_address=meta.get("eigen_adres") is True,
                read_aloud=chapter or meta.get("voorlezen") is True,
                searched=(meta.get("search") or {}).get("exclude") is not True,
                search_weight=(meta.get("search") or {}).get("boost"),
            )
        )
    plugins = {
        next(iter(entry)) if isinstance(entry, dict) else entry: (
            next(iter(entry.values())) if isinstance(entry, dict) else None
        )
        or {}
        for entry in config.get("plugins", [])
    }
    theme = config.get("theme", {})
    app = (config.get("extra") or {}).get("app")
    minified = "site.css" in str(plugins.get("minify", {}).get("css_files", []))
    stylesheet = next(str(css) for css in config.get("extra_css", []) if Path(str(css)).name.startswith("site."))
    read = Site(
        folder=folder,
        root=root,
        url=str(config.get("site_url") or "http://127.0.0.1:8000/"),
        name=config["site_name"],
        description=config.get("site_description", ""),
        favicon=theme.get("favicon", ""),
        stylesheet=stylesheet.replace(".css", ".min.css") if minified else stylesheet,
        pages=facts,
        glossary=glossary.load(root / glossary.GLOSSARY_FILE),
        redirect_maps=dict(plugins.get("gids", {}).get("redirect_maps", {})),
        palette=bool(theme.get("palette")),
        app=App(
            short_name=str(app["korte_naam"]),
            theme_color=str(app["themakleur"]),
            background_color=str(app["achtergrond"]),
        )
        if app
        else None,
        pdf=os.environ.get("PDF") == "1",
        record_addresses=os.environ.get(addresses.RECORD) == "1",
    )
    return dataclasses.replace(read, **known)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gids.postbuild", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (a folder of HTML files)")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the folder of mkdocs.yml (default: here)")
    arguments = parser.parse_args(argv)
    try:
        run(site_from_project(arguments.project.resolve(), arguments.site.resolve()))
    except EditorError as error:
        print(f"gids.postbuild: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
