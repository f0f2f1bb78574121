"""Content-Security-Policy: only the site's own files, on any static host and behind the shipped nginx.

The site has no inline script and no inline style (Material's few inline scripts are done by
assets/site.js; overrides/partials/javascripts/), so one fixed policy serves every page, with no
hashes: nothing to recompute after a content change and nothing for a server to reload.
- Each built page carries it as <meta http-equiv> (so it holds wherever the files are served).
- server/security-headers.conf sends the same policy as a header, plus what a meta tag cannot say
  (`frame-ancestors`); tests/test_serving.py checks that the two agree.
- A page that does carry an inline script, inline style or style attribute stops the build, naming
  its Markdown file (check_content) or built file (add_policy): the browser would block it silently.
- Under `mkdocs serve` the policy also allows inline scripts, for MkDocs' live-reload script, which it
  writes into every page it serves (a development policy; a published build never has it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from gids.built import pages_in
from gids.model import EditorError
from gids.soup import attribute

if TYPE_CHECKING:
    from gids.model import Site

POLICY = {
    "default-src": ["'self'"],
    # Pagefind's search runs as WebAssembly, which a policy must allow: only that ('wasm-unsafe-eval'),
    # never JavaScript's eval ('unsafe-eval'). README, "Privacy and security".
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
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
HEADER_ONLY = {"frame-ancestors": ["'none'"]}  # ignored in a meta tag; server/security-headers.conf sends it
SERVE_EXTRA = {"script-src": ["'unsafe-inline'"]}  # `mkdocs serve` only: its live-reload script is inline
NOT_RUN = ("application/json", "application/ld+json")  # script types the browser does not run


def policy(directives: dict[str, list[str]] = POLICY, extra: dict[str, list[str]] | None = None) -> str:
    """The policy as a header value: "default-src 'self'; script-src 'self'; …"."""
    extra = extra or {}
    names = [*directives, *(name for name in extra if name not in directives)]
    return "; ".join(" ".join([name, *directives.get(name, []), *extra.get(name, [])]) for name in names)


def inline_code(soup: Tag) -> list[str]:
    """What the policy would block: inline scripts, <style> elements, style attributes and event handlers."""
    found = [
        f"<script>{(s.string or '')[:40]}"
        for s in soup.find_all("script")
        if not s.get("src") and attribute(s, "type", "").lower() not in NOT_RUN
    ]
    found += [f"<style>{(s.string or '')[:40]}" for s in soup.find_all("style")]
    found += [f'<{e.name} style="{e["style"][:40]}">' for e in soup.find_all(style=True)]
    # Event handler attributes (onclick=…) are inline scripts to the policy too: they would never run.
    found += [
        f'<{e.name} {name}="{str(e[name])[:40]}">'
        for e in soup.find_all(True)
        for name in e.attrs
        if name.lower().startswith("on")
    ]
    return found


def check_content(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """A page's own text (in the built page, before the template's parts): inline code stops the build,
    naming the Markdown file that holds it."""
    for content, page in pages_in(soup, path, site):
        blocked = inline_code(content)
        if blocked:
            raise EditorError(
                f"{page.source}: deze pagina bevat code die de browser van de lezer niet uitvoert "
                f"(de site laat geen <script> of style= in een pagina toe; haal ze weg of zet de code in "
                f"een bestand onder docs/assets/): {blocked}"
            )


def add_policy(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    blocked = inline_code(soup)
    if blocked:
        raise EditorError(
            f"{path.relative_to(site.folder)}: deze gebouwde pagina bevat code die de Content-Security-Policy "
            f"tegenhoudt, meestal uit een sjabloon in overrides/: {blocked}. Zet die code in een bestand onder "
            "docs/assets/."
        )
    content = policy(extra=SERVE_EXTRA if site.serving else None)
    meta = soup.new_tag("meta", attrs={"http-equiv": "Content-Security-Policy", "content": content})
    head = soup.head
    assert head is not None  # postbuild.run hands the page passes only pages with a <head>
    charset = head.find("meta", charset=True)
    if charset:
        charset.insert_after(meta)
    else:
        head.insert(0, meta)
