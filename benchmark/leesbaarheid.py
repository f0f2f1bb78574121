"""Readability per chapter: average sentence length and the Flesch–Douma score (Dutch).

    ./run.sh report            writes benchmark/leesbaarheid.md and prints it

Reads the chapters' Markdown (one sentence per line), leaves out front matter, headings, box
markers and citations, and counts sentences, words and syllables. Flesch–Douma:
206.835 − 0.93 × (words per sentence) − 77 × (syllables per word); higher is easier
(60–70 reads as plain language, below 30 as academic). Syllables are counted as vowel groups,
with Dutch double vowels and diphthongs as one and a diaeresis (ë, ï) starting a new one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CITATION = re.compile(r"\s*\[@[^\]]*\]")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
VOWEL_GROUP = re.compile(r"[aeiouyàáâäèéêìíîòóôöùúû]+|[ëï][aeiouy]*")
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:[-’'][A-Za-zÀ-ÿ]+)*")


def chapter_files() -> list[tuple[str, Path]]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for item in config["nav"]:
        if isinstance(item, dict) and "Hoofdstukken" in item:
            return [(title, ROOT / "docs" / path) for entry in item["Hoofdstukken"] for title, path in entry.items()]
    raise SystemExit("mkdocs.yml: no 'Hoofdstukken' section in nav")


def sentences(markdown: str) -> list[str]:
    body = markdown.split("---", 2)[2] if markdown.startswith("---") else markdown
    kept = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "///", "attrs:", "<", "\\")):
            continue
        line = LINK.sub(r"\1", CITATION.sub("", line)).lstrip("-* ").strip()
        if WORD.search(line):
            kept.append(line)
    return kept


def syllables(word: str) -> int:
    return max(1, len(VOWEL_GROUP.findall(word.lower())))


def measure(lines: list[str]) -> dict[str, float]:
    words = [w for line in lines for w in WORD.findall(line)]
    per_sentence = len(words) / len(lines)
    per_word = sum(syllables(w) for w in words) / len(words)
    return {
        "sentences": len(lines),
        "words": len(words),
        "words_per_sentence": per_sentence,
        "flesch_douma": 206.835 - 0.93 * per_sentence - 77 * per_word,
    }


def report() -> str:
    rows = ["| Hoofdstuk | Zinnen | Woorden | Gem. zinslengte (woorden) | Flesch–Douma |", "| --- | ---: | ---: | ---: | ---: |"]
    for title, path in chapter_files():
        m = measure(sentences(path.read_text(encoding="utf-8")))
        rows.append(f"| {title} | {m['sentences']} | {m['words']} | {m['words_per_sentence']:.1f} | {m['flesch_douma']:.0f} |")
    return "# Leesbaarheid per hoofdstuk\n\n" + "\n".join(rows) + "\n\nHoger is makkelijker: 60–70 leest als eenvoudige taal, onder 30 als wetenschappelijke tekst.\n"


if __name__ == "__main__":
    text = report()
    (Path(__file__).resolve().parent / "leesbaarheid.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
