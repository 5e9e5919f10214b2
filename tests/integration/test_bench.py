"""`make bench` still runs: each script of bench/ on tiny inputs (BENCH_QUICK=1), one round,
prints its table, with a row for every contestant that can run here and a note for each
that cannot. No time is asserted: the bench measures, the suite only keeps it working when
the library's insides it uses change (about 40 s on two busy cores)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from helpers import ROOT

BENCH = ROOT / "bench"


def bench(script: str) -> str:
    done = subprocess.run([sys.executable, str(BENCH / script)], capture_output=True,
                          text=True, timeout=900, cwd=ROOT,
                          env={**os.environ, "BENCH_QUICK": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def cells(said: str, first: str) -> list[str]:
    """The cells of the table row whose first cell is `first`."""
    for line in said.splitlines():
        row = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and row[0] == first:
            return row
    raise AssertionError(f"no row {first!r} in:\n{said}")


@pytest.fixture(scope="module")
def batch_said() -> str:
    return bench("batch.py")


@pytest.mark.parametrize("contestant, skipped", [
    ("Chromium", "Chromium skipped: "), ("Typst", "Typst skipped: "),
    ("naive weasyprint", "naive weasyprint skipped: ")])
def test_batch_table_has_every_contestant_or_says_why_not(contestant, skipped, batch_said):
    header = cells(batch_said, "briefings")
    assert (contestant in header) != (skipped in batch_said), batch_said


def test_batch_prints_a_row_per_size_with_our_times_and_the_ratios(batch_said):
    header = cells(batch_said, "briefings")
    assert header[1:3] == ["ours --jobs 1", f"ours --jobs {len(os.sched_getaffinity(0))}"]
    assert "WeasyPrint alone" in header  # the floor: always there, WeasyPrint is ours too
    for size in ("1", "3"):
        row = cells(batch_said, size)
        assert len(row) == len(header)
        assert all(re.fullmatch(r"\d+", cell) for cell in row[1:-2]), row
        assert all(re.fullmatch(r"\d+\.\d\d×|–", cell) for cell in row[-2:]), row
    assert re.search(r"no-op rebuild .*\[0 built, 3 up to date", batch_said)
    assert re.search(r"one source changed .*\[1 built, 2 up to date", batch_said)


def test_single_prints_cold_start_up_and_warm_tables():
    said = bench("single.py")
    assert re.fullmatch(r"\d+", cells(said, "`briefing build one.yaml`")[1])
    for command in ("`briefing --help`", "`briefing check FILE`", "`briefing new NAME`"):
        row = cells(said, command)
        assert all(re.fullmatch(r"no|yes, \d+ ms", cell) for cell in row[3:5]), row
    assert cells(said, "`briefing check FILE`")[3].startswith("yes")  # it lays the page out
    assert cells(said, "`briefing check FILE, checked before`")[3:5] == ["no", "no"]
    assert cells(said, "`briefing new NAME`")[1].isdigit()
    assert cells(said, "ours, watch's Rebuilder, --no-discussion")[1].isdigit()
    assert re.search(r"the editor's pictures of both pages, .* after the PDF: \d+ ms", said)


def test_memory_prints_the_peak_early_and_at_the_last():
    said = bench("memory.py")
    early, last = cells(said, "briefing 1"), cells(said, "briefing 3")
    assert float(last[1]) >= float(early[1]) > 0
    assert re.search(r"peak at the last \d+\.\d\d× the peak", said)


def test_fit_prints_a_row_per_shipped_briefing():
    said = bench("fit.py")
    assert re.search(r"^emily\s+\d", said, re.M) and re.search(r"^police-protection\s", said,
                                                                 re.M)
