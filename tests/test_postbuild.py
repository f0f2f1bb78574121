"""The post-build step (gids/postbuild.py) on a small folder of hand-written HTML, without MkDocs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gids import addresses, compress, csp, fingerprint, glossary, handouts, links, postbuild
from gids.model import EditorError, PageFacts, Site, Term
from gids.project import nav_pages

from conftest import ROOT, chapter_pages

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{title}</title>
<script src="{up}assets/site.js"></script></head>
<body><article><h1 id="top">{title}</h1>{body}</article></body></html>
"""


def hand_written(tmp_path: Path, pages: dict[str, str]) -> Site:
    """A site of hand-written pages ({address: body}) and a script, with the facts a generator would give."""
    folder = tmp_path / "site"
    for url, body in pages.items():
        path = folder / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        up = "../" * url.count("/")
        path.write_text(PAGE.format(title=url or "Start", up=up, body=body), encoding="utf-8")
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "site.js").write_text("console.log('hallo');\n" * 40, encoding="utf-8")
    (tmp_path / "adressen.txt").write_text("# adressen\n/\n", encoding="utf-8")
    facts = [PageFacts(url=url, source=f"docs/{url.rstrip('/') or 'index'}.md", title=url or "Start") for url in pages]
    return Site(
        folder=folder,
        root=tmp_path,
        url="https://gids.example/",
        name="Gids",
        description="Een gids",
        favicon="data:,",
        stylesheet="assets/site.css",
        pages=facts,
        glossary=[Term("veilige basis", ["veilige basis"], "Uitleg.", "woord-veilige-basis", 1)],
    )


def passes(*steps) -> tuple[postbuild.Pass, ...]:
    """The passes of the table that run these steps, in the table's order."""
    chosen = tuple(p for p in postbuild.PASSES if p.run in steps)
    assert len(chosen) == len(steps)
    return chosen


def test_every_page_is_parsed_once_for_all_page_passes(tmp_path, monkeypatch):
    site = hand_written(tmp_path, {"": "<p>Start</p>", "a/": '<p><a href="../b/">b</a></p>', "b/": "<p>B</p>"})
    parsed: list[Path] = []
    real = postbuild.parse
    monkeypatch.setattr(postbuild, "parse", lambda path: parsed.append(path) or real(path))
    page_passes = tuple(p for p in postbuild.PASSES if p.each_page)
    assert len(page_passes) >= 5
    postbuild.run(site, page_passes)
    assert sorted(parsed) == sorted(site.folder.rglob("*.html")), "each page once, and only pages"


def test_hand_written_pages_get_the_policy_and_their_fingerprinted_script(tmp_path):
    site = hand_written(tmp_path, {"": "<p>Start</p>", "a/": "<p>Een pagina</p>"})
    postbuild.run(site, passes(fingerprint.rename_links, csp.add_policy))  # no renamed files yet: names stay
    site.renamed["assets/site.js"] = "assets/site.0123abcd.js"
    postbuild.run(site, passes(fingerprint.rename_links))
    page = BeautifulSoup((site.folder / "a" / "index.html").read_text(encoding="utf-8"), "html.parser")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None and "script-src 'self'" in policy["content"] and "unsafe-inline" not in policy["content"]
    assert page.find("script")["src"] == "../assets/site.0123abcd.js"


def test_inline_code_in_a_built_page_stops_with_the_page_named(tmp_path):
    site = hand_written(tmp_path, {"": "<p>Start</p>", "a/": '<p onclick="alert(1)">Klik</p>'})
    with pytest.raises(EditorError, match=r"a/index\.html: deze gebouwde pagina bevat code die de Content-Security"):
        postbuild.run(site, passes(csp.add_policy))


def test_a_link_to_a_missing_part_is_said_with_its_markdown_file(tmp_path):
    site = hand_written(tmp_path, {"": '<p><a href="a/#nergens">a</a></p>', "a/": "<p>A</p>"})
    with pytest.raises(addresses.AddressError) as error:
        postbuild.run(site, passes(addresses.collect, addresses.check))
    assert "docs/index.md" in str(error.value) and "#nergens" in str(error.value)
    assert "geen onderdeel" in str(error.value)


def test_a_glossary_word_no_page_explains_stops_the_build(tmp_path):
    site = hand_written(tmp_path, {"": "<p>Geen uitgelegd woord.</p>"})
    with pytest.raises(glossary.GlossaryError, match="nergens in de gids"):
        postbuild.run(site, passes(glossary.collect_used, glossary.check_used))
    used = hand_written(
        tmp_path / "b", {"": '<p><a class="uitleg" href="woordenlijst/#woord-veilige-basis">veilige basis</a></p>'}
    )
    postbuild.run(used, passes(glossary.collect_used, glossary.check_used))  # explained once: no error


def test_compressed_beside_every_page_and_script(tmp_path):
    site = hand_written(tmp_path, {"": "<p>Start</p>" * 50})
    postbuild.run(site, passes(compress.precompress))
    for name in ("index.html", "assets/site.js"):
        assert (site.folder / f"{name}.br").is_file() and (site.folder / f"{name}.gz").is_file(), name


