"""Precompressed files: every text file a reader's browser can fetch, also as .br (Brotli) and .gz (gzip).

A web server sends them as they are (nginx: brotli_static and gzip_static, see server/), so pages
travel small on a weak connection without compressing on every request. Skipped by `mkdocs serve`.
Runs last, after every step that changes the files.

Left out, because no reader fetches them (the server still compresses them on the fly if asked):
source maps (.map, for developer tools) and Material's search files for languages this site does not
search in (its search worker loads lunr.stemmer.support, lunr.multi and lunr.<lang> of the search
plugin's `lang` only). Compressing those took most of the build time.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from typing import TYPE_CHECKING

import brotli

if TYPE_CHECKING:
    from state import Build

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


def _search_files_used(config) -> set[str]:
    languages = config.plugins["material/search"].config.lang or ["en"]
    return {f"lunr.{name}.min.js" for name in ("stemmer.support", "multi", *languages)}


def precompress(*, build: Build) -> None:
    if build.serving:
        return
    site = build.site
    used = _search_files_used(build.config)
    for path in site.rglob("*"):
        if path.suffix not in TEXT or not path.is_file():
            continue
        if "javascripts/lunr" in path.relative_to(site).as_posix() and path.name not in used:
            continue
        data = path.read_bytes()
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
