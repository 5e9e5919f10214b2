"""One briefing through the stages: load → validate → check → fit → render → write.

`build_one` reads in that order, top to bottom. What every briefing of a batch is
made with (settings, rules, the house style in each theme with its fitter) is a
`Press`, made once by the batch (batch.py) and passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_content
from .checks.rulebook import Rulebook, load_rulebook
from .problems import Position, Problem, character_named, error, warning
from .publish.files import inputs_digest, record, write_atomic
from .settings import Settings
from .source.load import SourceDocument, load_yaml
from .source.model import Briefing
from .source.validate import validate


@dataclass
class BriefingFile:
    """One briefing on its way through the stages. Its status: checked, built, up to date,
    failed, or draft (a draft a batch left unbuilt)."""

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


class Press:
    """What every briefing of one batch is made with: the settings, the rules read once,
    the digest of the house style, and each theme's house style with its fitter, made
    when first needed. A worker process gets a copy without the house styles and makes
    its own."""

    def __init__(self, settings: Settings, rules: Rulebook, assets: str) -> None:
        self.settings, self.rules, self.assets = settings, rules, assets
        self._fitters: dict[str | None, object] = {}

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_fitters": {}}  # fonts and parsed CSS stay in their process

    def fitter(self, theme: str | None):
        """The house style in `theme`, ready to fit briefings. Raises ValueError for a
        theme that does not exist or cannot be used."""
        if theme not in self._fitters:
            from .fit.fit import Fitter  # WeasyPrint is slow to import; checking needs none
            from .render.house import HouseStyle

            self._fitters[theme] = Fitter(HouseStyle(self.settings.styles_dir(), theme=theme))
        return self._fitters[theme]

    def digest(self, source: bytes) -> str:
        """The digest of everything a PDF is made from, for a source's bytes."""
        return inputs_digest(source, self.assets, "briefing")


def is_draft(path: Path) -> bool:
    """Whether the briefing at `path` says `status: draft` (a file that cannot be read is
    not a draft: building it reports why). Most files are told by their bytes alone."""
    try:
        if not _DRAFT.search(path.read_bytes()):
            return False
    except OSError:
        return False
    document, _ = load_yaml(path)
    return document is not None and isinstance(document.data, dict) and \
        document.data.get("status") == "draft"


def check_one(path: Path, rules: Rulebook | None = None) -> BriefingFile:
    """Load, validate and check one briefing; the result carries its problems.

    `rules` default to the shipped rules alone.
    """
    item = BriefingFile(path)
    item.document, item.problems = load_yaml(path)
    if item.document is not None and not item.failed:
        briefing, problems = validate(item.document)
        item.briefing = briefing
        item.problems += problems
        if briefing is not None:
            found, item.allowed = check_content(item.document, briefing,
                                                rules or load_rulebook())
            item.problems += found
    if item.failed:
        item.status = "failed"
    return item


def fit_one(press: Press, item: BriefingFile, print_css: str = ""):
    """Fit a checked briefing to its page; its overflows become its problems. Returns the
    fitting (the laid-out page when it fits), or None when the theme cannot be used."""
    from .fit.fit import fit  # WeasyPrint is slow to import; loading and checking need none

    assert item.briefing is not None and item.document is not None
    try:
        fitter = press.fitter(item.briefing.theme or press.settings.theme)
    except ValueError as exc:
        item.problems.append(error(item.path, item.document.position(("theme",)),
                                   "unknown-theme", str(exc)))
        return None
    fitting = fit(item.briefing, fitter, print_css)
    item.problems += [error(item.path, item.document.position(o.key, of_key=True),
                            "panel-overflow", o.message) for o in fitting.overflows]
    item.text_size = fitting.text_size
    return fitting


def build_one(press: Press, path: Path, target: Path) -> BriefingFile:
    """Check one briefing and, when it has no errors, fit it, render it and write its PDF.

    The result keeps the briefing and its problems but not the parsed source, so
    a batch of hundreds holds little more than one briefing's worth of memory.
    """
    from .render.pdf import print_css

    item = check_one(path, press.rules)
    if item.briefing is not None and not item.failed:
        item.status = "failed"  # until the PDF is written
        settings = press.settings
        fitting = fit_one(press, item, print_css(settings.paper, settings.bleed, settings.marks))
        if fitting is not None and fitting.rendering is not None and not item.failed:
            _render_write(press, item, fitting, target)
    item.document = None
    return item


def _render_write(press: Press, item: BriefingFile, fitting, target: Path) -> None:
    assert item.briefing is not None and item.document is not None
    settings, rendering = press.settings, fitting.rendering
    item.problems += [error(item.path, Position(), "fetch-refused",
                            f"the page asked for {url}, which is not part of the house style; "
                            "nothing outside it is used") for url in rendering.refused]
    data = _pdf(rendering, item, settings)
    item.problems += [_layout_problem(item.document, message) for message in rendering.warnings]
    if item.failed:
        return
    try:
        write_atomic(target, data)
        if settings.html:
            from .render.web import briefing_page
            house = press.fitter(item.briefing.theme or settings.theme).house
            write_atomic(target.with_suffix(".html"), briefing_page(
                item.briefing, settings.styles_dir(), fitting.cut, house.theme.css(),
                house.theme.label).encode("utf-8"))
        record(target, press.digest(item.document.raw))  # the bytes built, not re-read
    except OSError as exc:
        item.problems.append(error(item.path, Position(), "output-unwritable",
                                   f"cannot write {target}: {exc.strerror or exc}"))
        return
    item.output, item.status = target, "built"


def _pdf(rendering, item: BriefingFile, settings: Settings) -> bytes:
    """Tagged PDF/UA-1, or with `pdf_a` a tagged PDF/A-3 holding the source's bytes."""
    if not settings.pdf_a:
        return rendering.pdf(settings.paper)
    from .publish.archive import source_attachment

    assert item.document is not None and item.briefing is not None
    source = source_attachment(item.path, item.document.raw, item.briefing.published)
    return rendering.pdf(settings.paper, "pdf/a-3a", [source])


_DRAFT = re.compile(rb"^status[ \t]*:[ \t]*[\"']?draft\b", re.MULTILINE)
_MISSING_GLYPH = re.compile(r"unsupported by fonts: .* \(U\+([0-9A-F]{4,6})\)")


def _layout_problem(document: SourceDocument, message: str) -> Problem:
    """A warning of the layout engine as a problem; a character no font has is an error."""
    missing = _MISSING_GLYPH.search(message)
    if missing is None:
        return warning(document.path, Position(), "render", message)
    character = chr(int(missing.group(1), 16))
    where = next(((key, text) for key, text in document.strings() if character in text), None)
    position = document.locate(where[0], character) if where else Position()
    return error(document.path, position, "missing-character",
                 f"no font of the house style has {character_named(character)}; it would "
                 "print as an empty box", "write it another way, or add a font that has it")
