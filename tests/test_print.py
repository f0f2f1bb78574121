"""Print and PDF: a printed chapter stands on its own; the ready-made PDFs are complete and small.

The PDFs are the chapters printed with print media by Chromium (the build does it with PDF=1, as the
session build here does). pdftotext and pdftoppm are Debian's poppler-utils.
"""

from __future__ import annotations

import copy
import re
import subprocess

import pytest
import yaml
from pypdf import PdfReader

from conftest import (
    ARTIFACTS,
    CHAPTERS,
    ROOT,
    SITE_URL,
    canonical_citations,
    chapter_pages,
    nav_pages,
    normalise,
    sentences,
    soup_of,
)

TITLES = {
    "wat-is-gehechtheid": "Wat is gehechtheid?",
    "waarom-gehechtheid-belangrijk-is": "Waarom gehechtheid belangrijk is",
    "gehechtheid-in-pleegzorg": "Gehechtheid in pleegzorg",
    "vipp-fc-en-basic-trust": "VIPP-FC en Basic Trust",
}
PAGE_BUDGET = {  # A4 pages at most, per chapter and for the whole guide
    "wat-is-gehechtheid": 4,
    "waarom-gehechtheid-belangrijk-is": 3,
    "gehechtheid-in-pleegzorg": 7,
    "vipp-fc-en-basic-trust": 3,
    "volledige-gids": 40,  # grew with "Herken je dit?", "In één oogopslag" and the longer glossary (36 pages)
}
SITE_CHROME = [
    "Deel deze pagina",
    "Deel deze tip",
    "Stuur per mail",
    "Zoeken",
    "Inhoudstafel",
    "Vorige",
    "Terug naar boven",
    "Download als PDF",
    "↩",
    "Laat het ons weten",
    "Ga naar inhoud",
    "Donkere weergave",
    "Kopieer link",
]
MAX_BYTES = 1_000_000


def pdf_text(path, page=None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(text: str) -> str:
    """Text without white space and hyphens: pdftotext joins words hyphenated at a line end."""
    return re.sub(r"[\s\-‐]", "", text)


def pdf_pages(path) -> list[str]:
    return [normalise(text) for text in pdf_text(path).split("\f") if text.strip()]


def pdf_body(path, title: str) -> str:
    """The printed text without the page furniture (running header, page numbers) between pages."""
    furniture = {"Gehechtheid in pleegzorg", title}
    lines = [
        line
        for line in pdf_text(path).splitlines()
        if line.strip() not in furniture and not re.fullmatch(r"Pagina \d+ van \d+", line.strip())
    ]
    return normalise(" ".join(lines))


@pytest.fixture(scope="module")
def pdfs(site):
    return {name: site / "pdf" / f"{name}.pdf" for name in PAGE_BUDGET}


@pytest.mark.parametrize("chapter,slug", CHAPTERS.items())
def test_printed_chapter_holds_the_whole_text_its_sources_and_address(site, pdfs, source_chapters, chapter, slug):
    text = pdf_body(pdfs[slug], TITLES[slug])
    squashed = squash(canonical_citations(text))
    missing = [s for s in sentences(canonical_citations(source_chapters[chapter])) if squash(s) not in squashed]
    assert not missing, f"{slug}: {len(missing)} sentences missing from the PDF, first: {missing[0]!r}"
    for item in map(copy.copy, soup_of(site, slug).select("div.footnote ol > li")):
        for backref in item.select("a.footnote-backref, a.bronstatus"):
            backref.decompose()
        start = normalise(item.get_text(" "))[:60]
        assert squash(start) in squashed, f"{slug}: source {item['value']} is not printed"
    assert squash(f"{SITE_URL}{slug}/") in squashed, f"{slug}: the web address is not printed"
    leaks = [chrome for chrome in SITE_CHROME if chrome in text]
    assert not leaks, f"{slug}: site chrome in print: {leaks}"


@pytest.mark.parametrize("name", list(PAGE_BUDGET))
def test_pdf_stays_within_its_page_budget_and_size(pdfs, name):
    reader = PdfReader(pdfs[name])
    print(f"{name}.pdf: {len(reader.pages)} pages, {pdfs[name].stat().st_size} bytes")
    assert len(reader.pages) <= PAGE_BUDGET[name]
    if name != "volledige-gids":
        assert pdfs[name].stat().st_size < MAX_BYTES


@pytest.mark.parametrize("name", list(PAGE_BUDGET))
def test_pdf_metadata_fonts_and_links(site, pdfs, name):
    reader = PdfReader(pdfs[name])
    assert reader.metadata.title == soup_of(site, name).title.get_text(), "the page's own title"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "/StructTreeRoot" in reader.trailer["/Root"], "tagged PDF"
    fonts = subprocess.run(["pdffonts", str(pdfs[name])], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), f"every font embedded:\n{fonts}"
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/A", {}).get("/URI")
    ]
    assert uris, "links are kept"
    assert all(uri.startswith((SITE_URL, "https://doi.org/")) for uri in uris), [u for u in uris][:5]


