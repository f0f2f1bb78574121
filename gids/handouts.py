"""For caseworkers and trainers: choose parts of the guide for a family, and hand out tips on paper.

pipeline.py calls, once every page is known (context stage), on the page that holds the marker:
- `\\linklijst` (Voor begeleiders): every page of the guide with its sections, tips and key messages,
  grouped by page. Each part has a checkbox (a form that opens the selection page, also without
  JavaScript), a link, a copy button and a QR code with its address. assets/selectie.js turns the
  chosen parts into one readable address (/selectie/?delen=tip-kleine-signalen,tip-au-momentjes).
- `\\selectie` (the selection page): every tip in full, with its sources and a link to its place in the
  chapter, and the list of all parts (data for assets/selectie.js, which shows just the chosen ones,
  fetching sections and key messages from their pages, and draws the page's address as a QR code).
  Without JavaScript, or without a valid part in the address, the page shows all tips.
- `\\alletips` (Alle tips op één blad) and `\\tipkaarten` (Tipkaarten: four A6 cards on an A4 page,
  each with its tip's address and QR code): printable pages, printed as PDFs with the chapters.
A part is chosen by its id: a tip's or key message's own id, or page:anchor for a section
(wat-is-gehechtheid:veilig-gehecht).
The handouts go to families: a tip for the service (its title starts with "Voor de pleegzorgdienst",
REDACTIE.md) comes after the tips for foster parents, under a heading of its own, never first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape, unescape
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from gids.links import absolute, qr_file, qr_inline
from gids.markdown.boxes import LINKED_BOXES
from gids.model import EditorError
from gids.soup import attribute
from gids.theme.material import BUTTON, PRIMARY_BUTTON
from gids.urls import relative

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from gids.model import Box, Build

LINK_LIST_MARKER = "\\linklijst"
SELECTION_MARKER = "\\selectie"
ALL_TIPS_MARKER = "\\alletips"
CARDS_MARKER = "\\tipkaarten"
SELECTION_PAGE = "selectie.md"
NOT_CHOSEN = ("bronnen-bij-dit-hoofdstuk", "bronnen-bij-deze-pagina", "voetnoten")  # linked, not handed out
FOR_THE_SERVICE = "Voor de pleegzorgdienst"
SERVICE_HEADING = (
    '<h2 class="deel-dienst" id="voor-de-pleegzorgdienst">Voor de pleegzorgdienst</h2>'
    '<p class="deel-dienst">Wat hierna volgt, is voor de pleegzorgdienst, niet voor pleegouders.</p>'
)


@dataclass
class Part:
    id: str  # what the selection address names
    page: Page
    anchor: str
    title: str
    kind: str  # "onderdeel", "pleegtip" or "kernboodschap"
    choosable: bool = True  # a source list is linked on Voor begeleiders, not handed out on its own


def _slug(page: Page) -> str:
    return page.url.strip("/") or "start"


def parts_of(page: Page, build: Build) -> list[Part]:
    """A page's sections, tips and key messages, in the page's order."""
    found: list[Part] = []
    boxes = build.boxes.get(page.file.src_uri, [])

    def box_part(box: Box) -> Part:
        return Part(box.id, page, box.id, f"{LINKED_BOXES[box.kind][1]}: {box.title}", box.kind)

    found.extend(box_part(box) for box in boxes if not box.section)
    sections = [s for top in page.toc for item in top.children for s in (item, *item.children)]
    for section in sections:
        # The table of contents holds a heading's text as HTML (& as &amp;): unescaped once, escaped once.
        found.append(
            Part(
                f"{_slug(page)}:{section.id}",
                page,
                section.id,
                unescape(section.title),
                "onderdeel",
                choosable=section.id not in NOT_CHOSEN,
            )
        )
        found.extend(box_part(box) for box in boxes if box.section == section.id)
    return found


def for_the_service(title: str) -> bool:
    return title.startswith(FOR_THE_SERVICE)


def _nav_pages(build: Build) -> list[Page]:
    """The menu's pages, in its order: known from MkDocs' nav stage on, which comes before every page's context."""
    if build.nav is None:
        raise RuntimeError("handouts: the nav is not known yet (MkDocs calls on_nav before on_page_context)")
    return build.nav.pages


def _pages(build: Build, here: Page) -> list[Page]:
    return [page for page in _nav_pages(build) if page is not here]


def _copy_and_qr(build: Build, here: Page, page: Page, anchor: str, title: str) -> str:
    """The copy button and the QR code (with the address in text) of one address."""
    address = absolute(build, page.url, anchor)
    name = page.file.src_uri.removesuffix(".md") + (f"--{anchor}" if anchor else "")
    qr = relative(qr_file(build, name, address), here.url)
    return (
        f'<button type="button" class="kopieer-link" data-url="{escape(address)}" '
        f'aria-label="Kopieer link naar: {escape(title)}" hidden>Kopieer link</button>'
        f'<details class="linklijst__qr"><summary aria-label="QR-code en adres van: {escape(title)}">QR-code</summary>'
        f'<code class="linklijst__adres">{escape(address)}</code>'
        f'<img src="{escape(qr)}" width="116" height="116" loading="lazy" alt="QR-code naar {escape(title)}">'
        "</details>"
    )


