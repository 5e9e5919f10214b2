"""What does not fit, in words an author can act on: how many lines too long, and how many
words to cut, enough that the page then fits (worked out with Pango where it can)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from ..render.geometry import COLUMN_HEIGHT, LEFT, MIN_PANEL_HEIGHT, RIGHT, SIDE_WIDTHS, Geometry
from ..render.panels import Panel
from ..render.pdf import Rendering
from ..source.markup import inline
from ..source.words import count_words
from .measure import Region, measure
from .predict import Predictor
from .solve import Needs, NeedsAt, concern_splits


@dataclass
class Overflow:
    """Text that does not fit, and where in the briefing it is written."""

    key: tuple[str | int, ...]
    message: str
    code: str = "panel-overflow"


def title_overflows(rendering: Rendering) -> list[Overflow]:
    """The title, when it does not fit the centre circle at any width."""
    [regions] = measure(rendering).values()
    dial = regions["dial"]
    words = max(1, round(dial.words * dial.over / max(dial.needed, 1e-9)))
    return [Overflow(("title",), f"the title is {max(dial.over, 1):.0f} mm too long for the "
                                 f"centre circle (about {words} words over)")]


def _column_over(boxes: list[float], total: float = COLUMN_HEIGHT) -> float:
    return sum(max(box, MIN_PANEL_HEIGHT) for box in boxes) - total


def overflows(content: list[Panel], needs_at: NeedsAt, size: float, predictor: Predictor,
              continues: bool, titles: Mapping[float, float]) -> list[Overflow]:
    """Every column that does not fit at the smallest `size`, with the panel to shorten.

    The words to cut are counted at the width of the side columns where the least has
    to go; cut from the end of the panel named, that many are enough.
    """
    panel = {p.number: p for p in content}

    def columns(side: float) -> list[tuple[tuple[int, ...], Callable[[Needs], float]]]:
        def right_over(regions: Needs) -> float:
            return min((_column_over([second, third, regions["panel-4"].box])
                        for _, second, third in concern_splits(regions, continues)),
                       default=math.inf)  # fewer than two units: panel 3 would be empty
        bottom = Geometry(side, title=titles[side]).bottom_height
        return [(LEFT, lambda r: _column_over([r[f"panel-{n}"].box for n in LEFT])),
                (RIGHT, right_over), ((5,), lambda r: r["panel-5"].box - bottom)]

    def shortfall(side: float) -> tuple[int, float]:
        needs = needs_at(size, side)
        if needs is None:
            return (4, 0.0)
        overs = [over_of(needs) for _, over_of in columns(side)]
        return (sum(over > 0 for over in overs), sum(max(over, 0.0) for over in overs))

    side = min(SIDE_WIDTHS, key=shortfall)
    needs = needs_at(size, side)
    assert needs is not None
    found = []
    for numbers, over_of in columns(side):
        over = over_of(needs)
        if over <= 0:
            continue
        blamed = max(numbers, key=lambda n: needs[f"panel-{n}"].box)
        together = (2, 3) if continues and blamed in (2, 3) else (blamed,)
        lines = max(1, math.ceil(over / _line_height(needs[f"panel-{blamed}"])))
        words = _words_to_cut(content, together, over_of, needs,
                              predictor if needs_at.predicted else None, size, side, lines)
        found.append(Overflow(panel[blamed].key, _message(
            [panel[n] for n in together], [panel[n] for n in numbers if n not in together],
            lines, words, size)))
    return found


def _line_height(region: Region) -> float:
    lined = [b for b in region.blocks if b.lines]
    return min(((b.bottom - b.top) / b.lines for b in lined), default=4.0)


def _message(shortened: list[Panel], others: list[Panel], lines: int, words: int,
             size: float) -> str:
    plural = "s" if lines != 1 else ""
    if len(shortened) == 2:
        what, them = "the concerns (panels 2 and 3) are", "them"
    else:
        what, them = f'the "{shortened[0].heading}" panel is', "it"
    text = (f"{what} {lines} line{plural} too long to fit the page, even at {size:g} pt: "
            f"cut at least {words} words from {them}")
    if others:
        names = " or ".join(f'"{p.heading}"' for p in others)
        text += f" (or from {names}, in the same column)"
    return text


def _words_to_cut(content: list[Panel], together: tuple[int, ...], over_of, needs,
                  predictor, size: float, side: float, lines: int) -> int:
    """The fewest words that, cut from the end of the panel, make its column fit; without
    Pango, an estimate from the panel's words a line, with a line to spare."""
    shortened = [p for p in content if p.number in together]
    total = sum(len(block.text.split()) for block in shortened[0].blocks)
    if not predictor:
        region = needs[f"panel-{together[0]}"]
        per_line = count_words(" ".join(b.text for b in shortened[0].blocks)) / \
            max(1, sum(b.lines for b in region.blocks))
        return max(1, math.ceil((lines + 1) * per_line))
    widths = Geometry(side).widths()

    def fits_without(count: int) -> bool:
        cut = [_without_last_words(p, count) for p in shortened]
        return over_of({**needs, **predictor.regions(cut, size, widths)}) <= 0

    low, high = 1, total
    if not fits_without(high):
        return total
    while low < high:
        middle = (low + high) // 2
        if fits_without(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _without_last_words(panel: Panel, count: int) -> Panel:
    """The panel with its last `count` words taken off its last blocks."""
    blocks = list(panel.blocks)
    while count > 0 and blocks:
        words = blocks[-1].text.split()
        if len(words) <= count:
            count -= len(words)
            blocks.pop()
        else:
            kept = " ".join(words[:-count])
            blocks[-1] = replace(blocks[-1], text=kept, html=inline(kept))
            count = 0
    return replace(panel, blocks=blocks)
