"""Content rules: identifying details, plain language and allowances, one rule at a time."""


import pytest
from helpers import ROOT, minimal, write

from briefing_builder import build
from briefing_builder.checks.identity import DETECTORS, nhs_number_is_valid
from briefing_builder.checks.rulebook import load_rulebook
from briefing_builder.pipeline import check_one
from briefing_builder.settings import Settings

DETAILS = """\
title: Learning from Practice Review – ALEX
subject: ALEX
published: 2022-03-01
background: >
  Alex, NHS number 943 476 5919, lived at BD1 1HY.
concerns:
  - Alex was born on 12/03/2015.
  - Mother could be reached on 07700 900123 or mum@example.com.
information:
  - Reference 123 456 7890 is not an NHS number.
resources:
  - Procedures
questions:
  - A question?
what_to_do:
  - Do this.
"""


def findings(path):
    item = check_one(path)
    return [(p.position.line, p.position.column, p.severity.value, p.code)
            for p in item.problems]


def test_identifying_details_are_errors_with_their_place(tmp_path):
    path = write(tmp_path, "details.yaml", DETAILS)
    assert findings(path) == [
        (5, 20, "error", "nhs-number"),
        (5, 43, "error", "postcode"),
        (7, 22, "error", "full-date"),
        (8, 32, "error", "phone-number"),
        (8, 48, "error", "email-address"),
    ]


def test_nhs_check_digit():
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")
    assert not nhs_number_is_valid("1234567890")


@pytest.mark.parametrize("code,text", [
    ("nhs-number", "NHS number 450 557 7104 on file"),
    ("postcode", "moved to LS6 2QT last year"),
    ("full-date", "seen on 3rd March 2020 by the nurse"),
    ("full-date", "born 2015-03-12"),
    ("phone-number", "call +44 113 496 0000"),
    ("email-address", "wrote to a.worker@council.gov.uk"),
    ("street-address", "lived at 14 Acacia Avenue with her aunt"),
])
def test_each_detector_finds_its_detail(code, text):
    [detector] = [d for d in DETECTORS if d.code == code]
    matches = [m for m in detector.pattern.finditer(text) if detector.accept(m)]
    assert len(matches) == 1, (code, text)


@pytest.mark.parametrize("text", [
    "In 2019 the family moved twice.", "Section 46 lasts 72 hours.",
    "Working Together to Safeguard Children 2018", "one of 9 recommendations",
])
def test_ordinary_text_has_no_identifying_details(text):
    for detector in DETECTORS:
        assert not [m for m in detector.pattern.finditer(text) if detector.accept(m)], \
            (detector.code, text)


def test_jargon_gets_its_plain_english(tmp_path):
    path = write(tmp_path, "jargon.yaml", minimal(concerns=[
        "The case was stepped down from CIN.", "Officers used a PPO.",
        "The referral went to the MASH.", "The PLO process started late.",
        "Records spoke of a failure to engage."]))
    item = check_one(path)
    assert [p.code for p in item.problems] == ["acronym", "discouraged-phrase", "acronym",
                                              "acronym", "discouraged-phrase"]
    text = " ".join(p.suggestion for p in item.problems)
    for plain in ("Child in Need", "section 46", "Multi-Agency Safeguarding Hub",
                  "Public Law Outline", "did not work with us"):
        assert plain in text
    assert all(p.severity.value == "warning" for p in item.problems)


def test_the_same_words_spelled_out_pass(tmp_path):
    path = write(tmp_path, "plain.yaml", minimal(concerns=[
        "The case was stepped down from Child in Need.",
        "Officers used police protection under section 46.",
        "The referral went to the Multi-Agency Safeguarding Hub (MASH); the MASH replied.",
        "The Public Law Outline process started late.",
        "We did not find out why the family did not work with us."]))
    assert check_one(path).problems == []


def test_the_seed_emily_text_is_flagged(tmp_path):
    seed = ("Thorough and complete assessment of all the circumstances is vital in all "
            "CIN & CPP processes.")
    item = check_one(write(tmp_path, "seed.yaml", minimal(information=[seed])))
    assert [(p.code, p.message) for p in item.problems] == [
        ("acronym", "'CIN' is jargon to many readers"),
        ("acronym", "'CPP' is jargon to many readers")]


def test_every_acronym_rule_one_by_one(tmp_path):
    for rule in load_rulebook().acronyms:
        used = check_one(write(tmp_path, "a.yaml", minimal(
            questions=[f"Is the {rule.acronym} involved?"])))
        assert [p.code for p in used.problems] == ["acronym"], rule
        assert rule.meaning in used.problems[0].suggestion
        spelled = check_one(write(tmp_path, "b.yaml", minimal(
            questions=[f"Is the {rule.meaning} ({rule.acronym}) involved? "
                       f"Ask the {rule.acronym}."])))
        assert spelled.problems == [], rule


