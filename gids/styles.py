"""Material's stylesheet, with only the rules this site can use: a smaller first view on every page.

Material ships one stylesheet for all its features (code blocks, tabs, tags, blogs, annotations, …); this
site uses a few. After the build, a rule stays when every class it names appears somewhere the browser
can meet it: in a built page, or in a script that writes classes (Material's bundle, the site's own
scripts; a class the bundle builds from a prefix, `md-tag--${…}`, keeps every class with that prefix).
Rules without classes (elements, attributes, variables, @font-face, …) all stay. The result is written
under a new name with its own content hash (fingerprint.py), since the fingerprinted name is cached for a
year (server/nginx.conf), and every page links that name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import tinycss2
from mkdocs.exceptions import PluginError

from gids import fingerprint

if TYPE_CHECKING:
    from gids.model import Build

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
                raise PluginError(f"styles.py: Material's stylesheet does not parse: {rule.message}")
            else:
                kept.append(rule.serialize())
        return kept

    return "".join(walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def purge(*, build: Build) -> None:
    """Material's main stylesheet, purged and renamed (after the plugins wrote the pages and assets)."""
    site = build.site
    sheets = sorted((site / STYLESHEETS).glob("main.*.min.css"))
    if len(sheets) != 1:
        raise PluginError(f"styles.py: expected one Material main stylesheet in {STYLESHEETS}, found {len(sheets)}")
    known: set[str] = set()
    for page in site.rglob("*.html"):  # the class attributes only, read as text (the pages are parsed later)
        for value in CLASS_ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            known.update(value.split())
    scripts = "".join(path.read_text(encoding="utf-8") for path in (site / "assets").rglob("*.js"))
    known.update(re.findall(r"-?[_a-zA-Z][\w-]*", scripts))
    prefixes = tuple(set(re.findall(r"(md-[\w-]*?)\$\{", scripts)))
    kept = used_rules(sheets[0].read_text(encoding="utf-8"), known, prefixes)
    sheets[0].with_name(sheets[0].name + ".map").unlink(missing_ok=True)
    fingerprint.write(sheets[0], kept.encode("utf-8"), build=build)

