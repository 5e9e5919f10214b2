"""`briefing responses`: completed discussion sheets read back into one table, or a
one-page summary for the board."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .common import print_problems, settings, shown
from .group import main


class Day(click.ParamType):
    """A date written YYYY-MM-DD."""

    name = "date"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date written YYYY-MM-DD", param, ctx)


@main.command("responses")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the table (or with --summary, the PDF) here (default: print the "
              "table).")
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True, help="The table as CSV, or as JSON with each question's words.")
@click.option("--summary", is_flag=True,
              help="Write a one-page PDF summary for the board instead of the table (needs -o).")
@click.option("--today", type=Day(), default=None, metavar="YYYY-MM-DD",
              help="The day actions are overdue after (default: today).")
@click.option("--briefings", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the briefing sources, to check each sheet's version "
              "(default: briefings/).")
def responses_command(paths: tuple[Path, ...], output: Path | None, output_format: str,
                      summary: bool, today: date | None, briefings: Path | None) -> None:
    """Read completed discussion sheets back: one row a sheet.

    PATHS are sheets (NAME-discussion.pdf filled in on screen, or the .docx
    filled in in Word) or folders of them. Each row holds the briefing, the
    team, the date, the number present, every answer, and every action with
    who and by when. A file that is blank, of another version of its briefing,
    not a sheet, damaged or holding macros is named as a problem
    (PATH: error|warning: message [code]). Exits 1 if any file could not be read.

    \b
    Examples:
      briefing responses returned/ -o responses.csv
      briefing responses returned/*.pdf --format json -o responses.json
      briefing responses returned/ --summary -o summary.pdf --today 2025-10-01
    """
    from ..publish.files import write_atomic
    from ..publish.responses import read_responses, to_csv, to_json

    if summary and output is None:
        raise click.UsageError("--summary writes a PDF: say where with -o, e.g. -o summary.pdf")
    chosen = settings()
    found, problems = read_responses(list(paths), briefings or chosen.briefings)
    print_problems(problems, err=True)
    if summary:
        from ..publish.summary import summary_pdf

        data = summary_pdf(found, today or date.today(), chosen.styles_dir())
    else:
        text = to_json(found) if output_format == "json" else to_csv(found)
        data = text.encode("utf-8")
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        try:
            write_atomic(output, data)
        except OSError as exc:
            click.echo(f"{output}: error: cannot write it: {exc.strerror or exc} "
                       "[output-unwritable]", err=True)
            raise SystemExit(1) from None
        click.echo(f"wrote {shown(output)} ({len(found)} sheet{'s' if len(found) != 1 else ''})",
                   err=True)
    raise SystemExit(1 if any(problem.is_error for problem in problems) else 0)
