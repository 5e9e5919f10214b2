"""Write a briefing's new values into its YAML file, keeping the rest as the author wrote it.

Only the values that changed are written again: every other character of the file (its
comments, blank lines, key order, quoting and line breaks) stays as it was. A changed
value keeps its style (plain, quoted, `|` or `>`) and is written by ruamel.yaml; a list
whose length changed keeps the text of its unchanged items. The result is read back and
must hold exactly the new values; if it does not, the whole file is written again by
ruamel.yaml's round trip, which still keeps the comments.
"""

from __future__ import annotations

import difflib
import io
import re
import textwrap
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

WIDTH = 88
_TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")
_STYLES = {"'": SingleQuotedScalarString, '"': DoubleQuotedScalarString,
           "|": LiteralScalarString, ">": FoldedScalarString}

Edit = tuple[int, int, str]


def value_of(node: Node) -> Any:
    """A node's value as the briefing loader reads it: dates stay text."""
    if isinstance(node, ScalarNode):
        if node.tag in _TEXT_TAGS:
            return node.value
        return yaml.SafeLoader("").construct_object(node, deep=True)
    if isinstance(node, SequenceNode):
        return [value_of(item) for item in node.value]
    return {key.value: value_of(value) for key, value in node.value}


def same(one: Any, other: Any) -> bool:
    """True when two values are the same briefing: text is compared without the white space
    at its ends, which the briefing's model strips."""
    return _stripped(one) == _stripped(other)


