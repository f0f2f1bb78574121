"""Lees voor: the control that reads a page aloud with the device's own Dutch voice (assets/voorlezen.js).

control (post-build, each built page): right under the title of every page that is read aloud (PageFacts.read_aloud:
every chapter, and a page whose front matter says `voorlezen: true`), a hidden group with the button "Lees voor".
It names the script that reads (its fingerprinted name, data-voorlezen); assets/site.js loads that script only when
the page has the control and the device has a Dutch voice of its own (`localService`), and the script shows the
control. Without JavaScript, without speech synthesis or without such a voice, nothing of it shows. The whole guide
gets none: it is for print.

The group is fixed at the bottom of the screen (site.css): it appears after the page's first paint (the voices
arrive late), and in the page's flow it would push the text down.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gids.built import content_of, is_whole_guide
from gids.model import EditorError
from gids.theme.material import PRIMARY_BUTTON
from gids.urls import relative

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

    from gids.model import Site

SCRIPT = "assets/voorlezen.js"  # as written in docs/; built (minified, fingerprinted) under site.renamed[SCRIPT]
CONTROL = "lees-voor"  # the group's class (site.css, voorlezen.js)


def control(soup: BeautifulSoup, *, path: Path, site: Site) -> None:
    page = site.page_at(path)
    content = content_of(soup)
    if page is None or content is None or not page.read_aloud or is_whole_guide(path, site):
        return
    title = content.find("h1")
    if title is None:
        raise EditorError(
            f"{page.source}: deze pagina heeft geen titel. Zet bovenaan een regel # Titel: de knop ‘Lees voor’ "
            "heeft die nodig."
        )
    group = soup.new_tag(
        "div",
        attrs={
            "class": CONTROL,
            "role": "group",
            "aria-label": "Voorlezen",
            "hidden": "",
            "data-voorlezen": relative(site.renamed.get(SCRIPT, SCRIPT), site.url_of(path)),
        },
    )
    button = soup.new_tag("button", attrs={"type": "button", "class": f"{PRIMARY_BUTTON} {CONTROL}__knop"})
    button.string = "Lees voor"
    group.append(button)
    title.insert_after(group)
