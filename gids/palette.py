"""Colours in one request: the colour-scheme rules of Material's palette stylesheet, inside the site's own.

With a palette configured, Material links palette.<hash>.min.css on every page: about 12 KB, most of
it the colours of Material's named primary and accent colours. This site has its own colours
(`custom`, in assets/site.css) and uses only the scheme rules (the dark `slate` scheme, the switch).
After the build those rules go to the top of the built site stylesheet, so they come before the
site's own colours as the two stylesheets did, and overrides/main.html leaves the palette link out:
one render-blocking request less on every first view. The tests check both schemes in the browser.
"""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

import tinycss2
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from gids.model import Build

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
            raise PluginError(f"palette.py: Material's palette stylesheet does not parse: {rule.message}")
    return kept


def merge(*, build: Build) -> None:
    """After mkdocs-minify-plugin wrote site.min.css."""
    config = build.config
    if not config.theme.get("palette"):
        return
    site = build.site
    palettes = sorted((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    if len(palettes) != 1:
        raise PluginError(f"palette.py: expected one Material palette stylesheet in assets/stylesheets, found {len(palettes)}")
    stylesheet = site / str(next(css for css in config.extra_css if Path(str(css)).name.startswith("site.")))
    own = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(f"/* Material's colour-scheme rules (gids/palette.py) */{scheme_rules(palettes[0].read_text(encoding='utf-8'))}\n{own}",
                          encoding="utf-8")
