"""Fast tests of the package's pure functions: input -> expected output, golden files in tests/golden/.

No site build: each test takes milliseconds. When a change of output is intended, write the new
expected files with `UPDATE_GOLDEN=1 ./run.sh test tests/test_units.py` and read the diff before
committing it.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from xml.etree import ElementTree

import brotli
import markdown
import pytest
from bs4 import BeautifulSoup

from gids import citations, compress, csp, glossary
from gids.markdown import citations as markdown_citations
from gids.markdown import reading
from gids.model import Site
from gids.soup import attribute
from gids.theme import material

GOLDEN = Path(__file__).resolve().parent / "golden"


def golden(name: str, actual: str) -> None:
    """Compares actual with tests/golden/<name>, or writes it there with UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: write it with UPDATE_GOLDEN=1 and check it"
    assert actual == path.read_text(encoding="utf-8"), f"differs from {path} (UPDATE_GOLDEN=1 rewrites it)"


def test_runs_of_numbers():
    assert citations.runs([2, 3]) == [[2, 3]]
    assert citations.runs([30, 31, 32, 38, 41, 42, 43]) == [[30, 31, 32], [38], [41, 42, 43]]
    assert citations.runs([5]) == [[5]]


def test_citation_markers_and_source_list():
    """Footnotes as Python-Markdown writes them -> grouped markers with brochure numbers, the source list
    in number order, an author's own footnote apart."""
    html = markdown.markdown((GOLDEN / "bronnen.md").read_text(encoding="utf-8"), extensions=["footnotes"])
    keys = ["b2", "b3", "b30", "b31", "b32", "b33", "b34", "b35", "b36", "b38", "b41", "b42", "b43"]
    numbers = {key: int(key[1:]) for key in keys}
    sources = citations.Sources(Path("references.bib"), numbers, {key: "verified" for key in keys})
    soup = BeautifulSoup(html, "html.parser")
    made = numbered(soup, sources.numbers)
    golden("bronnen.html", soup.prettify())
    assert {"bron-2", "bron-31", "bron-43", "ref-2", "ref-2-2", "voetnoten"} <= made


def numbered(soup: BeautifulSoup, numbers: dict[str, int]) -> set[str]:
    """The extension's numbering (gids/markdown/citations.py) on HTML that Python-Markdown's footnotes
    extension wrote, as a BeautifulSoup tree for the golden file; returns the ids it made. BeautifulSoup
    keeps each piece of a marker's text as a string of its own (the golden file shows them so), where
    the element tree joins them: the markers are written again piece by piece."""
    root = markdown_citations.tree_of(soup)
    made = markdown_citations.number_sources(root, numbers)
    soup.clear()
    soup.extend(list(BeautifulSoup(markdown_citations.html_of(root), "html.parser").contents))
    for link in soup.select("a.footnote-ref[data-bronnen]"):
        link.clear()
        for attributes, text in markdown_citations.marker_text(
            [int(n) for n in attribute(link, "data-bronnen").split()]
        ):
            if attributes is None:
                link.append(text)
            else:
                piece = soup.new_tag("span", attrs=attributes)
                piece.string = text
                link.append(piece)
    return made


