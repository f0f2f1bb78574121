"""Site-wide: Dutch everywhere, no raw citation syntax, nothing from other hosts, the 404 page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from conftest import CHAPTERS, FINGERPRINT, ROOT, all_pages, build, local_files, soup_of

READER_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-md-component-label")
OTHER_ENGLISH = ["Jump back to footnote", "Permanent link", "Footnotes", "Made with", "404 - Not found"]


def english_ui_strings() -> list[str]:
    """Material's English interface strings (its own translation table), apart from codes."""
    table = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    pairs = re.findall(r'"([a-z.]+)": "([^"]*)"', table.read_text(encoding="utf-8"))
    skip = {
        "language",
        "direction",
        "search.config.lang",
        "search.config.pipeline",
        "search.config.separator",
        "blog.categories.in",
    }
    return [value for key, value in pairs if key not in skip] + OTHER_ENGLISH


def reader_strings(soup: BeautifulSoup) -> tuple[set[str], str]:
    """Text nodes and reader-facing attribute values; and the whole visible text."""
    for element in soup(["script", "style"]):
        element.decompose()
    strings = {s.strip() for s in soup.find_all(string=True) if s.strip()}
    for attribute in READER_ATTRIBUTES:
        strings |= {el[attribute].strip() for el in soup.find_all(attrs={attribute: True})}
    return strings, " ".join(sorted(strings))


def test_every_page_is_dutch(site):
    english = english_ui_strings()
    assert len(english) > 40
    for page in all_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "nl", page
        strings, text = reader_strings(soup)
        leaks = [e for e in english if e in strings or (" " in e and e in text)]
        assert not leaks, f"{page.relative_to(site)}: English strings {leaks}"


def test_no_raw_citation_syntax(site):
    for page in all_pages(site):
        html = page.read_text(encoding="utf-8")
        for raw in (
            "[@",
            "[^",
            "\\bibliography",
            "\\full_bibliography",
            "\\bronnenstatus",
            "{.nocase}",
            "///Footnotes",
            "]{",
        ):
            assert raw not in html, f"{page.relative_to(site)} contains {raw!r}"


