"""Plain language as real briefings need it: every acronym spelled out the first time, and
the forms of "failure to engage" that blame the family."""

from __future__ import annotations

from helpers import minimal, write

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
