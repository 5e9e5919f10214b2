"""Predict how tall the title block is at each width of the side columns, from Pango.

The title block is the dial, as wide as the centre column, and under it the details: the
kind, partnership, date, reading time and full report, each a paragraph as wide as the
column. Their geometry is read off one laid-out calibration per house style and set of
details (which paragraphs a briefing has, in which language), in which every paragraph
takes one line; a briefing's block is then as tall as the calibration's and one line more
for each further line Pango breaks a paragraph into. The fitting stage only trusts the
prediction when the page laid out at the chosen width bears it out; otherwise it measures
the block from a layout of the title alone, as it does for a house style that cannot be
predicted (a paragraph of more than one kind of type or line, spaced letters).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from typing import NamedTuple
from xml.etree import ElementTree

from markupsafe import Markup

from ..render.engine import LineBox, TextBox
from ..render.geometry import SIDE_WIDTHS, Geometry
from ..render.house import HouseStyle
from ..render.html import Sheet, briefing_html
from ..render.pdf import lay_out
from ..source.model import Briefing, Kind, Source
from .measure import MEASURING_PAGE, MM_PER_PX, boxes, measure
from .predict import LineCounter, Store

# A sheet's text size is how measuring tells sheets apart; the title block does not use it.
KEYS = {side: float(index + 1) for index, side in enumerate(SIDE_WIDTHS)}
# The type of a paragraph: what Pango is told, and what must be the same all through it.
_TYPE = ("font_family", "font_size", "font_weight", "font_style", "font_stretch",
         "font_variant_caps", "letter_spacing", "word_spacing", "text_transform")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the details: its line height (mm), type, and width (px) by side."""

    line: float
    family: str
    font_px: float
    weight: int
    italic: bool
    upper: bool
    widths: dict[float, float]


@dataclass(frozen=True)
class TitleCalibration:
    """The details of one set, each paragraph one line: the block's height (mm) by side."""

    needed: dict[float, float]
    paragraphs: list[Paragraph]

    def as_data(self) -> dict:
        return {"needed": [[side, mm] for side, mm in self.needed.items()],
                "paragraphs": [{**asdict(p), "widths": [[s, w] for s, w in p.widths.items()]}
                               for p in self.paragraphs]}

    @classmethod
    def from_data(cls, data: dict) -> TitleCalibration:
        """Raises KeyError, TypeError or ValueError when the data is not a calibration."""
        return cls({float(side): float(mm) for side, mm in data["needed"]},
                   [Paragraph(**{**p, "widths": {float(s): float(w) for s, w in p["widths"]}})
                    for p in data["paragraphs"]])


