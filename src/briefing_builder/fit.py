"""Fit a briefing to its page: measure the laid-out boxes, then decide, never guess.

One measuring pass lays out a sheet per candidate text size, with every
concern in both panel 2 and panel 3 (the centre, whose size is fixed, only
on the first). From the boxes WeasyPrint placed, each
panel's needed height and each concern's extent are read, so the text size
and the split of the concerns can be chosen without laying out again. The
chosen page is then laid out once and checked from its own boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from weasyprint.formatting_structure.boxes import LineBox

from .model import Briefing
from .reading import count_words
from .render import Rendering, Sheet, briefing_html, lay_out, panels

MM_PER_PX = 25.4 / 96
# Half a tenth of a millimetre: rounding in the layout engine, not text.
TOLERANCE_MM = 0.05
# A measuring page tall enough that overflowing text is measured, not split off.
# Extra stylesheets have user origin, so they need !important to outrank the house style.
MEASURING_PAGE = "@page { size: 297mm 3000mm !important; }"

REGION_NAMES = {
    "dial": "Title", "centre": "Centre",
    **{f"panel-{n}": heading for n, heading in {
        1: "Background", 2: "What were the concerns?", 3: "The concerns continued",
        4: "Information", 5: "Resources", 6: "Questions", 7: "What to do"}.items()},
}


@dataclass
class Region:
    """A box of the page and the text laid out in it, in millimetres."""

    name: str
    field: str
    available: float
    needed: float
    words: int
    items: list[tuple[float, float]] = field(default_factory=list)
    page: int = 0
    split: bool = False

    @property
    def over(self) -> float:
        return self.needed - self.available

    @property
    def fits(self) -> bool:
        return self.over <= TOLERANCE_MM and not self.split

    @property
    def label(self) -> str:
        return REGION_NAMES[self.name]


@dataclass
class Overflow:
    """Text that does not fit its box, and the briefing field it comes from."""

    field: str
    message: str


@dataclass
class Fit:
    """What the fitting stage decided: the text size and where the concerns split."""

    text_size: float | None
    cut: int
    overflows: list[Overflow]


def _boxes(box):
    """Yield `box` and every box inside it, looking inside positioned boxes too."""
    box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _text(box) -> str:
    return " ".join(getattr(d, "text", "") for d in _boxes(box) if hasattr(d, "text"))


def _region(box) -> Region:
    top = box.content_box_y()
    lines = [d for d in _boxes(box) if isinstance(d, LineBox)]
    bottom = max((line.position_y + line.height for line in lines), default=top)
    first = min((line.position_y for line in lines), default=top)
    items, seen = [], set()
    for child in _boxes(box):
        # The first box of an <li> is the item itself; later ones are its anonymous parts.
        if getattr(child, "element_tag", None) == "li" and id(child.element) not in seen:
            seen.add(id(child.element))
            item_lines = [d for d in _boxes(child) if isinstance(d, LineBox)]
            if item_lines:
                items.append(((child.position_y - top) * MM_PER_PX,
                              (max(line.position_y + line.height for line in item_lines) - top)
                              * MM_PER_PX))
    return Region(
        name=box.element.get("data-region"),
        field=box.element.get("data-field"),
        available=box.height * MM_PER_PX,
        # Centred content (the dial) can spill above its box as well as below.
        needed=(bottom - min(top, first)) * MM_PER_PX,
        words=count_words(_text(box)),
        items=items,
    )


def measure(rendering: Rendering) -> dict[float, dict[str, Region]]:
    """Return the regions of each sheet of the laid-out document, by text size and name.

    A region split across pages is measured from its first part and marked.
    """
    sheets: dict[float, dict[str, Region]] = {}
    seen: set[tuple[float, str]] = set()
    for number, page in enumerate(rendering.document.pages):
        size = None
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or box.element_tag != element.tag:
                continue  # anonymous boxes and pseudo-elements share their parent's element
            if element.get("data-text-size"):
                size = float(element.get("data-text-size"))
            name = element.get("data-region")
            if name is None or size is None:
                continue
            if (size, name) in seen:
                sheets[size][name].split = True
                continue
            seen.add((size, name))
            region = _region(box)
            region.page = number
            sheets.setdefault(size, {})[name] = region
    return sheets


def best_cut(second: Region, third: Region) -> tuple[int | None, float]:
    """Return how many concerns fit panel 2 with the rest fitting panel 3, most even first.

    Both regions were measured holding every concern. Returns (None, shortfall)
    when no split fits, the shortfall being the least overflow in millimetres.
    """
    count = len(second.items)
    if count == 0:
        return 1, 0.0
    heading3 = third.items[0][0]
    best, best_gap, least_over = None, None, None
    for cut in range(1, count + 1):
        need2 = second.items[cut - 1][1]
        need3 = heading3 + (third.items[-1][1] - third.items[cut][0]) if cut < count \
            else heading3
        over = max(need2 - second.available, need3 - third.available)
        least_over = over if least_over is None else min(least_over, over)
        if over <= TOLERANCE_MM:
            gap = abs(need2 - need3)
            if best_gap is None or gap < best_gap:
                best, best_gap = cut, gap
    return best, max(0.0, least_over or 0.0)


def fit(briefing: Briefing, styles: Path, sizes: list[float]) -> Fit:
    """Choose the largest text size at which every panel fits, and the concerns' split.

    Lays the briefing out once, one sheet per size. When nothing fits even at
    the smallest size, returns the overflows measured at that size.
    """
    sheets = [Sheet(size, panels(briefing, cut=0)) for size in sizes]
    rendering = lay_out(briefing_html(briefing, sheets, measuring=True), styles, MEASURING_PAGE)
    measured = measure(rendering)
    centre = {name: measured[sizes[0]][name] for name in ("centre", "dial")}
    for regions in measured.values():
        regions.update(centre)
    for size, regions in measured.items():
        others = [r for name, r in regions.items() if name not in ("panel-2", "panel-3")]
        cut, _ = best_cut(regions["panel-2"], regions["panel-3"])
        if cut is not None and all(region.fits for region in others):
            return Fit(size, cut, [])
    return Fit(None, 0, overflows(measured[sizes[-1]], briefing))


def overflows(regions: dict[str, Region], briefing: Briefing) -> list[Overflow]:
    """Describe every region that does not fit, in words an author can act on."""
    found = []
    for name, region in regions.items():
        if name in ("panel-2", "panel-3") or region.fits:
            continue
        found.append(Overflow(region.field, _too_long(region)))
    second, third = regions["panel-2"], regions["panel-3"]
    cut, shortfall = best_cut(second, third)
    if cut is None:
        heading = second.items[0][0] if second.items else 0.0
        for index, (top, bottom) in enumerate(second.items):
            alone = heading + bottom - top
            if alone - second.available > TOLERANCE_MM:
                found.append(Overflow("concerns", f"concern {index + 1} alone is "
                                      f"{alone - second.available:.0f} mm too long for a panel; "
                                      "shorten it or split it into two points"))
                break
        else:
            words = round(len(" ".join(briefing.concerns).split()) * shortfall
                          / max(second.needed, 1e-9))
            found.append(Overflow("concerns", f"the concerns are {shortfall:.0f} mm too long for "
                                  f"panels 2 and 3 (about {max(words, 1)} words over)"))
    return found


def _too_long(region: Region) -> str:
    words = max(1, round(region.words * region.over / max(region.needed, 1e-9)))
    over = f"{max(region.over, 1):.0f} mm too long"
    if region.name == "dial":
        return f"the title is {over} for the centre circle (about {words} words over)"
    return f'the "{region.label}" panel is {over} for its box (about {words} words over)'



def verify(rendering: Rendering) -> list[Overflow]:
    """Check the final page from its own boxes: every region fits, all on the first page."""
    [regions] = measure(rendering).values()
    return [Overflow(region.field, _too_long(region))
            for region in regions.values() if not region.fits or region.page != 0]
