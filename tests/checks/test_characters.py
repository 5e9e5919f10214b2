"""Hidden characters: anywhere in a briefing (the partnership and the subject too), named
with their place; bidirectional overrides, zero-width and control characters, terminal
escapes and tag characters."""

import pytest
import yaml
from helpers import minimal, write

from briefing_builder.pipeline import check_one


@pytest.mark.parametrize("field", ["partnership", "subject", "title", "label"])
@pytest.mark.parametrize("character,name", [
    ("\u202e", "right-to-left override (U+202E)"),
    ("\u200b", "zero width space (U+200B)"),
    ("\u2066", "left-to-right isolate (U+2066)"),
    ("\u061c", "arabic letter mark (U+061C)"),
    ("\U000e0041", "tag latin capital letter a (U+E0041)"),
])
def test_a_hidden_character_in_any_field_is_named_at_its_place(tmp_path, field, character,
                                                               name):
    value = {"partnership": "Example Partnership", "subject": "ALEX",
             "title": "Learning from Practice Review – ALEX", "label": "Learning briefing"}[field]
    path = write(tmp_path, "a.yaml", minimal(**{field: value[:4] + character + value[4:]}))
    problems = [p for p in check_one(path).problems if p.code == "hidden-character"]
    [problem] = problems
    assert problem.is_error and name in problem.message and f"in {field}" in problem.message
    text = path.read_text("utf-8")
    line = text[:text.index(character)].count("\n") + 1
    assert problem.position.line == line


def test_a_terminal_escape_is_named_and_never_printed(tmp_path):
    rest = yaml.safe_dump(minimal(title=None), allow_unicode=True, sort_keys=False)
    path = write(tmp_path, "a.yaml", 'title: "Learning from \\e[2J\\e[31mPractice"\n' + rest)
    problems = [p for p in check_one(path).problems if p.code == "hidden-character"]
    assert len(problems) == 2 and all("(U+001B)" in p.message for p in problems)
    assert all("\x1b" not in p.format() for p in check_one(path).problems)
