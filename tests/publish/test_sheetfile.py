"""The small readers a completed sheet's values go through: the sheet's reference, the dates
teams write, the number of people present."""

from datetime import date

import pytest

from briefing_builder.publish.dates import due_date, people
from briefing_builder.publish.sheetfile import read_marker
from briefing_builder.render.discussion import MARKER


@pytest.mark.parametrize("name", ["alex", "my briefing", "Ärger-2"])
def test_a_sheets_reference_names_its_briefing(name):
    assert read_marker(f"{MARKER}; name={name}; version=0123456789ab") == (name, "0123456789ab")


@pytest.mark.parametrize("text", [
    f"{MARKER}; name=../../etc/passwd; version=0123456789ab",
    f"{MARKER}; name=.hidden; version=0123456789ab", f"{MARKER}; name=a\\b; version=0123456789ab",
    f"{MARKER}; name=alex; version=0123", "something else", None])
def test_a_reference_that_is_a_path_or_not_ours_is_none(text):
    assert read_marker(text) is None


@pytest.mark.parametrize(("text", "day"), [
    ("30/09/2025", date(2025, 9, 30)), ("by 1.10.25", date(2025, 10, 1)),
    ("2025-09-30", date(2025, 9, 30)), ("30 Sept 2025", date(2025, 9, 30)),
    ("the 3rd of March, 2026", date(2026, 3, 3)), ("September 2025", date(2025, 9, 30)),
    ("end of Feb 2024", date(2024, 2, 29)), ("31/02/2025", None), ("ongoing", None),
    ("ASAP", None), ("", None)])
def test_due_dates_as_teams_write_them(text, day):
    assert due_date(text) == day


def test_people_present():
    assert [people(t) for t in ("9", "12 people", "about 20", "ten", "")] == [
        9, 12, 20, None, None]
