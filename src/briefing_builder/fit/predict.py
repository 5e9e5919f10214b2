"""Predict how tall each panel's text is at every text size, from Pango's line breaking.

WeasyPrint breaks lines with Pango. Asking Pango directly how many lines each
paragraph and list item takes costs a few milliseconds for a whole briefing at
every size, where laying the page out costs a hundred. The rest of the page's
geometry (item widths, where the first item starts, the space between items,
the height of a line) is read once per house style off a laid-out calibration
briefing. The fitting stage only trusts a prediction that the page laid out at
the predicted size confirms line for line; otherwise it measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Protocol

import cffi
from markupsafe import Markup

from ..render.engine import ffi as weasyprint_ffi
from ..render.geometry import Geometry
from ..render.house import HouseStyle
from ..render.html import Sheet, briefing_html
from ..render.panels import Panel, panels
from ..render.pdf import lay_out
from ..source.model import Briefing
from .measure import (
    MEASURING_PAGE,
    MM_PER_PX,
    TOLERANCE_MM,
    Block,
    Heading,
    Region,
    boxes,
    measure,
)

_ffi = cffi.FFI()
_ffi.cdef("""
    typedef void PangoContext;
    typedef void PangoLayout;
    typedef void PangoFontDescription;
    typedef void PangoFontMap;
    PangoContext *pango_font_map_create_context (PangoFontMap *fontmap);
    void pango_context_set_round_glyph_positions (PangoContext *context, int round);
    PangoLayout *pango_layout_new (PangoContext *context);
    void pango_layout_set_width (PangoLayout *layout, int width);
    void pango_layout_set_indent (PangoLayout *layout, int indent);
    void pango_layout_set_markup (PangoLayout *layout, const char *markup, int length);
    void pango_layout_set_font_description (PangoLayout *layout,
                                            const PangoFontDescription *desc);
    int pango_layout_get_line_count (PangoLayout *layout);
    PangoFontDescription *pango_font_description_from_string (const char *str);
    void pango_font_description_set_absolute_size (PangoFontDescription *desc, double size);
    void pango_font_description_free (PangoFontDescription *desc);
    void g_object_unref (void *object);
""")
PANGO_SCALE = 1024
# The house style's CSS for what a panel holds, as Pango markup (see briefing.html.j2).
_TAGS = {"strong": "b", "em": "i", "code": "tt"}


def _library(*names: str):
    for name in names:
        try:
            return _ffi.dlopen(name)
        except OSError:
            continue
    raise OSError(f"cannot load {names[0]}")


class LineCounter:
    """Pango, with the fonts WeasyPrint found, asked how many lines a text takes."""

    def __init__(self, house: HouseStyle, family: str) -> None:
        self.pango = _library("libpango-1.0.so.0", "pango-1.0", "libpango-1.0-0")
        self.gobject = _library("libgobject-2.0.so.0", "gobject-2.0", "libgobject-2.0-0")
        font_map = _ffi.cast("PangoFontMap *", int(weasyprint_ffi.cast(
            "uintptr_t", house.fonts.font_map)))
        self.context = _ffi.gc(self.pango.pango_font_map_create_context(font_map),
                               self.gobject.g_object_unref)
        # WeasyPrint does the same: glyph positions are not rounded to whole pixels.
        self.pango.pango_context_set_round_glyph_positions(self.context, 0)
        self.layout = _ffi.gc(self.pango.pango_layout_new(self.context),
                              self.gobject.g_object_unref)
        self.family = family.encode()
        self.fonts: dict[float, object] = {}
        self.known: dict[tuple[str, float, float, float], int] = {}

    def lines(self, markup: str, width_px: float, size_px: float, indent_px: float = 0.0) -> int:
        """Return how many lines `markup` (Pango markup) takes in `width_px` at `size_px`,
        its first line starting `indent_px` in."""
        key = (markup, width_px, size_px, indent_px)
        if key not in self.known:
            self.known[key] = self._count(markup, width_px, size_px, indent_px)
        return self.known[key]

    def _count(self, markup: str, width_px: float, size_px: float, indent_px: float) -> int:
        if size_px not in self.fonts:
            font = _ffi.gc(self.pango.pango_font_description_from_string(self.family),
                           self.pango.pango_font_description_free)
            self.pango.pango_font_description_set_absolute_size(font, size_px * PANGO_SCALE)
            self.fonts[size_px] = font
        self.pango.pango_layout_set_font_description(self.layout, self.fonts[size_px])
        self.pango.pango_layout_set_width(self.layout, int(width_px * PANGO_SCALE))
        self.pango.pango_layout_set_indent(self.layout, int(indent_px * PANGO_SCALE))
        text = markup.encode()
        self.pango.pango_layout_set_markup(self.layout, text, len(text))
        return self.pango.pango_layout_get_line_count(self.layout)


def pango_markup(html: Markup, printed: str | None = None) -> str:
    """Return a paragraph or item's inline HTML as Pango markup, spaces collapsed as in CSS."""
    text = re.sub(r"</?a\b[^>]*>", "", str(html))
    text = re.sub(r"<(/?)(strong|em|code)>", lambda m: f"<{m[1]}{_TAGS[m[2]]}>", text)
    if printed:  # the printed link, at 0.85em
        text += f' <span size="85%">{Markup.escape(printed)}</span>'
    return re.sub(r"[ \t\r\n\f]+", " ", text).strip()


