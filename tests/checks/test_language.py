"""Plain language as real briefings need it: every acronym spelled out the first time, and
the forms of "failure to engage" that blame the family."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import minimal, write

from briefing_builder.checks.language import abbreviates
from briefing_builder.checks.rulebook import load_rulebook
from briefing_builder.cli import main
from briefing_builder.pipeline import check_one


def printed(path) -> list[str]:
    return [p.format().replace(f"{path.parent}/", "") for p in check_one(path).problems]


def test_did_not_engage_and_non_engagement_are_discouraged(tmp_path):
    path = write(tmp_path, "b.yaml", minimal(concerns=[
        "Mother did not engage with the health visitor.",
        "Records spoke of non-engagement and of the father's non engagement.",
        "The family did not work with us because visits were in school hours."]))
    suggestion = "(say why the family did not work with us and what we did to overcome it)"
    assert printed(path) == [
        "b.yaml:7:10: warning: 'did not engage' places the blame on the family, as 'failure "
        f"to engage' does: 'did not engage' {suggestion} [discouraged-phrase]",
        "b.yaml:8:20: warning: 'non-engagement' places the blame on the family, as 'failure "
        f"to engage' does: 'non-engagement' {suggestion} [discouraged-phrase]",
        "b.yaml:8:55: warning: 'non-engagement' places the blame on the family, as 'failure "
        f"to engage' does: 'non engagement' {suggestion} [discouraged-phrase]",
    ]


ACRONYMS = """\
title: Learning from Safeguarding Adults Review – “ALEX”
subject: ALEX
pseudonyms: [Darcy]
published: 2022-03-01
background: >
  The SAB asked for a SAR. ALEX was taken to ED and then to the NNU.
concerns:
  - The Safeguarding Adults Board (SAB) met twice; the SAB agreed.
  - A SAR (Safeguarding Adults Review) followed.
  - Part II of the Emergency Department (ED) report was NOT shared with DARCY's GP.
information:
  - The NHS, the UK, TV news, and the GP in the Neonatal Unit (NNU).
  - Officers used a PPO.
resources:
  - Procedures
questions:
  - Did the LADO know?
what_to_do:
  - Tell the LADO.
"""


def test_every_acronym_is_spelled_out_the_first_time(tmp_path):
    path = write(tmp_path, "b.yaml", ACRONYMS)
    unexplained = ("is an acronym that is not spelled out where it is first used (write the "
                   "words in full the first time, with '{0}' in brackets after them) [acronym]")
    assert printed(path) == [
        "b.yaml:6:7: warning: 'SAB' " + unexplained.format("SAB"),
        "b.yaml:6:23: warning: 'SAR' " + unexplained.format("SAR"),
        "b.yaml:6:46: warning: 'ED' " + unexplained.format("ED"),
        "b.yaml:6:65: warning: 'NNU' " + unexplained.format("NNU"),
        "b.yaml:13:21: warning: there is no such thing as a Police Protection Order: 'PPO' "
        "(write 'police protection under section 46 of the Children Act 1989') "
        "[discouraged-phrase]",
        "b.yaml:17:13: warning: 'LADO' " + unexplained.format("LADO"),
        "b.yaml:19:14: warning: 'LADO' " + unexplained.format("LADO"),
    ]


def test_an_acronym_spelled_out_first_is_not_flagged_later(tmp_path):
    text = ACRONYMS.replace("  The SAB asked for a SAR. ALEX was taken to ED and then to the "
                            "NNU.", "  The Local Authority Designated Officer (LADO) was told.")
    assert printed(write(tmp_path, "b.yaml", text)) == [
        "b.yaml:13:21: warning: there is no such thing as a Police Protection Order: 'PPO' "
        "(write 'police protection under section 46 of the Children Act 1989') "
        "[discouraged-phrase]"]


@pytest.mark.parametrize(("words", "acronym", "spelled"), [
    ("Multi-Agency Safeguarding Hub", "MASH", True),
    ("Child and Adolescent Mental Health Services", "CAMHS", True),
    ("Neonatal Unit", "NNU", True),
    ("the Emergency Department", "ED", True),
    ("was taken to hospital", "ED", False),
    ("Safeguarding Adults Board meeting notes", "SAB", False),
])
def test_words_in_full_give_the_acronyms_letters_in_order(words, acronym, spelled):
    assert abbreviates(acronym, words.replace("-", " ").split(), to_the_end=True) is spelled


def test_acronyms_every_reader_knows_are_the_shipped_and_the_partnerships(tmp_path,
                                                                         monkeypatch):
    assert load_rulebook().known == {"NHS", "UK", "GP", "TV"}
    (tmp_path / "pyproject.toml").write_text(
        '[tool.briefing-builder.rules]\nknown = ["LADO"]\nfile = "house.toml"\n')
    (tmp_path / "house.toml").write_text('known = ["NNU"]\n')
    write(tmp_path, "b.yaml", minimal(concerns=["The LADO and the NNU.", "A SAB.", "Three."]))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "b.yaml"])
    assert result.stdout == (
        "b.yaml:8:5: warning: 'SAB' is an acronym that is not spelled out where it is first "
        "used (write the words in full the first time, with 'SAB' in brackets after them) "
        "[acronym]\n")
