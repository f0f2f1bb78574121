"""Links that last: a link to every tip, the caseworkers' list of links with QR codes, the share image.

- on_page_content: puts a visible "link to this part" anchor in the title of every tip and
  key-message box (section headings get theirs from the toc extension), share controls under the
  page title and in every tip, and for print the page's web address with a QR code to it.
- on_page_context: on the page with `\\linklijst`, lists a direct link to every chapter, section
  and tip, each with its full address, a copy button (assets/site.js) and a QR code
  (segno, written as SVG files under qr/).
- mkdocs-redirects keeps moved and short addresses working; its pages are in Dutch.
- on_post_build: draws the image that previews show when a link is shared (Pillow, with its
  bundled font: nothing is fetched).
"""

from __future__ import annotations

import textwrap
from html import escape
from pathlib import Path
from urllib.parse import quote

import mkdocs_redirects.plugin
import segno
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from PIL import Image, ImageDraw, ImageFont

LINK_LIST_MARKER = "\\linklijst"
# Box type -> (title of its link, word before its title in the caseworkers' list)
LINKED_BOXES = {"pleegtip": ("Link naar deze tip", "Tip"), "kernboodschap": ("Link naar deze kernboodschap", "Kernboodschap")}
SHARE_IMAGE = "assets/deelbeeld.png"
SHARE_IMAGE_SIZE = (1200, 630)
QR_DIR = "qr"

