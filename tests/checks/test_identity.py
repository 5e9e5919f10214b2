"""Identifying details as real briefings write them: the partnership's own contacts and the
date of publication are not identifying; a person's name that is not a declared pseudonym
is; an age, a place and a date together may be."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import minimal, write

from briefing_builder import check
from briefing_builder.batch import prepare
from briefing_builder.checks.identity import date_written
from briefing_builder.cli import main
from briefing_builder.pipeline import check_one
from briefing_builder.settings import Settings

CONTACTS = """\
title: Learning from Practice Review – ALEX
subject: ALEX
published: 2022-03-01
background: >
  Alex was nine years old and lived with his father.
concerns:
  - One.
  - Two.
  - Three.
information:
  - Ring the front door on 01274 434361 or write to safeguarding@bradford.gov.uk.
  - Our office is at 4 Hall Ings Road, Bradford BD1 1HX.
  - The family could be reached on 07700 900123.
resources:
  - Procedures
questions:
  - A question?
what_to_do:
  - Do this.
"""

OWN = ["01274434361", "Safeguarding@Bradford.gov.uk",
       "Britannia House, 4 Hall Ings Road, Bradford, bd1 1hx"]


def printed(results, folder) -> list[str]:
    return [problem.format().replace(f"{folder}/", "") for item in results
            for problem in item.problems]


def test_the_partnerships_own_contacts_are_not_identifying(tmp_path):
    path = write(tmp_path, "b.yaml", CONTACTS)
    assert printed(check([path], Settings()), tmp_path) == [
        "b.yaml:11:28: error: this looks like a phone number: '01274 434361' (remove it: "
        "a briefing must not identify anyone) [phone-number]",
        "b.yaml:11:53: error: this looks like an email address: "
        "'safeguarding@bradford.gov.uk' (remove it: a briefing must not identify anyone) "
        "[email-address]",
        "b.yaml:12:22: error: this looks like a house number and street: '4 Hall Ings Road' "
        "(remove it: a briefing must not identify anyone) [street-address]",
        "b.yaml:12:49: error: this looks like a postcode: 'BD1 1HX' (remove it: a briefing "
        "must not identify anyone) [postcode]",
        "b.yaml:13:36: error: this looks like a phone number: '07700 900123' (remove it: "
        "a briefing must not identify anyone) [phone-number]",
    ]
    # Declared once, with other spacing and case: only the family's number is left.
    assert printed(check([path], Settings(contacts=OWN)), tmp_path) == [
        "b.yaml:13:36: error: this looks like a phone number: '07700 900123' (remove it: "
        "a briefing must not identify anyone) [phone-number]",
    ]


def test_contacts_reach_the_rules_of_a_build_and_of_the_command_line(tmp_path, monkeypatch):
    assert prepare(Settings(contacts=OWN)).rules.contacts == OWN
    (tmp_path / "pyproject.toml").write_text(
        '[tool.briefing-builder]\ncontacts = ["01274 434361", '
        '"safeguarding@bradford.gov.uk", "4 Hall Ings Road, Bradford BD1 1HX", '
        '"07700 900123"]\n')
    write(tmp_path, "b.yaml", CONTACTS)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "b.yaml"])
    assert (result.exit_code, result.stdout) == (0, "")


DATES = """\
title: Learning from Practice Review – ALEX
subject: ALEX
published: 2021-07-01
background: >
  Alex was nine years old. A Rapid Review met on 12 September 2019.
concerns:
  - Published 1 July 2021; last reviewed on 3rd March 2022.
  - "Updated: 04/03/2022. Issued 2022-03-05. Date of publication: 1 July 2021."
  - This briefing of 01.07.21 replaces the one of 1 June 2021.
information:
  - Point.
resources:
  - Procedures
questions:
  - A question?
what_to_do:
  - Do this.
"""


def test_publication_dates_are_not_identifying(tmp_path):
    path = write(tmp_path, "b.yaml", DATES)
    assert printed(check([path], Settings()), tmp_path) == [
        "b.yaml:5:50: error: a full date can identify a child or family (a date of birth?): "
        "'12 September 2019' (remove it: a briefing must not identify anyone) [full-date]",
        "b.yaml:9:51: error: a full date can identify a child or family (a date of birth?): "
        "'1 June 2021' (remove it: a briefing must not identify anyone) [full-date]",
    ]


def test_a_written_date_is_read_day_first():
    assert date_written("12th of September, 2019").isoformat() == "2019-09-12"
    assert date_written("September 12, 2019").isoformat() == "2019-09-12"
    assert date_written("01.07.21").isoformat() == "2021-07-01"
    assert date_written("04/03/2022").isoformat() == "2022-03-04"
    assert date_written("2022-03-05").isoformat() == "2022-03-05"
    assert date_written("31/02/2020") is None


NAMES = """\
title: Learning from Practice Review – “ALEX”
subject: ALEX
pseudonyms: [Darryll]
published: 2022-03-01
background: >
  ALEX lived with Darryll. Darryll's mother told Georgina and Clare;
  Debbie and Alsami were not seen.
