"""Offline: the guide as an app on the home screen, readable without a connection after one visit.

- app_files: manifest.webmanifest (in Dutch: the name, the short name and colours from mkdocs.yml's
  `extra.app`, start and scope at the site's root, standalone) and its icons, drawn with Pillow from the
  favicon's own outline (svg.path reads it): one as the favicon (rounded corners) and a "maskable" one
  whose colour fills the square (a phone cuts its own shape out of it; the drawing stays inside the
  safe middle circle), plus the icon iOS puts on its home screen (apple-touch-icon.png).
- from_root: the page the worker shows for a page it has not kept (overrides/offline.html) links from the
  site's root, as the error pages do: it answers at any address.
- worker_list: the service worker, docs/sw.js, gets its list of files: every file a reader may open
  offline, by its address from the site's root, with the sha256 of its content. The worker keeps each
  file under that hash and fetches it with the hash as its integrity, so it never keeps a file that
  differs from the list; a new build is a new list, hence a new worker (README, "Offline").
  Fetched when the worker installs: everything but what ON_DEMAND and LEFT_OUT name. ON_DEMAND (the
  PDFs, the whole guide) is kept only once a reader opens it. Under `serve` the list stays empty: such a
  worker removes what an earlier one kept, and itself.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image, ImageDraw
from svg.path import Close, Move, parse_path

from gids import cache
from gids.built import WHOLE_GUIDE
from gids.links import SHARE_IMAGE
from gids.model import EditorError

if TYPE_CHECKING:
    from gids.model import Site

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
OFFLINE_PAGE = "offline.html"  # what the worker shows for a page it does not have (overrides/offline.html)
LIST_MARKER = "{/* de build vult dit in */}"  # in docs/sw.js: where the list goes
# (file, size in pixels, purpose): the manifest's icons, and iOS's own.
ICONS = (
    ("assets/icons/icoon-192.png", 192, "any"),
    ("assets/icons/icoon-512.png", 512, "any"),
    ("assets/icons/icoon-maskable-512.png", 512, "maskable"),
)
APPLE_ICON = ("assets/icons/apple-touch-icon.png", 180, "maskable")  # iOS rounds the corners itself
ON_DEMAND = ("pdf/", f"{WHOLE_GUIDE}/")  # kept once opened: large, and printed rather than read on a phone
LEFT_OUT = re.compile(  # never read in the guide itself
    r"""^(\d{3}\.html            # the server's error pages (the worker shows offline.html instead)
         |sitemap\.xml|robots\.txt|.*\.txt  # for search engines; licence texts
         |.*\.(br|gz|map))$      # the compressed copies (the browser keeps what it unpacked), source maps
    """,
    re.X,
)
STORED_BUDGET = 1_500_000  # bytes one visit keeps on the device, at most (tests/test_offline.py)
SUPERSAMPLE = 4  # the icons are drawn this much larger, then scaled down: smooth edges


def _svg_of(favicon: str, folder: Path) -> bytes:
    """The favicon's SVG: from its data: address (as mkdocs.yml writes it), or its file in the built site."""
    if favicon.startswith("data:image/svg+xml,"):
        return urllib.parse.unquote(favicon.removeprefix("data:image/svg+xml,")).encode()
    if favicon.endswith(".svg") and (folder / favicon).is_file():
        return (folder / favicon).read_bytes()
    raise EditorError(
        "mkdocs.yml: theme: favicon: moet een SVG-tekening zijn (een data:image/svg+xml,…-adres of een .svg-bestand "
        "in docs/): daaruit tekent de build de iconen van de app"
    )


