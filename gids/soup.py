"""An attribute of a BeautifulSoup tag as the text it is.

BeautifulSoup types every attribute's value as a text or a list of texts. It gives a list only for the
attributes that HTML lets hold several values (class, rel, headers, accesskey, …): an id, href, src,
type, aria-label or data-… attribute is always one text.
"""

from __future__ import annotations

from bs4 import Tag


def attribute(tag: Tag, name: str, default: str | None = None) -> str:
    """tag[name] (a KeyError when the tag has none), or tag.get(name, default) when a default is given."""
    value = tag[name] if default is None else tag.get(name, default)
    if not isinstance(value, str):  # a multi-valued attribute: that is tag.get_attribute_list(name)
        raise TypeError(f"<{tag.name} {name}=…> holds several values; read it with get_attribute_list")
    return value
