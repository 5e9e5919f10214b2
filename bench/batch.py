"""What a batch costs: per-briefing time with one job and all cores, against the naive way.

Run with `make bench`. Everything is measured in this one run, on a library
made from the shipped briefings (the pseudonym or topic renamed in each copy,
so every PDF differs):

- *naive*: the `weasyprint` command run once per briefing on the page's final
  HTML and the house stylesheet (a new process each time, no fitting);
- *batch*: `briefing build DIR --force` with `--jobs 1` and with one job per core, the
  median of three runs each, taking turns with the naive runs;
- *no-op*: `briefing build` of 200 briefings when nothing changed, and after one
  source changed;
- *peak memory*: the largest resident size of the building process for 50 and for
  200 briefings with `--jobs 1`, where all the work happens in one process.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing_builder.fit.fit import Fitter, fit
from briefing_builder.pipeline import check_one
from briefing_builder.render.house import HouseStyle
from briefing_builder.render.html import briefing_html, final_sheet
from briefing_builder.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BATCH = 32
NAIVE = 12
LIBRARY = 200
ROUNDS = 3
NAMES = ["ASH", "BLAKE", "CASEY", "DARCY", "ELLIS", "FINLEY", "GRAY", "HARLEY", "INDIE",
         "JESSIE", "KAI", "LOGAN", "MORGAN", "NOOR", "OAKLEY", "PERRY"]


def make_library(folder: Path, count: int) -> list[Path]:
    """`count` briefings, alternately from EMILY and the police protection topic."""
    folder.mkdir(parents=True, exist_ok=True)
    emily = (ROOT / "briefings" / "emily.yaml").read_text("utf-8")
    topic = (ROOT / "briefings" / "police-protection.yaml").read_text("utf-8")
    paths = []
    for number in range(count):
        name = f"{NAMES[number % len(NAMES)]}{number // len(NAMES) or ''}"
        if number % 2 == 0:
            text = emily.replace("EMILY", name).replace("Emily", name.title())
        else:
            text = re.sub(r"^title: (.*)$", rf"title: \1 ({number})", topic, flags=re.M)
        path = folder / f"{number:03d}-{name.lower()}.yaml"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def run(*args: str | Path) -> tuple[float, int, str]:
    """Run a command; return its wall time in seconds, its peak memory in KiB and stderr."""
    started = time.perf_counter()
    process = subprocess.Popen([str(a) for a in args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read()
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{args} failed:\n{stderr}")
    return elapsed, usage.ru_maxrss, stderr


def naive_pages(paths: list[Path], work: Path) -> list[Path]:
    """The final HTML of each briefing, beside the house stylesheet, for `weasyprint`."""
    settings = load_settings(ROOT)
    styles = settings.styles_dir()
    house = HouseStyle(styles)
    fitter = Fitter(house)
    pages = work / "naive"
    shutil.copytree(styles, pages)
    for path, (data, _) in house.fetcher.generated.items():  # what the builder makes, too
        (pages / path.relative_to(house.folder)).write_bytes(data)
    link = '<link rel="stylesheet" href="briefing.css">\n</head>'
    inputs = []
    for path in paths:
        briefing = check_one(path).briefing
        fitting = fit(briefing, fitter)
        html = briefing_html(briefing, final_sheet(briefing, fitting.text_size, fitting.cut,
                                                     fitting.geometry),
                             label=house.theme.label)
        page = pages / f"{path.stem}.html"
        page.write_text(html.replace("</head>", link, 1), "utf-8")
        inputs.append(page)
    return inputs


def naive(pages: list[Path]) -> list[float]:
    """Seconds for `weasyprint page.html page.pdf` of each page, one process each."""
    return [run(BIN / "weasyprint", page, page.with_suffix(".pdf"))[0] for page in pages]


def main() -> None:
    cores = len(os.sched_getaffinity(0))
    print(f"python {platform.python_version()} on {platform.machine()}, {cores} cores")
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        batch = make_library(work / "batch", BATCH)
        pages = naive_pages(batch[:NAIVE], work)
        # Rounds take turns, so a busy moment of the machine falls on both ways alike.
        naive_runs: list[float] = []
        batches: dict[int, list[float]] = {1: [], cores: []}
        for round_ in range(ROUNDS):
            naive_runs += naive(pages[round_::ROUNDS])
            for jobs in batches:
                batches[jobs].append(run(
                    BIN / "briefing", "build", work / "batch", "-o", work / f"jobs-{jobs}",
                    "--force", "--jobs", str(jobs), "--no-discussion")[0])
        naive_s = statistics.mean(naive_runs)
        one, every = (statistics.median(batches[jobs]) for jobs in (1, cores))
        print(f"\nper briefing, batch of {BATCH} (half EMILY at 9 pt, half the topic at 10.5 pt;"
              f" {ROUNDS} rounds: naive mean of {len(naive_runs)} files, batch median)")
        print(f"{'naive weasyprint per file':<34}{naive_s * 1000:>8.0f} ms   1.00x")
        for label, seconds in (("briefing build --jobs 1", one),
                               (f"briefing build --jobs {cores}", every)):
            per = seconds / BATCH
            print(f"{label:<34}{per * 1000:>8.0f} ms {naive_s / per:>6.2f}x")

        make_library(work / "small", 50)
        library = make_library(work / "library", LIBRARY)
        quick = ("--no-discussion",)  # the page alone, as the naive runs make it
        _, small_kib, _ = run(BIN / "briefing", "build", work / "small", "-o", work / "s",
                              "--jobs", "1", *quick)
        full, full_kib, _ = run(BIN / "briefing", "build", work / "library", "-o",
                                work / "lib", "--jobs", "1", *quick)
        noop, _, noop_said = run(BIN / "briefing", "build", work / "library", "-o",
                                 work / "lib", *quick)
        library[8].write_text(library[8].read_text("utf-8").replace(
            "lived with her mother", "lived with her mother and grandmother"), "utf-8")
        changed, _, changed_said = run(BIN / "briefing", "build", work / "library", "-o",
                                       work / "lib", *quick)
        print(f"\nlibrary of {LIBRARY}")
        print(f"{'full build --jobs 1':<34}{full:>8.2f} s   {full / LIBRARY * 1000:.0f} ms a "
              f"briefing, {naive_s * LIBRARY / full:.2f}x naive")
        print(f"{'no-op rebuild':<34}{noop:>8.2f} s  {noop / full:>6.1%} of a full build"
              f"   [{noop_said.strip().splitlines()[-1]}]")
        print(f"{'one source changed':<34}{changed:>8.2f} s"
              f"   [{changed_said.strip().splitlines()[-1]}]")
        print("\npeak memory of the building process (--jobs 1)")
        print(f"{'50 briefings':<34}{small_kib / 1024:>8.0f} MiB")
        print(f"{f'{LIBRARY} briefings':<34}{full_kib / 1024:>8.0f} MiB"
              f"   {full_kib / small_kib:>6.2f}x the peak for 50")


if __name__ == "__main__":
    main()
