"""The `briefing` command: thin commands over the library that decide what reaches the
terminal. Each parses its options, calls one library function and prints the result;
a command's module, and the stages it runs, are imported only when that command runs,
so `--help` loads none."""

import os

from .group import main

__all__ = ["main", "run"]


def run(prog_name: str | None = None) -> None:
    """The `briefing` command in a process of its own (the installed command and
    `python -m briefing_builder`). pydantic's plugins, other packages' hooks into every
    validation, are not looked for unless PYDANTIC_DISABLE_PLUGINS says otherwise:
    looking reads every installed package's entry points at each start. A library caller's
    process is left as it is."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    main(prog_name=prog_name)
