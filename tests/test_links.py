"""Links that last: the address contract, previews, the caseworkers' page, sharing."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from gids import addresses

from conftest import CHAPTERS, ROOT, SITE_URL, all_pages, build, copy_project, nav_pages, page_ids, soup_of
from test_content import TIP_IDS

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


# 404.html, 403.html, 500.html: what nginx sends with an error; offline.html: what the service worker shows
ERROR_PAGE = re.compile(r"\d{3}\.html|offline\.html")


def content_pages(site):
    """Built pages that are real pages (not an error page such as 404.html, or a redirect)."""
    for page in all_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        if ERROR_PAGE.fullmatch(page.relative_to(site).as_posix()) or soup.find(
            "meta", attrs={"http-equiv": "refresh"}
        ):
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
                "meta", attrs={"http-equiv": "refresh"}
            )
            assert refresh is not None, f"{address}: should redirect"
            continue
        assert page.exists(), f"{address}: page is gone (add a redirect in mkdocs.yml)"
        if anchor:
            assert anchor in page_ids(page), f"{address}: anchor is gone"


def public_addresses(site: Path) -> list[str]:
    """Every public address of a built site, read from its pages: each page, and each section heading, tip, key
    message, glossary word and source of a page in the menu."""
    found = []
    for page, soup in content_pages(site):
        slug = page.parent.relative_to(site).as_posix().strip(".")
        path = f"/{slug}/" if slug else "/"
        found += [path, *(f"{path}#{anchor}" for anchor in public_anchors(slug, soup))]
    return found


def test_every_public_address_of_the_site_is_in_adressen_txt(site):
    """An address is permanent once it is in adressen.txt. The builds of serve, ./run.sh check and the tests record
    nothing (a heading being written can still be renamed), so this is where an unrecorded address is caught: by
    ./run.sh check, and by CI."""
    listed = set(contract())
    missing = [address for address in public_addresses(site) if address not in listed]
    assert not missing, (
        f"Deze {len(missing)} adres(sen) van de site staan nog niet in adressen.txt: {', '.join(missing[:8])}"
        f"{', …' if len(missing) > 8 else ''}.\nLeg ze vast met ./run.sh adressen en neem adressen.txt mee in je "
        "commit. Is een kop nog niet af? Hernoem hem dan eerst: een adres ligt pas vast als het in adressen.txt staat."
    )


def test_only_builds_that_publish_or_are_asked_to_record_addresses(monkeypatch):
    """./run.sh build and ./run.sh adressen set ADRESSEN=1; a build of serve never records, whatever is set."""
    monkeypatch.delenv("ADRESSEN", raising=False)
    assert not addresses.recording("build")
    monkeypatch.setenv("ADRESSEN", "1")
    assert addresses.recording("build") and not addresses.recording("serve")
    script = (ROOT / "run.sh").read_text(encoding="utf-8")
    assert re.search(r"^\s*ADRESSEN=1 exec \.venv/bin/properdocs build", script, re.M), "./run.sh build records"
    assert re.search(r"^\s*PDF=0 ADRESSEN=1 \.venv/bin/properdocs build", script, re.M), "./run.sh adressen records"
    assert "ADRESSEN" not in script.split("  serve)")[1].split(";;")[0], "./run.sh serve records nothing"


@pytest.mark.slow  # builds a copy of the project twice
def test_a_build_records_new_addresses_only_when_asked(tmp_path):
    """A copy whose adressen.txt lacks a chapter's addresses (as when an editor adds a chapter): a build as ./run.sh
    check runs it leaves the list byte for byte and says how to record them; a build that records (./run.sh adressen,
    ./run.sh build) adds them back, and then the list holds every public address of the built copy."""
    project = copy_project(tmp_path / "project")
    listed = (project / "adressen.txt").read_text(encoding="utf-8").splitlines()
    removed = [line for line in listed if line.startswith("/wat-is-gehechtheid/")]
    assert len(removed) > 3 and "/wat-is-gehechtheid/" in removed
    (project / "adressen.txt").write_text(
        "".join(f"{line}\n" for line in listed if line not in removed), encoding="utf-8"
    )
    before = (project / "adressen.txt").read_bytes()
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert (project / "adressen.txt").read_bytes() == before, "a build that does not record changed adressen.txt"
    assert "nog niet vastgelegd: dat doet ./run.sh adressen" in output, output
    result = build(project, tmp_path / "recorded", record=True)
    assert result.returncode == 0, result.stdout + result.stderr
    after = set((project / "adressen.txt").read_text(encoding="utf-8").splitlines())
    assert set(removed) <= after, f"not added again: {sorted(set(removed) - after)}"
    missing = [address for address in public_addresses(tmp_path / "recorded") if address not in after]
    assert not missing, f"public but not in adressen.txt: {missing}"


def files_of(project: Path) -> dict[str, bytes]:
    """Every file of a project copy, by path (not the cache of QR codes and compressed files, which git ignores)."""
    return {
        path.relative_to(project).as_posix(): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(project).parts
    }


@pytest.mark.slow  # builds a copy of the project twice
def test_a_draft_heading_can_be_renamed_and_a_build_as_check_runs_it_changes_no_file(tmp_path):
    """What an editor does while writing: a new heading, built as ./run.sh check and serve build it, then renamed.
    No build writes a file of the project, and the rename does not stop the build: the heading's address was never
    recorded, so it was never public."""
    project = copy_project(tmp_path / "project")
    chapter = project / "docs" / "wat-is-gehechtheid.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n## Een kop in wording\n\nEen zin.\n", encoding="utf-8")
    for number, heading in enumerate(("## Een kop in wording", "## Een kop die af is")):
        text = chapter.read_text(encoding="utf-8")
        chapter.write_text(re.sub(r"^## Een kop .*$", heading, text, flags=re.M), encoding="utf-8")
        files = files_of(project)
        result = build(project, tmp_path / f"site-{number}")
        assert result.returncode == 0, result.stdout + result.stderr
        anchor = heading[3:].lower().replace(" ", "-")
        assert anchor in page_ids(tmp_path / f"site-{number}" / "wat-is-gehechtheid" / "index.html")
        after = files_of(project)
        changed = sorted(name for name in files.keys() | after.keys() if files.get(name) != after.get(name))
        assert not changed, f"the build changed files of the project: {changed}"


def test_redirect_leads_to_its_new_place(site):
    for old, new in redirects().items():
        soup = BeautifulSoup((site / old.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
        target_page, _, anchor = new.partition("#")
        url = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
        assert url == f"../{target_page.removesuffix('.md')}/" + (f"#{anchor}" if anchor else "")
        assert soup.html["lang"] == "nl"


@pytest.mark.parametrize("tip_id", TIP_IDS)
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
    skipped = (
        "/voor-begeleiders",
        "/bronnen/#bron-",
        "/woordenlijst/#",
        "/volledige-gids/",
        "/selectie/",
        "/tips-op-een-blad/",
        "/tipkaarten/",
        *redirects(),
    )
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
    assert soup.select_one("article button[data-zoeken]").get_text() == "Zoek in de gids"


def test_share_controls_name_what_is_shared(site):
    assert soup_of(site, "").select_one("p.delen .delen__knop")["data-titel"] == "Gehechtheid in pleegzorg"
    tip = soup_of(site, "gehechtheid-in-pleegzorg").select_one("#tip-kleine-signalen .delen__knop")
    assert tip["data-titel"] == "Tip: Let op kleine signalen" and tip["data-anker"] == "tip-kleine-signalen"
