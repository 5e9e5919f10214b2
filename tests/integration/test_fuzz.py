"""Fuzzing: whatever an author types, check and build answer with PATH:LINE:COL or succeed;
one briefing never brings down a batch.

`make test` runs a short seeded version; `make fuzz` runs the same properties with fresh
random examples for as long as it is given (tests/fuzz.py).
"""

from __future__ import annotations

import os
import re
import string
import tempfile
from datetime import timedelta
from pathlib import Path

import yaml
from click.testing import CliRunner
from helpers import minimal
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing_builder import build, check
from briefing_builder.cli import main
from briefing_builder.settings import Settings

# A place in the file, or the file as a whole (missing, unreadable, empty): no line.
LINE = re.compile(r"^(?P<path>.+?)(:(?P<line>\d+):(?P<column>\d+))?: (error|warning): .+ "
                  r"\[[a-z0-9-]+\]$")
LONG = os.environ.get("FUZZ_PROFILE") == "long"
# The long run bounds every example: a hang is a failure too. The short run in `make test`
# has no deadline, so a slow machine cannot make it flaky.
QUICK = settings(max_examples=400 if LONG else 40, derandomize=not LONG,
                 deadline=timedelta(seconds=10) if LONG else None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BUILDS = settings(max_examples=60 if LONG else 4, derandomize=not LONG,
                  deadline=timedelta(seconds=60) if LONG else None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Any text an editor can save as UTF-8: no lone surrogates.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
PROSE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
                min_size=1, max_size=120)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8)
# Text that once brought a build down: bold marks nested 250 deep (too deep to lay out), a
# link too long for a QR code, a number too long for Python to read.
NASTY = st.sampled_from(["**" * 250 + "x" + "**" * 250, "*" * 300 + "x",
                         "[" * 200 + "x" + "](https://example.org)" * 200,
                         "https://example.org/" + "a" * 3000, "9" * 4301])
FIELDS = ["title", "kind", "partnership", "subject", "published", "issue", "lang", "source",
          "background", "concerns", "information", "resources", "questions", "what_to_do",
          "recommendations", "allow"]


@st.composite
def briefings(draw) -> dict:
    """A briefing that is mostly right, with some fields replaced by anything at all."""
    data = minimal(
        background=draw(PROSE | NASTY), concerns=draw(st.lists(PROSE, min_size=1, max_size=5)),
        questions=draw(st.lists(PROSE, min_size=1, max_size=4)))
    if draw(st.integers(0, 4)) == 0:
        data["source"] = {"title": "The report", "url": draw(NASTY)}
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3, unique=True)):
        if draw(st.booleans()):
            data.pop(name, None)
        else:
            data[name] = draw(VALUES)
    if draw(st.booleans()):
        data[draw(st.text(string.ascii_lowercase + "_", min_size=1, max_size=12))] = draw(VALUES)
    return data


@st.composite
def sources(draw) -> str:
    """YAML text: a dumped briefing, perhaps cut, spliced or sprinkled with other characters."""
    text = yaml.safe_dump(draw(briefings()), allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 4)) == 0:
        text += f"issue: {'9' * draw(st.sampled_from([20, 4301, 10_000]))}\n"
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 20))
        text = text[:at] + draw(ANY_TEXT.filter(lambda t: len(t) < 20)) + text[at + cut:]
    return text


# Always tried, in `make test` too: each once broke a batch.
HOSTILE = [yaml.safe_dump(minimal(background="**" * 250 + "x" + "**" * 250)),
           yaml.safe_dump(minimal(source={"title": "R",
                                          "url": "https://example.org/" + "a" * 3000})),
           yaml.safe_dump(minimal()) + "issue: " + "9" * 4301 + "\n"]


def hostile(test):
    for text in HOSTILE:
        test = example(text)(test)
    return test


def assert_reported_plainly(results, path: Path) -> None:
    for item in results:
        assert item.status in ("checked", "built", "failed", "up to date")
        assert item.failed == (item.status == "failed") or item.status == "checked"
        for problem in item.problems:
            line = problem.format()
            assert LINE.match(line), line
            assert line.startswith(f"{path}:")


def write_source(folder: Path, text: str) -> Path:
    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@QUICK
@given(sources())
@hostile
def test_check_answers_any_source_plainly(text):
    with tempfile.TemporaryDirectory() as folder:
        path = write_source(Path(folder), text)
        results = check([path], Settings())
        assert_reported_plainly(results, path)


@QUICK
@given(st.binary(max_size=300))
def test_check_answers_any_bytes_plainly(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        assert_reported_plainly(check([path], Settings()), path)


@BUILDS
@given(sources())
@hostile
def test_build_writes_a_whole_pdf_or_nothing(text):
    with tempfile.TemporaryDirectory() as folder:
        path = write_source(Path(folder), text)
        out = Path(folder) / "out"
        [result] = build([path], out, settings=Settings(discussion=False))
        assert_reported_plainly([result], path)
        # .briefing-builder holds build stamps and kept calibrations, not outputs
        written = sorted(p.name for p in out.glob("*") if p.name != ".briefing-builder") \
            if out.exists() else []
        if result.status == "built":
            assert written == ["fuzz.pdf"]
            assert len(PdfReader(out / "fuzz.pdf").pages) >= 1
        else:
            assert written == [] and result.failed


@BUILDS
@given(sources())
@hostile
def test_the_command_line_never_shows_a_traceback(text):
    with tempfile.TemporaryDirectory() as folder:
        path = write_source(Path(folder), text)
        for command in (["check", str(path)], ["build", str(path), "-o", f"{folder}/out"]):
            result = CliRunner().invoke(main, command)
            assert result.exit_code in (0, 1), result.output
            assert result.exception is None or isinstance(result.exception, SystemExit)
            for line in result.stdout.splitlines():
                assert LINE.match(line), line


@BUILDS
@given(st.lists(sources(), min_size=2, max_size=3))
@example(HOSTILE)
def test_one_briefing_never_brings_down_the_others(texts):
    """A batch of several: each briefing's result is its own, whatever the others hold."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        paths = []
        for index, text in enumerate([*texts, yaml.safe_dump(minimal())]):
            paths.append(folder / f"b{index}.yaml")
            paths[-1].write_text(text, encoding="utf-8", errors="surrogatepass")
        results = build(paths, folder / "out", settings=Settings())
        assert [r.path for r in results] == paths
        assert results[-1].status == "built", [p.format() for p in results[-1].problems]
        for result, path in zip(results, paths):
            assert_reported_plainly([result], path)
