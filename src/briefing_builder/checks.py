"""Content rules a briefing is checked against before it is published."""

from __future__ import annotations

from .model import Briefing
from .problems import Problem, warning
from .reading import WORDS_PER_MINUTE, briefing_words, reading_minutes
from .source import SourceDocument

BRIEFING_MINUTES = 7


def reading_time(document: SourceDocument, briefing: Briefing) -> list[Problem]:
    """Warn when the briefing takes longer than seven minutes to read."""
    words = briefing_words(briefing)
    if words <= BRIEFING_MINUTES * WORDS_PER_MINUTE:
        return []
    return [warning(document.path, document.position(("title",), of_key=True), "reading-time",
                    f"the briefing takes about {reading_minutes(words)} minutes to read "
                    f"({words:,} words at {WORDS_PER_MINUTE} a minute); a 7-minute briefing "
                    f"has at most {BRIEFING_MINUTES * WORDS_PER_MINUTE:,} words",
                    "move detail to the full report or the recommendations")]


RULES = [reading_time]


def check_content(document: SourceDocument, briefing: Briefing) -> list[Problem]:
    """Return every finding of the content rules, in file order."""
    found = [problem for rule in RULES for problem in rule(document, briefing)]
    return sorted(found, key=lambda problem: problem.position)
