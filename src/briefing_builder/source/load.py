"""Load a YAML file safely, keeping the line and column of every node.

The result is plain Python data plus a map from each value's place in the
document (a key path such as ``("concerns", 2)``) to its YAML node, so that
later stages can point at the exact words at fault.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..inputs import read_bounded
from ..problems import WHOLE_FILE, Position, Problem, character_named, error
from . import yaml12
from .pitfalls import read_ahead
from .syntax import explain, from_pitfall, source_line

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 32
# Longer numbers are refused before Python reads them (it reads at most 4,300 digits).
MAX_DIGITS = 100

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    # Dates stay text: pydantic parses them and reports impossible ones.
    "tag:yaml.org,2002:timestamp",
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class _LimitExceeded(Exception):
    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node


def source_version(raw: bytes) -> str:
    """The version of a briefing's source: the first 12 hex digits of its SHA-256 (what a
    discussion sheet and a translation record of the briefing they belong to)."""
    return hashlib.sha256(raw).hexdigest()[:12]


def position_at(text: str | bytes, index: int) -> Position:
    """Return the 1-based line and column of `index` in `text` (characters, or bytes)."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    start = text.rfind(newline, 0, index) + 1
    return Position(text.count(newline, 0, index) + 1, index - start + 1)


def node_position(node: Node) -> Position:
    """Return where a node starts, 1-based."""
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


# The first part of a comment's key path (comments have no place in the data).
COMMENT = "#"


