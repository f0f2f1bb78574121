"""Bad input stops the build with a message that names the file and the problem."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from gids import glossary, links, pages, printing, redactie
from gids.model import EditorError, PageContents, PageFacts, Site

from conftest import ROOT, build, copy_project, free_name, free_source, soup_of

pytestmark = pytest.mark.slow  # builds copies of the project or starts servers

CHAPTER = "docs/wat-is-gehechtheid.md"


def inject(project, path, old, new) -> int:
    """Replaces the first `old` in the file by `new`; returns the line where it stood."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


CASES = {
    "unknown citation key": (
        CHAPTER,
        "[@forslund2022attachment]",
        "[@onbekend2020bron]",
        ["docs/wat-is-gehechtheid.md", "onbekende bron @onbekend2020bron (regel {line})"],
    ),
    "malformed BibTeX entry": (
        "references.bib",
        "@article{cyr2010attachment,",
        "@article{cyr2010attachment\n  broken",
        ["references.bib, regel {line}", "de bron 'cyr2010attachment' is niet goed geschreven"],
    ),
    "two entries with one number": (
        "references.bib",
        "brochure-number = {7}",
        "brochure-number = {6}",
        ["references.bib", "brochure-number 6"],
    ),
    "entry without status": (
        "references.bib",
        "status = {verified}",
        "",
        ["references.bib", "vanijzendoorn1999disorganized", "status"],
    ),
    "entry with a title but no language": (
        "references.bib",
        "  title = {Child maltreatment and insecure attachment: A meta-analysis},\n  langid = {english},\n",
        "  title = {Child maltreatment and insecure attachment: A meta-analysis},\n",
        [
            "references.bib, regel ",
            "de bron 'baer2006child' heeft een veld langid = {{...}} nodig",
            "langid = {{english}}",
        ],
    ),
    "English entry that does not start its line": (
        "references.bib",
        "@article{forslund2022attachment,",
        "  @article{forslund2022attachment,",
        ["references.bib: de bron 'forslund2022attachment' begint niet aan het begin van een regel"],
    ),
    "link without an address": (
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "Zie [dit]().\n\n## Meer of minder veilig gehecht",
        ["docs/wat-is-gehechtheid.md, regel {line}: een link of afbeelding zonder adres"],
    ),
    "broken internal link": (
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "Zie [dit](bestaat-niet.md).\n\n## Meer of minder veilig gehecht",
        ["docs/wat-is-gehechtheid.md, regel {line}: bestaat-niet.md: die pagina of dat bestand bestaat niet"],
    ),
    "broken anchor": (
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "Zie [dit](gehechtheid-in-pleegzorg.md#tip-bestaat-niet).\n\n## Meer of minder veilig gehecht",
        ["docs/wat-is-gehechtheid.md, regel {line}:", "die pagina heeft geen onderdeel #tip-bestaat-niet"],
    ),
    "tip without id": (
        "docs/gehechtheid-in-pleegzorg.md",
        "    attrs: {id: tip-kleine-signalen}\n",
        "",
        [
            "docs/gehechtheid-in-pleegzorg.md, regel {line_before}: de tip",
            "heeft geen id",
            "attrs: {{id: tip-korte-naam}}",
        ],
    ),
    "tip without a title": (
        "docs/gehechtheid-in-pleegzorg.md",
        "/// pleegtip | Let op kleine signalen",
        "/// pleegtip |",
        ["docs/gehechtheid-in-pleegzorg.md, regel ", "de tip 'tip-kleine-signalen' heeft geen titel"],
    ),
    "key message id without kern-": (
        "docs/gehechtheid-in-pleegzorg.md",
        "attrs: {id: kern-vipp-fc-en-basic-trust}",
        "attrs: {id: vipp-hulp}",
        [
            "docs/gehechtheid-in-pleegzorg.md, regel {line_before}: de kernboodschap",
            "heeft de id 'vipp-hulp', maar die moet beginnen met kern-",
        ],
    ),
    "glossary word that appears nowhere": (
        "woordenlijst.yml",
        "vormen: [exploreren]",
        "vormen: [exploratie]",
        [
            "woordenlijst.yml, regel {line_before}: deze woorden komen nergens in de gids voor",
            "'exploreren' (vormen: exploratie)",
        ],
    ),
    "redirect to a page that does not exist": (
        "mkdocs.yml",
        "tips.md: gehechtheid-in-pleegzorg.md#tips",
        "tips.md: gehechtheid-in-de-pleegzorg.md#tips",
        [
            "mkdocs.yml, regel {line}: redirect_maps: tips.md: gehechtheid-in-de-pleegzorg.md#tips: "
            "'gehechtheid-in-de-pleegzorg.md' is geen pagina in docs/"
        ],
    ),
    "renamed heading without its old anchor": (
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "## Meer of minder veilig",
        [
            "adressen.txt: 1 adres(sen) bestaan niet meer",
            "/wat-is-gehechtheid/#meer-of-minder-veilig-gehecht: is de kop hernoemd? Zet het oude anker achter de nieuwe "
            "kop, zo: ## Nieuwe kop {{#meer-of-minder-veilig-gehecht}}",
        ],
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
    for words in (words.format(line=line, line_before=line - 1) for words in expected):
        assert words in output, f"{case}: message should name {words!r}\n{output}"


def test_removed_page_stops_the_build_with_how_to_keep_its_address(tmp_path):
    project = copy_project(tmp_path / "project")
    inject(project, "mkdocs.yml", "  - Toegankelijkheid: toegankelijkheid.md\n", "")
    (project / "docs" / "toegankelijkheid.md").unlink()
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"adressen.txt: \d+ adres\(sen\) bestaan niet meer", output), output
    assert "- /toegankelijkheid/: is de pagina hernoemd of weggehaald? Gebruik ./run.sh hernoem" in output
    assert "- /toegankelijkheid/#bekende-beperkingen: hoort bij /toegankelijkheid/, dat niet meer bestaat" in output, (
        "all at once"
    )


def test_renamed_heading_with_its_old_anchor_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    inject(
        project,
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "## Meer of minder veilig {#meer-of-minder-veilig-gehecht}",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert soup_of(tmp_path / "site", "wat-is-gehechtheid").select_one("h2#meer-of-minder-veilig-gehecht")


def tree(folder) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.mark.parametrize("case", ["unknown citation key", "broken internal link"])
def test_failed_build_leaves_the_previous_site_as_it_was(tmp_path, case):
    """The build writes beside site/ and takes its place only when it succeeded."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = tree(site)
    path, old, new, _ = CASES[case]
    inject(project, path, old, new)
    result = build(project, site)
    assert result.returncode != 0, result.stdout + result.stderr
    assert tree(site) == before, "site/ changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"], "no half-built folder left behind"


def test_unchanged_copy_builds(tmp_path):
    """The defect, not the copying, is what stops the builds above."""
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr


def test_authors_footnote_works_beside_the_sources(tmp_path):
    """`Tekst.[^noot]` is ordinary Markdown: it builds, the note stands apart from the sources."""
    project = copy_project(tmp_path / "project")
    inject(
        project,
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "Een zin met een eigen voetnoot.[^noot]\n\n[^noot]: De voetnoot van de auteur.\n\n## Meer of minder veilig gehecht",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    soup = soup_of(tmp_path / "site", "wat-is-gehechtheid")
    note = soup.select_one("div.voetnoten li")
    assert "De voetnoot van de auteur." in note.get_text()
    marker = soup.select_one("sup a.footnote-ref[href='#fn:noot']")
    assert marker.get_text() == "1"
    assert not soup.select("div.footnote:not(.voetnoten) li[id^='fn:']"), "the sources list holds sources only"


AWKWARD = 'Vragen & antwoorden: 3 < 5 "zo"'


def test_ampersands_brackets_and_quotes_show_as_written(tmp_path):
    """&, < and quotes in a heading, a glossary entry and a BibTeX field show as written everywhere."""
    project = copy_project(tmp_path / "project")
    key, number = free_source(project)  # not the number an editor's next source takes (REDACTIE.md)
    used = (project / "woordenlijst.yml").read_text(encoding="utf-8")  # a form of no other glossary word
    word = free_name("kwetsbaarheid", used)
    inject(
        project,
        CHAPTER,
        "## Meer of minder veilig gehecht",
        f"## {AWKWARD}\n\nEen zin over {word} [@{key}].\n\n## Meer of minder veilig gehecht",
    )
    with (project / "woordenlijst.yml").open("a", encoding="utf-8") as file:
        file.write(f'- term: {word} & zorg\n  vormen: [{word}]\n  uitleg: Uitleg met & en <b> en "dit".\n')
    with (project / "references.bib").open("a", encoding="utf-8") as file:
        file.write(
            f'\n@book{{{key},\n  author = {{Peeters, An}},\n  title = {{Zorg \\& hechting: <een> "studie"}},\n'
            f"  langid = {{dutch}},\n  publisher = {{Uitgeverij}},\n  year = {{2024}},\n  site-number = {{{number}}},\n  status = {{added}}\n}}\n"
        )
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    chapter = soup_of(site, "wat-is-gehechtheid")
    heading = next(h for h in chapter.select("article h2") if h.get_text().startswith("Vragen"))
    assert heading.get_text().removesuffix("¶").rstrip("#").strip() == AWKWARD
    assert any(a.get_text().strip() == AWKWARD for a in chapter.select("nav.md-nav--secondary a"))
    caseworkers = soup_of(site, "voor-begeleiders")
    assert AWKWARD in [label.get_text().strip() for label in caseworkers.select("form.kiezer label")]
    glossary_page = soup_of(site, "woordenlijst")
    assert f"{word} & zorg" in [dt.get_text() for dt in glossary_page.select("dl.woordenlijst dt")]
    assert 'Uitleg met & en <b> en "dit".' in [dd.get_text() for dd in glossary_page.select("dl.woordenlijst dd")]
    source = chapter.select_one(f"#bron-{number}").get_text()
    assert 'Zorg & hechting: <een> "studie"' in source and "Toegevoegd door de redactie" in source
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "&amp;amp;" not in html and "&amp;lt;" not in html and "&amp;quot;" not in html, page


def test_inline_script_in_a_page_stops_the_build(tmp_path):
    """The Content-Security-Policy would block it without a word: the build says so instead."""
    project = copy_project(tmp_path / "project")
    inject(
        project,
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "<script>alert('hallo')</script>\n\n## Meer of minder veilig gehecht",
    )
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/wat-is-gehechtheid.md: deze pagina bevat code die de browser van de lezer niet uitvoert" in output


def test_glossary_mistake_stops_the_build_with_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    line = inject(project, "woordenlijst.yml", "vormen: [exploreren]", "vormen: exploreren")
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    lines = (project / "woordenlijst.yml").read_text(encoding="utf-8").splitlines()
    entry = max(number for number, text in enumerate(lines[:line], start=1) if text.startswith("- term:"))
    assert f"woordenlijst.yml, regel {entry}:" in output and "moet 'vormen' een lijst zijn" in output, output


def project_with_commands(tmp_path):
    """A copy of the project with ./run.sh, using this checkout's .venv (and so its package gids)."""
    project = copy_project(tmp_path / "project")
    for name in ("run.sh", "requirements.lock", "pyproject.toml"):  # the same lock and pyproject: nothing reinstalled
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def test_yaml_mistake_in_mkdocs_yml_is_said_plainly(tmp_path):
    project = project_with_commands(tmp_path)
    line = inject(project, "mkdocs.yml", "  - Woordenlijst: woordenlijst.md", "   - Woordenlijst: woordenlijst.md")
    result = subprocess.run(["./run.sh", "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"mkdocs.yml, regel {line}: dit is geen geldige YAML" in result.stderr, result.stderr
    assert "Meestal is de oorzaak: de inspringing" in result.stderr
    assert not (project / "site").exists()


TIPS = "docs/gehechtheid-in-pleegzorg.md"


def first_tip(text: str) -> tuple[str, int, int]:
    """The first tip block of a page as written, the line of its `///` opener and of its closing `///`."""
    start = text.index("/// pleegtip")
    end = text.index("\n///\n", start) + len("\n///\n")
    opener = text[:start].count("\n") + 1
    return text[start:end], opener, text[:end].count("\n")


def test_copied_tip_with_the_same_id_stops_the_build_naming_both_places(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / TIPS
    text = page.read_text(encoding="utf-8")
    block, opener, closer = first_tip(text)
    tip_id = re.search(r"attrs: \{id: ([\w-]+)\}", block).group(1)
    page.write_text(text.replace(block, block + "\n" + block, 1), encoding="utf-8")
    first = opener + 1  # the attrs line under the opener
    second = closer + 2 + 1
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert (
        f"{TIPS}, regel {second}: de id '{tip_id}' staat ook al bij een andere tip of kernboodschap "
        f"({TIPS}, regel {first})" in output
    ), output
    assert "geef deze tip een eigen id" in output


def test_same_tip_id_on_two_pages_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    block, _, _ = first_tip((project / TIPS).read_text(encoding="utf-8"))
    chapter = project / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + block, encoding="utf-8")
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "staat ook al bij een andere tip of kernboodschap" in output and CHAPTER in output and TIPS in output, output


def test_unclosed_block_is_named_at_its_own_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / TIPS
    text = page.read_text(encoding="utf-8")
    block, opener, _ = first_tip(text)
    page.write_text(text.replace(block, block.removesuffix("///\n"), 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"{TIPS}, regel {opener}: het kader '{block.splitlines()[0]}' wordt niet gesloten" in output, output
    assert "Links die nergens heen leiden" not in output, "one message, about its own file"


@pytest.mark.parametrize("name", ["Mijn pagina.md", "Nieuws.md", "nieuwe_pagina.md"])
def test_file_name_that_is_no_address_is_said(tmp_path, name):
    project = copy_project(tmp_path / "project")
    (project / "docs" / name).write_text("---\ndescription: Een pagina.\n---\n\n# Nieuw\n\nTekst.\n", encoding="utf-8")
    inject(
        project,
        "mkdocs.yml",
        "  - Woordenlijst: woordenlijst.md",
        f"  - Nieuw: {name}\n  - Woordenlijst: woordenlijst.md",
    )
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"docs/{name}: de naam van dit bestand wordt het adres van de pagina" in output, output
    assert "kleine letters, cijfers en koppeltekens" in output


def latin1(path) -> int:
    """Saves the file as Latin-1; returns the first line with a letter (é, ë) that UTF-8 writes otherwise."""
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    return next(
        number for number, line in enumerate(text.splitlines(), start=1) if any(127 < ord(c) < 256 for c in line)
    )


def test_latin1_page_is_said_in_dutch(tmp_path):
    project = copy_project(tmp_path / "project")
    line = latin1(project / CHAPTER)
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{CHAPTER}, regel {line}: dit bestand is niet als UTF-8 bewaard" in output, output
    assert "bewaar het opnieuw met de codering UTF-8" in output and "Traceback" not in output


@pytest.mark.parametrize("name", ["mkdocs.yml", "woordenlijst.yml"])
def test_latin1_configuration_is_said_in_dutch(tmp_path, name):
    project = project_with_commands(tmp_path)
    line = latin1(project / name)
    result = subprocess.run(["./run.sh", "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"{name}, regel {line}: dit bestand is niet als UTF-8 bewaard" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_heading_without_words_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    line = inject(
        project, CHAPTER, "## Meer of minder veilig gehecht", "## 🙂\n\nTekst.\n\n## Meer of minder veilig gehecht"
    )
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"{CHAPTER}, regel {line}: de kop '🙂' heeft geen woorden" in output, output
    assert "{#rust-in-huis}" in output
    assert "#_1" not in (project / "adressen.txt").read_text(encoding="utf-8")


def test_heading_of_an_emoji_with_its_own_address_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    inject(
        project,
        CHAPTER,
        "## Meer of minder veilig gehecht",
        "## 🙂 {#even-rust}\n\nTekst.\n\n## Meer of minder veilig gehecht",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert soup_of(tmp_path / "site", "wat-is-gehechtheid").select_one("h2#even-rust")


# YAML mistakes: (file, text that stands there, what the editor wrote instead, line of the mistake counted from
# the line of the replaced text, words of the cause). The line is where the editor has to look, not where
# PyYAML noticed it (for an unclosed quote that is the end of the file).
YAML_CASES = {
    "tab": ("woordenlijst.yml", "  vormen: [veilige basis]", "\tvormen: [veilige basis]", 0, "er staat een tab"),
    "key without colon": (
        "woordenlijst.yml",
        "  vormen: [veilige basis]",
        "  vormen [veilige basis]",
        0,
        "er ontbreekt een dubbele punt",
    ),
    "unclosed quote": (
        "woordenlijst.yml",
        "  vormen: [veilige basis]",
        '  vormen: "[veilige basis]',
        0,
        "een aanhalingsteken wordt geopend maar niet gesloten",
    ),
    "unclosed bracket": (
        "woordenlijst.yml",
        "  vormen: [veilige basis]",
        "  vormen: [veilige basis",
        0,
        "een rechte haak [ of accolade { wordt niet gesloten",
    ),
    "colon in a text": (
        "woordenlijst.yml",
        "  vormen: [veilige basis]",
        "  vormen: [veilige basis]\n  uitleg: Let op: dit",
        1,
        "er staat een dubbele punt in een tekst",
    ),
    "key twice": (
        "woordenlijst.yml",
        "  vormen: [veilige basis]",
        "  vormen: [veilige basis]\n  vormen: [basis]",
        1,
        "'vormen' staat twee keer in hetzelfde blok (ook op regel {line})",
    ),
    "list item under a mapping": (
        "woordenlijst.yml",
        "  vormen: [veilige basis]",
        "  vormen: [veilige basis]\n  - basis",
        1,
        "deze lijstregel (- …) staat niet even ver ingesprongen",
    ),
    "mkdocs.yml: tab": (
        "mkdocs.yml",
        "  - Woordenlijst: woordenlijst.md",
        "\t- Woordenlijst: woordenlijst.md",
        0,
        "er staat een tab",
    ),
    "mkdocs.yml: key without colon": ("mkdocs.yml", "site_name:", "site_name", 0, "er ontbreekt een dubbele punt"),
    "mkdocs.yml: unclosed quote": (
        "mkdocs.yml",
        "  - Woordenlijst: woordenlijst.md",
        '  - Woordenlijst: "woordenlijst.md',
        0,
        "een aanhalingsteken wordt geopend maar niet gesloten",
    ),
    "mkdocs.yml: key twice": (
        "mkdocs.yml",
        "\nnav:",
        "\nsite_name: Twee keer\nnav:",
        0,
        "'site_name' staat twee keer in hetzelfde blok",
    ),
    "mkdocs.yml: nav entry without colon": (
        "mkdocs.yml",
        "  - Woordenlijst: woordenlijst.md",
        "  - Woordenlijst woordenlijst.md",
        0,
        "in nav: ontbreekt de dubbele punt tussen de titel",
    ),
    "mkdocs.yml: list item under a mapping": (
        "mkdocs.yml",
        "  - Woordenlijst: woordenlijst.md",
        "  - Woordenlijst: woordenlijst.md\n    - Extra: extra.md",
        1,
        "deze lijstregel (- …) staat niet even ver ingesprongen",
    ),
}


def yaml_copy(tmp_path, case):
    name, old, new, offset, cause = YAML_CASES[case]
    for file in ("mkdocs.yml", "woordenlijst.yml"):
        shutil.copy2(ROOT / file, tmp_path / file)
    line = inject(tmp_path, name, old, new) + old.count("\n", 0, len(old) - len(old.lstrip("\n"))) + offset
    return name, line, cause.replace("{line}", str(line - 1))


@pytest.mark.parametrize("case", list(YAML_CASES))
def test_yaml_mistake_is_said_at_its_line_with_its_cause(tmp_path, case, capsys):
    """As ./run.sh says it before every build (python -m gids.redactie yaml)."""
    name, line, cause = yaml_copy(tmp_path, case)
    with pytest.raises(SystemExit):
        redactie.check_yaml(tmp_path)
    message = capsys.readouterr().err
    assert f"run.sh: {name}, regel {line}: dit is geen geldige YAML." in message, message
    assert f"Meestal is de oorzaak: {cause}" in message, message


@pytest.mark.parametrize("case", [case for case in YAML_CASES if YAML_CASES[case][0] == "woordenlijst.yml"])
def test_glossary_yaml_mistake_is_said_at_its_line_by_the_build(tmp_path, case):
    """The build itself (mkdocs build, serve) says it the same way."""
    name, line, cause = yaml_copy(tmp_path, case)
    with pytest.raises(glossary.GlossaryError) as error:
        glossary.load(tmp_path / name)
    assert str(error.value).startswith(f"{name}, regel {line}: dit is geen geldige YAML"), str(error.value)
    assert cause in str(error.value)


FRONT_MATTER = {  # what the editor wrote on line 2 (under the first ---), the line of the mistake, the cause
    "colon in the description": ("description: Wat: gehechtheid is", 2, "er staat een dubbele punt in een tekst"),
    "unclosed quote": (
        'description: "Wat gehechtheid is\nvolledige_gids: false',
        2,
        "een aanhalingsteken wordt geopend maar niet gesloten",
    ),
    "key twice": (
        "description: Een zin.\ndescription: Nog een zin.",
        3,
        "'description' staat twee keer in hetzelfde blok (ook op regel 2)",
    ),
    "tab": ("description: Een zin.\n\tvolledige_gids: false", 3, "er staat een tab"),
}


@pytest.mark.parametrize("case", list(FRONT_MATTER))
def test_front_matter_mistake_is_said_at_its_line_with_its_cause(tmp_path, case):
    written, line, cause = FRONT_MATTER[case]
    page_file = tmp_path / "pagina.md"
    page_file.write_text(f"---\n{written}\n---\n\n# Pagina\n", encoding="utf-8")
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="pagina.md", abs_src_path=str(page_file)), meta={"description": "uit MkDocs"}
    )
    with pytest.raises(EditorError) as error:
        pages.check_front_matter("", page=page, build=None)
    assert str(error.value).startswith(f"docs/pagina.md, regel {line}: de gegevens bovenaan de pagina"), str(
        error.value
    )
    assert f"Meestal is de oorzaak: {cause}" in str(error.value)


def _built_chapter(tmp_path, body: str, url: str = "https://gids.example/") -> tuple[Site, Path, BeautifulSoup]:
    """A site of one built chapter page (hand-written), as the post-build step sees it."""
    path = tmp_path / "site" / "hoofdstuk" / "index.html"
    path.parent.mkdir(parents=True)
    html = f'<html><head></head><body><article><div data-afdruk="hoofdstuk">{body}</div></article></body></html>'
    chapter = PageFacts(url="hoofdstuk/", source="docs/hoofdstuk.md", title="Hoofdstuk", chapter=True)
    site = Site(tmp_path / "site", tmp_path, url, "Gids", "", "", "assets/site.css", [chapter], [], pdf=True)
    return site, path, BeautifulSoup(html, "html.parser")


def test_chapter_without_a_title_heading_is_said_when_it_gets_its_pdf_link(tmp_path):
    site, path, untitled = _built_chapter(tmp_path, "<p>Tekst zonder kop.</p>")
    with pytest.raises(EditorError, match=r"^docs/hoofdstuk\.md: dit hoofdstuk heeft geen titel als kop \(# Titel\)"):
        printing.pdf_link(untitled, path=path, site=site)
    titled = BeautifulSoup(str(untitled).replace("<p>Tekst", "<h1>Titel</h1><p>Tekst"), "html.parser")
    printing.pdf_link(titled, path=path, site=site)
    assert titled.h1.find_next_sibling("p", class_="pdf-download__regel") is not None


def test_an_address_for_sharing_needs_the_site_url(tmp_path):
    site, path, soup = _built_chapter(tmp_path, "<h1>Titel</h1>", url="")
    with pytest.raises(EditorError, match="^mkdocs.yml: de site heeft haar webadres nodig"):
        links.share_controls(soup, path=path, site=dataclasses.replace(site, contents={"hoofdstuk/": PageContents()}))
    site = dataclasses.replace(site, url="https://gids.example/", contents={"hoofdstuk/": PageContents()})
    links.share_controls(soup, path=path, site=site)
    assert soup.select_one("a.delen__mail")["href"].endswith("body=https%3A//gids.example/hoofdstuk/")
