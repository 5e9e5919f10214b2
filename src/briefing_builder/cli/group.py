"""The `briefing` command group; each command lives in a module of its own family."""

from __future__ import annotations

import click

from .._version import __version__
from .common import COLOUR


class Commands(click.Group):
    """The group, with the two ways every command ends besides its own: Ctrl-C (exit 130,
    what was written so far is whole) and a file that cannot be read or written (a full
    disk, a read-only folder: exit 1, a message, never a traceback)."""

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
