"""For caseworkers and trainers: choose parts of the guide for a family, and hand out tips on paper.

The post-build step (postbuild.py, PASSES) runs, over the built pages: `collect`, which reads every page's
tips, key messages, sections and sources (for these handouts and the share controls), and then `fill`, which
replaces the marker on the page that holds it:
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
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from gids.built import content_of
from gids.links import at_line, id_lines, qr_file, qr_inline
from gids.markdown.boxes import LINKED_BOXES, WORDS
from gids.model import Box, EditorError, PageContents, PageFacts, Site
from gids.soup import attribute
from gids.theme.material import BUTTON, PRIMARY_BUTTON
from gids.urls import relative

LINK_LIST_MARKER = "\\linklijst"
SELECTION_MARKER = "\\selectie"
ALL_TIPS_MARKER = "\\alletips"
CARDS_MARKER = "\\tipkaarten"
SELECTION_PAGE = "docs/selectie.md"
NOT_CHOSEN = ("bronnen-bij-dit-hoofdstuk", "bronnen-bij-deze-pagina", "voetnoten")  # linked, not handed out
FOR_THE_SERVICE = "Voor de pleegzorgdienst"
SERVICE_HEADING = (
    '<h2 class="deel-dienst" id="voor-de-pleegzorgdienst">Voor de pleegzorgdienst</h2>'
    '<p class="deel-dienst">Wat hierna volgt, is voor de pleegzorgdienst, niet voor pleegouders.</p>'
)


@dataclass
class Part:
    id: str  # what the selection address names
    page: PageFacts
    anchor: str
    title: str
    kind: str  # "onderdeel", "pleegtip" or "kernboodschap"
    choosable: bool = True  # a source list is linked on Voor begeleiders, not handed out on its own


def _slug(page: PageFacts) -> str:
    return page.url.strip("/") or "start"


def collect(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """A built page's tips and key messages as written (without their id and "#" link), its sections
    (h2 and h3, as its table of contents) and its source list, before the share controls are added."""
    page = site.page_at(path)
    content = content_of(soup)
    if page is None or content is None:
        return
    found = PageContents()
    for element in content.find_all(["h2", "h3", "div"]):
        if element.name != "div":
            if element.get("id"):
                text = "".join(t for t in element.find_all(string=True) if not t.find_parent("a", class_="headerlink"))
                found.sections.append((attribute(element, "id"), text.strip()))
            continue
        kind = next((k for k in LINKED_BOXES if k in element.get_attribute_list("class")), None)
        if kind is None or not element.get("id") or "admonition" not in element.get_attribute_list("class"):
            continue
        copy = element.__copy__()  # the box as written, without parsing it again
        copy.attrs.pop("id", None)
        title = copy.select_one(".admonition-title")
        if title is None:  # `/// pleegtip |` with nothing after the bar: the box has no title to name it by
            lines = id_lines(site.root / page.source, attribute(element, "id"))
            raise EditorError(
                f"{at_line(page.source, lines[0] if lines else 0)}: de {WORDS[kind]} "
                f"'{attribute(element, 'id')}' heeft geen titel. Schrijf de titel achter de streep op de eerste regel "
                f"(/// {kind} | Titel) of laat de streep weg."
            )
        for link in title.select("a.headerlink"):
            link.decompose()
        section = found.sections[-1][0] if found.sections else ""
        found.boxes.append(Box(kind, section, attribute(element, "id"), title.get_text().strip(), str(copy)))
    for item in content.select("li[id^='bron-']"):
        number = attribute(item, "id").removeprefix("bron-")
        if number.isdigit() and int(number) not in found.sources:
            copy = item.__copy__()
            for backref in copy.select("a.footnote-backref"):
                backref.decompose()
            found.sources[int(number)] = str(copy)
    site.contents[page.url] = found


def parts_of(page: PageFacts, site: Site) -> list[Part]:
    """A page's sections, tips and key messages, in the page's order."""
    found: list[Part] = []
    contents = site.contents.get(page.url, PageContents())

    def box_part(box: Box) -> Part:
        return Part(box.id, page, box.id, f"{LINKED_BOXES[box.kind][1]}: {box.title}", box.kind)

    found.extend(box_part(box) for box in contents.boxes if not box.section)
    for anchor, title in contents.sections:
        found.append(
            Part(f"{_slug(page)}:{anchor}", page, anchor, title, "onderdeel", choosable=anchor not in NOT_CHOSEN)
        )
        found.extend(box_part(box) for box in contents.boxes if box.section == anchor)
    return found


def for_the_service(title: str) -> bool:
    return title.startswith(FOR_THE_SERVICE)


def _pages(site: Site, here: PageFacts) -> list[PageFacts]:
    return [page for page in site.menu if page.url != here.url]


def _copy_and_qr(site: Site, here: PageFacts, page: PageFacts, anchor: str, title: str) -> str:
    """The copy button and the QR code (with the address in text) of one address."""
    address = site.address(page.url, anchor)
    name = page.source.removeprefix("docs/").removesuffix(".md") + (f"--{anchor}" if anchor else "")
    qr = relative(qr_file(site, name, address), here.url)
    return (
        f'<button type="button" class="kopieer-link" data-url="{escape(address)}" '
        f'aria-label="Kopieer link naar: {escape(title)}" hidden>Kopieer link</button>'
        f'<details class="linklijst__qr"><summary aria-label="QR-code en adres van: {escape(title)}">QR-code</summary>'
        f'<code class="linklijst__adres">{escape(address)}</code>'
        f'<img src="{escape(qr)}" width="116" height="116" loading="lazy" alt="QR-code naar {escape(title)}">'
        "</details>"
    )


def _link_list(here: PageFacts, site: Site) -> str:
    selection = site.page(SELECTION_PAGE)
    if selection is None:
        raise EditorError(
            f"{here.source}: de lijst om stukken te kiezen heeft de pagina {SELECTION_PAGE} nodig, "
            "maar die bestaat niet (meer). Zet ze terug."
        )
    html = [
        f'<form class="kiezer" method="get" action="{escape(relative(selection.url, here.url))}" '
        f'data-adres="{escape(site.address(selection.url))}">'
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
    for page in _pages(site, here):
        parts = parts_of(page, site)
        href = relative(page.url, here.url)
        # No id on these headings: they are not addresses of their own (a renamed page would take one along).
        html.append(f'<section class="kiezer__pagina" aria-label="{escape(page.title)}">')
        html.append(f'<h2 class="kiezer__titel"><a href="{escape(href)}">{escape(page.title)}</a></h2>')
        html.append(
            f'<div class="kiezer__rij linklijst__pagina">{_copy_and_qr(site, here, page, "", page.title)}</div>'
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
                    f"{_copy_and_qr(site, here, page, part.anchor, part.title)}</li>"
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


def _tip_sections(here: PageFacts, site: Site) -> tuple[list[str], dict[int, str]]:
    """Every tip of the guide, in full, as the selection page and the tip sheet show them, and their sources."""
    family: list[str] = []
    service: list[str] = []
    sources: dict[int, str] = {}
    for page in site.menu:
        contents = site.contents.get(page.url, PageContents())
        for box in contents.boxes:
            if box.kind != "pleegtip":
                continue
            soup = BeautifulSoup(box.html, "html.parser")
            for number in (
                int(n) for a in soup.select("a[data-bronnen]") for n in attribute(a, "data-bronnen").split()
            ):
                if number in contents.sources and number not in sources:
                    sources[number] = contents.sources[number]
            link = relative(page.url, here.url) + f"#{box.id}"
            (service if for_the_service(box.title) else family).append(
                f'<section class="deel" id="deel-{box.id}" data-deel="{box.id}">{box.html}'
                f'<p class="deel__verder"><a href="{escape(link)}">Lees dit in het hoofdstuk</a></p></section>'
            )
    return family + ([SERVICE_HEADING, *service] if service else []), sources


def _sources_list(sources: dict[int, str]) -> str:
    if not sources:
        return ""
    items = "".join(sources[n] for n in sorted(sources))
    return f'<div class="footnote deel-bronnen"><h2 id="bronnen-bij-deze-selectie">Bronnen</h2><ol>{items}</ol></div>'


def _selection(here: PageFacts, site: Site) -> str:
    sections, sources = _tip_sections(here, site)
    chosen = [part for page in site.menu for part in parts_of(page, site) if part.choosable]
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


def _all_tips(here: PageFacts, site: Site) -> str:
    sections, sources = _tip_sections(here, site)
    home = site.address("")
    return (
        f'<div class="alletips">{"".join(sections)}</div>{_sources_list(sources)}'
        f'<div class="alletips__adres"><p>De hele gids staat online: <code>{escape(home)}</code></p>'
        f"{qr_inline(home)}</div>"
    )


def _cards(here: PageFacts, site: Site) -> str:
    _, sources = _tip_sections(here, site)
    cards = []
    tips = [
        (page, box)
        for page in site.menu
        for box in site.contents.get(page.url, PageContents()).boxes
        if box.kind == "pleegtip"
    ]
    for page, box in sorted(tips, key=lambda tip: for_the_service(tip[1].title)):
        address = site.address(page.url, box.id)
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


def fill(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """The marker on a page (a paragraph of its own, or a word in a text) replaced by what it stands for."""
    page = site.page_at(path)
    content = content_of(soup)
    if page is None or content is None:
        return
    for marker, make in MARKERS.items():
        found = [text for text in content.find_all(string=True) if marker in text]
        if not found:
            continue
        if not site.url:
            raise EditorError(
                f"{page.source}: {marker} heeft het webadres van de site nodig: zet site_url in mkdocs.yml "
                "of bouw met SITE_URL=https://…"
            )
        html = make(page, site)
        for text in found:
            paragraph = text.parent
            if isinstance(paragraph, Tag) and paragraph.name == "p" and paragraph.get_text() == marker:
                paragraph.replace_with(*_fragment(html))
            else:
                before, _, after = str(text).partition(marker)
                text.replace_with(NavigableString(before), *_fragment(html), NavigableString(after))


def _fragment(html: str) -> list:
    return list(BeautifulSoup(html, "html.parser").contents)
