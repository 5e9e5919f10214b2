"""Personal names in narrative text: the words `lexicon`'s data says are names, read in their
place in the sentence.

A capitalised word is a name when the name lists give it and it is not also an ordinary
word (Georgina, Clare), or when English text never uses it (Alsami, Darryll). A name that is
also a word (Mark, Hope, Grace) is one only where capitals tell: in the middle of a sentence,
with a surname, as a possessive, or where the same briefing uses it so elsewhere. Next to
other capitalised words, a name is part of one proper noun: a person's full name ("Rodney
Wilson", "James P Comer"), or not a person at all when the other words are places or
ordinary words ("West Yorkshire Police", "Lucy Faithfull Foundation", "Early Help").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from . import lexicon

# A word with its capitals as written: hyphens and apostrophes inside, a possessive after.
WORD = re.compile(r"(?<![\w'’.@/-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@/-])")
LINK = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+")
CONTRACTION = re.compile(r"['’](?:t|ll|re|ve|d|m)$")
# The end of the text before a word when the word starts a sentence, a line or a list item.
SENTENCE_START = re.compile(r"(?:^|[.!?]['\"’”)\]]*\s+|\n\s*|:\s+)"
                            r"(?:[\"'“‘(\[*_]+|[-*•]\s+|\d+[.)]\s+)*$")
INITIALS = re.compile(r" (?:[A-Z]\.? )*")
# Closed classes of English grammar: words before a noun that are never before a person's
# name, words before a place or a time, and words after a verb in the imperative.
DETERMINERS = frozenset("the a an this that these those our your their its every each any "
                        "no some another which what whose".split())
PLACES = frozenset("in near across around throughout within outside st saint".split())
TIMES = frozenset("at during over since until before after".split())
OBJECTS = DETERMINERS | frozenset("you we it them us me him her".split())
TITLES = frozenset("Mr Mrs Ms Miss Mx Dr Prof".split())
GLUE = 6.0      # Zipf of words that join proper nouns rather than belong to one: of, and, from


class Kind(Enum):
    NAME = "name"            # a name and nothing else: Georgina, Alsami
    WORD_NAME = "word-name"  # a name that is also a word: Mark, Hope, Grace
    SURNAME = "surname"      # a surname only (Smith, Khan): a name next to a name
    PROPER = "proper"        # a rare word in no list (Fawcett): a name next to a name
    TITLE = "title"          # Mrs, Dr
    SKIP = "skip"            # declared, a place, a month, a day
    WORD = "word"            # anything else


@dataclass(frozen=True)
class Token:
    start: int
    end: int                 # the end of the name, before a possessive 's
    word: str
    possessive: bool
    kind: Kind
    unknown: bool            # never written in English: no sentence makes it a word


@dataclass(frozen=True)
class Found:
    """A name in one text: where it is, and the words that make it up."""

    start: int
    end: int
    name: str
    words: tuple[str, ...]
    sure: bool = True        # False: a word-name starting a sentence, a name only if the
                             # briefing uses it as one elsewhere


def kind_of(word: str, declared: frozenset[str]) -> tuple[Kind, bool]:
    """The kind of one capitalised word, and whether English text never uses it."""
    if all(part.casefold() in declared for part in word.split("-")):
        return Kind.SKIP, False
    if word in TITLES:
        return Kind.TITLE, False
    if word.isupper():   # EMILY, CAMHS: a name only when a name list knows it
        named = word.capitalize() in lexicon.first_names() and len(word) > 2 and \
            lexicon.english_lists(word.capitalize()) and not lexicon.ordinary(word.capitalize())
        return (Kind.NAME if named else Kind.WORD), False
    if "-" in word:      # Mary-Jane, Tri-Borough: the strongest kind of a part
        kinds = [kind_of(part, declared) for part in word.split("-")]
        for strongest in (Kind.NAME, Kind.WORD_NAME, Kind.SURNAME, Kind.PROPER):
            if any(kind is strongest for kind, _ in kinds):
                return strongest, any(unknown for _, unknown in kinds)
        return Kind.WORD, False
    return _kind_of_word(word)


def _kind_of_word(word: str) -> tuple[Kind, bool]:
    if word in lexicon.calendar_words() or word in lexicon.places():
        return Kind.SKIP, False
    frequency = lexicon.zipf(word.lower())
    unknown = len(word) > 2 and frequency < lexicon.UNKNOWN
    if word in lexicon.first_names():
        if not lexicon.ordinary(word):
            return Kind.NAME, unknown
        if lexicon.english_lists(word):
            return Kind.WORD_NAME, False
    if unknown:
        return Kind.NAME, True
    base = re.sub(r"^(?:[A-Z]['’]|Mc|Mac)(?=[A-Z])", "", word)
    if word in lexicon.surnames() or base in lexicon.surnames() or base != word:
        return Kind.SURNAME, False
    return (Kind.PROPER if frequency < lexicon.RARE else Kind.WORD), False


def tokens(text: str, declared: frozenset[str]) -> list[Token]:
    """Every capitalised word of `text` with its kind; links and email addresses left out."""
    masked = LINK.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for match in WORD.finditer(masked):
        word = match.group(0)
        possessive = word.endswith(("'s", "’s"))
        word = word[:-2] if possessive else word
        if len(word) < 2 or CONTRACTION.search(word) or not _capitalised(word):
            continue
        kind, unknown = kind_of(word, declared)
        found.append(Token(match.start(), match.start() + len(word), word, possessive,
                           kind, unknown))
    return found


def _capitalised(word: str) -> bool:
    """Darryll, Mary-Jane, O'Brien, McDonald, Łukasz or EMILY; not CamelCase or lower case."""
    if word[:1].islower():  # most words
        return False
    if word.isupper():
        return not re.search(r"['’-]", word)
    parts = re.split(r"['’-]", word)
    return all((len(part) == 1 and part.isupper() and index < len(parts) - 1)
               or lexicon.is_title_word(re.sub(r"^Ma?c(?=[A-Z])", "", part))
               for index, part in enumerate(parts))


