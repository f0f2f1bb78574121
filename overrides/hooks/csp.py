"""Content-Security-Policy: only the site's own resources, on any static host.

After every other step of the build, each page gets the policy as a <meta http-equiv> tag (so it
holds wherever the files are served). The few inline scripts and styles that Material writes are
allowed by their SHA-256 hash, each on the page that carries it; nothing else inline runs.
`site/nginx-csp.conf` holds the same policy as an nginx header line, with every page's hashes, for
the shipped server configuration (server/), which sends it as a header too and never serves it.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from state import Build

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
HEADER_FILE = "nginx-csp.conf"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(script_hashes=(), style_hashes=()) -> str:
    parts = []
    for directive, sources in POLICY.items():
        extra = script_hashes if directive == "script-src" else style_hashes if directive == "style-src" else ()
        parts.append(" ".join([directive, *sources, *sorted(set(extra))]))
    return "; ".join(parts)


def add_policy(soup: BeautifulSoup, *, path: Path, build: Build) -> None:
    scripts = [_hash(s.string or "") for s in soup.find_all("script")
               if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module")]
    styles = [_hash(s.string or "") for s in soup.find_all("style")]
    build.inline_hashes["script"].update(scripts)
    build.inline_hashes["style"].update(styles)
    meta = soup.new_tag("meta", attrs={"http-equiv": "Content-Security-Policy", "content": policy(scripts, styles)})
    charset = soup.head.find("meta", charset=True)
    if charset:
        charset.insert_after(meta)
    else:
        soup.head.insert(0, meta)


def write_header(*, build: Build) -> None:
    (build.site / HEADER_FILE).write_text(
        "# Written by overrides/hooks/csp.py: the Content-Security-Policy of this build (all pages' hashes).\n"
        f'add_header Content-Security-Policy "{policy(build.inline_hashes["script"], build.inline_hashes["style"])}" always;\n',
        encoding="utf-8")
