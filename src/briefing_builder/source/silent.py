"""Text YAML reads without complaint but not as the author meant it: nothing would stop the
build, and the page would print something else.

- words after " #", which YAML drops as a comment ("risk meeting #MARM" prints as "risk
  meeting");
- an item that runs on into a line starting "- " (indented more than the items, it is read
  as more of the item above, not as an item of its own); text whose "- " lines are joined
  into one paragraph because it is not written after "|";
- a bullet pasted at the start of an item ("•", "–"…), printed after the page's own bullet;
- an item with ": " in it, which YAML reads as a field name and its value, not as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode

from ..problems import Position, Problem, error, warning
from .labels import label
from .load import KeyPath, SourceDocument
from .syntax import source_line
from .yamltext import QUOTE_IT, field_names, quoted

BULLETS = "•·▪–—◦‣●■►▸➢➤"
_DROPPED = re.compile(r"[ \t]+#(?=\S)(.*)$")


def silent_mistakes(document: SourceDocument) -> list[Problem]:
    """Warnings for text that would print other than as written, and errors for items
    that are not text at all."""
    found: list[Problem] = []
    for key, node in document.nodes.items():
        if isinstance(node, ScalarNode) and key and isinstance(_value(document, key), str):
            found += _comment(document, key, node)
            found += _joined_lines(document, key, node)
            found += _pasted_bullet(document, key, node)
        elif isinstance(node, MappingNode) and key and isinstance(key[-1], int):
            found += _words_as_field(document, key, node)
    return found


def read_as_fields(document: SourceDocument) -> set[KeyPath]:
    """The items read as a field (`- Note: …`): what else is wrong with them as fields
    (that 'Note' is not a field, that the item has no title) says nothing more."""
    return {key for key, node in document.nodes.items()
            if isinstance(node, MappingNode) and key and isinstance(key[-1], int)
            and any(True for _ in _words_as_field(document, key, node))}


def _value(document: SourceDocument, key: KeyPath) -> object:
    value: object = document.data
    for part in key:
        value = value[part]  # type: ignore[index]
    return value


def _line(document: SourceDocument, number: int) -> str:
    return source_line(document.text, number) or ""


def _comment(document: SourceDocument, key: KeyPath, node: ScalarNode) -> Iterator[Problem]:
    """Words after ' #' on the value's last line, which YAML leaves out."""
    if node.style:  # quoted or a block: not plain (libyaml says "", PyYAML None)
        return
    line = _line(document, node.end_mark.line + 1)
    dropped = _DROPPED.match(line, node.end_mark.column)
    if dropped is None:
        return
    hash_at = line.index("#", node.end_mark.column)
    single = node.start_mark.line == node.end_mark.line
    yield warning(document.path, Position(node.end_mark.line + 1, hash_at + 1),
                  "comment-in-text",
                  f"{label(key)}: YAML reads '{line[hash_at:].strip()}' as a comment and leaves "
                  f"it out, so this prints as '{' '.join(node.value.split())}'",
                  QUOTE_IT if single else QUOTE_IT + ", from its first line to its last",
                  source=line,
                  fix=line[:node.start_mark.column] + quoted(line[node.start_mark.column:]
                                                             .rstrip()) if single else None)


def _joined_lines(document: SourceDocument, key: KeyPath,
                  node: ScalarNode) -> Iterator[Problem]:
    """Lines starting '- ' inside plain or folded text, which YAML joins to the line before."""
    if node.style not in (None, "", ">") or node.start_mark.line == node.end_mark.line:
        return
    # The text's own lines: its end mark stands at the start of the next line when the
    # text ends with its line, and that next line (the next item or field) is not its own.
    last = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    for number in range(node.start_mark.line + 2, last + 1):
        line = _line(document, number)
        stripped = line.lstrip(" ")
        if not (stripped.startswith("- ") or stripped.rstrip() == "-"):
            continue
        column = len(line) - len(stripped)
        if isinstance(key[-1], int):
            start = _line(document, node.start_mark.line + 1)
            dash = start.rfind("-", 0, node.start_mark.column)
            yield warning(document.path, Position(number, column + 1), "merged-item",
                          f"{label(key)} runs on into a line starting '- ': indented more "
                          "than the '-' of the items, it is read as more of this item, "
                          "not as an item of its own",
                          "line its '-' up with the '-' of the item above", source=line,
                          fix=" " * max(dash, 0) + stripped)
            continue
        how = "after '|', not '>'" if node.style == ">" else "after '|'"
        yield warning(document.path, Position(number, column + 1), "merged-item",
                      f"{label(key)}: the lines starting '- ' are joined into one paragraph, "
                      f"because the text is not written {how}",
                      f"write '|' after '{key[-1]}:' and the text on the lines below it, to "
                      "keep its lines and bullets", source=line)
        return


def _pasted_bullet(document: SourceDocument, key: KeyPath,
                   node: ScalarNode) -> Iterator[Problem]:
    """An item that starts with a bullet of its own."""
    is_item = isinstance(key[-1], int) or (
        len(key) > 1 and key[-1] == "title" and isinstance(key[-2], int))
    text = node.value.lstrip()
    if not is_item or not text or text[0] not in BULLETS or key[0] in ("allow", "pseudonyms"):
        return
    position = document.locate(key, text[0])
    line = _line(document, position.line)
    at = position.column - 1
    fixed = line[:at] + line[at + 1:].lstrip(" \t") if line[at:at + 1] == text[0] else None
    yield warning(document.path, position, "pasted-bullet",
                  f"{label(key)} starts with '{text[0]}', and every item is printed with a "
                  "bullet of its own, so it would show two", f"delete the '{text[0]}'",
                  source=line, fix=fixed)


def _words_as_field(document: SourceDocument, key: KeyPath,
                    node: MappingNode) -> Iterator[Problem]:
    """An item written `- Note: the meeting`: YAML reads 'Note' as a field name."""
    if len(node.value) != 1:
        return
    name_node, value_node = node.value[0]
    name = name_node.value if isinstance(name_node, ScalarNode) else None
    if not isinstance(name, str) or name_node.style or \
            name.lower() in field_names() or re.fullmatch(r"[a-z_]+", name) or \
            not _one_line(name_node, value_node):
        return
    line = _line(document, name_node.start_mark.line + 1)
    colon = line.find(":", name_node.end_mark.column)
    start = name_node.start_mark.column
    yield error(document.path, Position(name_node.start_mark.line + 1, colon + 1),
                "colon-in-text",
                f"{label(key)}: ': ' after '{name}' makes YAML read '{name}' as a field "
                "name, so this item is not text", QUOTE_IT, source=line,
                fix=line[:start] + quoted(line[start:].rstrip()))


def _one_line(name_node: Node, value_node: Node) -> bool:
    return isinstance(value_node, ScalarNode) and not value_node.style and \
        value_node.end_mark.line == name_node.start_mark.line
