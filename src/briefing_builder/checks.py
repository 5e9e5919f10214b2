"""Content rules a briefing is checked against before it is published.

Identifying details are errors; jargon and discouraged phrases are warnings.
The plain-language rules are data, in `rules/plain-language.toml`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .model import Briefing
from .problems import Problem, Severity, character_named, error, warning
from .reading import WORDS_PER_MINUTE, briefing_words, reading_minutes
from .settings import HouseRules
from .source import KeyPath, SourceDocument

BRIEFING_MINUTES = 7
RULES_FILE = Path(__file__).parent / "rules" / "plain-language.toml"
NAMES_FILE = Path(__file__).parent / "rules" / "first-names.txt"
# Fields that hold narrative text; links, dates and names of the publisher are not narrative.
NARRATIVE = ("title", "source", "background", "concerns", "information", "resources",
             "questions", "what_to_do", "recommendations")


def narrative(document: SourceDocument) -> Iterator[tuple[KeyPath, str]]:
    """Yield every piece of narrative text with its key path, in file order."""
    for name in NARRATIVE:
        for key, text in document.strings((name,)):
            if key[-1] != "url":
                yield key, text


def _at(document: SourceDocument, key: KeyPath, text: str, match: re.Match) -> object:
    """The file position of a match, counting earlier occurrences of the same words."""
    words = match.group(0)
    return document.locate(key, words, nth=text.count(words, 0, match.start()))


# Identifying details -----------------------------------------------------------------------

def nhs_number_is_valid(digits: str) -> bool:
    """True when the ten digits pass the NHS number's modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")


@dataclass(frozen=True)
class Detector:
    """A kind of identifying detail: a pattern, and optionally a test the match must pass."""

    code: str
    pattern: re.Pattern
    message: str
    accept: Callable[[re.Match], bool] = lambda match: True


DETECTORS = [
    Detector("nhs-number", re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])"),
             "this looks like an NHS number",
             lambda m: nhs_number_is_valid("".join(m.groups()))),
    Detector("postcode", re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b"),
             "this looks like a postcode"),
    Detector("full-date", re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS}),? \d{{4}}\b"
        rf"|\b(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b"
        r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b"),
             "a full date can identify a child or family (a date of birth?)"),
    Detector("phone-number", re.compile(r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|0)"
                                        r"\d(?:[\s-]?\d){8,9}(?!\d)"),
             "this looks like a phone number"),
    Detector("email-address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
             "this looks like an email address"),
    Detector("street-address", re.compile(
        r"\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z]+ ){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|"
        r"Way|Court|Crescent|Grove|Place|Terrace|Gardens|Walk|Rise|View|Rd|St|Ave)\b"),
             "this looks like a house number and street"),
]


