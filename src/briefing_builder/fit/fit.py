"""Fit a briefing to its page: the largest text size, one for the whole page, at which
every panel fits, with the columns' widths and the panels' heights given and taken.

For each text size and width of the side columns, the height each panel needs comes
from Pango, which WeasyPrint breaks lines with (predict.py); `solve` gives every panel
what it needs and shares out the rest of its column. The page is laid out at the
largest size that solves and kept only if its own boxes show every panel fits
(measure.py). When Pango cannot predict a house style, or a prediction is not borne
out, the heights are measured from a layout of the briefing at every size instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..render.geometry import COLUMN_HEIGHT, SIDE_WIDTHS, Geometry
from ..render.house import HouseStyle
from ..render.html import Sheet, briefing_html
from ..render.panels import Panel, panels
from ..render.pdf import Rendering, lay_out
from ..source.model import Briefing
from .measure import MEASURING_PAGE, Region, measure
from .overflow import Overflow, overflows, title_overflows
from .predict import Predictor, Store
from .recommendations import recommendations_overflow
from .solve import Needs, NeedsAt, Plan, solve
from .title import TitlePredictor


@dataclass
class Fit:
    """What the fitting stage decided: the text size, the split of the concerns, the
    geometry, and the laid-out page; or, when nothing fits, the overflows."""

    text_size: float | None
    cut: int
    overflows: list[Overflow]
    rendering: Rendering | None = None
    layouts: int = 0
    geometry: Geometry | None = None


class Fitter:
    """A house style made ready for fitting: its text sizes, largest first, and its Pango
    predictor. A batch makes one per theme and keeps it for all its briefings."""

    def __init__(self, house: HouseStyle, store: Store | None = None, key: str = "") -> None:
        self.house = house
        self.sizes = house.theme.text.candidates()
        self.predictor = Predictor(house, store, key)
        self.titles = TitlePredictor(house, store, key)


def fit(briefing: Briefing, fitter: Fitter, print_css: str = "") -> Fit:
    """Choose the largest text size at which every panel fits, and lay the page out there.

    Returns the laid-out page with its size, geometry and the concerns' split, or, when
    nothing fits even at the smallest size, the overflows, in lines and words to cut.
    """
    house = fitter.house
    content = panels(briefing, cut=0)
    continues = content[2].key == ("concerns",) and content[2].first_index == 0

    def page(plan: Plan) -> Rendering:
        sheet = Sheet(plan.size, panels(briefing, plan.cut if continues else None),
                      geometry=plan.geometry)
        return lay_out(briefing_html(briefing, [sheet], logo=house.logo,
                                     label=house.theme.label), house, print_css)

    titles = TitleHeights(briefing, fitter, predicted=True)
    layouts, sides, needs_at = 0, list(SIDE_WIDTHS), None
    for way in (_predicted, _measured):
        needs_at = way(fitter, briefing, content)
        if needs_at is None:
            continue  # the house style cannot be predicted
        sizes, borne_out = list(fitter.sizes), True
        while sides and sizes:
            plan = _largest(sizes, sides, needs_at, continues, titles)
            if plan is None:
                break  # nothing fits: say what to cut
            rendering = page(plan)
            layouts += 1
            [regions] = measure(rendering).values()
            if not titles.borne_out(regions["centre"], plan.geometry.side):
                sizes = list(fitter.sizes)  # the title block is measured now: again
                continue
            failed = _failing(regions)
            if not failed:
                overflow = recommendations_overflow(briefing, house, rendering, print_css)
                if overflow is not None:  # page 1 fits; page 2 does not
                    return Fit(None, 0, [overflow], layouts=layouts + titles.layouts)
                return Fit(plan.size, plan.cut, [], rendering, layouts + titles.layouts,
                           plan.geometry)
            if {"dial", "centre"} & failed:
                sides.remove(plan.geometry.side)  # the title does not fit at this width
            elif needs_at.predicted:
                borne_out = False  # the prediction was not borne out: measure instead
                break
            else:
                sizes = [size for size in sizes if size < plan.size]
        if borne_out:
            break
    if not sides:
        title = page(Plan(fitter.sizes[-1], Geometry(), 1))
        return Fit(None, 0, title_overflows(title), layouts=layouts + titles.layouts + 1)
    assert needs_at is not None
    titles.measure()  # what to cut is said from the title block as laid out
    return Fit(None, 0, overflows(content, needs_at, fitter.sizes[-1], fitter.predictor,
                                  continues, titles), layouts=layouts + titles.layouts)


def _largest(sizes: list[float], sides: list[float], needs_at: NeedsAt, continues: bool,
             titles: TitleHeights) -> Plan | None:
    """The plan at the largest size that solves at any side width (the usual one first),
    found by halving: a text that fits at a size fits at every smaller one."""
    def plan_at(size: float) -> Plan | None:
        return next((plan for side in sides if (plan := solve(
            needs_at(size, side), side, size, continues, titles))), None)

    low, high, found = 0, len(sizes) - 1, None  # sizes are largest first
    while low <= high:
        middle = (low + high) // 2
        plan = plan_at(sizes[middle])
        if plan is not None:
            found, high = plan, middle - 1
        else:
            low = middle + 1
    return found


def _predicted(fitter: Fitter, briefing: Briefing, content: list[Panel]) -> NeedsAt | None:
    """Needs from Pango, or None when the house style's geometry cannot be predicted."""
    predictor = fitter.predictor
    predictor.forget()
    if not predictor.predicts(fitter.sizes[0]):
        return None

    def compute(size: float, side: float) -> Needs | None:
        if not predictor.predicts(size):
            return None
        return predictor.regions(content, size, Geometry(side).widths())

    return NeedsAt(compute, predicted=True)


