"""Fit a briefing to its page: decide from laid-out boxes, never from a guess alone.

First Pango, which WeasyPrint breaks lines with, predicts every panel's height
at each text size (predict.py); the page is laid out at the largest size where
all fit, and kept only if its boxes match the prediction line for line, which
also vouches for the predictions that larger sizes do not fit. Most briefings
cost one layout. Otherwise the page is laid out at the largest size, with the
concerns split evenly by length, and measured; when something does not fit,
one measuring layout holds, for each smaller size, only the panels that did
not, and the page is laid out once more at the largest size where all fit.
Every page is checked from its own boxes before it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..render.house import HouseStyle
from ..render.html import Sheet, briefing_html
from ..render.panels import Panel, panels, split_concerns
from ..render.pdf import Rendering, lay_out
from ..source.model import Briefing
from ..source.words import count_words
from .measure import MEASURING_PAGE, TOLERANCE_MM, Region, measure
from .predict import Predictor


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
            if best_gap is None or gap < best_gap - TOLERANCE_MM:
                best, best_gap = cut, gap
            elif gap <= best_gap + TOLERANCE_MM:
                best = cut  # a tie, to rounding: fill panel 2 first
    return best, max(0.0, least_over or 0.0)


class Fitter:
    """A house style made ready for fitting: its text sizes, largest first, and its Pango
    predictor. A batch makes one per theme and keeps it for all its briefings."""

    def __init__(self, house: HouseStyle) -> None:
        self.house = house
        self.sizes = house.theme.text.candidates()
        self.predictor = Predictor(house)


def fit(briefing: Briefing, fitter: Fitter, print_css: str = "") -> Fit:
    """Choose the largest text size at which every panel fits, and lay the page out there.

    Returns the laid-out page with its size and the concerns' split, or, when
    nothing fits even at the smallest size, the overflows measured there.
    """
    house, sizes = fitter.house, fitter.sizes

    def page(size: float, sheet: list[Panel]) -> Rendering:
        return lay_out(briefing_html(briefing, [Sheet(size, sheet)], logo=house.logo), house,
                       print_css)

    predicted = _predicted_fit(briefing, fitter.predictor, sizes, page)
    return predicted or _measured_fit(briefing, house, sizes, page)


def _predicted_fit(briefing: Briefing, predictor: Predictor, sizes: list[float],
                   page) -> Fit | None:
    """Lay the page out at the size Pango predicts; None unless the layout bears it out."""
    predictor.forget()
    every_concern = panels(briefing, cut=0)  # in both panels 2 and 3
    for size in sizes:
        if not predictor.predicts(size):
            return None
        concerns = predictor.regions(every_concern, size)
        cut, _ = best_cut(concerns["panel-2"], concerns["panel-2"])
        if cut is not None and all(region.fits for name, region in concerns.items()
                                   if name not in ("panel-2", "panel-3")):
            break
    else:
        return None  # measuring says by how much
    sheet = panels(briefing, cut)
    rendering = page(size, sheet)
    laid_out = measure(rendering)[size]
    whole = _all_concerns(laid_out, _item_gap(laid_out.values()))
    if not predictor.agrees(predictor.regions(sheet, size), laid_out) or \
            best_cut(whole, whole)[0] != cut:
        return None
    fitted = _final(rendering, size, cut, 1, laid_out)
    return None if fitted.overflows else fitted


def _measured_fit(briefing: Briefing, house: HouseStyle, sizes: list[float], page) -> Fit:
    """Fit from laid-out boxes alone: the page at the largest size, then smaller sizes."""
    largest, guess = sizes[0], split_concerns(briefing.concerns)
    first = page(largest, panels(briefing, guess))
    regions = measure(first)[largest]
    concerns = _all_concerns(regions, _item_gap(regions.values()))
    cut, _ = best_cut(concerns, concerns)
    failing = [name for name, region in regions.items()
               if name not in ("panel-2", "panel-3") and not _fits_page(region)]
    if not failing and cut is not None:
        if cut == guess:
            return _final(first, largest, cut, layouts=1)
        return _final(page(largest, panels(briefing, cut)), largest, cut, layouts=2)
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
            return _at_size(briefing, page, size, cut)
    at_smallest = {**regions, "panel-2": concerns, **measured.get(smaller[-1], {})}
    at_smallest["panel-3"] = at_smallest["panel-2"]
    return Fit(None, 0, overflows(at_smallest, briefing), layouts=2)


def _at_size(briefing: Briefing, page, size: float, cut: int) -> Fit:
    """Lay the page out at `size`; split the concerns again if that is more even there."""
    rendering = page(size, panels(briefing, cut))
    regions = measure(rendering)[size]
    concerns = _all_concerns(regions, _item_gap(regions.values()))
    best, _ = best_cut(concerns, concerns)
    if best is None or best == cut:
        return _final(rendering, size, cut, layouts=3)
    return _final(page(size, panels(briefing, best)), size, best, layouts=4)


def _final(rendering: Rendering, size: float, cut: int, layouts: int,
           regions: dict[str, Region] | None = None) -> Fit:
    return Fit(size, cut, verify(rendering, regions), rendering, layouts)


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
            words = round(sum(count_words(c) for c in briefing.concerns) * shortfall
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



def verify(rendering: Rendering, regions: dict[str, Region] | None = None) -> list[Overflow]:
    """Check the final page from its own boxes (or `regions` already read off them): every
    region fits, all on the first page."""
    if regions is None:
        [regions] = measure(rendering).values()
    return [Overflow(region.field, _too_long(region))
            for region in regions.values() if not region.fits or region.page != 0]