def runs(text: str, found: list[Token]) -> list[list[Token]]:
    """Capitalised words next to each other, with initials between, as proper nouns: a
    possessive ends one, and a very common word (of, from, and) stands on its own."""
    grouped: list[list[Token]] = []
    for token in found:
        glue = token.kind is Kind.WORD and lexicon.zipf(token.word.lower()) >= GLUE
        previous = grouped[-1][-1] if grouped else None
        if previous is not None and not previous.possessive and not glue and not (
                previous.kind is Kind.WORD and lexicon.zipf(previous.word.lower()) >= GLUE) \
                and INITIALS.fullmatch(text[previous.end:token.start]):
            grouped[-1].append(token)
        else:
            grouped.append([token])
    return grouped


def sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_START.search(text[max(0, start - 40):start]))


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([^\W\d_]+)\.?[ \t]+$", text[max(0, start - 30):start])
    return found.group(1).lower() if found else ""


def _word_after(text: str, end: int) -> str:
    found = re.match(r"[ \t]+([^\W\d_]+)", text[end:end + 30])
    return found.group(1) if found else ""


def judge(text: str, run: list[Token]) -> Found | None:
    """Whether one run of capitalised words names a person, and how surely."""
    if sentence_start(text, run[0].start) and run[0].kind is Kind.WORD:
        run = run[1:]            # "When Darryll ...": capitalised only to start the sentence
    if not run or any(token.kind in (Kind.SKIP, Kind.WORD) for token in run):
        return None              # a place, an agency, the title of a document
    people = [token for token in run if token.kind is not Kind.TITLE]
    if not people:
        return None
    found = Found(people[0].start, people[-1].end, text[people[0].start:people[-1].end],
                  tuple(token.word for token in people))
    kinds = {token.kind for token in people}
    before = _word_before(text, run[0].start)
    if any(token.unknown for token in people) or run[0].kind is Kind.TITLE:
        return found
    if before in DETERMINERS or (before in PLACES and not people[-1].possessive):
        return None              # "the Mark Scheme", "in Preston", "St John Ambulance"
    if Kind.NAME in kinds or (len(people) > 1 and Kind.WORD_NAME in kinds):
        return found
    if kinds != {Kind.WORD_NAME} or len(people) > 1 or before in TIMES:
        return None              # a surname or a rare word alone; "at Easter"
    if not sentence_start(text, found.start) or people[0].possessive:
        return found
    if _word_after(text, found.end).lower() in OBJECTS:
        return None              # "Mark the date", "Will you ...": a verb
    return Found(found.start, found.end, found.name, found.words, sure=False)


def find_names(texts: list[str], declared: set[str] | frozenset[str]) -> list[list[Found]]:
    """The personal names in each of `texts` (one briefing's) that are not `declared`."""
    allowed = frozenset(word.casefold() for name in declared
                        for word in re.findall(r"[^\W\d_]+", name))
    judged = [[found for run in runs(text, tokens(text, allowed)) if (found := judge(text, run))]
              for text in texts]
    named = {word for found in judged for each in found if each.sure for word in each.words}
    return [[each for each in found if each.sure or each.words[0] in named] for found in judged]
