"""Build orchestration: find briefings, load, validate, render and write, one file at a time."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .checks import check_content
from .model import Briefing
from .output import assets_digest, inputs_digest, is_up_to_date, record, write_atomic
from .problems import Position, Problem, error, warning
from .settings import HouseRules, Settings, load_settings
from .source import SourceDocument, load_yaml
from .theme import load_theme
from .validate import validate

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"


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
          settings: Settings | None = None) -> list[BriefingFile]:
    """Check and build every briefing named by `paths` into `output/<stem>.pdf`.

    A briefing with errors is reported and skipped; the others still build. A
    PDF is only replaced by a complete new one. Unchanged briefings are not
    rebuilt unless `force` is set.
    """
    settings = settings or load_settings()
    output = output or settings.output
    styles = settings.styles_dir()
    sizes = load_theme(styles).text.candidates()
    assets = assets_digest(styles, TEMPLATES)  # once per batch, not once per briefing
    results: list[BriefingFile] = []
    claimed: dict[str, Path] = {}
    for path in find_briefings(paths):
        item = check_one(path, settings.rules)
        results.append(item)
        if item.briefing is None or item.failed:
            continue
        target = output / f"{path.stem}.pdf"
        if path.stem in claimed:
            item.problems.append(error(path, Position(), "duplicate-output",
                                       f"{claimed[path.stem]} is also built to {target}"))
            item.status = "failed"
            continue
        claimed[path.stem] = path
        _build_one(item, target, styles, sizes, assets, settings, force)
    return results


def _build_one(item: BriefingFile, target: Path, styles: Path, sizes: list[float],
               assets: str, settings: Settings, force: bool) -> None:
    # WeasyPrint is slow to import; checking alone does not need it.
    from .fit import fit, verify
    from .render import briefing_html, final_sheet, lay_out, print_css

    assert item.document is not None and item.briefing is not None
    digest = inputs_digest(item.document.text.encode(), assets,
                           f"{__version__} {settings.print_options()}")
    if not force and is_up_to_date(target, digest):
        item.output, item.status = target, "up to date"
        return
    item.status = "failed"
    fitting = fit(item.briefing, styles, sizes)
    if fitting.text_size is None:
        _overflow(item, fitting.overflows)
        return
    rendering = lay_out(
        briefing_html(item.briefing, final_sheet(item.briefing, fitting.text_size, fitting.cut)),
        styles, print_css(settings.paper, settings.bleed, settings.marks))
    for url in rendering.refused:
        item.problems.append(error(item.path, Position(), "fetch-refused",
                                   f"the page asked for {url}, which is not part of the "
                                   "house style; nothing outside it is used"))
    for message in rendering.warnings:
        item.problems.append(warning(item.path, Position(), "render", message))
    _overflow(item, verify(rendering))
    if item.failed:
        return
    try:
        write_atomic(target, rendering.pdf(settings.paper))
        record(target, digest)
    except OSError as exc:
        item.problems.append(error(item.path, Position(), "output-unwritable",
                                   f"cannot write {target}: {exc.strerror or exc}"))
        return
    item.output, item.status, item.text_size = target, "built", fitting.text_size


def _overflow(item: BriefingFile, overflows) -> None:
    assert item.document is not None
    for overflow in overflows:
        item.problems.append(error(item.path, item.document.position((overflow.field,),
                                                                     of_key=True),
                                   "panel-overflow", overflow.message))
