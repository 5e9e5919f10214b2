"""Content checks: the rules a briefing is checked against before it is published.

One module per family of rules: identifying details (`identity`), plain language
(`language`), reading time (`reading`), hidden characters and guidance or the example
link left in from `briefing new` (`characters`); `online` asks links whether they answer.
Identifying details are errors; jargon and discouraged phrases are warnings. The rules
a batch checks with are read once, in `rulebook`.
"""

from __future__ import annotations

from dataclasses import replace

from ..problems import Problem, Severity, warning
from ..source.load import SourceDocument
from ..source.model import Briefing
from .characters import example_links, hidden_characters, placeholders
from .identity import identifying_details, names
from .language import plain_language
from .reading import reading_time
from .rulebook import Rulebook

RULES = [placeholders, example_links, hidden_characters, identifying_details, names, plain_language,
         reading_time]


def _with_severity(problems: list[Problem], rules: Rulebook) -> list[Problem]:
    levels = rules.severity
    return [replace(p, severity=Severity(levels[p.code])) if p.code in levels else p
            for p in problems if levels.get(p.code) != "off"]


def check_content(document: SourceDocument, briefing: Briefing,
                  rules: Rulebook) -> tuple[list[Problem], list[Problem]]:
    """Return the findings of the content rules in file order, and those the briefing allows.

    The house rules add acronyms and phrases and may change a code's severity or
    turn it off. An `allow` entry that matches no finding is itself a warning,
    so that an allowance cannot outlive the words it was written for.
    """
    found = _with_severity(
        [problem for rule in RULES for problem in rule(document, briefing, rules)], rules)
    kept, allowed, used = [], [], set()
    for problem in found:
        match = next((index for index, allowance in enumerate(briefing.allow)
                      if allowance.code == problem.code
                      and allowance.text.lower() in problem.message.lower()), None)
        if match is None:
            kept.append(problem)
        else:
            allowed.append(problem)
            used.add(match)
    for index, allowance in enumerate(briefing.allow):
        if index not in used:
            kept.append(warning(document.path, document.position(("allow", index)),
                                "unused-allow", f"allow item {index + 1} ({allowance.code}: "
                                f"'{allowance.text}') matches no finding", "remove it"))
    return sorted(kept, key=lambda p: p.position), allowed