def test_glossary_anchors():
    lines = [
        line
        for line in (GOLDEN / "ankers.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(lines) >= 6
    for line in lines:
        term, expected = line.rsplit(" -> ", 1)
        assert glossary.anchor(term.strip()) == expected.strip(), term


def directives(value: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in value.split(";") if part.strip())}


def test_content_security_policy():
    """What the policy must say, written out: only the site's own files, no inline or eval'd code, no other host."""
    published = directives(csp.policy())
    for name in (
        "default-src",
        "style-src",
        "font-src",
        "connect-src",
        "worker-src",
        "manifest-src",
        "base-uri",
        "form-action",
    ):
        assert published.get(name) == ["'self'"], name
    assert published["script-src"] == ["'self'", "'wasm-unsafe-eval'"], "Pagefind's WebAssembly, and no eval"
    assert published["img-src"] == ["'self'", "data:"], "the QR codes and icons drawn inline"
    assert published["object-src"] == ["'none'"]
    assert "frame-ancestors" not in published, "ignored in a meta tag: the server sends it"
    header = directives(csp.policy(extra=csp.HEADER_ONLY))
    assert header["frame-ancestors"] == ["'none'"] and {**header, "frame-ancestors": None} == {
        **published,
        "frame-ancestors": None,
    }
    serving = directives(csp.policy(extra=csp.SERVE_EXTRA))
    assert serving["script-src"] == ["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"], (
        "mkdocs serve's live-reload script"
    )
    assert {**serving, "script-src": None} == {**published, "script-src": None}, "serve loosens script-src only"


def test_inline_code_is_found():
    soup = BeautifulSoup(
        '<head><script>var a=1</script><script type="application/json">{}</script>'
        '<script src="x.js"></script><style>p{}</style></head><body><p style="color:red">x</p>'
        "</body>",
        "html.parser",
    )
    assert csp.inline_code(soup) == ["<script>var a=1", "<style>p{}", '<p style="color:red">']


def test_palette_keeps_the_scheme_rules_only():
    css = (GOLDEN / "palette.in.css").read_text(encoding="utf-8")
    kept = material.scheme_rules(css)
    golden("palette.out.css", kept + "\n")
    assert "color-scheme:dark" in kept and "=red]" not in kept.replace(
        "[data-md-color-primary=red],[data-md-color-scheme=slate]", ""
    )


def test_reading_time_counts_the_text_only():
    """lezen.html has 200 words of text, and more in a source list, a marker, a "#" link and a comment."""
    tree = ElementTree.fromstring(f"<div>{(GOLDEN / 'lezen.html').read_text(encoding='utf-8')}</div>")
    assert reading.reading_minutes(tree) == 1
    tree.find("h1").text += " nog een woord"
    assert reading.reading_minutes(tree) == 2


GLOSSARY_MISTAKES = {
    "vormen als tekst": (
        "- term: kwetsbaar\n  vormen: kwetsbare\n  uitleg: Uitleg.\n",
        "regel 1: bij 'kwetsbaar' moet 'vormen' een lijst zijn, tussen rechte haken: vormen: [kwetsbare]",
    ),
    "inspringing": (
        "- term: a\n  vormen: [a]\n  uitleg: x\n- term: b\n   vormen: [b]\n",
        "regel 5: dit is geen geldige YAML",
    ),
    "zelfde anker": (
        "- term: continuïteit\n  vormen: [c]\n  uitleg: x\n- term: Continuiteit\n  vormen: [d]\n  uitleg: y\n",
        "regel 4: 'continuïteit' (regel 1) en 'Continuiteit' krijgen hetzelfde adres #woord-continuiteit",
    ),
    "vorm bij twee woorden": (
        "- term: a\n  vormen: [a]\n  uitleg: x\n- term: b\n  vormen: [a]\n  uitleg: y\n",
        "regel 4: 'a' staat bij twee woorden: 'a' (regel 1) en 'b'",
    ),
    "uitleg ontbreekt": ("- term: a\n  vormen: [a]\n", "regel 1: bij 'a' ontbreekt 'uitleg'"),
    "onbekend veld": ("- term: a\n  vorm: [a]\n  uitleg: x\n", "regel 1: onbekend veld vorm"),
    "geen lijst": ("term: a\n", "regel 1: het bestand is een lijst van woorden"),
}


@pytest.mark.parametrize("case", list(GLOSSARY_MISTAKES))
def test_glossary_mistakes_are_explained(tmp_path, case):
    text, expected = GLOSSARY_MISTAKES[case]
    path = tmp_path / "woordenlijst.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(glossary.GlossaryError) as error:
        glossary.load(path)
    assert str(error.value).startswith("woordenlijst.yml, ") and expected in str(error.value), str(error.value)


def test_glossary_reads_a_good_file(tmp_path):
    path = tmp_path / "woordenlijst.yml"
    path.write_text(
        "- term: Zorg & steun\n  vormen: [zorg, steun]\n  uitleg: >-\n    Twee   regels\n    uitleg.\n"
        "- term: oud\n  vormen: [oud]\n  uitleg: x\n  anker: woord-vroeger\n",
        encoding="utf-8",
    )
    terms = glossary.load(path)
    assert [(t.term, t.forms, t.explanation, t.anchor, t.line) for t in terms] == [
        ("oud", ["oud"], "x", "woord-vroeger", 6),
        ("Zorg & steun", ["zorg", "steun"], "Twee regels uitleg.", "woord-zorg-steun", 1),
    ]


ENTRY = "@article{{{key},\n  title = {{T}},\n  langid = {{english}},\n  {fields}\n}}\n"
BIB_MISTAKES = {
    "kapotte bron": (
        "@article{a,\n  title = {T},\n  brochure-number = {1},\n  status = {verified}\n}\n\n"
        "@article{b,\n  title = {T,\n  brochure-number = {2},\n  status = {verified}\n}\n",
        "references.bib, regel 7: de bron 'b' is niet goed geschreven",
    ),
    "status ontbreekt": (
        ENTRY.format(key="a", fields="brochure-number = {1}"),
        "references.bib, regel 1: de bron 'a' heeft een veld status = {...} nodig",
    ),
    "nummer twee keer": (
        ENTRY.format(key="a", fields="brochure-number = {1}, status = {verified}")
        + ENTRY.format(key="b", fields="brochure-number = {1}, status = {unrecovered}"),
        "references.bib, regel 6: de bronnen 'a' en 'b' hebben allebei nummer 1",
    ),
    "toegevoegd zonder eigen nummer": (
        ENTRY.format(key="a", fields="brochure-number = {1}, status = {verified}")
        + ENTRY.format(key="b", fields="brochure-number = {2}, status = {added}"),
        "de bron 'b' heeft status = {added}, dus site-number en geen brochure-number",
    ),
    "toegevoegd tussen de brochure": (
        ENTRY.format(key="a", fields="brochure-number = {3}, status = {verified}")
        + ENTRY.format(key="b", fields="site-number = {2}, status = {added}"),
        "neem het eerste vrije nummer, 4",
    ),
}


@pytest.mark.parametrize("case", list(BIB_MISTAKES))
def test_bibtex_mistakes_are_explained(tmp_path, case):
    text, expected = BIB_MISTAKES[case]
    path = tmp_path / "references.bib"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(citations.SourceError) as error:
        citations.read_sources(path)
    assert expected in str(error.value), str(error.value)


def test_a_title_says_its_language(tmp_path):
    """An English title is marked for pandoc (\\foreignlanguage, written as lang="en"); a Dutch one is not; a
    title without langid stops with what to write."""
    path = tmp_path / "references.bib"
    path.write_text(
        ENTRY.format(key="a", fields="brochure-number = {1}, status = {verified}")
        + ENTRY.format(key="b", fields="brochure-number = {2}, status = {verified}").replace("english", "dutch")
        + "@book{c,\n  title = {A {Big} book},\n  booktitle = {X},\n  langid = {british},\n"
        "  brochure-number = {3},\n  status = {verified}\n}\n",
        encoding="utf-8",
    )
    sources = citations.read_sources(path)
    assert sources.languages == {"a": "english", "c": "english"}
    text = citations.for_pandoc(sources)
    assert "title = {\\foreignlanguage{english}{T}}" in text and "title = {T},\n  langid = {dutch}" in text
    assert "title = {\\foreignlanguage{english}{A {Big} book}}" in text
    assert "booktitle = {\\foreignlanguage{english}{X}}" in text
    path.write_text(
        ENTRY.format(key="a", fields="brochure-number = {1}, status = {verified}").replace(
            "  langid = {english},\n", ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(citations.SourceError) as error:
        citations.read_sources(path)
    assert "references.bib, regel 1: de bron 'a' heeft een veld langid = {...} nodig" in str(error.value)


def test_added_sources_are_counted_apart(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text(
        ENTRY.format(key="a", fields="brochure-number = {1}, status = {verified}")
        + ENTRY.format(key="b", fields="brochure-number = {2}, status = {unrecovered}")
        + ENTRY.format(key="c", fields="site-number = {3}, status = {added}"),
        encoding="utf-8",
    )
    sources = citations.read_sources(path)
    assert sources.numbers == {"a": 1, "b": 2, "c": 3} and sources.brochure == {"a": 1, "b": 2}
    summary = citations._status_summary(sources)
    assert summary.startswith(
        "Van de 2 bronnen uit de brochure zijn er 1 gecontroleerd, 0 gereconstrueerd en 1 nog "
        "niet teruggevonden.\nDaarnaast heeft de redactie 1 bron toegevoegd"
    )
    assert "- **Toegevoegd door de redactie** (1): [3](bronnen.md#bron-3)" in summary


def test_derived_style_lives_in_a_private_folder():
    """Not a fixed path in the shared temporary folder, where two builds race and another user can plant a link."""
    path = citations.derive_csl()
    assert path.exists() and path.parent != Path("/tmp/gehechtheid-in-pleegzorg")
    assert path.parent.stat().st_mode & 0o077 == 0, "only this user can write there"
    assert "<locale" in path.read_text(encoding="utf-8") and 'citation-format="numeric"' in path.read_text(
        encoding="utf-8"
    )


def test_material_stylesheet_keeps_the_rules_the_site_can_use():
    css = (
        ".md-typeset .highlight{color:red}.md-header,.md-tabs{top:0}.md-tag--a{x:1}a:hover{y:2}"
        "@media screen{.md-tabs{z:3}.md-nav{z:4}}@font-face{font-family:x}:root{--v:1}"
    )
    kept = material.used_rules(css, known={"md-typeset", "md-header", "md-nav"}, prefixes=("md-tag--",))
    assert kept == (
        ".md-header{top:0}.md-tag--a{x:1}a:hover{y:2}@media screen{.md-nav{z:4}}@font-face{font-family:x}:root{--v:1}"
    )


def test_citation_group_words():
    """What a marker shows and what a screen reader says of it."""
    assert citations.shown([31, 32, 33, 34, 35, 36]) == "[31–36]"
    assert citations.spoken([31, 32, 33, 34, 35, 36]) == "Bronnen 31 tot en met 36"
    assert citations.shown([30, 31, 32, 38, 41, 42, 43]) == "[30–32, 38, 41–43]"
    assert citations.spoken([30, 31, 32, 38, 41, 42, 43]) == "Bronnen 30 tot en met 32, 38 en 41 tot en met 43"
    assert (citations.shown([2, 3]), citations.spoken([2, 3])) == ("[2, 3]", "Bronnen 2 en 3")
    assert (citations.shown([26]), citations.spoken([26])) == ("[26]", "Bron 26")


def test_compressed_files_come_from_the_cache_while_unchanged(tmp_path):
    """Each text file gets a .br and .gz that unpack to it; two files with the same content (compressed side
    by side) both get theirs; an unchanged file is taken from .cache/compress, an entry no longer used goes."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    files = {
        "index.html": b"<p>Hallo</p>" * 400,
        "a/index.html": b"<p>Hallo</p>" * 400,
        "site.css": b"body{color:red}" * 300,
        "kaart.png": b"\x89PNG",
    }
    for name, data in files.items():
        (site / name).write_bytes(data)
    build = Site(
        folder=site,
        root=tmp_path,
        url="https://gids.example/",
        name="Gids",
        description="",
        favicon="",
        stylesheet="site.css",
        pages=[],
        glossary=[],
    )

    compress.precompress(site=build)
    for name in ("index.html", "a/index.html", "site.css"):
        assert brotli.decompress((site / (name + ".br")).read_bytes()) == files[name]
        assert gzip.decompress((site / (name + ".gz")).read_bytes()) == files[name]
    assert not (site / "kaart.png.br").exists()
    cache = tmp_path / ".cache" / "compress"
    entries = {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in cache.iterdir()}
    assert len(entries) == 4  # two contents, two encodings; nothing half-written left

    (site / "site.css").write_bytes(b"body{color:blue}" * 300)
    compress.precompress(site=build)
    assert gzip.decompress((site / "site.css.gz").read_bytes()) == b"body{color:blue}" * 300
    now = {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in cache.iterdir()}
    unchanged = [name for name in entries if name in now]
    assert len(unchanged) == 2 and all(now[name] == entries[name] for name in unchanged), (
        "the page was compressed again"
    )
    assert len(now) == 4, "the old stylesheet's entries stay in the cache"


def test_an_attribute_is_read_as_its_one_text():
    link = BeautifulSoup('<a id="tip-x" class="knop groot" href="">x</a>', "html.parser").a
    assert attribute(link, "id") == "tip-x"
    assert attribute(link, "href", "leeg") == ""  # present but empty: its own value, not the default
    assert attribute(link, "title", "") == ""
    with pytest.raises(KeyError):
        attribute(link, "title")
    with pytest.raises(TypeError, match="get_attribute_list"):
        attribute(link, "class")  # several values: BeautifulSoup gives a list


def test_what_a_build_keeps_is_made_once_for_each_input(tmp_path):
    from gids import cache

    made = []

    def make(text: str):
        return lambda: made.append(text) or text.encode()

    assert cache.kept(tmp_path / "proef", b"een", make("eerste")) == b"eerste"
    assert cache.kept(tmp_path / "proef", b"een", make("tweede")) == b"eerste", "the same input: kept, not made"
    assert cache.kept(tmp_path / "proef", b"twee", make("derde")) == b"derde"
    assert made == ["eerste", "derde"]
    assert len(list((tmp_path / "proef").iterdir())) == 1, "only the newest entry stays"
