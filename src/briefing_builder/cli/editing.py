"""`briefing serve`, the editor in the browser, and `briefing import`, a Word briefing
made into a YAML one."""

from __future__ import annotations

from pathlib import Path

import click

from .common import settings, shown
from .group import main


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to answer at. Any but this computer's own (127.0.0.1, "
              "localhost) needs a password.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="The port to answer at.")
@click.option("--open", "open_browser", is_flag=True, help="Open the editor in the browser.")
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file holding the editor's password (else BRIEFING_EDITOR_TOKEN).")
def serve_command(host: str, port: int, open_browser: bool, password_file: Path | None) -> None:
    """Write and check briefings in the browser: a local web editor.

    Opens on a list of the project's briefings. Each has a form with a field
    for every panel, the findings of `briefing check` beside their fields as
    you type, and pictures of the pages as they will print. Save keeps your
    comments in the YAML file. Stop with Ctrl-C.

    Only this computer can reach the editor unless --host names another
    address; then a password is needed, from BRIEFING_EDITOR_TOKEN or
    --password-file (at least 12 characters), or the editor does not start.

    \b
    Example:
      briefing serve --open          # then go to http://127.0.0.1:8000/
    """
    from ..editor.serving import Refused, address, editor_token, serve

    chosen = settings()
    try:
        token = editor_token(host, password_file)
    except Refused as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"Editing the briefings in {shown(chosen.briefings)}/ at {address(host, port)}"
               " (stop with Ctrl-C)", err=True)
    try:
        serve(chosen, host, port, token, open_browser)
    except KeyboardInterrupt:
        pass
    click.echo("stopped the editor", err=True)


@main.command("import")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The briefing file to write (default: briefings/<document name>.yaml).")
def import_command(document: Path, output: Path | None) -> None:
    """Make a briefing YAML file from a Word briefing (.docx).

    The document's title becomes the briefing's title; each heading is matched
    to a panel by what it means ("The incident" is the background, "Learning"
    the concerns, …); when the headings are not the usual seven, they are kept
    as the panels of your own. What could not be placed is reported, and an
    existing file is never overwritten.

    \b
    Example:
      briefing import "Emily briefing.docx"    # writes briefings/emily-briefing.yaml
    """
    from ..source.word import WordProblem, briefing_from_word, slug

    chosen = settings()
    try:
        imported = briefing_from_word(document.read_bytes())
    except (OSError, WordProblem) as exc:
        click.echo(f"{document}: error: {getattr(exc, 'strerror', None) or exc} "
                   "[docx-unreadable]", err=True)
        raise SystemExit(1) from None
    target = output or chosen.briefings / f"{slug(document.name) or 'imported'}.yaml"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as stream:
            stream.write(imported.text)
    except FileExistsError:
        click.echo(f"{shown(target)}: error: the file already exists; it was left as it was "
                   "[file-exists]", err=True)
        raise SystemExit(1) from None
    for line in imported.notes:
        click.echo(f"{shown(target)}: note: {line}", err=True)
    click.echo(f"wrote {shown(target)}: check it with `briefing check {shown(target)}`",
               err=True)
