from datetime import date

import pytest
from helpers import minimal, write

from briefing_builder.pipeline import check_one
from briefing_builder.source.model import Kind

GOOD = """\
title: Learning from a Practice Review
published: 2022-03-01
background: The boy was nine.
concerns:
  - One concern.
  - Another concern.
information:
  - A point.
resources:
  - Procedures
questions:
  - A question?
what_to_do:
  - Do this.
"""


def lines(path, text):
    return [p.format() for p in check_one(write(path.parent, path.name, text)).problems]


def test_a_valid_briefing_has_no_problems(tmp_path):
    item = check_one(write(tmp_path, "good.yaml", GOOD))
    assert item.problems == []
    assert item.briefing.published == date(2022, 3, 1)
    assert item.briefing.kind is Kind.PRACTICE_REVIEW
    assert item.briefing.resources.items[0].title == "Procedures"
    assert item.briefing.resources.items[0].url is None


def test_typo_key_suggests_the_field(tmp_path):
    path = tmp_path / "typo.yaml"
    text = GOOD.replace("what_to_do:", "what_todo:")
    assert lines(path, text) == [
        f"{path}:13:1: error: 'what_todo' is not a briefing field "
        "(did you mean 'what_to_do'?) [unknown-field]",
    ]


def test_wrong_type(tmp_path):
    path = tmp_path / "type.yaml"
    text = GOOD.replace("questions:\n  - A question?", "questions: 5")
    assert lines(path, text) == [
        f"{path}:11:12: error: Questions should be a list of points (lines starting "
        "with '- '), text, or a panel with heading:, text: and items:, not the number 5 "
        "[wrong-type]"]


def test_impossible_date(tmp_path):
    path = tmp_path / "date.yaml"
    assert lines(path, GOOD.replace("2022-03-01", "2022-02-30")) == [
        f"{path}:2:12: error: Published: 2022-02-30 is not a real date [bad-date]"]
    assert lines(path, GOOD.replace("2022-03-01", "1 March 2022")) == [
        f"{path}:2:12: error: Published: write the date as YYYY-MM-DD, e.g. 2021-07-01 "
        "[bad-date]"]


def test_empty_list_and_empty_item(tmp_path):
    path = tmp_path / "empty.yaml"
    text = GOOD.replace("information:\n  - A point.", "information: []") \
               .replace("  - A question?", "  - A question?\n  -")
    assert lines(path, text) == [f"{path}:12:4: error: Questions: item 2 is empty [empty]"]
    text = GOOD.replace("information:\n  - A point.", "information: []")
    assert lines(path, text) == [
        f"{path}:7:1: error: panel 4 (\"Information\") has nothing in it (write its text or "
        "points under information:, or give it a heading and content of your own (heading:, "
        "text:, items:)) [empty-panel]"]


def test_links_must_be_web_or_mail(tmp_path):
    path = tmp_path / "links.yaml"
    text = GOOD.replace("  - Procedures", "  - title: Procedures\n    url: file:///nowhere/key") \
               .replace("The boy was nine.", "The boy was nine, see [this](javascript:alert(1)).")
    assert lines(path, text) == [
        f"{path}:11:10: error: Resources: item 1, url: the link file:///nowhere/key must start "
        "with https://, http:// or mailto [bad-link]"]
    text = GOOD.replace("The boy was nine.", "The boy was nine, see [this](javascript:alert(1)).")
    assert lines(path, text) == [
        f"{path}:3:42: error: Background: the link javascript:alert(1) must start with "
        "https://, http:// or mailto [bad-link]"]


def test_unknown_nested_field_and_bad_kind(tmp_path):
    item = check_one(write(tmp_path, "n.yaml", minimal(
        kind="serious-case-review", source={"title": "Report", "link": "https://x.org"})))
    assert [(p.code, p.message, p.suggestion) for p in item.problems] == [
        ("bad-value", "Kind of briefing cannot be 'serious-case-review'; choose one of 'practice-review', "
         "'safeguarding-adult-review', 'domestic-homicide-review' or 'topic'", None),
        ("unknown-field", "'link' is not a briefing field", "the fields are: title, url"),
    ]


def test_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    assert lines(path, "- just\n- a list\n") == [
        f"{path}:1:1: error: a briefing must be a list of fields such as 'title: …', "
        "not a list [wrong-type]"]


def test_text_limits(tmp_path):
    item = check_one(write(tmp_path, "long.yaml", minimal(questions=["x" * 3000])))
    assert [p.code for p in item.problems] == ["too-long"]
    assert "3,000 characters; at most 2,000" in item.problems[0].message


def test_folded_text_followed_by_the_next_item_is_not_a_merged_item(tmp_path):
    """The next panel of a list after folded text starts '- ' too, but is not part of it."""
    own = "".join(f"  - heading: Heading {n}\n    text: >\n      Words of panel {n},\n"
                  f"      on two lines.\n" for n in range(1, 8))
    path = tmp_path / "own.yaml"
    assert lines(path, f"title: T\npanels:\n{own}") == []


def test_the_longest_report_link_accepted_is_the_longest_a_qr_code_holds():
    """The check tries one mask rather than all eight: the size of code is chosen first, so
    it accepts exactly the links the printed code can hold."""
    import segno

    from briefing_builder.source.model import Source

    def printable(length: int) -> bool:
        try:
            segno.make("https://example.org/" + "a" * (length - 20), error="m", micro=False)
        except segno.DataOverflowError:
            return False
        return True

    low, high = 100, 5000  # printable, not printable
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if printable(middle) else (low, middle)
    longest = "https://example.org/" + "a" * (low - 20)
    assert Source(title="Report", url=longest).url == longest
    with pytest.raises(ValueError, match="too long to print as a QR code"):
        Source(title="Report", url=longest + "a")


def test_a_link_accepted_without_making_its_qr_code_would_fit_one():
    """A link in ASCII of up to QR_ALWAYS_FITS characters is accepted without making its
    QR code (checking a briefing then needs no QR code maker): at that length, even in the
    characters that take the most room, it fits. A shorter link in other scripts, which
    may take more room, is still tried."""
    import segno

    from briefing_builder.source.model import QR_ALWAYS_FITS, Source

    longest = ("https://example.org/" + "a~%" * QR_ALWAYS_FITS)[:QR_ALWAYS_FITS]
    segno.make(longest, error="m", micro=False, mask=0)  # DataOverflowError if it did not fit
    assert Source(title="Report", url=longest).url == longest
    with pytest.raises(ValueError, match="too long to print as a QR code"):
        Source(title="Report", url="https://example.org/" + "€" * 800)
