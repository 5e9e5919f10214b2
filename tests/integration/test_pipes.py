"""Every file the builder reads on a user's word is refused at once when it is a named pipe
(FIFO), never waited on: the house rules, a theme, the project's settings, a translation's
original and a completed discussion sheet. Each command runs in its own process with a
time limit, so a hang fails the test instead of stopping the suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, minimal, write


def briefing(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The command run in `project`; its problems (stdout) and summary (stderr) together
    in `.stderr`."""
    return subprocess.run([sys.executable, "-m", "briefing_builder", *arguments],
                          cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True, timeout=60)


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "briefings").mkdir()
    write(tmp_path / "briefings", "alex.yaml", minimal())
    return tmp_path


def settings(project: Path, extra: str = "") -> None:
    (project / "pyproject.toml").write_text(
        f"[project]\nname = 'x'\n[tool.briefing-builder]\nstyles = 'styles'\n{extra}")
    shutil.copytree(ROOT / "styles", project / "styles")


def test_a_house_rules_file_that_is_a_pipe(project):
    settings(project, "[tool.briefing-builder.rules]\nfile = 'house.toml'\n")
    os.mkfifo(project / "house.toml")
    for command in ("check", "build"):
        run = briefing(project, command, "briefings/alex.yaml")
        assert run.returncode == 1 and "Traceback" not in run.stdout, run.stdout
        assert "house.toml:1:1: error: the rules file cannot be read: this is a named pipe " \
            "(FIFO), not a file [rules-unreadable]" in run.stdout


def test_a_house_rules_file_too_large_to_be_one(project):
    settings(project, "[tool.briefing-builder.rules]\nfile = 'house.toml'\n")
    (project / "house.toml").write_text("# x\n" * 300_000)
    run = briefing(project, "check", "briefings/alex.yaml")
    assert run.returncode == 1
    assert "the rules file cannot be read: the file is larger than 1 MB [rules-unreadable]" \
        in run.stdout


def test_a_house_style_whose_theme_is_a_pipe(project):
    settings(project)
    (project / "styles" / "theme.toml").unlink()
    os.mkfifo(project / "styles" / "theme.toml")
    run = briefing(project, "build", "briefings/alex.yaml")
    assert run.returncode == 1 and "Traceback" not in run.stdout, run.stdout
    assert "theme.toml: this is a named pipe (FIFO), not a file" in run.stdout


def test_project_settings_that_are_a_pipe_are_not_the_project(project):
    """A pyproject.toml that is not a file does not make a project: the defaults apply."""
    os.mkfifo(project / "pyproject.toml")
    run = briefing(project, "check", "briefings/alex.yaml")
    assert run.returncode == 0 and "1 checked, 0 errors" in run.stdout, run.stdout


def test_a_translation_whose_original_is_a_pipe(project):
    settings(project)
    (project / "briefings" / "alex.yaml").unlink()
    os.mkfifo(project / "briefings" / "alex.yaml")
    write(project / "briefings", "alex.cy.yaml",
          minimal(lang="cy", translation_of="alex.yaml", title="Dysgu – “ALEX”"))
    run = briefing(project, "build", "briefings/alex.cy.yaml")
    assert run.returncode == 1 and "Traceback" not in run.stdout, run.stdout
    assert "the original, alex.yaml, cannot be read as a briefing" in run.stdout
    said = briefing(project, "check", "briefings/alex.yaml")
    assert said.returncode == 1 and "named pipe (FIFO)" in said.stdout, said.stdout


def test_a_completed_sheet_that_is_a_pipe(project):
    settings(project)
    os.mkfifo(project / "alex-discussion.pdf")
    run = briefing(project, "responses", "alex-discussion.pdf")
    assert run.returncode == 1 and "Traceback" not in run.stdout, run.stdout
    assert "named pipe (FIFO)" in run.stdout and "[response-unreadable]" in run.stdout
