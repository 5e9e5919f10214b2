"""One briefing at a time: a cold build, the commands' start-up, and an edit in a warm
process, each against its baseline measured in this same run, in turns.

Run with `make bench` (results in bench/README.md):

- *cold build*: `briefing build one.yaml` (as typed, with its discussion sheet, and with
  `--no-discussion`), a new process each time, against one Typst compile of the twin in a
  new process (bench/typst_press.py with one file);
- *start-up*: `briefing --help`, `briefing check FILE` and `briefing new NAME` against
  `python -c pass`, and which of them import WeasyPrint or pypdf (`python -X importtime`);
- *warm edit*: a saved change reaching a new PDF in a process that has built the briefing
  before (`watch`'s Rebuilder, without its preview pictures), against a Typst compile
  after the same change in a process that has compiled it before (one `typst.Compiler`,
  as `typst watch` keeps), and a fresh `typst.compile` in that process.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from workload import (
    BENCH,
    BIN,
    PYTHON,
    QUICK,
    ROOT,
    export,
    has_typst,
    load,
    machine,
    make_library,
    median,
    note,
    run,
)

ROUNDS = 1 if QUICK else 5
EDITS = 1 if QUICK else 9
WATCHED = ("weasyprint", "pypdf", "briefing_builder")


def project(folder: Path) -> Path:
    """A project of its own, using the shipped house style, with one EMILY copy in it."""
    (folder / "briefings").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(
        f"[project]\nname = 'bench'\n[tool.briefing-builder]\nstyles = '{ROOT / 'styles'}'\n")
    make_library(folder / "briefings", 1)
    return folder


def turns(ways: dict[str, list], rounds: int, cwd: Path) -> dict[str, float]:
    """Median seconds of each command, run in turns; a list holding "{n}" gets the round."""
    times: dict[str, list[float]] = {name: [] for name in ways}
    for round_ in range(rounds):
        for name, command in ways.items():
            args = [str(a).replace("{n}", str(round_)) for a in command]
            times[name].append(run(*args, cwd=cwd)[0])
    return {name: median(seconds) for name, seconds in times.items()}


def cold(work: Path, one: Path, data: Path | None) -> None:
    ways = {
        "briefing build one.yaml": [BIN / "briefing", "build", one, "-o", work / "cold",
                                    "--force"],
        "briefing build one.yaml --no-discussion": [
            BIN / "briefing", "build", one, "-o", work / "cold-page", "--force",
            "--no-discussion"],
    }
    if data is not None:
        ways["Typst compile (python bench/typst_press.py)"] = [
            PYTHON, BENCH / "typst_press.py", work / "cold-typst", data]
    else:
        note("Typst skipped: the typst package is not installed (pip install -e '.[bench]')")
    found = turns(ways, ROUNDS, ROOT)
    note(f"\ncold, one briefing, a new process each (median of {ROUNDS})\n")
    against(found, found.get("Typst compile (python bench/typst_press.py)"), "command",
            "Typst compile", quoted=True)


def against(found: dict[str, float], typst: float | None, what: str, baseline: str,
            quoted: bool = False) -> None:
    """A table of `found` (seconds by name) in ms, each as a ratio of `typst` if measured."""
    note(f"| {what} | ms | ÷ {baseline} |\n|---|---|---|")
    for name, seconds in found.items():
        ratio = f"{seconds / typst:.2f}×" if typst else "–"
        note(f"| {f'`{name}`' if quoted else name} | {seconds * 1000:.0f} | {ratio} |")


def imports(args: list, cwd: Path) -> dict[str, float | None]:
    """Milliseconds of import (cumulative) of each package in WATCHED, None if not imported."""
    said = run(PYTHON, "-X", "importtime", *args, cwd=cwd)[2]
    found: dict[str, float | None] = dict.fromkeys(WATCHED)
    for line in said.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            _, cumulative, name = line.split("|")
            if name.strip() in found and found[name.strip()] is None:
                found[name.strip()] = int(cumulative) / 1000
    return found


def startup(work: Path, one: Path) -> None:
    home = project(work / "new")
    briefing = BIN / "briefing"
    # `check` of a briefing never checked lays its page out; one checked before as it is
    # now is told what was found then. A copy for each round (and "x" for the imports),
    # each a new source: a comment of its own.
    for n in [*map(str, range(ROUNDS)), "x"]:
        (work / f"fresh{n}.yaml").write_text(
            one.read_text("utf-8") + f"\n# copy {n}\n", "utf-8")
    run(briefing, "check", one, cwd=home)
    ways = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "briefing --help": [briefing, "--help"],
        "briefing check FILE": [briefing, "check", work / "fresh{n}.yaml"],
        "briefing check FILE, checked before": [briefing, "check", one],
        "briefing new NAME": [briefing, "new", "name{n}"],
    }
    found = turns(ways, ROUNDS, home)
    base = found["python -c pass"]
    note(f"\nstart-up (median of {ROUNDS}; `python -X importtime`: cumulative ms of import)\n")
    note("| command | ms | ÷ python -c pass | imports weasyprint | imports pypdf |")
    note("|---|---|---|---|---|")
    for name, seconds in found.items():
        args = [] if name.startswith("python") else [briefing, *ways[name][1:]]
        args = [str(a).replace("{n}", "x") for a in args] or ["-c", "pass"]
        loaded = imports(args, home)
        said = ["no" if loaded[p] is None else f"yes, {loaded[p]:.0f} ms" for p in WATCHED[:2]]
        note(f"| `{name}` | {seconds * 1000:.0f} | {seconds / base:.2f}× | {said[0]} | "
             f"{said[1]} |")


def edit(path: Path, number: int) -> None:
    """Save a change of the background's last sentence, a new one each time."""
    text = path.read_text("utf-8")
    marker = "investigation was started"
    start = text.index(marker)
    end = text.index(".", start)
    path.write_text(text[:start] + f"{marker} on day {number}" + text[end:], "utf-8")


