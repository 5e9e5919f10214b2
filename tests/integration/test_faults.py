"""Faults: interrupted and concurrent builds, unwritable folders. Nothing half-written, ever."""

import os
import signal
import subprocess
import sys
import time

import pytest
from helpers import ROOT, minimal, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.settings import Settings

BRIEFING = [sys.executable, "-m", "briefing_builder"]


def library(folder, count=12):
    folder.mkdir()
    for number in range(count):
        write(folder, f"b{number:02d}.yaml",
              minimal(title=f"Learning from Practice Review – “CASE {number}”"))
    return folder


def whole_pdfs(folder):
    """Every PDF under its final name opens and has its end-of-file marker."""
    pdfs = sorted(folder.glob("*.pdf"))
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], pdf
        assert len(PdfReader(pdf).pages) >= 1
    return pdfs


def as_at_a_terminal():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def leftovers(folder):
    return [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("signum, group", [
    (signal.SIGINT, True),    # Ctrl-C at a terminal: the whole process group
    (signal.SIGINT, False),
    (signal.SIGTERM, False),  # a service manager or `kill`
])
def test_an_interrupted_batch_leaves_whole_pdfs_and_no_temporary_files(tmp_path, signum,
                                                                       group):
    # Enough briefings that the batch is still running when the signal comes, even on a
    # busy machine: it is sent after the third PDF, and a briefing now takes ~50 ms.
    sources = library(tmp_path / "briefings", count=60)
    out = tmp_path / "out"
    build([sources / "b00.yaml"], out, settings=Settings())
    before = (out / "b00.pdf").read_bytes()
    # Started as at a terminal, where Ctrl-C is live: a shell gives a job it runs in the
    # background (as CI may run the tests) SIGINT ignored, and Python keeps that.
    process = subprocess.Popen([*BRIEFING, "build", str(sources), "-o", str(out), "--force",
                                "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=as_at_a_terminal)
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.pdf"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    (os.killpg if group else os.kill)(process.pid, signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr
    assert f"stopped by {signal.Signals(signum).name}" in stderr
    assert "Traceback" not in stderr
    whole_pdfs(out)
    assert leftovers(tmp_path) == []
    b00 = (out / "b00.pdf").read_bytes()
    assert b00 == before or PdfReader(out / "b00.pdf").pages  # the old one or a whole new one


def test_two_builds_of_one_folder_at_once_both_finish_whole(tmp_path):
    sources = library(tmp_path / "briefings", count=6)
    out = tmp_path / "out"
    runs = [subprocess.Popen([*BRIEFING, "build", str(sources), "-o", str(out), "--force",
                              "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
    assert [p.name for p in whole_pdfs(out)] == [
        name for n in range(6) for name in (f"b{n:02d}-discussion.pdf", f"b{n:02d}.pdf")]
    assert leftovers(tmp_path) == []


def test_an_output_folder_that_cannot_be_made_is_a_message(tmp_path):
    path = write(tmp_path, "a.yaml", minimal())
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    result = subprocess.run([*BRIEFING, "build", str(path), "-o", str(blocker / "pdfs")],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "output-unwritable" in result.stdout and "cannot write" in result.stdout
    assert blocker.read_text() == "a file where the folder should be"


def test_a_pdf_held_open_by_a_viewer_is_replaced_whole(tmp_path):
    path = write(tmp_path, "a.yaml", minimal())
    out = tmp_path / "out"
    [first] = build([path], out, settings=Settings())
    with open(first.output, "rb") as viewer:
        old = first.output.read_bytes()
        write(tmp_path, "a.yaml", minimal(subject="ALEXANDRA", pseudonyms=["Alex"]))
        [second] = build([path], out, settings=Settings())
        assert second.status == "built"
        assert viewer.read() == old  # the viewer still reads the whole old file
    assert first.output.read_bytes() != old
    whole_pdfs(out)
    assert leftovers(tmp_path) == []