def _link_list(here: Page, build: Build) -> str:
    selection = build.files.get_file_from_path(SELECTION_PAGE) if build.files else None
    if selection is None:
        raise EditorError(
            f"docs/{here.file.src_uri}: de lijst om stukken te kiezen heeft de pagina docs/{SELECTION_PAGE} nodig, "
            "maar die bestaat niet (meer). Zet ze terug."
        )
    html = [
        f'<form class="kiezer" method="get" action="{escape(relative(selection.url, here.url))}" '
        f'data-adres="{escape(absolute(build, selection.url))}">'
    ]
    html.append(
        '<div class="kiezer__keuze" id="jouw-selectie" role="region" aria-label="Jouw selectie">'
        '<p class="kiezer__telling" aria-live="polite">Nog niets gekozen: vink hieronder aan wat je wil meegeven.</p>'
        '<p class="kiezer__adres" hidden><code></code></p>'
        '<p class="kiezer__knoppen">'
        f'<button type="submit" class="{PRIMARY_BUTTON}">Toon de selectie</button> '
        f'<button type="button" class="{BUTTON} kiezer__kopieer" hidden>Kopieer link</button> '
        f'<button type="button" class="{BUTTON} kiezer__deel" hidden>Deel</button> '
        f'<a class="{BUTTON} kiezer__mail" hidden>Stuur per mail</a>'
        "</p></div>"
    )
    for page in _pages(build, here):
        parts = parts_of(page, build)
        href = relative(page.url, here.url)
        # No id on these headings: they are not addresses of their own (a renamed page would take one along).
        html.append(f'<section class="kiezer__pagina" aria-label="{escape(page.title)}">')
        html.append(f'<h2 class="kiezer__titel"><a href="{escape(href)}">{escape(page.title)}</a></h2>')
        html.append(
            f'<div class="kiezer__rij linklijst__pagina">{_copy_and_qr(build, here, page, "", page.title)}</div>'
        )
        if parts:
            html.append(
                f'<details class="kiezer__delen"><summary>{len(parts)} '
                f'{"stuk" if len(parts) == 1 else "stukken"} om te kiezen</summary><ul class="linklijst">'
            )
            for part in parts:
                field = f"kies-{part.id.replace(':', '--')}"
                level = "onderdeel" if part.kind == "onderdeel" else "tip"
                choice = (
                    f'<input type="checkbox" name="delen" value="{escape(part.id)}" id="{escape(field)}">'
                    f'<label for="{escape(field)}">{escape(part.title)}</label>'
                    if part.choosable
                    else f'<span class="kiezer__naam">{escape(part.title)}</span>'
                )
                html.append(
                    f'<li class="kiezer__rij linklijst__{level}">{choice}'
                    f'<a class="linklijst__titel" href="{escape(href)}#{escape(part.anchor)}" '
                    f'aria-label="Open: {escape(part.title)}">Open</a>'
                    f"{_copy_and_qr(build, here, page, part.anchor, part.title)}</li>"
                )
            html.append("</ul></details>")
        html.append("</section>")
    # Deep in the list the choice box is far above: a bar at the bottom of the screen says how many parts
    # are chosen and copies the link in one tap (assets/selectie.js shows it; without JavaScript it stays
    # hidden and the form's own button sends the choice).
    html.append(
        '<p class="kiezer__balk" hidden><span class="kiezer__balk-tekst" aria-live="polite"></span> '
        f'<button type="button" class="{PRIMARY_BUTTON} kiezer__balk-kopieer">Kopieer link</button> '
        f'<a class="{BUTTON} kiezer__balk-naar" href="#jouw-selectie">Naar de link</a></p>'
    )
    html.append("</form>")
    return "\n".join(html)


def _tip_sections(here: Page, build: Build, with_sources: bool) -> tuple[list[str], list[int], dict[int, str]]:
    """Every tip of the guide, in full, as the selection page and the tip sheet show them."""
    family: list[str] = []
    service: list[str] = []
    cited: list[int] = []
    sources: dict[int, str] = {}
    for page in _nav_pages(build):
        page_soup = None  # the page's own source list, read once for all its tips
        for box in build.boxes.get(page.file.src_uri, []):
            if box.kind != "pleegtip":
                continue
            soup = BeautifulSoup(box.html, "html.parser")
            numbers = [int(n) for a in soup.select("a[data-bronnen]") for n in attribute(a, "data-bronnen").split()]
            cited.extend(n for n in numbers if n not in cited)
            if with_sources:
                if page_soup is None:
                    assert page.content is not None  # its boxes were collected from its content (on_page_content)
                    page_soup = BeautifulSoup(page.content, "html.parser")
                for number in numbers:
                    item = page_soup.find("li", id=f"bron-{number}")
                    if item is not None and number not in sources:
                        for backref in item.select("a.footnote-backref"):
                            backref.decompose()
                        sources[number] = str(item)
            link = relative(page.url, here.url) + f"#{box.id}"
            (service if for_the_service(box.title) else family).append(
                f'<section class="deel" id="deel-{box.id}" data-deel="{box.id}">{box.html}'
                f'<p class="deel__verder"><a href="{escape(link)}">Lees dit in het hoofdstuk</a></p></section>'
            )
    return family + ([SERVICE_HEADING, *service] if service else []), cited, sources


