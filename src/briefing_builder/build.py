"""Build orchestration: find briefings, load, validate, render and write, one file at a time."""

from __future__ import annotations

import contextlib
import gc
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__
from .checks import check_content
from .model import Briefing
from .output import assets_digest, inputs_digest, is_up_to_date, record, write_atomic
from .problems import Position, Problem, character_named, error, warning
from .settings import HouseRules, Settings, load_settings
from .source import SourceDocument, load_yaml
from .theme import load_theme
from .validate import validate

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
RULES = Path(__file__).parent / "rules"
# Starting a worker costs about as much as laying out three briefings.
MIN_PARALLEL = 4


@dataclass
class BriefingFile:
    """One briefing on its way through the stages."""

    path: Path
    document: SourceDocument | None = None
    briefing: Briefing | None = None
    problems: list[Problem] = field(default_factory=list)
    output: Path | None = None
    status: str = "checked"
    text_size: float | None = None
    allowed: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)


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


def check_one(path: Path, rules: HouseRules | None = None) -> BriefingFile:
    """Load, validate and check one briefing; the result carries its problems."""
    item = BriefingFile(path)
    item.document, item.problems = load_yaml(path)
    if item.document is not None and not item.failed:
        briefing, problems = validate(item.document)
        item.briefing = briefing
        item.problems += problems
        if briefing is not None:
            found, item.allowed = check_content(item.document, briefing, rules)
            item.problems += found
    if item.failed:
        item.status = "failed"
    return item


def check(paths: list[Path], settings: Settings | None = None, *,
          online: bool = False) -> list[BriefingFile]:
    """Check every briefing named by `paths`; returns them in order with their problems.

    With `online`, every web link is also asked whether it still answers.
    """
    rules = (settings or load_settings()).rules
    results = [check_one(path, rules) for path in find_briefings(paths)]
    if online:
        from .linkcheck import check_online
        for item in results:
            if item.document is not None and item.briefing is not None:
                item.problems = sorted(item.problems + check_online(item.document,
                                                                    item.briefing),
                                       key=lambda problem: problem.position)
    return results


def build(paths: list[Path], output: Path | None = None, *, force: bool = False,
          settings: Settings | None = None, jobs: int = 1,
          progress: Callable[[BriefingFile], None] | None = None) -> list[BriefingFile]:
    """Check and build every briefing named by `paths` into `output/<stem>.pdf`.

    A briefing with errors is reported and skipped; the others still build. A
    PDF is only replaced by a complete new one. A briefing whose source, house
    style, templates, rules, options and package version are all unchanged since
    its PDF was built is not read again, unless `force` is set. With `jobs` > 1
    the briefings are laid out in that many worker processes; the PDFs are the
    same bytes either way. Results come back in the order of `paths`, and
    `progress` is called with each one as it finishes.
    """
    settings = settings or load_settings()
    output = output or settings.output
    if settings.theme is not None:
        load_theme(settings.styles_dir(), settings.theme)  # a wrong name stops the batch
    batch = Batch(settings, force, _batch_digest(settings))
    results: list[BriefingFile] = []
    waiting: list[tuple[int, Path, Path, str | None]] = []
    claimed: dict[str, Path] = {}
    for path in find_briefings(paths):
        item = BriefingFile(path)
        results.append(item)
        target = output / f"{path.stem}.pdf"
        if path.stem in claimed:
            item.problems.append(error(path, Position(), "duplicate-output",
                                       f"{claimed[path.stem]} is also built to {target}"))
            item.status = "failed"
            _report(progress, item)
            continue
        claimed[path.stem] = path
        digest = _source_digest(path, batch.assets)
        if not force and digest is not None and is_up_to_date(target, digest):
            item.output, item.status = target, "up to date"
            _report(progress, item)
        else:
            waiting.append((len(results) - 1, path, target, digest))
    built = _run(batch, [(path, target, digest) for _, path, target, digest in waiting], jobs)
    for (place, *_), item in zip(waiting, built):
        results[place] = item
        _report(progress, item)
    return results


@dataclass(frozen=True)
class Batch:
    """What every briefing of one build shares."""

    settings: Settings
    force: bool
    assets: str


def _batch_digest(settings: Settings) -> str:
    """Hash everything but the source a PDF depends on, once per batch."""
    rules = settings.rules
    rules_file = rules.file.read_bytes() if rules.file and rules.file.is_file() else b""
    return inputs_digest(
        rules_file,
        assets_digest(settings.styles_dir(), TEMPLATES, RULES),
        f"{__version__} {settings.print_options()} {rules.model_dump_json()}")


def _source_digest(path: Path, assets: str) -> str | None:
    try:
        return inputs_digest(path.read_bytes(), assets, "briefing")
    except OSError:
        return None  # loading reports it


def _report(progress: Callable[[BriefingFile], None] | None, item: BriefingFile) -> None:
    if progress is not None:
        progress(item)


def _run(batch: Batch, work: list[tuple[Path, Path, str | None]],
         jobs: int) -> Iterator[BriefingFile]:
    """Build each (source, target, digest) in `work`, in order, in up to `jobs` processes."""
    if jobs <= 1 or len(work) < MIN_PARALLEL:
        for path, target, digest in work:
            yield build_collected(batch, path, target, digest)
        return
    import multiprocessing  # only here: loading it costs every other build 10 ms
    from concurrent.futures import ProcessPoolExecutor

    # Spawned, not forked: a fork would copy a parent's half-initialised font machinery.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(jobs, len(work)), mp_context=context) as pool:
        futures = [pool.submit(build_collected, batch, *each) for each in work]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def build_collected(batch: Batch, path: Path, target: Path, digest: str | None) -> BriefingFile:
    """`build_one`, with the garbage of its layout collected once, when it is done."""
    with _garbage_collected_after():
        return build_one(batch, path, target, digest)


