"""What the benchmarks share: the library of briefings, the inputs each contestant reads,
and running a command as a whole process.

`BENCH_QUICK=1` makes every script run on tiny inputs, once (the test suite's smoke
test); its times mean nothing.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from briefing_builder.fit.fit import Fitter, fit
from briefing_builder.pipeline import check_one
from briefing_builder.render.house import HouseStyle
from briefing_builder.render.html import briefing_html, final_sheet
from briefing_builder.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PYTHON = Path(sys.executable)
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NAMES = ["ASH", "BLAKE", "CASEY", "DARCY", "ELLIS", "FINLEY", "GRAY", "HARLEY", "INDIE",
         "JESSIE", "KAI", "LOGAN", "MORGAN", "NOOR", "OAKLEY", "PERRY"]


def make_library(folder: Path, count: int) -> list[Path]:
    """`count` briefings, alternately from EMILY and the police protection topic, the
    pseudonym or the title changed in each so that every PDF differs."""
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


def run(*args: str | Path, cwd: Path = ROOT) -> tuple[float, int, str]:
    """Run a command; return its wall time in seconds, its peak memory in KiB and stdout
    with stderr. A failure stops the bench, saying what failed."""
    started = time.perf_counter()
    process = subprocess.Popen([str(a) for a in args], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, cwd=cwd)
    said = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.stdout.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({process.returncode}):\n{said}")
    return elapsed, usage.ru_maxrss, said


def export(paths: list[Path], work: Path) -> tuple[list[Path], list[Path]]:
    """The final HTML page of each briefing (beside the house stylesheet and the bullet
    picture, as `weasyprint` and Chromium read it) and its content as JSON for the Typst
    twin, from one fitting of each briefing."""
    from twin import write_json

    settings = load_settings(ROOT)
    styles = settings.styles_dir()
    house = HouseStyle(styles)
    fitter = Fitter(house)
    pages, data = work / "pages", work / "json"
    shutil.copytree(styles, pages)
    data.mkdir()
    for path, (content, _) in house.fetcher.generated.items():  # what the builder makes
        (pages / path.relative_to(house.folder)).write_bytes(content)
    link = '<link rel="stylesheet" href="briefing.css">\n</head>'
    html_files, json_files = [], []
    for path in paths:
        briefing = check_one(path).briefing
        fitting = fit(briefing, fitter)
        html = briefing_html(briefing, final_sheet(briefing, fitting.text_size, fitting.cut,
                                                     fitting.geometry),
                             label=house.theme.label)
        page = pages / f"{path.stem}.html"
        page.write_text(html.replace("</head>", link, 1), "utf-8")
        html_files.append(page)
        json_files.append(write_json(briefing, house.theme.label, data / f"{path.stem}.json"))
    # not bench/typst/: a folder of that name would be imported as the `typst` package
    shutil.copy(BENCH / "typst-twin" / "briefing.typ", data / "briefing.typ")
    return html_files, json_files


def has_typst() -> bool:
    """True when the `typst` package (the `bench` extra) can be imported."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def has_chromium() -> str | None:
    """Why Chromium cannot be a contestant, or None when it can."""
    if not Path(CHROMIUM).exists():
        return "no chromium (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no playwright (pip install -e '.[test]')"
    return None


def load() -> str:
    """The load averages now (the machine may be shared)."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def machine() -> str:
    """The processor, cores, Python and the versions that matter here."""
    from importlib.metadata import PackageNotFoundError, version

    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    found = []
    for package in ("weasyprint", "typst", "playwright"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} missing")
    return (f"{model}, {len(os.sched_getaffinity(0))} cores, python "
            f"{platform.python_version()}, {', '.join(found)}")


def median(values: list[float]) -> float:
    return statistics.median(values)


def note(text: str) -> None:
    print(text, flush=True)


def typst_size(pdf_json: Path) -> float | None:
    """The text size the Typst twin chose for one briefing (its <text-size> metadata)."""
    import typst

    answer = typst.query(pdf_json.parent / "briefing.typ", "<text-size>", field="value",
                         one=True, root=pdf_json.parent, sys_inputs={"data": pdf_json.name})
    return json.loads(answer)
