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


@dataclass(frozen=True)
class Problem:
    """One finding about one place in one file."""

    path: Path
    position: Position
    severity: Severity
    code: str
    message: str
    suggestion: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """Return the finding as `PATH:LINE:COL: severity: message [code]`, on one line
        whatever the message quotes from the file; a finding about a whole file (line 0)
        as `PATH: severity: message [code]`."""
        text = f"{self.path}:{self.position.line}:{self.position.column}: " \
            if self.position.line else f"{self.path}: "
        text += f"{self.severity.value}: {_one_line(self.message)}"
        if self.suggestion:
            text += f" ({_one_line(self.suggestion)})"
        return f"{text} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        """Return the finding as plain data, for `--format json`."""
        return {
            "path": str(self.path),
            "line": self.position.line or None,
            "column": self.position.column or None,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "suggestion": self.suggestion,
        }


def error(path: Path, position: Position, code: str, message: str,
          suggestion: str | None = None) -> Problem:
    """Return an error-severity problem."""
    return Problem(path, position, Severity.ERROR, code, message, suggestion)


def warning(path: Path, position: Position, code: str, message: str,
            suggestion: str | None = None) -> Problem:
    """Return a warning-severity problem."""
    return Problem(path, position, Severity.WARNING, code, message, suggestion)


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in " ".join(text.split()))


def character_named(character: str, unnamed: str = "an unnamed character") -> str:
    """One character as problems name it: `right-to-left override (U+202E)`."""
    return f"{unicodedata.name(character, unnamed).lower()} (U+{ord(character):04X})"
