"""Solving a page: from the height each panel needs, the geometry where all of them fit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..render.geometry import LEFT, Geometry, share
from .measure import TOLERANCE_MM, Region

Needs = dict[str, Region]  # the regions of one sheet at one size and width, by name


@dataclass(frozen=True)
class Plan:
    """A page to lay out: text size, geometry, and how many concern units go in panel 2."""

    size: float
    geometry: Geometry
    cut: int


class NeedsAt:
    """The regions of a briefing's panels at a text size and side width (None where they
    cannot be worked out), each worked out once."""

    def __init__(self, compute: Callable[[float, float], Needs | None],
                 predicted: bool) -> None:
        self.compute, self.predicted = compute, predicted
        self.known: dict[tuple[float, float], Needs | None] = {}

    def __call__(self, size: float, side: float) -> Needs | None:
        if (size, side) not in self.known:
            self.known[(size, side)] = self.compute(size, side)
        return self.known[(size, side)]


def solve(needs: Needs | None, side: float, size: float, continues: bool,
          titles: Mapping[float, float] | None = None) -> Plan | None:
    """The geometry where every panel gets the height it needs and an even share of what
    is left in its column, and the most even split of the concerns; None if it cannot.
    `titles` are the heights the title block needs at each width, asked for only when
    panel 5 needs more than the usual."""
    if needs is None:
        return None
    left = share([needs[f"panel-{n}"].box for n in LEFT])
    if left is None:
        return None
    if needs["panel-5"].box > Geometry(side).bottom_height + TOLERANCE_MM:
        # Panel 5 needs more than the usual: the title block gives what it does not need.
        title = titles[side] if titles is not None else None
        if title is None or needs["panel-5"].box > \
                Geometry(side, title=title).bottom_height + TOLERANCE_MM:
            return None
    else:
        title = None
    best: tuple[float, int, tuple[float, ...]] | None = None
    for cut, second, third in concern_splits(needs, continues):
        right = share([second, third, needs["panel-4"].box])
        if right is not None and (best is None or abs(second - third) < best[0] - TOLERANCE_MM):
            best = (abs(second - third), cut, right)
    if best is None:
        return None
    return Plan(size, Geometry(side, left, best[2], title), best[1])


def concern_splits(needs: Needs, continues: bool) -> list[tuple[int, float, float]]:
    """Each way to split the concerns: (units in panel 2, panel 2's box, panel 3's box).

    Measured or predicted with every unit in both panels; a unit takes the same height
    in either, as the two panels are equally wide.
    """
    second, third = needs["panel-2"], needs["panel-3"]
    if not continues:
        return [(1, second.box, third.box)]
    units, head3 = second.blocks, third.blocks[0].top if third.blocks else third.needed
    return [(cut, second.frame + units[cut - 1].bottom,
             third.frame + head3 + units[-1].bottom - units[cut].top)
            for cut in range(1, len(units))]
