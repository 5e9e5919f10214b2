"""What a batch costs, against Chromium, the naive `weasyprint` per file and a Typst twin.

Run with `make bench` (results in bench/README.md). Everything is measured in this one
run, as whole processes (Python's start, loading, every PDF written), on a library made
from the shipped briefings (the pseudonym or title changed in each copy, so every PDF
differs), for 1, 32 and 200 briefings:

- *ours*: `briefing build DIR --force --no-discussion` with `--jobs 1` and one job per core
  (the page alone, as the others make it: no discussion sheet);
- *Chromium*: one Debian Chromium, launched through Playwright, printing each briefing's
  final page (the HTML and stylesheet the builder lays out) to PDF (bench/chromium_print.py);
- *WeasyPrint alone*: that same page laid out and written by WeasyPrint's API in one
  process (bench/weasyprint_press.py): nothing of ours, the floor of any WeasyPrint tool;
- *naive*: the `weasyprint` command run once per briefing on that same page;
- *Typst*: the Typst twin of the layout (bench/typst-twin/briefing.typ) compiled from each
  briefing's content as JSON, all in one process (bench/typst_press.py), and one process
  per file.

Rounds take turns between the contestants, each round in another order, so a busy moment
of the machine falls on all of them; each figure is the median of its rounds. A per-file
way is timed on a different slice of the library in each round where the batch is more
than twice the slice (naive at 32 and 200, Typst per file at 200): its cost per file does
not depend on how many there are. Then: a no-op rebuild of the 200 and one changed
source, and the peak memory of the building process.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from workload import (
    BENCH,
    BIN,
    PYTHON,
    QUICK,
    export,
    has_chromium,
    has_typst,
    load,
    machine,
    make_library,
    median,
    note,
    run,
    typst_size,
)

SIZES = (1, 3) if QUICK else (1, 32, 200)
ROUNDS = {size: 1 if QUICK else (5 if size == 1 else 3) for size in SIZES}
# Files a per-file way is timed on in each round, where the batch is more than twice that.
SLICE = {"naive": 1, "typst-file": 1} if QUICK else {"naive": 8, "typst-file": 20}
CORES = len(os.sched_getaffinity(0))

Contestant = Callable[[int, int], tuple[float, int]]  # (size, round) -> (seconds, KiB)


def contestants(work: Path, folders: dict[int, Path], pages: list[Path],
                data: list[Path]) -> dict[str, Contestant]:
    """Each way of making the PDFs, by name: given a size and a round, it makes that many
    and returns the seconds that many cost (estimated from a slice for the per-file ways
    at 200) and the peak memory of its largest process. Each checks that it made a PDF
    of every briefing it was given."""
    out = work / "out"

    def whole(command: Callable[[int], list], folder: str) -> Contestant:
        def each(size: int, _: int) -> tuple[float, int]:
            seconds, kib, _said = run(*command(size))
            made(out / f"{folder}-{size}", pages[:size])
            return seconds, kib
        return each

    def per_file(name: str, inputs: list[Path], command: Callable[[Path], list]) -> Contestant:
        def each(size: int, round_: int) -> tuple[float, int]:
            chosen = inputs[:size]
            if size > SLICE[name] * 2:
                chosen = chosen[round_ * SLICE[name]:(round_ + 1) * SLICE[name]]
            runs = [run(*command(path)) for path in chosen]
            made(out / name, chosen)
            return sum(r[0] for r in runs) / len(runs) * size, max(r[1] for r in runs)
        return each

    def ours(jobs: int) -> Contestant:
        return whole(lambda size: [BIN / "briefing", "build", folders[size], "-o",
                                   out / f"j{jobs}-{size}", "--force", "--jobs", str(jobs),
                                   "--no-discussion"], f"j{jobs}")

    found: dict[str, Contestant] = {"ours --jobs 1": ours(1), f"ours --jobs {CORES}": ours(CORES)}
    why = has_chromium()
    if why is None:
        found["Chromium"] = whole(lambda size: [PYTHON, BENCH / "chromium_print.py",
                                                out / f"chromium-{size}", *pages[:size]],
                                  "chromium")
    else:
        note(f"Chromium skipped: {why}")
    found["WeasyPrint alone"] = whole(lambda size: [PYTHON, BENCH / "weasyprint_press.py",
                                                    out / f"alone-{size}", *pages[:size]],
                                      "alone")
    if (BIN / "weasyprint").exists():
        found["naive weasyprint"] = per_file("naive", pages, lambda page: [
            BIN / "weasyprint", page, out / "naive" / f"{page.stem}.pdf"])
    else:
        note("naive weasyprint skipped: no weasyprint command beside this Python")
    if has_typst():
        found["Typst"] = whole(lambda size: [PYTHON, BENCH / "typst_press.py",
                                             out / f"typst-{size}", *data[:size]], "typst")
        found["Typst per file"] = per_file("typst-file", data, lambda path: [
            PYTHON, BENCH / "typst_press.py", out / "typst-file", path])
    else:
        note("Typst skipped: the typst package is not installed (pip install -e '.[bench]')")
    (out / "naive").mkdir(parents=True)
    return found


def made(folder: Path, inputs: list[Path]) -> None:
    """Stop the bench unless `folder` holds a PDF of each of `inputs` (by stem)."""
    for source in inputs:
        pdf = folder / f"{source.stem}.pdf"
        if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF-"):
            raise SystemExit(f"{pdf} was not made")


def measure(found: dict[str, Contestant]) -> dict[int, dict[str, tuple[float, int]]]:
    """Median seconds and peak KiB of each contestant at each size, in turns."""
    results: dict[int, dict[str, tuple[float, int]]] = {}
    names = list(found)
    for size in SIZES:
        times: dict[str, list[tuple[float, int]]] = {name: [] for name in names}
        for round_ in range(ROUNDS[size]):
            turn = names[round_ % len(names):] + names[:round_ % len(names)]
            for name in turn:
                times[name].append(found[name](size, round_))
        results[size] = {name: (median([t for t, _ in runs]), int(median([k for _, k in runs])))
                         for name, runs in times.items()}
        note(f"  {size} done ({ROUNDS[size]} rounds), {load()}")
    return results


def table(results: dict[int, dict[str, tuple[float, int]]]) -> None:
    names = list(next(iter(results.values())))
    note("\nms per briefing, whole processes (median of the rounds)\n")
    head = "| briefings | " + " | ".join(names) + " | Chromium ÷ ours j1 | ours j1 ÷ Typst |"
    note(head)
    note("|" + "---|" * (head.count("|") - 1))
    for size, row in results.items():
        per = {name: seconds / size * 1000 for name, (seconds, _) in row.items()}
        ours = per["ours --jobs 1"]
        chromium = f"{per['Chromium'] / ours:.2f}×" if "Chromium" in per else "–"
        typst = f"{ours / per['Typst']:.2f}×" if "Typst" in per else "–"
        cells = " | ".join(f"{per[name]:.0f}" for name in names)
        note(f"| {size} | {cells} | {chromium} | {typst} |")


def library(folders: dict[int, Path], work: Path, results) -> None:
    """A no-op rebuild of the largest library, one changed source, and peak memory."""
    size = SIZES[-1]
    target = work / "out" / f"j1-{size}"
    noop, _, said = run(BIN / "briefing", "build", folders[size], "-o", target,
                        "--no-discussion")
    source = sorted(folders[size].glob("*.yaml"))[8 if size > 8 else 0]  # an EMILY copy
    source.write_text(source.read_text("utf-8").replace(
        "lived with her mother", "lived with her mother and grandmother"), "utf-8")
    changed, _, changed_said = run(BIN / "briefing", "build", folders[size], "-o", target,
                                   "--no-discussion")
    if "1 built" not in changed_said:
        raise SystemExit(f"one changed source did not rebuild one briefing: {changed_said}")
    full = results[size]["ours --jobs 1"][0]
    note(f"\nlibrary of {size}: full build --jobs 1 {full:.2f} s; no-op rebuild {noop:.2f} s "
         f"({noop / full:.1%} of a full build) [{said.strip().splitlines()[-1]}]; "
         f"one source changed {changed:.2f} s [{changed_said.strip().splitlines()[-1]}]")
    peaks = ", ".join(f"{s} briefings {row['ours --jobs 1'][1] / 1024:.0f} MiB"
                      for s, row in results.items())
    note(f"peak memory of `briefing build --jobs 1`: {peaks}")


def main() -> None:
    note(f"{machine()}\n{load()} at the start"
         + ("\nBENCH_QUICK: tiny inputs, one round; the times mean nothing" if QUICK else ""))
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        every = make_library(work / "every", SIZES[-1])
        folders = {}
        for size in SIZES:
            folders[size] = work / f"library-{size}"
            folders[size].mkdir()
            for path in every[:size]:
                shutil.copy(path, folders[size])
        pages, data = export(every, work)
        found = contestants(work, folders, pages, data)
        note(f"contestants: {', '.join(found)}; {load()}")
        results = measure(found)
        table(results)
        if "Typst" in found:
            note(f"\ntext size chosen, ours (builder) / Typst twin: EMILY copy "
                 f"{_our_size(pages[0])} / {typst_size(data[0]):g} pt"
                 + (f", topic copy {_our_size(pages[1])} / {typst_size(data[1]):g} pt"
                    if len(data) > 1 else ""))
        library(folders, work, results)
        note(f"{load()} at the end")


def _our_size(page: Path) -> str:
    text = page.read_text("utf-8")
    start = text.index('data-text-size="') + len('data-text-size="')
    return f"{float(text[start:text.index(chr(34), start)]):g}"


if __name__ == "__main__":
    main()