@dataclass
class SourceDocument:
    """A YAML file as data, with the node behind every value and key, and the bytes read."""

    path: Path
    text: str
    data: Any
    raw: bytes = b""
    nodes: dict[KeyPath, Node] = field(default_factory=dict)
    key_nodes: dict[KeyPath, Node] = field(default_factory=dict)

    def comments(self) -> Iterator[tuple[KeyPath, str]]:
        """Yield every comment's words (after its `#`) with a key path of its own,
        (COMMENT, where it starts), that `position` and `locate` understand."""
        for start, end in comment_spans(self.text):
            yield (COMMENT, start), self.text[start + 1:end].strip()

    def position(self, key: KeyPath, *, of_key: bool = False) -> Position:
        """Return the position of the value at `key`, or of the nearest known parent."""
        if key[:1] == (COMMENT,):
            return position_at(self.text, key[1])
        if of_key and key in self.key_nodes:
            return node_position(self.key_nodes[key])
        while key not in self.nodes and key:
            key = key[:-1]
        return node_position(self.nodes[key]) if key in self.nodes else Position()

    def strings(self, key: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
        """Yield every text value at or below `key` with its key path, in file order."""
        value = self.data
        for part in key:
            if isinstance(value, dict) and part in value or \
                    isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return
        yield from _strings(value, key)

    def locate(self, key: KeyPath, words: str, nth: int = 0) -> Position:
        """Return where `words` appear (the `nth` time) inside the value at `key`, as written.

        Falls back to the start of the value when the words are not written
        literally (escapes, or folded across lines).
        """
        node = self.nodes.get(key)
        if key[:1] == (COMMENT,):
            start, end = key[1], self.text.find("\n", key[1])
            end = len(self.text) if end < 0 else end
        elif node is None:
            return self.position(key)
        else:
            start, end = node.start_mark.index, node.end_mark.index
        found = self.text.find(words, start, end) if words else -1
        for _ in range(nth):
            if found < 0:
                break
            found = self.text.find(words, found + len(words), end)
        if found < 0:
            return self.position(key)
        return position_at(self.text, found)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Where each comment of the YAML text is: the start (its `#`) and end of each, in order.

    A comment is whatever follows `#` between the YAML's tokens, or after a block scalar's
    `|` or `>`, up to the end of its line. Comments print nowhere, but an archival PDF
    carries the source as written, comments and all, so the identity checks read them.
    """
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    spans: list[tuple[int, int]] = []
    cursor = 0
    for token in yaml.scan(text, Loader=loader):
        start, end = token.start_mark.index, token.end_mark.index
        if start < cursor:
            continue
        spans += _comments_in(text, cursor, start, _COMMENT)
        if getattr(token, "style", None) in ("|", ">"):  # the header line may end in one
            header_end = text.find("\n", start, end)
            spans += _comments_in(text, start, end if header_end < 0 else header_end,
                                  _HEADER_COMMENT)
        cursor = max(cursor, end)
    return spans + _comments_in(text, cursor, len(text), _COMMENT)


# A comment between tokens; in a block scalar's header, a `#` starts one only after a space.
_COMMENT = re.compile(r"#[^\n]*")
_HEADER_COMMENT = re.compile(r"(?<=[ \t])#[^\n]*")


def _comments_in(text: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text, start, end)]


def _strings(value: Any, key: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, inner in value.items():
            yield from _strings(inner, (*key, name))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, (*key, index))


def load_yaml(path: Path) -> tuple[SourceDocument | None, list[Problem]]:
    """Read `path` as one YAML document of plain data.

    Returns the document, or None with the problems that stopped it (unreadable
    file, bad encoding, YAML syntax, object tags, size or depth limits). Every known
    syntax mistake is reported at once (see `pitfalls`), with what the parser finds
    beyond them. Plain words are read by YAML 1.2's rules, as editors read them.
    """
    raw, text, problems = _read(path)
    if text is None:
        return None, problems
    reading = read_ahead(text)
    root, problems = _compose(path, reading.text, text)
    if reading.pitfalls:
        known = {pitfall.line for pitfall in reading.pitfalls}
        problems = [from_pitfall(path, text, pitfall) for pitfall in reading.pitfalls] + \
            [problem for problem in problems if problem.position.line not in known]
        return None, sorted(problems, key=lambda problem: problem.position)
    if root is None:
        return None, problems or [error(path, WHOLE_FILE, "empty-file",
                                        "the file has no briefing in it")]
    document = SourceDocument(path, text, None, raw)
    builder = _Builder(document, reading.typed)
    try:
        document.data = builder.build(root, (), 0)
    except _LimitExceeded as exc:
        return None, [error(path, node_position(exc.node), "yaml-limit", str(exc))]
    if builder.fatal:
        return None, builder.problems
    return document, builder.problems


def _read(path: Path) -> tuple[bytes, str | None, list[Problem]]:
    """The file's bytes and text, or the problem that stops it being read."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return b"", None, [error(path, WHOLE_FILE, "file-not-found", "no such file",
                                 _nearest_file(path))]
    except IsADirectoryError:
        return b"", None, [error(path, WHOLE_FILE, "file-unreadable",
                                 "this is a folder, not a file")]
    except OSError as exc:
        return b"", None, [error(path, WHOLE_FILE, "file-unreadable",
                                 f"cannot read the file: {exc.strerror or exc}")]
    if len(raw) > MAX_FILE_BYTES:
        size = path.stat().st_size if path.exists() else len(raw)
        return raw, None, [error(path, WHOLE_FILE, "file-too-large",
                                 f"the file is {size:,} bytes; a briefing may be at most "
                                 f"{MAX_FILE_BYTES:,} bytes")]
    try:
        return raw, raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return raw, None, [error(path, position_at(raw, exc.start), "encoding",
                                 "the file is not UTF-8 text; save it as UTF-8")]