def says(pdf: Path, words: str) -> None:
    """Stop the bench unless page 1 of `pdf` prints `words`: the edit reached the PDF."""
    from pypdf import PdfReader

    if words not in " ".join(PdfReader(pdf).pages[0].extract_text().split()):
        raise SystemExit(f"{pdf} does not say {words!r}: the edit did not reach it")


def warm_ours(work: Path, discussion: bool, pictures: list[float] | None = None) -> float:
    """The median time of an edit reaching a new PDF; with `pictures`, also the time the
    editor then takes to draw both pages' pictures from that PDF, into `pictures`."""
    from briefing_builder.publish.preview import page_picture
    from briefing_builder.settings import load_settings
    from briefing_builder.watch import Rebuilder

    home = project(work / f"warm-{discussion}")
    [path] = sorted((home / "briefings").glob("*.yaml"))
    rebuild = Rebuilder(load_settings(home, discussion=discussion), preview=False)
    assert rebuild(path).output is not None  # the first build: the process is now warm
    times = []
    for number in range(EDITS):
        edit(path, number)
        started = time.perf_counter()
        result = rebuild(path)
        times.append(time.perf_counter() - started)
        assert result.output is not None and result.status == "built", result.problems
        if pictures is not None:
            started = time.perf_counter()
            drawn = [page_picture(result.output.read_bytes(), page) for page in (1, 2)]
            pictures.append(time.perf_counter() - started)
            assert all(png and png.startswith(b"\x89PNG") for png in drawn)
        says(result.output, f"on day {number}")
    return median(times)


def warm_typst(data: Path, fresh: bool) -> float:
    import typst

    source = json.loads(data.read_text("utf-8"))
    edited = data.with_name("edited.json")
    edited.write_text(json.dumps(source), "utf-8")
    inputs = {"data": edited.name}
    compiler = typst.Compiler(data.parent / "briefing.typ", root=data.parent)
    compiler.compile(output=data.parent / "edited.pdf", sys_inputs=inputs)
    times = []
    for number in range(EDITS):
        runs = source["panels"][0]["blocks"][0]["runs"]
        runs[-1]["text"] = runs[-1]["text"].replace(
            "investigation was started", f"investigation was started on day"
            f" {number}", 1)
        edited.write_text(json.dumps(source), "utf-8")
        started = time.perf_counter()
        if fresh:
            typst.compile(data.parent / "briefing.typ", output=data.parent / "edited.pdf",
                          root=data.parent, sys_inputs=inputs)
        else:
            compiler.compile(output=data.parent / "edited.pdf", sys_inputs=inputs)
        times.append(time.perf_counter() - started)
        says(data.parent / "edited.pdf", f"on day {number}")
        runs[-1]["text"] = runs[-1]["text"].replace(f" on day {number}", "", 1)
    return median(times)


def warm(work: Path, data: Path | None) -> None:
    from briefing_builder.publish.preview import PREVIEW_DPI

    pictures: list[float] = []
    found = {"ours, watch's Rebuilder (PDF and discussion sheet)": warm_ours(work, True),
             "ours, watch's Rebuilder, --no-discussion": warm_ours(work, False, pictures)}
    if data is not None:
        found["Typst, the same Compiler again"] = warm_typst(data, fresh=False)
        found["Typst, typst.compile in the same process"] = warm_typst(data, fresh=True)
    note(f"\nan edit reaching a new PDF in a warm process (median of {EDITS} edits)\n")
    against(found, found.get("Typst, the same Compiler again"), "way",
            "Typst (same Compiler)")
    note(f"\nthe editor's pictures of both pages, drawn from the new PDF (as its preview "
         f"does, {PREVIEW_DPI} dpi), after the PDF: {median(pictures) * 1000:.0f} ms "
         f"(median of {EDITS}; goal: within 150 ms)")


def main() -> None:
    note(f"{machine()}\n{load()} at the start"
         + ("\nBENCH_QUICK: one round; the times mean nothing" if QUICK else ""))
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        [one] = make_library(work / "one", 1)
        data = export([one], work)[1][0] if has_typst() else None
        cold(work, one, data)
        note(load())
        startup(work, one)
        note(load())
        warm(work, data)
        note(f"{load()} at the end")


if __name__ == "__main__":
    main()
