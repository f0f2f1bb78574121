"""The project's files read as plain data: mkdocs.yml (with its `!ENV` tags) and the pages' front matter,
without MkDocs."""

from __future__ import annotations

import os
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