def _nearest_file(path: Path) -> str | None:
    """"did you mean" a briefing beside a missing one, by a close name."""
    import difflib

    try:
        names = [p.name for p in path.parent.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return None
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
    return f"did you mean {path.with_name(close[0])}?" if close else None


def _compose(path: Path, text: str, written: str) -> tuple[Node | None, list[Problem]]:
    """The document's root node, or None with the syntax problem (none: an empty file).
    `text` is what the parser reads, `written` the file as written, for the lines quoted."""
    root = _composed_by_libyaml(text)
    if root is not None:
        return root, []
    loader = None  # the problem, if any, in PyYAML's words and places
    try:
        loader = yaml12.Loader(text)  # checks every character as it starts
        return loader.get_single_node(), []
    except yaml.MarkedYAMLError as exc:
        return None, [explain(path, written, exc)]
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow in a file; its position counts characters.
        at = exc.position if isinstance(exc.position, int) else 0
        character = chr(exc.character) if isinstance(exc.character, int) else \
            (str(exc.character)[:1] or " ")
        where = position_at(text, at)
        return None, [error(path, where, "yaml-syntax",
                            f"{character_named(character, 'a control character')} cannot "
                            "appear in a YAML file", "delete it",
                            source=source_line(written, where.line))]
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        return None, [error(path, Position(), "yaml-syntax", f"YAML cannot read this: {message}")]
    except RecursionError:
        return None, [error(path, Position(), "yaml-limit", "the YAML is nested too deeply")]
    except ValueError:  # PyYAML's own, e.g. "\\U00110000", an escape that names no character
        mark = loader.get_mark() if loader is not None else None
        where = Position(mark.line + 1, mark.column + 1) if mark else Position()
        return None, [error(path, where, "yaml-syntax",
                            "an escape code in double quotes names no character",
                            "write the character itself", source=source_line(written, where.line))]
    finally:
        if loader is not None:
            loader.dispose()


def _composed_by_libyaml(text: str) -> Node | None:
    """The document's nodes composed by libyaml (about fifteen times faster), or None
    when PyYAML was built without it, or libyaml found a problem or nothing."""
    if yaml12.CLoader is None:
        return None
    loader = yaml12.CLoader(text)
    try:
        return loader.get_single_node()
    except Exception:  # noqa: BLE001 - the pure-Python composer says what is wrong
        return None
    finally:
        loader.dispose()


class _Builder:
    """Turns composed YAML nodes into plain data within fixed bounds."""

    def __init__(self, document: SourceDocument, typed: dict[int, str] | None = None) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.fatal = False
        self.count = 0
        self.typed = typed or {}  # the first characters the parser read disguised

    def build(self, node: Node, key: KeyPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _LimitExceeded(node, f"the document has more than {MAX_NODES:,} values "
                                       "(are anchors and aliases repeating it?)")
        if depth > MAX_DEPTH:
            raise _LimitExceeded(node, f"the document is nested more than {MAX_DEPTH} levels deep")
        self.document.nodes[key] = node
        if isinstance(node, (SequenceNode, MappingNode)) and node.tag not in _COLLECTION_TAGS:
            self._fail(node, "yaml-tag", f"the YAML tag {node.tag!r} is not allowed in a briefing")
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*key, index), depth + 1)
                    for index, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, key, depth)
        raise AssertionError(f"unexpected YAML node {node!r}")

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._fail(node, "yaml-tag", f"the YAML tag {node.tag!r} is not allowed in a briefing")
            return None
        if not node.style and node.start_mark.index in self.typed:  # plain (libyaml: "")
            node.value = self.typed[node.start_mark.index] + node.value[1:]
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_DIGITS:
            self._fail(node, "yaml-limit", f"a number of {len(node.value):,} characters; "
                       f"a briefing's numbers have at most {MAX_DIGITS:,} digits")
            return None
        try:
            return yaml12.construct(node)
        except ValueError:  # a number Python will not read, however it is written
            self._fail(node, "yaml-limit", "a number that cannot be read")
            return None

    def _mapping(self, node: MappingNode, key: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(key_node, "yaml-key", "a field name must be plain text")
                continue
            name = key_node.value
            if name in result:
                first = node_position(self.document.key_nodes[(*key, name)])
                self.problems.append(error(
                    self.document.path, node_position(key_node), "duplicate-key",
                    f"'{name}' is given twice (first on line {first.line}); "
                    "only one can be kept"))
                self.fatal = True
                continue
            self.document.key_nodes[(*key, name)] = key_node
            result[name] = self.build(value_node, (*key, name), depth + 1)
        return result

    def _fail(self, node: Node, code: str, message: str) -> None:
        self.problems.append(error(self.document.path, node_position(node), code, message))
        self.fatal = True
