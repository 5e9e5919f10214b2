"""Identifying details disguised as people disguise them, on purpose or by pasting: each
still prints the detail, so each must still be found. The checker reads the text as printed."""

from __future__ import annotations

import pytest
from helpers import minimal, write

from briefing_builder.checks.printed import as_printed
from briefing_builder.pipeline import check_one

DETAILS = {
    "nhs-number": "943 476 5919",
    "phone-number": "07700 900123",
    "email-address": "jo.bloggs@example.com",
    "postcode": "BD1 1HX",
    "full-date": "14 March 2022",
}
INVISIBLE = ["\u034f", "\u061c", "\u180e", "\ufe0f", "\u206a", "\U000e0041", "\u3164",
             "\ufff9", "\u200b", "\u2060"]
SPACES = ["  ", "\u00a0", "\u2009", "\u2007", "\u202f", "\u3000"]
CYRILLIC = str.maketrans("BHXOoaecpxy", "ВНХОоаесрху")
FULL_WIDTH = str.maketrans("0123456789@.", "０１２３４５６７８９＠．")


def disguises(code: str, detail: str) -> list[tuple[str, str]]:
    """(name, disguised text) for one detail."""
    found = [(f"invisible U+{ord(c):04X}", detail[:3] + c + detail[3:]) for c in INVISIBLE]
    found += [(f"space U+{ord(s[0]):04X}", detail.replace(" ", s, 1)) for s in SPACES
              if " " in detail]
    escaped = {"nhs-number": "943\\-476\\-5919", "phone-number": "07700\\-900\\-123",
               "email-address": "jo\\.bloggs\\@example\\.com", "postcode": "BD1 1HX\\.",
               "full-date": "14 March 2022\\."}
    found += [("escaped", escaped[code]),
              ("emphasis", f"*{detail[:2]}*{detail[2:]}"),
              ("strong", f"**{detail[:2]}**{detail[2:]}"),
              ("empty link", f"{detail[:3]}[](https://example.org/x){detail[3:]}"),
              ("code", f"`{detail}`"),
              ("look-alike letters", detail.translate(CYRILLIC)),
              ("full-width", detail.translate(FULL_WIDTH))]
    if code == "postcode":
        found.append(("lower case", detail.lower()))
    if code == "full-date":
        found += [("dashes", "14-03-2022"), ("dots", "14.03.2022")]
    return found


CASES = [(code, name, text) for code, detail in DETAILS.items()
         for name, text in disguises(code, detail)
         if as_printed(text).casefold() != as_printed(detail).casefold() or name != "code"]


def test_the_corpus_is_large_and_every_disguise_prints_the_detail():
    assert len(CASES) >= 50
    for code, name, text in CASES:
        printed = as_printed(text)
        squashed = printed.upper().replace(" ", "").replace("-", "").rstrip(".")
        assert squashed in {as_printed(DETAILS[code]).upper().replace(" ", ""),
                            "14032022", "14.03.2022"}, (code, name, printed)


@pytest.mark.parametrize(("code", "name", "text"), CASES,
                         ids=[f"{code}-{name}" for code, name, _ in CASES])
def test_a_disguised_detail_is_found(tmp_path, code, name, text):
    path = write(tmp_path, "d.yaml", minimal(questions=[f"Did anyone use {text} at all?"]))
    item = check_one(path)
    assert code in {p.code for p in item.problems if p.is_error}, \
        [p.format() for p in item.problems]


def test_invisible_characters_in_printed_text_are_errors_named_by_their_code_point(tmp_path):
    for character in INVISIBLE:
        item = check_one(write(tmp_path, "i.yaml", minimal(questions=[f"Why{character}?"])))
        [hidden] = [p for p in item.problems if p.code == "hidden-character"]
        assert f"(U+{ord(character):04X})" in hidden.message
