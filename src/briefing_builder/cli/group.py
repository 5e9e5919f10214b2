"""The `briefing` command group; each command lives in a module of its own family, imported
only when that command runs or its help is asked for: `briefing --help` lists them all
from `COMMANDS` and imports none."""

from __future__ import annotations

from importlib import import_module

import click

from .._version import __version__

# Every command: the module of its family, and the first paragraph of its help, which
# `briefing --help` lists (tests/cli check that each is the command's own, word for word).
COMMANDS = {
    "build": ("building", "Check briefings and write each as OUTPUT/<name>.pdf."),
    "bundle": ("building", "Bundle a bulletin issue's attachments into one PDF with contents "
               "and bookmarks."),
    "check": ("checking", "Check briefings without building them."),
    "extract": ("building", "Get a briefing's YAML source back out of a PDF built with "
                "--pdf-a."),
    "import": ("editing", "Make a briefing YAML file from a Word briefing (.docx)."),
    "new": ("authoring", "Start a briefing: write briefings/NAME.yaml with every field and "
            "guidance."),
    "preview": ("authoring", "Build a briefing and write a PNG picture of each page."),
    "responses": ("responses", "Read completed discussion sheets back: one row a sheet."),
    "schema": ("authoring", "Print the JSON Schema of briefings, for editors that complete "
               "and check YAML."),
    "serve": ("editing", "Write and check briefings in the browser: a local web editor."),
    "watch": ("authoring", "Rebuild briefings (and their previews) each time they are saved."),
}
FAMILIES = ("authoring", "building", "checking", "editing", "responses")

# `--color` and `--no-color` of the command group; None: colour on a terminal only.
COLOUR: dict[str, bool | None] = {"forced": None}


class Commands(click.Group):
    """The group, with the two ways every command ends besides its own: Ctrl-C (exit 130,
    what was written so far is whole) and a file that cannot be read or written (a full
    disk, a read-only folder: exit 1, a message, never a traceback). Its commands are
    imported when they are first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            # A name that is no command: all of them, for "Did you mean" to choose from.
            family = COMMANDS.get(cmd_name, (None,))[0]
            for module in (family,) if family else FAMILIES:
                import_module(f"{__package__}.{module}")  # its commands join the group
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, written by click from stand-ins holding their summaries."""
        stand_ins = [click.Command(name, help=summary)
                     for name, (_, summary) in COMMANDS.items()]
        click.Group(commands=stand_ins).format_commands(ctx, formatter)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("stopped by SIGINT: the files written so far are whole, the others "
                       "were left as they were", err=True)
            raise SystemExit(130) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"{where}error: {exc.strerror or exc}; nothing was left half-written "
                       "[io-error]", err=True)
            raise SystemExit(1) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=True, subcommand_metavar="COMMAND [ARGS]...")
@click.version_option(__version__, prog_name="briefing")
@click.option("--color/--no-color", "--colour/--no-colour", "colour", default=None,
              help="Colour errors, warnings and success, and show the line at fault under "
              "each problem (default: on a terminal only, and no colour with NO_COLOR set).")
@click.pass_context
def main(ctx: click.Context, colour: bool | None) -> None:
    """Build 7-minute briefings: YAML review summaries into print-ready PDFs.

    \b
    Examples:
      briefing new alex                   # start briefings/alex.yaml from guidance
      briefing check alex                 # check briefings/alex.yaml
      briefing check                      # check every briefing in briefings/
      briefing preview alex               # build it and write PNG pictures
      briefing build briefings/emily.yaml # write build/emily.pdf
      briefing bundle briefings/issues/2021-07.yaml  # one PDF of a bulletin issue

    Each problem is printed as PATH:LINE:COL: error|warning: message [code].
    Exit status: 0 clean, 1 problems in the input, 2 wrong usage, 130 Ctrl-C.
    """
    COLOUR["forced"] = colour
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)
