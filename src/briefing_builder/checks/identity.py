"""Identifying details: anything that could identify a child, adult or family is an error,
and so is a person's name that the briefing does not declare as a pseudonym."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..problems import Problem, error, warning
from ..source.load import KeyPath, SourceDocument
from ..source.model import Briefing
from . import lexicon
from .names import find_names
from .printed import as_printed
from .rulebook import Rulebook
from .text import archived, in_comment, in_english, position_at, position_of


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
    any_case: bool = False  # looked for in capitals too: a postcode written in lower case


DETECTORS = [
    Detector("nhs-number", re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])"),
             "this looks like an NHS number",
             lambda m: nhs_number_is_valid("".join(m.groups()))),
    Detector("postcode", re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b"),
             "this looks like a postcode", any_case=True),
    Detector("full-date", re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTHS}),? \d{{4}}\b"
        rf"|\b(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b"
        r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b"
        r"|\b\d{1,2}-\d{1,2}-\d{4}\b"),
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


# Details that are the partnership's own when they are part of a declared contact.
CONTACT_CODES = frozenset({"phone-number", "email-address", "postcode", "street-address"})
# Words that say a date is when the briefing was published, not something about a child.
PUBLICATION = re.compile(r"\b(?:published|updated|issued|reviewed|date of publication)"
                         r"\s*(?:on|:|-|–|—)?\s*$", re.IGNORECASE)


def identifying_details(document: SourceDocument, briefing: Briefing,
                        rules: Rulebook) -> list[Problem]:
    """Errors for details that could identify a child or family, in the text, the comments,
    and the partnership and subject printed on the page.

    The partnership's own contact details and the briefing's publication date are not
    such details: see `_is_own`.
    """
    texts = [*archived(document), *document.strings(("partnership",)),
             *document.strings(("subject",))]
    return details_in(document, texts, rules.contacts, briefing.published)


def details_in(document: SourceDocument, texts: Iterable[tuple[KeyPath, str]],
               contacts: Sequence[str], published: date | None) -> list[Problem]:
    """Errors for details that could identify a child or family in `texts` (key paths of
    `document` and their words): a briefing's, or an issue's titles and file names."""
    own = [_squashed(contact) for contact in contacts]
    found = []
    for key, text in texts:
        seen: set[tuple[str, str]] = set()
        # As written first (to point at the words), then as printed: a detail disguised
        # by Markdown, invisible characters, look-alike letters or odd spaces is still one.
        for written, source in ((True, text), (False, as_printed(text))):
            for detector in DETECTORS:
                for match in detector.pattern.finditer(source.upper() if detector.any_case
                                                       else source):
                    words = " ".join(as_printed(match.group(0)).upper().split())
                    if (detector.code, words) in seen or not detector.accept(match) or \
                            _is_own(detector.code, source, match, own, published):
                        continue
                    seen.add((detector.code, words))
                    where = position_of(document, key, text, match) if written else \
                        document.position(key)
                    found.append(error(document.path, where, detector.code,
                                       f"{detector.message}: '{match.group(0)}'"
                                       f"{in_comment(key)}",
                                       "remove it: a briefing must not identify anyone"))
    return found


def _is_own(code: str, text: str, match: re.Match, contacts: list[str],
            published: date | None) -> bool:
    """A phone number, mailbox, postcode or address that is part of one of the partnership's
    declared contacts (spaces and case aside), or the date the briefing was published:
    its own `published` date, or a date right after "Published", "Updated", "Reviewed" ..."""
    if code in CONTACT_CODES:
        words = _squashed(match.group(0))
        return any(words in contact for contact in contacts)
    if code == "full-date":
        return bool(PUBLICATION.search(text[max(0, match.start() - 40):match.start()])) \
            or date_written(match.group(0)) == published
    return False


def _squashed(text: str) -> str:
    return "".join(text.split()).casefold()


_MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}


def date_written(text: str) -> date | None:
    """The date a full date as written means (numbers day first, as in the UK), or None."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    month = re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:st|nd|rd|th|of)\b", "", text))
    try:
        if month:
            return date(numbers[-1], _MONTH_NUMBERS[month.group(0)[:3].lower()], numbers[0])
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date(*numbers)
        day, number, year = numbers
        return date(year + 2000 if year < 100 else year, number, day)
    except (KeyError, ValueError, IndexError):
        return None


