"""The checkout this package works in, and what its mkdocs.yml says, read as plain YAML."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent  # the folder of mkdocs.yml


def nav_pages(root: Path = ROOT) -> list[str]:
    """The address (slug) of every page in mkdocs.yml's nav, in order; "" is the home page."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def walk(items: list[Any]) -> Iterator[str]:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield "" if value == "index.md" else value.removesuffix(".md")

    return list(walk(config["nav"]))
