"""Content-Security-Policy: only the site's own resources, on any static host.

After every other step of the build, each page gets the policy as a <meta http-equiv> tag (so it
holds wherever the files are served). The few inline scripts and styles that Material writes are
allowed by their SHA-256 hash, each on the page that carries it; nothing else inline runs.
`site/csp-hashes.txt` lists every hash, for a server that sends the policy as a header too.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from bs4 import BeautifulSoup

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
HASHES_FILE = "csp-hashes.txt"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(script_hashes=(), style_hashes=()) -> str:
    parts = []
    for directive, sources in POLICY.items():
        extra = script_hashes if directive == "script-src" else style_hashes if directive == "style-src" else ()
        parts.append(" ".join([directive, *sources, *sorted(set(extra))]))
    return "; ".join(parts)


def on_post_build(config):
    all_scripts, all_styles = set(), set()
    for path in Path(config.site_dir).rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.head is None:
            continue
        scripts = [_hash(s.string or "") for s in soup.find_all("script")
                   if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module")]
        styles = [_hash(s.string or "") for s in soup.find_all("style")]
        all_scripts.update(scripts)
        all_styles.update(styles)
        meta = soup.new_tag("meta", attrs={"http-equiv": "Content-Security-Policy", "content": policy(scripts, styles)})
        charset = soup.head.find("meta", charset=True)
        if charset:
            charset.insert_after(meta)
        else:
            soup.head.insert(0, meta)
        path.write_text(str(soup), encoding="utf-8")
    (Path(config.site_dir) / HASHES_FILE).write_text(
        "# Inline scripts and styles of this build, for a Content-Security-Policy header\n"
        + "\n".join(sorted(all_scripts | all_styles)) + "\n", encoding="utf-8")
