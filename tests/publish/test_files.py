"""Outputs that belong together are replaced together: a bundle, its folder of parts and its
zip are all new or all old, whatever happens on the way (a full disk, a read-only folder,
Ctrl-C, a run killed half-way), and what a killed run left is cleaned up by the next."""

import contextlib
import errno
import os
import subprocess
import uuid
import zipfile

import pdfs
import pytest
from click.testing import CliRunner
from helpers import minimal, untagged_aside, write

from briefing_builder import build
from briefing_builder.bulletin import bundle
from briefing_builder.cli import main
from briefing_builder.publish import files
from briefing_builder.settings import Settings

MANIFEST = """\
title: Practice and Learning Bulletin – March 2022
issue: 2022-03
published: 2022-03-01
attachments:
{}
"""


def manifest(project, *titles):
    lines = "\n".join(f"  - pdf: ../reports/{t.lower()}.pdf\n    title: Report {t}"
                      for t in titles)
    return write(project / "issues", "2022-03.yaml", MANIFEST.format(lines))


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "reports").mkdir()
    for number, name in enumerate(("one", "two", "three"), start=1):
        (tmp_path / "reports" / f"{name}.pdf").write_bytes(pdfs.pages(number))
    (tmp_path / "issues").mkdir()
    manifest(tmp_path, "One", "Two", "Three")
    return tmp_path


def run(project, out=None):
    return untagged_aside(bundle(project / "issues" / "2022-03.yaml",
                                 Settings(output=project / "build"), out or project / "out"))


def state(out) -> dict[str, object]:
    """Everything a reader of the outputs sees: the bundle, the parts, the zip's entries."""
    if not (out / "2022-03.pdf").exists():
        return {}
    with zipfile.ZipFile(out / "2022-03.zip") as archive:
        zipped = {name: archive.read(name) for name in archive.namelist()}
    return {"pdf": (out / "2022-03.pdf").read_bytes(), "zip": zipped,
            "parts": {p.name: p.read_bytes() for p in sorted((out / "2022-03").iterdir())}}


def leftovers(out) -> list[str]:
    return sorted(p.name for p in out.rglob("*")
                  if p.name.endswith((".tmp", ".new", ".old", ".trash")))


def test_an_attachment_taken_out_of_the_issue_leaves_the_folder(project):
    run(project)
    assert len(state(project / "out")["parts"]) == 3
    manifest(project, "One", "Three")
    result = run(project)
    assert not result.failed
    new = state(project / "out")
    assert sorted(new["parts"]) == ["01-report-one.pdf", "02-report-three.pdf"]
    assert new["parts"] == new["zip"]
    assert leftovers(project / "out") == []


def test_a_failure_while_swapping_leaves_everything_as_it_was(project, monkeypatch):
    run(project)
    before = state(project / "out")
    manifest(project, "Two")
    rename, calls = os.rename, []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 5:  # three moved aside, one new in place: then it fails
            raise OSError(errno.EIO, "Input/output error")
        rename(source, target)

    monkeypatch.setattr(files.os, "rename", failing)
    result = run(project)
    monkeypatch.setattr(files.os, "rename", rename)
    assert [p.code for p in result.problems] == ["output-unwritable"]
    assert "Input/output error" in result.problems[0].message
    assert state(project / "out") == before
    assert leftovers(project / "out") == []


def test_a_run_killed_half_way_through_the_swap_is_undone_by_the_next(project, monkeypatch):
    run(project)
    before = state(project / "out")
    manifest(project, "Two")
    rename, calls = os.rename, []

    def killed(source, target):
        calls.append(target)
        if len(calls) == 6:  # the four old outputs aside, the new PDF in, then killed
            raise SystemExit(137)  # as if killed: nothing after this runs …
        rename(source, target)

    monkeypatch.setattr(files.os, "rename", killed)
    monkeypatch.setattr(files, "_undo", lambda *a: None)  # … not even the undoing
    with pytest.raises(SystemExit):
        run(project)
    monkeypatch.undo()
    out = project / "out"
    assert (out / "2022-03.pdf").read_bytes() != before["pdf"]  # a new bundle …
    assert not (out / "2022-03.zip").exists()  # … and no zip: half-way
    manifest(project, "One", "Two", "Three")
    with monkeypatch.context() as patched:  # the next run puts the old ones back first …
        patched.setattr(files, "_stage", lambda *a: (_ for _ in ()).throw(OSError("stop")))
        run(project)
    assert state(out) == before
    manifest(project, "Two")
    result = run(project)  # … and then makes the new ones
    assert not result.failed
    assert list(state(out)["parts"]) == ["01-report-two.pdf"]
    assert leftovers(out) == []


