"""What the checks know about English words, from kept data sets, read on first use only.

- Faker's person providers (MIT): the first names and surnames of its 60 locales in Latin
  script, about 21,000 and 18,000, among them en_GB, en_IE, en_IN and en_PK. Which lists
  give a name matters: Faker's long catch-all `en` list also holds words (Council, Reason).
- wordfreq (Apache-2.0 code, CC-BY-SA data): how often a word is written in English, on
  the Zipf scale (7 for "the", 3 for a word seen once in a million words, 0 for never).
- pycountry (LGPL-2.1): ISO 3166, the world's countries and the UK's nations, counties and
  districts (Bradford, Kirklees, Wandsworth, North Yorkshire).

Nothing here is imported until a check first asks (about 0.4 s, once per process).
"""

from __future__ import annotations

import calendar
import importlib
import pkgutil
import re
from functools import lru_cache

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


@lru_cache(maxsize=1)
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


def first_names() -> dict[str, frozenset[str]]:
    return _people()[0]


def surnames() -> frozenset[str]:
    return _people()[1]


def english_lists(name: str) -> int:
    """How many English-speaking lists give `name` as a first name (en, en_GB, en_IE,
    en_PK, ga_IE, ...); 0 for a name given only elsewhere or not at all."""
    return sum(locale.startswith("en") or locale == "ga_IE"
               for locale in first_names().get(name, ()))


@lru_cache(maxsize=1)
def _subdivisions() -> tuple[tuple[str, str], ...]:
    """(name, type) of the UK's ISO 3166-2 subdivisions, without their Welsh names."""
    import pycountry

    return tuple((re.sub(r"\s*\[.*\]$", "", area.name).split(",")[0], area.type)
                 for area in pycountry.subdivisions.get(country_code="GB"))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Every word of the names of the world's countries and of the UK's nations, counties
    and districts (North Yorkshire: North, Yorkshire), less the first names common here,
    which are names first (Jordan, Georgia)."""
    import pycountry

    names = [name for name, _ in _subdivisions()]
    for country in pycountry.countries:
        names += [country.name, getattr(country, "common_name", country.name)]
    words = {word for name in names for word in re.findall(r"[^\W\d_]+", name)
             if is_title_word(word)}
    local = {name for name, locales in first_names().items()
             if locales & {"en_GB", "en_IE", "ga_IE"}}
    return frozenset(words - local)


@lru_cache(maxsize=1)
def districts() -> frozenset[str]:
    """The words that name a UK county or district (Wandsworth, Bradford, Yorkshire): places
    small enough to help identify a child; not the nations, not North or City."""
    compass = {"North", "South", "East", "West", "Mid", "Central", "City", "Greater"}
    return frozenset(word for name, kind in _subdivisions() if kind not in ("Country", "Province")
                     for word in re.findall(r"[^\W\d_]+", name)
                     if is_title_word(word) and word not in compass)


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Months, weekdays and seasons: capitalised, but never a person (May, June, Summer)."""
    return frozenset(n for n in (*calendar.month_name, *calendar.day_name, *SEASONS) if n)


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """How often `word` is written in English, on the Zipf scale."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


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
    for package in ("Faker", "wordfreq", "pycountry"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} -")
    return ", ".join(found)


def load() -> None:
    """Read every data set now."""
    _people(), places(), districts(), zipf("the")
