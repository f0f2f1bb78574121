"""Where things are in a built page: the page's own content, and each page's copy in the whole guide.

- A page's content: overrides/main.html wraps it in div[data-afdruk], and writes its own lines about
  the page (aside.pagina-info: last checked, where to react) last inside that element.
- The whole guide (/volledige-gids/, written by mkdocs-print-site-plugin) holds each page's content in a
  section.print-page whose id is the page's address ("wat-is-gehechtheid"); a section of the menu is
  such a section around its pages' sections.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from gids.model import PageFacts, Site
from gids.soup import attribute

CONTENT = "article div[data-afdruk]"
ABOUT_THE_PAGE = "aside.pagina-info"
WHOLE_GUIDE = "volledige-gids"  # mkdocs-print-site-plugin's print_page_basename
WHOLE_GUIDE_PAGE = "section.print-page[id]"


def content_of(soup: BeautifulSoup) -> Tag | None:
    """The page's own content: CONTENT, found by walking the tree (several times quicker than the selector)."""
    for article in soup.find_all("article"):
        content = article.find("div", attrs={"data-afdruk": True})
        if content is not None:
            return content
    return None


def is_whole_guide(path: Path, site: Site) -> bool:
    return path == site.folder / WHOLE_GUIDE / "index.html"


def section_id(page: PageFacts) -> str:
    """The id of a page's section in the whole guide: its address without slashes."""
    return page.url.strip("/").replace("/", "-")


def pages_in(soup: BeautifulSoup, path: Path, site: Site) -> Iterator[tuple[Tag, PageFacts]]:
    """Each page's content in this built file: the page's own, or every page's copy in the whole guide."""
    if is_whole_guide(path, site):
        by_id = {section_id(page): page for page in site.pages}
        for section in soup.select(WHOLE_GUIDE_PAGE):
            page = by_id.get(attribute(section, "id"))
            if page is not None and section.find("section", class_="print-page") is None:
                yield section, page
        return
    page = site.page_at(path)
    content = content_of(soup)
    if page is not None and content is not None:
        yield content, page


def append_to_content(content: Tag, element: Tag) -> None:
    """Last in the page's own text: before the template's lines about the page."""
    about = content.select_one(f":scope > {ABOUT_THE_PAGE}")
    if about is not None:
        about.insert_before(element)
    else:
        content.append(element)
