"""Read a laid-out page: how tall each panel's text is, where each item starts and ends.

Every measurement comes from the boxes WeasyPrint placed, in millimetres from
the top of the panel's content box.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..render.engine import LineBox, TextBox
from ..render.pdf import Rendering
from ..source.model import PANEL_HEADINGS
from ..source.words import count_words

MM_PER_PX = 25.4 / 96
# Half a tenth of a millimetre: rounding in the layout engine, not text.
TOLERANCE_MM = 0.05
# A measuring page tall enough that overflowing text is measured, not split off.
# Extra stylesheets have user origin, so they need !important to outrank the house style.
MEASURING_PAGE = "@page { size: 297mm 3000mm !important; }"

REGION_NAMES = {"dial": "Title", "centre": "Centre",
                **{f"panel-{n}": heading for n, (_, heading) in PANEL_HEADINGS.items()}}


@dataclass(frozen=True)
class Block:
    """A paragraph or list item as laid out: its extent in mm, its lines and width in px."""

    kind: str
    top: float
    bottom: float
    lines: int
    width: float


@dataclass(frozen=True)
class Heading:
    """A panel heading's type: its font size (px), line height (mm), the width its words
    have (px; as measured, the heading's width) and how far in the number pushes its
    first line (px)."""

    font_px: float
    line: float
    offset: float
    indent: float


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
    blocks: list[Block] = field(default_factory=list)
    frame: float = 0.0
    head: float = 0.0
    heading: Heading | None = None

    @property
    def over(self) -> float:
        return self.needed - self.available

    @property
    def fits(self) -> bool:
        return self.over <= TOLERANCE_MM and not self.split

    @property
    def label(self) -> str:
        return REGION_NAMES[self.name]

    @property
    def box(self) -> float:
        """The height the region's box needs: its text, border and padding."""
        return self.needed + self.frame


def boxes(box):
    """Yield `box` and every box inside it, looking inside positioned boxes too."""
    box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
    yield box
    for child in getattr(box, "children", None) or ():
        yield from boxes(child)


def _text(box) -> str:
    return " ".join(getattr(d, "text", "") for d in boxes(box) if hasattr(d, "text"))


def _characters(text: str) -> int:
    return len("".join(text.split()))


def _complete(box) -> bool:
    """True when every character of the region's element was laid out inside it.

    Text pushed past the bottom of the page is carried to the next page, or
    dropped when there is none; either way, fewer characters are in the box.
    """
    laid_out = sum(_characters(d.text) for d in boxes(box)
                   if isinstance(d, TextBox) and "::" not in (d.element_tag or ""))
    return laid_out >= _characters(_html_text(box.element))


def _html_text(element) -> str:
    """The text of an HTML element as laid out in lines: an SVG's title is not."""
    if "svg" in str(element.tag):
        return element.tail or ""
    return (element.text or "") + "".join(_html_text(child) for child in element) + \
        (element.tail or "")


def _lines(box) -> list:
    """The line boxes of `box`'s own text, not those of ::before or ::after content."""
    if "::" in (getattr(box, "element_tag", None) or ""):
        return []
    box = getattr(box, "_box", box)
    found = [box] if isinstance(box, LineBox) else []
    for child in getattr(box, "children", None) or ():
        found += _lines(child)
    return found


def _region(box) -> Region:
    top = box.content_box_y()
    lines = [d for d in boxes(box) if isinstance(d, LineBox)]
    bottom = max((line.position_y + line.height for line in lines), default=top)
    first = min((line.position_y for line in lines), default=top)
    blocks, seen = [], set()
    for child in boxes(box):
        # The first box of an element is the element itself; later ones are its anonymous parts.
        if getattr(child, "element_tag", None) in ("li", "p") and id(child.element) not in seen:
            seen.add(id(child.element))
            own = _lines(child)
            if own:
                blocks.append(Block(
                    child.element_tag, (child.position_y - top) * MM_PER_PX,
                    (max(line.position_y + line.height for line in own) - top) * MM_PER_PX,
                    len(own), child.width))
    return Region(
        frame=(box.border_height() - box.height) * MM_PER_PX,
        heading=_heading(box),
        name=box.element.get("data-region"),
        field=box.element.get("data-field"),
        available=box.height * MM_PER_PX,
        # Centred content (the dial) can spill above its box as well as below.
        needed=(bottom - min(top, first)) * MM_PER_PX,
        words=count_words(_text(box)),
        items=[(block.top, block.bottom) for block in blocks if block.kind == "li"],
        split=not _complete(box),
        blocks=blocks,
    )


def _heading(box) -> Heading | None:
    """The type of a panel's heading, read off its h2 and the number inside it."""
    h2 = next((d for d in boxes(box) if getattr(d, "element_tag", None) == "h2"), None)
    if h2 is None:
        return None
    lines = [d for d in boxes(h2) if isinstance(d, LineBox)]
    number = next((d for d in boxes(h2) if "number" in (d.element.get("class", "") if
                   getattr(d, "element", None) is not None else "")), None)
    if not lines or number is None:
        return None
    return Heading(h2.style["font_size"], lines[0].height * MM_PER_PX, h2.width,
                   number.margin_width())


def measure(rendering: Rendering) -> dict[float, dict[str, Region]]:
    """Return the regions of each sheet of the laid-out document, by text size and name.

    A region split across pages is measured from its first part and marked.
    """
    sheets: dict[float, dict[str, Region]] = {}
    seen: set[tuple[float, str]] = set()
    size = None  # a region's continuation on the next page is outside its sheet's box
    for number, page in enumerate(rendering.document.pages):
        for box in boxes(page._page_box):
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