@pytest.mark.parametrize("slug", list(CHAPTERS.values()))
def test_every_printed_page_names_the_guide_the_chapter_and_the_page(pdfs, slug):
    ARTIFACTS.mkdir(exist_ok=True)  # the first page as a picture, to look at (test-artifacts/)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdfs[slug]),
            str(ARTIFACTS / f"print-{slug}"),
        ],
        check=True,
    )
    pages = pdf_pages(pdfs[slug])
    for number, text in enumerate(pages, start=1):
        assert "Gehechtheid in pleegzorg" in text and TITLES[slug] in text, f"{slug} p{number}: running header"
        assert f"Pagina {number} van {len(pages)}" in text, f"{slug} p{number}: page number"


def test_tip_and_key_message_boxes_are_never_split(site, pdfs):
    slug = "gehechtheid-in-pleegzorg"
    pages = pdf_pages(pdfs[slug])
    for box in soup_of(site, slug).select("div.admonition.pleegtip, div.admonition.kernboodschap"):
        paragraphs = [p for p in box.select("p") if not {"admonition-title", "delen"} & set(p.get("class", []))]
        first, last = normalise(paragraphs[0].get_text(" "))[:50], normalise(paragraphs[-1].get_text(" "))[-50:]
        assert any(squash(first) in squash(page) and squash(last) in squash(page) for page in pages), (
            f"{box['id']} is split across pages"
        )


@pytest.mark.pdf
def test_chapters_link_to_their_pdf_and_the_print_page_lists_them(site):
    for slug in CHAPTERS.values():
        link = soup_of(site, slug).select_one("a.pdf-download")
        assert link.get_text() == "Download als PDF"
        assert (site / slug / link["href"]).resolve() == (site / "pdf" / f"{slug}.pdf").resolve()
    listed = [a["href"] for a in soup_of(site, "printen").select("ul.pdf-lijst a")]
    assert len(listed) == len(chapter_pages()) + 3, (
        "a PDF of every page of the nav section Hoofdstukken, of the guide, the tip sheet and the tip cards"
    )
    assert all((site / "printen" / href).resolve().is_file() for href in listed)


def test_whole_guide_has_cover_contents_and_every_chapter_in_order(site):
    soup = soup_of(site, "volledige-gids")
    cover = normalise(soup.select_one(".gids-omslag").get_text(" "))
    assert "Gehechtheid in pleegzorg" in cover and "Laatst gecontroleerd:" in cover and SITE_URL in cover
    assert soup.select_one("#print-page-toc .print-page-toc-title").get_text() == "Inhoudstafel"
    # The contents list is in the page as built (no script fills it), and every entry leads somewhere.
    contents = [a["href"] for a in soup.select("#print-page-toc a")]
    assert [href for href in contents if href[1:] in CHAPTERS.values()] == [f"#{slug}" for slug in CHAPTERS.values()]
    assert all(soup.find(id=href[1:]) for href in contents)
    assert not soup.select("script[src*='print-site']") and "generate_toc" not in str(soup)
    order = [section["id"] for section in soup.select("section.print-page[id]") if section["id"] in CHAPTERS.values()]
    assert order == list(CHAPTERS.values())
    ids = [element["id"] for element in soup.select("article [id]")]
    assert len(ids) == len(set(ids)), "ids are unique in the whole guide"
    broken = [a["href"] for a in soup.select("article a[href^='#']") if soup.find(id=a["href"][1:]) is None]
    assert not broken, f"links inside the whole guide lead nowhere: {broken[:5]}"


