"""The `briefing` command: a thin layer over the library that decides what reaches the terminal."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click

from . import __version__
from .build import BriefingFile, build, check, find_briefings
from .settings import load_settings


class _Millimetres(click.ParamType):
    name = "mm"

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        text = str(value).strip().lower().removesuffix("mm").strip()
        try:
            number = float(text)
        except ValueError:
            self.fail(f"{value!r} is not a length in millimetres, e.g. 3mm", param, ctx)
        if not 0 <= number <= 10:
            self.fail(f"{value!r} must be between 0mm and 10mm", param, ctx)
        return number


_PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def _settings():
    try:
        return load_settings()
    except ValueError as exc:
        raise click.UsageError(f"pyproject.toml [tool.briefing-builder]: {exc}") from None


def _report(results: list[BriefingFile], output_format: str = "text") -> int:
    """Print every problem, then a summary; return the exit status."""
    problems = [problem for item in results for problem in item.problems]
    if output_format == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            click.echo(problem.format())
    failed = sum(item.failed for item in results)
    return 1 if failed else 0


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


@main.command("check")
@_PATHS
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
    settings = _settings()
    try:
        results = check(list(paths) or [settings.briefings], settings, online=online)
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"the house rules cannot be read: {exc}") from None
    status = _report(results, output_format)
    if output_format == "text":
        errors = sum(p.is_error for item in results for p in item.problems)
        warnings = sum(not p.is_error for item in results for p in item.problems)
        allowed = sum(len(item.allowed) for item in results)
        click.echo(f"{len(results)} checked, {errors} errors, {warnings} warnings"
                   + (f", {allowed} allowed by the briefings' allow lists" if allowed else ""),
                   err=True)
    raise SystemExit(status)


@main.command("build")
@_PATHS
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PDFs (default: build/).")
@click.option("--force", is_flag=True, help="Rebuild even the briefings that are up to date.")
@click.option("--paper", type=click.Choice(["a4", "a3"]), default=None,
              help="A4 landscape (default), or A3 landscape for wall posters: same layout, larger.")
@click.option("--bleed", type=_Millimetres(), default=None, metavar="MM",
              help="Bleed around the page for a print shop, e.g. 3mm.")
@click.option("--marks/--no-marks", default=None, help="Crop marks for a print shop.")
@click.option("--theme", default=None, metavar="NAME",
              help="A theme from styles/themes/, e.g. example-partnership.")
@click.option("--pdf-a/--no-pdf-a", "pdf_a", default=None,
              help="Archival PDF/A-3 with the briefing's YAML inside (see `briefing extract`).")
@click.option("--html/--no-html", default=None,
              help="Also write OUTPUT/<name>.html, the briefing as one accessible web page.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Briefings laid out at once, in worker processes (default: one per core).")
def build_command(paths: tuple[Path, ...], output: Path | None, force: bool,
                  paper: str | None, bleed: float | None, marks: bool | None,
                  theme: str | None, pdf_a: bool | None, html: bool | None,
                  jobs: int | None) -> None:
    """Check briefings and write each as OUTPUT/<name>.pdf.

    PATHS are briefing files or folders of *.yaml files (default: briefings/).
    A briefing with errors is reported and not built; the others still are,
    and a good PDF is never replaced by a broken one. Only briefings whose
    source, house style, rules or options changed are built again. Exits 1 if
    any failed.

    \b
    Examples:
      briefing build briefings/emily.yaml -o build
      briefing build --jobs 2             # every briefing in briefings/, two at a time
      briefing build --pdf-a --html       # archival PDFs with their source, and web pages

    Every PDF is tagged for screen readers (PDF/UA-1): headings, lists and
    links in reading order 1 to 7, the document's language and title.
    """
    settings = _settings()
    given = {"paper": paper, "bleed": bleed, "marks": marks, "pdf_a": pdf_a, "html": html,
             "theme": theme}
    settings = settings.model_copy(update={k: v for k, v in given.items() if v is not None})
    started = time.perf_counter()
    try:
        sources = find_briefings(list(paths) or [settings.briefings])
        with _Progress(len(sources)) as advance, _stopped_by_signals():
            results = build(sources, output, force=force, settings=settings,
                            jobs=jobs or _cores(), progress=advance)
    except (ValueError, OSError) as exc:
        click.echo(f"error: the house style or rules cannot be used: {exc}", err=True)
        raise SystemExit(1) from None
    status = _report(results)
    counts = {name: sum(item.status == name for item in results)
              for name in ("built", "up to date", "failed")}
    for item in results:
        if item.status == "built":
            click.echo(f"wrote {_shown(item.output)} (text {item.text_size:g} pt)", err=True)
    click.echo(", ".join(f"{n} {name}" for name, n in counts.items())
               + f" in {time.perf_counter() - started:.1f} s", err=True)
    raise SystemExit(status)


class _Stopped(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopped_by_signals():
    """Turn Ctrl-C and SIGTERM into a clean stop: every PDF already written is whole, none
    is half-written, temporary files are removed; exit 128 + the signal's number."""
    def stop(signum, frame):
        raise _Stopped(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except (KeyboardInterrupt, BrokenProcessPool) as exc:
        _stop_message(signal.SIGINT if isinstance(exc, KeyboardInterrupt) else signal.SIGTERM)
    except _Stopped as stopped:
        _stop_message(stopped.signum)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_message(signum: int) -> None:
    click.echo(f"stopped by {signal.Signals(signum).name}: the PDFs written so far are whole, "
               "the others were left as they were", err=True)
    raise SystemExit(128 + signum)


def _shown(path: Path) -> Path:
    """A path as the user would type it: relative to here when it is below here."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _Progress:
    """A progress bar on a terminal for batches; nothing when stderr is not a terminal."""

    def __init__(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label="Building", file=sys.stderr,
                                     show_pos=True) if total > 1 and sys.stderr.isatty() else None

    def __enter__(self):
        return self.advance

    def advance(self, item: BriefingFile) -> None:
        if self.bar is not None:
            self.bar.update(1, item.path.name)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.render_finish()


@main.command("bundle")
@click.argument("manifests", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the bundles (default: build/issues/).")
def bundle_command(manifests: tuple[Path, ...], output: Path | None) -> None:
    """Bundle a bulletin issue's attachments into one PDF with contents and bookmarks.

    Writes OUTPUT/<manifest name>.pdf, each attachment as its own PDF in
    OUTPUT/<manifest name>/, and OUTPUT/<manifest name>.zip of them for email.
    A bad attachment fails the bundle and leaves the previous one as it was.

    \b
    Example:
      briefing bundle briefings/issues/2021-07.yaml
    """
    from .bundle import bundle

    settings = _settings()
    output = output or settings.output / "issues"
    status = 0
    for manifest in manifests:
        result = bundle(manifest, output, settings)
        for problem in result.problems:
            click.echo(problem.format())
        if result.failed:
            status = 1
        else:
            click.echo(f"wrote {_shown(result.output)} ({result.size / 1e6:.2f} MB)", err=True)
    raise SystemExit(status)


@main.command("extract")
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the source here (default: print it).")
def extract_command(pdf: Path, output: Path | None) -> None:
    """Get a briefing's YAML source back out of a PDF built with --pdf-a.

    The source comes out byte for byte as it was built, so the PDF alone is
    enough to correct and rebuild the briefing years later.

    \b
    Example:
      briefing extract build/emily.pdf -o emily.yaml
    """
    from .archive import embedded_sources
    from .output import write_atomic

    try:
        sources = embedded_sources(pdf)
    except (OSError, ValueError) as exc:
        click.echo(f"{pdf}: error: {getattr(exc, 'strerror', None) or exc} [pdf-unreadable]",
                   err=True)
        raise SystemExit(1) from None
    if not sources:
        click.echo(f"{pdf}: error: no briefing source inside; build it with --pdf-a "
                   "[no-source]", err=True)
        raise SystemExit(1)
    if output is None:
        click.echo(sources[0].data, nl=False)
    else:
        write_atomic(output, sources[0].data)
        click.echo(f"wrote {output} ({sources[0].name})", err=True)


# The author's commands (new, schema, preview, watch) live beside this module.
from . import author_commands  # noqa: F401