def identifying_details(document: SourceDocument, briefing: Briefing,
                        house: HouseRules | None = None) -> list[Problem]:
    """Errors for details that could identify a child or family."""
    found = []
    for key, text in narrative(document):
        for detector in DETECTORS:
            for match in detector.pattern.finditer(text):
                if detector.accept(match):
                    found.append(error(document.path, _at(document, key, text, match),
                                       detector.code, f"{detector.message}: '{match.group(0)}'",
                                       "remove it: a briefing must not identify anyone"))
    return found


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names, from the shipped list."""
    lines = (NAMES_FILE.read_text("utf-8")).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def names(document: SourceDocument, briefing: Briefing,
          house: HouseRules | None = None) -> list[Problem]:
    """Warn about capitalised first names other than the declared pseudonym."""
    allowed = {(briefing.subject or "").strip().lower()}
    found = []
    for key, text in narrative(document):
        for match in re.finditer(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", text):
            if match.group(0) in first_names() and match.group(0).lower() not in allowed:
                found.append(warning(document.path, _at(document, key, text, match),
                                     "first-name", f"'{match.group(0)}' looks like a person's "
                                     "name", "use the review's pseudonym, declared as subject, "
                                     "or a role such as 'the mother'"))
    return found


# Plain language ----------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _rules_file(path: Path) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def plain_language_rules(house: HouseRules | None = None) -> dict[str, list[dict]]:
    """The shipped acronyms and discouraged phrases, with the partnership's own added.

    Raises OSError or ValueError when the house rules file cannot be read.
    """
    rules = {kind: list(items) for kind, items in _rules_file(RULES_FILE).items()}
    if house is None:
        return rules
    extra = _rules_file(house.file) if house.file else {}
    rules["acronym"] += extra.get("acronym", []) + [
        {"acronym": acronym, "meaning": meaning} for acronym, meaning in house.acronyms.items()]
    rules["phrase"] += extra.get("phrase", []) + [
        phrase.model_dump(exclude_none=True) for phrase in house.phrases]
    return rules


def plain_language(document: SourceDocument, briefing: Briefing,
                   house: HouseRules | None = None) -> list[Problem]:
    """Warnings for acronyms not spelled out first, and for discouraged phrases."""
    rules = plain_language_rules(house)
    texts = list(narrative(document))
    everything = "\n".join(text for _, text in texts)
    found = []
    for rule in rules.get("acronym", []):
        acronym, meaning = rule["acronym"], rule["meaning"]
        spelled = re.search(rf"{re.escape(meaning)}\s*\({re.escape(acronym)}\)", everything,
                            re.IGNORECASE)
        pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])")
        for key, text in texts:
            for match in pattern.finditer(text):
                if spelled:
                    continue
                found.append(warning(document.path, _at(document, key, text, match), "acronym",
                                     f"'{acronym}' is jargon to many readers",
                                     f"write '{meaning}', or '{meaning} ({acronym})' the first "
                                     "time"))
    for rule in rules.get("phrase", []):
        pattern = re.compile(rule["pattern"], re.IGNORECASE)
        for key, text in texts:
            for match in pattern.finditer(text):
                found.append(warning(document.path, _at(document, key, text, match),
                                     rule["code"], f"{rule['message']}: '{match.group(0)}'",
                                     rule.get("suggestion")))
    return found


# Reading time ------------------------------------------------------------------------------

def reading_time(document: SourceDocument, briefing: Briefing,
                 house: HouseRules | None = None) -> list[Problem]:
    """Warn when the briefing takes longer than seven minutes to read."""
    words = briefing_words(briefing)
    if words <= BRIEFING_MINUTES * WORDS_PER_MINUTE:
        return []
    return [warning(document.path, document.position(("title",), of_key=True), "reading-time",
                    f"the briefing takes about {reading_minutes(words)} minutes to read "
                    f"({words:,} words at {WORDS_PER_MINUTE} a minute); a 7-minute briefing "
                    f"has at most {BRIEFING_MINUTES * WORDS_PER_MINUTE:,} words",
                    "move detail to the full report or the recommendations")]


# Characters that hide or reorder text ------------------------------------------------------

# Bidirectional controls make text display differently from how it is stored and checked;
# zero-width characters hide words from every other rule; control characters have no place
# in a briefing. Pasted text from emails and web pages brings them in unseen.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f"
                     "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def hidden_characters(document: SourceDocument, briefing: Briefing,
                      house: HouseRules | None) -> list[Problem]:
    """Errors for invisible characters anywhere in the briefing, each named (U+XXXX)."""
    found = []
    for key, text in document.strings():
        for match in _HIDDEN.finditer(text):
            name = character_named(match.group(0), "a control character")
            found.append(error(document.path, _at(document, key, text, match),
                               "hidden-character",
                               f"{name} in {key[0]}: an invisible character that hides or "
                               "reorders text", "delete it"))
    return found


PLACEHOLDER = "✎"  # marks the guidance text of `briefing new`


def placeholders(document: SourceDocument, briefing: Briefing,
                 house: HouseRules | None) -> list[Problem]:
    """Errors for guidance text from `briefing new` that has not been replaced yet."""
    from .validate import label

    return [error(document.path, document.locate(key, PLACEHOLDER), "placeholder",
                  f"{label(key)} still holds the guidance text: {' '.join(text.split())[:60]}",
                  "write your own text in its place")
            for key, text in document.strings() if PLACEHOLDER in text]


RULES = [placeholders, hidden_characters, identifying_details, names, plain_language,
         reading_time]


def _with_severity(problems: list[Problem], house: HouseRules | None) -> list[Problem]:
    levels = house.severity if house else {}
    return [replace(p, severity=Severity(levels[p.code])) if p.code in levels else p
            for p in problems if levels.get(p.code) != "off"]


def check_content(document: SourceDocument, briefing: Briefing,
                  house: HouseRules | None = None) -> tuple[list[Problem], list[Problem]]:
    """Return the findings of the content rules in file order, and those the briefing allows.

    The house rules add acronyms and phrases and may change a code's severity or
    turn it off. An `allow` entry that matches no finding is itself a warning,
    so that an allowance cannot outlive the words it was written for.
    """
    found = _with_severity(
        [problem for rule in RULES for problem in rule(document, briefing, house)], house)
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
