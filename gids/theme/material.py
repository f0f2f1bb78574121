"""Material for MkDocs in one place: everything of the site's code that knows Material's DOM, class names,
CSS variables, stylesheets, plugins or bundle (README, "Onderhoud en toekomst"). The rest of the package
uses the names below (BUTTON, …) and the passes here, and never mentions Material's `md-` names itself;
overrides/ holds Material's templates, and the `md-*` rules of the site's stylesheet are Material's too.

## Buttons
The site's buttons and button-like links wear Material's button style (BUTTON, PRIMARY_BUTTON).

## Colours in one request (merge_palette)
Colours in one request: the colour-scheme rules of Material's palette stylesheet, inside the site's own.

With a palette configured, Material links palette.<hash>.min.css on every page: about 12 KB, most of
it the colours of Material's named primary and accent colours. This site has its own colours
(`custom`, in assets/site.css) and uses only the scheme rules (the dark `slate` scheme, the switch).
After the build those rules go to the top of the built site stylesheet, so they come before the
site's own colours as the two stylesheets did, and overrides/main.html leaves the palette link out:
one render-blocking request less on every first view. The tests check both schemes in the browser.

## Material's stylesheet, trimmed (purge_stylesheet)
Material's stylesheet, with only the rules this site can use: a smaller first view on every page.

Material ships one stylesheet for all its features (code blocks, tabs, tags, blogs, annotations, …); this
site uses a few. After the build, a rule stays when every class it names appears somewhere the browser
can meet it: in a built page, or in a script that writes classes (Material's bundle, the site's own
scripts; a class the bundle builds from a prefix, `md-tag--${…}`, keeps every class with that prefix).
Rules without classes (elements, attributes, variables, @font-face, …) all stay. The result is written
under a new name with its own content hash (fingerprint.py), since the fingerprinted name is cached for a
year (server/nginx.conf), and every page links that name.

## The header's menu and search (header_buttons)
The header's menu and search, usable by keyboard and screen reader on a phone.

Material opens its menu (the drawer) with a <label> for a hidden checkbox: that works without
JavaScript, but a label cannot be reached with Tab and has no role or name. Each built page gets a real
<button> beside the label, with a Dutch name, and the menu an id to point to. The stylesheet shows the
button where JavaScript runs and the label where it does not (`@media (scripting: …)`), both from the
first paint, so nothing moves; assets/site.js makes the button work and keeps a closed menu out of the tab
order. The search (Pagefind, not Material's) gets its button beside the colour switch: shown where
JavaScript runs, since Pagefind searches in the browser.

## Files of Material's that no page asks for (unused_files)
Material ships its scripts with the theme: its bundle, and its search's files (lunr and its languages, the
search worker), also where its search plugin is not used. No page loads them: the site's own script does
what readers use of the bundle (docs/assets/site.js), and the site searches with Pagefind (gids/search.py).
So they are removed from the built site (1.6 MB less to publish and precompress), before the stylesheet is
trimmed: the classes only the bundle would write are not kept either.

## Icons in the stylesheet (icons_in_stylesheet)
Material writes each icon into every page as an inline <svg> (the logo, the menu, the colour switch,
"Terug naar boven", the footer's arrows): about half a kilobyte per page, compressed, that every page
brings again. Each icon becomes a rule of the site's stylesheet, which the browser keeps, and the page
keeps an empty <svg> of the same size that the rule paints (a mask in the text's colour; in forced
colours, the system's text colour). Found in the pages as MkDocs wrote them (Material's icon files:
24 by 24, one line), before the pages are parsed.

## Markup Material gets wrong (mend)
Material writes autocomplete="off" on its checkbox toggles (allowed on text inputs only) and an empty
tabindex on navigation section labels; and the attributes its bundle looks for (BUNDLE_HOOKS), which
no page loads.
"""

from __future__ import annotations

import copy
import hashlib
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import tinycss2
from bs4 import BeautifulSoup, Tag

from gids import cache, fingerprint
from gids.model import EditorError

if TYPE_CHECKING:
    from gids.model import Site

