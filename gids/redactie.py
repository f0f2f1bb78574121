"""Editors' commands, run by ./run.sh (REDACTIE.md explains them in Dutch).

./run.sh hernoem OUD NIEUW   renames docs/OUD.md to docs/NIEUW.md: the nav, the links in docs/ and a
                             redirect from the old address (redirect_maps), in one step
(every ./run.sh command)     checks mkdocs.yml and woordenlijst.yml first: a YAML mistake is said in
                             Dutch, with its line and its usual cause, before MkDocs starts
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import yaml

from gids import mistakes  # mistakes said the same way by run.sh and the build
from gids.model import EditorError
from gids.project import ConfigLoader

ROOT = Path.cwd()  # the project: ./run.sh runs these commands in the folder of mkdocs.yml
NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def fail(message: str) -> NoReturn:
    print(f"run.sh: {message}", file=sys.stderr)
    sys.exit(1)


def _read(path: Path) -> str:
    try:
        return mistakes.read_text(path, path.name)
    except EditorError as error:  # not saved as UTF-8
        fail(str(error))
        raise


def _nav_without_colon(node) -> int | None:
    """The line of a nav entry written '- Titel bestand.md' (the colon forgotten), from 1."""
    if not isinstance(node, yaml.MappingNode):
        return None
    stack = [value for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == "nav"]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(value for _, value in current.value)
        elif isinstance(current, yaml.ScalarNode) and " " in current.value.strip() and "://" not in current.value:
            return current.start_mark.line + 1
    return None


def check_yaml(root: Path = ROOT) -> None:
    """mkdocs.yml and woordenlijst.yml (and references.bib, for its encoding) read as the editor meant them;
    a mistake stops with its line and usual cause, in Dutch."""
    if (root / "references.bib").exists():
        _read(root / "references.bib")
    for name, loader in (("mkdocs.yml", ConfigLoader), ("woordenlijst.yml", yaml.SafeLoader)):
        path = root / name
        if not path.exists():
            continue
        text = _read(path)
        lines = text.splitlines()
        found = mistakes.problem(text, loader)
        if found is None and name == "mkdocs.yml":
            line = _nav_without_colon(yaml.compose(text, Loader=loader))
            if line:
                found = (
                    line,
                    (
                        "in nav: ontbreekt de dubbele punt tussen de titel en de bestandsnaam: schrijf "
                        "- Titel: bestand.md"
                    ),
                )
        if found:
            line, cause = found
            shown = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
            fail(f"{name}, regel {line}: dit is geen geldige YAML.\n    {shown}\nMeestal is de oorzaak: {cause}.")


def rename(old: str, new: str, root: Path = ROOT) -> None:
    """docs/OLD.md -> docs/NEW.md, with its nav entry, the links to it and a redirect from its old address."""
    old, new = old.removesuffix(".md").removeprefix("docs/"), new.removesuffix(".md").removeprefix("docs/")
    source, target = root / "docs" / f"{old}.md", root / "docs" / f"{new}.md"
    if not source.exists():
        fail(f"hernoem: docs/{old}.md bestaat niet")
    if target.exists():
        fail(f"hernoem: docs/{new}.md bestaat al")
    if not NAME.fullmatch(new):
        fail(
            f"hernoem: '{new}' wordt het adres van de pagina: gebruik kleine letters en cijfers, met koppeltekens "
            "tussen de woorden (zoals veelgestelde-vragen)"
        )
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not re.search(rf"^\s*-.*:\s*{re.escape(old)}\.md\s*$", text, re.M):
        fail(f"hernoem: {old}.md staat niet in nav: van mkdocs.yml")
    if re.search(rf"^\s+{re.escape(old)}\.md\s*:", text, re.M):
        fail(f"hernoem: {old}.md is al een oud adres in redirect_maps")
    moved = subprocess.run(["git", "mv", str(source), str(target)], cwd=root, capture_output=True)
    if moved.returncode != 0:  # not in a git checkout: move it plainly
        source.rename(target)
    # Every mention of the page in mkdocs.yml (nav, redirect targets) follows it; then the redirect.
    text = re.sub(rf"(?<![\w./-]){re.escape(old)}\.md", f"{new}.md", text)
    maps = re.search(r"^(\s*)redirect_maps:\s*\n", text, re.M)
    if maps is None:
        fail("hernoem: mkdocs.yml heeft geen redirect_maps onder de plugin gids (plugins: - gids: redirect_maps:)")
    indent = maps.group(1) + "  "
    text = text[: maps.end()] + f"{indent}{old}.md: {new}.md\n" + text[maps.end() :]
    config.write_text(text, encoding="utf-8")
    # Links to it in the pages: Markdown links (page.md, page.md#part) and written-out addresses (../page/).
    changed = []
    for page in sorted((root / "docs").rglob("*.md")):
        content = page.read_text(encoding="utf-8")
        updated = re.sub(rf"(?<![\w-]){re.escape(old)}\.md(?=[#)\s\"'])", f"{new}.md", content)
        updated = re.sub(rf"(?<=[\"'(/]){re.escape(old)}/(?=[#\"')])", f"{new}/", updated)
        if updated != content:
            page.write_text(updated, encoding="utf-8")
            changed.append(page.relative_to(root).as_posix())
    print(
        f"docs/{old}.md heet nu docs/{new}.md.\n"
        f"- mkdocs.yml: nav aangepast, en het oude adres /{old}/ leidt naar /{new}/ (redirect_maps)\n"
        f"- links aangepast in: {', '.join(changed) or 'geen andere pagina'}\n"
        "Leg de nieuwe adressen vast met ./run.sh adressen, bekijk het resultaat met ./run.sh check, en commit ook "
        "adressen.txt."
    )


if __name__ == "__main__":
    command, arguments = (sys.argv[1] if len(sys.argv) > 1 else ""), sys.argv[2:]
    if command == "yaml":
        check_yaml()
    elif command == "hernoem" and len(arguments) == 2:
        check_yaml()
        rename(arguments[0], arguments[1])
    else:
        fail("gebruik: ./run.sh hernoem OUDE-NAAM NIEUWE-NAAM (de bestandsnaam in docs/, zonder .md)")
