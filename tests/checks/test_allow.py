"""Allowances: an `allow` entry accepts a whole finding, its code and its exact words, never a
part of them; the reasons given are checked like the briefing's text."""

import pytest
from helpers import minimal, write

from briefing_builder.pipeline import check_one

NHS = "Her NHS number was 943 476 5919 at the time."


def allowed(tmp_path, allow, **fields):
    return check_one(write(tmp_path, "a.yaml", minimal(allow=allow, **fields)))


@pytest.mark.parametrize("text", ["'", "9", "943", "476 5919", "number", "NHS"])
def test_part_of_a_finding_allows_nothing(tmp_path, text):
    item = allowed(tmp_path, [{"code": "nhs-number", "text": text, "reason": "A test."}],
                   background=NHS)
    assert sorted(p.code for p in item.problems) == ["nhs-number", "unused-allow"]
    assert item.allowed == []


def test_the_whole_finding_is_allowed_and_only_with_its_code(tmp_path):
    item = allowed(tmp_path, [{"code": "nhs-number", "text": "943 476 5919",
                               "reason": "A made-up number, for the exercise."}],
                   background=NHS)
    assert item.problems == [] and [p.code for p in item.allowed] == ["nhs-number"]
    other = allowed(tmp_path, [{"code": "phone-number", "text": "943 476 5919",
                                "reason": "Wrong code."}], background=NHS)
    assert sorted(p.code for p in other.problems) == ["nhs-number", "unused-allow"]


def test_a_phrase_is_allowed_by_its_words_not_by_some_of_them(tmp_path):
    concerns = ["There is no Police Protection Order.", "Another concern."]
    part = allowed(tmp_path, [{"code": "discouraged-phrase", "text": "Police",
                               "reason": "Correcting it."}], concerns=concerns)
    assert "discouraged-phrase" in [p.code for p in part.problems]
    whole = allowed(tmp_path, [{"code": "discouraged-phrase", "text": "Police Protection Order",
                                "reason": "Correcting it."}], concerns=concerns)
    assert whole.problems == []


def test_a_hidden_character_can_never_be_allowed(tmp_path):
    item = allowed(tmp_path, [{"code": "hidden-character", "text": "in background",
                               "reason": "It is fine."}], background="Alex\u202e was nine.")
    codes = sorted(p.code for p in item.problems)
    assert codes == ["hidden-character", "unused-allow"]
    [unused] = [p for p in item.problems if p.code == "unused-allow"]
    assert "hidden-character findings cannot be allowed" in unused.message


def test_the_reasons_are_checked_like_the_text(tmp_path):
    """A reason is printed nowhere, but an archival PDF carries it word for word."""
    item = allowed(tmp_path, [{"code": "discouraged-phrase", "text": "PPO",
                               "reason": "Agreed with the mother on 14 March 2022."}],
                   concerns=["It is not a PPO.", "Another concern."])
    [problem] = item.problems
    assert problem.code == "full-date" and problem.position.line == 21
