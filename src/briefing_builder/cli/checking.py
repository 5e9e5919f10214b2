"""`briefing check`: the findings of every rule, without building."""

from __future__ import annotations

from pathlib import Path

import click

from .common import PATHS, report, rules_checked, settings
from .group import main


@main.command("check")
@PATHS
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
@click.option("--online", is_flag=True,
              help="Also ask every web link whether it still answers (needs the network).")
def check_command(paths: tuple[Path, ...], output_format: str, online: bool) -> None:
    """Check briefings without building them.

    PATHS are briefing files or folders of *.yaml files (default: briefings/).
    Each problem is printed as PATH:LINE:COL: error|warning: message [code].
    Exits 0 when there are no errors, 1 when any briefing has an error.

    \b
    Example:
      briefing check briefings/emily.yaml
    """
    from ..batch import check

    chosen = settings()
    with rules_checked():
        results = check(list(paths) or [chosen.briefings], chosen, online=online)
    status = report(results, output_format)
    if output_format == "text":
        errors = sum(p.is_error for item in results for p in item.problems)
        warnings = sum(not p.is_error for item in results for p in item.problems)
        allowed = sum(len(item.allowed) for item in results)
        click.echo(f"{len(results)} checked, {errors} errors, {warnings} warnings"
                   + (f", {allowed} allowed by the briefings' allow lists" if allowed else ""),
                   err=True)
    raise SystemExit(status)
