"""Plain language: acronyms not spelled out the first time, and discouraged phrases
(warnings)."""

from __future__ import annotations

import re
from collections.abc import Container

from ..problems import Problem, warning
from ..source.load import KeyPath, SourceDocument
from ..source.model import Briefing
from . import lexicon
from .rulebook import Rulebook
from .text import english_narrative, position_of

# Two to six capitals standing alone (a plural s may follow: CPRs), not part of a longer word.
ACRONYM = re.compile(r"(?<![\w&'’-])([A-Z]{2,6})(?:s|['’]s)?(?![\w&'’-])")
ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# A word in capitals this common in English (Zipf) is a word shouted, not an acronym: NOT, ALL,
# DO; two letters need more (ED, for Emergency Department, is an acronym; "ed" is 4.8).
SHOUTED = 4.5
SHOUTED_SHORT = 5.5


def plain_language(document: SourceDocument, briefing: Briefing,
                   rules: Rulebook) -> list[Problem]:
    """Warnings for acronyms not spelled out the first time, and for discouraged phrases. An
    acronym that a discouraged phrase already covers (PPO) is not an acronym to spell out."""
    texts = list(english_narrative(document))
    found, covered = [], set()
    for phrase in rules.phrases:
        for key, text in texts:
            for match in phrase.pattern.finditer(text):
                covered.update((key, index) for index in range(*match.span()))
                found.append(warning(document.path, position_of(document, key, text, match),
                                     phrase.code, f"{phrase.message}: '{match.group(0)}'",
                                     phrase.suggestion))
    return acronyms(document, briefing, rules, texts, covered) + found


def acronyms(document: SourceDocument, briefing: Briefing, rules: Rulebook,
             texts: list[tuple[KeyPath, str]],
             covered: Container[tuple[KeyPath, int]] = frozenset()) -> list[Problem]:
    """Every use of an acronym before it is first spelled out, as "Words in full (ACR)" or
    "ACR (Words in full)". Not acronyms: the subject and pseudonyms in capitals (EMILY),
    Roman numerals, words in capitals (NOT), and those every reader knows (NHS, GP)."""
    meanings = {rule.acronym: rule.meaning for rule in rules.acronyms}
    declared = {word.casefold() for name in (briefing.subject or "", *briefing.pseudonyms)
                for word in re.findall(r"[^\W\d_]+", name)}
    spelled: set[str] = set()
    found = []
    for key, text in texts:
        for match in ACRONYM.finditer(text):
            acronym = match.group(1)
            if (key, match.start()) in covered or acronym in spelled or acronym in rules.known \
                    or acronym.casefold() in declared or ROMAN.fullmatch(acronym) \
                    or (acronym not in meanings and _a_word(acronym)):
                continue
            if spelled_out(text, match, meanings.get(acronym)):
                spelled.add(acronym)
                continue
            found.append(_unexplained(document, key, text, match, meanings.get(acronym)))
    return found


def _a_word(acronym: str) -> bool:
    return lexicon.zipf(acronym.lower()) >= (SHOUTED_SHORT if len(acronym) == 2 else SHOUTED)


def _unexplained(document: SourceDocument, key: KeyPath, text: str, match: re.Match,
                 meaning: str | None) -> Problem:
    acronym = match.group(1)
    where = position_of(document, key, text, match)
    if meaning is not None:
        return warning(document.path, where, "acronym", f"'{acronym}' is jargon to many "
                       "readers", f"write '{meaning}', or '{meaning} ({acronym})' the first time")
    return warning(document.path, where, "acronym", f"'{acronym}' is an acronym that is not "
                   "spelled out where it is first used", "write the words in full the first "
                   f"time, with '{acronym}' in brackets after them")


def spelled_out(text: str, match: re.Match, meaning: str | None) -> bool:
    """Whether this use of an acronym spells it out: "Words in full (ACR)", the words'
    letters giving the acronym's in order, or "ACR (Words in full)"; or, for an acronym
    the rules know, its meaning before it in brackets."""
    acronym = match.group(1)
    before, after = text[:match.start()], text[match.end():]
    if re.search(r"\(\s*$", before) and re.match(r"\+?\s*\)", after):
        words_before = before[:before.rindex("(")].rstrip()
        if meaning is not None and words_before.lower().endswith(meaning.lower()):
            return True
        return abbreviates(acronym, _words(words_before)[-12:], to_the_end=True)
    inside = re.match(r"\+?\s*\(([^()]+)\)", after)
    return inside is not None and abbreviates(acronym, _words(inside.group(1)))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def abbreviates(acronym: str, words: list[str], to_the_end: bool = False) -> bool:
    """Whether the acronym's letters are found in order in `words`, the first at the start of
    a word (Multi-Agency Safeguarding Hub: MASH; Neonatal Unit: NNU) and, `to_the_end`, the
    last in the last word."""
    letters = acronym.lower()
    for index, word in enumerate(words):
        if not word.lower().startswith(letters[0]):
            continue
        joined = "".join(words[index:]).lower()
        place = 1
        for letter in letters[1:-1]:
            place = joined.find(letter, place) + 1
            if place == 0:
                break
        else:
            last = max(place, len(joined) - len(words[-1])) if to_the_end else place
            if len(letters) == 1 or letters[-1] in joined[last:]:
                return True
    return False