def draw_icon(svg: bytes, size: int, purpose: str) -> bytes:
    """The favicon (its <rect> and <path> elements, in order) as a PNG of size × size. For a maskable icon the
    first rectangle, the background, fills the whole square."""
    root = etree.fromstring(svg)
    left, top, width, height = (float(n) for n in (root.get("viewBox") or "0 0 32 32").replace(",", " ").split())
    big = size * SUPERSAMPLE
    scale = big / max(width, height)

    def point(x: float, y: float) -> tuple[float, float]:
        return ((x - left) * scale, (y - top) * scale)

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    background = True
    for element in root:
        tag = etree.QName(element).localname
        fill = element.get("fill", "#000")
        if tag == "rect":
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            box = (
                *point(x, y),
                *point(x + float(element.get("width", width)), y + float(element.get("height", height))),
            )
            if background and purpose == "maskable":
                draw.rectangle((0, 0, big, big), fill=fill)
            else:
                draw.rounded_rectangle(box, radius=float(element.get("rx", 0)) * scale, fill=fill)
            background = False
        elif tag == "path":
            outline: list[tuple[float, float]] = []
            for segment in [*parse_path(element.get("d", "")), Move(0)]:
                if isinstance(segment, Move | Close):
                    if len(outline) > 2:
                        draw.polygon(outline, fill=fill)
                    outline = []
                    continue
                outline += [point(p.real, p.imag) for p in (segment.point(step / 24) for step in range(25))]
            background = False
        else:
            raise EditorError(
                f"docs/assets/favicon.svg en mkdocs.yml (theme: favicon:): de build tekent de iconen van de app "
                f"alleen uit <rect> en <path>, niet uit <{tag}>"
            )
    png = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(png, format="PNG", optimize=True)
    return png.getvalue()


def manifest(site: Site) -> dict:
    """The web app manifest, its addresses relative to itself (the site's root)."""
    app = site.app
    assert app is not None
    return {
        "name": site.name,
        "short_name": app.short_name,
        "description": " ".join(site.description.split()),
        "lang": "nl",
        "dir": "ltr",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": app.theme_color,
        "background_color": app.background_color,
        "icons": [
            {"src": name, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for name, size, purpose in ICONS
        ],
    }


def app_files(*, site: Site) -> None:
    if site.app is None:
        return
    svg = _svg_of(site.favicon, site.folder)
    for name, size, purpose in (*ICONS, APPLE_ICON):
        target = site.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(
            cache.kept(
                site.root / cache.CACHE / "iconen" / Path(name).stem,
                svg + f"{size} {purpose}".encode(),
                functools.partial(draw_icon, svg, size, purpose),
            )
        )
    (site.folder / MANIFEST).write_text(
        json.dumps(manifest(site), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def from_root(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    """The offline page answers at any address of the site: its links ("./x/") from the site's root ("/x/")."""
    if path != site.folder / OFFLINE_PAGE:
        return
    root = urllib.parse.urlsplit(site.url or "/").path or "/"
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if isinstance(value, str) and value.startswith("./"):
                tag[name] = urllib.parse.urljoin(root, value)


def address_of(relative: str) -> str:
    """A built file's address from the site's root, as the worker sees requests: x/index.html -> "x/"."""
    return urllib.parse.quote(relative.removesuffix("index.html"))


def files_to_keep(folder: Path) -> dict[str, tuple[str, bool]]:
    """Every file a reader may open offline: its address -> (its integrity, "sha256-…"; fetched when the worker
    installs). Left out: the worker itself and LEFT_OUT; kept only once opened: ON_DEMAND."""
    kept = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or relative == WORKER or LEFT_OUT.match(relative) or relative == SHARE_IMAGE:
            continue
        integrity = "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()
        kept[address_of(relative)] = (integrity, not relative.startswith(ON_DEMAND))
    return kept


def stored_bytes(folder: Path) -> int:
    """What one visit keeps on the device: the files the worker fetches when it installs, as they are."""
    at_once = {address for address, (_, now) in files_to_keep(folder).items() if now}
    return sum(
        path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and address_of(path.relative_to(folder).as_posix()) in at_once
    )


def worker_list(*, site: Site) -> None:
    worker = site.folder / WORKER
    if site.serving or not worker.is_file():
        return
    source = worker.read_text(encoding="utf-8")
    if LIST_MARKER not in source:
        raise EditorError(
            f"docs/{WORKER}: de regel met {LIST_MARKER} ontbreekt: daar zet de build de lijst van bestanden"
        )
    listed = {
        address: [integrity, 1 if at_once else 0]
        for address, (integrity, at_once) in files_to_keep(site.folder).items()
    }
    worker.write_text(source.replace(LIST_MARKER, json.dumps(listed, separators=(",", ":")), 1), encoding="utf-8")
