"""The house rules: read once per batch, read again by the next batch, every entry checked."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import minimal, write

from briefing_builder import check
from briefing_builder.cli import main
from briefing_builder.settings import HouseRules, Settings

QUESTION = "Has the IRO seen the plan?"


def rules_file(folder, text: str):
    path = folder / "house.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_edited_rules_file_is_read_again_by_the_next_check(tmp_path):
    """A long-lived process (watch, an editor) checks with the rules as they are now."""
    briefing = write(tmp_path, "b.yaml", minimal(questions=[QUESTION]))
    house = rules_file(tmp_path, '[[acronym]]\nacronym = "IRO"\nmeaning = "Independent '
                                 'Reviewing Officer"\n')
    settings = Settings(rules=HouseRules(file=house))
    [first] = check([briefing], settings)
    assert [p.code for p in first.problems] == ["acronym"]
    rules_file(tmp_path, '[[acronym]]\nacronym = "SGO"\nmeaning = "Special Guardianship '
                         'Order"\n')
    [second] = check([briefing], settings)
    assert [p.message for p in second.problems] == [
        "'IRO' is an acronym that is not spelled out where it is first used"]


def test_an_edited_rules_file_is_read_again_by_watch(tmp_path):
    from briefing_builder.watch import Rebuilder

    briefing = write(tmp_path, "b.yaml", minimal(questions=[QUESTION]))
    house = rules_file(tmp_path, "")
    rebuild = Rebuilder(Settings(output=tmp_path / "out", rules=HouseRules(file=house)),
                        preview=False)
    assert rebuild(briefing).status == "built"
    press = rebuild.press
    assert rebuild(briefing).status == "up to date" and rebuild.press is press  # kept warm
    rules_file(tmp_path, '[[acronym]]\nacronym = "IRO"\nmeaning = "Independent Reviewing '
                         'Officer"\n')
    result = rebuild(briefing)
    assert [p.code for p in result.problems] == ["acronym"]
    assert rebuild.press is not press


@pytest.mark.parametrize(("text", "expected"), [
    ('[[phrase]]\npattern = "hard to reach"\nmessage = "blames the family"\n',
     "house.toml:1:1: error: [[phrase]] number 1 has no 'code' (add a line such as "
     "code = \"…\") [rules-invalid]"),
    ('[[acronym]]\nacronym = "IRO"\nmeaning = "x"\n\n[[phrase]]\ncode = "c"\nmessage = "m"\n'
     'pattern = "(unclosed"\n',
     "house.toml:8:1: error: [[phrase]] number 1, pattern: the pattern is not a regular "
     "expression: missing ), unterminated subpattern at position 0 [rules-invalid]"),
    ('[[acronym]]\nacronym = "IRO"\nmeening = "x"\n',
     "house.toml:1:1: error: [[acronym]] number 1 has no 'meaning' (add a line such as "
     "meaning = \"…\") [rules-invalid]"),
    ('[[acronym]\nacronym = "IRO"\n',
     "house.toml:1:10: error: the rules file is not TOML: Expected ']]' at the end of an "
     "array declaration [rules-syntax]"),
    ('[[acronyms]]\nacronym = "IRO"\n',
     "house.toml:1:1: error: 'acronyms' is not a kind of rule; a rules file holds "
     "[[acronym]] and [[phrase]] tables and a list of known acronyms [rules-invalid]"),
    ('known = ["NHS"]\nother = 1\n',
     "house.toml:2:1: error: 'other' is not a kind of rule; a rules file holds "
     "[[acronym]] and [[phrase]] tables and a list of known acronyms [rules-invalid]"),
    ('# acronyms our readers know\nknown = ["NHS", "Gp"]\n',
     "house.toml:2:1: error: 'known' must be a list of acronyms of 2 to 6 capitals, such as "
     "known = [\"NHS\", \"GP\"] [rules-invalid]"),
])
def test_a_mistake_in_the_rules_file_is_an_error_at_its_line(tmp_path, monkeypatch, text,
                                                             expected):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.briefing-builder.rules]\nfile = "house.toml"\n')
    rules_file(tmp_path, text)
    write(tmp_path, "b.yaml", minimal(questions=[QUESTION]))
    monkeypatch.chdir(tmp_path)
    for command in (["check", "b.yaml"], ["build", "b.yaml"]):
        result = CliRunner().invoke(main, command)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1, command
        assert result.stdout.splitlines()[0].replace(str(tmp_path) + "/", "") == expected
    assert not (tmp_path / "build" / "b.pdf").exists()
