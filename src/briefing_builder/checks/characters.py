"""Characters that hide or reorder text, and guidance text left in from `briefing new`."""

from __future__ import annotations

import re

from ..problems import Problem, character_named, error
from ..source.load import SourceDocument
from ..source.model import Briefing
from ..source.validate import label
from .rulebook import Rulebook
from .text import position_of

# Bidirectional controls make text display differently from how it is stored and checked;
# zero-width characters hide words from every other rule; control characters have no place
# in a briefing (an escape, U+001B, would drive the terminal a problem is printed on).
# Tag characters (U+E0000…) spell out text nobody sees. Pasted text from emails and web
# pages brings them in unseen.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e"
                     "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                     "\ufff9-\ufffb\U000e0000-\U000e007f]")

PLACEHOLDER = "✎"  # marks the guidance text of `briefing new`


def without_hidden(text: str) -> str:
    """The text with every invisible character taken out (for text from elsewhere)."""
    return _HIDDEN.sub("", text)


def hidden_characters(document: SourceDocument, briefing: Briefing | None = None,
                      rules: Rulebook | None = None) -> list[Problem]:
    """Errors for invisible characters anywhere in the file, each named (U+XXXX): in a
    briefing, or in any other YAML file the builder reads (a bulletin's manifest)."""
    found = []
    for key, text in document.strings():
        for match in _HIDDEN.finditer(text):
            name = character_named(match.group(0), "a control character")
            found.append(error(document.path, position_of(document, key, text, match),
                               "hidden-character",
                               f"{name} in {key[0]}: an invisible character that hides or "
                               "reorders text", "delete it"))
    return found


def placeholders(document: SourceDocument, briefing: Briefing, rules: Rulebook) -> list[Problem]:
    """Errors for guidance text from `briefing new` that has not been replaced yet."""
    return [error(document.path, document.locate(key, PLACEHOLDER), "placeholder",
                  f"{label(key)} still holds the guidance text: {' '.join(text.split())[:60]}",
                  "write your own text in its place")
            for key, text in document.strings() if PLACEHOLDER in text]
