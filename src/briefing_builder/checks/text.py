"""The text a briefing's rules read: its narrative fields, and where a match is in the file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..i18n import language
from ..problems import Position
from ..source.load import COMMENT, KeyPath, SourceDocument
from ..source.markup import language_parts

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


class InEnglish(str):
    """A text with its parts in another language blanked out (each character a space, so
    every place stays where it was), for the rules written for English; `original` is
    the text as written."""

    original: str


def english_narrative(document: SourceDocument) -> Iterator[tuple[KeyPath, str]]:
    """The narrative as the rules written for English read it (in_english)."""
    return in_english(narrative(document))


def in_english(texts: Iterable[tuple[KeyPath, str]]) -> Iterator[tuple[KeyPath, str]]:
    """Texts as the rules written for English read them: a part marked as another
    language ([Cefndir]{lang=cy}) is not English, so it is not read for jargon or names."""
    for key, text in texts:
        parts = [part for part in language_parts(text) if part.problem is None and
                 part.lang is not None and language(part.lang) != "en"]
        if not parts:
            yield key, text
            continue
        blanked = text
        for part in parts:
            blanked = blanked[:part.start] + " " * (part.end - part.start) + blanked[part.end:]
        english = InEnglish(blanked)
        english.original = text
        yield key, english


def position_of(document: SourceDocument, key: KeyPath, text: str, match: re.Match) -> Position:
    """The file position of a match, counting earlier occurrences of the same words."""
    return position_at(document, key, text, match.start(), match.group(0))


def position_at(document: SourceDocument, key: KeyPath, text: str, start: int,
                words: str) -> Position:
    """The file position of `words` found at `start` in `text`, the value at `key` (or
    the English of it: the words are counted in the text as written)."""
    written = getattr(text, "original", text)
    return document.locate(key, words, nth=written.count(words, 0, start))