@contextlib.contextmanager
def _garbage_collected_after() -> Iterator[None]:
    # A layout allocates a few hundred thousand objects; Python's automatic
    # collection would walk them, and every older one, hundreds of times
    # (about a tenth of a build). Whatever survives the first briefing (fonts,
    # stylesheets, caches) lives as long as the process, so it is frozen out of
    # later collections.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        _freeze_once()
        if enabled:
            gc.enable()


@lru_cache(maxsize=1)
def _freeze_once() -> None:
    # Once: a second freeze would keep later garbage cycles for ever. (Asking
    # gc.get_freeze_count() instead would walk every frozen object.)
    gc.freeze()


def build_one(batch: Batch, path: Path, target: Path, digest: str | None) -> BriefingFile:
    """Check one briefing and, when it has no errors, lay it out and write its PDF.

    The result keeps the briefing and its problems but not the parsed source, so
    a batch of hundreds holds little more than one briefing's worth of memory.
    """
    item = check_one(path, batch.settings.rules)
    if item.briefing is not None and not item.failed:
        _lay_out_and_write(batch, item, target, digest)
    item.document = None
    return item


def _lay_out_and_write(batch: Batch, item: BriefingFile, target: Path,
                       digest: str | None) -> None:
    # WeasyPrint is slow to import; checking alone does not need it.
    from .fit import fit
    from .render import print_css

    assert item.briefing is not None
    settings = batch.settings
    theme = item.briefing.theme or settings.theme
    try:
        house, sizes = _house_style(settings.styles_dir(), batch.assets, theme)
    except ValueError as exc:
        assert item.document is not None
        item.problems.append(error(item.path, item.document.position(("theme",)),
                                   "unknown-theme", str(exc)))
        item.status = "failed"
        return
    item.status = "failed"
    fitting = fit(item.briefing, house, sizes,
                  print_css(settings.paper, settings.bleed, settings.marks))
    _overflow(item, fitting.overflows)
    rendering = fitting.rendering
    if rendering is None or item.failed:
        return
    for url in rendering.refused:
        item.problems.append(error(item.path, Position(), "fetch-refused",
                                   f"the page asked for {url}, which is not part of the "
                                   "house style; nothing outside it is used"))
    try:
        data = _pdf(rendering, item, settings)
    except OSError as exc:
        item.problems.append(error(item.path, Position(), "source-changed", str(exc)))
        return
    for message in rendering.warnings:
        item.problems.append(_layout_problem(item, message))
    if item.failed:
        return
    try:
        write_atomic(target, data)
        if settings.html:
            from .web import briefing_page
            write_atomic(target.with_suffix(".html"), briefing_page(
                item.briefing, settings.styles_dir(), fitting.cut,
                house.theme.css()).encode("utf-8"))
        if digest is not None:
            record(target, digest)
    except OSError as exc:
        item.problems.append(error(item.path, Position(), "output-unwritable",
                                   f"cannot write {target}: {exc.strerror or exc}"))
        return
    item.output, item.status, item.text_size = target, "built", fitting.text_size


_MISSING_GLYPH = re.compile(r"unsupported by fonts: .* \(U\+([0-9A-F]{4,6})\)")


def _layout_problem(item: BriefingFile, message: str) -> Problem:
    """A warning of the layout engine as a problem; a character no font has is an error."""
    assert item.document is not None
    missing = _MISSING_GLYPH.search(message)
    if missing is None:
        return warning(item.path, Position(), "render", message)
    character = chr(int(missing.group(1), 16))
    where = next(((key, text) for key, text in item.document.strings() if character in text),
                 None)
    position = item.document.locate(where[0], character) if where else Position()
    return error(item.path, position, "missing-character",
                 f"no font of the house style has {character_named(character)}; it would "
                 "print as an empty box", "write it another way, or add a font that has it")


def _pdf(rendering, item: BriefingFile, settings: Settings) -> bytes:
    """Tagged PDF/UA-1, or with `pdf_a` a tagged PDF/A-3 holding the source's bytes."""
    if not settings.pdf_a:
        return rendering.pdf(settings.paper)
    from .archive import source_attachment

    assert item.document is not None and item.briefing is not None
    raw = item.path.read_bytes()
    if raw.decode("utf-8-sig") != item.document.text:
        raise OSError(f"{item.path} changed while it was being built; build it again")
    source = source_attachment(item.path, raw, item.briefing.published)
    return rendering.pdf(settings.paper, "pdf/a-3a", [source])


@lru_cache(maxsize=8)
def _house_style(styles: Path, assets: str, theme: str | None):
    """The house style in a theme, parsed once per process (again when `assets` changed)."""
    from .render import HouseStyle

    house = HouseStyle(styles, theme=theme)
    return house, house.theme.text.candidates()


def _overflow(item: BriefingFile, overflows) -> None:
    assert item.document is not None
    for overflow in overflows:
        item.problems.append(error(item.path, item.document.position((overflow.field,),
                                                                     of_key=True),
                                   "panel-overflow", overflow.message))
