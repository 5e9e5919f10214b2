"""How much fitting costs: layout passes and milliseconds per briefing.

Run with `make bench`. Compares, in one run, the fitting stage (which ends
with the final page laid out) with a single plain layout of that page, the
least every build pays anyway.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

from briefing_builder.fit.fit import Fitter, fit
from briefing_builder.pipeline import check_one
from briefing_builder.render.house import HouseStyle
from briefing_builder.render.html import briefing_html, final_sheet
from briefing_builder.render.pdf import lay_out
from briefing_builder.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 1 if os.environ.get("BENCH_QUICK", "") not in ("", "0") else 7  # see workload.py


def timed(work) -> tuple[float, object]:
    best = []
    result = None
    for _ in range(ROUNDS):
        started = time.perf_counter()
        result = work()
        best.append((time.perf_counter() - started) * 1000)
    return statistics.median(best), result


def main() -> None:
    settings = load_settings(ROOT)
    styles = settings.styles_dir()
    house = HouseStyle(styles)
    fitter = Fitter(house)
    sizes = fitter.sizes
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{len(sizes)} candidate sizes, median of {ROUNDS}")
    print(f"{'briefing':<22}{'size':>6}{'passes':>8}{'layout ms':>11}{'fit ms':>9}"
          f"{'pdf ms':>9}{'fit/layout':>12}")
    for path in sorted((ROOT / "briefings").glob("*.yaml")):
        briefing = check_one(path).briefing
        fit_ms, fitting = timed(lambda: fit(briefing, fitter))
        html = briefing_html(briefing, final_sheet(briefing, fitting.text_size, fitting.cut,
                                                     fitting.geometry),
                             label=house.theme.label)
        layout_ms, rendering = timed(lambda: lay_out(html, house))
        pdf_ms, _ = timed(lambda: rendering.pdf())
        print(f"{path.stem:<22}{fitting.text_size:>6g}{fitting.layouts:>8}{layout_ms:>11.0f}"
              f"{fit_ms:>9.0f}{pdf_ms:>9.0f}{fit_ms / layout_ms:>12.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