def test_nothing_is_loaded_from_another_host(site):
    for page in all_pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not re.match(r"(https?:)?//", element[attribute]), f"{page.name}: {element}"
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_search_is_dutch(site):
    """Pagefind indexed the pages as Dutch (it stems Dutch words), and nothing of Material's search is left."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    assert not (site / "search").exists() and not list(site.rglob("lunr*"))


def test_chapters_have_toc_and_previous_next(site):
    for slug in CHAPTERS.values():
        soup = soup_of(site, slug)
        assert soup.select("nav.md-nav--secondary a.md-nav__link"), f"{slug}: table of contents"
        footer_links = soup.select("nav.md-footer__inner a.md-footer__link")
        assert footer_links, f"{slug}: previous/next links"


def test_light_and_dark_palette_toggle(site):
    soup = soup_of(site, "")
    toggles = soup.select("form.md-header__option input[name='__palette']")
    assert {t["data-md-color-scheme"] for t in toggles} == {"default", "slate"}
    labels = {label.get("title") for label in soup.select("form.md-header__option label")}
    assert labels == {"Donkere weergave inschakelen", "Lichte weergave inschakelen"}


def test_colours_come_with_the_site_stylesheet(site):
    """The dark scheme's rules travel in site.min.css; Material's palette stylesheet is not requested."""
    linked = [
        link["href"]
        for page in all_pages(site)
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("link[rel=stylesheet]")
    ]
    assert linked and not [href for href in linked if "stylesheets/palette." in href]
    stylesheet = next((site / "assets").glob("site.*.min.css")).read_text(encoding="utf-8")
    scheme, own = (
        stylesheet.index("[data-md-color-scheme=slate]{color-scheme:dark"),
        stylesheet.index("--site-tip-color"),
    )
    assert scheme < own, "Material's scheme rules come before the site's own colours"
    assert "[data-md-color-primary=red]" not in stylesheet and "[data-md-color-accent=red]" not in stylesheet


def test_404_page_is_dutch_and_leads_to_the_chapters(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert "bestaat niet" in article.select_one("h1").get_text()
    hrefs = [a["href"] for a in article.select("a[href]")]
    for slug in CHAPTERS.values():
        assert any(href.rstrip("/").endswith(slug) and href.startswith("/") for href in hrefs), slug


@pytest.mark.parametrize("slug", ["", *CHAPTERS.values(), "bronnen", "over-deze-gids"])
def test_page_has_a_dutch_description(site, slug):
    meta = soup_of(site, slug).find("meta", attrs={"name": "description"})
    assert meta is not None and len(meta["content"]) > 30


@pytest.mark.slow
def test_mkdocs_builds_the_same_files_as_properdocs(tmp_path, site):
    """The site is built with ProperDocs (MkDocs 1.x's continuation, ./run.sh); MkDocs 1.6 itself builds the
    same files, byte for byte but for the generator's name: a move between the two is proven, not hoped
    (README, Onderhoud en toekomst)."""
    other = tmp_path / "site"
    result = build(ROOT, other, generator="mkdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    generator = re.compile(rb'<meta content="mkdocs-[^"]*" name="generator"/>')

    def without_generator(path: Path) -> bytes:
        """A file as it would be without the generator's name: in the service worker's list, a page's content
        hash (which covers that name) stands as "page"."""
        data = generator.sub(b"", path.read_bytes())
        if path.name != "sw.js":
            return data
        listed = re.search(rb"var BESTANDEN = (\{.*?\});\n", data)
        entries = json.loads(listed.group(1))
        for address, entry in entries.items():
            if address == "" or address.endswith(("/", ".html")):
                entry[0] = "page"
        return data.replace(listed.group(1), json.dumps(entries).encode())

    def files(folder: Path) -> dict[str, bytes]:
        """Every file but the compressed copies (they follow the pages) and the PDFs (this build makes none)."""
        return {
            path.relative_to(folder).as_posix(): without_generator(path)
            for path in folder.rglob("*")
            if path.is_file() and path.suffix not in (".br", ".gz", ".pdf")
        }

    ours_folder = site
    if (site / "pdf").is_dir():  # the site of this run has PDFs, and so PDF links: ProperDocs again, without them
        ours_folder = tmp_path / "properdocs"
        again = build(ROOT, ours_folder)
        assert again.returncode == 0, again.stdout + again.stderr
    ours, theirs = files(ours_folder), files(other)
    assert sorted(ours) == sorted(theirs)
    assert any(generator.search(path.read_bytes()) for path in other.rglob("*.html")), "the tag this test folds"
    differ = sorted(name for name in ours if ours[name] != theirs[name])
    assert not differ, f"MkDocs builds these differently: {differ[:10]}"


def test_every_script_style_and_data_file_has_its_content_hash_in_its_name(site):
    """So the server can cache them for ever: a deploy that changes one gives it a new name. Pagefind's
    pagefind.js keeps its name: it finds its other files by theirs (server/nginx.conf checks it every visit), and
    so does the service worker, sw.js: the browser finds a new version by its name."""
    named = local_files(site)
    assert any(path.endswith(".json") for path in named) and any(path.endswith(".css") for path in named)
    assert "pagefind/pagefind.js" in named
    unhashed = sorted(
        path for path in named if not FINGERPRINT.search(path) and not path.startswith("pagefind/") and path != "sw.js"
    )
    assert not unhashed, f"named without a content hash: {unhashed}"
    missing = sorted(path for path in named if not (site / path).is_file())
    assert not missing, f"named but not in the site: {missing}"


def test_the_sites_own_scripts_are_served_minified(site):
    """Every script of the site's own (docs/assets/*.js) reaches a page minified, under a .min.js name:
    no comment survives, and the file is smaller than its source."""
    sources = sorted((ROOT / "docs" / "assets").glob("*.js"))
    assert sources
    for source in sources:
        served = sorted((site / "assets").glob(f"{source.stem}.*.min.js"))
        assert len(served) == 1, f"{source.name}: served as {[path.name for path in served]}"
        text = served[0].read_text(encoding="utf-8")
        assert "/*" not in text and not re.search(r"^\s*//", text, re.M), f"{served[0].name} keeps its comments"
        assert len(text) < len(source.read_text(encoding="utf-8")), source.name
        assert not list((site / "assets").glob(f"{source.stem}.js")) and not any(
            re.fullmatch(rf"{source.stem}\.[0-9a-f]{{8}}\.js", path.name) for path in (site / "assets").iterdir()
        ), f"{source.name} is also served unminified"
