"""Every recipe of the editors' guide (REDACTIE.md), done on a copy of the project as an editor would:
with the examples as the guide gives them and the commands it names, then the commands the guide runs
before sending a change (./run.sh adressen, then the content, link and source checks, ./run.sh check)
green, with no file under tests/ changed, and no file changed by ./run.sh check."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT, free_name, free_source

pytestmark = pytest.mark.slow  # builds the copy and runs the quick checks in it

GUIDE = ROOT / "REDACTIE.md"


def examples() -> dict[str, list[tuple[str, str]]]:
    """Per section (## heading) of the guide: its example blocks as (file they go into, text)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    title, block, target = "", None, ""
    for line in GUIDE.read_text(encoding="utf-8").splitlines(keepends=True):
        if block is not None:
            if line.startswith("```"):
                if target:
                    sections[title].append((target, "".join(block)))
                block = None
            else:
                block.append(line)
        elif line.startswith("```"):
            block, target = [], (re.search(r'title="([^"]+)"', line) or [None, ""])[1]
        elif line.startswith("## "):
            title = line[3:].strip()
            sections[title] = []
    return sections


def checkout(target) -> list[str]:
    """The project's files as a clone has them (tracked and new, not ignored), using this .venv; returns
    their names."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    copied = [name for name in listed if (ROOT / name).is_file()]
    for name in copied:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return copied


def run(project, *command) -> subprocess.CompletedProcess:
    return subprocess.run(["./run.sh", *command], cwd=project, capture_output=True, text=True, timeout=600)


def append(path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + text)


def made_free(recipes: dict[str, list[tuple[str, str]]], project) -> dict[str, str]:
    """The examples as an editor applies them to today's project: the source takes the first free number (as the
    guide says), and an id or key that the project already has (an editor may have added the example for real)
    gets a free one. Returns what was renamed (old -> new), the examples changed in place."""
    _, number = free_source(project)
    used = "\n".join(
        path.read_text(encoding="utf-8")
        for path in [project / "references.bib", project / "woordenlijst.yml", *sorted(project.glob("docs/**/*.md"))]
    )
    texts = "\n".join(text for blocks in recipes.values() for _, text in blocks)
    names = set(re.findall(r"\{id: ((?:tip|kern)-[\w-]+)\}", texts)) | set(re.findall(r"^@\w+\{([\w-]+),", texts, re.M))
    renamed = {name: free_name(name, used) for name in sorted(names)}
    renamed = {old: new for old, new in renamed.items() if old != new}
    for blocks in recipes.values():
        changed = []
        for target, text in blocks:
            for old, new in renamed.items():
                text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
            text = re.sub(r"site-number = \{\d+\}", f"site-number = {{{number}}}", text)
            changed.append((target, text))
        blocks[:] = changed
    example = re.search(r"site-number = \{(\d+)\}", texts).group(1)
    return {**renamed, f"bron-{example}": f"bron-{number}"}


def test_every_recipe_of_the_editors_guide_works(tmp_path):
    recipes = examples()
    project = tmp_path / "project"
    names = checkout(project)
    free = made_free(recipes, project)

    # A tip, a key message, a source cited in a sentence, a glossary word: the guide's examples, appended.
    for recipe in (
        "Een tip toevoegen",
        "Een kernboodschap toevoegen",
        "Een bron toevoegen en vermelden",
        "Een woord uitleggen",
    ):
        assert recipes[recipe], f"REDACTIE.md: '{recipe}' has no example"
        for target, text in recipes[recipe]:
            append(project / target, text)
    # A page with two headings, put in the nav where the guide's line says.
    (page, text), (config, nav_line) = recipes["Een pagina toevoegen"]
    (project / page).write_text(text, encoding="utf-8")
    assert len(re.findall(r"^## ", text, flags=re.M)) == 2
    mkdocs = (project / config).read_text(encoding="utf-8")
    (project / config).write_text(
        mkdocs.replace("  - Woordenlijst:", nav_line + "  - Woordenlijst:", 1), encoding="utf-8"
    )
    # A page renamed with the command the guide names.
    command = re.search(r"```sh\n(\./run\.sh hernoem [^\n]+)\n```", GUIDE.read_text(encoding="utf-8")).group(1)
    renamed = run(project, *command.split()[1:])
    assert renamed.returncode == 0, renamed.stdout + renamed.stderr
    # A heading renamed with its old anchor.
    [(target, heading)] = recipes["Een tussenkop hernoemen"]
    anchor = re.search(r"\{#([\w-]+)\}", heading).group(1)
    chapter = project / target
    old = next(
        line
        for line in chapter.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ") and re.sub(r"\W+", "-", line[3:].lower()).strip("-") == anchor
    )
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(old + "\n", heading), encoding="utf-8")

    # Before sending (the guide's "Je wijziging doorsturen"): its ./run.sh commands, in its order.
    sending = re.search(
        r"^## Je wijziging doorsturen\n.*?```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S | re.M
    ).group(1)
    commands = [line.split("#")[0].split()[1:] for line in sending.splitlines() if line.startswith("./run.sh ")]
    assert commands == [["adressen"], ["check"]], commands
    recorded = run(project, "adressen")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert "nieuwe adressen vastgelegd in adressen.txt" in recorded.stdout, recorded.stdout
    # The project's files after the recipes, the new pages included.
    added = [path.relative_to(project).as_posix() for path in (project / "docs").rglob("*") if path.is_file()]
    files = {name: (project / name).read_bytes() for name in {*names, *added} if (project / name).is_file()}
    result = run(project, "check")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"\d+ passed", result.stdout) and " failed" not in result.stdout
    changed = [name for name in files if not (project / name).is_file() or (project / name).read_bytes() != files[name]]
    assert not changed, f"./run.sh check changed files of the project: {changed}"

    for test_file in (ROOT / "tests").rglob("*"):
        if test_file.is_file() and "__pycache__" not in test_file.parts:
            copy = project / test_file.relative_to(ROOT)
            assert copy.read_bytes() == test_file.read_bytes(), f"{copy.relative_to(project)} changed"
    contract = (project / "adressen.txt").read_text(encoding="utf-8").splitlines()
    for address in (
        "/veelgestelde-vragen/",
        "/veelgestelde-vragen/#waar-vind-ik-hulp",
        "/afdrukken/",
        "/printen/",
        "/gehechtheid-in-pleegzorg/#tip-samen-lezen",
        "/waarom-gehechtheid-belangrijk-is/#kern-rust-en-regelmaat",
        "/woordenlijst/#woord-houvast",
        "/bronnen/#bron-46",
        f"/wat-is-gehechtheid/#{anchor}",
    ):
        page, _, part = address.partition("#")
        address = page + ("#" + free.get(part, part) if part else "")
        assert address in contract, f"adressen.txt lacks {address}"
