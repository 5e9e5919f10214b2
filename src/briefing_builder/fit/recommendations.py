"""The recommendations page: every recommendation on it, whole, or an error saying how many
words to cut. Nothing is ever left off the page.

Page 2 is read off its laid-out boxes as page 1 is (measure.py): every character of the
recommendations must be laid out on that page. When some are not, the words to cut are
found by laying page 2 out alone with words taken off the end of the last
recommendations, until it fits.
"""

from __future__ import annotations

import math

from ..render.engine import TextBox
from ..render.house import HouseStyle
from ..render.html import briefing_html
from ..render.pdf import Rendering, lay_out
from ..source.model import Briefing
from ..source.words import count_words
from .measure import boxes
from .overflow import Overflow

CODE = "recommendations-overflow"
MAX_LAYOUTS = 8


def _characters(text: str) -> int:
    return len("".join(text.split()))


def _element_text(element) -> str:
    return "".join(element.itertext())


def missing_characters(rendering: Rendering) -> int:
    """How many characters of the recommendations page are not laid out on the page where
    it starts (0 when every one is); text carried to a later page, or dropped, is missing."""
    for page in rendering.document.pages:
        for box in boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or box.element_tag != element.tag or \
                    element.get("data-page") != "recommendations":
                continue
            laid_out = sum(_characters(d.text) for d in boxes(box)
                           if isinstance(d, TextBox) and "::" not in (d.element_tag or ""))
            return max(0, _characters(_element_text(element)) - laid_out)
    return 0


def _without_last_words(briefing: Briefing, count: int) -> Briefing:
    kept = list(briefing.recommendations or [])
    while count > 0 and kept:
        words = kept[-1].split()
        if len(words) <= count:
            count -= len(words)
            kept.pop()
        else:
            kept[-1] = " ".join(words[:-count])
            count = 0
    return briefing.model_copy(update={"recommendations": kept or None})


def recommendations_overflow(briefing: Briefing, house: HouseStyle, rendering: Rendering,
                             print_css: str = "") -> Overflow | None:
    """The overflow of the laid-out recommendations page, or None when it holds them all."""
    missing = missing_characters(rendering) if briefing.recommendations else 0
    if not missing:
        return None
    text = " ".join(briefing.recommendations or [])
    total = count_words(text)

    def fits_without(count: int) -> bool:
        page = lay_out(briefing_html(_without_last_words(briefing, count), [],
                                     logo=house.logo, label=house.theme.label),
                       house, print_css)
        return missing_characters(page) == 0

    guess = min(total, math.ceil(missing / max(_characters(text) / max(total, 1), 1)) + 1)
    low, high, layouts = 0, guess, 0  # cutting `low` is not enough; `high` is, once found
    while not fits_without(high) and high < total and layouts < MAX_LAYOUTS:
        low, high, layouts = high, min(total, high * 2), layouts + 1
    while high - low > max(1, high // 20) and layouts < MAX_LAYOUTS:
        middle = (low + high) // 2
        low, high = (low, middle) if fits_without(middle) else (middle, high)
        layouts += 1
    plural = "s" if high != 1 else ""
    return Overflow(("recommendations",),
                    f"the recommendations do not all fit on page 2: cut at least {high} "
                    f"word{plural} from them (or move some to the full report)", CODE)
