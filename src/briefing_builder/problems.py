"""Problems found in a briefing: values that the CLI prints, never exceptions."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file, 1-based as editors count."""

    line: int = 1
    column: int = 1

    @property
    def in_file(self) -> bool:
        """Whether this is a place in the file (WHOLE_FILE is the file as a whole)."""
        return self.line > 0


# The file as a whole (missing, unreadable, empty): printed as `PATH: error: …`, no line.
WHOLE_FILE = Position(0, 0)


@dataclass(frozen=True)
class Problem:
    """One finding about one place in one file."""

    path: Path
    position: Position
    severity: Severity
    code: str
    message: str
    suggestion: str | None = None
    source: str | None = None  # the line at fault, as written
    fix: str | None = None  # that line as it should be, where one rewrite mends it

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """Return the finding as `PATH:LINE:COL: severity: message [code]`, on one line
        whatever the message quotes from the file."""
        text = f"{self.path}:{self.position.line}:{self.position.column}: " \
            if self.position.in_file else f"{self.path}: "
        text += f"{self.severity.value}: {_one_line(self.message)}"
        if self.suggestion:
            text += f" ({_one_line(self.suggestion)})"
        return f"{text} [{self.code}]"

    @property
    def caret(self) -> str | None:
        """A line with `^` under the column at fault, to print under `source`: the tabs of
        the source are kept, so a terminal lines them up the same way."""
        if self.source is None or not self.position.in_file:
            return None
        return caret_line(self.source, self.position.column)

    def as_dict(self) -> dict[str, object]:
        """Return the finding as plain data, for `--format json`: without a place in the
        file, line and column are null; `source`, `caret` and `fix` are null when unknown."""
        known = self.position.in_file
        return {
            "path": str(self.path),
            "line": self.position.line if known else None,
            "column": self.position.column if known else None,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "suggestion": self.suggestion,
            "source": self.source,
            "caret": self.caret,
            "fix": self.fix,
        }


def error(path: Path, position: Position, code: str, message: str,
          suggestion: str | None = None, *, source: str | None = None,
          fix: str | None = None) -> Problem:
    """Return an error-severity problem."""
    return Problem(path, position, Severity.ERROR, code, message, suggestion, source, fix)


def warning(path: Path, position: Position, code: str, message: str,
            suggestion: str | None = None, *, source: str | None = None,
            fix: str | None = None) -> Problem:
    """Return a warning-severity problem."""
    return Problem(path, position, Severity.WARNING, code, message, suggestion, source, fix)


def caret_line(line: str, column: int) -> str:
    """Spaces (and the line's own tabs) up to `column`, then `^`; a wide character
    (CJK, most emoji) takes two columns, a combining mark none."""
    before = []
    for character in line[:max(column - 1, 0)]:
        if character == "\t":
            before.append("\t")
        elif unicodedata.combining(character):
            continue
        else:
            wide = unicodedata.east_asian_width(character) in ("W", "F")
            before.append("  " if wide else " ")
    return "".join(before) + "^"


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in " ".join(text.split()))


def character_named(character: str, unnamed: str = "an unnamed character") -> str:
    """One character as problems name it: `right-to-left override (U+202E)`."""
    return f"{unicodedata.name(character, unnamed).lower()} (U+{ord(character):04X})"