class TitlePredictor:
    """The title block of any briefing at every side width, for one house style; each set
    of details is calibrated when first asked for, and kept between runs in `store`."""

    def __init__(self, house: HouseStyle, store: Store | None = None, key: str = "") -> None:
        self.house, self.store, self.key = house, store, key
        self.calibrations: dict[str, TitleCalibration | None] = {}
        self.counters: dict[str, LineCounter] = {}

    def needed(self, briefing: Briefing) -> dict[float, float] | None:
        """The height (mm) the title block's lines take at each side width, or None when it
        cannot be predicted."""
        for counter in self.counters.values():
            counter.known.clear()  # what one briefing's details take is never another's
        details = _details(self._html(briefing, [SIDE_WIDTHS[0]]))
        if details is None:
            return None
        calibration = self._calibration(briefing, details)
        if calibration is None:
            return None
        texts = [_text(p) for p in details.iter("p")]
        if len(texts) != len(calibration.paragraphs):
            return None
        return {side: calibration.needed[side] + sum(
            (self._lines(text, paragraph, paragraph.widths[side]) - 1) * paragraph.line
            for text, paragraph in zip(texts, calibration.paragraphs)) for side in SIDE_WIDTHS}

    def _html(self, briefing: Briefing, sides: list[float]) -> str:
        sheets = [Sheet(KEYS[side], [], geometry=Geometry(side)) for side in sides]
        return briefing_html(briefing, sheets, measuring=True, logo=self.house.logo,
                             label=self.house.theme.label)

    def _lines(self, text: str, paragraph: Paragraph, width: float) -> int:
        if paragraph.family not in self.counters:
            self.counters[paragraph.family] = LineCounter(self.house, paragraph.family)
        text = text.upper() if paragraph.upper else text
        markup = (f'<span weight="{paragraph.weight}" style="'
                  f'{"italic" if paragraph.italic else "normal"}">{Markup.escape(text)}</span>')
        return self.counters[paragraph.family].lines(markup, width, paragraph.font_px)

    def _calibration(self, briefing: Briefing, details) -> TitleCalibration | None:
        kind = f"{briefing.lang} " + " ".join(
            f"{element.tag}.{element.get('class', '')}" for element in details.iter())
        if kind not in self.calibrations:
            name = f"calibration-{self.key}-title-{hashlib.sha256(kind.encode()).hexdigest()[:16]}"
            kept = self.store.get(name) if self.store is not None else None
            try:
                found = TitleCalibration.from_data(kept) if kept else None
            except (KeyError, TypeError, ValueError):
                found = None
            if found is None:
                found = self._calibrate(briefing)
                if found is not None and self.store is not None:
                    self.store.put(name, found.as_data())
            self.calibrations[kind] = found
        return self.calibrations[kind]

    def _calibrate(self, briefing: Briefing) -> TitleCalibration | None:
        """Lay out the briefing's set of details, each a word, at every side width."""
        source = briefing.source and Source(title="A", url="https://example.org/" if
                                            briefing.source.url else None)
        calibration = briefing.model_copy(update={
            "title": "A", "kind": Kind.TOPIC, "subject": "A", "source": source,
            "partnership": "A" if briefing.partnership else None})
        rendering = lay_out(self._html(calibration, list(SIDE_WIDTHS)), self.house,
                            MEASURING_PAGE)
        centres = {size: regions["centre"] for size, regions in measure(rendering).items()}
        found = [_paragraphs(page) for page in rendering.document.pages]
        if len(found) != len(SIDE_WIDTHS) or None in found or len(
                {len(paragraphs) for paragraphs in found}) != 1:
            return None
        paragraphs = []
        for each in zip(*found):  # one paragraph at every side width
            if any(p.type != each[0].type or p.lines != 1 for p in each):
                return None
            paragraphs.append(Paragraph(*each[0].type, widths={
                side: p.width for side, p in zip(SIDE_WIDTHS, each)}))
        return TitleCalibration({side: centres[KEYS[side]].needed for side in SIDE_WIDTHS},
                                paragraphs)


class _Laid(NamedTuple):
    type: tuple[float, str, float, int, bool, bool]  # as Paragraph's, in its order
    lines: int
    width: float


def _paragraphs(page) -> list[_Laid] | None:
    """The paragraphs of the details on a laid-out page, or None if one is not of a single
    type, with lines of one height."""
    details = next((box for box in boxes(page._page_box) if getattr(box, "element", None)
                    is not None and box.element_tag == "div" and
                    "details" in box.element.get("class", "").split()), None)
    if details is None:
        return None
    found, seen = [], set()
    for box in boxes(details):
        if getattr(box, "element_tag", None) != "p" or id(box.element) in seen:
            continue
        seen.add(id(box.element))
        style, lines = box.style, [d for d in boxes(box) if isinstance(d, LineBox)]
        if not lines or any(abs(line.height - lines[0].height) > 1e-9 for line in lines) or \
                any([d.style[name] for name in _TYPE] != [style[name] for name in _TYPE]
                    for d in boxes(box) if isinstance(d, TextBox)) or \
                (style["letter_spacing"], style["word_spacing"]) != ("normal", 0) or \
                style["text_transform"] not in ("none", "uppercase"):
            return None
        found.append(_Laid((lines[0].height * MM_PER_PX, ", ".join(style["font_family"]),
                            style["font_size"], int(style["font_weight"]),
                            style["font_style"] != "normal",
                            style["text_transform"] == "uppercase"), len(lines), box.width))
    return found


def _details(html: str):
    """The details element of a briefing page's title block, or None."""
    try:
        root = ElementTree.fromstring(html)
    except ElementTree.ParseError:
        return None
    return next((element for element in root.iter()
                 if "details" in element.get("class", "").split()), None)


def _text(element) -> str:
    """A paragraph's words as laid out, its spaces collapsed as CSS does."""
    return re.sub(r"[ \t\r\n\f]+", " ", "".join(element.itertext())).strip()
