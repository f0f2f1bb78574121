"""Addresses between the pages of a built site (directory addresses: "x/" is x/index.html)."""

from __future__ import annotations

import posixpath


def relative(target: str, page: str) -> str:
    """The link from the page at address `page` to `target`, both relative to the site's root:
    relative("assets/a.js", "x/") -> "../assets/a.js"; relative("y/", "x/") -> "../y/"; relative("a.js", "") -> "a.js"."""
    folder = page if page.endswith("/") or not page else posixpath.dirname(page)
    link = posixpath.relpath("/" + target, "/" + folder)
    if target.endswith("/"):
        return "./" if link == "." else link + "/"
    return link


def page_url(source: str) -> str:
    """The address of a Markdown file's page: "docs/x.md" -> "x/", "docs/index.md" -> "", "docs/a/index.md" -> "a/"."""
    name = source.removeprefix("docs/").removesuffix(".md")
    if name == "index" or name.endswith("/index"):
        return name.removesuffix("index")
    return name + "/"


def built_file(url: str) -> str:
    """The file of a page's address: "x/" -> "x/index.html", "" -> "index.html", "404.html" -> "404.html"."""
    return url if url.endswith(".html") else url + "index.html"
