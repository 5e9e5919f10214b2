"""How the command line speaks: briefings by name, counts in words, colour on a terminal
only, paths relative to here, the line at fault under each problem, help with no command,
and a watch that says what it wrote and stops with 130."""

import re

import pytest
from click.testing import CliRunner
from helpers import ROOT, minimal, write

import briefing_builder.watch
from briefing_builder.cli import main

BROKEN = "title: T\nsubject EMILY\nconcerns:\n\t- one\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder, the current folder, with briefings/."""
    (tmp_path / "pyproject.toml").write_text(
        f"[project]\nname = 'x'\n[tool.briefing-builder]\nstyles = '{ROOT / 'styles'}'\n")
    (tmp_path / "briefings").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def run(*args, **environment):
    return CliRunner().invoke(main, list(map(str, args)), env=environment or None,
                              catch_exceptions=False)


def test_check_and_build_find_a_briefing_by_its_name(project):
    write(project / "briefings", "alex.yaml", minimal())
    checked = run("check", "alex")
    assert checked.exit_code == 0 and checked.stderr == "1 checked, 0 errors, 0 warnings\n"
    assert run("check", "alex.yaml").stderr == "1 checked, 0 errors, 0 warnings\n"
    built = run("build", "alex")
    assert built.exit_code == 0, built.output
    assert re.match(r"wrote build/alex\.pdf \(text [\d.]+ pt\)\n1 built, 0 up to date, 0 failed",
                    built.stderr)
    missing = run("check", "alx")
    assert missing.exit_code == 1
    assert missing.stdout == "briefings/alx.yaml: error: no such file (did you mean " \
        "briefings/alex.yaml?) [file-not-found]\n"


def test_a_missing_file_has_no_line_and_column(project):
    result = run("check", "nothing.yaml")
    assert result.stdout == "nothing.yaml: error: no such file [file-not-found]\n"
    assert result.exit_code == 1


@pytest.mark.parametrize("text, summary", [
    (minimal(), "1 checked, 0 errors, 0 warnings"),
    (minimal(concerns=["• One.", "Two."]), "1 checked, 0 errors, 1 warning"),
    (minimal(concerns=["• One.", "• Two."]), "1 checked, 0 errors, 2 warnings"),
    ("title: T\nsubject EMILY\n", "1 checked, 1 error, 0 warnings"),
    (BROKEN, "1 checked, 2 errors, 0 warnings"),
])
def test_counts_are_in_words(project, text, summary):
    write(project / "briefings", "alex.yaml", text)
    assert run("check", "alex").stderr.splitlines()[-1] == summary


def test_no_colour_when_piped_or_with_no_color_and_colour_when_asked(project):
    write(project / "briefings", "alex.yaml", BROKEN)
    piped = run("check", "alex")
    assert "\x1b[" not in piped.output
    assert piped.stdout.splitlines() == [
        "briefings/alex.yaml:2:8: error: there is no ':' after 'subject' (write ':' after "
        "the field name) [yaml-syntax]",
        "briefings/alex.yaml:4:1: error: a Tab is used to indent this line (indent with "
        "spaces) [yaml-syntax]"]
    forced = run("--color", "check", "alex")
    assert "\x1b[31m\x1b[1merror\x1b[0m" in forced.stdout
    assert "\x1b[31m\x1b[1m1 checked, 2 errors, 0 warnings\x1b[0m" in forced.stderr
    assert "\x1b[" not in run("--no-color", "check", "alex").output
    write(project / "briefings", "alex.yaml", minimal())
    assert "\x1b[32m1 checked, 0 errors, 0 warnings\x1b[0m" in \
        run("--color", "check", "alex").stderr


def test_the_line_at_fault_a_caret_and_the_fix_are_printed_for_a_person(project,
                                                                        monkeypatch):
    import briefing_builder.cli.common as common

    write(project / "briefings", "alex.yaml", BROKEN)
    monkeypatch.setattr(common, "on_terminal", lambda: True)
    result = run("check", "alex")
    assert result.stdout.splitlines() == [
        "briefings/alex.yaml:2:8: error: there is no ':' after 'subject' (write ':' after "
        "the field name) [yaml-syntax]",
        "      2 | subject EMILY",
        "        |        ^",
        "    fix | subject: EMILY",
        "briefings/alex.yaml:4:1: error: a Tab is used to indent this line (indent with "
        "spaces) [yaml-syntax]",
        "      4 | \t- one",
        "        | ^",
        "    fix |   - one"]
    json = run("check", "--format", "json", "alex")
    assert '"source": "subject EMILY"' in json.stdout and "      2 |" not in json.stdout


def test_paths_are_shown_relative_to_here(project):
    path = write(project / "briefings", "alex.yaml", "title: T\nsubject EMILY\n")
    result = run("check", path.resolve())
    assert result.stdout.startswith("briefings/alex.yaml:2:8: error:")


def test_briefing_alone_shows_the_help_and_exits_0():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "briefing_builder"], capture_output=True,
                            text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: briefing [OPTIONS] COMMAND [ARGS]...")
    assert "  check " in result.stdout


def test_watch_says_the_time_what_it_wrote_and_the_size_and_ctrl_c_exits_130(project,
                                                                            monkeypatch):
    write(project / "briefings", "alex.yaml", minimal())

    def once_then_ctrl_c(paths, settings, report, stop=None, preview=True):
        from briefing_builder.watch import rebuild

        for path in paths:
            report(rebuild(path, settings, preview))
        raise KeyboardInterrupt

    monkeypatch.setattr(briefing_builder.watch, "watch", once_then_ctrl_c)
    result = run("watch", "--no-preview", "alex")
    assert result.exit_code == 130
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"\d\d:\d\d:\d\d briefings/alex\.yaml: wrote build/alex\.pdf "
                        r"\(text [\d.]+ pt\)", lines[0]), lines
    assert lines[1] == "stopped watching"
    write(project / "briefings", "alex.yaml", minimal(questions=[]))
    result = run("watch", "alex")
    assert result.exit_code == 130
    assert re.fullmatch(r"\d\d:\d\d:\d\d briefings/alex\.yaml: failed, nothing written "
                        r"\(1 error, 0 warnings\)", result.stderr.splitlines()[0])
    assert "[empty-panel]" in result.stdout
