"""The site's page steps as one Python-Markdown extension: `gids.markdown` under markdown_extensions.

It runs on plain Python-Markdown, without MkDocs:

    markdown.markdown(text, extensions=["gids.markdown", ...], extension_configs={"gids.markdown": {...}})

Its options are plain values (paths and addresses); the MkDocs adapter (gids/pipeline.py) fills them in
from mkdocs.yml. What the extension changes in a page, and in which order, is the table PROCESSORS
below: Python-Markdown runs processors of one kind from the highest priority to the lowest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from gids import citations as sources
from gids import glossary
from gids.markdown import boxes, citations, reading, tables, words
from gids.model import EditorError

# (kind, name, priority, factory): every processor of the extension, in one place. The factory gets the
# Markdown instance and the extension. Python-Markdown's own treeprocessors for reference: inline 20,
# prettify 10, unescape 0; toc 5 (ids of headings), abbr 7, footnotes 50 (attr_list 8).
# MkDocs adds its own at render time (mkdocs/structure/pages.py): mkdocs_extract_anchors 5 (the ids that
# links may point to), mkdocs_extract_title 1, relpath 0 (links to .md files become the pages' addresses).
PROCESSORS: list[tuple[str, str, float, Any]] = [
    # citations.py: [@key] into footnotes, after fenced code is set aside (25), before raw HTML (21, 20)
    ("preprocessors", "gids_citations", 22, citations.CitationPreprocessor),
    # After inline (20, the cells hold their final text) and pymdownx.blocks' end of inline (19.99).
    ("treeprocessors", "gids_tables", 18, tables.make),
    # after footnotes (50, 15) and prettify (10), before attr_list (8), abbr (7), toc and MkDocs' anchors (5)
    ("treeprocessors", "gids_sources", 9, citations.SourcesTreeprocessor),
    # After attr_list (8) has taken `{#id}` out of the headings' text; before abbr (7) wraps the words,
    # and before toc (5) and gids_boxes add their "#" links: only the text as written is counted. The
    # source list (footnotes, 50) and its markers are in the tree already: left out by their class.
    ("treeprocessors", "gids_reading", 7.5, reading.make),
    # After abbr (7) has found the words; before toc (5) and MkDocs' anchor collecting (5), so the
    # glossary page's list is in the tree when its ids are collected, and before MkDocs' relpath (0), which
    # turns the links to woordenlijst.md#woord-… into the glossary page's address.
    ("treeprocessors", "gids_words", 6, words.make),
    # after toc (the same priority, registered later: gids.markdown stands after toc in mkdocs.yml)
    ("treeprocessors", "gids_own_footnotes", 5, citations.OwnFootnotesTreeprocessor),
    # After toc (5), whose "#" links beside the headings this step names; the tips' own "#" links are
    # self-links (#tip-…), which relpath (0) leaves alone.
    ("treeprocessors", "gids_boxes", 4, boxes.make),
]


class GidsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "references": ["references.bib", "the .bib file of the sources"],
            "glossary": ["woordenlijst.yml", "the glossary file"],
            "reaction": ["", "where readers report a mistake (mailto: or a web address)"],
            "sources_page": ["bronnen.md", "the page with every source (links to bron-N)"],
            "about_page": ["over-deze-gids.md", "the page that explains the source statuses"],
            "glossary_page": ["woordenlijst.md", "the glossary page (links to woord-…)"],
            "cache": ["", "where the formatted sources are kept (default: .cache/bronnen beside the .bib file)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's name)
        md.registerExtension(self)
        for kind, name, priority, factory in PROCESSORS:
            getattr(md, kind).register(factory(md, self), name, priority)


def makeExtension(**kwargs: Any) -> GidsExtension:  # noqa: N802  (Python-Markdown's name)
    return GidsExtension(**kwargs)


def project_options(root: Path, *, extensions: list[str], reaction: str) -> dict[str, str]:
    """The extension's options for the project in the folder root (its references.bib and woordenlijst.yml),
    with a Dutch error when the configuration no longer lists the extension."""
    if "gids.markdown" not in extensions:
        raise EditorError(
            "mkdocs.yml: zet onder markdown_extensions: de regel '- gids.markdown' terug (de stappen "
            "van de site op elke pagina: bronnen, uitgelegde woorden, links naar tips, leestijd)."
        )
    return {
        "references": str(root / sources.REFERENCES),
        "reaction": reaction,
        "cache": str(root / sources.CACHE),
        "glossary": str(root / glossary.GLOSSARY_FILE),
        "glossary_page": glossary.GLOSSARY_PAGE,
    }
