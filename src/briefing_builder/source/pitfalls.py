"""The mistakes people make in YAML, found line by line before it is parsed.

A YAML parser stops at its first mistake and names it in its own terms ("mapping values
are not allowed here"), often a line after the real one. Reading the lines first finds
every known mistake in one pass, each at its own line, in words an author can act on, with
the line rewritten as it should be: a Tab used to indent, ": " inside text, text that
starts with a character YAML reserves (a quote, *, &, @, `, !, >, |, #, [), a field name
without its ":", a line of text that lost its indentation, a quote or bracket never closed.

The parser then reads the text with every mistake mended as its fix says, so that a
mistake later in the file is found too. Text that can be read one way only is read that
way, with no mistake reported: an item that starts with *italics*, **bold** or a
[link](…), as the README promises. The parser is given a letter in place of its first
character (the same length, so every position holds), and `typed` says which character
the author typed there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .values import Value
from .yamltext import (
    ANCHOR,
    COLON,
    COMMENT,
    QUOTE_IT,
    RESERVED,
    WORD,
    Opened,
    Pitfall,
    close_brackets,
    close_quote,
    field_names,
    plain_key,
    rest_is_blank,
)


@dataclass
class Reading:
    """What the parser is to read: the text with every mistake mended, the mistakes, and
    the characters the author typed where the parser reads `DISGUISE`, by index."""

    text: str
    pitfalls: list[Pitfall] = field(default_factory=list)
    typed: dict[int, str] = field(default_factory=dict)


def read_ahead(text: str) -> Reading:
    """Every known mistake in `text`, and the text for the parser with each one mended."""
    return Reader(text).read()


class Reader:
    """Reads the lines once, keeping what the lines before say the next may be."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.pitfalls: list[Pitfall] = []
        self.typed: dict[tuple[int, int], str] = {}
        self.block: int | None = None  # the indent a block scalar's lines are deeper than
        self.open: Opened | None = None  # a quote or brackets across lines
        self.plain: int | None = None  # plain text continues on lines deeper than this
        self.nested: int | None = None  # a value may start on a line deeper than this
        self.interrupted: int | None = None  # plain text ended by a comment line
        self.last_item: int | None = None  # the column of the last '- '
        self.started = False
        self.fields = field_names()

    def read(self) -> Reading:
        for number in range(len(self.lines)):
            line = self.lines[number]
            ending = "\r" if line.endswith("\r") else ""
            self.lines[number] = self.line(number, line.removesuffix("\r")) + ending
        if self.open is not None:
            self.unclosed()
        return self.reading()

    def reading(self) -> Reading:
        starts, total = [], 0
        for line in self.lines:
            starts.append(total)
            total += len(line) + 1
        typed = {starts[number] + column: character
                 for (number, column), character in self.typed.items()}
        return Reading("\n".join(self.lines), sorted(
            self.pitfalls, key=lambda p: (p.line, p.column)), typed)

    def report(self, number: int, column: int, message: str, suggestion: str | None = None,
               fix: str | None = None) -> None:
        self.pitfalls.append(Pitfall(number + 1, column + 1, message, suggestion, fix))

    def line(self, number: int, line: str) -> str:
        """Read one line; return it as the parser is to read it."""
        indent = len(line) - len(line.lstrip(" "))
        if self.block is not None:
            if not line.strip() or indent > self.block:
                return line
            self.block = None
        if self.open is not None:
            return self.continue_open(number, line, indent)
        spaces = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:spaces] and line.strip():
            fixed = line[:spaces].replace("\t", "  ") + line[spaces:]
            self.report(number, line.index("\t"), "a Tab is used to indent this line",
                        "indent with spaces", fixed)
            line, indent = fixed, len(fixed) - len(fixed.lstrip(" "))
        stripped = line.strip()
        if stripped.startswith("#"):
            if self.plain is not None:
                self.interrupted, self.plain = self.plain, None
            return line
        if not stripped or indent == 0 and line.startswith(("---", "...", "%")):
            return line
        return self.structure(number, line, indent)

    def structure(self, number: int, line: str, indent: int) -> str:
        """A line that is not inside a block scalar, a quote or brackets."""
        if self.plain is not None and indent > self.plain:
            self.continued(number, line, indent)
            return line
        nested, interrupted = self.nested, self.interrupted
        self.nested = self.plain = self.interrupted = None
        position, parent = indent, indent
        while line[position:position + 1] == "-" and \
                line[position + 1:position + 2] in ("", " ", "\t"):
            parent = self.last_item = position
            position += 1
            while line[position:position + 1] in (" ", "\t"):
                line = line[:position] + " " + line[position + 1:]
                position += 1
        if line[position:position + 2] in ("? ", ": ", "?", ":"):
            return line  # a complex key: rare, and left to the parser
        colon = plain_key(line, position)
        if colon is not None:
            self.started = True
            return self.value(number, line, colon + 1, colon, position)
        if nested is not None and indent > nested and position == indent:
            return self.value(number, line, position, None, nested)
        if position > parent or line[position:position + 1] in RESERVED:
            self.started = True
            return self.value(number, line, position, None, parent)
        if interrupted is not None and indent > interrupted:
            self.report(number, indent, "a comment line (starting with '#') ends the text "
                        "above, so this line cannot continue it",
                        "move the comment above the field, or delete it")
            self.plain = interrupted
            return line
        self.bare(number, line, indent)
        self.plain = indent if self.started else -1
        return line

    def value(self, number: int, line: str, start: int, colon: int | None,
              parent: int) -> str:
        """The value that starts at `start` (after a field name's ':', a '- ' or alone)."""
        position = start
        while line[position:position + 1] in (" ", "\t"):
            position += 1
        line = line[:start] + " " * (position - start) + line[position:]
        rest = line[position:]
        if not rest:
            self.nested = parent
            return line
        anchor = ANCHOR.match(rest) if rest[0] == "&" else None
        if anchor is not None or rest.startswith("!!"):
            skip = anchor.end() if anchor else len(rest.split(None, 1)[0])
            if not rest[skip:].strip():
                self.nested = parent
                return line
            return self.value(number, line, position + skip, None, parent)
        return Value(self, number, line, position, colon, parent).read()

    def continued(self, number: int, line: str, indent: int) -> None:
        """A line that continues the text above: ': ' in it would start a field."""
        colon = COLON.search(line, indent)
        comment = COMMENT.search(line, indent)
        if colon is None or (comment is not None and comment.start() < colon.start()):
            return
        word = WORD.match(line, indent)
        if word is not None and word.end() == colon.start() and word.group(0) in self.fields:
            self.report(number, indent, f"'{word.group(0)}:' is indented more than the "
                        "line above it, so YAML reads it as more of the text above",
                        "start it in the same column as the field above",
                        " " * max(self.plain or 0, 0) + line.strip())
            return
        self.report(number, colon.start(), "': ' inside text makes YAML read the words "
                    "before it as a field name", QUOTE_IT + ", from its first line to its last")

    def bare(self, number: int, line: str, indent: int) -> None:
        """A line of text that is not a field, not an item and not indented under text."""
        stripped = line.strip()
        word = WORD.match(line, indent)
        name = word.group(0) if word else ""
        after = line[word.end():] if word else ""
        if name in self.fields and (not after or after[0] in " \t:"):
            if after.startswith(":"):
                self.report(number, word.end(), f"'{name}:' needs a space after the ':'",
                            "write a space after the ':'",
                            f"{line[:indent]}{name}: {after[1:].strip()}".rstrip())
            else:
                self.report(number, word.end(), f"there is no ':' after '{name}'",
                            "write ':' after the field name",
                            f"{line[:indent]}{name}: {after.strip()}".rstrip())
        elif not self.started:
            return
        elif self.last_item == indent:
            self.report(number, indent, "this line is not a field ('name: …') or an item "
                        "('- …'), and not indented under the text above it",
                        "start it with '- ' to make it an item, or indent it to continue "
                        "the item above", f"{line[:indent]}- {stripped}")
        else:
            self.report(number, indent, "this line is not a field ('name: …') or an item "
                        "('- …'), and not indented under the text above it",
                        "indent it to continue the text above it, or make it a field",
                        f"{' ' * (indent + 2)}{stripped}")

    def continue_open(self, number: int, line: str, indent: int) -> str:
        """A line inside a quote or brackets opened on an earlier line."""
        opened = self.open
        assert opened is not None
        structural = indent <= opened.parent and line.strip() and (
            plain_key(line, indent) is not None or line[indent:indent + 2] == "- ")
        if structural:
            self.unclosed()
            return self.line(number, line)
        if opened.closers[0] in "\"'":
            end = close_quote(line, 0, opened.closers[0])
        else:
            end = close_brackets(line, 0, opened.closers)
        if end is None:
            return line
        self.open = None
        rest = line[end + 1:]
        if not rest_is_blank(rest) and not rest.lstrip().startswith((":", ",", "]", "}")):
            self.report(number, end + 1 + len(rest) - len(rest.lstrip()),
                        "there are words after the closing quote or bracket, which YAML "
                        "cannot read", QUOTE_IT + ", from its first line to its last")
        return line

    def unclosed(self) -> None:
        """The quote or brackets opened at `self.open` are never closed."""
        opened = self.open
        assert opened is not None
        self.open = None
        mark = opened.closers[0]
        closers = mark if mark in "\"'" else "".join(reversed(opened.closers))
        written = self.lines[opened.line]
        what = "quote that opens this text" if mark in "\"'" else \
            f"'{written[opened.column]}' that opens this list"
        fixed = written.rstrip() + closers
        self.report(opened.line, opened.column, f"the {what} is never closed",
                    f"end it with {closers} on the same line", fixed)
        self.lines[opened.line] = fixed + ("\r" if written.endswith("\r") else "")
