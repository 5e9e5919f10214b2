"""What the checks know about English words, from kept data sets, read on first use only.

- Faker's person providers (MIT): the first names and surnames of its 60 locales in Latin
  script, about 21,000 and 18,000, among them en_GB, en_IE, en_IN and en_PK. Which lists
  give a name matters: Faker's long catch-all `en` list also holds words (Council, Reason).
- wordfreq (Apache-2.0 code, CC-BY-SA data): how often a word is written in English, on
  the Zipf scale (7 for "the", 3 for a word seen once in a million words, 0 for never).
- pycountry (LGPL-2.1): ISO 3166, the world's countries and the UK's nations, counties and
  districts (Bradford, Kirklees, Wandsworth, North Yorkshire).
- confusable_homoglyphs (MIT; Unicode's confusables): the characters that look like a Latin
  letter or digit (Cyrillic а, Greek ο), for reading text as it is printed (`printed`).

Nothing here is imported until a check first asks (about 0.4 s and 65 MiB, once per
process). A batch keeps what the checks ask of them as one compact index in its cache
(`keep_index`), keyed by the libraries' versions and this module: read from there, the lists
cost about 25 ms and 8 MiB, and the libraries are not imported at all (wordfreq only for a
word that is not plain a-z, which the index does not hold).
"""

from __future__ import annotations

import calendar
import hashlib
import importlib
import math
import pkgutil
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

UNKNOWN = 1.0   # Zipf below this: (almost) never written in English: Alsami, Darryll
RARE = 3.0      # below this a word is rare (Georgina is 3.1, Clare 3.7)
SINGLE = 4.0    # a name that at most one English-speaking list gives is a word from here up
COMMON = 5.5    # a word whatever else it is (will, may, can)
INFLECTS = 1.0  # an inflected form at most this much rarer: a word, not only a name
SEASONS = ("Spring", "Summer", "Autumn", "Winter")


_LATIN = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ"  # Basic Latin, Latin-1, Extended-A and -B, Additional
LATIN_WORD = re.compile(rf"[{_LATIN}]+(?:-[{_LATIN}]+)*")


def is_title_word(word: str) -> bool:
    """A capitalised word in Latin script (Darryll, Łukasz, Mary-Jane), not CamelCase."""
    return word.istitle() and bool(LATIN_WORD.fullmatch(word))


def _listed(provider: type, attr: str) -> list[str]:
    """A provider's names: a tuple, or a dict of name and weight; absent in some locales."""
    value = getattr(provider, attr, None)
    if not isinstance(value, (tuple, list, dict, set, frozenset)):
        return []
    return [name for name in value if isinstance(name, str)]


class Store(Protocol):
    """Somewhere to keep the index between runs: by name, as plain data."""

    def get(self, name: str) -> dict | None: ...

    def put(self, name: str, data: dict) -> None: ...


_kept: dict[str, Store] = {}


def keep_index(store: Store) -> None:
    """Read the lists from an index kept in `store` from now on, and keep one there when it
    has none (a cache: the answers are the same without it)."""
    _kept["store"] = store


@dataclass(frozen=True)
class Lists:
    """What the checks ask of the data sets. `english` is how many English-speaking lists
    give each first name (see `english_lists`); `words` the Zipf frequency of every plain
    a-z word wordfreq knows, as sorted "word:zipf" records (None: ask wordfreq), and
    `unknown` that of a word it does not know."""

    english: Mapping[str, int]
    surnames: frozenset[str]
    places: frozenset[str]
    districts: frozenset[str]
    lookalikes: Mapping[str, str]
    words: str | None = None
    unknown: float = 0.0

    def as_data(self) -> dict:
        counts: dict[int, list[str]] = {}
        for name, count in sorted(self.english.items()):
            counts.setdefault(count, []).append(name)
        return {"english": {str(count): " ".join(names) for count, names in counts.items()},
                "surnames": " ".join(sorted(self.surnames)),
                "places": " ".join(sorted(self.places)),
                "districts": " ".join(sorted(self.districts)),
                "lookalikes": "".join(f"{shape}{letter}" for shape, letter
                                      in sorted(self.lookalikes.items())),
                "words": self.words, "unknown": self.unknown}

    @classmethod
    def from_data(cls, data: dict) -> Lists:
        """Lists from `as_data`. Raises KeyError, TypeError or ValueError when the data is
        not that."""
        english: dict[str, int] = {}
        for count, names in data["english"].items():
            english.update(dict.fromkeys(names.split(" "), int(count)))
        if not isinstance(data["words"], str):
            raise TypeError("no words")
        pairs = data["lookalikes"]
        if len(pairs) % 2:
            raise ValueError("a look-alike without its letter")
        return cls(english, *(frozenset(data[key].split(" "))
                              for key in ("surnames", "places", "districts")),
                   dict(zip(pairs[::2], pairs[1::2])), data["words"], float(data["unknown"]))


