"""Where the boxes of the clock face sit: three columns, each panel's height its own.

The page keeps its clock positions (1 top left, clockwise to 7 on the left, the title in
the centre), but the columns' widths and the panels' heights give and take within
bounds, so that the text can be as large as the content allows. Lengths are in mm on the
A4 sheet (A3 scales the whole page).
"""

from __future__ import annotations

from dataclasses import dataclass

SHEET_WIDTH = 283.0
SHEET_HEIGHT = 196.0
GAP = 4.0
# The side columns' widths tried, the usual one first; the centre takes what is left.
SIDE_WIDTHS = (103.0, 107.0, 99.0)
# The centre column's title block is its width (the dial) and this much more (details).
CENTRE_DETAILS = 60.33
# No panel is made shorter than this, whatever it holds.
MIN_PANEL_HEIGHT = 36.0
COLUMN_HEIGHT = SHEET_HEIGHT - 2 * GAP
EVEN = (COLUMN_HEIGHT / 3,) * 3
# Panel numbers down each side column, top first.
LEFT, RIGHT = (1, 7, 6), (2, 3, 4)


@dataclass(frozen=True)
class Box:
    """A box on the sheet: its left and top edges, width and height, in mm."""

    left: float
    top: float
    width: float
    height: float

    def css(self) -> str:
        return (f"left: {self.left:.2f}mm; top: {self.top:.2f}mm; "
                f"width: {self.width:.2f}mm; height: {self.height:.2f}mm")


@dataclass(frozen=True)
class Geometry:
    """The sheet's columns and panel heights: `side` is the width of the left and right
    columns; `left` and `right` the heights of their panels, top first."""

    side: float = SIDE_WIDTHS[0]
    left: tuple[float, float, float] = EVEN
    right: tuple[float, float, float] = EVEN
    title: float | None = None  # the title block's height, if not the usual

    @property
    def centre_width(self) -> float:
        return SHEET_WIDTH - 2 * self.side - 2 * GAP

    @property
    def centre_height(self) -> float:
        return self.title if self.title is not None else self.centre_width + CENTRE_DETAILS

    @property
    def bottom_height(self) -> float:
        """The height of panel 5, below the title."""
        return SHEET_HEIGHT - GAP - self.centre_height

    def boxes(self) -> dict[int, Box]:
        """Each panel's box, by number."""
        found: dict[int, Box] = {}
        for numbers, heights, left in ((LEFT, self.left, 0.0),
                                       (RIGHT, self.right, SHEET_WIDTH - self.side)):
            top = 0.0
            for number, height in zip(numbers, heights, strict=True):
                found[number] = Box(left, top, self.side, height)
                top += height + GAP
        found[5] = Box(self.side + GAP, self.centre_height + GAP, self.centre_width,
                       self.bottom_height)
        return found

    def centre(self) -> Box:
        """The title's block: the dial and the details under it."""
        return Box(self.side + GAP, 0.0, self.centre_width, self.centre_height)

    def widths(self) -> dict[int, float]:
        """Each panel's width in mm, by number."""
        return {number: box.width for number, box in self.boxes().items()}


def share(needs: list[float], total: float = COLUMN_HEIGHT) -> tuple[float, ...] | None:
    """Heights for boxes stacked in a column that need `needs` mm: each gets what it needs
    (at least the minimum) and an even share of what is left; None if they do not fit."""
    wanted = [max(need, MIN_PANEL_HEIGHT) for need in needs]
    spare = total - sum(wanted)
    if spare < 0:
        return None
    return tuple(height + spare / len(wanted) for height in wanted)