def test_every_phrase_rule_one_by_one(tmp_path):
    for rule in load_rulebook().phrases:
        assert rule.pattern.search(rule.example), rule
        item = check_one(write(tmp_path, "p.yaml", minimal(questions=[rule.example])))
        assert [p.code for p in item.problems] == [rule.code], rule


def test_the_shipped_briefings_have_no_findings():
    for path in sorted((ROOT / "briefings").glob("*.yaml")):
        assert check_one(path).problems == [], path


def test_an_allowance_needs_a_reason_and_is_counted_not_hidden(tmp_path):
    allow = [{"code": "discouraged-phrase", "text": "PPO",
              "reason": "The briefing corrects the term."}]
    item = check_one(write(tmp_path, "a.yaml", minimal(
        concerns=["It is not a PPO.", "Another concern."], allow=allow)))
    assert item.problems == [] and [p.code for p in item.allowed] == ["discouraged-phrase"]
    unused = check_one(write(tmp_path, "b.yaml", minimal(allow=allow)))
    assert [p.code for p in unused.problems] == ["unused-allow"]
    missing = check_one(write(tmp_path, "c.yaml", minimal(
        concerns=["It is not a PPO.", "Another concern."],
        allow=[{"code": "discouraged-phrase", "text": "PPO"}])))
    assert [p.code for p in missing.problems] == ["missing-field"]


def test_build_refuses_a_briefing_with_identifying_details(tmp_path):
    path = write(tmp_path, "details.yaml", DETAILS)
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "failed"
    assert not (tmp_path / "out" / "details.pdf").exists()


def test_house_rules_add_acronyms_and_phrases_and_set_severities(tmp_path):
    from briefing_builder import check
    from briefing_builder.settings import HouseRules, PhraseRule
    path = write(tmp_path, "h.yaml", minimal(concerns=[
        "Referred to CAMHS.", "The family were hard to reach.", "Stepped down from CIN."]))
    house = HouseRules(
        acronyms={"CAMHS": "Child and Adolescent Mental Health Services"},
        phrases=[PhraseRule(pattern="hard to reach", message="blames the family",
                            suggestion="say what we tried")],
        severity={"acronym": "error", "discouraged-phrase": "off"})
    [item] = check([path], Settings(rules=house))
    assert [(p.code, p.severity.value) for p in item.problems] == [
        ("acronym", "error"), ("acronym", "error")]
    assert "Child and Adolescent Mental Health Services" in item.problems[0].suggestion
    house = house.model_copy(update={"severity": {}})
    [item] = check([path], Settings(rules=house))
    assert [p.code for p in item.problems] == ["acronym", "discouraged-phrase", "acronym"]


def test_house_rules_from_pyproject_and_a_rules_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from briefing_builder.cli import main
    (tmp_path / "pyproject.toml").write_text(
        '[tool.briefing-builder]\n[tool.briefing-builder.rules]\nfile = "house.toml"\n'
        'severity = { acronym = "error" }\n')
    (tmp_path / "house.toml").write_text(
        '[[acronym]]\nacronym = "IRO"\nmeaning = "Independent Reviewing Officer"\n')
    write(tmp_path, "b.yaml", minimal(questions=["Has the IRO seen the plan?"]))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "b.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ("b.yaml:16:11: error: 'IRO' is jargon to many readers (write "
                             "'Independent Reviewing Officer', or 'Independent Reviewing Officer "
                             "(IRO)' the first time) [acronym]\n")



def test_panels_of_the_authors_own_are_checked_like_the_named_fields(tmp_path):
    own = [{"heading": f"Heading {n}", "items": [f"Point {n}."]} for n in range(1, 8)]
    own[3]["text"] = "The family lived at 4 Hall Ings Road, BD1 1HX."
    own[5]["heading"] = "What about CIN?"
    item = check_one(write(tmp_path, "own.yaml", {"title": "T", "panels": own}))
    assert {"postcode", "street-address", "acronym"} <= {p.code for p in item.problems}
    assert all(p.position.line > 1 for p in item.problems)


def test_the_templates_example_link_left_in_is_an_error(tmp_path):
    """`briefing new` writes https://example.org/ as an example: left in, the page would
    print a link to nowhere. (This failed before the rule existed.)"""
    path = write(tmp_path, "b.yaml", minimal(
        resources=[{"title": "Procedures", "url": "https://example.org/"}],
        questions=["Have you read [the guidance](https://example.org)?"]))
    item = check_one(path)
    assert [p.format() for p in item.problems] == [
        f"{path}:14:8: error: Resources: item 1, url: https://example.org/ is the example "
        "link from the template, not a real page (write the address of the page itself, or "
        "delete the link) [example-link]",
        f"{path}:16:32: error: Questions: item 1: https://example.org is the example link "
        "from the template, not a real page (write the address of the page itself, or "
        "delete the link) [example-link]"]
    other = write(tmp_path, "c.yaml", minimal(
        resources=[{"title": "Procedures", "url": "https://example.org/procedures"}]))
    assert check_one(other).problems == []
