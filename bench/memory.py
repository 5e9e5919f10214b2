"""Memory of one process building a thousand briefings, through the library.

Run with `make bench` (results in bench/README.md). `batch.build` with one job builds
every briefing in this process (as `briefing build --jobs 1` does, but as a library
caller, whose objects are never frozen out of garbage collection), the page alone as in
bench/batch.py (no discussion sheet). After the 100th briefing and after the last, it
notes the peak resident size of the process so far and the resident size then. The goal:
the peak at the last within 10 % of the peak at the 100th.

The checks' word index (kept in the build cache, see `checks.lexicon.keep_index`) is made
first in another process, as any earlier build would have: made during the first
briefing, it would raise the early peak by some 60 MiB and hide any growth after it.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from workload import BIN, QUICK, ROOT, load, machine, make_library, note, run

from briefing_builder.batch import build
from briefing_builder.settings import load_settings

COUNT = 3 if QUICK else 1000
EARLY = 1 if QUICK else 100


def resident() -> tuple[float, float]:
    """The peak resident size so far and the resident size now, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    now = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            now = int(line.split()[1]) / 1024
    return peak, now


def main() -> None:
    note(f"{machine()}\n{load()} at the start"
         + ("\nBENCH_QUICK: a few briefings; the figures mean nothing" if QUICK else ""))
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        paths = make_library(work / "library", COUNT)
        settings = load_settings(ROOT, discussion=False)
        run(BIN / "briefing", "check", paths[0])  # keeps the word index in settings.output
        marks: dict[int, tuple[float, float, float]] = {}
        done = 0
        started = time.perf_counter()

        def progress(item) -> None:
            nonlocal done
            assert item.status == "built", (item.path, item.problems)
            done += 1
            if done in (EARLY, COUNT):
                marks[done] = (*resident(), time.perf_counter() - started)

        build(paths, work / "out", force=True, settings=settings, jobs=1, progress=progress)
        assert done == COUNT and len(list((work / "out").glob("*.pdf"))) == COUNT
    (early_peak, early_now, early_s), (last_peak, last_now, last_s) = marks[EARLY], marks[COUNT]
    note(f"\none process building {COUNT} briefings (batch.build, jobs=1, no discussion "
         f"sheet)\n")
    note("| after | peak RSS MiB | RSS then MiB | s so far |\n|---|---|---|---|")
    note(f"| briefing {EARLY} | {early_peak:.0f} | {early_now:.0f} | {early_s:.1f} |")
    note(f"| briefing {COUNT} | {last_peak:.0f} | {last_now:.0f} | {last_s:.1f} |")
    note(f"\npeak at the last {last_peak / early_peak:.2f}× the peak at the {EARLY}th "
         f"(goal: within 1.10×); {(last_s - early_s) / (COUNT - EARLY) * 1000:.0f} ms a "
         f"briefing after the {EARLY}th")
    note(f"{load()} at the end")


if __name__ == "__main__":
    main()