def _stripped(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [_stripped(inner) for inner in value]
    if isinstance(value, dict):
        return {name: _stripped(inner) for name, inner in value.items()}
    return value


def read_back(text: str) -> Any:
    """The values of a YAML text, as the briefing loader reads them."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return None if root is None else value_of(root)


def updated_text(text: str, data: dict[str, Any]) -> str:
    """`text` with its values replaced by `data`, changing only what changed."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    if isinstance(root, MappingNode) and root.flow_style is False:
        writer = _Splicer(text)
        try:
            writer.mapping(root, data)
            result = writer.result()
            if same(read_back(result), data):
                return result
        except (yaml.YAMLError, ValueError):
            pass
    return round_trip(text, data)


def round_trip(text: str, data: dict[str, Any]) -> str:
    """The whole file written again by ruamel.yaml, its comments kept where keys remain."""
    dumper = _dumper(2)
    try:
        document = dumper.load(text)
    except Exception:  # noqa: BLE001 - an unreadable file is written afresh
        document = None
    if not hasattr(document, "items"):
        document = {}
    for name in [name for name in document if name not in data]:
        del document[name]
    for name, value in data.items():
        if name not in document or not same(read_back(_dump(dumper, {name: document[name]})),
                                            {name: value}):
            document[name] = _styled(value)
    result = _dump(dumper, document)
    if not same(read_back(result), data):
        raise ValueError("the briefing could not be written as YAML")
    return result


def _dumper(offset: int) -> YAML:
    dumper = YAML()
    dumper.indent(mapping=2, sequence=offset + 2, offset=offset)
    dumper.width = WIDTH
    dumper.preserve_quotes = True
    return dumper


def _dump(dumper: YAML, value: Any) -> str:
    stream = io.StringIO()
    dumper.dump(value, stream)
    return stream.getvalue()


def _plain_is_text(value: str) -> bool:
    """True when PyYAML reads `value`, written plain, as text (not yes, 12 or null)."""
    tag = yaml.resolver.Resolver().resolve(ScalarNode, value, (True, False))
    return tag in _TEXT_TAGS


def _styled(value: Any, style: str | None = None) -> Any:
    """`value` ready for ruamel.yaml: text in `style`, or quoted where plain would not be
    read back as text by the briefing loader."""
    if isinstance(value, dict):
        return {name: _styled(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [_styled(inner) for inner in value]
    if not isinstance(value, str):
        return value
    if style in ("|", ">") and not value.endswith("\n"):
        value += "\n"
    if style == ">":
        return _folded(value)
    if style in _STYLES:
        return _STYLES[style](value)
    if "\n" in value.strip():
        return LiteralScalarString(value if value.endswith("\n") else value + "\n")
    return value if _plain_is_text(value) else DoubleQuotedScalarString(value)


def _folded(value: str) -> FoldedScalarString:
    """Folded text, broken at spaces so that no line is longer than the file's."""
    if "\n" in value.strip() or "  " in value:
        return LiteralScalarString(value)
    folded = FoldedScalarString(value)
    positions, start = [], 0
    for line in textwrap.wrap(value.strip(), WIDTH - 4, break_long_words=False,
                              break_on_hyphens=False)[:-1]:
        start = value.index(line, start) + len(line)
        positions.append(start)
    folded.fold_pos = positions
    return folded


class _Splicer:
    """Collects replacements of spans of the original text, then applies them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[Edit] = []
        self.offset = _sequence_offset(text)

    def result(self) -> str:
        text = self.text
        for start, end, replacement in sorted(self.edits, reverse=True):
            text = text[:start] + replacement + text[end:]
        return text

    def dump(self, value: Any, column: int) -> str:
        """`value` as YAML lines indented for `column`, the first line not indented."""
        dumped = _dump(_dumper(self.offset), value)
        keep = _block_scalar(dumped)  # trailing spaces are text there
        dumped = "\n".join(line if keep else line.rstrip()
                           for line in textwrap.dedent(dumped).rstrip("\n").split("\n"))
        return "\n".join(line and " " * column + line for line in dumped.split("\n"))[column:]

    def mapping(self, node: MappingNode, data: dict[str, Any]) -> None:
        entries = {key.value: (key, value) for key, value in node.value}
        for name, (key, value) in entries.items():
            if name not in data:
                start, end = _line_start(self.text, key.start_mark.index), self._end(value)
                self.edits.append((start, _line_end(self.text, end, True), ""))
            elif not same(value_of(value), data[name]):
                self.value(key, value, data[name])
        previous_end = None
        for name, value in data.items():
            if name in entries:
                previous_end = self._end(entries[name][1])
                continue
            column = node.value[0][0].start_mark.column if node.value else 0
            entry = self.dump({name: _styled(value)}, column)
            if previous_end is None:
                at = _line_start(self.text, node.start_mark.index)
                self.edits.append((at, at, " " * column + entry + "\n"))
            else:
                at = _line_end(self.text, previous_end, False)
                self.edits.append((at, at, "\n" + " " * column + entry))

    def value(self, key: Node | None, node: Node, new: Any) -> None:
        """Replace the value of one entry, or of one list item when `key` is None."""
        block = not getattr(node, "flow_style", False)
        if isinstance(node, MappingNode) and block and isinstance(new, dict) and node.value:
            self.mapping(node, new)
            return
        if isinstance(node, SequenceNode) and block and isinstance(new, list) and node.value \
                and new:
            self.sequence(node, new)
            return
        styled = _styled(new, node.style if isinstance(node, ScalarNode) else None)
        if isinstance(node, SequenceNode) and not block and isinstance(new, list):
            styled = CommentedSeq(styled)
            styled.fa.set_flow_style()
        if key is not None:
            start, column = key.start_mark.index, key.start_mark.column
            replacement = self.dump({key.value: styled}, column)
        else:
            start = _dash(self.text, node)
            column = start - _line_start(self.text, start)
            replacement = self.dump([styled], column)
        self.edits.append((start, self._end(node), replacement))

    def sequence(self, node: SequenceNode, new: list[Any]) -> None:
        old = [value_of(item) for item in node.value]
        if len(old) == len(new):
            for item, before, after in zip(node.value, old, new, strict=True):
                if not same(before, after):
                    self.value(None, item, after)
            return
        dash = _dash(self.text, node.value[0])
        column = dash - _line_start(self.text, dash)
        pieces: list[str] = []
        matcher = difflib.SequenceMatcher(a=[repr(_stripped(v)) for v in old],
                                          b=[repr(_stripped(v)) for v in new],
                                          autojunk=False)
        for tag, first, last, new_first, new_last in matcher.get_opcodes():
            if tag == "equal":
                pieces += [self.text[_dash(self.text, item):self._end(item)]
                           for item in node.value[first:last]]
            else:
                pieces += [self.dump([_styled(value)], column) for value in
                           new[new_first:new_last]]
        self.edits.append((dash, self._end(node.value[-1]),
                           ("\n" + " " * column).join(pieces)))

    def _end(self, node: Node) -> int:
        """Where a value's own text ends: after its last character, not the blank lines or
        comments that the parser reads before the next key."""
        while isinstance(node, MappingNode | SequenceNode) and node.value and \
                not node.flow_style:
            node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end


def _block_scalar(dumped: str) -> bool:
    return bool(re.search(r"(?:^|[:-] )[|>][+-]?\d*$", dumped, re.MULTILINE))


def _dash(text: str, item: Node) -> int:
    """The index of the "-" that starts a block sequence's item."""
    index = text.rfind("-", _line_start(text, item.start_mark.index), item.start_mark.index)
    return index if index >= 0 else item.start_mark.index


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int, include_newline: bool) -> int:
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end + 1 if include_newline else end


def _sequence_offset(text: str) -> int:
    """How far the file indents a list's "-" under its key: 2 in `key:\\n  - item`."""
    found = re.search(r"^( *)[\w-]+:[ \t]*(?:#.*)?\n(?:[ \t]*#.*\n)*( *)- ", text, re.MULTILINE)
    return max(0, len(found.group(2)) - len(found.group(1))) if found else 2
