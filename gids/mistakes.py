"""Mistakes in the files editors write, said in Dutch with the line where they are.

A file not saved as UTF-8 (read_text): its first unreadable line, and to save it as UTF-8.

YAML mistakes (problem): the line where the mistake is (not where PyYAML noticed it) and its usual cause. Used for mkdocs.yml and woordenlijst.yml (redactie.py, glossary.py) and for
the data at the top of a page (pages.py).

PyYAML often notices a mistake lines later: an unclosed quote at the end of the file, a key without its
colon at the next key. Its context mark, or the line that opens a quote and never closes it, is where
the editor has to look. A key written twice is valid YAML (the last one silently wins): it is a mistake
here too.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from gids.model import EditorError


def utf8_message(name: str, data: bytes, error: UnicodeDecodeError) -> str:
    line = data[: error.start].count(b"\n") + 1
    column = error.start - data.rfind(b"\n", 0, error.start)
    return (
        f"{name}, regel {line}: dit bestand is niet als UTF-8 bewaard (teken {column} op die regel is onleesbaar, "
        "vaak een é, ë of ’). Open het in je teksteditor en bewaar het opnieuw met de codering UTF-8."
    )


def read_text(path: Path, name: str) -> str:
    """A file's text; one not saved as UTF-8 stops the build with its line and what to do."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditorError(utf8_message(name, data, error)) from None


OPENS_QUOTE = re.compile(r"""(?:^\s*-\s+|:\s+|^\s*)(["'])""")


def _unclosed_quote(lines: list[str], start: int, end: int) -> int | None:
    """The first line (0-based, from start to end) whose value opens a quote that the line does not close."""
    for number in range(max(start, 0), min(end + 1, len(lines))):
        line = lines[number].split(" #")[0].rstrip()
        found = OPENS_QUOTE.search(line)
        if found:
            quote, rest = found.group(1), line[found.end() :]
            if quote == '"' and rest.replace('\\"', "").count('"') % 2 == 0:
                return number
            if quote == "'" and rest.replace("''", "").count("'") % 2 == 0:
                return number
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _without_colon(previous: str, line: str) -> bool:
    """A key written without its colon on the line above: PyYAML reads it as the start of a text and stops at the
    colon of the next line."""
    text = previous.strip()
    return bool(text) and not text.startswith(("#", "-")) and ":" not in text and _indent(previous) == _indent(line)


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(line, from 1 in text; cause in Dutch) of a YAML error."""
    lines = text.splitlines()
    problem = str(error.problem or "")
    context = str(error.context or "")
    at = error.problem_mark.line if error.problem_mark else 0
    before = error.context_mark.line if error.context_mark else at
    shown = lines[at] if at < len(lines) else ""
    if "'\\t'" in problem or "\t" in shown[: len(shown) - len(shown.lstrip())]:
        return at + 1, "er staat een tab vooraan de regel: spring in met spaties, zoals de regels erboven"
    quote = _unclosed_quote(lines, min(before, at), at)
    line = before if "quoted scalar" in context else quote if "<scalar>" in problem else None
    if line is not None:
        return line + 1, (
            "een aanhalingsteken wordt geopend maar niet gesloten: zet aan het einde van de tekst "
            "hetzelfde aanhalingsteken"
        )
    if "simple key" in context:
        return before + 1, (
            "er ontbreekt een dubbele punt: schrijf naam: waarde (met een spatie na de dubbele punt), "
            "of zet een tekst met een dubbele punt tussen aanhalingstekens"
        )
    if "flow sequence" in context or "flow mapping" in context:
        return before + 1, "een rechte haak [ of accolade { wordt niet gesloten: zet ] of } aan het einde van de regel"
    if "mapping values are not allowed" in problem and at > 0 and _without_colon(lines[at - 1], shown):
        return at, (
            "er ontbreekt een dubbele punt: schrijf naam: waarde (met een spatie na de dubbele punt), "
            "of zet een tekst met een dubbele punt tussen aanhalingstekens"
        )
    if "mapping values are not allowed" in problem:
        return at + 1, (
            "er staat een dubbele punt in een tekst: zet de hele tekst tussen aanhalingstekens "
            '("zo: bijvoorbeeld"), of begin hem met >- op een eigen regel'
        )
    if "found '-'" in problem:
        return at + 1, (
            "deze lijstregel (- …) staat niet even ver ingesprongen als de regels erboven: een lijst "
            "komt onder een naam met een dubbele punt, twee spaties dieper"
        )
    return at + 1, "de inspringing: deze regel staat niet even ver als de regels die erbij horen"


def duplicate_key(node: yaml.Node | None) -> tuple[str, int, int] | None:
    """(key, first line, second line; from 1) of the first key written twice in one mapping of the document."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in seen:
                        return key.value, seen[key.value] + 1, key.start_mark.line + 1
                    seen[key.value] = key.start_mark.line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def problem(text: str, loader: type = yaml.SafeLoader, first_line: int = 1) -> tuple[int, str] | None:
    """(line, cause) of the first mistake in a YAML text, or None when it is valid and has no key twice.
    first_line: the line of the file where the text starts (the data at the top of a page starts on 2)."""
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        line, cause = explain(error, text)
        return line + first_line - 1, cause
    twice = duplicate_key(node)
    if twice:
        key, first, second = twice
        first, second = first + first_line - 1, second + first_line - 1
        return second, (
            f"'{key}' staat twee keer in hetzelfde blok (ook op regel {first}); dan telt alleen de "
            "laatste: hou er één over"
        )
    return None