def test_whole_guide_holds_every_page_of_the_menu_that_its_front_matter_lets_in(site):
    """A page leaves the whole guide by its own front matter (volledige_gids: false), and only so."""
    held = {section["id"] for section in soup_of(site, "volledige-gids").select("section.print-page[id]")}
    for slug in nav_pages():
        text = (ROOT / "docs" / f"{slug or 'index'}.md").read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else {}
        wanted = front.get("volledige_gids") is not False
        assert ((slug or "index") in held) == wanted, f"/{slug}/: {'missing from' if wanted else 'in'} the whole guide"
    assert {"wat-is-gehechtheid", "woordenlijst"} <= held and "voor-begeleiders" not in held


def test_print_shows_only_content_and_external_addresses(server, desktop):
    desktop.goto(f"{server}/gehechtheid-in-pleegzorg/")
    desktop.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        "p.delen",
        ".headerlink",
        ".footnote-backref",
        ".pdf-download",
    ):
        assert not desktop.locator(selector).first.is_visible(), f"{selector} is printed"
    for selector in ("h1", "#tip-kleine-signalen", "#kern-vipp-fc-en-basic-trust", "div.footnote", ".print-adres"):
        assert desktop.locator(selector).first.is_visible(), f"{selector} is not printed"
    after = desktop.evaluate(
        """() => { const a = document.createElement('a'); a.href = 'https://www.example.org/folder';
                   a.textContent = 'folder'; document.querySelector('[data-afdruk] > p:not(.delen)').append(a);
                   return getComputedStyle(a, '::after').content; }"""
    )
    assert "https://www.example.org/folder" in after
    size = desktop.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('[data-afdruk] > p:not(.delen)')).fontSize)"
    )
    assert 14.6 <= size <= 16.1, f"body text {size}px is not 11–12 pt"


def test_whole_guide_prints_its_contents_without_javascript(browser, server, site):
    titles = [
        soup_of(site, slug).select_one("article h1").get_text().removesuffix("¶").strip() for slug in CHAPTERS.values()
    ]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/volledige-gids/")
    page.emulate_media(media="print")
    contents = page.locator("#print-page-toc")
    assert contents.is_visible()
    text = contents.inner_text()
    context.close()
    assert all(title in text for title in titles) and "Wat is gehechtheid?" in titles, text[:300]


def test_collapsed_content_is_printed_open(server, desktop):
    desktop.goto(f"{server}/voor-begeleiders/")
    qr = desktop.locator("details.linklijst__qr img").first
    assert not qr.is_visible(), "closed on screen"
    desktop.emulate_media(media="print")
    qr.scroll_into_view_if_needed()
    assert qr.is_visible(), "open in print"


@pytest.mark.parametrize("name", ["wat-is-gehechtheid", "volledige-gids"])
def test_the_printed_qr_codes_are_in_the_pdf(pdfs, tmp_path, name):
    """The printed address's QR code loads late on the screen (loading="lazy": it is for print only); the
    PDF waits for it, so a reader can scan it from the paper. The whole guide prints one per chapter."""
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdfs[name]), str(tmp_path / name)], check=True)
    found = set()
    for png in sorted(tmp_path.glob(f"{name}*.png")):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        found.update(line.strip() for line in result.stdout.splitlines() if line.strip())
    expected = (
        {f"{SITE_URL}{slug}/" for slug in CHAPTERS.values()} if name == "volledige-gids" else {f"{SITE_URL}{name}/"}
    )
    assert expected <= found, f"{name}.pdf: QR codes missing for {sorted(expected - found)}"