@dataclass(frozen=True)
class Shape:
    """The geometry of one panel at one text size, in mm (offsets in px).

    `frame` is the box's border and padding; `head` where the first block starts under a
    one-line heading; `gaps` the space between two blocks by their kinds ("p li");
    `offsets` how much narrower than the panel's box each kind of block is.
    """

    frame: float
    head: float
    line: float
    gaps: dict[str, float]
    offsets: dict[str, float]
    heading: Heading


CALIBRATION_TEXT = ("One line.\n\n" + "A paragraph long enough to take more than one line. " * 4
                    + "\n- One line.\n- " + "An item long enough to take more than one line. " * 3
                    + "\n\nOne line.")
CALIBRATION = {
    "title": "Calibration",
    "panels": [{"heading": "One", "text": CALIBRATION_TEXT,
                "items": [{"title": "A resource long enough to take more than one line " * 2,
                           "url": "https://example.org/b"}]} for _ in range(7)],
}


@dataclass(frozen=True)
class Calibration:
    """A house style's geometry at some text sizes, and the font family of its panels."""

    shapes: dict[float, dict[int, Shape]]
    font_px: dict[float, float]
    family: str

    def as_data(self) -> dict:
        """The calibration as plain data, to keep between runs (floats round-trip exactly)."""
        return {"family": self.family,
                "font_px": [[size, px] for size, px in self.font_px.items()],
                "shapes": [[size, [[number, asdict(shape)] for number, shape in panels.items()]]
                           for size, panels in self.shapes.items()]}

    @classmethod
    def from_data(cls, data: dict) -> Calibration:
        """A calibration from `as_data`. Raises KeyError, TypeError or ValueError when the
        data is not one."""
        shapes = {float(size): {int(number): Shape(**{**shape, "heading": Heading(
            **shape["heading"])}) for number, shape in panels} for size, panels in data["shapes"]}
        return cls(shapes, {float(size): float(px) for size, px in data["font_px"]},
                   str(data["family"]))


class Store(Protocol):
    """Somewhere to keep calibrations between runs: by name, as plain data."""

    def get(self, name: str) -> dict | None: ...

    def put(self, name: str, data: dict) -> None: ...


class Predictor:
    """Predicted panels of a briefing at the text sizes of a house style, in any geometry.

    Each size is calibrated the first time a prediction at it is wanted: a briefing
    whose text fits at a size never lays out the sizes far below it.
    """

    def __init__(self, house: HouseStyle, store: Store | None = None, key: str = "") -> None:
        self.house, self.store, self.key = house, store, key
        self.counter: LineCounter | None = None
        self.calibrations: dict[float, Calibration | None] = {}
        self._markup: dict[tuple[str, str | None], str] = {}

    def predicts(self, size: float) -> bool:
        """True when panels can be predicted at `size` (calibrating it if need be)."""
        if size not in self.calibrations:
            found = self.calibrations[size] = self._kept(size)
            if found is None:
                found = self.calibrations[size] = calibrate(self.house, [size])
                if found is not None and self.store is not None:
                    self.store.put(self._name(size), found.as_data())
            if found is not None and self.counter is None:
                self.counter = LineCounter(self.house, found.family)
        return self.calibrations[size] is not None

    def _name(self, size: float) -> str:
        return f"calibration-{self.key}-{size:g}"

    def _kept(self, size: float) -> Calibration | None:
        """A calibration kept by an earlier run for this house style, if any. A stale one
        (fonts changed since) only costs a measuring layout: pages are always checked."""
        data = self.store.get(self._name(size)) if self.store is not None else None
        try:
            return Calibration.from_data(data) if data else None
        except (KeyError, TypeError, ValueError):
            return None

    def regions(self, sheet: list[Panel], size: float,
                widths: dict[int, float]) -> Mapping[str, Region]:
        """The panels of a sheet (see render.panels) at `size`, as they would be laid out in
        boxes `widths` mm wide (by panel number); `available` is left for the solver (0).
        Each is worked out when first asked for: the solver gives up on a size at the first
        column that does not fit."""
        return _Regions(lambda panel: self._region(panel, size, widths[panel.number]), sheet)

    def forget(self) -> None:
        """Forget what was worked out for one briefing: it is asked again at every size
        tried, but never by another briefing."""
        if self.counter is not None:
            self.counter.known.clear()
        self._markup.clear()

    def _pango(self, html: Markup, printed: str | None = None) -> str:
        key = (html, printed)
        if key not in self._markup:
            self._markup[key] = pango_markup(html, printed)
        return self._markup[key]

    def _region(self, panel: Panel, size: float, width_mm: float) -> Region:
        calibration = self.calibrations[size]
        assert calibration is not None and self.counter is not None, "ask predicts() first"
        shape = calibration.shapes[size][panel.number]
        width = width_mm / MM_PER_PX
        heading = shape.heading
        heading_lines = self.counter.lines(
            f"<b>{Markup.escape(' ' + panel.heading.upper())}</b>", width - heading.offset,
            heading.font_px, heading.indent)
        top = shape.head + (heading_lines - 1) * heading.line
        blocks: list[Block] = []
        for block in panel.blocks:
            if blocks:
                top += shape.gaps.get(f"{blocks[-1].kind} {block.kind}", 0.0)
            lines = self.counter.lines(self._pango(block.html, block.printed),
                                       width - shape.offsets[block.kind],
                                       calibration.font_px[size])
            blocks.append(Block(block.kind, top, top + lines * shape.line, lines,
                                width - shape.offsets[block.kind]))
            top = blocks[-1].bottom
        return Region(f"panel-{panel.number}", panel.field, 0.0,
                      blocks[-1].bottom if blocks else top, 0,
                      [(b.top, b.bottom) for b in blocks if b.kind == "li"], blocks=blocks,
                      frame=shape.frame, head=top if not blocks else blocks[0].top)

    def agrees(self, predicted: dict[str, Region], laid_out: dict[str, Region]) -> bool:
        """True when the page as laid out has every block's lines and every panel's height
        as predicted."""
        return all(
            [b.lines for b in region.blocks] == [b.lines for b in laid_out[name].blocks]
            and abs(region.needed - laid_out[name].needed) <= TOLERANCE_MM
            for name, region in predicted.items())


