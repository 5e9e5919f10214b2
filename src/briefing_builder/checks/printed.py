"""Briefing text as it will be printed, for the checks that look for identifying details:
Markdown rendered (escapes, emphasis, links and code marks gone), every invisible character
taken out, compatibility forms folded (NFKC: full-width digits are digits), letters that
look like Latin ones read as them (Unicode's confusables, from confusable_homoglyphs), and
any run of spaces of any kind as one space. A detail disguised in any of those ways is
found all the same."""

from __future__ import annotations

import unicodedata

import regex

from ..source.markup import plain
from . import lexicon

# Default-ignorable code points (Unicode's property, not a list of ours) and format
# characters: nothing a reader sees.
INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}]")
_SPACES = regex.compile(r"[\s\p{Zs}]+")


def as_printed(text: str) -> str:
    """`text` as a reader of the printed page would read it (see the module's docstring)."""
    printed = INVISIBLE.sub("", plain(text))  # what the page prints of the Markdown
    printed = unicodedata.normalize("NFKC", printed)
    lookalikes = lexicon.lookalikes()
    printed = "".join(lookalikes.get(c, c) if not c.isascii() else c for c in printed)
    return _SPACES.sub(" ", printed)
