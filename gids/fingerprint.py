"""Content hashes in the names of the site's own files, so that a deploy reaches every reader at once.

The site's stylesheet and scripts, the glossary's explanations, the whole guide's stylesheets (ASSETS) and Material's purged stylesheet
(theme/material.py) are written under a name with the first 8 hex digits of their content's sha256
(site.min.css -> site.3f2a9c1e.min.css), and every page links the new names (rename_links, after the
pages are built). server/nginx.conf caches such names for a year, as immutable: changed content has a new
name. site.js finds the explanations and the selection script by the names in its own script tag
(data-woordenlijst, data-selectie, data-zoeken-script); selectie.js imports lean-qr by its new name. What
keeps a fixed name (Pagefind's files, which pagefind.js finds by their names; PDFs, QR codes, the share
image, whose addresses are public) the server has checked again on every visit (no-cache).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from gids.soup import attribute

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

    from gids.model import Site

# The files pages name that have no hash of their own, each after the files it imports (the whole guide's
# stylesheets are mkdocs-print-site-plugin's).
# The scripts are minified by mkdocs-minify-plugin (mkdocs.yml, js_files), which writes x.js as x.min.js: pages
# that name x.js get the new name of x.min.js.
ASSETS = (
    "assets/vendor/lean-qr.js",
    "assets/selectie.min.js",
    "assets/zoeken.min.js",
    "assets/omleiding.min.js",
    "assets/voorlezen.min.js",
    "assets/woordenlijst.json",
    "assets/site.min.js",
    "assets/site.min.css",
    "css/print-site.css",
)
MINIFIED = {
    "assets/selectie.js": "assets/selectie.min.js",
    "assets/zoeken.js": "assets/zoeken.min.js",
    "assets/omleiding.js": "assets/omleiding.min.js",
    "assets/voorlezen.js": "assets/voorlezen.min.js",
}
LINKING = (
    "href",
    "src",
    "data-woordenlijst",
    "data-selectie",
    "data-zoeken-script",
)  # attributes in a page that name a file
HASH = re.compile(r"[0-9a-f]{8}")


def hashed_name(path: Path, content: bytes) -> Path:
    """site.min.css -> site.<hash>.min.css; Material's main.<its hash>.min.css -> main.<hash>.min.css."""
    stem, _, suffix = path.name.partition(".")
    first, _, rest = suffix.partition(".")
    if HASH.fullmatch(first) and rest:
        suffix = rest
    return path.with_name(f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}.{suffix}")


def write(path: Path, content: bytes, *, site: Site) -> Path:
    """content written under its fingerprinted name instead of at path; the pages will link the new name."""
    renamed = hashed_name(path, content)
    path.unlink(missing_ok=True)
    renamed.write_bytes(content)
    site.renamed[path.relative_to(site.folder).as_posix()] = renamed.relative_to(site.folder).as_posix()
    return renamed


def site_assets(*, site: Site) -> None:
    """The site's own files, renamed (last of the site files: they are complete now)."""
    for name in ASSETS:
        path = site.folder / name
        content = path.read_text(encoding="utf-8")
        for old, new in site.renamed.items():  # a module import, "./vendor/lean-qr.js"
            content = content.replace(
                f'"./{os.path.relpath(old, path.parent.relative_to(site.folder))}"',
                f'"./{os.path.relpath(new, path.parent.relative_to(site.folder))}"',
            )
        write(path, content.encode("utf-8"), site=site)
    for written_as, minified in MINIFIED.items():
        site.renamed[written_as] = site.renamed[minified]


def rename_links(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """Each page links the files by their new names."""
    for element in soup.find_all(["link", "script"]):
        for name in LINKING:
            value = attribute(element, name, "")
            old = next((old for old in site.renamed if value and value.endswith(old)), None) if value else None
            if old:
                element[name] = value.removesuffix(old) + site.renamed[old]
