"""The `briefing` command: exit codes, one line per problem, never a traceback."""

import importlib
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from helpers import ROOT, minimal, write

from briefing_builder.cli import main
from briefing_builder.cli import group


def run(*args, cwd=None):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


def test_check_clean_file_exits_0(tmp_path):
    path = write(tmp_path, "good.yaml", minimal())
    result = run("check", path)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 checked, 0 errors, 0 warnings" in result.stderr


def test_check_reports_each_problem_with_its_place_and_exits_1(tmp_path):
    typo = write(tmp_path, "typo.yaml", minimal(what_to_do=None, what_todo=["Do it."]))
    broken = write(tmp_path, "broken.yaml", "title: [unclosed\n")
    result = run("check", tmp_path, tmp_path / "missing.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{broken}:1:8: error: the '[' that opens this list is never closed (end it " \
        "with ] on the same line) [yaml-syntax]" in lines
    assert any(line.startswith(f"{typo}:") and "did you mean 'what_to_do'?" in line
               for line in lines)
    assert f"{tmp_path / 'missing.yaml'}: error: no such file [file-not-found]" in lines
    assert "Traceback" not in result.output


def test_check_json(tmp_path):
    import json
    path = write(tmp_path, "bad.yaml", minimal(published="2021-02-30"))
    result = run("check", "--format", "json", path)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "briefings": [{"path": str(path), "status": None, "approved_by": None,
                       "approved_on": None, "errors": 1, "warnings": 0, "allowed": 0}],
        "problems": [{
            "path": str(path), "line": 4, "column": 12, "severity": "error", "code": "bad-date",
            "message": "Published: 2021-02-30 is not a real date", "suggestion": None,
            "source": None, "caret": None, "fix": None}]}


def test_usage_errors_exit_2(tmp_path):
    assert run("check", "--format", "xml").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_build_writes_pdfs_and_reports_failures(tmp_path):
    write(tmp_path, "good.yaml", minimal())
    write(tmp_path, "bad.yaml", minimal(concerns="not a list"))
    result = run("build", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "good.pdf").is_file()
    assert not (tmp_path / "out" / "bad.pdf").exists()
    assert "1 built, 0 up to date, 1 failed" in result.stderr
    again = run("build", tmp_path / "good.yaml", "-o", tmp_path / "out")
    assert again.exit_code == 0
    assert "0 built, 1 up to date, 0 failed" in again.stderr


def test_python_dash_m_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "briefing_builder", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert "Usage: briefing [OPTIONS] COMMAND" in result.stdout
    assert "check" in result.stdout and "build" in result.stdout


def test_every_command_has_help_with_an_example():
    context = click.Context(main, info_name="briefing")
    for name in main.list_commands(context):
        assert "Example" in (main.get_command(context, name).help or ""), name


def test_the_list_of_commands_is_the_commands_own():
    """`briefing --help` lists the commands without importing them, from `COMMANDS`: each
    there is a command of the module named, the first paragraph of its help word for word,
    and the list is the one click writes from the commands themselves, at any width."""
    context = click.Context(main, info_name="briefing")
    for family in group.FAMILIES:
        importlib.import_module(f"briefing_builder.cli.{family}")
    assert sorted(main.commands) == sorted(group.COMMANDS)
    for name, (family, summary) in group.COMMANDS.items():
        command = main.commands[name]
        assert command.callback.__module__ == f"briefing_builder.cli.{family}", name
        assert " ".join(command.help.split("\n\n")[0].split()) == summary, name
        assert (command.short_help, command.hidden, command.deprecated) == \
            (None, False, False), name
    for width in (50, 60, 80, 100, 200):
        context = click.Context(main, info_name="briefing", terminal_width=width)
        ours, clicks = context.make_formatter(), context.make_formatter()
        main.format_commands(context, ours)
        click.Group.format_commands(main, context, clicks)
        assert ours.getvalue() == clicks.getvalue(), width


def test_a_command_that_does_not_exist_is_named_with_the_nearest():
    result = run("chek")
    assert result.exit_code == 2
    assert "No such command 'chek'. (Did you mean one of: 'check', 'schema'?)" in result.stderr


COMMANDS = [
    (["check"], "briefing_builder.batch.check"),
    (["build"], "briefing_builder.batch.build"),
    (["bundle", "m.yaml"], "briefing_builder.bulletin.bundle"),
    (["extract", "a.pdf"], "briefing_builder.publish.archive.embedded_sources"),
    (["schema"], "briefing_builder.source.schema.schema_text"),
    (["new", "alex"], "briefing_builder.source.new.new_briefing"),
    (["preview", "a.yaml"], "briefing_builder.batch.build"),
    (["watch"], "briefing_builder.watch.watch"),
]


@pytest.mark.parametrize("args,function", COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_ctrl_c_exits_130_from_every_command(tmp_path, monkeypatch, args, function):
    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(function, interrupted)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 130, (result.output, result.exception)
    assert "stopped" in result.stderr and "Traceback" not in result.output


def test_a_file_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    import errno

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "s.json"))

    monkeypatch.setattr("briefing_builder.publish.files.write_atomic", full)
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"{tmp_path / 's.json'}: error: No space left on device; nothing "
                             "was left half-written [io-error]\n")
