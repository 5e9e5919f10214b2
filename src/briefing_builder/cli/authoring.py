"""The author's commands: start a briefing, the schema for editors, previews, watch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..source.kinds import KIND_NAMES
from .common import print_problems, report, rules_checked, settings, shown
from .group import main

if TYPE_CHECKING:
    from ..pipeline import BriefingFile


@main.command("new")
@click.argument("name")
@click.option("--kind", type=click.Choice(KIND_NAMES), default="practice-review",
              show_default=True, help="What the briefing learns from.")
def new_command(name: str, kind: str) -> None:
    """Start a briefing: write briefings/NAME.yaml with every field and guidance.

    Lines marked ✎ are guidance to replace; `briefing check` lists those left.
    An existing file is never overwritten.

    \b
    Example:
      briefing new alex            # then edit briefings/alex.yaml
    """
    from ..source.model import Kind
    from ..source.new import new_briefing

    chosen = settings()
    try:
        path = new_briefing(name, chosen.briefings, chosen.output, Kind(kind))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except FileExistsError:
        click.echo(f"{chosen.briefings / (name + '.yaml')}: error: the file already exists; "
                   "it was left as it was [file-exists]", err=True)
        raise SystemExit(1) from None
    click.echo(f"wrote {shown(path)}: replace every line marked ✎, then run "
               f"`briefing check {shown(path)}`", err=True)


@main.command("schema")
@click.option("--manifest", is_flag=True, help="The schema of bulletin issue manifests.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write it here (default: print it).")
def schema_command(manifest: bool, output: Path | None) -> None:
    """Print the JSON Schema of briefings, for editors that complete and check YAML.

    `make` writes it to build/briefing.schema.json; files made by `briefing new`
    point at it, so VS Code (with the YAML extension) completes field names and
    shows mistakes as you type.

    \b
    Example:
      briefing schema -o build/briefing.schema.json
    """
    from ..publish.files import write_atomic
    from ..source.schema import schema_text

    text = schema_text(manifest)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))


@main.command("preview")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the pictures (default: build/preview/).")
def preview_command(path: Path, output: Path | None) -> None:
    """Build a briefing and write a PNG picture of each page.

    For a quick look, an email or an intranet news item: OUTPUT/<name>-1.png is
    the seven panels, OUTPUT/<name>-2.png the recommendations.

    \b
    Example:
      briefing preview briefings/emily.yaml
    """
    from ..batch import build
    from ..publish.preview import preview_pages

    chosen = settings(preview=output)
    with rules_checked():
        [result] = build([path], settings=chosen)
    status = report([result])
    if result.output is None:
        raise SystemExit(status)
    for picture in preview_pages(result.output, chosen.preview_dir()):
        click.echo(f"wrote {shown(picture)}", err=True)
    raise SystemExit(status)


@main.command("watch")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-preview", is_flag=True, help="Build the PDF only, no pictures.")
def watch_command(paths: tuple[Path, ...], no_preview: bool) -> None:
    """Rebuild briefings (and their previews) each time they are saved.

    Problems are printed as soon as the file is saved. Stop with Ctrl-C.

    \b
    Example:
      briefing watch briefings/alex.yaml
    """
    from ..watch import watch

    chosen = settings()

    def show(item: BriefingFile) -> None:
        print_problems(item.problems)
        click.echo(f"{item.path}: {item.status}"
                   + (f", wrote {item.output}" if item.status == "built" else ""), err=True)

    try:
        with rules_checked():
            watch(list(paths) or [chosen.briefings], chosen, show, preview=not no_preview)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
        raise SystemExit(130) from None
