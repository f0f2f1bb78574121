"""Links to every part: a "#" link in the title of every tip and key message, and names for all of them.

A tip (`/// pleegtip | Titel`) or key message (`/// kernboodschap | Titel`) has a stable id that starts
with tip- or kern- (`attrs: {id: tip-…}`): caseworkers send its address to families. Its title gets a
visible "link to this part", like the headings get from the toc extension.

The "#" links are named for screen readers rather than titled (Material would give each a tooltip of its
own, which costs a phone time at every page load), each with the part it links to: a screen reader's
list of links then tells them apart.

A box without such an id stops here with a plain message; in the MkDocs build, gids/links.py has
already said it naming the file and line (check_boxes).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from gids.markdown.text import classes, text_of

# Box type -> (name of its "#" link, word before its title in the caseworkers' list)
LINKED_BOXES = {
    "pleegtip": ("Link naar deze tip", "Tip"),
    "kernboodschap": ("Link naar deze kernboodschap", "Kernboodschap"),
}
ID_PREFIXES = {"pleegtip": "tip-", "kernboodschap": "kern-"}  # every tip and key message has such an id
WORDS = {"pleegtip": "tip", "kernboodschap": "kernboodschap"}


class BoxError(ValueError):
    """A tip or key message without a good id, said in Dutch."""


def is_link(element: etree.Element) -> bool:
    return element.tag == "a" and "headerlink" in classes(element)


class BoxLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for link in parent:
                if is_link(link) and link.get("title") is not None:  # the toc extension's, beside a heading
                    link.set("aria-label", f"{link.attrib.pop('title')}: {text_of(parent, self.md, skip=is_link)}")
        for box in root.iter("div"):
            kind = next((kind for kind in LINKED_BOXES if kind in classes(box)), None)
            title = next((child for child in box if "admonition-title" in classes(child)), None)
            if kind is None or "admonition" not in classes(box) or title is None:
                continue
            name = text_of(title, self.md)
            box_id = box.get("id") or ""
            if not box_id.startswith(ID_PREFIXES[kind]):
                raise BoxError(
                    f"de {WORDS[kind]} '{name}' heeft "
                    + (f"de id '{box_id}', maar die moet beginnen met {ID_PREFIXES[kind]}" if box_id else "geen id")
                    + f'. Zet onder de eerste regel: "    attrs: {{id: {ID_PREFIXES[kind]}korte-naam}}".'
                )
            link = etree.SubElement(
                title,
                "a",
                {"class": "headerlink", "href": f"#{box_id}", "aria-label": f"{LINKED_BOXES[kind][0]}: {name}"},
            )
            link.text = "#"


def make(md: Markdown, extension) -> BoxLinks:
    return BoxLinks(md)