def _index_name() -> str:
    """The index's name: the libraries' versions and this module's own text."""
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        code = b""
    digest = hashlib.sha256(versions().encode() + b"\0" + code).hexdigest()[:16]
    return f"lexicon-{digest}"


@lru_cache(maxsize=1)
def _lists() -> Lists:
    store = _kept.get("store")
    if store is None:
        return _from_libraries()
    name = _index_name()
    data = store.get(name)
    try:
        return Lists.from_data(data) if data else _keep(store, name)
    except (AttributeError, KeyError, TypeError, ValueError):
        return _keep(store, name)


def _keep(store: Store, name: str) -> Lists:
    lists = _from_libraries(indexed=True)
    store.put(name, lists.as_data())
    return lists


def _from_libraries(indexed: bool = False) -> Lists:
    """The lists from the libraries themselves; `indexed`, with the index of words too."""
    import pycountry

    first, last = _people()
    subdivisions = tuple((re.sub(r"\s*\[.*\]$", "", area.name).split(",")[0], area.type)
                         for area in pycountry.subdivisions.get(country_code="GB"))
    english = {name: sum(locale.startswith("en") or locale == "ga_IE" for locale in locales)
               for name, locales in first.items()}
    words, unknown = _words() if indexed else (None, 0.0)
    return Lists(english, last, _places(first, subdivisions), _districts(subdivisions),
                 _lookalikes(), words, unknown)


def _lookalikes() -> dict[str, str]:
    """Each character that looks like a Latin letter or digit, and that letter or digit."""
    from confusable_homoglyphs import confusables

    found = {}
    for character, homoglyphs in confusables.confusables_data.items():
        if len(character) == 1 and ord(character) > 127:
            plain = next((h["c"] for h in homoglyphs
                          if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()), None)
            if plain is not None:
                found[character] = plain
    return found


def _people() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """({first name: the locales giving it}, surnames), from every Faker person provider."""
    import faker.providers.person as person

    first: dict[str, set[str]] = {}
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_names_nonbinary"):
            for name in _listed(provider, attr):
                first.setdefault(name, set()).add(module.name)
        last.update(_listed(provider, "last_names"))
    return ({name: frozenset(locales) for name, locales in first.items() if is_title_word(name)},
            frozenset(filter(is_title_word, last)))


