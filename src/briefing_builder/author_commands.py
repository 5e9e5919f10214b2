"""The author's commands: start a briefing, the schema for editors, previews, watch.

Registered on the `briefing` command group of cli.py; each is a thin layer over
its stage module.
"""

from __future__ import annotations

from pathlib import Path

import click

from .build import BriefingFile, build
from .cli import _report, _settings, _shown, main
from .model import Kind


@main.command("new")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in Kind]), default="practice-review",
              show_default=True, help="What the briefing learns from.")
def new_command(name: str, kind: str) -> None:
    """Start a briefing: write briefings/NAME.yaml with every field and guidance.

    Lines marked ✎ are guidance to replace; `briefing check` lists those left.
    An existing file is never overwritten.

    \b
    Example:
      briefing new alex            # then edit briefings/alex.yaml
    """
    from .new import new_briefing

    settings = _settings()
    try:
        path = new_briefing(name, settings.briefings, settings.output, Kind(kind))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except FileExistsError:
        click.echo(f"{settings.briefings / (name + '.yaml')}: error: the file already exists; "
                   "it was left as it was [file-exists]", err=True)
        raise SystemExit(1) from None
    click.echo(f"wrote {_shown(path)}: replace every line marked ✎, then run "
               f"`briefing check {_shown(path)}`", err=True)


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
    from .output import write_atomic
    from .schema import schema_text

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
    from .preview import preview_pages

    settings = _settings()
    [result] = build([path], settings=settings)
    status = _report([result])
    if result.output is None:
        raise SystemExit(status)
    for picture in preview_pages(result.output, output or settings.output / "preview"):
        click.echo(f"wrote {_shown(picture)}", err=True)
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
    from .watch import watch

    settings = _settings()

    def report(item: BriefingFile) -> None:
        for problem in item.problems:
            click.echo(problem.format())
        click.echo(f"{item.path}: {item.status}"
                   + (f", wrote {item.output}" if item.status == "built" else ""), err=True)

    try:
        watch(list(paths) or [settings.briefings], settings, report, preview=not no_preview)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
