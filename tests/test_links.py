"""Links that last: the address contract, previews, the caseworkers' page, sharing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from conftest import CHAPTERS, ROOT, SITE_URL, all_pages, build, copy_project, nav_pages, page_ids, soup_of

CONTRACT = ROOT / "adressen.txt"


def contract() -> list[str]:
    lines = CONTRACT.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def redirects() -> dict[str, str]:
    """Old address -> new place, from mkdocs.yml (redirect_maps, the option of the gids plugin)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "gids" in plugin:
            maps = plugin["gids"]["redirect_maps"]
            return {"/" + old.removesuffix(".md").removesuffix("index") + "/": new for old, new in maps.items()}
    return {}


ERROR_PAGE = re.compile(r"\d{3}\.html")  # 404.html, 403.html, 500.html: what nginx sends with an error


def content_pages(site):
    """Built pages that are real pages (not an error page such as 404.html, or a redirect)."""
    for page in all_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        if ERROR_PAGE.fullmatch(page.relative_to(site).as_posix()) or soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        yield page, soup


def public_anchors(slug: str, soup) -> list[str]:
    if slug not in nav_pages():  # the whole guide, the selection and the handouts: addresses as a whole
        return []
    selector = "h2[id], h3[id], h4[id], div.admonition[id], dl.woordenlijst dt[id]"
    selector += ", li[id^='bron-']" if slug == "bronnen" else ""
    return [element["id"] for element in soup.select_one("article").select(selector)]


def test_contract_addresses_resolve_or_redirect(site):
    moved = redirects()
    for address in contract():
        path, _, anchor = address.partition("#")
        page = site / path.strip("/") / "index.html"
        if path in moved:
            assert page.exists(), f"{address}: redirected in mkdocs.yml, but no redirect page was built"
            refresh = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(
                "meta", attrs={"http-equiv": "refresh"})
            assert refresh is not None, f"{address}: should redirect"
            continue
        assert page.exists(), f"{address}: page is gone (add a redirect in mkdocs.yml)"
        if anchor:
            assert anchor in page_ids(page), f"{address}: anchor is gone"


