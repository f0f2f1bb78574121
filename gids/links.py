"""Links that last: a link to every tip, the caseworkers' list of links with QR codes, the share image.

pipeline.py calls:
- check_boxes (each page's Markdown): every tip and key message has its own id, tip-… or kern-…; the
  message names the file and line. Its "#" link is added by the page extension (gids/markdown/boxes.py).
The post-build step (postbuild.py, PASSES) runs on every built page:
- share_controls: share controls under the page title and in every tip (also in the whole guide).
- printed_address: for print, the page's web address with a QR code to it.
- qr_file: the QR code of an address, as an SVG file under qr/ (segno), drawn once.
- redirect_pages (the built site, first): a moved or short address keeps working. For each line of
  `redirect_maps` (an option of the `gids` plugin in mkdocs.yml: old page -> new page, with an optional
  "#part") a small Dutch page at the old address forwards to the new place, keeping the "#part" of the
  old address (assets/omleiding.js).
- share_image (the built site): the image that previews show when a link is shared (Pillow, with
  its bundled font: nothing is fetched).
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import textwrap
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import segno
import yaml
from bs4 import BeautifulSoup, Tag
from PIL import Image, ImageDraw, ImageFont

from gids import cache
from gids.built import append_to_content, pages_in
from gids.markdown.boxes import ID_PREFIXES, WORDS
from gids.model import EditorError, PageContents, PageFacts, Site
from gids.pages import outside_fences
from gids.theme.material import BUTTON
from gids.urls import built_file, page_url, relative

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from gids.model import Build

SHARE_IMAGE = "assets/deelbeeld.png"
SHARE_IMAGE_SIZE = (1200, 630)
QR_DIR = "qr"
QR_CACHE = Path(".cache") / "qr"  # in the project folder (git ignores it)
REDIRECT_SCRIPT = "assets/omleiding.js"

# A moved page: in Dutch, without inline script (the Content-Security-Policy allows none), with the site's
# icon inside the page (so the browser asks for no /favicon.ico, a 404 on every visit) and a script that
# carries the "#part" of the old address along (a refresh alone drops it).
REDIRECT_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Deze pagina is verhuisd</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{url}">
<script src="{script}"></script><link rel="icon" href="{icon}"><meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>Deze pagina is verhuisd. <a href="{url}">Ga naar de nieuwe plek</a>.</p>
</body>
</html>
"""


BOX = re.compile(r"^(\s*)/{3,}\s*(pleegtip|kernboodschap)\s*(?:\|\s*(.*?)\s*)?$")


def check_boxes(markdown: str, *, page: Page, build: Build) -> str:
    """Every tip and key message has an id with its prefix, used once in the whole guide: it is an address.
    Read from the page's file as written (pymdownx.blocks' options: the indented YAML under `/// type`),
    so that the message names the line; the ids of the pages before are in build.box_ids."""
    name = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path or "")
    lines = (source.read_text(encoding="utf-8") if source.is_file() else markdown).splitlines()
    seen: dict[str, int] = {}  # id -> line on this page
    for number, line in outside_fences(lines):  # code in a fence is an example, not a box
        box = BOX.match(line)
        if not box:
            continue
        indent, kind, title = len(box.group(1)), box.group(2), box.group(3) or ""
        options = []
        for option in lines[number:]:
            if not re.match(rf"^ {{{indent + 4},}}\S", option):
                break
            options.append(option)
        box_id, id_line = _box_id(options, number)
        prefix = ID_PREFIXES[kind]
        if not isinstance(box_id, str) or not box_id.startswith(prefix):
            raise EditorError(
                f"{name}, regel {number}: de {WORDS[kind]} '{title}' heeft "
                + (f"de id '{box_id}', maar die moet beginnen met {prefix}" if box_id else "geen id")
                + f'. Zet onder de eerste regel: "    attrs: {{id: {prefix}korte-naam}}" (een id die nooit meer '
                "verandert: begeleiders linken ernaar)."
            )
        if box_id in seen:
            _twice(box_id, kind, at_line(name, id_line), at_line(name, seen[box_id]))
        first = build.box_ids.get(box_id)
        if first is not None and first != page.file.src_uri:
            there = id_lines(Path(build.config.docs_dir) / first, box_id)
            _twice(box_id, kind, at_line(name, id_line), at_line(f"docs/{first}", there[0] if there else 0))
        seen[box_id] = id_line
    build.box_ids.update(dict.fromkeys(seen, page.file.src_uri))
    return markdown


