"""The project's files read as plain data: mkdocs.yml (with its `!ENV` tags) and the pages' front matter,
without MkDocs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent  # the folder of mkdocs.yml


@dataclass(frozen=True)
class NavEntry:
    """A page of mkdocs.yml's nav, in its order."""

    title: str
    file: str  # as nav writes it, relative to docs/: "wat-is-gehechtheid.md"
    section: str  # the nav section it stands in ("Hoofdstukken"), "" at the top level

    @property
    def slug(self) -> str:
        """Its address without slashes: "wat-is-gehechtheid"; "" for the home page."""
        return "" if self.file == "index.md" else self.file.removesuffix(".md")


def nav_entries(root: Path = ROOT) -> list[NavEntry]:
    """Every page of mkdocs.yml's nav, in order (read as plain YAML, as the editors wrote it)."""

    def walk(items: list[Any], section: str) -> Iterator[NavEntry]:
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else ("", item)
            if isinstance(value, list):
                yield from walk(value, str(title))
            else:
                yield NavEntry(str(title), str(value), section)

    return list(walk(read_config(root).get("nav") or [], ""))


def nav_pages(root: Path = ROOT) -> list[str]:
    """The address (slug) of every page in mkdocs.yml's nav, in order; "" is the home page."""
    return [entry.slug for entry in nav_entries(root)]


def nav_section(name: str, root: Path = ROOT) -> list[NavEntry]:
    """The pages of one nav section, such as "Hoofdstukken"."""
    return [entry for entry in nav_entries(root) if entry.section == name]


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain YAML: `!ENV NAME` or `!ENV [NAME, …, default]` is the first of those variables that
    is set, or the default; MkDocs' Python tags (`!!python/name:…`) are read as nothing."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [str(loader.construct_scalar(node))], None
    elif isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list of names", node.start_mark)
    return next((os.environ[name] for name in names if name in os.environ), default)


ConfigLoader.add_constructor("!ENV", _environment)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(root: Path = ROOT) -> dict[str, Any]:
    """mkdocs.yml of a project, as data."""
    data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    return data if isinstance(data, dict) else {}


def front_matter(text: str) -> dict[str, Any]:
    """The data between the `---` lines at the top of a page ({} when there is none, or it is not valid YAML:
    pages.check_front_matter says that mistake with its line)."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    try:
        data = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