@pytest.mark.slow  # builds a copy of the project
def test_the_build_adds_every_public_address_to_the_contract(tmp_path):
    """A copy whose adressen.txt lacks a chapter's addresses (as when an editor adds a chapter): after its build the
    list has them back, and every public address of the built copy. (On the project itself this cannot fail: the
    session's build has added what was missing before any test looks.)"""
    project = copy_project(tmp_path / "project")
    listed = (project / "adressen.txt").read_text(encoding="utf-8").splitlines()
    removed = [line for line in listed if line.startswith("/wat-is-gehechtheid/")]
    assert len(removed) > 3 and "/wat-is-gehechtheid/" in removed
    (project / "adressen.txt").write_text("".join(f"{line}\n" for line in listed if line not in removed), encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    after = set((project / "adressen.txt").read_text(encoding="utf-8").splitlines())
    assert set(removed) <= after, f"not added again: {sorted(set(removed) - after)}"
    for page, soup in content_pages(site):
        slug = page.parent.relative_to(site).as_posix().strip(".")
        path = f"/{slug}/" if slug else "/"
        assert path in after, f"{path} is public but not in adressen.txt"
        for anchor in public_anchors(slug, soup):
            assert f"{path}#{anchor}" in after, f"{path}#{anchor} is public but not in adressen.txt"


def test_redirect_leads_to_its_new_place(site):
    for old, new in redirects().items():
        soup = BeautifulSoup((site / old.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
        target_page, _, anchor = new.partition("#")
        url = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
        assert url == f"../{target_page.removesuffix('.md')}/" + (f"#{anchor}" if anchor else "")
        assert soup.html["lang"] == "nl"


@pytest.mark.parametrize("tip_id", [
    "tip-ondersteun-pleegouders", "tip-kleine-signalen", "tip-kind-bezeert-zich", "tip-au-momentjes",
    "tip-stabiele-relaties", "tip-fijne-momenten", "tip-controlerend-gedrag",
])
def test_every_tip_has_a_visible_link_to_itself(site, tip_id):
    box = soup_of(site, "gehechtheid-in-pleegzorg").find(id=tip_id)
    link = box.select_one(".admonition-title a.headerlink")
    title = box.select_one(".admonition-title").get_text().removesuffix("#").strip()
    assert link is not None and link["href"] == f"#{tip_id}" and link["aria-label"] == f"Link naar deze tip: {title}"
    assert f"/gehechtheid-in-pleegzorg/#{tip_id}" in contract()


def test_section_headings_have_a_link_to_themselves(site):
    for slug in CHAPTERS.values():
        for heading in soup_of(site, slug).select("article h2[id], article h3[id]"):
            link = heading.select_one("a.headerlink")
            text = heading.get_text().removesuffix(link.get_text()).strip()
            assert link["href"] == f"#{heading['id']}" and link["aria-label"] == f"Link naar dit onderdeel: {text}"


def test_every_page_previews_well(site):
    for page, soup in content_pages(site):
        name = page.relative_to(site).as_posix()
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical.startswith(SITE_URL), name
        description = soup.find("meta", attrs={"name": "description"})["content"]
        og = {m["property"]: m["content"] for m in soup.find_all("meta", attrs={"property": re.compile("^og:")})}
        twitter = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": re.compile("^twitter:")})}
        assert og["og:url"] == canonical, name
        assert og["og:description"] == description == twitter["twitter:description"], name
        assert og["og:title"] and og["og:title"] == twitter["twitter:title"], name
        assert og["og:image"] == twitter["twitter:image"] == SITE_URL + "assets/deelbeeld.png", name
        assert og["og:locale"] == "nl_BE" and twitter["twitter:card"] == "summary_large_image", name
        if name == "index.html":
            assert og["og:title"] == "Gehechtheid in pleegzorg", "the home page previews with the guide's name"


def test_descriptions_are_written_per_page(site):
    descriptions = [soup.find("meta", attrs={"name": "description"})["content"] for _, soup in content_pages(site)]
    assert len(descriptions) == len(set(descriptions)), "each page has its own description"


def test_share_image_is_built(site):
    with Image.open(site / "assets" / "deelbeeld.png") as image:
        assert image.size == (1200, 630)
        assert len(image.getcolors(maxcolors=100000) or []) > 2, "the image has text on it"


def test_sitemap_lists_every_page_absolutely(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for page, soup in content_pages(site):
        slug = page.parent.relative_to(site).as_posix().strip(".")
        if slug == "volledige-gids":
            continue  # made after the sitemap, for printing
        if soup.find("meta", attrs={"name": "robots", "content": "noindex"}):
            assert SITE_URL + f"{slug}/" not in locations, f"{slug}: noindex, so not in the sitemap"
            continue
        assert SITE_URL + (f"{slug}/" if slug else "") in locations


def test_caseworkers_page_links_every_chapter_section_and_tip(site):
    """Every address of the contract is on Voor begeleiders with a copy button and a QR code (not listed
    there: the page itself, single sources, glossary words, the print page, moved addresses, the pages
    outside the menu)."""
    skipped = ("/voor-begeleiders", "/bronnen/#bron-", "/woordenlijst/#", "/volledige-gids/", "/selectie/",
               "/tips-op-een-blad/", "/tipkaarten/", *redirects())
    soup = soup_of(site, "voor-begeleiders")
    buttons = soup.select("form.kiezer button.kopieer-link[data-url]")
    addresses = {button["data-url"] for button in buttons}
    for address in contract():
        if address.startswith(skipped) or address.endswith("#in-het-kort"):
            continue
        assert SITE_URL.rstrip("/") + address in addresses, f"{address} missing on Voor begeleiders"
    for button in buttons:
        address = button["data-url"]
        qr = button.find_next_sibling("details", class_="linklijst__qr")
        assert qr.select_one("code.linklijst__adres").get_text() == address
        image = qr.select_one("img")
        assert image["alt"].startswith("QR-code naar ")
        svg = (site / "voor-begeleiders" / unquote(image["src"])).resolve()
        assert svg.exists(), image["src"]
        assert f"<title>QR-code naar {address}</title>" in svg.read_text(encoding="utf-8")


def test_404_page_offers_search(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article label[for='__search']").get_text() == "Zoek in de gids"


def test_share_controls_name_what_is_shared(site):
    assert soup_of(site, "").select_one("p.delen .delen__knop")["data-titel"] == "Gehechtheid in pleegzorg"
    tip = soup_of(site, "gehechtheid-in-pleegzorg").select_one("#tip-kleine-signalen .delen__knop")
    assert tip["data-titel"] == "Tip: Let op kleine signalen" and tip["data-anker"] == "tip-kleine-signalen"
