"""The header's menu and search, usable by keyboard and screen reader on a phone.

Material opens its menu (the drawer) and, on a phone, its search with a <label> for a hidden checkbox:
that works without JavaScript, but a label cannot be reached with Tab and has no role or name. Each built
page gets a real <button> beside each label, with a Dutch name, and the menu and search panels an id to
point to. The stylesheet shows the buttons where JavaScript runs and the labels where it does not
(`@media (scripting: …)`), both from the first paint, so nothing moves; assets/site.js makes the buttons
work and keeps a closed menu out of the tab order.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from gids.model import Build

BUTTONS = {  # checkbox -> (panel selector, panel id, name of the button, class)
    "__drawer": (".md-sidebar--primary", "site-menu", "Menu", "site-knop--menu"),
    "__search": (".md-search", "site-zoeken", "Zoeken", "site-knop--zoeken"),
}


def header_buttons(soup: BeautifulSoup, *, path: Path, build: Build) -> None:
    for toggle, (selector, panel_id, name, modifier) in BUTTONS.items():
        label = soup.select_one(f"label.md-header__button[for='{toggle}']")
        panel = soup.select_one(selector)
        if label is None or panel is None:
            continue
        panel["id"] = panel_id
        button = soup.new_tag("button", attrs={
            "type": "button", "class": f"md-header__button md-icon site-knop {modifier}", "data-toggle": toggle,
            "aria-label": name, "aria-expanded": "false", "aria-controls": panel_id})
        for child in label.contents:
            button.append(copy.copy(child))
        label.insert_after(button)