def test_every_pass_reads_only_facts_or_what_an_earlier_pass_wrote():
    known = set(postbuild.FACTS)
    for step in postbuild.PASSES:
        fields = [read for read in step.reads if read.startswith("site.")]
        missing = [read for read in fields if read not in known]
        assert not missing, f"{step.name} reads {missing} before any pass writes it"
        known.update(write for write in step.writes if write.startswith("site."))
        for declared in (*step.reads, *step.writes):
            assert re.fullmatch(r"(site\.\w+|files:.+)", declared), f"{step.name}: {declared}"


def test_the_command_reads_the_facts_from_the_project(tmp_path):
    site = postbuild.site_from_project(ROOT, tmp_path)
    by_source = {page.source: page for page in site.pages}
    nav = nav_pages()
    in_nav = sorted(page.url.rstrip("/") for page in site.pages if page.in_nav)
    assert in_nav == sorted(nav)
    assert sorted(page.url.rstrip("/") for page in site.chapters) == sorted(chapter_pages())
    assert not by_source["docs/selectie.md"].in_nav
    assert site.redirect_maps, "redirect_maps under the gids plugin"
    assert site.stylesheet.endswith(".min.css") and site.glossary


def test_the_command_says_a_mistake_in_dutch(tmp_path):
    """`python -m gids.postbuild` on a folder whose page links nowhere: a Dutch message, exit code 1."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Gids\nsite_url: https://gids.example/\nnav:\n  - Start: index.md\nextra_css: [assets/site.css]\n",
        encoding="utf-8",
    )
    (project / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    (project / "woordenlijst.yml").write_text("[]\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE.format(title="Start", up="", body='<a href="weg/">weg</a>'), encoding="utf-8")
    steps = ("addresses.collect", "addresses.check")
    code = (
        "import sys; from gids import postbuild; "
        f"postbuild.PASSES = tuple(p for p in postbuild.PASSES if p.name in {steps!r}); "
        "sys.exit(postbuild.main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(site), "--project", str(project)], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert "docs/index.md" in result.stderr and "bestaat niet" in result.stderr, result.stderr


def test_the_extension_and_the_post_build_step_need_no_mkdocs():
    """Another generator can run both: importing them loads nothing of MkDocs (nor of Material)."""
    code = (
        "import sys\n"
        "class Refuse:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('mkdocs', 'material', 'properdocs'):\n"
        "            raise ImportError(f'{name} imported')\n"
        "sys.meta_path.insert(0, Refuse())\n"
        "import markdown, gids.markdown, gids.postbuild\n"
        "html = markdown.markdown('Een *woord*.', extensions=['gids.markdown'])\n"
        "assert html == '<p>Een <em>woord</em>.</p>', html\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_the_command_lists_the_pages_in_the_menus_order(tmp_path):
    """The chapters' PDFs are printed, and a slow one is named, in the menu's order."""
    site = postbuild.site_from_project(ROOT, tmp_path)
    assert [page.url.rstrip("/") for page in site.pages if page.in_nav] == nav_pages()
    assert [page.url.rstrip("/") for page in site.chapters] == chapter_pages()


def test_only_the_theme_module_knows_materials_names():
    """Material's classes and attributes (`md-…`) are named in gids/theme/material.py only: a new theme
    replaces that one module (README, Onderhoud en toekomst)."""
    package = ROOT / "gids"
    naming = sorted(
        path.relative_to(ROOT).as_posix()
        for path in package.rglob("*.py")
        if "theme" not in path.relative_to(package).parts and re.search(r"\bmd-[a-z]", path.read_text(encoding="utf-8"))
    )
    assert not naming, f"Material's names outside gids/theme/: {naming}"
    assert re.search(r"\bmd-[a-z]", (package / "theme" / "material.py").read_text(encoding="utf-8"))


def test_check_and_test_run_the_linters_first():
    """ruff and mypy, as pyproject.toml configures them, in ./run.sh check and ./run.sh test (and so in CI)."""
    script = (ROOT / "run.sh").read_text(encoding="utf-8")
    lint = script.split("lint() {", 1)[1].split("}", 1)[0]
    assert "ruff check" in lint and "ruff format --quiet --check" in lint and "mypy" in lint
    for command in ("test)", "check)"):
        branch = script.split(f"  {command}", 1)[1].split(";;", 1)[0]
        assert branch.index("lint") < branch.index("pytest"), f"./run.sh {command} runs lint before the tests"


CONTENT_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><div data-afdruk="{name}">{body}<aside class="pagina-info"><p>Laatst gecontroleerd</p></aside>
</div></article></body></html>
"""
TIP = (
    '<div class="admonition pleegtip" id="tip-rust"><p class="admonition-title">Rust in huis'
    '<a class="headerlink" href="#tip-rust">#</a></p><p>Een vaste plek <a href="#bron-3" data-bronnen="3">3</a>.</p></div>'
)
SOURCES = (
    '<div class="footnote"><ol><li id="bron-3">Bron drie. <a class="footnote-backref" href="#x">↩</a></li>'
    '<li id="bron-4">Bron vier.</li></ol></div>'
)


