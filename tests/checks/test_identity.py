"""Identifying details as real briefings write them: the partnership's own contacts and the
date of publication are not identifying."""

from __future__ import annotations

from click.testing import CliRunner
from helpers import write

from briefing_builder import check
from briefing_builder.batch import prepare
from briefing_builder.checks.identity import date_written
from briefing_builder.cli import main
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
