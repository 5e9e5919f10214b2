"""Reading time: a 7-minute briefing is read in seven minutes."""

from __future__ import annotations

from ..i18n import words_per_minute
from ..problems import Problem, warning
from ..source.load import SourceDocument
from ..source.model import Briefing
from ..source.words import briefing_words, reading_minutes
from .rulebook import Rulebook

BRIEFING_MINUTES = 7


def reading_time(document: SourceDocument, briefing: Briefing, rules: Rulebook) -> list[Problem]:
    """Warn when the briefing takes longer than seven minutes to read."""
    words, rate = briefing_words(briefing), words_per_minute(briefing.lang)
    if words <= BRIEFING_MINUTES * rate:
        return []
    return [warning(document.path, document.position(("title",), of_key=True), "reading-time",
                    f"the briefing takes about {reading_minutes(words, briefing.lang)} minutes to "
                    f"read ({words:,} words at {rate} a minute); a 7-minute briefing "
                    f"has at most {BRIEFING_MINUTES * rate:,} words",
                    "move detail to the full report or the recommendations")]