# mkdocs-redirects writes its pages from this template: in Dutch here, and without inline script.
mkdocs_redirects.plugin.HTML_TEMPLATE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Deze pagina is verhuisd</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>Deze pagina is verhuisd. <a href="{url}">Ga naar de nieuwe plek</a>.</p>
</body>
</html>
"""

# Per page (by src_uri): its linked boxes as (id of the section they stand in, box id, list title),
# collected while pages are rendered.
boxes: dict[str, list[tuple[str, str, str]]] = {}


@event_priority(10)  # before mkdocs-print-site-plugin keeps the page for the whole guide
def on_page_content(html, page, config, files):
    soup = BeautifulSoup(html, "html.parser")
    # The "#" links are named for screen readers rather than titled: Material would give each a
    # tooltip of its own, which costs a phone time at every page load.
    for link in soup.select("a.headerlink[title]"):
        link["aria-label"] = link.attrs.pop("title")
    found = []
    for box in soup.select("div.admonition[id]"):
        kind = next((k for k in LINKED_BOXES if k in box["class"]), None)
        if kind is None:
            continue
        link_title, word = LINKED_BOXES[kind]
        title = box.select_one(".admonition-title")
        name = title.get_text().strip()
        anchor = soup.new_tag("a", attrs={"class": "headerlink", "href": f"#{box['id']}", "aria-label": link_title})
        anchor.string = "#"
        title.append(anchor)
        section = box.find_previous(["h2", "h3"], id=True)
        found.append((section["id"] if section else "", box["id"], f"{word}: {name}"))
        if kind == "pleegtip" and config.site_url:
            box.append(_share_controls(soup, config, page, f"Tip: {name}", box["id"], "Deel deze tip"))
    boxes[page.file.src_uri] = found
    if config.site_url:
        heading = soup.find("h1")
        if heading is not None:
            page_title = config.site_name if page.is_homepage else page.title  # "Start" says nothing to a family
            heading.insert_after(_share_controls(soup, config, page, page_title, "", "Deel deze pagina"))
        soup.append(_printed_address(soup, page, config))
    return str(soup)


def _share_controls(soup, config, page, title: str, anchor: str, label: str):
    """A share button (assets/site.js) and a mail link with the public address, in the page from the start."""
    paragraph = soup.new_tag("p", attrs={"class": "delen"})
    button = soup.new_tag("button", attrs={"type": "button", "class": "md-button delen__knop", "data-titel": title,
                                           "data-anker": anchor})
    button.string = label
    mail = soup.new_tag("a", attrs={"class": "md-button delen__mail",
                                    "href": f"mailto:?subject={quote(title)}&body={quote(_absolute(config, page.url, anchor))}"})
    mail.string = "Stuur per mail"
    paragraph.extend([button, " ", mail])
    return paragraph


def _printed_address(soup, page, config):
    """For the printout only: where this page lives online, as text and as a QR code."""
    address = _absolute(config, page.url)
    block = soup.new_tag("div", attrs={"class": "print-adres"})
    text = soup.new_tag("p")
    text.append("Lees deze tekst online: ")
    code = soup.new_tag("code")
    code.string = address
    text.append(code)
    qr = _qr_file(config, page.file.src_uri.removesuffix(".md"), address)
    image = soup.new_tag("img", attrs={"src": get_relative_url(qr, page.url), "width": "96", "height": "96",
                                       "alt": f"QR-code naar {address}", "loading": "lazy"})
    block.append(text)
    block.append(image)
    return block


def _absolute(config, page_url: str, anchor: str = "") -> str:
    return config.site_url.rstrip("/") + "/" + page_url + (f"#{anchor}" if anchor else "")


def _qr_file(config, name: str, address: str) -> str:
    path = Path(config.site_dir) / QR_DIR / f"{name}.svg"
    path.parent.mkdir(parents=True, exist_ok=True)
    segno.make(address, error="m").save(str(path), kind="svg", scale=4, border=2, dark="#000", light="#fff",
                                        title=f"QR-code naar {address}", svgclass=None, lineclass=None)
    return f"{QR_DIR}/{name}.svg"


def _entry(config, here, target_page, title: str, anchor: str, level: str) -> str:
    address = _absolute(config, target_page.url, anchor)
    name = target_page.file.src_uri.removesuffix(".md") + (f"--{anchor}" if anchor else "")
    qr = get_relative_url(_qr_file(config, name, address), here.url)
    href = get_relative_url(target_page.url, here.url) + (f"#{anchor}" if anchor else "")
    return (
        f'<li class="linklijst__{level}">'
        f'<a class="linklijst__titel" href="{escape(href)}">{escape(title)}</a> '
        f'<code class="linklijst__adres">{escape(address)}</code> '
        f'<button type="button" class="md-button kopieer-link" data-url="{escape(address)}" hidden>Kopieer link</button>'
        f'<details class="linklijst__qr"><summary>QR-code</summary>'
        f'<img src="{escape(qr)}" width="116" height="116" loading="lazy" alt="QR-code naar {escape(title)}">'
        "</details></li>"
    )


def _link_list(page, nav, config) -> str:
    if not config.site_url:
        raise PluginError(f"{page.file.src_uri}: the link list needs site_url (set SITE_URL)")
    parts = ['<ul class="linklijst">']
    for target in nav.pages:
        if target is page:
            continue
        parts.append(_entry(config, page, target, target.title, "", "pagina"))
        page_boxes = boxes.get(target.file.src_uri, [])
        sections = [s for top in target.toc for item in top.children for s in (item, *item.children)]
        for section in sections:
            parts.append(_entry(config, page, target, section.title, section.id, "onderdeel"))
            for box_id, title in ((b, t) for s_id, b, t in page_boxes if s_id == section.id):
                parts.append(_entry(config, page, target, title, box_id, "tip"))
    parts.append("</ul>")
    return "\n".join(parts)


def on_page_context(context, page, config, nav):
    if LINK_LIST_MARKER in page.content:
        listing = _link_list(page, nav, config)
        page.content = page.content.replace(f"<p>{LINK_LIST_MARKER}</p>", listing).replace(LINK_LIST_MARKER, listing)
    return context


def on_post_build(config):
    width, height = SHARE_IMAGE_SIZE
    image = Image.new("RGB", SHARE_IMAGE_SIZE, "#1f5f5b")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 24, width, height), fill="#a2461b")
    draw.text((80, 150), config.site_name, font=ImageFont.load_default(size=88), fill="#ffffff")
    description = textwrap.fill(" ".join(config.site_description.split()), width=52)
    draw.multiline_text((80, 300), description, font=ImageFont.load_default(size=40), fill="#e8f3f2", spacing=14)
    target = Path(config.site_dir) / SHARE_IMAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)
