"""Precompressed files: every text file a reader's browser can fetch, also as .br (Brotli) and .gz (gzip).

A web server sends them as they are (nginx: brotli_static and gzip_static, see server/), so pages
travel small on a weak connection without compressing on every request. Skipped by `mkdocs serve`.
Runs last, after every step that changes the files.

Brotli at its highest level is slow, and most files (Material's assets, the search files) are the
same from one build to the next: each compressed file is kept in `.cache/compress/` under the hash of
its content and taken from there while the content is unchanged. What this build did not use is
removed from the cache, so it holds one build's files at most.

Left out, because no reader fetches them (the server still compresses them on the fly if asked):
source maps (.map, for developer tools). Pagefind's index files are compressed already (gzip, by Pagefind).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import brotli

if TYPE_CHECKING:
    from gids.model import Site

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest"}
CACHE = Path(".cache") / "compress"  # in the project folder (git ignores it)
ENCODINGS = {
    ".br": lambda data: brotli.compress(data, quality=11),
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}


def _fetched(path: Path) -> bool:
    """A text file a reader's browser can ask for."""
    return path.suffix in TEXT and path.is_file()


def _compress(path: Path, cache: Path) -> list[str]:
    """Writes path.br and path.gz, from the cache or freshly made; returns the cache entries used."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    used = []
    for suffix, encode in ENCODINGS.items():
        cached = cache / (digest + suffix)
        if not cached.exists():
            # A file of its own for each writer (two files may have the same content), put in place whole.
            handle, temporary = tempfile.mkstemp(dir=cache, prefix=cached.name, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(encode(data))
            os.replace(temporary, cached)
        shutil.copyfile(cached, path.with_name(path.name + suffix))
        used.append(cached.name)
    return used


def precompress(*, site: Site) -> None:
    if site.serving:
        return
    cache = site.root / CACHE
    folder = site.folder
    cache.mkdir(parents=True, exist_ok=True)
    files = [path for path in sorted(folder.rglob("*")) if _fetched(path)]
    kept: set[str] = set()
    with ThreadPoolExecutor() as pool:  # Brotli and zlib let go of Python's lock: every core compresses
        for names in pool.map(lambda path: _compress(path, cache), files):
            kept.update(names)
    for stale in cache.iterdir():
        if stale.name not in kept and not stale.name.endswith(".tmp"):
            stale.unlink(missing_ok=True)
