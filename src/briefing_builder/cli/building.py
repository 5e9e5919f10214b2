"""`briefing build`, `bundle` and `extract`: the commands that write PDFs or read them back."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .common import (
    PATHS,
    Millimetres,
    Progress,
    counted,
    named,
    print_problems,
    report,
    rules_checked,
    say,
    settings,
    shown,
    stopped_by_signals,
)
from .group import main


@main.command("build")
@PATHS
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PDFs (default: build/).")
@click.option("--force", is_flag=True, help="Rebuild even the briefings that are up to date.")
@click.option("--paper", type=click.Choice(["a4", "a3"]), default=None,
              help="A4 landscape (default), or A3 landscape for wall posters: same layout, larger.")
@click.option("--bleed", type=Millimetres(), default=None, metavar="MM",
              help="Bleed around the page for a print shop, e.g. 3mm.")
@click.option("--marks/--no-marks", default=None, help="Crop marks for a print shop.")
@click.option("--theme", default=None, metavar="NAME",
              help="A theme from styles/themes/, e.g. example-partnership.")
@click.option("--pdf-a/--no-pdf-a", "pdf_a", default=None,
              help="Archival PDF/A-3 with the briefing's YAML inside (see `briefing extract`).")
@click.option("--html/--no-html", default=None,
              help="Also write OUTPUT/<name>.html, the briefing as one accessible web page.")
@click.option("--text/--no-text", default=None,
              help="Also write OUTPUT/<name>.txt, the briefing as plain text.")
@click.option("--large-print/--no-large-print", "large_print", default=None,
              help="Also write OUTPUT/<name>-large-print.pdf: A4 portrait, 16 pt text.")
@click.option("--discussion/--no-discussion", default=None,
              help="Also write OUTPUT/<name>-discussion.pdf (a fillable form) and .docx, the "
              "team's discussion and action sheet (default: on).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Briefings laid out at once, in worker processes (default: one per core).")
@click.option("--drafts/--no-drafts", default=None,
              help="Build every draft (status: draft), or none (default: the drafts named "
              "on the command line, not those found in a folder).")
def build_command(paths: tuple[Path, ...], output: Path | None, force: bool,
                  paper: str | None, bleed: float | None, marks: bool | None,
                  theme: str | None, pdf_a: bool | None, html: bool | None,
                  text: bool | None, large_print: bool | None,
                  discussion: bool | None, jobs: int | None, drafts: bool | None) -> None:
    """Check briefings and write each as OUTPUT/<name>.pdf.

    PATHS are briefing files, names of briefings in briefings/ (emily for
    briefings/emily.yaml) or folders of *.yaml files (default: briefings/).
    A briefing with errors is reported and not built; the others still are,
    and a good PDF is never replaced by a broken one. Only briefings whose
    source, house style, rules or options changed are built again. Exits 1 if
    any failed. A draft (status: draft) found in a folder is not built and does
    not fail; named, it is built with DRAFT across every page.

    \b
    Examples:
      briefing build briefings/emily.yaml -o build
      briefing build --jobs 2             # every briefing in briefings/, two at a time
      briefing build --pdf-a --html       # archival PDFs with their source, and web pages

    Every PDF is tagged for screen readers (PDF/UA-1): headings, lists and
    links in reading order 1 to 7, the document's language and title. Each
    briefing also gets its team discussion sheet, <name>-discussion.pdf and
    .docx (see `briefing responses` for reading completed ones back).
    """
    from ..batch import build, find_briefings

    chosen = settings(output=output, paper=paper, bleed=bleed, marks=marks, pdf_a=pdf_a,
                      html=html, theme=theme, jobs=jobs, text=text, large_print=large_print,
                      discussion=discussion)
    started = time.perf_counter()
    try:
        given = named(paths, chosen)  # folders stay folders: their drafts are not built
        with Progress(len(find_briefings(given))) as advance, stopped_by_signals(), \
                rules_checked():
            results = build(given, force=force, settings=chosen, jobs=chosen.workers(),
                            progress=advance, own_process=True, drafts=drafts)
    except (ValueError, OSError) as exc:
        say(f"error: the house style cannot be used: {exc}", "error")
        raise SystemExit(1) from None
    status = report(results)
    counts = {name: sum(item.status == name for item in results)
              for name in ("built", "up to date", "failed")}
    for item in results:
        if item.status == "built":
            say(f"wrote {shown(item.output)} (text {item.text_size:g} pt)")
        elif item.status == "draft":
            say(f"{shown(item.path)}: a draft (status: draft), not built; build it by name to "
                "see it marked DRAFT")
    drafted = sum(item.status == "draft" for item in results)
    say(", ".join(f"{n} {name}" for name, n in counts.items())
        + (f", {counted(drafted, 'draft')} not built" if drafted else "")
        + f" in {time.perf_counter() - started:.1f} s", "error" if counts["failed"] else "ok")
    raise SystemExit(status)


@main.command("bundle")
@click.argument("manifests", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the bundles and the briefings built for them "
              "(default: build/issues/ for bundles, build/ for briefings).")
@click.option("--large-print", "large_print", is_flag=True, default=None,
              help="Also write the issue in large print (<manifest name>-large-print.pdf).")
def bundle_command(manifests: tuple[Path, ...], output: Path | None,
                   large_print: bool | None) -> None:
    """Bundle a bulletin issue's attachments into one PDF with contents and bookmarks.

    Writes OUTPUT/<manifest name>.pdf (tagged, PDF/UA-1), each attachment as its
    own PDF in OUTPUT/<manifest name>/, OUTPUT/<manifest name>.zip of them for
    email, and OUTPUT/<manifest name>.html, the issue as one web page. Where
    its briefings have Welsh translations, also <manifest name>.cy.pdf (in Welsh)
    and <manifest name>.bilingual.pdf (Welsh first); with --large-print,
    <manifest name>-large-print.pdf.
    With -o, the briefings the issue needs are built into OUTPUT/briefings/, so
    everything is written under OUTPUT. A bad attachment fails the bundle and
    leaves the previous one as it was.

    \b
    Example:
      briefing bundle briefings/issues/2021-07.yaml
    """
    from ..bulletin import bundle

    chosen = settings(issues=output, output=output / "briefings" if output else None,
                      large_print=large_print)
    status = 0
    for manifest in manifests:
        with stopped_by_signals(), rules_checked():
            result = bundle(manifest, chosen)
        print_problems(result.problems)
        if result.failed:
            status = 1
        else:
            others = [str(shown(path)) for path in
                      (result.output.with_suffix(".html"), *result.editions)]
            say(f"wrote {shown(result.output)} ({result.size / 1e6:.2f} MB), "
                f"{', '.join(others[:-1])} and {others[-1]}" if len(others) > 1 else
                f"wrote {shown(result.output)} ({result.size / 1e6:.2f} MB) and {others[0]}",
                "ok")
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
    from ..publish.archive import UnusableSource, embedded_sources
    from ..publish.files import write_atomic

    try:
        sources = embedded_sources(pdf)
    except (OSError, ValueError) as exc:
        code = "source-unusable" if isinstance(exc, UnusableSource) else "pdf-unreadable"
        say(f"{shown(pdf)}: error: {getattr(exc, 'strerror', None) or exc} [{code}]")
        raise SystemExit(1) from None
    if not sources:
        say(f"{shown(pdf)}: error: no briefing source inside; build it with --pdf-a "
            "[no-source]")
        raise SystemExit(1)
    if output is None:
        click.echo(sources[0].data, nl=False)
    else:
        try:
            write_atomic(output, sources[0].data)
        except OSError as exc:
            say(f"{shown(output)}: error: cannot write it: {exc.strerror or exc} "
                "[output-unwritable]")
            raise SystemExit(1) from None
        say(f"wrote {shown(output)} ({sources[0].name})")
