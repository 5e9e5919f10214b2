"""The `briefing` command: thin commands over the library that decide what reaches the
terminal. Each parses its options, calls one library function and prints the result;
the stages are imported only by the command that runs, so `--help` loads none."""

from . import authoring, building, checking, responses  # noqa: F401  (they register their commands)
from .group import main

__all__ = ["main"]