BUTTON = "md-button"
PRIMARY_BUTTON = "md-button md-button--primary"
PAGE_TOC = "nav.md-nav--secondary > ul"  # "Op deze pagina" in the sidebar of a built page
TOC_ATTRIBUTES = ("data-md-component", "data-md-scrollfix")  # Material's script hooks on a nav it would drive


NAMED_COLOURS = ("[data-md-color-primary=", "[data-md-color-accent=")


def _for_named_colour(rule) -> bool:
    selectors = tinycss2.serialize(rule.prelude).split(",")
    return all(any(named in selector for named in NAMED_COLOURS) for selector in selectors)


def scheme_rules(css: str) -> str:
    """The rules of a palette stylesheet this site uses: everything but those for Material's named colours."""
    return "".join(_used(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def _used(rules) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content is not None:
            inner = _used(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            if inner:
                kept.append(f"@media{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "qualified-rule" and _for_named_colour(rule):
            continue
        elif rule.type in ("qualified-rule", "at-rule"):
            kept.append(rule.serialize())
        elif rule.type == "error":
            raise EditorError(f"gids/theme/material.py: Material's palette stylesheet does not parse: {rule.message}")
    return kept


def merge_palette(*, site: Site) -> None:
    """After mkdocs-minify-plugin wrote site.min.css."""
    if not site.palette:
        return
    palettes = sorted((site.folder / "assets" / "stylesheets").glob("palette.*.min.css"))
    if len(palettes) != 1:
        raise EditorError(
            f"gids/theme/material.py: expected one Material palette stylesheet in assets/stylesheets, found {len(palettes)}"
        )
    stylesheet = site.folder / site.stylesheet
    own = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(
        f"/* Material's colour-scheme rules (gids/theme/material.py) */{scheme_rules(palettes[0].read_text(encoding='utf-8'))}\n{own}",
        encoding="utf-8",
    )


# Material's stylesheet, trimmed

STYLESHEETS = Path("assets") / "stylesheets"
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def used_rules(css: str, known: set[str], prefixes: tuple[str, ...]) -> str:
    """The rules of css whose selectors (at least one per rule) name only known classes."""

    def known_class(name: str) -> bool:
        return name in known or name.startswith(prefixes)

    def keep(selector: str) -> bool:
        return all(known_class(name) for name in CLASS.findall(selector))

    def walk(rules) -> list[str]:
        kept = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [s for s in tinycss2.serialize(rule.prelude).split(",") if keep(s)]
                if selectors:
                    kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                inner = walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                if inner:
                    kept.append(f"@{rule.lower_at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
            elif rule.type == "error":
                raise EditorError(f"gids/theme/material.py: Material's stylesheet does not parse: {rule.message}")
            else:
                kept.append(rule.serialize())
        return kept

    return "".join(walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def purge_stylesheet(*, site: Site) -> None:
    """Material's main stylesheet, purged and renamed (after the plugins wrote the pages and assets)."""
    sheets = sorted((site.folder / STYLESHEETS).glob("main.*.min.css"))
    if len(sheets) != 1:
        raise EditorError(
            f"gids/theme/material.py: expected one Material main stylesheet in {STYLESHEETS}, found {len(sheets)}"
        )
    known: set[str] = set()
    for page in site.folder.rglob("*.html"):  # the class attributes only, read as text (the pages are parsed later)
        for value in CLASS_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            known.update(value.split())
    scripts = "".join(path.read_text(encoding="utf-8") for path in (site.folder / "assets").rglob("*.js"))
    known.update(re.findall(r"-?[_a-zA-Z][\w-]*", scripts))
    prefixes = tuple(set(re.findall(r"(md-[\w-]*?)\$\{", scripts)))
    css = sheets[0].read_text(encoding="utf-8")
    key = "\n".join([css, *sorted(known), "", *sorted(prefixes)]).encode("utf-8")
    purged = cache.kept(
        site.root / cache.CACHE / "stylesheet", key, lambda: used_rules(css, known, prefixes).encode("utf-8")
    )
    sheets[0].with_name(sheets[0].name + ".map").unlink(missing_ok=True)
    fingerprint.write(sheets[0], purged, site=site)


# The header's menu and search

BUTTONS = {  # checkbox -> (panel selector, panel id, name of the button, class)
    "__drawer": (".md-sidebar--primary", "site-menu", "Menu", "site-knop--menu"),
}


def header_buttons(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    for toggle, (selector, panel_id, name, modifier) in BUTTONS.items():
        label = soup.select_one(f"label.md-header__button[for='{toggle}']")
        panel = soup.select_one(selector)
        if label is None or panel is None:
            continue
        panel["id"] = panel_id
        button = soup.new_tag(
            "button",
            attrs={
                "type": "button",
                "class": f"md-header__button md-icon site-knop {modifier}",
                "data-toggle": toggle,
                "aria-label": name,
                "aria-expanded": "false",
                "aria-controls": panel_id,
            },
        )
        for child in label.contents:
            button.append(copy.copy(child))
        label.insert_after(button)
    search_button(soup)


def search_button(soup: BeautifulSoup) -> None:
    """The search (Pagefind, assets/zoeken.js) opens from a button in the header, beside the colour switch;
    the stylesheet shows it where JavaScript runs."""
    inner = soup.find(class_="md-header__inner")
    if not isinstance(inner, Tag):
        return
    place = inner.find("form", class_="md-header__option", recursive=False) or inner.find(
        class_="md-header__title", recursive=False
    )
    button = BeautifulSoup(
        '<button type="button" class="md-header__button md-icon site-knop site-knop--zoeken" data-zoeken '
        'aria-haspopup="dialog"><svg class="i-zoeken" viewBox="0 0 24 24" aria-hidden="true"></svg>'
        '<span class="site-knop__tekst">Zoeken</span></button>',
        "html.parser",
    ).button
    if isinstance(place, Tag) and button is not None:
        place.insert_after(button)


# Files of Material's that no page asks for

UNUSED = ("assets/javascripts",)


def unused_files(*, site: Site) -> None:
    for name in UNUSED:
        shutil.rmtree(site.folder / name, ignore_errors=True)


# Icons in the stylesheet

ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">(?:(?!</svg>).)*</svg>', re.S)


def icons_in_stylesheet(*, site: Site) -> None:
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.folder.rglob("*.html"))}
    names: dict[str, str] = {}
    for text in pages.values():
        for icon in ICON.findall(text):
            names.setdefault(icon, f"i-{hashlib.sha256(icon.encode()).hexdigest()[:6]}")
    if not names:
        return
    rules = [
        f'svg.{name}{{-webkit-mask:url("data:image/svg+xml,{quote(icon)}") center/contain no-repeat;'
        f'mask:url("data:image/svg+xml,{quote(icon)}") center/contain no-repeat;background-color:currentcolor}}'
        for icon, name in names.items()
    ]
    rules.append(
        '@media (forced-colors:active){svg[class^="i-"]{forced-color-adjust:none;background-color:CanvasText}}'
    )
    with (site.folder / site.stylesheet).open("a", encoding="utf-8") as built:
        built.write("\n" + "".join(rules) + "\n")
    for path, text in pages.items():
        emptied = ICON.sub(
            lambda found: f'<svg class="{names[found.group(0)]}" viewBox="0 0 24 24" aria-hidden="true"></svg>', text
        )
        if emptied != text:
            path.write_text(emptied, encoding="utf-8")


# Markup Material gets wrong


# Material's hooks for its bundle, which no page loads: no stylesheet or script of the site reads them.
BUNDLE_HOOKS = ("data-md-component", "data-md-level", "data-md-scrollfix", "data-md-type")


def mend(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    for element in soup.find_all(lambda tag: any(tag.has_attr(hook) for hook in BUNDLE_HOOKS)):
        for hook in BUNDLE_HOOKS:
            element.attrs.pop(hook, None)
    for box in soup.find_all("input", type="checkbox", autocomplete=True):
        del box["autocomplete"]
    for element in soup.find_all(tabindex=""):
        del element["tabindex"]
