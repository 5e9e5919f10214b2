"""The text a briefing's rules read: its narrative fields, and where a match is in the file."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problems import Position
from ..source.load import COMMENT, KeyPath, SourceDocument

# Fields that hold narrative text; links, dates and names of the publisher are not narrative.
NARRATIVE = ("title", "label", "source", "background", "concerns", "information",
             "resources", "questions", "what_to_do", "panels", "recommendations", "discussion")
# Keys whose values are addresses, not narrative: checked as links, never as text.
ADDRESSES = ("url", "send_to")


def narrative(document: SourceDocument) -> Iterator[tuple[KeyPath, str]]:
    """Yield every piece of narrative text with its key path, in file order: the reasons
    given for allowed findings too, which an archival PDF carries word for word."""
    for name in NARRATIVE:
        for key, text in document.strings((name,)):
            if key[-1] not in ADDRESSES:
                yield key, text
    allowances = document.data.get("allow") if isinstance(document.data, dict) else None
    for index in range(len(allowances) if isinstance(allowances, list) else 0):
        yield from document.strings(("allow", index, "reason"))


def archived(document: SourceDocument) -> Iterator[tuple[KeyPath, str]]:
    """The narrative text and the source's comments: an archival PDF (`--pdf-a`) carries
    the source as written, so what could identify someone is looked for in both."""
    yield from narrative(document)
    yield from document.comments()


def in_comment(key: KeyPath) -> str:
    """Words to add to a finding in a comment, saying why a comment matters."""
    return " (in a comment: an archival PDF keeps the source, comments and all)" \
        if key[:1] == (COMMENT,) else ""


def position_of(document: SourceDocument, key: KeyPath, text: str, match: re.Match) -> Position:
    """The file position of a match, counting earlier occurrences of the same words."""
    return position_at(document, key, text, match.start(), match.group(0))


def position_at(document: SourceDocument, key: KeyPath, text: str, start: int,
                words: str) -> Position:
    """The file position of `words` found at `start` in `text`, the value at `key`."""
    return document.locate(key, words, nth=text.count(words, 0, start))
