"""Arrange a briefing's content into the seven panels of the clock face."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markupsafe import Markup

from ..source.content import Unit, concern_units, seven_panels
from ..source.markup import inline
from ..source.model import Briefing

# Panel number -> where it sits on the page, clockwise from the top left.
PLACES = {1: "top-left", 2: "top-right", 3: "right", 4: "bottom-right",
          5: "bottom-centre", 6: "bottom-left", 7: "left"}


@dataclass(frozen=True)
class Item:
    """A paragraph (`p`) or a bullet (`li`) of a panel, with an optional link and the short
    form printed for it. A `continued` bullet is the rest of one begun in the panel before,
    printed without a bullet mark."""

    html: Markup
    url: str | None = None
    kind: str = "li"
    continued: bool = False
    text: str = ""  # as the author wrote it, in Markdown

    @property
    def printed(self) -> str | None:
        return printed_link(self.url) if self.url else None


def printed_link(url: str, limit: int = 38) -> str:
    """Return the short form of a link to print beside it: host and path, no scheme.

    `https://www.example.org/a/b/c.pdf?x=1` prints as `example.org/a/b/c.pdf`; a
    path too long for `limit` keeps its first and last parts: `example.org/a/…/c.pdf`,
    then its last part alone. A part is never cut: a reader must be able to type it.
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
        if len(host + path) > limit and len(segments) > 1:
            path = "/…/" + segments[-1]
    return host + path


@dataclass(frozen=True)
class Panel:
    """One numbered box of the page, in reading order, and where its text is written."""

    number: int
    heading: str
    key: tuple[str | int, ...]
    blocks: list[Item] = field(default_factory=list)
    first_index: int = 0

    @property
    def place(self) -> str:
        return PLACES[self.number]

    @property
    def field(self) -> str:
        """Where the panel's text is written, as a dotted key: `concerns`, `panels.2`."""
        return ".".join(str(part) for part in self.key)

    @property
    def groups(self) -> list[tuple[str, list[Item]]]:
        """The blocks in order, bullets next to each other gathered into one list."""
        found: list[tuple[str, list[Item]]] = []
        for block in self.blocks:
            if found and found[-1][0] == block.kind == "li":
                found[-1][1].append(block)
            else:
                found.append((block.kind, [block]))
        return found


def split_concerns(concerns: list[str]) -> int:
    """Return how many of the texts go in the first panel; the rest go in the second.

    The split falls at the boundary that makes the two parts' text lengths most even;
    the first part is never left empty.
    """
    total = sum(len(c) for c in concerns)
    best, best_gap, running = 1, None, 0
    for count in range(1, len(concerns) + 1):
        running += len(concerns[count - 1])
        gap = abs(total - 2 * running)
        if best_gap is None or gap < best_gap:
            best, best_gap = count, gap
    return best


def _joined(units: list[Unit], continued_from: int | None) -> list[Item]:
    """Units of the same block joined into one item again; the first is `continued` when
    its block began in the panel before."""
    pieces: list[tuple[Unit, list[str]]] = []
    for unit in units:
        if pieces and pieces[-1][0].block == unit.block:
            pieces[-1][1].append(unit.text)
        else:
            pieces.append((unit, [unit.text]))
    return [Item(inline(" ".join(texts)), first.url, first.kind,
                 index == 0 and first.block == continued_from, " ".join(texts))
            for index, (first, texts) in enumerate(pieces)]


def panels(briefing: Briefing, cut: int | None = None) -> list[Panel]:
    """Return the seven panels of `briefing` in reading order, 1 to 7.

    Where panel 3 continues the concerns, the first `cut` of their units go in panel 2
    and the rest in panel 3; by default the split is even by length. `cut=0` puts every
    unit, each as an item of its own, in both panels, which is how the fitting stage
    measures them.
    """
    contents = seven_panels(briefing)
    found = [Panel(content.number, content.heading, content.key,
                   [Item(inline(b.text), b.url, b.kind, text=b.text) for b in content.blocks])
             for content in contents]
    if not contents[2].continues:
        return found
    units = concern_units(contents[1].blocks)
    if not units:
        return found
    if cut is None:
        cut = split_concerns([unit.text for unit in units]) if len(units) > 1 else 1
    if cut == 0:
        every = [Item(inline(u.text), u.url, u.kind, text=u.text) for u in units]
        second, third = every, every
    else:
        second = _joined(units[:cut], None)
        third = _joined(units[cut:], units[cut - 1].block)
    found[1] = Panel(2, found[1].heading, found[1].key, second)
    found[2] = Panel(3, found[2].heading, found[2].key, third, first_index=cut)
    return found


def recommendation_columns(recommendations: list[str]) -> list[list[Markup]]:
    """Return the recommendations in two columns of about equal length.

    Fixed columns split where the text is most even, rather than CSS columns,
    which WeasyPrint balances by laying the list out again and again.
    """
    if not recommendations:
        return []
    cut = split_concerns(recommendations) if len(recommendations) > 1 else 1
    first, second = recommendations[:cut], recommendations[cut:]
    return [[inline(text) for text in column] for column in (first, second) if column]
