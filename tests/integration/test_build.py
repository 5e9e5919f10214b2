"""Build orchestration: many files, failures that lose nothing, and up-to-date checks."""

import os
import shutil

from helpers import minimal, write

from briefing_builder import build, find_briefings
from briefing_builder.settings import Settings


def test_a_bad_briefing_is_reported_and_the_others_still_build(tmp_path):
    write(tmp_path, "a.yaml", minimal())
    write(tmp_path, "b.yaml", minimal(published="2022-13-01"))
    write(tmp_path, "c.yaml", minimal())
    results = build([tmp_path], tmp_path / "out", settings=Settings())
    assert [(r.path.name, r.status) for r in results] == [
        ("a.yaml", "built"), ("b.yaml", "failed"), ("c.yaml", "built")]
    assert sorted(os.listdir(tmp_path / "out")) == [
        ".briefing-builder", "a-discussion.docx", "a-discussion.pdf", "a.pdf",
        "c-discussion.docx", "c-discussion.pdf", "c.pdf"]


def test_a_failed_build_keeps_the_last_good_pdf(tmp_path):
    path = write(tmp_path, "a.yaml", minimal())
    out = tmp_path / "out"
    [good] = build([path], out, settings=Settings())
    before = good.output.read_bytes()
    write(tmp_path, "a.yaml", minimal(questions=[]))
    [bad] = build([path], out, settings=Settings())
    assert bad.status == "failed"
    assert (out / "a.pdf").read_bytes() == before
    assert sorted(os.listdir(out)) == [".briefing-builder", "a-discussion.docx",
                                       "a-discussion.pdf", "a.pdf"]


def test_a_write_that_fails_midway_leaves_no_partial_file(tmp_path, monkeypatch):
    path = write(tmp_path, "a.yaml", minimal())
    out = tmp_path / "out"
    [good] = build([path], out, settings=Settings())
    before = good.output.read_bytes()

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    [failed] = build([path], out, force=True, settings=Settings())
    assert failed.status == "failed"
    assert [p.code for p in failed.problems] == ["output-unwritable"]
    assert "No space left on device" in failed.problems[0].message
    assert (out / "a.pdf").read_bytes() == before
    assert sorted(os.listdir(out)) == [".briefing-builder", "a-discussion.docx",
                                       "a-discussion.pdf", "a.pdf"]


def test_unchanged_briefings_are_not_rebuilt(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(Settings().styles_dir(), styles)
    settings = Settings(styles=styles)
    path = write(tmp_path, "a.yaml", minimal())
    out = tmp_path / "out"
    assert [r.status for r in build([path], out, settings=settings)] == ["built"]
    assert [r.status for r in build([path], out, settings=settings)] == ["up to date"]
    assert [r.status for r in build([path], out, force=True, settings=settings)] == ["built"]
    (styles / "briefing.css").write_text((styles / "briefing.css").read_text() + "\n/* x */\n")
    assert [r.status for r in build([path], out, settings=settings)] == ["built"]
    write(tmp_path, "a.yaml", minimal(subject="ALEXANDRA", pseudonyms=["Alex"]))
    assert [r.status for r in build([path], out, settings=settings)] == ["built"]
    (out / "a.pdf").unlink()
    assert [r.status for r in build([path], out, settings=settings)] == ["built"]


def test_folders_give_their_yaml_files_in_order(tmp_path):
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "issues").mkdir()
    assert [p.name for p in find_briefings([tmp_path])] == ["a.yml", "b.yaml"]


def test_two_briefings_may_not_claim_one_pdf(tmp_path):
    (tmp_path / "x").mkdir()
    first = write(tmp_path, "a.yaml", minimal())
    second = write(tmp_path / "x", "a.yaml", minimal())
    results = build([first, second], tmp_path / "out", settings=Settings())
    assert [r.status for r in results] == ["built", "failed"]
    assert [p.code for p in results[1].problems] == ["duplicate-output"]
