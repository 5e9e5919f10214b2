"""A briefing's seven panels as the author wrote them: headings, paragraphs and bullets.

Whichever way the panels were written (the named fields, each a list, text or a panel of
its own, or `panels:`), they become seven `PanelContent` in reading order. Text becomes
blocks: paragraphs, and lines starting with "- ", "* " or "• " as bullets, so a bulleted
background prints as bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import translations
from .load import KeyPath
from .model import PANEL_HEADINGS, Briefing, ConcernsText, PanelText

_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+")


@dataclass(frozen=True)
class Block:
    """A paragraph (`p`) or a bullet (`li`) of a panel, in Markdown, with an optional link."""

    kind: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class PanelContent:
    """One panel: its number, printed heading, where it is written, and what it holds.

    Panel 3 of the named fields continues the concerns (`continues` is True): its blocks
    are the concerns' too, and the page splits them between panels 2 and 3.
    """

    number: int
    heading: str
    key: KeyPath
    blocks: tuple[Block, ...]
    continues: bool = False


def text_blocks(text: str) -> list[Block]:
    """Paragraphs (a blank line between them) and bullets (lines starting "- ") of `text`."""
    blocks: list[Block] = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
        current: list[str] | None = None
        for line in paragraph.splitlines():
            bullet = _BULLET.match(line)
            if bullet or current is None:
                if current is not None:
                    blocks.append(Block(current[0], " ".join(current[1:])))
                current = ["li" if bullet else "p", line[bullet.end():] if bullet else
                           line.strip()]
            elif line.strip():
                current.append(line.strip())
        if current is not None and " ".join(current[1:]).strip():
            blocks.append(Block(current[0], " ".join(current[1:])))
    return blocks


def panel_blocks(panel: PanelText | None) -> tuple[Block, ...]:
    """The blocks of a panel: its text's, then its items."""
    if panel is None:
        return ()
    blocks = text_blocks(panel.text) if panel.text else []
    blocks += [Block("li", item.title, item.url) for item in panel.items or ()]
    return tuple(blocks)


def seven_panels(briefing: Briefing) -> list[PanelContent]:
    """The seven panels of `briefing` in reading order, 1 to 7."""
    if briefing.panels is not None:
        return [PanelContent(number, panel.heading, ("panels", number - 1), panel_blocks(panel))
                for number, panel in enumerate(briefing.panels, start=1)]
    words = translations(briefing.lang)
    found = []
    for number, (name, default) in PANEL_HEADINGS.items():
        panel = getattr(briefing, name)
        default = words.gettext(default)
        heading = panel.heading if panel is not None and panel.heading else default
        if number == 3:
            heading = _continued_heading(panel, default, words)
        found.append(PanelContent(number, heading, (name,), panel_blocks(panel), number == 3))
    return found


def _continued_heading(concerns: PanelText | None, default: str, words) -> str:
    if isinstance(concerns, ConcernsText) and concerns.continued_heading:
        return concerns.continued_heading
    if concerns is not None and concerns.heading:
        return words.gettext("%(heading)s (continued)") % {"heading": concerns.heading}
    return default


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


@dataclass(frozen=True)
class Unit:
    """A piece of the concerns the page may split after: a block, or a sentence of the only
    one (a single long concern splits at a sentence)."""

    block: int
    text: str
    kind: str
    url: str | None = None


def concern_units(blocks: tuple[Block, ...]) -> list[Unit]:
    """The concerns' blocks as the pieces panels 2 and 3 share."""
    if len(blocks) == 1 and blocks[0].url is None:
        sentences = _SENTENCE_END.split(blocks[0].text.strip())
        return [Unit(0, sentence, blocks[0].kind) for sentence in sentences]
    return [Unit(index, block.text, block.kind, block.url) for index, block in enumerate(blocks)]
