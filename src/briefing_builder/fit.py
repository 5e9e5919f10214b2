"""Fit a briefing to its page: measure the laid-out boxes, then decide, never guess.

The page is first laid out as built, at the largest text size with the
concerns split evenly by length. From the boxes WeasyPrint placed, each
panel's needed height and each concern's extent are read: when everything
fits, that layout is the page (most briefings cost one layout). Otherwise one
measuring layout holds, for each smaller size, only the panels that did not
fit and every concern in panel 2; the largest size at which all fit is chosen
and the page is laid out once more, then checked from its own boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from weasyprint.formatting_structure.boxes import LineBox, TextBox

from .model import Briefing
from .reading import count_words
from .layout import split_concerns
from .render import (HouseStyle, Rendering, Sheet, briefing_html, final_sheet, lay_out,
                     panels)

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
    """What the fitting stage decided: the text size, where the concerns split, the page."""

    text_size: float | None
    cut: int
    overflows: list[Overflow]
    rendering: Rendering | None = None
    layouts: int = 0


def _boxes(box):
    """Yield `box` and every box inside it, looking inside positioned boxes too."""
    box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _text(box) -> str:
    return " ".join(getattr(d, "text", "") for d in _boxes(box) if hasattr(d, "text"))


def _characters(text: str) -> int:
    return len("".join(text.split()))


def _complete(box) -> bool:
    """True when every character of the region's element was laid out inside it.

    Text pushed past the bottom of the page is carried to the next page, or
    dropped when there is none; either way, fewer characters are in the box.
    """
    laid_out = sum(_characters(d.text) for d in _boxes(box)
                   if isinstance(d, TextBox) and "::" not in (d.element_tag or ""))
    return laid_out >= _characters("".join(box.element.itertext()))


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
        split=not _complete(box),
    )


def measure(rendering: Rendering) -> dict[float, dict[str, Region]]:
    """Return the regions of each sheet of the laid-out document, by text size and name.

    A region split across pages is measured from its first part and marked.
    """
    sheets: dict[float, dict[str, Region]] = {}
    seen: set[tuple[float, str]] = set()
    size = None  # a region's continuation on the next page is outside its sheet's box
    for number, page in enumerate(rendering.document.pages):
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


def fit(briefing: Briefing, house: HouseStyle, sizes: list[float],
        print_css: str = "") -> Fit:
    """Choose the largest text size at which every panel fits, and lay the page out there.

    Returns the laid-out page with its size and the concerns' split, or, when
    nothing fits even at the smallest size, the overflows measured there.
    """
    def page(size: float, cut: int | None) -> Rendering:
        return lay_out(briefing_html(briefing, final_sheet(briefing, size, cut)), house,
                       print_css)

    largest, guess = sizes[0], split_concerns(briefing.concerns)
    first = page(largest, guess)
    regions = measure(first)[largest]
    concerns = _all_concerns(regions, _item_gap(regions.values()))
    cut, _ = best_cut(concerns, concerns)
    failing = [name for name, region in regions.items()
               if name not in ("panel-2", "panel-3") and not _fits_page(region)]
    if not failing and cut is not None:
        if cut == guess:
            return _final(first, largest, cut, layouts=1)
        return _final(page(largest, cut), largest, cut, layouts=2)
    # The title's size does not change with the text size: if it fails, every size fails,
    # and the smallest is measured only to say how far the panels are over.
    title_fails = bool({"centre", "dial"} & set(failing))
    smaller = sizes[-1:] if title_fails or len(sizes) == 1 else sizes[1:]
    # Concerns that fit at a larger size fit at a smaller one: measure them only if they did not.
    wanted = set(failing) | ({"panel-2"} if cut is None else set())
    sheets = [Sheet(size, [p for p in panels(briefing, cut=0) if f"panel-{p.number}" in wanted
                           and p.number != 3], centre=False)
              for size in smaller]
    measured = measure(lay_out(briefing_html(briefing, sheets, measuring=True), house,
                               MEASURING_PAGE)) if sheets[0].panels else {}
    for size in [] if title_fails else smaller:
        at_size = measured[size]
        if "panel-2" in wanted:
            cut, _ = best_cut(at_size["panel-2"], at_size["panel-2"])
        if cut is not None and all(at_size[name].fits for name in failing):
            return _at_size(page, size, cut)
    at_smallest = {**regions, "panel-2": concerns, **measured.get(smaller[-1], {})}
    at_smallest["panel-3"] = at_smallest["panel-2"]
    return Fit(None, 0, overflows(at_smallest, briefing), layouts=2)


def _at_size(page, size: float, cut: int) -> Fit:
    """Lay the page out at `size`; split the concerns again if that is more even there."""
    rendering = page(size, cut)
    regions = measure(rendering)[size]
    concerns = _all_concerns(regions, _item_gap(regions.values()))
    best, _ = best_cut(concerns, concerns)
    if best is None or best == cut:
        return _final(rendering, size, cut, layouts=3)
    return _final(page(size, best), size, best, layouts=4)


def _final(rendering: Rendering, size: float, cut: int, layouts: int) -> Fit:
    return Fit(size, cut, verify(rendering), rendering, layouts)


def _fits_page(region: Region) -> bool:
    return region.fits and region.page == 0


def _item_gap(regions) -> float:
    """The space between two list items, read off any list of the page."""
    for region in regions:
        for (_, bottom), (top, _) in zip(region.items, region.items[1:]):
            return top - bottom
    return 0.0


def _all_concerns(regions: dict[str, Region], gap: float) -> Region:
    """Panel 2 as it would be holding every concern, from panels 2 and 3 as laid out.

    The two panels have the same width, so a concern takes the same height in either.
    """
    second, third = regions["panel-2"], regions["panel-3"]
    items = list(second.items)
    if third.items:
        offset = (items[-1][1] + gap if items else third.items[0][0]) - third.items[0][0]
        items += [(top + offset, bottom + offset) for top, bottom in third.items]
    needed = items[-1][1] if items else second.needed
    return Region(second.name, second.field, second.available, needed,
                  second.words + third.words, items, second.page,
                  second.split or third.split)


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