def _box_id(options: list[str], opener: int) -> tuple[object, int]:
    """The id in a box's options (`attrs: {id: …}`) and the line that gives it."""
    try:
        config = yaml.safe_load(textwrap.dedent("\n".join(options))) if options else {}
    except yaml.YAMLError:
        config = None  # pymdownx.blocks does not read such options either
    attrs = config.get("attrs") if isinstance(config, dict) else None
    box_id = attrs.get("id") if isinstance(attrs, dict) else None
    line = next(
        (
            opener + offset
            for offset, option in enumerate(options, start=1)
            if box_id is not None and re.search(rf"\bid:\s*['\"]?{re.escape(str(box_id))}", option)
        ),
        opener,
    )
    return box_id, line


def at_line(name: str, line: int) -> str:
    return f"{name}, regel {line}" if line else name


def _twice(box_id: str, kind: str, here: str, first: str) -> None:
    """A tip's or key message's id is its address in the whole guide (and in a selection): used once."""
    raise EditorError(
        f"{here}: de id '{box_id}' staat ook al bij een andere tip of kernboodschap ({first}). Elke id is een adres "
        f"en mag maar één keer voorkomen: geef deze {WORDS[kind]} een eigen id, zo: attrs: "
        f"{{id: {ID_PREFIXES[kind]}andere-naam}}. Laat de oudste id staan (die in adressen.txt): begeleiders linken "
        "ernaar."
    )


def id_lines(path: Path, box_id: str) -> list[int]:
    """The lines of a page's Markdown file that give a box this id (attrs: {id: box_id})."""
    written = re.compile(rf"^\s*attrs:.*\bid:\s*['\"]?{re.escape(box_id)}['\"]?\s*[,}}]")
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [number for number, line in enumerate(lines, start=1) if written.match(line)]


def part_name(link) -> str:
    """The text of the heading or box title that a "#" link sits in, without the "#" itself."""
    return " ".join("".join(text for text in link.parent.find_all(string=True) if link not in text.parents).split())


