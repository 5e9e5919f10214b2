"""The recommendations page is fitted like page 1: every recommendation whole on it, or an
error saying how many words to cut. Nothing is ever left off."""

import re

from helpers import minimal, write
from pypdf import PdfReader

from briefing_builder import build, check
from briefing_builder.settings import Settings

WORDS = ("safeguarding partnerships should ensure practitioners understand thresholds "
         "documentation responsibilities escalation procedures interagency communication "
         "supervision arrangements assessments chronologies ").split()


def recommendations(count: int, words: int = 45) -> list[str]:
    """`count` recommendations of `words` words, each ending with its own END marker."""
    return [" ".join((WORDS * 4)[:words - 1]) + f" END{number}."
            for number in range(1, count + 1)]


def test_twelve_long_recommendations_are_an_error_never_cut_short(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(recommendations=recommendations(12)))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "failed" and not (tmp_path / "out" / "a.pdf").exists()
    [problem] = result.problems
    assert problem.code == "recommendations-overflow"
    assert problem.position.line == 19  # the recommendations: key
    words = int(re.search(r"cut at least (\d+) words from them", problem.message).group(1))
    # `check` says the same as `build`.
    [checked] = check([path], Settings())
    assert [p.format() for p in checked.problems] == [problem.format()]
    # Cut that many words from the end and every recommendation is on page 2, whole.
    kept = " ".join(recommendations(12)).split()[:-words]
    shorter = [" ".join(kept[i:i + 45]) for i in range(0, len(kept), 45)]
    [fits] = build([write(tmp_path, "b.yaml", minimal(recommendations=shorter))],
                   tmp_path / "out", settings=Settings())
    assert fits.status == "built", [p.format() for p in fits.problems]
    reader = PdfReader(fits.output)
    assert len(reader.pages) == 2
    text = " ".join(reader.pages[1].extract_text().split())
    assert all(" ".join(r.split()[-3:]) in text for r in shorter)
    # … and a tenth fewer would not have been enough.
    fewer = " ".join(recommendations(12)).split()[:-(words * 9 // 10)]
    longer = [" ".join(fewer[i:i + 45]) for i in range(0, len(fewer), 45)]
    [over] = build([write(tmp_path, "c.yaml", minimal(recommendations=longer))],
                   tmp_path / "out", settings=Settings())
    assert [p.code for p in over.problems] == ["recommendations-overflow"]


def test_recommendations_that_fit_are_all_on_page_two(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(recommendations=recommendations(8, 30)))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "built", [p.format() for p in result.problems]
    text = PdfReader(result.output).pages[1].extract_text()
    assert all(f"END{number}." in text for number in range(1, 9))
