"""The author's commands: start a briefing, the schema for editors, previews, watch."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..source.kinds import KIND_NAMES
from .common import counted, named, print_problems, report, rules_checked, say, settings, shown
from .group import main

if TYPE_CHECKING:
    from ..pipeline import BriefingFile


@main.command("new")
@click.argument("name")
@click.option("--kind", type=click.Choice(KIND_NAMES), default="practice-review",
              show_default=True, help="What the briefing learns from.")
def new_command(name: str, kind: str) -> None:
    """Start a briefing: write briefings/NAME.yaml with every field and guidance.

    Lines marked ✎ are guidance to replace; `briefing check NAME` lists those
    left. The file fits the kind (an adult review speaks of the adult, a topic
    has no review fields) and starts as a draft. The JSON Schema editors check
    it with is written beside it, as briefings/briefing.schema.json. An existing
    file is never overwritten.

    \b
    Example:
      briefing new alex            # then edit briefings/alex.yaml
      briefing new --kind topic neglect
    """
    from ..source.model import Kind
    from ..source.new import new_briefing

    chosen = settings()
    try:
        path = new_briefing(name, chosen.briefings, Kind(kind))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except FileExistsError:
        say(f"{shown(chosen.briefings / (name + '.yaml'))}: error: the file already exists; "
            "it was left as it was [file-exists]")
        raise SystemExit(1) from None
    say(f"wrote {shown(path)}: replace every line marked ✎, then run "
        f"`briefing check {name}`", "ok")


@main.command("schema")
@click.option("--manifest", is_flag=True, help="The schema of bulletin issue manifests.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write it here (default: print it).")
def schema_command(manifest: bool, output: Path | None) -> None:
    """Print the JSON Schema of briefings, for editors that complete and check YAML.

    `briefing new` and `make` write it to briefings/briefing.schema.json; files
    made by `briefing new` point at it, so VS Code (with the YAML extension)
    completes field names and shows mistakes as you type.

    \b
    Example:
      briefing schema -o briefings/briefing.schema.json
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
      briefing preview emily        # or briefings/emily.yaml
    """
    from ..batch import build
    from ..publish.preview import preview_pages

    chosen = settings(preview=output)
    [path] = named((path,), chosen)
    with rules_checked():
        [result] = build([path], settings=chosen)
    status = report([result])
    if result.output is None:
        raise SystemExit(status)
    for picture in preview_pages(result.output, chosen.preview_dir()):
        say(f"wrote {shown(picture)}")
    raise SystemExit(status)


@main.command("watch")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-preview", is_flag=True, help="Build the PDF only, no pictures.")
def watch_command(paths: tuple[Path, ...], no_preview: bool) -> None:
    """Rebuild briefings (and their previews) each time they are saved.

    Problems are printed as soon as the file is saved, then the time and what
    was written. Stop with Ctrl-C (exit 130).

    \b
    Example:
      briefing watch alex           # or briefings/alex.yaml
    """
    from ..watch import watch

    chosen = settings()
    pictures = None if no_preview else shown(chosen.preview_dir())

    def show(item: BriefingFile) -> None:
        print_problems(item.problems)
        say(watched(item, pictures), "error" if item.failed else "ok")

    try:
        with rules_checked():
            watch(named(paths, chosen), chosen, show, preview=not no_preview)
    except KeyboardInterrupt:
        say("stopped watching")
        raise SystemExit(130) from None


def watched(item: BriefingFile, pictures: Path | None) -> str:
    """One line a save: the time, the briefing, what was written and at what size."""
    now = time.strftime("%H:%M:%S")
    errors = sum(problem.is_error for problem in item.problems)
    warnings = len(item.problems) - errors
    found = f" ({counted(errors, 'error')}, {counted(warnings, 'warning')})" \
        if item.problems else ""
    if item.status == "built" and item.output is not None:
        wrote = f"wrote {shown(item.output)} (text {item.text_size:g} pt)"
        if pictures is not None:
            wrote += f" and its pictures in {pictures}/"
        return f"{now} {shown(item.path)}: {wrote}{found}"
    if item.status == "up to date":
        return f"{now} {shown(item.path)}: unchanged, {shown(item.output)} is up to date{found}"
    return f"{now} {shown(item.path)}: {item.status}, nothing written{found}"
