"""What every command shares: settings with the options given, printing problems, paths as
the user types them, a progress bar, and a clean stop on Ctrl-C."""

from __future__ import annotations

import contextlib
import json
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..problems import Problem

if TYPE_CHECKING:
    from ..pipeline import BriefingFile
    from ..settings import Settings


class Millimetres(click.ParamType):
    """A length such as `3mm` or `3`, from 0 to 10 mm."""

    name = "mm"

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        text = str(value).strip().lower().removesuffix("mm").strip()
        try:
            number = float(text)
        except ValueError:
            self.fail(f"{value!r} is not a length in millimetres, e.g. 3mm", param, ctx)
        if not 0 <= number <= 10:
            self.fail(f"{value!r} must be between 0mm and 10mm", param, ctx)
        return number


PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def settings(**given: object) -> Settings:
    """The project's settings with the options the user gave (None: not given)."""
    from ..settings import load_settings  # pydantic: loaded by the command that runs only

    try:
        return load_settings(**given)
    except ValueError as exc:
        raise click.UsageError(f"pyproject.toml [tool.briefing-builder]: {exc}") from None


def print_problems(problems: list[Problem], output_format: str = "text",
                   err: bool = False) -> None:
    """Print problems one a line, or as JSON; on stderr when `err`."""
    if output_format == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False),
                   err=err)
    else:
        for problem in problems:
            click.echo(problem.format(), err=err)


def report(results: list[BriefingFile], output_format: str = "text") -> int:
    """Print every problem; return the exit status."""
    print_problems([problem for item in results for problem in item.problems], output_format)
    return 1 if any(item.failed for item in results) else 0


@contextlib.contextmanager
def rules_checked() -> Iterator[None]:
    """Stop with the rules' own problems (exit 1) when the house rules have mistakes."""
    from ..checks.rulebook import RulebookError

    try:
        yield
    except RulebookError as exc:
        print_problems(exc.problems)
        click.echo("the house rules have mistakes; nothing was checked or built", err=True)
        raise SystemExit(1) from None


def shown(path: Path) -> Path:
    """A path as the user would type it: relative to here when it is below here."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


class Progress:
    """A progress bar on a terminal for batches; nothing when stderr is not a terminal."""

    def __init__(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label="Building", file=sys.stderr,
                                     show_pos=True) if total > 1 and sys.stderr.isatty() else None

    def __enter__(self):
        return self.advance

    def advance(self, item: BriefingFile) -> None:
        if self.bar is not None:
            self.bar.update(1, item.path.name)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.render_finish()


class _Stopped(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Turn Ctrl-C and SIGTERM into a clean stop: every PDF already written is whole, none
    is half-written, temporary files are removed; exit 128 + the signal's number."""
    from concurrent.futures.process import BrokenProcessPool

    def stop(signum, frame):
        raise _Stopped(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except (KeyboardInterrupt, BrokenProcessPool) as exc:
        _stop_message(signal.SIGINT if isinstance(exc, KeyboardInterrupt) else signal.SIGTERM)
    except _Stopped as stopped:
        _stop_message(stopped.signum)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_message(signum: int) -> None:
    click.echo(f"stopped by {signal.Signals(signum).name}: the PDFs written so far are whole, "
               "the others were left as they were", err=True)
    raise SystemExit(128 + signum)
