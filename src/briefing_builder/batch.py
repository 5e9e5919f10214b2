"""Many briefings at once: find them, skip those up to date, build the rest in order, in
this process or in worker processes that stay warm for the whole batch.

A batch reads the rules and hashes the house style once, and owns everything it
makes ready (the `Press`): nothing outlives it in the caller's process.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

from ._version import __version__
from .checks.lexicon import versions
from .checks.rulebook import load_rulebook
from .inputs import read_bounded
from .pipeline import (
    BriefingFile,
    Press,
    build_one,
    check_one,
    failed_plainly,
    fit_known,
    fit_one,
    is_draft,
    outputs,
)
from .problems import Position, error
from .publish.files import STAMPS, assets_digest, inputs_digest, is_up_to_date, sweep
from .render import TEMPLATES
from .settings import Settings, load_settings
from .source.load import MAX_FILE_BYTES

CHECKS_DATA = Path(__file__).parent / "checks" / "data"
# Starting a worker costs about as much as laying out three briefings.
MIN_PARALLEL = 4

Progress = Callable[[BriefingFile], None]


def find_briefings(paths: list[Path]) -> list[Path]:
    """Return the briefing files named by `paths`: files as given, folders' `*.yaml` sorted.

    A path that does not exist is kept, so that loading reports it.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            found.append(path)
    return found


def check(paths: list[Path], settings: Settings | None = None, *,
          online: bool = False, fit: bool = True) -> list[BriefingFile]:
    """Check every briefing named by `paths`; returns them in order with their problems.

    A briefing without errors is also fitted to its page, as a build would, so that text
    too long to fit is reported here too (`fit=False` leaves it out), unless its PDF was
    built from the same inputs (source, house style, rules, options, version), which says
    the page fits without laying it out again, or it was checked before as it is now,
    whose fit is then reported as it was found (kept beside the stamps). With `online`,
    every web link is also asked whether it still answers. Raises RulebookError when the
    house rules have mistakes.
    """
    press = prepare(settings or load_settings())
    results = [check_one(path, press.rules) for path in find_briefings(paths)]
    for item in results if fit else ():
        if item.briefing is not None and not item.failed:
            if _up_to_date(press, item.path, [press.settings.output / f"{item.path.stem}.pdf"]):
                continue  # its PDF was built from these very inputs: its page fits
            try:
                if not fit_known(press, item):  # checked before as it is now: as found then
                    fit_one(press, item, remember=True)
            except Exception as exc:  # noqa: BLE001 - one briefing never stops the others
                failed_plainly(item, exc, "laid out")
            item.status = "failed" if item.failed else "checked"
    if online:
        from .checks.online import check_online
        for item in results:
            if item.document is not None and item.briefing is not None:
                item.problems = sorted(item.problems + check_online(item.document,
                                                                    item.briefing),
                                       key=lambda problem: problem.position)
    return results


def build(paths: list[Path], output: Path | None = None, *, force: bool = False,
          settings: Settings | None = None, jobs: int | None = None,
          progress: Progress | None = None, own_process: bool = False,
          press: Press | None = None, drafts: bool | None = None) -> list[BriefingFile]:
    """Check and build every briefing named by `paths` into `output/<stem>.pdf`.

    A briefing with errors is reported and skipped; the others still build. A
    PDF is only replaced by a complete new one. A briefing whose source, house
    style, templates, rules, options and package version are all unchanged since
    its PDF was built is not read again, unless `force` is set. With `jobs` > 1
    (default: the settings' jobs, 1 if unset) the briefings are laid out in that
    many worker processes; the PDFs are the same bytes either way. Results come
    back in the order of `paths`, and `progress` is called with each one as it
    finishes. A result says what its build came to (status, problems, the PDF
    written and its text size), not the briefing's content: its `document` and
    `briefing` are None (see `BriefingFile`), so a batch's memory does not grow
    with its length. Raises RulebookError when the house rules have mistakes,
    ValueError when the theme does not exist. `own_process` says the process is the
    tool's own (the command line), whose long-lived objects may be frozen out of garbage
    collection after the first briefing; a library caller's never are. A long-lived
    caller (watch) passes the `press` of its last batch (see `prepare`) to start warm.
    Temporary files a killed run left in `output` are removed first.
    A draft (`status: draft`) named in `paths` is built, marked DRAFT on every page; one
    found in a folder is left unbuilt, its status "draft". `drafts` True builds every
    draft, False none.
    """
    settings = settings or load_settings()
    output = output or settings.output
    for folder in (output, output / STAMPS):
        sweep(folder)  # what a killed run left half-written
    press = prepare(settings, press)
    if settings.theme is not None:
        press.fitter(settings.theme)  # a wrong name stops the batch before any work
    results: list[BriefingFile] = []
    waiting = _to_build(press, paths, output, results, force=force, drafts=drafts,
                        progress=progress)
    work = [(path, target) for _, path, target in waiting]
    built = _run(press, work, jobs or settings.jobs or 1, own_process)
    for (place, *_), item in zip(waiting, built):
        results[place] = item
        _report(progress, item)
    return results


