"""YAML syntax mistakes as problems an author can act on: the cause in plain words, the
fix, the line as written (to print with a caret under the column) and, where one rewrite
mends it, the line as it should be.

The known mistakes are found before parsing (`pitfalls`); what the parser finds beyond
them is put in the same words here, at the line of the mistake rather than where the
parser noticed it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..problems import Position, Problem, error
from .yamltext import QUOTE_IT, Pitfall, requote

CODE = "yaml-syntax"

_INDENTED = ("this line is not lined up with the lines above it",
             "indent it as far as the other fields or items it belongs with")
_UNREADABLE = ("YAML cannot read the words here", QUOTE_IT)

# What the parser says (its words, or the start of them) → the cause and the fix.
_PROBLEMS = {
    "found character '\\t' that cannot start any token": (
        "a Tab is used here", "use spaces instead"),
    "could not find expected ':'": (
        "this line has no ':' after its field name, and is not indented under the text "
        "above it", "write 'name: text', or indent the line to continue the text above"),
    "mapping values are not allowed here": (
        "': ' inside text makes YAML read the words before it as a field name", QUOTE_IT),
    "sequence entries are not allowed here": (
        "a list cannot start on the same line as its field name",
        "start each item on a line of its own, below the field name"),
    "found unknown escape character": (
        "'\\' inside double quotes starts an escape code",
        "put the text in single quotes instead, or write \\\\ for a backslash"),
    "expected escape sequence": (
        "'\\' inside double quotes starts an escape code",
        "put the text in single quotes instead, or write \\\\ for a backslash"),
    "found undefined alias": (
        "text cannot start with '*' in YAML (it names an alias)", QUOTE_IT),
    "expected <block end>, but found '<scalar>'": _UNREADABLE,
    "expected <block end>": _INDENTED,
    "expected '<document start>'": (
        "a line starting with '%' or '---' ends the briefing before this line",
        "delete that line"),
    "but found another document": (
        "the file holds a second document after a line '---'", "delete the '---' line"),
}

# What the parser was doing → the cause and the fix, at the place it started doing it.
_CONTEXTS = {
    "while scanning an alias": (
        "text cannot start with '*' in YAML (it names an alias)", QUOTE_IT),
    "while scanning an anchor": (
        "text cannot start with '&' in YAML (it names an anchor)", QUOTE_IT),
    "while scanning a block scalar": (
        "'>' or '|' at the start of a text tells YAML that the text starts on the next "
        "line", QUOTE_IT),
    "while scanning a quoted scalar": (
        "the quote that opens this text is never closed",
        "end the text with the same quote mark"),
    "while parsing a flow sequence": (
        "the '[' that opens this list is never closed, or a ',' is missing in it",
        "end the list with ']', or put the whole text in quotes"),
    "while parsing a flow mapping": (
        "the '{' that opens this is never closed, or a ',' is missing in it",
        "end it with '}', or put the whole text in quotes"),
    "while scanning a directive": (
        "'%' at the start of a line is a YAML directive", QUOTE_IT),
    "while scanning a simple key": (
        "this line has no ':' after its field name, and is not indented under the text "
        "above it", "write 'name: text', or indent the line to continue the text above"),
}


def source_line(text: str, line: int) -> str | None:
    """Line `line` (1-based) of `text`, as written, or None past the end."""
    lines = text.split("\n")
    return lines[line - 1].removesuffix("\r") if 0 < line <= len(lines) else None


def from_pitfall(path: Path, text: str, pitfall: Pitfall) -> Problem:
    """A mistake found before parsing as a problem, with its line as written."""
    return error(path, Position(pitfall.line, pitfall.column), CODE, pitfall.message,
                 pitfall.suggestion, source=source_line(text, pitfall.line), fix=pitfall.fix)


def explain(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """What the parser found, in the words of the other syntax mistakes."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    words = None
    for start, said in _CONTEXTS.items():
        if context.startswith(start) and exc.context_mark is not None:
            words, mark = said, exc.context_mark
            break
    for start, said in _PROBLEMS.items():
        if start in problem and (words is None or start == "could not find expected ':'"):
            words = said
            break
    if problem.startswith("found character") and "'\\t'" not in problem:
        character = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        words = (f"text cannot start with '{character}' in YAML (the character is "
                 "reserved)", QUOTE_IT)
    if words is None:
        words = (f"YAML cannot read this: {problem or context or 'a mistake'}",
                 "compare the line with the example briefing, briefings/emily.yaml")
    position = Position(mark.line + 1, mark.column + 1) if mark is not None else Position()
    line = source_line(text, position.line)
    fix = None
    starts_text = context.startswith(("while scanning an alias", "while scanning an anchor",
                                      "while scanning a block scalar")) or \
        problem.startswith(("found character", "found undefined alias"))
    if words[1] == QUOTE_IT and starts_text and line is not None and "\t" not in problem:
        fix = requote(line, position.column - 1)  # the text from where it starts, quoted
    if "escape" in problem and line is not None:
        backslash = line.rfind("\\", 0, position.column)
        position = Position(position.line, backslash + 1 if backslash >= 0 else position.column)
        fix = _single_quoted(line)
    return error(path, position, CODE, words[0], words[1], source=line, fix=fix)


_DOUBLE_QUOTED = re.compile(r'^(?P<before>[^"]*?)"(?P<text>[^"\']*)"(?P<after>[ \t]*(?:#.*)?)$')


def _single_quoted(line: str) -> str | None:
    """`line` with its text in single quotes instead of double, where a backslash means
    itself; None when that is not one simple rewrite."""
    found = _DOUBLE_QUOTED.match(line)
    if found is None:
        return None
    return f"{found['before']}'{found['text']}'{found['after']}"
