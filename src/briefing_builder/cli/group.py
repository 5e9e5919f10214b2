"""The `briefing` command group; each command lives in a module of its own family."""

from __future__ import annotations

import click

from .._version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Build 7-minute briefings: YAML review summaries into print-ready PDFs.

    \b
    Examples:
      briefing new alex                   # start briefings/alex.yaml from guidance
      briefing check                      # check every briefing in briefings/
      briefing preview briefings/alex.yaml  # build it and write PNG pictures
      briefing build briefings/emily.yaml # write build/emily.pdf
      briefing bundle briefings/issues/2021-07.yaml  # one PDF of a bulletin issue

    Each problem is printed as PATH:LINE:COL: error|warning: message [code].
    Exit status: 0 clean, 1 problems in the input, 2 wrong usage.
    """
