"""Reading time: a 7-minute briefing is read in seven minutes."""

from __future__ import annotations

from ..problems import Problem, warning
from ..source.load import SourceDocument
from ..source.model import Briefing
from ..source.words import WORDS_PER_MINUTE, briefing_words, reading_minutes
from .rulebook import Rulebook

BRIEFING_MINUTES = 7


def reading_time(document: SourceDocument, briefing: Briefing, rules: Rulebook) -> list[Problem]:
    """Warn when the briefing takes longer than seven minutes to read."""
    words = briefing_words(briefing)
    if words <= BRIEFING_MINUTES * WORDS_PER_MINUTE:
        return []
    return [warning(document.path, document.position(("title",), of_key=True), "reading-time",
                    f"the briefing takes about {reading_minutes(words)} minutes to read "
                    f"({words:,} words at {WORDS_PER_MINUTE} a minute); a 7-minute briefing "
                    f"has at most {BRIEFING_MINUTES * WORDS_PER_MINUTE:,} words",
                    "move detail to the full report or the recommendations")]