concerns:
  - Mark Smith, the father, was not asked.
  - The social worker told Grace that she could stay.
  - Mrs Rose spoke to the school. Dr James P Comer wrote about it.
information:
  - Information point.
resources:
  - Procedures
questions:
  - A question?
what_to_do:
  - Do this.
"""
UNDECLARED = ("looks like a person's name, and it is not one of the briefing's pseudonyms "
              "(declare it under pseudonyms: if the review uses it, or write a role such as "
              "'the mother') [undeclared-name]")


def test_undeclared_names_are_errors_at_their_place(tmp_path):
    path = write(tmp_path, "b.yaml", NAMES)
    assert printed(check([path], Settings()), tmp_path) == [
        f"b.yaml:6:50: error: 'Georgina' {UNDECLARED}",
        f"b.yaml:6:63: error: 'Clare' {UNDECLARED}",
        f"b.yaml:7:3: error: 'Debbie' {UNDECLARED}",
        f"b.yaml:7:14: error: 'Alsami' {UNDECLARED}",
        f"b.yaml:9:5: error: 'Mark Smith' {UNDECLARED}",
        f"b.yaml:10:28: error: 'Grace' {UNDECLARED}",
        f"b.yaml:11:9: error: 'Rose' {UNDECLARED}",
        f"b.yaml:11:38: error: 'James P Comer' {UNDECLARED}",
    ]


def test_a_name_is_declared_as_a_pseudonym_or_the_subject(tmp_path):
    undeclared = NAMES.replace("pseudonyms: [Darryll]", "pseudonyms: []")
    path = write(tmp_path, "b.yaml", undeclared.replace("subject: ALEX", "subject: Alsami"))
    names = [p.message.split("'")[1] for item in check([path], Settings())
             for p in item.problems]
    assert names == ["ALEX", "ALEX", "Darryll", "Darryll", "Georgina", "Clare", "Debbie",
                     "Mark Smith", "Grace", "Rose", "James P Comer"]


@pytest.mark.parametrize("text", [
    "Mark the date in your diary.",
    "We met at the May meeting, on a Monday in January.",
    "He moved from Bradford to Wandsworth, in West Yorkshire, in the summer.",
    "West Yorkshire Police, Bradford Council, Ofsted and the NHS met Early Help.",
    "Children's Social Care and the Multi-Agency Safeguarding Hub were told.",
    "Hope is what the family needed. Will the plan work? Faith groups helped.",
    "Among the concerns was housing. Young people were not heard.",
    "CAMHS, the LADO and the GP shared what they knew.",
    "EMILY was seen by her GP. Emily's sibling was not.",
    "He waited at Easter for the Children Act 1989 order, in Preston.",
])
def test_ordinary_words_places_and_agencies_are_not_names(tmp_path, text):
    path = write(tmp_path, "b.yaml", minimal(subject="EMILY", title="EMILY", background=text))
    assert [p.format() for p in check_one(path).problems if p.code == "undeclared-name"] == []


# Two real Practice and Learning Bulletins (July 2021, February 2021), as text.
BULLETINS = Path(__file__).parent / "bulletins"
# The sign-off lines of the two bulletins name staff and a quoted academic on purpose.
SIGN_OFFS = ("Traci Taylor", "James P Comer")


def bulletin_as_briefings(folder: Path, name: str) -> list[Path]:
    """The narrative paragraphs of a real bulletin as the points of briefings, 40 a time
    (its links to nowhere, "[Review Conferences](#)", as their words)."""
    text = re.sub(r"\[([^]]*)\]\(#\)", r"\1", (BULLETINS / name).read_text("utf-8"))
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not any(person in line for person in SIGN_OFFS)]
    return [write(folder, f"{name}-{start}.yaml", minimal(
        subject="EMILY", title="Practice and Learning Bulletin", background="One point a line.",
        information=lines[start:start + 40])) for start in range(0, len(lines), 40)]


@pytest.mark.parametrize(("name", "people"), [
    ("2021-07.txt", ["John Coleman"]),
    ("2021-02.txt", ["Richard Fawcett", "Richard", "Rodney Wilson"]),
])
def test_real_bulletins_name_only_real_people(tmp_path, name, people):
    """Nothing else in two real bulletins looks like a name: not Bradford, West Yorkshire,
    Missouri, Yale, Ofsted, Police Powers of Protection, Early Help, the months or EMILY."""
    checked = [check_one(path) for path in bulletin_as_briefings(tmp_path, name)]
    assert all(item.briefing is not None for item in checked)
    found = [p.message.split("'")[1] for item in checked for p in item.problems
             if p.code == "undeclared-name"]
    assert found == people


def test_the_name_data_is_read_only_when_a_check_runs_then_from_the_index(tmp_path):
    """The first check reads the libraries and keeps an index in the output folder's cache;
    the next reads the index alone and imports none of them."""
    path = write(tmp_path, "a.yaml", minimal())
    probe = ("import sys; from click.testing import CliRunner; "
             "from briefing_builder.cli import main; from briefing_builder import checks; "
             "CliRunner().invoke(main, ['--help']); "
             "data = ('faker', 'wordfreq', 'pycountry'); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in data)); "
             f"print(CliRunner().invoke(main, ['check', {str(path)!r}]).output.strip()); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & set(data)))")

    def run() -> list[str]:
        return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              check=True, cwd=tmp_path).stdout.splitlines()

    said = "1 checked, 0 errors, 0 warnings"
    assert run() == ["[]", said, "['faker', 'pycountry', 'wordfreq']"]
    assert [p.name[:8] for p in (tmp_path / "build/.briefing-builder/lexicon").iterdir()] == \
        ["lexicon-"]
    assert run() == ["[]", said, "[]"]


COMBINATION = """\
title: Learning from Practice Review – “ALEX”
subject: ALEX
published: 2022-03-01
background: >
  A 14 year old Wandsworth boy who died in March 2021. He had lived in Bradford since 2019.