def with_content(tmp_path: Path, pages: dict[str, str], **facts) -> Site:
    """Built pages whose text stands where the site's template puts it ({address: body}), with their facts."""
    site = hand_written(tmp_path, {})
    for url, body in pages.items():
        path = site.folder / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        name = url.strip("/") or "index"
        path.write_text(CONTENT_PAGE.format(title=name, name=name, body=body), encoding="utf-8")
    site.pages = [
        PageFacts(
            url=url,
            source=f"docs/{url.strip('/') or 'index'}.md",
            title=url.strip("/").capitalize(),
            **facts.get(url, {}),
        )
        for url in pages
        if url != "volledige-gids/"
    ]
    return site


def built(site: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site.folder / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_tip_sheet_is_filled_from_the_built_chapters(tmp_path):
    site = with_content(
        tmp_path,
        {
            "hoofdstuk/": f'<h1>Hoofdstuk</h1><h2 id="thuis">Thuis</h2>{TIP}{SOURCES}',
            "tips-op-een-blad/": "<h1>Alle tips</h1><p>\\alletips</p>",
        },
        **{"hoofdstuk/": {"chapter": True}, "tips-op-een-blad/": {"in_nav": False}},
    )
    postbuild.run(site, passes(handouts.collect, links.share_controls, handouts.fill))
    sheet = built(site, "tips-op-een-blad")
    assert "\\alletips" not in sheet.get_text()
    tip = sheet.select_one("section#deel-tip-rust")
    assert tip is not None and "Een vaste plek" in tip.get_text()
    assert tip.select_one("a[href='../hoofdstuk/#tip-rust']") is not None
    assert tip.select_one(".delen") is None  # the tip as written, not the chapter's controls
    assert tip.select_one("[id=tip-rust]") is None  # the chapter keeps the id: it is the tip's address
    cited = sheet.select(".deel-bronnen li")
    assert [item["id"] for item in cited] == ["bron-3"]  # only the sources the tips cite
    assert cited[0].select_one(".footnote-backref") is None
    chapter = built(site, "hoofdstuk")
    share = chapter.select_one("#tip-rust p.delen button")
    assert share["data-anker"] == "tip-rust" and share["data-titel"] == "Tip: Rust in huis"
    assert chapter.select_one("#bron-3 .footnote-backref") is not None  # the chapter's own list is untouched
    assert site.contents["hoofdstuk/"].sections == [("thuis", "Thuis")]
    assert site.contents["hoofdstuk/"].boxes[0].section == "thuis"


def test_the_printed_address_ends_the_text_before_the_templates_lines(tmp_path):
    site = with_content(tmp_path, {"hoofdstuk/": "<h1>Hoofdstuk</h1><p>Tekst.</p>", "selectie/": "<h1>Voor jou</h1>"})
    site.pages[1] = PageFacts(url="selectie/", source="docs/selectie.md", title="Voor jou", own_address=True)
    postbuild.run(site, passes(handouts.collect, links.share_controls, links.printed_address))
    content = built(site, "hoofdstuk").select_one("[data-afdruk]")
    blocks = [child for child in content.children if getattr(child, "name", None)]
    assert [block.name for block in blocks[-2:]] == ["div", "aside"]
    assert blocks[-2]["class"] == ["print-adres"]
    assert blocks[-2].code.get_text() == "https://gids.example/hoofdstuk/"
    assert (site.folder / blocks[-2].img["src"].replace("../", "")).is_file()
    assert content.h1.find_next_sibling().name == "p" and "delen" in content.h1.find_next_sibling()["class"]
    own = built(site, "selectie")  # a page that makes its own address in the browser: neither
    assert own.select_one(".print-adres, .delen") is None


def test_each_page_in_the_whole_guide_gets_its_share_controls_and_printed_address(tmp_path):
    guide = (
        '<h1>Volledige gids</h1><section class="print-page" id="hoofdstuk">'
        f'<h1 id="hoofdstuk-hoofdstuk">Hoofdstuk</h1>{TIP}</section>'
    )
    site = with_content(tmp_path, {"hoofdstuk/": f"<h1>Hoofdstuk</h1>{TIP}", "volledige-gids/": guide})
    postbuild.run(site, passes(handouts.collect, links.share_controls, links.printed_address))
    section = built(site, "volledige-gids").select_one("section.print-page")
    assert section.h1.find_next_sibling("p", class_="delen") is not None
    assert section.select_one("#tip-rust p.delen button")["data-anker"] == "tip-rust"
    address = section.select_one(".print-adres")
    assert address.code.get_text() == "https://gids.example/hoofdstuk/"
    # Printed only: not fetched on the screen; a browser loads it before it prints, the PDFs wait for it.
    assert address.img["loading"] == "lazy"
