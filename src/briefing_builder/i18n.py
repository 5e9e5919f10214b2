"""The fixed words the tool prints, in the briefing's language: gettext catalogues.

Each language is a catalogue, `locales/<language>/LC_MESSAGES/messages.po`, read with
Babel; English is the words as written in the code and templates. Adding a language is
adding a catalogue (README: "Adding a language"). A language without one prints English.
"""

from __future__ import annotations

import gettext
import io
from datetime import date
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
# Silent reading rates, words a minute: English from Brysbaert (2019); Welsh, whose words
# are longer on average, an estimate until a study of Welsh readers is found.
WORDS_PER_MINUTE = {"en": 238, "cy": 200}


def language(tag: str) -> str:
    """The language of a tag as catalogues name it: `cy-GB` → `cy`."""
    return tag.split("-")[0].lower()


@lru_cache(maxsize=16)
def translations(tag: str) -> gettext.NullTranslations:
    """The catalogue for a language tag (package data, read once), or English."""
    path = LOCALES / language(tag) / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language(tag))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def N_(message: str) -> str:
    """Mark a fixed word for the catalogue where it is written; it is translated where it
    is printed, in the language of what it is printed on."""
    return message


def languages() -> list[str]:
    """Every language the tool's words can be printed in: English and each catalogue."""
    return ["en", *sorted(path.parent.parent.name
                          for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))]


def in_every_language(message: str) -> list[str]:
    """A fixed word as every language prints it, English first (for reading back what the
    tool printed, in whichever language it was printed)."""
    return list(dict.fromkeys(translations(lang).gettext(message) for lang in languages()))


def has_catalogue(tag: str) -> bool:
    """True when the tool's words can be printed in this language."""
    return language(tag) == "en" or (LOCALES / language(tag) / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()


def long_date(day: date, tag: str = "en-GB") -> str:
    """A date as people write it: 1 July 2021, 1 Gorffennaf 2021."""
    if language(tag) == "en":
        return f"{day.day} {day:%B %Y}"
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=language(tag))


def words_per_minute(tag: str) -> int:
    """How fast the briefing's language is read, silently, in words a minute."""
    return WORDS_PER_MINUTE.get(language(tag), WORDS_PER_MINUTE["en"])