def share_controls(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """Under the title of every page, and in every tip: a share button (assets/site.js) and a mail link with
    the public address; in the whole guide under each page's title. Not on a page that makes its own address
    in the browser (front matter `eigen_adres: true`: the selection page)."""
    for content, page in pages_in(soup, path, site):
        if page.own_address:
            continue
        for box in site.contents.get(page.url, PageContents()).boxes:
            tip = content.find(id=box.id) if box.kind == "pleegtip" else None
            if tip is not None:
                tip.append(_share_controls(soup, site, page, f"Tip: {box.title}", box.id, "Deel deze tip"))
        heading = content.find("h1")
        if heading is not None:
            page_title = site.name if page.url == "" else page.title  # "Start" says nothing to a family
            heading.insert_after(_share_controls(soup, site, page, page_title, "", "Deel deze pagina"))


def _share_controls(soup: BeautifulSoup, site: Site, page: PageFacts, title: str, anchor: str, label: str) -> Tag:
    paragraph = soup.new_tag("p", attrs={"class": "delen"})
    button = soup.new_tag(
        "button", attrs={"type": "button", "class": f"{BUTTON} delen__knop", "data-titel": title, "data-anker": anchor}
    )
    button.string = label
    mail = soup.new_tag(
        "a",
        attrs={
            "class": f"{BUTTON} delen__mail",
            "href": f"mailto:?subject={quote(title)}&body={quote(site.address(page.url, anchor))}",
        },
    )
    mail.string = "Stuur per mail"
    paragraph.extend([button, " ", mail])
    return paragraph


def printed_address(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """For the printout only, last in the page's text: where this page lives online, as text and as a QR code."""
    here = site.url_of(path)
    # Late: the code is printed, not shown; a browser loads lazy images before it prints (and the PDFs
    # wait for them: printing.py).
    loading = {"loading": "lazy"}
    for content, page in pages_in(soup, path, site):
        if page.own_address:
            continue
        address = site.address(page.url)
        block = soup.new_tag("div", attrs={"class": "print-adres"})
        text = soup.new_tag("p")
        text.append("Lees deze tekst online: ")
        code = soup.new_tag("code")
        code.string = address
        text.append(code)
        qr = qr_file(site, page.source.removeprefix("docs/").removesuffix(".md"), address)
        image = soup.new_tag(
            "img",
            attrs={
                "src": relative(qr, here),
                "width": "96",
                "height": "96",
                "alt": f"QR-code naar {address}",
                **loading,
            },
        )
        block.append(text)
        block.append(image)
        append_to_content(content, block)


def qr_file(site: Site, name: str, address: str) -> str:
    """The QR code to address as qr/<name>.svg. Each code is drawn once: kept in .cache/qr/ under its
    address, and written once per build."""
    relative = f"{QR_DIR}/{name}.svg"
    if relative not in site.qr_drawn:
        cached = site.root / QR_CACHE / (hashlib.sha256(address.encode("utf-8")).hexdigest() + ".svg")
        if not cached.exists():
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_name(cached.name + ".tmp")
            segno.make(address, error="m").save(
                str(temporary),
                kind="svg",
                scale=4,
                border=2,
                dark="#000",
                light="#fff",
                title=f"QR-code naar {address}",
                svgclass=None,
                lineclass=None,
            )
            temporary.replace(cached)
        path = site.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, path)
        site.qr_drawn.add(relative)
    return relative


def qr_inline(address: str) -> str:
    """The QR code to address as SVG inside the page (no request of its own), named for screen readers."""
    svg = segno.make(address, error="m").svg_inline(
        scale=4,
        border=2,
        dark="#000",
        light="#fff",
        omitsize=True,
        title=f"QR-code naar {address}",
        svgclass=None,
        lineclass=None,
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR-code naar {escape(address)}" class="qr" ', 1)


def _line_in_config(root: Path, old: str) -> str:
    """', regel N' of the redirect_maps line for the old page in mkdocs.yml."""
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines() if config.is_file() else []
    return next(
        (f", regel {number}" for number, line in enumerate(lines, start=1) if line.strip().startswith(f"{old}:")), ""
    )


def redirect_pages(*, site: Site) -> None:
    """The page at each old address of redirect_maps, written before the built pages are mended (so the
    site's files get their fingerprinted names in it, and the address check sees it as a redirect)."""
    for old, new in site.redirect_maps.items():
        old_url = page_url(old)
        target, _, part = str(new).partition("#")
        if target.startswith(("http://", "https://")):
            url = str(new)
        else:
            page = site.page(f"docs/{target}")
            if not old.endswith(".md") or page is None:
                problem = (
                    f"'{old}' is geen bestandsnaam van een pagina (naam.md)"
                    if not old.endswith(".md")
                    else f"'{target}' is geen pagina in docs/"
                )
                raise EditorError(
                    f"mkdocs.yml{_line_in_config(site.root, old)}: redirect_maps: {old}: {new}: {problem}. Schrijf het oude "
                    "adres en de nieuwe plek als bestandsnamen in docs/, zo: oude-pagina.md: nieuwe-pagina.md (of "
                    "nieuwe-pagina.md#onderdeel)."
                )
            url = relative(page.url, old_url) + (f"#{part}" if part else "")
        written = site.folder / built_file(old_url)
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(
            REDIRECT_PAGE.format(url=escape(url), icon=escape(site.favicon), script=relative(REDIRECT_SCRIPT, old_url)),
            encoding="utf-8",
        )


def share_image(*, site: Site) -> None:
    """The preview image: the site's name and description, drawn once for each wording (.cache/deelbeeld)."""
    description = textwrap.fill(" ".join(site.description.split()), width=52)

    def draw_image() -> bytes:
        width, height = SHARE_IMAGE_SIZE
        image = Image.new("RGB", SHARE_IMAGE_SIZE, "#1f5f5b")
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, height - 24, width, height), fill="#a2461b")
        draw.text((80, 150), site.name, font=ImageFont.load_default(size=88), fill="#ffffff")
        draw.multiline_text((80, 300), description, font=ImageFont.load_default(size=40), fill="#e8f3f2", spacing=14)
        png = io.BytesIO()
        image.save(png, format="PNG", optimize=True)
        return png.getvalue()

    target = site.folder / SHARE_IMAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(
        cache.kept(site.root / cache.CACHE / "deelbeeld", f"{site.name}\n{description}".encode(), draw_image)
    )
