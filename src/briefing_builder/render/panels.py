"""Arrange a briefing's content into the seven panels of the clock face."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markupsafe import Markup

from ..source.markup import inline
from ..source.model import PANEL_HEADINGS, Briefing

# Panel number -> where it sits on the page, clockwise from the top left.
PLACES = {1: "top-left", 2: "top-right", 3: "right", 4: "bottom-right",
          5: "bottom-centre", 6: "bottom-left", 7: "left"}


@dataclass(frozen=True)
class Item:
    """One point in a panel, with an optional link and the short form printed for it."""

    html: Markup
    url: str | None = None

    @property
    def printed(self) -> str | None:
        return printed_link(self.url) if self.url else None


def printed_link(url: str, limit: int = 38) -> str:
    """Return the short form of a link to print beside it: host and path, no scheme.

    `https://www.example.org/a/b/c.pdf?x=1` prints as `example.org/a/b/c.pdf`; a
    path too long for `limit` keeps its first and last parts: `example.org/a/…/c.pdf`.
    """
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return parts.path
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    if len(host + path) > limit:
        segments = [s for s in path.split("/") if s]
        if len(segments) > 2:
            path = f"/{segments[0]}/…/{segments[-1]}"
        if len(host + path) > limit:
            path = "/…/" + segments[-1] if segments else ""
        if len(host + path) > limit:
            path = path[: max(0, limit - len(host) - 1)] + "…"
    return host + path


@dataclass(frozen=True)
class Panel:
    """One numbered box of the page, in reading order."""

    number: int
    heading: str
    field: str
    paragraphs: list[Markup] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    first_index: int = 0

    @property
    def place(self) -> str:
        return PLACES[self.number]


def split_concerns(concerns: list[str]) -> int:
    """Return how many concerns go in panel 2; the rest continue in panel 3.

    The split falls at the item boundary that makes the two parts' text
    lengths most even; the first part is never left empty.
    """
    total = sum(len(c) for c in concerns)
    best, best_gap, running = 1, None, 0
    for count in range(1, len(concerns) + 1):
        running += len(concerns[count - 1])
        gap = abs(total - 2 * running)
        if best_gap is None or gap < best_gap:
            best, best_gap = count, gap
    return best


def panels(briefing: Briefing, cut: int | None = None) -> list[Panel]:
    """Return the seven panels of `briefing` in reading order, 1 to 7.

    The first `cut` concerns go in panel 2 and the rest in panel 3; by default
    the split is even by length. `cut=0` puts every concern in both panels,
    which is how the fitting stage measures each one.
    """
    def items(texts: list[str]) -> list[Item]:
        return [Item(inline(text)) for text in texts]

    if cut is None:
        cut = split_concerns(briefing.concerns)
    second, third = briefing.concerns[:cut], briefing.concerns[cut:]
    if cut == 0:
        second = third = briefing.concerns
    content = {
        1: {"paragraphs": [inline(p) for p in briefing.paragraphs]},
        2: {"items": items(second)},
        3: {"items": items(third), "first_index": cut},
        4: {"items": items(briefing.information)},
        5: {"items": [Item(inline(r.title), r.url) for r in briefing.resources]},
        6: {"items": items(briefing.questions)},
        7: {"items": items(briefing.what_to_do)},
    }
    return [Panel(number, heading, field, **content[number])
            for number, (field, heading) in PANEL_HEADINGS.items()]


@dataclass(frozen=True)
class Column:
    """One column of the recommendations page: numbered items from `start`."""

    start: int
    items: list[Markup]


def recommendation_columns(recommendations: list[str]) -> list[Column]:
    """Return the recommendations in two columns of about equal length.

    Fixed columns split where the text is most even, rather than CSS columns,
    which WeasyPrint balances by laying the list out again and again.
    """
    if not recommendations:
        return []
    cut = split_concerns(recommendations) if len(recommendations) > 1 else 1
    first, second = recommendations[:cut], recommendations[cut:]
    columns = [Column(1, [inline(text) for text in first])]
    if second:
        columns.append(Column(cut + 1, [inline(text) for text in second]))
    return columns