class _Regions(Mapping[str, Region]):
    """Predicted regions by name, each worked out when first asked for."""

    def __init__(self, work: Callable[[Panel], Region], sheet: list[Panel]) -> None:
        self.work, self.known = work, {}
        self.panels = {f"panel-{panel.number}": panel for panel in sheet}

    def __getitem__(self, name: str) -> Region:
        if name not in self.known:
            self.known[name] = self.work(self.panels[name])
        return self.known[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.panels)

    def __len__(self) -> int:
        return len(self.panels)


def calibrate(house: HouseStyle, sizes: list[float]) -> Calibration | None:
    """Read the house style's geometry at `sizes` off one laid-out calibration briefing.

    Returns None when the geometry is not the simple one predictions rely on
    (every line of a panel the same height, blocks stacked with fixed gaps).
    """
    briefing = Briefing.model_validate(CALIBRATION)
    sheets = [Sheet(size, panels(briefing), centre=False) for size in sizes]
    rendering = lay_out(briefing_html(briefing, sheets, measuring=True), house, MEASURING_PAGE)
    widths = Geometry().widths()
    shapes: dict[float, dict[int, Shape]] = {}
    for size, regions in measure(rendering).items():
        shapes[size] = {}
        for name, region in regions.items():
            if not name.startswith("panel-") or region.heading is None:
                continue
            shape = _shape(region, widths[int(name.removeprefix("panel-"))] / MM_PER_PX)
            if shape is None:
                return None
            shapes[size][int(name.removeprefix("panel-"))] = shape
    font_px, family = _fonts(rendering)
    if family is None or set(font_px) != set(sizes):
        return None
    return Calibration(shapes, font_px, family)


def _shape(region: Region, width_px: float) -> Shape | None:
    """A panel's shape from its calibration blocks: p, long p, li, long li, p, linked li.
    The heading's offset becomes how much narrower than the box its words are."""
    blocks = region.blocks
    if [b.kind for b in blocks] != ["p", "p", "li", "li", "p", "li"]:
        return None
    short, long = blocks[0], blocks[1]
    line = short.bottom - short.top
    if short.lines != 1 or long.lines < 2 or any(
            abs(b.bottom - b.top - b.lines * line) > TOLERANCE_MM for b in blocks):
        return None
    gaps = {f"{a.kind} {b.kind}": b.top - a.bottom for a, b in zip(blocks, blocks[1:])}
    offsets = {"p": width_px - short.width, "li": width_px - blocks[2].width}
    return Shape(region.frame, short.top, line, gaps, offsets,
                 replace(region.heading, offset=width_px - region.heading.offset))


def _fonts(rendering) -> tuple[dict[float, float], str | None]:
    font_px, family = {}, None
    for page in rendering.document.pages:
        for box in boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and box.element_tag == element.tag and \
                    element.get("data-text-size"):
                size = float(element.get("data-text-size"))
                font_px[size] = box.style["font_size"]
                family = family or ", ".join(box.style["font_family"])
    return font_px, family
