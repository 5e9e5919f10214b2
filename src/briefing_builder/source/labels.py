"""How places in a briefing are named in messages: by panel or meaning, as the author
knows them."""

from __future__ import annotations

from .load import KeyPath

# How each field is named in messages: its panel or its meaning, as the author knows it.
FIELD_NAMES = {"what_to_do": "What to do", "lang": "Language", "allow": "Allowed findings",
               "kind": "Kind of briefing", "continued_heading": "Continued heading"}


def label(key: KeyPath) -> str:
    """Name a place in a briefing as its author sees it: `Questions: item 3`."""
    if not key:
        return "The briefing"
    first = FIELD_NAMES.get(str(key[0]), str(key[0]).replace("_", " ").capitalize())
    rest = [f"item {part + 1}" if isinstance(part, int) else str(part) for part in key[1:]]
    return f"{first}: {', '.join(rest)}" if rest else first