def _to_build(press: Press, paths: list[Path], output: Path, results: list[BriefingFile], *,
              force: bool, drafts: bool | None,
              progress: Progress | None) -> list[tuple[int, Path, Path]]:
    """Sort the briefings named by `paths` into `results`: those that need no building
    (a duplicate name, a draft left out, up to date) are settled and reported; the others
    are returned as (place in results, source, target)."""
    waiting: list[tuple[int, Path, Path]] = []
    claimed: dict[str, Path] = {}
    named = {path for path in paths if not path.is_dir()}
    for path in find_briefings(paths):
        item = BriefingFile(path)
        results.append(item)
        target = output / f"{path.stem}.pdf"
        written = outputs(press.settings, target)
        taken = next((p for p in written if p.name in claimed), None)
        if taken is not None:
            item.problems.append(error(path, Position(), "duplicate-output",
                                       f"{claimed[taken.name]} is also built to {taken}"))
            item.status = "failed"
        elif (drafts is False or drafts is None and path not in named) and is_draft(path):
            item.status = "draft"
        elif not force and _up_to_date(press, path, written):
            item.output, item.status = target, "up to date"
        else:
            waiting.append((len(results) - 1, path, target))
        if taken is None:
            claimed.update((p.name, path) for p in written)
        if not waiting or waiting[-1][0] != len(results) - 1:
            _report(progress, item)
    return waiting


def prepare(settings: Settings, previous: Press | None = None) -> Press:
    """What a batch builds with: `previous` again when the settings, house style, templates
    and rules are all as they were, else a new press with the rules read again.

    Raises RulebookError when the house rules have mistakes.
    """
    assets = _assets_digest(settings)
    if previous is not None and previous.assets == assets and previous.settings == settings:
        return previous
    return Press(settings, load_rulebook(settings.rules, settings.contacts), assets)


def _assets_digest(settings: Settings) -> str:
    """Hash everything but the source a PDF depends on, once per batch."""
    rules = settings.rules
    rules_file = rules.file.read_bytes() if rules.file and rules.file.is_file() else b""
    return inputs_digest(
        rules_file,
        assets_digest(settings.styles_dir(), TEMPLATES, CHECKS_DATA),
        f"{__version__} {settings.print_options()} {rules.model_dump_json()} "
        f"{settings.contacts} {versions()}")


def _up_to_date(press: Press, path: Path, written: list[Path]) -> bool:
    """True when the PDF was built from these inputs and every other output is there."""
    try:
        source = read_bounded(path, MAX_FILE_BYTES)  # never waits on a pipe
        return len(source) <= MAX_FILE_BYTES and is_up_to_date(
            written[0], press.digest(source, path)) and all(
            other.is_file() for other in written[1:])
    except OSError:
        return False  # loading reports it


def _report(progress: Progress | None, item: BriefingFile) -> None:
    if progress is not None:
        progress(item)


def _run(press: Press, work: list[tuple[Path, Path]], jobs: int,
         own_process: bool) -> Iterator[BriefingFile]:
    """Build each (source, target) in `work`, in order, in up to `jobs` processes."""
    if jobs <= 1 or len(work) < MIN_PARALLEL:
        if own_process:
            _start_worker(press)
            yield from (_work(path, target) for path, target in work)
            return
        for path, target in work:
            with _garbage_collected_after():
                yield build_one(press, path, target)
        return
    import multiprocessing  # only here: loading it costs every other build 10 ms
    from concurrent.futures import ProcessPoolExecutor

    # Spawned, not forked: a fork would copy a parent's half-initialised font machinery.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(jobs, len(work)), mp_context=context,
                             initializer=_start_worker, initargs=(press,)) as pool:
        futures = [pool.submit(_work, *each) for each in work]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


# A worker's own press, made once when it starts and kept warm for the whole batch.
_worker: dict[str, Press] = {}


def _start_worker(press: Press) -> None:
    _worker["press"] = press


def _work(path: Path, target: Path) -> BriefingFile:
    first = _worker.get("frozen") is not _worker["press"]
    with _garbage_collected_after():
        item = build_one(_worker["press"], path, target)
    if first:
        # What survives a worker's first briefing (fonts, stylesheets) lives as long as
        # the worker: frozen out of later collections. Only in workers: a library
        # caller's objects are never frozen.
        gc.freeze()
        _worker["frozen"] = _worker["press"]
    return item


@contextlib.contextmanager
def _garbage_collected_after() -> Iterator[None]:
    # A layout allocates a few hundred thousand objects; Python's automatic
    # collection would walk them, and every older one, hundreds of times
    # (about a tenth of a build). It is held off during a briefing and run once after,
    # on the youngest generation alone: every object the briefing made is still there,
    # and the long-lived ones (modules, fonts, stylesheets) are not walked again
    # (a full collection cost a library caller 25 ms a briefing, 15 % of a warm build).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect(0)
        if enabled:
            gc.enable()
