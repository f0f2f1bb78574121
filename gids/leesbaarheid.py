"""Readability: the brochure's chapters, and beside them what the site's editors wrote for a tired reader.

    ./run.sh report            writes benchmark/leesbaarheid.md and prints it

Measures, per text: sentences, words, the average and the longest sentence (in words), LIX and the
Flesch–Douma score.
- LIX = words per sentence + 100 × (words of more than six letters / words); a hyphenated word is one
  word, its letters counted without the hyphen. Lower is easier: the site holds its own summaries and
  glossary to at most 40 (tests/test_words.py).
- Flesch–Douma = 206.835 − 0.93 × (words per sentence) − 77 × (syllables per word); higher is easier
  (60–70 reads as plain language, below 30 as academic). Syllables are counted as vowel groups, with
  Dutch double vowels and diphthongs as one and a diaeresis (ë, ï) starting a new one.
The Markdown is read as written, one sentence per line: front matter, headings, box markers, citations
and link addresses are left out. The glossary's explanations are split into sentences at . ! ?
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from gids import project

ROOT = Path(__file__).resolve().parent.parent
CITATION = re.compile(r"\s*\[@[^\]]*\]")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
VOWEL_GROUP = re.compile(r"[aeiouyàáâäèéêìíîòóôöùúû]+|[ëï][aeiouy]*")
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:[-’'][A-Za-zÀ-ÿ]+)*")
SUMMARY = re.compile(r"^/// samenvatting.*?\n(.*?)^///", re.M | re.S)


def nav_section(name: str) -> list[tuple[str, Path]]:
    entries = project.nav_section(name, ROOT)
    if not entries:
        raise SystemExit(f"mkdocs.yml: no '{name}' section in nav")
    return [(entry.title, ROOT / "docs" / entry.file) for entry in entries]


def chapter_files() -> list[tuple[str, Path]]:
    return nav_section("Hoofdstukken")


def sentences(markdown: str) -> list[str]:
    body = markdown.split("---", 2)[2] if markdown.startswith("---") else markdown
    kept = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "///", "attrs:", "<", "\\", "|", "Lees verder:")):
            continue
        line = LINK.sub(r"\1", CITATION.sub("", line)).lstrip("-* ").strip()
        if WORD.search(line):
            kept.append(line)
    return kept


def chapter_text(markdown: str) -> str:
    """A chapter as the brochure wrote it: without the editors' summary."""
    return SUMMARY.sub("", markdown)


def summary(markdown: str) -> list[str]:
    """The sentences of a page's "In het kort" box."""
    match = SUMMARY.search(markdown)
    return sentences(match.group(1)) if match else []


def glossary() -> list[str]:
    """Every sentence of the glossary's explanations."""
    entries = yaml.safe_load((ROOT / "woordenlijst.yml").read_text(encoding="utf-8"))
    return [
        part
        for entry in entries
        for part in re.split(r"(?<=[.!?])\s+", " ".join(entry["uitleg"].split()))
        if WORD.search(part)
    ]


def syllables(word: str) -> int:
    return max(1, len(VOWEL_GROUP.findall(word.lower())))


def measure(lines: list[str]) -> dict[str, float]:
    counts = [len(WORD.findall(line)) for line in lines]
    words = [w for line in lines for w in WORD.findall(line)]
    per_sentence = len(words) / len(lines)
    per_word = sum(syllables(w) for w in words) / len(words)
    long_words = sum(1 for w in words if len(re.sub(r"[-’']", "", w)) > 6)
    return {
        "sentences": len(lines),
        "words": len(words),
        "words_per_sentence": per_sentence,
        "longest": max(counts),
        "lix": per_sentence + 100 * long_words / len(words),
        "flesch_douma": 206.835 - 0.93 * per_sentence - 77 * per_word,
    }


def texts() -> list[tuple[str, str, list[str]]]:
    """(group, name, sentences): the chapters, their summaries, the glossary and "Herken je dit?"."""
    rows = []
    for title, path in chapter_files():
        rows.append(("Hoofdstuk (brochure)", title, sentences(chapter_text(path.read_text(encoding="utf-8")))))
    for title, path in chapter_files():
        rows.append(("In het kort (redactie)", title, summary(path.read_text(encoding="utf-8"))))
    rows.append(("Woordenlijst (redactie)", "Alle uitleg", glossary()))
    ways_in = ROOT / "docs" / "herken-je-dit.md"
    if ways_in.exists():
        rows.append(("Pagina (redactie)", "Herken je dit?", sentences(ways_in.read_text(encoding="utf-8"))))
    return rows


def report() -> str:
    rows = [
        "| Tekst | Van | Zinnen | Woorden | Gem. zinslengte | Langste zin | LIX | Flesch–Douma |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for group, name, lines in texts():
        if not lines:
            continue
        m = measure(lines)
        rows.append(
            f"| {name} | {group} | {m['sentences']} | {m['words']} | {m['words_per_sentence']:.1f} | "
            f"{m['longest']} | {m['lix']:.0f} | {m['flesch_douma']:.0f} |"
        )
    return (
        "# Leesbaarheid\n\n"
        + "\n".join(rows)
        + "\n\nZinslengte in woorden. LIX: lager is makkelijker; de eigen teksten van de site (In het kort, de "
        "woordenlijst) blijven op hoogstens 40, met gemiddeld hoogstens 12 woorden per zin en geen zin langer dan 18 "
        "woorden. Flesch–Douma: hoger is makkelijker; 60–70 leest als eenvoudige taal, onder 30 als "
        "wetenschappelijke tekst. De hoofdstukken staan er zoals de brochure ze schreef.\n"
    )


if __name__ == "__main__":
    text = report()
    (ROOT / "benchmark" / "leesbaarheid.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
