"""Each page's own data (front matter): read as the editor meant it, or the build says what is wrong.

MkDocs reads the lines between the two `---` at the top of a page as YAML; when they are not valid
YAML it silently shows them as text (a colon in a description is enough). Here that stops the build
with the file, the line and the usual cause. Every page also needs its own `description:`: it is the
text of a shared link's preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from state import Build


def check_front_matter(markdown: str, *, page: Page, build: Build) -> str:
    name = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    lines = source.splitlines()
    if lines and lines[0].strip() == "---" and not page.meta:
        end = next((number for number, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
        try:
            yaml.safe_load("\n".join(lines[1:end]))
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = (mark.line + 2) if mark else 2
            raise PluginError(f"{name}, regel {line}: de gegevens bovenaan de pagina (tussen de twee regels ---) zijn "
                              f"geen geldige YAML ({error.problem}). Meestal staat er een dubbele punt in een tekst: "
                              "zet die tekst dan tussen aanhalingstekens.") from error
    if not isinstance(page.meta.get("description"), str) or not page.meta["description"].strip():
        raise PluginError(f"{name}: deze pagina heeft geen beschrijving. Zet bovenaan, tussen twee regels ---, een regel "
                          "description: met één zin over de pagina (die zin verschijnt als iemand de link deelt).")
    return markdown
