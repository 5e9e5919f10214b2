"""Content checks: the rules a briefing is checked against before it is published.

One module per family of rules: identifying details (`identity`), plain language
(`language`), reading time (`reading`), hidden characters and guidance or the example
link left in from `briefing new` (`characters`); `online` asks links whether they answer.
Identifying details are errors; jargon and discouraged phrases are warnings. The rules
a batch checks with are read once, in `rulebook`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..i18n import language as language_of
from ..problems import Problem, Severity, warning
from ..source.load import SourceDocument
from ..source.model import Briefing
from .characters import example_links, hidden_characters, placeholders
from .identity import identifying_combination, identifying_details, undeclared_names
from .language import plain_language
from .reading import reading_time
from .rulebook import Rulebook
from .translation import translation

RULES = [placeholders, example_links, hidden_characters, identifying_details,
         identifying_combination, undeclared_names, plain_language, reading_time, translation]
# Rules written for English text: acronyms and phrases of English practice guidance, and
# names told from English words.
ENGLISH_ONLY = [plain_language, undeclared_names, identifying_combination]


def _english_only_note(document: SourceDocument, briefing: Briefing) -> Problem:
    return warning(document.path, document.position(("lang",)), "english-rules-off",
                   f"the plain-language rules (acronyms, discouraged phrases) and the checks for "
                   f"names and identifying combinations are written for English; this "
                   f"briefing is in '{briefing.lang}', so they were not applied",
                   "ask a reader of the language to check it for jargon and for names")
# Findings no allowance can accept: what they hide would hide other findings too.
NEVER_ALLOWED = {"hidden-character", "placeholder"}
# The words a finding quotes: '…', closed before a space, punctuation or the end.
_QUOTED = re.compile(r"'(.+?)'(?=[\s:;,.!?)]|$)")


def finding_texts(problem: Problem) -> set[str]:
    """The exact words a finding is about: those its message quotes, or, when it quotes
    none, its whole message."""
    quoted = {" ".join(text.split()) for text in _QUOTED.findall(problem.message)}
    return quoted or {" ".join(problem.message.split())}


def allows(allowance, problem: Problem) -> bool:
    """True when the allowance names this whole finding: its code and its exact words,
    never a part of them (`text: "'"` allows nothing)."""
    return (allowance.code == problem.code and problem.code not in NEVER_ALLOWED
            and " ".join(allowance.text.split()) in finding_texts(problem))


def _with_severity(problems: list[Problem], rules: Rulebook) -> list[Problem]:
    levels = rules.severity
    return [replace(p, severity=Severity(levels[p.code])) if p.code in levels else p
            for p in problems if levels.get(p.code) != "off"]


def check_content(document: SourceDocument, briefing: Briefing,
                  rules: Rulebook) -> tuple[list[Problem], list[Problem]]:
    """Return the findings of the content rules in file order, and those the briefing allows.

    The house rules add acronyms and phrases and may change a code's severity or
    turn it off. An `allow` entry accepts the findings with its code whose words are
    exactly its text; one that matches no finding is itself a warning, so that an
    allowance cannot outlive the words it was written for.
    """
    rules_here = RULES if language_of(briefing.lang) == "en" else [
        rule for rule in RULES if rule not in ENGLISH_ONLY]
    found = _with_severity(
        [problem for rule in rules_here for problem in rule(document, briefing, rules)] +
        ([] if rules_here is RULES else [_english_only_note(document, briefing)]), rules)
    kept, allowed, used = [], [], set()
    for problem in found:
        match = next((index for index, allowance in enumerate(briefing.allow)
                      if allows(allowance, problem)), None)
        if match is None:
            kept.append(problem)
        else:
            allowed.append(problem)
            used.add(match)
    for index, allowance in enumerate(briefing.allow):
        if index not in used:
            never = allowance.code in NEVER_ALLOWED
            kept.append(warning(document.path, document.position(("allow", index)),
                                "unused-allow", f"allow item {index + 1} ({allowance.code}: "
                                f"'{allowance.text}') matches no finding" +
                                (f": {allowance.code} findings cannot be allowed" if never
                                 else ""),
                                "remove it" if never else "remove it, or write the finding's "
                                "code and its words exactly as the finding quotes them"))
    return sorted(kept, key=lambda p: p.position), allowed