def undeclared_names(document: SourceDocument, briefing: Briefing,
                     rules: Rulebook) -> list[Problem]:
    """Errors for personal names that are not the briefing's pseudonyms: every name a
    briefing uses for a person is declared under `pseudonyms:` (the subject counts too)."""
    texts = list(in_english(archived(document)))
    declared = {briefing.subject or "", *briefing.pseudonyms}
    found = []
    for (key, text), names in zip(texts, find_names([text for _, text in texts], declared)):
        for name in names:
            first = name.words[0]
            found.append(error(
                document.path, position_at(document, key, text, name.start, first),
                "undeclared-name", f"'{name.name}' looks like a person's name, and it is not "
                f"one of the briefing's pseudonyms{in_comment(key)}",
                "take it out of the comment" if in_comment(key) else "declare it under "
                "pseudonyms: if the review uses it, or write a role such as 'the mother'"))
    return found


# An age: "a 14 year old", "14-year-old", "aged 14", "age 6 weeks", "Alex, 14," or "Alex (14)".
AGE = re.compile(r"\b\d{1,2}[- ](?:years?|yrs?|months?|weeks?)[- ]old\b"
                 r"|\bage[d]? \d{1,2}(?: (?:years?|months?|weeks?))?\b"
                 r"|(?<=[^\W\d_], )\d{1,2}(?=,)|(?<=[^\W\d_] \()\d{1,2}(?=\))",
                 re.IGNORECASE)
# A month (with its year), or a year that is not part of a title such as "Children Act 1989".
WHEN = re.compile(rf"\b(?:{_MONTHS})\b(?: \d{{4}}\b)?|(?<![\w-])(?:19|20)\d\d(?![\w-])")
TITLE_BEFORE = re.compile(r"\b[A-Z][a-z]+ $")
PLACE = re.compile(r"(?<![\w'’-])[^\W\d_][^\W\d_'’-]+(?:-[^\W\d_]+)*")
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def identifying_combination(document: SourceDocument, briefing: Briefing,
                            rules: Rulebook) -> list[Problem]:
    """Warnings for an age, a place and a month or year in one sentence: none identifies a
    child alone, together they can ("a 14 year old Wandsworth boy who died in March 2021")."""
    found = []
    for key, text in in_english(archived(document)):
        for sentence in SENTENCE.finditer(text):
            parts = _age_place_when(sentence.group(0))
            if parts is None:
                continue
            first = min(parts, key=lambda part: part[0])
            found.append(warning(
                document.path, position_at(document, key, text, sentence.start() + first[0],
                                           first[1]),
                "identifying-combination", f"an age ('{parts[0][1]}'), a place "
                f"('{parts[1][1]}') and a date ('{parts[2][1]}') together can identify a child"
                f"{in_comment(key)}",
                "remove one of them: the age, the place or the date"))
    return found


def _age_place_when(sentence: str) -> list[tuple[int, str]] | None:
    """The first age, place and month or year of a sentence, each with where it starts, or
    None unless it has all three."""
    age = AGE.search(sentence)
    if age is None:  # most sentences: no need to look for the other two
        return None
    when = next((m for m in WHEN.finditer(sentence) if not (
        m.group(0).isdigit() and TITLE_BEFORE.search(sentence[:m.start()]))), None)
    place = next((m for m in PLACE.finditer(sentence) if _a_place(sentence, m)), None)
    if not (place and when):
        return None
    return [(m.start(), m.group(0)) for m in (age, place, when)]


def _a_place(sentence: str, match: re.Match) -> bool:
    """A county or district of the UK (Wandsworth), or a rare capitalised word after "in",
    "from" or "near" that is not a person's name or a month (in Keighley)."""
    word = match.group(0)
    if word in lexicon.districts():
        return True
    after_preposition = re.search(r"\b(?:in|from|near)\s+$", sentence[:match.start()])
    return bool(after_preposition) and lexicon.is_title_word(word) \
        and word not in lexicon.calendar_words() and word not in lexicon.first_names() \
        and lexicon.zipf(word.lower()) < lexicon.RARE and sentence[match.end():][:1] not in "'’"
