"""`briefing check`: the findings of every rule, without building."""

from __future__ import annotations

from pathlib import Path

import click

from .common import PATHS, counted, named, report, rules_checked, say, settings
from .group import main


@main.command("check")
@PATHS
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
@click.option("--online", is_flag=True,
              help="Also ask every web link whether it still answers (needs the network).")
def check_command(paths: tuple[Path, ...], output_format: str, online: bool) -> None:
    """Check briefings without building them.

    PATHS are briefing files, names of briefings in briefings/ (alex for
    briefings/alex.yaml) or folders of *.yaml files (default: briefings/). Each
    problem is printed as PATH:LINE:COL: error|warning: message [code]; on a
    terminal the line at fault follows, with a caret under the column. Exits 0
    when there are no errors, 1 when any briefing has an error.

    \b
    Examples:
      briefing check alex
      briefing check --format json briefings/emily.yaml
    """
    from ..batch import check

    chosen = settings()
    with rules_checked():
        results = check(named(paths, chosen), chosen, online=online)
    status = report(results, output_format)
    if output_format == "text":
        errors = sum(p.is_error for item in results for p in item.problems)
        warnings = sum(not p.is_error for item in results for p in item.problems)
        allowed = sum(len(item.allowed) for item in results)
        say(f"{len(results)} checked, {counted(errors, 'error')}, "
            f"{counted(warnings, 'warning')}"
            + (f", {allowed} allowed by the briefings' allow lists" if allowed else ""),
            "error" if errors else "warning" if warnings else "ok")
    raise SystemExit(status)
