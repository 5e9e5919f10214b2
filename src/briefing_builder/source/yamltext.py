"""YAML's text read by hand, a line at a time: where a quote or brackets close, where a
field name ends, and how text is put in quotes so that YAML reads it as written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A plain scalar cannot start with these; quotes, [ and { start other kinds of value.
RESERVED = set("'\"[]{},#&*!|>%@`")
BLOCK_HEADER = re.compile(r"[|>](?:[1-9][-+]?|[-+][1-9]?)?[ \t]*(?:#.*)?$")
EMPHASIS = re.compile(r"\*{1,3}[^\s*][^*]*\*|\*\*")
ALIAS = re.compile(r"\*[^\s\[\]{},]+[ \t]*(?:#.*)?$")
ANCHOR = re.compile(r"&[^\s\[\]{},]+(?:[ \t]+|$)")
LINK = re.compile(r"\[[^\]]*\]\(")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
COLON = re.compile(r":(?=[ \t]|$)")
COMMENT = re.compile(r"(?:^|[ \t])#")
KEPT_COMMENT = re.compile(r"[ \t]+#[ \t].*$")
DISGUISE = "x"  # what the parser reads in place of a reserved first character

QUOTE_IT = "put the whole text in quotes"


@dataclass(frozen=True)
class Pitfall:
    """A mistake at a line and column (1-based), with the line rewritten when one
    rewrite mends it."""

    line: int
    column: int
    message: str
    suggestion: str | None = None
    fix: str | None = None


def quoted(text: str) -> str:
    """`text` in double quotes, or single quotes when it holds a double quote or a
    backslash (which double quotes would read as an escape)."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


@lru_cache(maxsize=1)
def field_names() -> frozenset[str]:
    """Every field name a briefing or a bulletin manifest may have, at any depth."""
    from .manifest import Attachment, Manifest
    from .model import Allowance, Briefing, ConcernsText, PanelText, Resource, Source

    return frozenset(name for model in (Briefing, Source, Resource, PanelText, ConcernsText,
                                        Allowance, Manifest, Attachment)
                     for name in model.model_fields)


def close_quote(line: str, start: int, quote: str) -> int | None:
    """The index of the quote that closes a quoted text whose words start at `start`."""
    index = start
    while index < len(line):
        character = line[index]
        if quote == '"' and character == "\\":
            index += 2
            continue
        if character == quote:
            if quote == "'" and line[index + 1:index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def close_brackets(line: str, start: int, open_: list[str]) -> int | None:
    """The index where the brackets in `open_` (their closers, innermost last) are all
    closed, reading from `start`; `open_` is updated as brackets open and close. None
    when they are still open at the end of the line."""
    index = start
    while index < len(line):
        character = line[index]
        if character in "\"'" and line[:index].rstrip(" \t")[-1:] in ("", "[", "{", ",", ":"):
            end = close_quote(line, index + 1, character)
            if end is None:
                return None
            index = end
        elif character == "#" and (index == 0 or line[index - 1] in " \t"):
            return None
        elif character in "[{":
            open_.append("]" if character == "[" else "}")
        elif character in "]}" and open_:
            open_.pop()
            if not open_:
                return index
        index += 1
    return None


def rest_is_blank(rest: str) -> bool:
    stripped = rest.lstrip(" \t")
    return not stripped or stripped.startswith("#")


def plain_key(line: str, start: int) -> int | None:
    """The index of the ':' that ends a plain field name starting at `start`, or None."""
    if start >= len(line) or line[start] in RESERVED:
        return None
    for index in range(start, len(line)):
        character = line[index]
        if character == ":" and (index + 1 == len(line) or line[index + 1] in " \t"):
            return index
        if character == "#" and index > start and line[index - 1] in " \t":
            return None
    return None


def without_comment(text: str) -> tuple[str, str]:
    """Text and a deliberate comment after it (`  # like this`), apart."""
    comment = KEPT_COMMENT.search(text)
    if comment is None:
        return text.rstrip(), ""
    return text[:comment.start()].rstrip(), text[comment.start():]


def requote(line: str, start: int) -> str:
    """`line` with its text from `start` to the end (less a comment) put in quotes."""
    text, comment = without_comment(line[start:])
    return line[:start] + quoted(text) + comment


@dataclass
class Opened:
    """A quote or brackets opened on one line and not closed on it."""

    line: int
    column: int
    parent: int
    closers: list[str]
