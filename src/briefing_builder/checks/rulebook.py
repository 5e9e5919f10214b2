"""The rules a batch checks with: the shipped plain-language rules and the partnership's own,
read and validated once per batch.

The rules are data: `data/plain-language.toml` ships with the tool, and a partnership adds
acronyms, phrases and severities in `[tool.briefing-builder.rules]` and in a TOML file of
its own. Every entry is validated; a mistake in a rules file is a problem with its place
in that file, like a mistake in a briefing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..inputs import read_text
from ..problems import Position, Problem, error
from ..settings import HouseRules, PhraseRule

SHIPPED_RULES = Path(__file__).parent / "data" / "plain-language.toml"
KNOWN = re.compile(r"[A-Z]{2,6}")


class AcronymEntry(BaseModel):
    """An acronym readers may not know, and what to write instead."""

    model_config = ConfigDict(extra="forbid")

    acronym: str
    meaning: str


class PhraseEntry(BaseModel):
    """A discouraged phrase of a rules file: every entry names its code."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    message: str
    code: str
    suggestion: str | None = None
    example: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"the pattern is not a regular expression: {exc}") from None
        return pattern


@dataclass(frozen=True)
class Phrase:
    """A discouraged phrase, compiled once."""

    pattern: re.Pattern
    code: str
    message: str
    suggestion: str | None = None
    example: str | None = None


@dataclass(frozen=True)
class Rulebook:
    """Every rule of a batch: acronyms, discouraged phrases, each code's severity, the
    partnership's own contact details (printed on purpose, so never identifying), and the
    acronyms every reader knows (never flagged)."""

    acronyms: list[AcronymEntry] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    contacts: list[str] = field(default_factory=list)
    known: frozenset[str] = frozenset()


class RulebookError(Exception):
    """The rules cannot be used; `problems` says where each mistake is."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(problem.format() for problem in problems))
        self.problems = problems


def load_rulebook(house: HouseRules | None = None, contacts: Sequence[str] = ()) -> Rulebook:
    """Read the shipped rules and the partnership's, validating every entry; `contacts` are
    the partnership's own addresses, phone numbers and mailboxes (`Settings.contacts`).

    Raises RulebookError naming each mistake in a rules file at its line.
    """
    problems: list[Problem] = []
    rules = _read(SHIPPED_RULES, problems)
    if house is not None:
        if house.file is not None:
            rules.add(_read(house.file, problems))
        rules.acronyms += [AcronymEntry(acronym=acronym, meaning=meaning)
                           for acronym, meaning in house.acronyms.items()]
        rules.phrases += [_compiled(phrase) for phrase in house.phrases]
        rules.known += house.known
    if problems:
        raise RulebookError(problems)
    return Rulebook(rules.acronyms, rules.phrases, dict(house.severity) if house else {},
                    list(contacts), frozenset(rules.known))


def _compiled(entry: PhraseEntry | PhraseRule) -> Phrase:
    return Phrase(re.compile(entry.pattern, re.IGNORECASE), entry.code, entry.message,
                  entry.suggestion, entry.example)


# A house rules file is a page or two of TOML; anything past this is not one.
MAX_RULES_BYTES = 1_000_000


@dataclass
class _Rules:
    """What one rules file holds."""

    acronyms: list[AcronymEntry] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    known: list[str] = field(default_factory=list)

    def add(self, other: _Rules) -> None:
        self.acronyms += other.acronyms
        self.phrases += other.phrases
        self.known += other.known


def _read(path: Path, problems: list[Problem]) -> _Rules:
    try:
        text = read_text(path, MAX_RULES_BYTES)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(error(path, Position(), "rules-unreadable",
                              f"the rules file cannot be read: "
                              f"{getattr(exc, 'strerror', None) or exc}"))
        return _Rules()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        problems.append(error(path, Position(*map(int, where.groups())) if where else
                              Position(), "rules-syntax",
                              f"the rules file is not TOML: {str(exc).split(' (at ')[0]}"))
        return _Rules()
    rules = _Rules(known=_known(path, text, data.pop("known", []), problems))
    for name, kind in (("acronym", AcronymEntry), ("phrase", PhraseEntry)):
        entries = data.pop(name, [])
        if not isinstance(entries, list):
            problems.append(error(path, _table_position(text, name, 0), "rules-invalid",
                                  f"'{name}' must be a list of [[{name}]] tables"))
            continue
        for index, entry in enumerate(entries):
            try:
                valid = kind.model_validate(entry)
            except ValidationError as exc:
                problems += [_entry_problem(path, text, name, index, e) for e in exc.errors()]
                continue
            if isinstance(valid, AcronymEntry):
                rules.acronyms.append(valid)
            else:
                rules.phrases.append(_compiled(valid))
    for name in data:
        problems.append(error(path, _key_position(text, name), "rules-invalid",
                              f"'{name}' is not a kind of rule; a rules file holds "
                              "[[acronym]] and [[phrase]] tables and a list of known acronyms"))
    return rules


def _known(path: Path, text: str, known: object, problems: list[Problem]) -> list[str]:
    """The acronyms every reader knows, from a rules file's `known = [...]`."""
    if isinstance(known, list) and all(isinstance(a, str) and KNOWN.fullmatch(a) for a in known):
        return known
    problems.append(error(path, _key_position(text, "known"), "rules-invalid",
                          "'known' must be a list of acronyms of 2 to 6 capitals, such as "
                          "known = [\"NHS\", \"GP\"]"))
    return []


def _entry_problem(path: Path, text: str, name: str, index: int, e: dict[str, Any]) -> Problem:
    key = str(e["loc"][0]) if e["loc"] else ""
    where = _table_position(text, name, index, key)
    what = f"[[{name}]] number {index + 1}"
    if e["type"] == "missing":
        return error(path, where, "rules-invalid", f"{what} has no '{key}'",
                     f"add a line such as {key} = \"…\"")
    if e["type"] == "extra_forbidden":
        return error(path, where, "rules-invalid", f"{what}: '{key}' is not one of its fields")
    message = str(e["msg"]).removeprefix("Value error, ")
    return error(path, where, "rules-invalid", f"{what}, {key}: {message}")


def _table_position(text: str, name: str, index: int, key: str = "") -> Position:
    """Where the `index`-th [[name]] table starts, or its `key` line within it."""
    headers = [m for m in re.finditer(rf"(?m)^[ \t]*\[\[[ \t]*{name}[ \t]*\]\]", text)]
    if index >= len(headers):
        return Position()
    start = headers[index].start()
    end = next((m.start() for m in re.finditer(r"(?m)^[ \t]*\[", text)
                if m.start() > headers[index].end()), len(text))
    found = re.search(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*=", text[start:end]) if key else None
    at = start + (found.start() if found else 0)
    return Position(text.count("\n", 0, at) + 1, 1)


def _key_position(text: str, key: str) -> Position:
    found = re.search(rf"(?m)^[ \t]*\[*[ \t]*{re.escape(key)}\b", text)
    return Position(text.count("\n", 0, found.start()) + 1, 1) if found else Position()