def _places(first: dict[str, frozenset[str]],
            subdivisions: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """Every word of the names of the world's countries and of the UK's nations, counties
    and districts (North Yorkshire: North, Yorkshire), less the first names common here,
    which are names first (Jordan, Georgia)."""
    import pycountry

    names = [name for name, _ in subdivisions]
    for country in pycountry.countries:
        names += [country.name, getattr(country, "common_name", country.name)]
    words = {word for name in names for word in re.findall(r"[^\W\d_]+", name)
             if is_title_word(word)}
    local = {name for name, locales in first.items()
             if locales & {"en_GB", "en_IE", "ga_IE"}}
    return frozenset(words - local)


def _districts(subdivisions: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The words that name a UK county or district (Wandsworth, Bradford, Yorkshire): places
    small enough to help identify a child; not the nations, not North or City."""
    compass = {"North", "South", "East", "West", "Mid", "Central", "City", "Greater"}
    return frozenset(word for name, kind in subdivisions if kind not in ("Country", "Province")
                     for word in re.findall(r"[^\W\d_]+", name)
                     if is_title_word(word) and word not in compass)


_PLAIN = re.compile(r"[a-z]+")


def _words() -> tuple[str, float]:
    """Every plain a-z word of wordfreq's English list as sorted "word:zipf" records, one
    space apart, and the Zipf frequency of a word not in it, as wordfreq gives them."""
    from wordfreq import get_frequency_list

    records = []
    for index, band in enumerate(get_frequency_list("en")):
        frequency = f":{_zipf_of_band(index)!r}"
        records += [word + frequency for word in band if _PLAIN.fullmatch(word)]
    return " ".join(sorted(records)), _zipf_of_band(None)


def _zipf_of_band(index: int | None) -> float:
    """The Zipf frequency `wordfreq.zipf_frequency` gives a word of one token (as a plain
    word is) in its list's band `index`, or not in the list (None), worked out as it does
    without the 36 MB table of every word it reads for it (tests compare the two)."""
    from wordfreq import cB_to_freq, freq_to_zipf, zipf_to_freq

    minimum = zipf_to_freq(0.0)
    if index is None:
        return round(freq_to_zipf(minimum), 2)
    frequency = max(1.0 / (1.0 / cB_to_freq(-index)), minimum)  # as it combines tokens
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(freq_to_zipf(frequency), 2)


def first_names() -> Mapping[str, int]:
    """Every first name Faker gives, with how many English-speaking lists give it."""
    return _lists().english


def surnames() -> frozenset[str]:
    return _lists().surnames


def english_lists(name: str) -> int:
    """How many English-speaking lists give `name` as a first name (en, en_GB, en_IE,
    en_PK, ga_IE, ...); 0 for a name given only elsewhere or not at all."""
    return _lists().english.get(name, 0)


def places() -> frozenset[str]:
    """Every word of the names of the world's countries and of the UK's nations, counties
    and districts, less the first names common here (see `_places`)."""
    return _lists().places


def districts() -> frozenset[str]:
    """The words that name a UK county or district (see `_districts`)."""
    return _lists().districts


def lookalikes() -> Mapping[str, str]:
    """Each character that looks like a Latin letter or digit, and that letter or digit."""
    return _lists().lookalikes


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Months, weekdays and seasons: capitalised, but never a person (May, June, Summer)."""
    return frozenset(n for n in (*calendar.month_name, *calendar.day_name, *SEASONS) if n)


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """How often `word` is written in English, on the Zipf scale."""
    words = _lists().words
    if words is None or not _PLAIN.fullmatch(word):
        from wordfreq import zipf_frequency

        return zipf_frequency(word, "en")
    return _indexed(words, word, _lists().unknown)


def _indexed(records: str, word: str, unknown: float) -> float:
    """The Zipf frequency of `word` in the sorted "word:zipf" records, found by halving."""
    low, high = 0, len(records)  # both at the start of a record, or the end
    while low < high:
        start = records.rfind(" ", 0, (low + high) // 2) + 1
        start = max(start, low)
        end = records.find(" ", start)
        end = len(records) if end < 0 else end
        found, _, frequency = records[start:end].partition(":")
        if found == word:
            return float(frequency)
        if found < word:
            low = end + 1
        else:
            high = start
    return unknown


def _forms(word: str) -> list[str]:
    """Inflected and derived forms that words have and names do not: hoping, marked, roses,
    madness; a form that is itself a surname (Richards) does not count."""
    forms = [word + end for end in ("s", "es", "ed", "d", "ing", "ly", "er", "est", "ful",
                                    "ness", "less")]
    if word.endswith("y"):
        forms += [word[:-1] + end for end in ("ies", "ied", "iest", "ily", "iful", "iness",
                                               "ous")]
    if word.endswith("e"):
        forms.append(word[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdgkmnprt]$", word):
        forms += [word + word[-1] + end for end in ("ed", "ing", "er")]
    return [form for form in forms if form.capitalize() not in surnames()]


@lru_cache(maxsize=50_000)
def ordinary(word: str) -> bool:
    """Whether a first name is also an ordinary English word. A very common word is (will,
    may); a name that at most one English-speaking list gives is when it is common at all
    (Among, Made, Muslim; Council in `en`); otherwise a name is a word too when it inflects as
    words do (hope: hoping, mark: marked, rose: roses) and names do not (john: johns)."""
    frequency = zipf(word.lower())
    if frequency >= COMMON:
        return True
    if frequency < RARE:
        return False
    if english_lists(word) < 2 and frequency >= SINGLE:
        return True
    return max(zipf(form) for form in _forms(word.lower())) >= frequency - INFLECTS


def versions() -> str:
    """The versions of the data sets, which the findings depend on (read without importing)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in ("Faker", "wordfreq", "pycountry", "confusable_homoglyphs"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} -")
    return ", ".join(found)


def load() -> None:
    """Read every data set now."""
    _lists(), zipf("the")
