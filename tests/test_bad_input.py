"""Bad input stops the build with a message that names the file and the problem."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT, build, copy_project, soup_of

pytestmark = pytest.mark.slow  # builds copies of the project or starts servers

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
    "entry with a title but no language": (
        "references.bib", "  title = {Child maltreatment and insecure attachment: A meta-analysis},\n  langid = {english},\n",
        "  title = {Child maltreatment and insecure attachment: A meta-analysis},\n",
        ["references.bib, regel ", "de bron 'baer2006child' heeft een veld langid = {{...}} nodig", "langid = {{english}}"],
    ),
    "broken internal link": (
        CHAPTER, "## Meer of minder veilig gehecht", "Zie [dit](bestaat-niet.md).\n\n## Meer of minder veilig gehecht",
        ["docs/wat-is-gehechtheid.md, regel {line}: bestaat-niet.md: die pagina of dat bestand bestaat niet"],
    ),
    "broken anchor": (
        CHAPTER, "## Meer of minder veilig gehecht",
        "Zie [dit](gehechtheid-in-pleegzorg.md#tip-bestaat-niet).\n\n## Meer of minder veilig gehecht",
        ["docs/wat-is-gehechtheid.md, regel {line}:", "die pagina heeft geen onderdeel #tip-bestaat-niet"],
    ),
    "tip without id": (
        "docs/gehechtheid-in-pleegzorg.md", "    attrs: {id: tip-kleine-signalen}\n", "",
        ["docs/gehechtheid-in-pleegzorg.md, regel {line_before}: de tip", "heeft geen id",
         "attrs: {{id: tip-korte-naam}}"],
    ),
    "key message id without kern-": (
        "docs/gehechtheid-in-pleegzorg.md", "attrs: {id: kern-vipp-fc-en-basic-trust}", "attrs: {id: vipp-hulp}",
        ["docs/gehechtheid-in-pleegzorg.md, regel {line_before}: de kernboodschap",
         "heeft de id 'vipp-hulp', maar die moet beginnen met kern-"],
    ),
    "glossary word that appears nowhere": (
        "woordenlijst.yml", "vormen: [exploreren]", "vormen: [exploratie]",
        ["woordenlijst.yml, regel {line_before}: deze woorden komen nergens in de gids voor",
         "'exploreren' (vormen: exploratie)"],
    ),
    "renamed heading without its old anchor": (
        CHAPTER, "## Meer of minder veilig gehecht", "## Meer of minder veilig",
        ["adressen.txt: 1 adres(sen) bestaan niet meer",
         "/wat-is-gehechtheid/#meer-of-minder-veilig-gehecht: is de kop hernoemd? Zet het oude anker achter de nieuwe "
         "kop, zo: ## Nieuwe kop {{#meer-of-minder-veilig-gehecht}}"],
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
    assert "- /toegankelijkheid/#bekende-beperkingen: hoort bij /toegankelijkheid/, dat niet meer bestaat" in output, \
        "all at once"


def test_renamed_heading_with_its_old_anchor_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    inject(project, CHAPTER, "## Meer of minder veilig gehecht", "## Meer of minder veilig {#meer-of-minder-veilig-gehecht}")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert soup_of(tmp_path / "site", "wat-is-gehechtheid").select_one("h2#meer-of-minder-veilig-gehecht")


def tree(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


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
    inject(project, CHAPTER, "## Meer of minder veilig gehecht",
           "Een zin met een eigen voetnoot.[^noot]\n\n[^noot]: De voetnoot van de auteur.\n\n## Meer of minder veilig gehecht")
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
    inject(project, CHAPTER, "## Meer of minder veilig gehecht",
           f"## {AWKWARD}\n\nEen zin over kwetsbaarheid [@extra2024].\n\n## Meer of minder veilig gehecht")
    with (project / "woordenlijst.yml").open("a", encoding="utf-8") as file:
        file.write('- term: kwetsbaarheid & zorg\n  vormen: [kwetsbaarheid]\n  uitleg: Uitleg met & en <b> en "dit".\n')
    with (project / "references.bib").open("a", encoding="utf-8") as file:
        file.write("\n@book{extra2024,\n  author = {Peeters, An},\n  title = {Zorg \\& hechting: <een> \"studie\"},\n"
                   "  langid = {dutch},\n  publisher = {Uitgeverij},\n  year = {2024},\n  site-number = {46},\n  status = {added}\n}\n")
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
    assert "kwetsbaarheid & zorg" in [dt.get_text() for dt in glossary_page.select("dl.woordenlijst dt")]
    assert 'Uitleg met & en <b> en "dit".' in [dd.get_text() for dd in glossary_page.select("dl.woordenlijst dd")]
    source = chapter.select_one("#bron-46").get_text()
    assert 'Zorg & hechting: <een> "studie"' in source and "Toegevoegd door de redactie" in source
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "&amp;amp;" not in html and "&amp;lt;" not in html and "&amp;quot;" not in html, page


def test_inline_script_in_a_page_stops_the_build(tmp_path):
    """The Content-Security-Policy would block it without a word: the build says so instead."""
    project = copy_project(tmp_path / "project")
    inject(project, CHAPTER, "## Meer of minder veilig gehecht",
           "<script>alert('hallo')</script>\n\n## Meer of minder veilig gehecht")
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
    assert "woordenlijst.yml, regel" in output and "moet 'vormen' een lijst zijn" in output, output


def project_with_commands(tmp_path):
    """A copy of the project with ./run.sh and its tools, using this checkout's .venv."""
    project = copy_project(tmp_path / "project")
    for name in ("run.sh", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools")
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def test_yaml_mistake_in_mkdocs_yml_is_said_plainly(tmp_path):
    project = project_with_commands(tmp_path)
    line = inject(project, "mkdocs.yml", "  - Woordenlijst: woordenlijst.md", "   - Woordenlijst: woordenlijst.md")
    result = subprocess.run(["./run.sh", "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"mkdocs.yml, regel {line}: dit is geen geldige YAML" in result.stderr, result.stderr
    assert "Meestal is de oorzaak de inspringing" in result.stderr
    assert not (project / "site").exists()
