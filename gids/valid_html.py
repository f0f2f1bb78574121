"""Valid HTML: a last pass over every built page, so the Nu Html Checker finds no error.

What it mends comes from plugins this project does not own (Material's own mistakes are mended in
gids/theme/material.py):
- mkdocs-print-site-plugin writes a `heading-number` attribute, a <style> element inside the body
  (rules that number headings, which this site switches off: `enumerate_headings: false`; an inline
  style would also break the Content-Security-Policy, so it is removed) and a label for a control that is not there on the whole-guide page, and adds its own script and
  styles to every page, where they only cost requests: its styles stay on the whole-guide page alone,
  its script nowhere (the contents list is written at build time, and its inline call removed, by printing.py).
  Its two stylesheets are one (merge_print_styles): one request less on the whole guide.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from gids.built import WHOLE_GUIDE
from gids.soup import attribute

if TYPE_CHECKING:
    from gids.model import Site

PRINT_SITE_STYLES, PRINT_SITE_SCRIPT = "css/print-site", "js/print-site"
STYLES, MATERIAL_STYLES = "css/print-site.css", "css/print-site-material.css"  # the second is for Material


def merge_print_styles(*, site: Site) -> None:
    """print-site-material.css appended to print-site.css, which the whole guide links before it: the same
    rules in the same order, in one file."""
    extra = site.folder / MATERIAL_STYLES
    if extra.exists():
        styles = site.folder / STYLES
        styles.write_text(
            styles.read_text(encoding="utf-8") + "\n" + extra.read_text(encoding="utf-8"), encoding="utf-8"
        )
        extra.unlink()


def mend(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    whole_guide = path.parent.name == WHOLE_GUIDE
    for section in soup.find_all(lambda tag: tag.has_attr("heading-number")):
        section["data-heading-number"] = section.attrs.pop("heading-number")
    ids = {element["id"] for element in soup.find_all(id=True)}
    for label in soup.find_all("label", attrs={"for": True}):
        if label["for"] not in ids:  # the whole-guide page has no table of contents toggle
            del label["for"]
    for style in soup.body.find_all("style") if soup.body else []:
        if (style.string or "").lstrip().startswith(".print-site-enumerate"):
            style.decompose()
    for element in [*soup.find_all("link", href=True), *soup.find_all("script", src=True)]:
        address = attribute(element, "href", attribute(element, "src", ""))
        merged = address.endswith(MATERIAL_STYLES.removeprefix("css/"))
        if PRINT_SITE_SCRIPT in address or merged or (PRINT_SITE_STYLES in address and not whole_guide):
            element.decompose()
