"""One value on one line of YAML: what it starts with says what YAML will make of it, and
whether YAML can read it at all."""

from __future__ import annotations

import re

from .yamltext import (
    ALIAS,
    BLOCK_HEADER,
    COLON,
    COMMENT,
    DISGUISE,
    EMPHASIS,
    LINK,
    QUOTE_IT,
    Opened,
    close_brackets,
    close_quote,
    requote,
    rest_is_blank,
)


class Value:
    """One value on one line: what it starts with says what YAML will make of it. The
    reader is the `pitfalls.Reader` reading the lines, which this reports to."""

    def __init__(self, reader, number: int, line: str, start: int, colon: int | None,
                 parent: int) -> None:
        self.reader, self.number, self.line, self.written = reader, number, line, line
        self.start, self.colon, self.parent = start, colon, parent
        self.text = line[start:]
        reader.started = True

    def quote_it(self, column: int, message: str) -> str:
        """Report text YAML cannot read as it is; return the line as it should be."""
        fixed = requote(self.written, self.text_start())
        self.reader.typed.pop((self.number, self.start), None)
        self.reader.report(self.number, column, message, QUOTE_IT, fixed)
        return fixed

    def text_start(self) -> int:
        """Where the author's text starts: after the ':' of a field name, or, when the
        "field name" is words of the text (`- Note: …`), after the '- '."""
        if self.colon is None:
            return self.start
        key = self.line[self.parent:self.colon].strip()
        in_item = self.line[:self.parent].rstrip().endswith("-")
        words = key not in self.reader.fields and not re.fullmatch(r"[a-z_]+", key)
        return self.parent if in_item and words else self.start

    def read(self) -> str:
        first = self.text[0]
        if first == "#":
            if len(self.text) > 1 and self.text[1] not in " \t" and not self.continues():
                return self.quote_it(self.start, "YAML reads everything from '#' as a "
                                     "comment, so this is left empty")
            self.reader.nested = self.parent
            return self.line
        if first in "|>":
            if BLOCK_HEADER.match(self.text):
                self.reader.block = self.parent
                return self.line
            return self.quote_it(self.start, f"'{first}' at the start of a text tells YAML "
                                 "that the text starts on the next line")
        if first in "\"'":
            return self.quoted(first)
        if first in "[{":
            return self.flow(first)
        if first == "*":
            return self.star()
        if first in "&@`!":
            why = {"&": "it names an anchor", "!": "it names a type of value"}.get(
                first, "the character is reserved")
            return self.quote_it(self.start, f"text cannot start with '{first}' in YAML "
                                 f"({why})")
        return self.plain()

    def quoted(self, quote: str) -> str:
        end = close_quote(self.line, self.start + 1, quote)
        if end is None:
            self.reader.open = Opened(self.number, self.start, self.parent, [quote])
            return self.line
        rest = self.line[end + 1:]
        if rest.lstrip(" \t").startswith(":"):  # a quoted field name
            colon = end + 1 + rest.index(":")
            return self.reader.value(self.number, self.line, colon + 1, colon, self.start)
        if rest_is_blank(rest):
            return self.line
        return self.quote_it(end + 1 + len(rest) - len(rest.lstrip()),
                             "the text starts with a quote, so YAML reads only the quoted "
                             "words and cannot read the rest")

    def flow(self, bracket: str) -> str:
        if bracket == "[" and LINK.match(self.text):
            return self.disguised()
        closers: list[str] = []
        end = close_brackets(self.line, self.start, closers)
        if end is None:
            if closers:
                self.reader.open = Opened(self.number, self.start, self.parent, closers)
            return self.line
        rest = self.line[end + 1:]
        if rest_is_blank(rest) or rest.lstrip(" \t").startswith(":"):
            return self.line
        closer = "]" if bracket == "[" else "}"
        return self.quote_it(end + 1 + len(rest) - len(rest.lstrip()),
                             f"text that starts with '{bracket}' is read by YAML as a list, "
                             f"and the words after '{closer}' cannot be read")

    def star(self) -> str:
        if EMPHASIS.match(self.text):
            return self.disguised()
        if ALIAS.match(self.text):
            return self.line
        if self.text[1:2] in (" ", "\t", ""):
            fixed = self.line[:self.start] + self.text[1:].lstrip()
            self.reader.report(self.number, self.start, "'*' at the start of an item looks "
                               "like a bullet typed by hand, and YAML cannot read it",
                               "delete it: every item is printed with its own bullet", fixed)
            return fixed
        return self.quote_it(self.start, "text cannot start with '*' in YAML (it names an "
                             "alias)")

    def disguised(self) -> str:
        """Markdown YAML cannot read as it is but can be read one way only: the parser
        reads a letter in place of its first character, and the author's is kept."""
        self.reader.typed[(self.number, self.start)] = self.text[0]
        self.line = self.line[:self.start] + DISGUISE + self.line[self.start + 1:]
        self.text = self.line[self.start:]
        return self.plain()

    def plain(self) -> str:
        comment = COMMENT.search(self.line, self.start)
        for colon in COLON.finditer(self.line, self.start):
            if comment is not None and colon.start() > comment.start():
                break
            if self.continues():
                self.reader.report(self.number, colon.start(), "': ' inside text makes "
                                   "YAML read the words before it as a field name",
                                   QUOTE_IT + ", from its first line to its last")
                break
            at = self.colon if self.text_start() != self.start else colon.start()
            return self.quote_it(at, "': ' inside text makes YAML read the words before it "
                                 "as a field name")
        self.reader.plain = self.parent
        return self.line

    def continues(self) -> bool:
        """Whether the text goes on to the next lines (indented under this one)."""
        for line in self.reader.lines[self.number + 1:]:
            if line.strip() and not line.lstrip().startswith("#"):
                return len(line) - len(line.lstrip(" ")) > self.parent
        return False
