"""Briefing text as it will be printed, for the checks that look for identifying details:
Markdown rendered (escapes, emphasis, links and code marks gone), every invisible character
taken out, compatibility forms folded (NFKC: full-width digits are digits), letters that
look like Latin ones read as them (Unicode's confusables, from confusable_homoglyphs), and
any run of spaces of any kind as one space. A detail disguised in any of those ways is
found all the same."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from ..source.markup import plain

# Default-ignorable code points (Unicode's property, not a list of ours) and format
# characters: nothing a reader sees.
INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}]")
_SPACES = regex.compile(r"[\s\p{Zs}]+")


@lru_cache(maxsize=1)
def _latin_lookalikes() -> dict[str, str]:
    """Each character that looks like a Latin letter or digit, and that letter or digit
    (package data: read once)."""
    from confusable_homoglyphs import confusables

    found = {}
    for character, homoglyphs in confusables.confusables_data.items():
        if len(character) == 1 and ord(character) > 127:
            plain = next((h["c"] for h in homoglyphs
                          if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()), None)
            if plain is not None:
                found[character] = plain
    return found


def as_printed(text: str) -> str:
    """`text` as a reader of the printed page would read it (see the module's docstring)."""
    printed = INVISIBLE.sub("", plain(text))  # what the page prints of the Markdown
    printed = unicodedata.normalize("NFKC", printed)
    lookalikes = _latin_lookalikes()
    printed = "".join(lookalikes.get(c, c) if not c.isascii() else c for c in printed)
    return _SPACES.sub(" ", printed)