def _measured(fitter: Fitter, briefing: Briefing, content: list[Panel]) -> NeedsAt:
    """Needs read off one layout of the briefing at every size in the usual geometry, its
    panels as tall as the page so that nothing is cut off while it is measured."""
    tall = Geometry(SIDE_WIDTHS[0], (COLUMN_HEIGHT,) * 3, (COLUMN_HEIGHT,) * 3)
    sheets = [Sheet(size, content, centre=False, geometry=tall) for size in fitter.sizes]
    measured = measure(lay_out(briefing_html(briefing, sheets, measuring=True), fitter.house,
                               MEASURING_PAGE))
    return NeedsAt(lambda size, side: measured.get(size) if side == tall.side else None,
                   predicted=False)


class TitleHeights(Mapping[float, float]):
    """The height the title block needs at each width of the side columns (its dial as wide
    as the centre column, and the details under it), never more than the usual, worked out
    only if panel 5 needs the room: measured from one layout of the title alone, or, when
    `predicted`, from Pango (title.py) where the house style allows, until a page laid out
    shows otherwise."""

    def __init__(self, briefing: Briefing, fitter: Fitter, predicted: bool = False) -> None:
        self.briefing, self.fitter, self.predict = briefing, fitter, predicted
        self.heights: dict[float, float] | None = None
        self.predicted: dict[float, float] | None = None  # the lines' heights, as predicted
        self.layouts = 0

    def __getitem__(self, side: float) -> float:
        if self.heights is None:
            needed = self.fitter.titles.needed(self.briefing) if self.predict else None
            if needed is None:
                needed, self.layouts = self._measure(), self.layouts + 1
            self.predicted = needed if self.predict else None
            self.heights = {width: min(Geometry(width).centre_height, height + 1.0)
                            for width, height in needed.items()}
        return self.heights[side]

    def __iter__(self) -> Iterator[float]:
        return iter(SIDE_WIDTHS)

    def __len__(self) -> int:
        return len(SIDE_WIDTHS)

    def borne_out(self, centre: Region, side: float) -> bool:
        """Whether the title block of a page laid out at `side` is as predicted (True when
        nothing was predicted); when it is not, the heights are measured from now on."""
        if self.predicted is None or abs(centre.needed - self.predicted[side]) < 1e-6:
            return True
        self.measure()
        return False

    def measure(self) -> None:
        """Measure the heights from now on, if they were predicted."""
        self.predict = False
        if self.predicted is not None:
            self.heights = self.predicted = None

    def _measure(self) -> dict[float, float]:
        house = self.fitter.house
        # Measuring tells sheets apart by their text size, which the title block does not use.
        keys = {side: float(index + 1) for index, side in enumerate(SIDE_WIDTHS)}
        sheets = [Sheet(keys[side], [], geometry=Geometry(side)) for side in SIDE_WIDTHS]
        measured = measure(lay_out(briefing_html(
            self.briefing, sheets, measuring=True, logo=house.logo, label=house.theme.label),
            house, MEASURING_PAGE))
        return {side: measured[keys[side]]["centre"].needed for side in SIDE_WIDTHS}


def _failing(regions: dict[str, Region]) -> set[str]:
    """The regions of a laid-out page that do not fit their boxes, or not on page one."""
    return {name for name, region in regions.items() if not region.fits or region.page != 0}
