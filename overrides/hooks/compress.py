"""Precompressed files: every text file of the built site also as .br (Brotli) and .gz (gzip).

A web server sends them as they are (nginx: brotli_static and gzip_static, see server/), so pages
travel small on a weak connection without compressing on every request. Skipped by `mkdocs serve`.
Runs last, after every step that changes the files.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
from mkdocs.plugins import event_priority

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
serving = False


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


@event_priority(-100)  # last of all
def on_post_build(config):
    if serving:
        return
    for path in Path(config.site_dir).rglob("*"):
        if path.suffix in TEXT and path.is_file():
            data = path.read_bytes()
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
