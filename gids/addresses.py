"""Addresses that never break: every link inside the site works, and every public address stays.

The post-build step (postbuild.py, PASSES) runs:
- collect (each built page): its ids and the site-internal links it holds.
- check (the finished site, after the PDFs), two things, reported together:
  - a link to a page, file or anchor that is not there, naming the Markdown file and line that hold it;
  - `adressen.txt` (beside mkdocs.yml) lists every public address: a page, or a page#anchor for a
    section heading, tip, key message, glossary word or source. Caseworkers send these to families.
    An address in the list that the build no longer has, and that no redirect in mkdocs.yml
    (redirect_maps, under the gids plugin) covers, stops every build, with all such addresses at once
    and how to keep each.
  When both are fine, the addresses the build has and the list has not are new. They are written into
  the list only by a build that records them (ADRESSEN=1 with `mkdocs build`): `./run.sh adressen` and the
  publishing build, `./run.sh build`. Every other build (`serve`, `./run.sh check`, the tests) writes no
  file of the project, so a heading still being written is no address yet and can be renamed freely;
  tests/test_links.py fails while the built site has an address that the list lacks.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from posixpath import normpath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from gids.built import WHOLE_GUIDE  # the whole guide on one page: its parts have their own addresses
from gids.model import BuiltPage, EditorError
from gids.soup import attribute

if TYPE_CHECKING:
    from gids.model import Site

log = logging.getLogger("mkdocs.plugins.gids.addresses")

CONTRACT = "adressen.txt"
PUBLIC = "h2[id], h3[id], h4[id], div.admonition[id], dl.woordenlijst dt[id]"
SOURCES_PAGE = "bronnen"  # its sources (li#bron-N) are public addresses too
# 404.html, 403.html, 500.html: the pages nginx sends with an error; offline.html: the service worker's (offline.py)
ERROR_PAGE = re.compile(r"\d{3}\.html|offline\.html")
RECORD = "ADRESSEN"  # ADRESSEN=1: this build records the new addresses (./run.sh adressen, ./run.sh build)
HEADER = """\
# Adressen: every public address of the site, one per line (a page, or page#anchor).
# Caseworkers send these to families; they must keep working for years.
# New addresses are added by ./run.sh adressen and by the publishing build (./run.sh build): commit this
# file with your change. Every build stops when an address is gone without a redirect, saying how to
# keep it. Never remove a line.
"""


class AddressError(EditorError):
    """Links or addresses that no longer lead anywhere, said for the editor."""


def recording(command: str) -> bool:
    """Whether this build writes its new addresses into adressen.txt: a `mkdocs build` asked to (ADRESSEN=1,
    as ./run.sh adressen and ./run.sh build do); never `serve`, whose builds follow every saved draft."""
    return command == "build" and os.environ.get(RECORD) == "1"


def _page_url(path: Path, site: Site) -> str:
    """site/x/index.html -> "x/"; site/index.html -> ""; site/404.html -> "404.html"."""
    relative = path.relative_to(site.folder).as_posix()
    return relative.removesuffix("index.html")


def collect(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    url = _page_url(path, site)
    built = BuiltPage(redirect=soup.find("meta", attrs={"http-equiv": "refresh"}) is not None)
    built.ids = {attribute(element, "id") for element in soup.find_all(id=True)} | {
        attribute(element, "name") for element in soup.find_all("a", attrs={"name": True})
    }
    for element in soup.select("a[href], link[href], img[src], script[src]"):
        if element.name == "link" and set(element.get_attribute_list("rel")) & {"canonical", "alternate"}:
            continue  # absolute addresses of the published site
        reference = attribute(element, "href", "") or attribute(element, "src", "")
        if not re.match(r"^(https?:|mailto:|data:|javascript:|tel:|//)", reference):
            built.links.append(reference)
    article = soup.select_one("article")
    if article is not None and url.rstrip("/") != WHOLE_GUIDE and not built.redirect and not ERROR_PAGE.fullmatch(url):
        selector = PUBLIC + (", li[id^='bron-']" if url.rstrip("/") == SOURCES_PAGE else "")
        built.public = [attribute(element, "id") for element in article.select(selector)]
    site.built[url] = built


def _target(url: str, reference: str) -> tuple[str, str]:
    """A link on the page at url -> (the page or file it leads to, its anchor)."""
    joined = urljoin("/" + url, reference)
    parts = urlsplit(joined)
    path = normpath(unquote(parts.path)).lstrip("/") if parts.path not in ("", "/") else ""
    if parts.path.endswith("/") and path:
        path += "/"
    return path, unquote(parts.fragment)


def _line(source: Path, reference: str) -> str:
    """Where a link stands in its Markdown file: ", regel N" when it can be found."""
    if not source.is_file():
        return ""
    path, _, anchor = reference.partition("#")
    name = Path(path.rstrip("/")).name if path.strip("./") else ""
    needles = [needle for needle in (name, f"#{anchor}" if anchor else "") if needle] if reference else ["]()"]
    lines = source.read_text(encoding="utf-8").splitlines()
    for wanted in (needles, needles[-1:]):
        for number, line in enumerate(lines, start=1):
            if wanted and all(needle in line for needle in wanted):
                return f", regel {number}"
    return ""


def _broken_links(site: Site) -> list[str]:
    """Every site-internal link that leads nowhere, as a line naming the Markdown file and line."""
    broken: dict[str, list[str]] = {}
    for url, built in site.built.items():
        for reference in built.links:
            path, anchor = _target(url, reference)
            file = site.folder / path
            if not path or path.endswith("/") or file.is_dir():
                page = path if not path or path.endswith("/") else path + "/"
                exists = page in site.built
            else:
                page = path
                exists = file.is_file()
            if not reference:  # [tekst]() in Markdown: no address at all
                problem = "een link of afbeelding zonder adres ([tekst]()): zet het adres tussen de haakjes"
            elif not exists:
                problem = f"{reference}: die pagina of dat bestand bestaat niet"
            elif anchor and page in site.built and anchor not in site.built[page].ids:
                problem = f"{reference}: die pagina heeft geen onderdeel #{anchor}"
            else:
                continue
            page_facts = next((page for page in site.pages if page.url == url), None)
            source = page_facts.source if page_facts else None
            where = f"{source}{_line(site.root / source, reference)}" if source else f"{url or 'index.html'} (sjabloon)"
            broken.setdefault(where, []).append(problem)
    copies = f"{WHOLE_GUIDE}/ (sjabloon)"
    if len(broken) > 1:
        broken.pop(copies, None)  # the whole guide copies the pages' links: their own mistakes say it better
    return [f"- {where}: {problem}" for where, problems in broken.items() for problem in problems]


def _redirects(site: Site) -> dict[str, str]:
    """redirect_maps (the gids plugin's option in mkdocs.yml) as addresses: "/oud/" -> "/nieuw/#deel"."""
    maps = site.redirect_maps

    def address(name: str) -> str:
        page, _, anchor = name.partition("#")
        page = page.removesuffix(".md").removesuffix("index").rstrip("/")
        return f"/{page}/".replace("//", "/") + (f"#{anchor}" if anchor else "")

    return {address(old): address(new) for old, new in maps.items()}


def _how_to_keep(address: str) -> str:
    path, _, anchor = address.partition("#")
    page = path.strip("/") or "index"
    if not anchor:
        return (
            f"is de pagina hernoemd of weggehaald? Gebruik ./run.sh hernoem, of zet in mkdocs.yml onder "
            f"gids: redirect_maps: {page}.md: nieuwe-pagina.md"
        )
    if anchor.startswith(("tip-", "kern-")):
        return f"een tip of kernboodschap houdt altijd haar id: zet attrs: {{id: {anchor}}} terug"
    if anchor.startswith("woord-"):
        return f"is een woord in woordenlijst.yml hernoemd? Geef het nieuwe woord de regel anker: {anchor}"
    if anchor.startswith("bron-"):
        return "een bron houdt altijd haar nummer (brochure-number of site-number in references.bib)"
    return (
        f"is de kop hernoemd? Zet het oude anker achter de nieuwe kop, zo: ## Nieuwe kop {{#{anchor}}} "
        f"(in docs/{page}.md)"
    )


def _present(address: str, site: Site, redirects: dict[str, str]) -> bool:
    path, _, anchor = address.partition("#")
    url = path.lstrip("/")
    if path in redirects:
        target_path, _, target_anchor = redirects[path].partition("#")
        url = target_path.lstrip("/")
        anchor = anchor or target_anchor
    built = site.built.get(url)
    if built is None or (built.redirect and path not in redirects):
        return False
    return not anchor or anchor in site.built[url].ids


def check(*, site: Site) -> None:
    """Addresses that vanished, and links that lead nowhere, stop the build together (a renamed heading is
    often both); otherwise a recording build adds the new public addresses to adressen.txt."""
    contract = site.root / CONTRACT
    text = contract.read_text(encoding="utf-8") if contract.exists() else HEADER
    listed = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    redirects = _redirects(site)
    gone = [address for address in listed if not _present(address, site, redirects)]
    problems = []
    if gone:
        gone_pages = {address for address in gone if "#" not in address}
        lines = [
            f"- {address}: "
            + (
                f"hoort bij {address.partition('#')[0]}, dat niet meer bestaat"
                if "#" in address and address.partition("#")[0] in gone_pages
                else _how_to_keep(address)
            )
            for address in gone
        ]
        problems.append(
            f"{CONTRACT}: {len(gone)} adres(sen) bestaan niet meer. Begeleiders hebben ze misschien al "
            "aan gezinnen gegeven, dus ze moeten blijven werken:\n" + "\n".join(lines)
        )
    broken = _broken_links(site)
    if broken:
        problems.append(
            "Links die nergens heen leiden:\n"
            + "\n".join(broken)
            + "\nKijk de schrijfwijze van de pagina (naam.md) en van het onderdeel (#anker) na."
        )
    if problems:
        raise AddressError("\n\n".join(problems))
    public = []
    in_nav = {page.url for page in site.pages if page.in_nav}
    for page_facts in site.pages:
        url = page_facts.url
        built = site.built.get(url)
        if built is None or built.redirect:
            continue
        public.append(f"/{url}")
        if url in in_nav:  # a page outside the menu (the selection, the handouts) is an address as a whole
            public.extend(f"/{url}#{anchor}" for anchor in built.public)
    known = set(listed)
    new = [address for address in public if address not in known]
    if new and not site.record_addresses:
        log.info(
            f"{CONTRACT}: {len(new)} nieuwe adres(sen), zoals {new[0]}, nog niet vastgelegd: dat doet "
            "./run.sh adressen (en de publicatie, ./run.sh build)"
        )
        return
    if new and site.warnings:
        log.info(f"{CONTRACT}: {len(new)} nieuwe adres(sen) nog niet toegevoegd: deze bouw stopt om de waarschuwingen")
        return
    if new:
        if not contract.exists():
            contract.write_text(HEADER, encoding="utf-8")
            text = HEADER
        with contract.open("a", encoding="utf-8") as file:
            file.write(("" if text.endswith("\n") else "\n") + "".join(f"{address}\n" for address in new))
        log.info(
            f"{CONTRACT}: {len(new)} nieuwe adres(sen) toegevoegd, zoals {new[0]}; neem het bestand mee in je commit"
        )
