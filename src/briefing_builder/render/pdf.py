"""Lay a page out with the house style and write it as a tagged PDF.

WeasyPrint reaches the outside world only through the house style's fetcher,
which serves files from the house style folder and refuses everything else.
"""

from __future__ import annotations

import contextlib
import logging
import math
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from .house import BriefingPage, HouseStyle
from .languages import tag_parts
from .tags import mend_tags

# A3 is A4 scaled by the square root of two: the same layout, every length larger.
ZOOM = {"a4": 1.0, "a3": math.sqrt(2)}


@dataclass
class Rendering:
    """A laid-out document and what happened on the way."""

    document: object
    refused: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def pdf(self, paper: str = "a4", variant: str = "pdf/ua-1",
            attachments: list | None = None, forms: bool = False) -> bytes:
        """Return the PDF bytes, tagged for screen readers (PDF/UA-1) by default, the
        tags of its links and lists mended (tags.py).

        `variant` "pdf/a-3a" makes an archival PDF/A-3 that is tagged too; its
        `attachments` are kept as associated files. With `forms`, inputs and text areas
        styled `appearance: auto` become form fields. Either way the same source
        gives the same bytes: no random identifier, dates from the briefing.
        """
        with warnings.catch_warnings(), _layout_engine_messages() as messages:
            # For PDF/A, WeasyPrint opens its sRGB profile and leaves the file to the
            # garbage collector to close.
            warnings.simplefilter("ignore", ResourceWarning)
            data = self.document.write_pdf(zoom=ZOOM[paper], pdf_variant=variant,
                                           pdf_identifier=variant.startswith("pdf/a"),
                                           attachments=attachments, pdf_forms=forms,
                                           finisher=_finish)
        self.warnings += messages  # drawing is when a missing glyph is found
        return data


def _finish(document, pdf) -> None:
    """WeasyPrint's finisher: the tags completed and mended as the PDF is written. The
    parts in another language are tagged first, while the Span elements are as the layout
    engine made them (languages.py pairs them with their boxes in that order)."""
    tag_parts(document, pdf)
    mend_tags(document, pdf)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _layout_engine_messages() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings instead of letting them reach the terminal: the
    build turns them into problems with a place in the briefing."""
    collect = _Collect()
    weasy_logger = logging.getLogger("weasyprint")
    weasy_logger.addHandler(collect)
    propagate, weasy_logger.propagate = weasy_logger.propagate, False
    try:
        yield collect.messages
    finally:
        weasy_logger.removeHandler(collect)
        weasy_logger.propagate = propagate


def print_css(paper: str = "a4", bleed_mm: float = 0.0, marks: bool = False) -> str:
    """Return the page rules for professional print: bleed and crop marks.

    Lengths are divided by the zoom, so 3 mm of bleed is 3 mm on A3 too. Extra
    stylesheets have user origin, hence !important.
    """
    rules = []
    if bleed_mm:
        rules.append(f"bleed: {bleed_mm / ZOOM[paper]:.4f}mm !important;")
    if marks:
        rules.append("marks: crop !important;")
    return "@page { " + " ".join(rules) + " }" if rules else ""


def lay_out(html: str, house: HouseStyle, extra_css: str = "") -> Rendering:
    """Lay out `html` with the house style; returns the laid-out document.

    Only files of the house style's folder can be fetched; every other URL is
    refused and listed in the result.
    """
    house.fetcher.refused.clear()  # what this layout asked for, not the whole batch
    with _layout_engine_messages() as messages:
        document = BriefingPage(html, house).render(
            stylesheets=house.with_extra(extra_css), font_config=house.fonts,
            counter_style=house.counters)
    return Rendering(document, list(house.fetcher.refused),
                     [m for m in messages if "refused to fetch" not in m])