def _sources_list(sources: dict[int, str]) -> str:
    if not sources:
        return ""
    items = "".join(sources[n] for n in sorted(sources))
    return f'<div class="footnote deel-bronnen"><h2 id="bronnen-bij-deze-selectie">Bronnen</h2><ol>{items}</ol></div>'


def _selection(here: Page, build: Build) -> str:
    sections, _, sources = _tip_sections(here, build, with_sources=True)
    chosen = [part for page in _nav_pages(build) for part in parts_of(page, build) if part.choosable]
    # The service's tips last: a caseworker who hands one out shows it after the family's parts.
    chosen.sort(key=lambda part: part.kind == "pleegtip" and for_the_service(part.title.partition(": ")[2]))
    parts = [
        {
            "id": part.id,
            "pagina": relative(part.page.url, here.url),
            "anker": part.anchor,
            "titel": part.title,
            "soort": part.kind,
        }
        for part in chosen
    ]
    data = json.dumps(parts, ensure_ascii=False).replace("</", "<\\/")
    return (
        '<p class="selectie__zonder-js">Je browser kan de keuze van je begeleider niet tonen. Daarom zie je hier '
        "alle tips uit de gids.</p>"
        '<p class="selectie__melding" role="status" hidden></p>'
        f'<div class="selectie__delen">{"".join(sections)}</div>'
        f"{_sources_list(sources)}"
        '<div class="selectie__adres"><p>Deze selectie staat online op: <code class="selectie__url"></code></p>'
        '<canvas class="selectie__qr" width="132" height="132" role="img" aria-label="QR-code naar deze selectie">'
        '</canvas><p class="selectie__qr-uitleg" role="status" hidden></p></div>'
        '<div class="selectie__notities"><h2 id="notities">Notities</h2>' + '<p class="notitielijn"></p>' * 6 + "</div>"
        f'<script type="application/json" id="selectie-delen">{data}</script>'
    )


def _all_tips(here: Page, build: Build) -> str:
    sections, _, sources = _tip_sections(here, build, with_sources=True)
    home = absolute(build, "")
    return (
        f'<div class="alletips">{"".join(sections)}</div>{_sources_list(sources)}'
        f'<div class="alletips__adres"><p>De hele gids staat online: <code>{escape(home)}</code></p>'
        f"{qr_inline(home)}</div>"
    )


def _cards(here: Page, build: Build) -> str:
    _, _, sources = _tip_sections(here, build, with_sources=True)
    cards = []
    tips = [
        (page, box)
        for page in _nav_pages(build)
        for box in build.boxes.get(page.file.src_uri, [])
        if box.kind == "pleegtip"
    ]
    for page, box in sorted(tips, key=lambda tip: for_the_service(tip[1].title)):
        address = absolute(build, page.url, box.id)
        heading = f'<p class="tipkaart__kop">{FOR_THE_SERVICE}</p>' if for_the_service(box.title) else ""
        cards.append(
            f'<div class="tipkaart" id="kaart-{box.id}">{heading}{box.html}'
            f'<div class="tipkaart__adres">{qr_inline(address)}<code>{escape(address)}</code></div></div>'
        )
    if sources:  # the sources of the tips, on a card of their own (the eighth cell of the sheet)
        items = "".join(sources[n] for n in sorted(sources))
        cards.append(
            f'<div class="tipkaart tipkaart--bronnen footnote"><p class="tipkaart__kop">Bronnen</p>'
            f"<ol>{items}</ol></div>"
        )
    return f'<div class="tipkaarten">{"".join(cards)}</div>'


MARKERS = {LINK_LIST_MARKER: _link_list, SELECTION_MARKER: _selection, ALL_TIPS_MARKER: _all_tips, CARDS_MARKER: _cards}


def fill(*, page: Page, build: Build) -> None:
    """Context stage: the page's marker replaced by what it stands for."""
    assert page.content is not None  # MkDocs renders every page's content before its context stage
    for marker, make in MARKERS.items():
        if marker in page.content:
            if not build.config.site_url:
                raise EditorError(
                    f"docs/{page.file.src_uri}: {marker} heeft het webadres van de site nodig: zet site_url in mkdocs.yml "
                    "of bouw met SITE_URL=https://…"
                )
            html = make(page, build)
            page.content = page.content.replace(f"<p>{marker}</p>", html).replace(marker, html)
