"""What every command shares: settings with the options given, printing problems (in colour
on a terminal, with the line at fault under each), paths as the user types them, counts
in words, a progress bar, and a clean stop on Ctrl-C. What only printing or stopping needs
(json, dataclasses, signal, the problems) is imported there, so a command's --help
loads none of it."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from .group import COLOUR

if TYPE_CHECKING:
    from ..pipeline import BriefingFile
    from ..problems import Problem
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


STYLES = {"error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow", "bold": True},
          "ok": {"fg": "green"}}


def coloured(stream: IO | None = None) -> bool:
    """Whether to print in colour: `--color` or `--no-color` if given, else only on a
    terminal and never with NO_COLOR set."""
    if COLOUR["forced"] is not None:
        return bool(COLOUR["forced"])
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def on_terminal() -> bool:
    """Whether problems are read by a person (a terminal, or `--color`): then the line at
    fault is printed under each, with a caret under the column. A pipe gets one line a
    problem, for tools and editors."""
    return bool(COLOUR["forced"]) or (hasattr(sys.stdout, "isatty") and sys.stdout.isatty())


def say(text: str, style: str | None = None, err: bool = True) -> None:
    """Print a line (to stderr unless told), in the colour of `style` when colour is on."""
    stream = sys.stderr if err else sys.stdout
    colour = coloured(stream)
    click.echo(click.style(text, **STYLES[style]) if style and colour else text, err=err,
               color=colour)


def counted(number: int, word: str) -> str:
    """`1 error`, `2 errors`, `0 warnings`."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def print_problems(problems: list[Problem], output_format: str = "text",
                   err: bool = False) -> None:
    """Print problems one a line (paths relative to here), or as JSON; on stderr when
    `err`. On a terminal each is followed by the line at fault, a caret under the column
    and the line as it should be, indented."""
    problems = [_shown(problem) for problem in problems]
    if output_format == "json":
        import json

        click.echo(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False),
                   err=err)
        return
    stream = sys.stderr if err else sys.stdout
    colour, context = coloured(stream), on_terminal()
    for problem in problems:
        line = problem.format()
        if colour:
            word = problem.severity.value
            line = line.replace(f": {word}: ", f": {click.style(word, **STYLES[word])}: ", 1)
        click.echo(line, color=colour, err=err)
        if context:
            for extra in _context(problem, colour):
                click.echo(extra, color=colour, err=err)


def _shown(problem: Problem) -> Problem:
    """The problem with its path as the user would type it."""
    from dataclasses import replace

    return replace(problem, path=shown(problem.path))


def _context(problem: Problem, colour: bool) -> list[str]:
    """The line at fault, the caret under it, and the line as it should be."""
    if problem.source is None or problem.caret is None:
        return []
    number = str(problem.position.line)
    width = max(len(number), 3)
    caret = problem.caret
    if colour:
        caret = caret[:-1] + click.style("^", **STYLES[problem.severity.value])
    lines = [f"    {number:>{width}} | {problem.source}", f"    {'':>{width}} | {caret}"]
    if problem.fix is not None:
        fix = click.style(problem.fix, **STYLES["ok"]) if colour else problem.fix
        lines.append(f"    {'fix':>{width}} | {fix}")
    return lines


def report(results: list[BriefingFile], output_format: str = "text") -> int:
    """Print every problem, or as JSON each briefing's sign-off and counts, then every
    problem; return the exit status."""
    problems = [problem for item in results for problem in item.problems]
    if output_format == "json":
        import json

        click.echo(json.dumps({
            "briefings": [_summary(item) for item in results],
            "problems": [_shown(problem).as_dict() for problem in problems],
        }, indent=2, ensure_ascii=False))
    else:
        print_problems(problems)
    return 1 if any(item.failed for item in results) else 0


def _summary(item: BriefingFile) -> dict[str, object]:
    """A briefing as `check --format json` lists it: where it is on its way to
    publication, who signed it off and when, and how many problems it has."""
    data = item.document.data if item.document is not None else None
    given = data if isinstance(data, dict) else {}
    briefing = item.briefing
    approved_on = briefing.approved_on.isoformat() if briefing and briefing.approved_on \
        else given.get("approved_on")
    errors = sum(problem.is_error for problem in item.problems)
    return {
        "path": str(shown(item.path)),
        "status": briefing.status.value if briefing and briefing.status else given.get("status"),
        "approved_by": briefing.approved_by if briefing else given.get("approved_by"),
        "approved_on": approved_on,
        "errors": errors,
        "warnings": len(item.problems) - errors,
        "allowed": len(item.allowed),
    }


@contextlib.contextmanager
def rules_checked() -> Iterator[None]:
    """Stop with the rules' own problems (exit 1) when the house rules have mistakes."""
    from ..checks.rulebook import RulebookError

    try:
        yield
    except RulebookError as exc:
        print_problems(exc.problems)
        say("the house rules have mistakes; nothing was checked or built", "error")
        raise SystemExit(1) from None


def shown(path: Path) -> Path:
    """A path as the user would type it: relative to here when it is below here."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


def named(paths: tuple[Path, ...], chosen: Settings) -> list[Path]:
    """The briefings the user named: a path as given, or a bare name that is no file here
    (`alex`, or `alex.yaml` when briefings/ has it) as briefings/alex.yaml; no paths at
    all, the briefings folder."""
    found = []
    for path in paths:
        if not path.exists() and len(path.parts) == 1:
            inside = chosen.briefings / (path.name if path.suffix in (".yaml", ".yml")
                                         else f"{path.name}.yaml")
            if not path.suffix or inside.is_file():
                path = shown(inside)
        found.append(path)
    return found or [shown(chosen.briefings)]


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
    import signal
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
    import signal

    say(f"stopped by {signal.Signals(signum).name}: the PDFs written so far are whole, "
        "the others were left as they were")
    raise SystemExit(128 + signum)
