"""Plain language: acronyms not spelled out first, and discouraged phrases (warnings)."""

from __future__ import annotations

import re

from ..problems import Problem, warning
from ..source.load import SourceDocument
from ..source.model import Briefing
from .rulebook import Rulebook
from .text import narrative, position_of


def plain_language(document: SourceDocument, briefing: Briefing,
                   rules: Rulebook) -> list[Problem]:
    """Warnings for acronyms not spelled out first, and for discouraged phrases."""
    texts = list(narrative(document))
    everything = "\n".join(text for _, text in texts)
    found = []
    for rule in rules.acronyms:
        acronym, meaning = rule.acronym, rule.meaning
        if re.search(rf"{re.escape(meaning)}\s*\({re.escape(acronym)}\)", everything,
                     re.IGNORECASE):
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])")
        for key, text in texts:
            for match in pattern.finditer(text):
                found.append(warning(document.path, position_of(document, key, text, match),
                                     "acronym", f"'{acronym}' is jargon to many readers",
                                     f"write '{meaning}', or '{meaning} ({acronym})' the first "
                                     "time"))
    for phrase in rules.phrases:
        for key, text in texts:
            for match in phrase.pattern.finditer(text):
                found.append(warning(document.path, position_of(document, key, text, match),
                                     phrase.code, f"{phrase.message}: '{match.group(0)}'",
                                     phrase.suggestion))
    return found
