"""Each page's file and own data (front matter): read as the editor meant it, or the build says what is wrong.

check_files (before any page is read): a page's file name becomes its address, so it has lowercase
letters, digits and hyphens only (a space or a capital stops MkDocs later with a message about other
pages); and it is saved as UTF-8 (otherwise Python's English traceback).

check_blocks (each page's Markdown): every `/// name` block is closed by `///`. pymdownx.blocks takes the
rest of the page into an unclosed block, and the build then stops with hundreds of links about other
pages; here it stops at the line that opens the block.

check_headings (post-build, each built page): a heading without words (only an emoji) stops the build, asking for
words or an address of its own ({#naam}); it would get the meaningless address #_1.

MkDocs reads the lines between the two `---` at the top of a page as YAML; when they are not valid
YAML it silently shows them as text (a colon in a description is enough). Here that stops the build
with the file, the line and the usual cause. Every page also needs its own `description:`: it is the
text of a shared link's preview. `voorlezen:` (the "Lees voor" control, gids/voorlezen.py) is true or false.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from gids import mistakes
from gids.built import CONTENT
from gids.model import EditorError

if TYPE_CHECKING:
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from gids.model import Build, Site


def check_front_matter(markdown: str, *, page: Page, build: Build) -> str:
    name = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    lines = source.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((number for number, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
        found = mistakes.problem("\n".join(lines[1:end]), first_line=2)
        if found:
            line, cause = found
            raise EditorError(
                f"{name}, regel {line}: de gegevens bovenaan de pagina (tussen de twee regels ---) "
                f"zijn geen geldige YAML. Meestal is de oorzaak: {cause}."
            )
    if not isinstance(page.meta.get("description"), str) or not page.meta["description"].strip():
        raise EditorError(
            f"{name}: deze pagina heeft geen beschrijving. Zet bovenaan, tussen twee regels ---, een regel "
            "description: met één zin over de pagina (die zin verschijnt als iemand de link deelt)."
        )
    if "voorlezen" in page.meta and not isinstance(page.meta["voorlezen"], bool):
        raise EditorError(
            f"{name}: bovenaan staat voorlezen: {page.meta['voorlezen']}, maar dat kan alleen true of false zijn. "
            "Schrijf voorlezen: true (zonder aanhalingstekens) voor een knop ‘Lees voor’ op deze pagina, of haal de "
            "regel weg."
        )
    return markdown


PAGE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.md")


def check_files(files: Files) -> None:
    """Every page's file name is an address, and every page is UTF-8."""
    for file in files.documentation_pages():
        name = f"docs/{file.src_uri}"
        if not all(
            PAGE_NAME.fullmatch(part) or (part != parts[-1] and PAGE_NAME.fullmatch(part + ".md"))
            for parts in [file.src_uri.split("/")]
            for part in parts
        ):
            better = "-".join(re.findall(r"[a-z0-9]+", file.src_uri.removesuffix(".md").lower()))
            raise EditorError(
                f"{name}: de naam van dit bestand wordt het adres van de pagina, en mag daarom alleen "
                "kleine letters, cijfers en koppeltekens hebben (geen spaties of hoofdletters). Geef het "
                f"bestand een naam zoals docs/{better}.md, en pas de regel in nav: van mkdocs.yml aan."
            )
        if file.abs_src_path:
            mistakes.read_text(Path(file.abs_src_path), name)


BLOCK = re.compile(r"^\s*(/{3,})\s*(\S.*)?$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def outside_fences(lines: list[str]) -> Iterator[tuple[int, str]]:
    """The lines (numbered from 1) that are not inside fenced code: an example in a fence is not a block."""
    fence = ""
    for number, line in enumerate(lines, start=1):
        marker = FENCE.match(line)
        if fence:
            if marker and marker.group(1).startswith(fence):
                fence = ""
            continue
        if marker:
            fence = marker.group(1)
            continue
        yield number, line


def check_blocks(markdown: str, *, page: Page, build: Build) -> str:
    """Every `/// name` is closed by a `///` of as many slashes; a block left open is said at its first line."""
    name = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    open_blocks: list[tuple[str, int, str]] = []  # (slashes, line, the line as written)
    for number, line in outside_fences(source.splitlines()):
        block = BLOCK.match(line)
        if not block:
            continue
        slashes, kind = block.group(1), block.group(2)
        if kind:
            open_blocks.append((slashes, number, line.strip()))
        elif open_blocks and open_blocks[-1][0] == slashes:
            open_blocks.pop()
        else:
            raise EditorError(
                f"{name}, regel {number}: deze regel /// sluit een kader dat nergens geopend wordt. Haal "
                "hem weg, of zet erboven de eerste regel van het kader (zoals /// pleegtip | Titel)."
            )
    if open_blocks:
        slashes, number, text = open_blocks[-1]
        raise EditorError(
            f"{name}, regel {number}: het kader '{text}' wordt niet gesloten. Zet onder de laatste zin "
            f"van het kader een regel met alleen {slashes}."
        )
    return markdown


HEADING = re.compile(r"^h[1-6]$")  # BeautifulSoup searches a pattern in the name: anchored, a whole name
NO_WORDS = re.compile(r"^_\d*$")  # the id Python-Markdown's toc gives a heading without words ("_", "_1")


def check_headings(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """A heading without words (only an emoji or a sign) would get the address #_1, which says nothing and changes
    when another such heading comes before it: the build asks for words or an address of its own."""
    page = site.page_at(path)
    content = soup.select_one(CONTENT)
    if page is None or content is None:
        return
    for heading in content.find_all(HEADING, id=NO_WORDS):
        text = " ".join(t for t in heading.find_all(string=True) if not t.find_parent("a", class_="headerlink")).strip()
        markdown_file = site.root / page.source
        source = markdown_file.read_text(encoding="utf-8").splitlines() if markdown_file.is_file() else []
        line = next(
            (n for n, written in enumerate(source, start=1) if written.startswith("#") and text and text in written), 0
        )
        raise EditorError(
            f"{page.source}{f', regel {line}' if line else ''}: de kop '{text}' heeft geen "
            "woorden, en het adres van een kop komt van zijn woorden. Zet er woorden bij "
            f"(## {text} Rust in huis), of geef de kop zelf een adres: ## {text} {{#rust-in-huis}}."
        )