def test_what_a_killed_run_left_is_cleaned_up_by_the_next(project, tmp_path):
    out = project / "out"
    (out / ".briefing-builder" / "2022-03.new" / "2022-03").mkdir(parents=True)
    (out / ".briefing-builder" / "2022-03.new" / "2022-03.pdf").write_bytes(b"half")
    (out / ".2022-03.pdf.4194303.abc123de.tmp").write_bytes(b"half")
    result = run(project)
    assert not result.failed
    assert leftovers(out) == []
    # A batch of briefings too: a dead process's temporary file goes, a live one's stays.
    briefings = project / "briefings"
    briefings.mkdir()
    write(briefings, "a.yaml", minimal())
    built = tmp_path / "built"
    built.mkdir()
    dead = built / ".a.pdf.4194303.x1y2z3w4.tmp"
    parent = built / f".c.pdf.{os.getppid()}.q1w2e3r4.tmp"
    for path in (dead, parent):
        path.write_bytes(b"half")
    [result] = build([briefings / "a.yaml"], built, settings=Settings())
    assert result.status == "built"
    assert not dead.exists() and parent.exists()


@contextlib.contextmanager
def mounted(folder, options):
    """A small tmpfs at `folder`, for root on Linux; the test is skipped elsewhere."""
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs",
                                            str(folder)], capture_output=True).returncode:
        pytest.skip("needs root to mount a tmpfs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_a_message_and_the_last_bundle_survives(project, monkeypatch):
    run(project)
    before = state(project / "out")
    real = os.write

    def full(handle, data):
        if len(data) > 100:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(handle, data)

    monkeypatch.setattr(os, "write", full)
    result = run(project)
    monkeypatch.setattr(os, "write", real)
    [problem] = result.problems
    assert problem.code == "output-unwritable" and "No space left on device" in problem.message
    assert state(project / "out") == before
    assert leftovers(project / "out") == []


def test_a_really_full_disk_too(project, tmp_path):
    run(project)
    size = sum(p.stat().st_size for p in (project / "out").rglob("*") if p.is_file())
    pages = (size * 3 // 2) // 4096 + 2
    with mounted(tmp_path / f"tiny-{uuid.uuid4().hex[:6]}", f"size={pages * 4096}") as tiny:
        subprocess.run(["cp", "-a", f"{project / 'out'}/.", str(tiny)], check=True)
        before = state(tiny)
        result = run(project, tiny)
        assert [p.code for p in result.problems] == ["output-unwritable"]
        assert "No space left on device" in result.problems[0].message
        assert state(tiny) == before and leftovers(tiny) == []


def test_a_read_only_folder_is_a_message(project, tmp_path, monkeypatch):
    run(project)
    with mounted(tmp_path / "ro", "size=4m") as folder:
        subprocess.run(["cp", "-a", f"{project / 'out'}/.", str(folder)], check=True)
        before = state(folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        monkeypatch.chdir(project)
        result = CliRunner().invoke(main, ["bundle", "issues/2022-03.yaml", "-o", str(folder)])
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception
        assert "[output-unwritable]" in result.stdout
        assert "Read-only file system" in result.stdout
        assert state(folder) == before


def test_ctrl_c_while_bundling_exits_130_and_leaves_the_last_bundle(project, monkeypatch):
    run(project)
    before = state(project / "out")
    manifest(project, "Two")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_swap", interrupted)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["bundle", "issues/2022-03.yaml", "-o", "out"])
    assert result.exit_code == 130, result.output
    assert "stopped by SIGINT" in result.stderr
    assert state(project / "out") == before
    assert leftovers(project / "out") == []


def test_what_a_build_chose_is_kept_beside_its_output_for_the_next_run(tmp_path):
    sheet = tmp_path / "out" / "alex-discussion.pdf"
    assert files.Kept("sheets").get(sheet) is None  # nothing kept yet
    files.Kept("sheets").put(sheet, 17.0)
    assert files.Kept("sheets").get(sheet) == 17.0  # a new process finds it
    kept = tmp_path / "out" / files.STAMPS / "sheets" / "alex-discussion.pdf.json"
    kept.write_text('{"value": "seventeen"}', "utf-8")  # damaged: as if never kept
    assert files.Kept("sheets").get(sheet) is None
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / files.STAMPS).write_text("", "utf-8")  # cannot be written
    files.Kept("sheets").put(tmp_path / "other" / "a.pdf", 20.0)  # loses the cache, no more
