"""Reading time: words at 238 a minute, the silent reading rate for non-fiction
(Brysbaert 2019, "How many words do we read per minute?")."""

from __future__ import annotations

import math
import re

from ..i18n import words_per_minute
from .content import seven_panels
from .model import Briefing

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Return the number of words in `text`, Markdown link targets left out."""
    return len(_WORD.findall(re.sub(r"\]\([^)]*\)", "]", text)))


def briefing_words(briefing: Briefing) -> int:
    """Return the number of words a reader of the briefing meets, on every page."""
    panels = seven_panels(briefing)
    texts = [briefing.title, *(block.text for panel in panels if not panel.continues
                               for block in panel.blocks),
             *(briefing.recommendations or ())]
    return sum(count_words(text) for text in texts)


def reading_minutes(words: int, lang: str = "en-GB") -> int:
    """Return whole minutes to read `words` in the language `lang`, at least one."""
    return max(1, math.ceil(words / words_per_minute(lang)))
