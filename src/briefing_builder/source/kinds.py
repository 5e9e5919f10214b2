"""The kinds of briefing: what each learns from, and how it is named. Plain Python, so the
command line can offer the choices without loading the content model."""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    """What the briefing learns from."""

    PRACTICE_REVIEW = "practice-review"
    SAFEGUARDING_ADULT_REVIEW = "safeguarding-adult-review"
    DOMESTIC_HOMICIDE_REVIEW = "domestic-homicide-review"
    TOPIC = "topic"

    @property
    def label(self) -> str:
        """The kind as printed on the page: `Safeguarding Adult Review`."""
        return KIND_LABELS[self][0]

    @property
    def review(self) -> str:
        """The kind as the title of a new briefing names it: `Learning from Practice Review`."""
        return KIND_LABELS[self][1]


# Each kind: its label on the page, and the words a new briefing's title uses for it.
KIND_LABELS = {
    Kind.PRACTICE_REVIEW: ("Child Safeguarding Practice Review", "Practice Review"),
    Kind.SAFEGUARDING_ADULT_REVIEW: ("Safeguarding Adult Review", "Safeguarding Adult Review"),
    Kind.DOMESTIC_HOMICIDE_REVIEW: ("Domestic Homicide Review", "Domestic Homicide Review"),
    Kind.TOPIC: ("Practice topic", "Practice"),
}

KIND_NAMES = [kind.value for kind in Kind]
