"""The `briefing` command: thin commands over the library that decide what reaches the
terminal. Each parses its options, calls one library function and prints the result;
the stages are imported only by the command that runs, so `--help` loads none."""

from . import (  # noqa: F401  (they register their commands)
    authoring,
    building,
    checking,
    editing,
    responses,
)
from .group import main

__all__ = ["main"]
