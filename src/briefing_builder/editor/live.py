"""A draft examined as the author types: the findings of `check` at their fields, the page
laid out by the same fitting and rendering as `build`, how full each panel is, and where
the page overflows.

One `Workbench` serves the editor: it keeps the batch's `Press` warm between drafts (as
`watch` does) and lays out one draft at a time.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..batch import prepare
from ..fit.measure import measure
from ..pipeline import BriefingFile, Press, check_one, fit_one
from ..problems import Position, Problem
from ..render.geometry import Geometry
from ..render.html import briefing_html, final_sheet
from ..render.pdf import lay_out, print_css
from ..settings import Settings
from ..source.content import seven_panels
from ..source.load import KeyPath, SourceDocument
from ..source.model import PANEL_HEADINGS
from ..source.words import count_words
from .form import control_of

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 297.0, 210.0, 7.0
KEPT = 12  # drafts whose PDFs are kept for their pictures


@dataclass(frozen=True)
class Finding:
    """A problem of the draft, with the form's field it is about."""

    group: str
    control: str | None
    problem: Problem

    def as_dict(self) -> dict[str, object]:
        return {"group": self.group, "control": self.control, **self.problem.as_dict()}


@dataclass(frozen=True)
class Mark:
    """An overflowing panel on the picture of page 1: its box in percent of the page."""

    group: str
    message: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Examination:
    """What the editor shows of a draft."""

    key: str
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0
    text_size: float | None = None
    smallest: float | None = None
    marks: list[Mark] = field(default_factory=list)
    words: dict[str, int] = field(default_factory=dict)
    fill: dict[str, int] = field(default_factory=dict)
    readable: bool = False

    @property
    def errors(self) -> int:
        return sum(f.problem.is_error for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(not f.problem.is_error for f in self.findings)

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "findings": [f.as_dict() for f in self.findings],
                "errors": self.errors, "warnings": self.warnings, "pages": self.pages,
                "text_size": self.text_size, "smallest": self.smallest,
                "marks": [m.__dict__ for m in self.marks], "words": self.words,
                "fill": self.fill, "readable": self.readable}


class Workbench:
    """Examines drafts one at a time with a press kept warm, and keeps their PDFs a while."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.press: Press | None = None
        self.lock = threading.Lock()
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-editor-"))
        self.pdfs: OrderedDict[str, bytes] = OrderedDict()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def ready(self) -> Press:
        """The press, made again only when the house style or the rules changed."""
        self.press = prepare(self.settings, self.press)
        return self.press

    def pdf(self, key: str) -> bytes | None:
        with self.lock:
            return self.pdfs.get(key)

    def examine(self, name: str, text: str, real_path: Path,
                rows: dict[str, list[int]] | None = None) -> Examination:
        """Check, fit and lay out the draft `text` of the briefing `name`; its problems
        name `real_path`, the file the draft will be saved to."""
        key = hashlib.sha256(f"{name}\0{text}".encode()).hexdigest()[:24]
        with self.lock:
            press = self.ready()
            draft = self.folder / f"{name}.yaml"
            draft.write_text(text, encoding="utf-8")
            item = check_one(draft, press.rules)
            result = Examination(key)
            if item.briefing is not None:
                result.readable = True
                self._lay_out(press, item, result)
            document = item.document
        result.findings = [_finding(document, replace(p, path=real_path), rows or {})
                           for p in item.problems]
        return result

    def _lay_out(self, press: Press, item: BriefingFile, result: Examination) -> None:
        briefing = item.briefing
        assert briefing is not None
        fitting = fit_one(press, item, print_css(self.settings.paper))
        if fitting is None:
            return
        fitter = press.fitter(briefing.theme or self.settings.theme)
        result.smallest = fitter.sizes[-1]
        rendering = fitting.rendering
        if rendering is None:  # nothing fits: the page at the smallest size, overflowing
            house = fitter.house
            rendering = lay_out(briefing_html(briefing, final_sheet(briefing, fitter.sizes[-1]),
                                              logo=house.logo, label=house.theme.label),
                                house, print_css(self.settings.paper))
            result.marks = [_mark(o.key, o.message, Geometry()) for o in fitting.overflows]
        result.text_size = fitting.text_size
        data = rendering.pdf(self.settings.paper)
        self.pdfs[result.key] = data
        while len(self.pdfs) > KEPT:
            self.pdfs.popitem(last=False)
        result.pages = min(2, _pages(data))
        result.words, result.fill = _panel_words(briefing), _panel_fill(rendering, briefing)


def _pages(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _group(number: int, briefing) -> str:
    """The form's group of panel `number`."""
    panel = seven_panels(briefing)[number - 1]
    return control_of(panel.key, {})[0]


def _panel_words(briefing) -> dict[str, int]:
    words: dict[str, int] = {}
    for panel in seven_panels(briefing):
        if not panel.continues:
            group = control_of(panel.key, {})[0]
            words[group] = sum(count_words(block.text) for block in panel.blocks)
    return words


def _panel_fill(rendering, briefing) -> dict[str, int]:
    """How full each panel's box is, in percent: over 100 when its text does not fit."""
    [regions] = measure(rendering).values()
    needed: dict[str, list[float]] = {}
    for number in range(1, 8):
        region = regions.get(f"panel-{number}")
        if region is not None:
            sums = needed.setdefault(_group(number, briefing), [0.0, 0.0])
            sums[0] += region.needed
            sums[1] += max(region.available, 1e-6)
    return {group: round(100 * used / room) for group, (used, room) in needed.items()}


def _mark(key: KeyPath, message: str, geometry: Geometry) -> Mark:
    boxes = geometry.boxes()
    if key and key[0] == "panels":
        numbers = [int(key[1]) + 1]
    elif key and key[0] == "concerns":
        numbers = [2, 3]
    elif key and key[0] == "title":
        numbers = []
    else:
        numbers = [n for n, (name, _) in PANEL_HEADINGS.items() if name == key[0]][:1]
    chosen = [boxes[n] for n in numbers] or [geometry.centre()]
    left, top = min(b.left for b in chosen), min(b.top for b in chosen)
    right = max(b.left + b.width for b in chosen)
    bottom = max(b.top + b.height for b in chosen)
    group = control_of(key, {})[0]
    return Mark(group, message, round(100 * (MARGIN + left) / PAGE_WIDTH, 2),
                round(100 * (MARGIN + top) / PAGE_HEIGHT, 2),
                round(100 * (right - left) / PAGE_WIDTH, 2),
                round(100 * (bottom - top) / PAGE_HEIGHT, 2))


def _finding(document: SourceDocument | None, problem: Problem,
             rows: dict[str, list[int]]) -> Finding:
    key = key_at(document, problem.position) if document is not None else ()
    group, control = control_of(key, rows)
    return Finding(group, control, problem)


def key_at(document: SourceDocument, position: Position) -> KeyPath:
    """The place in the briefing (a key path) whose words are at `position` in its file."""
    lines = document.text.split("\n")
    if not 1 <= position.line <= len(lines):
        return ()
    index = sum(len(line) + 1 for line in lines[:position.line - 1]) + position.column - 1
    best: tuple[int, int, KeyPath] | None = None
    for nodes, extra in ((document.nodes, 0), (document.key_nodes, 1)):
        for key, node in nodes.items():
            start, end = node.start_mark.index, node.end_mark.index
            if key and (start <= index < end or index == start):
                rank = (end - start, -len(key), key)
                best = rank if best is None or rank[:2] < best[:2] else best
    return best[2] if best else ()