concerns:
  - Alex, 14, from Wandsworth, died in 2021.
  - Alex, aged 14, was known to services under the Children Act 1989 in Bradford.
  - The boy, aged 6 weeks, was taken to hospital in Keighley in September.
information:
  - Alex was 14. He lived in Wandsworth. He died in 2021.
resources:
  - Procedures
questions:
  - A question?
what_to_do:
  - Do this.
"""


def test_an_age_a_place_and_a_date_together_are_a_warning(tmp_path):
    path = write(tmp_path, "b.yaml", COMBINATION)
    together = "together can identify a child (remove one of them: the age, the place or the " \
               "date) [identifying-combination]"
    assert printed(check([path], Settings()), tmp_path) == [
        "b.yaml:5:5: warning: an age ('14 year old'), a place ('Wandsworth') and a date "
        f"('March 2021') {together}",
        "b.yaml:7:11: warning: an age ('14'), a place ('Wandsworth') and a date ('2021') "
        f"{together}",
        "b.yaml:9:14: warning: an age ('aged 6 weeks'), a place ('Keighley') and a date "
        f"('September') {together}",
    ]


def test_comments_are_read_where_they_are_and_only_there(tmp_path):
    """A comment after a block scalar's `|`, on its own line or after a value is read (the
    archival PDF keeps it); a `#` inside quoted or block text is the text's, read once."""
    text = (yaml.safe_dump(minimal(background="Alex was nine."), sort_keys=False)
            .replace("background: Alex was nine.\n",
                     "background: >  # was SW1A 1AA\n  Alex was nine.\n")
            .replace("- Concern one about school.\n",
                     "- 'Ring 01632 960 001 # not a comment'\n")
            .replace("- Concern two about health.\n",
                     "- Concern two about health.  # NHS 943 476 5919\n")
            + "# met Jo Bloggs on 3 March 2021\n")
    path = write(tmp_path, "c.yaml", text)
    found = sorted((p.position.line, p.position.column, p.code, "in a comment" in p.message)
                   for p in check([path])[0].problems if p.severity == "error")
    lines = text.splitlines()
    line_of = {words: next(n for n, line in enumerate(lines, 1) if words in line)
               for words in ("SW1A", "01632", "5919", "Jo Bloggs")}
    assert found == [
        (line_of["SW1A"], lines[line_of["SW1A"] - 1].index("SW1A") + 1, "postcode", True),
        (line_of["01632"], lines[line_of["01632"] - 1].index("01632") + 1, "phone-number",
         False),
        (line_of["5919"], lines[line_of["5919"] - 1].index("943") + 1, "nhs-number", True),
        (line_of["Jo Bloggs"], 7, "undeclared-name", True),
        (line_of["Jo Bloggs"], 20, "full-date", True),
    ]


@pytest.mark.parametrize("field,value,code", [
    ("partnership", "Safeguarding Partnership, 0161 496 0000", "phone-number"),
    ("partnership", "Safeguarding Partnership (jo.bloggs@example.com)", "email-address"),
    ("subject", "BABY SW1A 1AA", "postcode"),
])
def test_the_partnership_and_subject_are_checked_as_printed(tmp_path, field, value, code):
    path = write(tmp_path, "p.yaml", minimal(**{field: value}))
    [problem] = [p for p in check([path])[0].problems if p.code == code]
    assert problem.severity == "error" and problem.position.line == 1 + list(
        minimal()).index(field)
