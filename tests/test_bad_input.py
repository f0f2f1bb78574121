"""Bad input stops the build with a message that names the file and the problem."""

from __future__ import annotations

import pytest

from conftest import build, copy_project

CHAPTER = "docs/wat-is-gehechtheid.md"


def inject(project, path, old, new) -> int:
    """Replaces the first `old` in the file by `new`; returns the line where it stood."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


CASES = {
    "unknown citation key": (
        CHAPTER, "[@forslund2022attachment]", "[@onbekend2020bron]",
        ["docs/wat-is-gehechtheid.md", "onbekende bron @onbekend2020bron (regel {line})"],
    ),
    "malformed BibTeX entry": (
        "references.bib", "@article{cyr2010attachment,", "@article{cyr2010attachment\n  broken",
        ["references.bib, regel {line}", "de bron 'cyr2010attachment' is niet goed geschreven"],
    ),
    "two entries with one number": (
        "references.bib", "brochure-number = {7}", "brochure-number = {6}",
        ["references.bib", "brochure-number 6"],
    ),
    "entry without status": (
        "references.bib", "status = {verified}", "",
        ["references.bib", "vanijzendoorn1999disorganized", "status"],
    ),
    "broken internal link": (
        CHAPTER, "## Meer of minder veilig gehecht", "Zie [dit](bestaat-niet.md).\n\n## Meer of minder veilig gehecht",
        ["wat-is-gehechtheid.md", "bestaat-niet.md"],
    ),
    "broken anchor": (
        CHAPTER, "## Meer of minder veilig gehecht",
        "Zie [dit](gehechtheid-in-pleegzorg.md#tip-bestaat-niet).\n\n## Meer of minder veilig gehecht",
        ["wat-is-gehechtheid.md", "tip-bestaat-niet"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_stops_the_build(tmp_path, case):
    path, old, new, expected = CASES[case]
    project = copy_project(tmp_path / "project")
    line = inject(project, path, old, new)
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build should stop\n{output}"
    for words in (words.format(line=line) for words in expected):
        assert words in output, f"{case}: message should name {words!r}\n{output}"


def test_unchanged_copy_builds(tmp_path):
    """The defect, not the copying, is what stops the builds above."""
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
