"""Batches: worker processes give the same bytes, and only what changed is built again."""

import gc
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from helpers import ROOT, minimal, write

from briefing_builder import build
from briefing_builder.settings import PhraseRule, Settings
from briefing_builder.source.load import SourceDocument
from briefing_builder.source.model import Briefing

SUBJECTS = ["ALEX", "BILLY", "CASEY", "DARCY", "ELLIS"]


def library(folder):
    """Five briefings that differ in their text, and so in their PDFs."""
    folder.mkdir()
    for subject in SUBJECTS:
        write(folder, f"{subject.lower()}.yaml",
              minimal(subject=subject, title=f"Learning from Practice Review – “{subject}”",
                      background=f"{subject.title()} was nine years old.",
                      questions=[f"What was {subject.title()}'s day like?"] * 3))
    return folder


def own_styles(tmp_path) -> Settings:
    styles = tmp_path / "styles"
    shutil.copytree(Settings().styles_dir(), styles)
    return Settings(styles=styles)


def pdfs(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.pdf"))}


def test_two_jobs_write_the_same_bytes_as_one_in_input_order(tmp_path):
    sources = library(tmp_path / "briefings")
    one = build([sources], tmp_path / "one", settings=Settings(), jobs=1)
    two = build([sources], tmp_path / "two", settings=Settings(), jobs=2)
    assert [r.path.name for r in two] == [r.path.name for r in one] == [
        f"{s.lower()}.yaml" for s in sorted(SUBJECTS)]
    assert [r.status for r in two] == ["built"] * 5
    assert [r.text_size for r in two] == [r.text_size for r in one]
    first, second = pdfs(tmp_path / "one"), pdfs(tmp_path / "two")
    # five different briefings and their discussion sheets
    assert len(first) == 10 and len(set(first.values())) == 10
    assert first == second


def test_errors_from_workers_are_reported_in_input_order(tmp_path):
    sources = library(tmp_path / "briefings")
    write(sources, "billy.yaml", minimal(published="2022-13-01"))
    write(sources, "darcy.yaml", minimal(questions=[]))
    results = build([sources], tmp_path / "out", settings=Settings(), jobs=2)
    assert [(r.path.stem, r.status) for r in results] == [
        ("alex", "built"), ("billy", "failed"), ("casey", "built"), ("darcy", "failed"),
        ("ellis", "built")]
    [bad_date] = [p.format() for p in results[1].problems]
    assert bad_date.startswith(f"{sources / 'billy.yaml'}:4:12: error: ")
    assert bad_date.endswith("[bad-date]")
    assert results[3].problems and all(p.path == sources / "darcy.yaml"
                                       for p in results[3].problems)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [
        "alex-discussion.pdf", "alex.pdf", "casey-discussion.pdf", "casey.pdf",
        "ellis-discussion.pdf", "ellis.pdf"]


def test_editing_one_source_rebuilds_only_its_pdf(tmp_path):
    settings = own_styles(tmp_path)
    sources = library(tmp_path / "briefings")
    out = tmp_path / "out"
    build([sources], out, settings=settings, jobs=2)
    before = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}
    write(sources, "casey.yaml",
          minimal(subject="CASEY", title="CASEY", background="Casey was twelve."))
    results = build([sources], out, settings=settings, jobs=2)
    assert [(r.path.stem, r.status) for r in results] == [
        ("alex", "up to date"), ("billy", "up to date"), ("casey", "built"),
        ("darcy", "up to date"), ("ellis", "up to date")]
    after = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}
    assert [name for name in before if after[name] != before[name]] == [
        "casey-discussion.pdf", "casey.pdf"]


def test_changing_a_stylesheet_rebuilds_every_briefing(tmp_path):
    settings = own_styles(tmp_path)
    sources = library(tmp_path / "briefings")
    out = tmp_path / "out"
    build([sources], out, settings=settings)
    old = pdfs(out)
    css = settings.styles / "briefing.css"
    css.write_text(css.read_text().replace("--accent: #0b4f6c;", "--accent: #5a2a82;"))
    results = build([sources], out, settings=settings, jobs=2)
    assert [r.status for r in results] == ["built"] * 5
    new = pdfs(out)
    assert all(new[name] != old[name] for name in old)  # the new colour is in every PDF


def test_changing_a_build_option_or_a_house_rule_rebuilds(tmp_path):
    settings = own_styles(tmp_path)
    sources = library(tmp_path / "briefings")
    out = tmp_path / "out"
    build([sources], out, settings=settings)
    marked = settings.model_copy(update={"marks": True, "bleed": 3.0})
    assert {r.status for r in build([sources], out, settings=marked)} == {"built"}
    assert {r.status for r in build([sources], out, settings=marked)} == {"up to date"}
    phrase = PhraseRule(pattern="Darcy's day", message="one day is not a child's life")
    ruled = marked.model_copy(update={"rules": marked.rules.model_copy(
        update={"phrases": [phrase], "severity": {"discouraged-phrase": "error"}})})
    results = build([sources], out, settings=ruled)
    assert [(r.path.stem, r.status) for r in results][3] == ("darcy", "failed")
    assert {r.status for r in results[:3]} == {"built"}


def test_progress_hears_of_every_briefing_once(tmp_path):
    sources = library(tmp_path / "briefings")
    heard = []
    build([sources], tmp_path / "out", settings=Settings(), jobs=2,
          progress=lambda item: heard.append((item.path.stem, item.status)))
    assert sorted(heard) == [(s.lower(), "built") for s in sorted(SUBJECTS)]
    heard.clear()
    build([sources], tmp_path / "out", settings=Settings(),
          progress=lambda item: heard.append(item.status))
    assert heard == ["up to date"] * 5


def held(root) -> list:
    """Every object `root` holds, through its fields, lists and their items (not through
    classes, modules or functions, which every object reaches)."""
    seen, found, waiting = set(), [], [root]
    while waiting:
        obj = waiting.pop()
        if id(obj) in seen or isinstance(obj, (type, types.ModuleType, types.FunctionType)):
            continue
        seen.add(id(obj))
        found.append(obj)
        waiting.extend(gc.get_referents(obj))
    return found


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_keep_what_was_built_not_the_briefing(tmp_path, jobs):
    """A batch's results are all a process keeps of its briefings: holding each parsed
    briefing, a process building a thousand would grow by a thousand of them. What callers
    read (the command line, the bulletin, the watch, the editor) is still there."""
    sources = library(tmp_path / "briefings")
    write(sources, "billy.yaml", minimal(published="2022-13-01"))
    heard = []
    results = build([sources], tmp_path / "out", settings=Settings(discussion=False),
                    jobs=jobs, progress=heard.append)
    assert [(r.path.stem, r.status) for r in results] == [
        ("alex", "built"), ("billy", "failed"), ("casey", "built"), ("darcy", "built"),
        ("ellis", "built")]
    for item in results + heard:
        kept = held(item)
        assert not [o for o in kept if isinstance(o, (Briefing, SourceDocument))], item.path
        assert item.briefing is None and item.document is None
    for item in (results[0], *results[2:]):
        assert item.output == tmp_path / "out" / f"{item.path.stem}.pdf"
        assert item.output.read_bytes().startswith(b"%PDF-") and item.text_size >= 9
        assert not item.failed and item.problems == []
    assert results[1].failed and results[1].output is None
    assert [p.code for p in results[1].problems] == ["bad-date"]


def in_a_new_python(probe: str) -> str:
    """What a new Python process running `probe` prints."""
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, check=True).stdout.strip()


# The command line as it starts, in a new process: what it printed, then its exit status
# and which of the modules a command might load it has loaded.
AS_TYPED = """
import sys
from briefing_builder.cli import run
sys.argv[0] = "briefing"
try:
    run()
except SystemExit as exc:
    status = exc.code
heavy = ("weasyprint", "pydyf", "tinyhtml5", "pypdf", "jinja2", "segno", "pydantic")
ours = ("briefing_builder.render.", "briefing_builder.fit", "briefing_builder.publish.",
        "briefing_builder.batch", "briefing_builder.cli.")
print(status, sorted({m.split(".")[0] for m in sys.modules} & set(heavy)
                     | {m for m in sys.modules if m.startswith(ours)}))
"""


def loaded(tmp_path, *args: str) -> tuple[str, str]:
    """Run `briefing ARGS` in a new process in `tmp_path`: what it printed and what it
    loaded, as `STATUS [MODULE, ...]`."""
    said = subprocess.run([sys.executable, "-c", AS_TYPED, *args], capture_output=True,
                          text=True, cwd=tmp_path, check=True)
    printed, _, modules = said.stdout.rstrip("\n").rpartition("\n")
    return printed + said.stderr, modules


def test_help_new_and_check_of_a_built_briefing_load_no_renderer(tmp_path):
    """`briefing --help` loads the command group alone: no command, no stage, not even
    pydantic; a command's --help loads its own module. `new` and `check` of a briefing
    whose PDF was built from the same inputs need no layout engine, no PDF library, no
    renderer and no templates, and `check` reads the report's link without the QR code
    maker."""
    said, modules = loaded(tmp_path, "--help")
    assert "Commands:" in said and modules == "0 ['briefing_builder.cli.group']"
    said, modules = loaded(tmp_path, "check", "--help")
    assert "Usage: briefing check" in said
    assert modules == "0 ['briefing_builder.cli.checking', 'briefing_builder.cli.common', " \
        "'briefing_builder.cli.group']"
    said, modules = loaded(tmp_path, "new", "alex")
    assert "wrote briefings/alex.yaml" in said
    assert modules == "0 ['briefing_builder.cli.authoring', 'briefing_builder.cli.common', " \
        "'briefing_builder.cli.group', 'pydantic']"
    path = write(tmp_path / "briefings", "alex.yaml", minimal(source={
        "title": "The review", "url": "https://example.org/reviews/alex"}))
    build([path], tmp_path / "build", settings=Settings(discussion=False))
    (tmp_path / "pyproject.toml").write_text("[tool.briefing-builder]\ndiscussion = false\n")
    said, modules = loaded(tmp_path, "check", "alex")
    assert said.endswith("1 checked, 0 errors, 0 warnings\n")
    assert modules == "0 ['briefing_builder.batch', 'briefing_builder.cli.checking', " \
        "'briefing_builder.cli.common', 'briefing_builder.cli.group', " \
        "'briefing_builder.publish.files', 'pydantic']"


def test_loading_the_layout_engine_starts_no_other_program():
    """WeasyPrint's libraries are found by the loader's names, without running gcc and ld
    for each name it tries first; every library it needs is loaded all the same."""
    probe = ("import ctypes.util, subprocess, sys; started = []; "
             "real = subprocess.Popen.__init__; "
             "subprocess.Popen.__init__ = lambda self, args, *a, **k: "
             "(started.append(args), real(self, args, *a, **k))[1]; "
             "search = ctypes.util.find_library; "
             "import briefing_builder.render.engine; from weasyprint.text import ffi; "
             "print(started, ctypes.util.find_library is search, "
             "[getattr(ffi, name) is not None for name in "
             "('gobject', 'pango', 'harfbuzz', 'harfbuzz_subset', 'fontconfig', 'pangoft2')])")
    assert in_a_new_python(probe) == "[] True [True, True, True, True, True, True]"


def test_a_library_caller_keeps_its_garbage_collection_as_it_was(tmp_path):
    """`build()` called as a library never freezes the caller's objects; the command line,
    whose process it is, may, and so may workers."""
    paths = [write(tmp_path, f"{n}.yaml", minimal()) for n in "ab"]
    probe = ("import gc; from pathlib import Path; from briefing_builder import build; "
             "from briefing_builder.settings import PhraseRule, Settings; "
             f"build([Path(p) for p in {[str(p) for p in paths]!r}], "
             f"Path({str(tmp_path / 'out')!r}), settings=Settings()); "
             "print(gc.get_freeze_count(), gc.isenabled())")
    assert in_a_new_python(probe) == "0 True"
    probe = ("import gc; from click.testing import CliRunner; "
             "from briefing_builder.cli import main; "
             f"r = CliRunner().invoke(main, ['build', '-j', '1', '--force', '-o', "
             f"{str(tmp_path / 'cli')!r}, {str(paths[0])!r}, {str(paths[1])!r}]); "
             "print(r.exit_code, gc.get_freeze_count() > 0)")
    assert in_a_new_python(probe) == "0 True"


def test_settings_are_the_same_for_the_library_and_the_command_line(tmp_path, monkeypatch):
    """Defaults live in the settings; an option not given (None) changes nothing."""
    from briefing_builder.settings import load_settings

    (tmp_path / "pyproject.toml").write_text(
        '[tool.briefing-builder]\noutput = "out"\njobs = 3\npaper = "a3"\n')
    settings = load_settings(tmp_path, output=None, jobs=None, paper=None, theme=None)
    assert (settings.output, settings.jobs, settings.paper) == (tmp_path / "out", 3, "a3")
    assert settings.issues_dir() == tmp_path / "out" / "issues"
    assert settings.preview_dir() == tmp_path / "out" / "preview"
    given = load_settings(tmp_path, output=Path("elsewhere"), jobs=1)
    assert (given.output, given.jobs, given.paper) == (Path("elsewhere"), 1, "a3")
    assert given.issues_dir() == Path("elsewhere/issues")


def test_check_lays_out_only_a_briefing_not_built_from_the_same_inputs(tmp_path):
    """`check` says what does not fit as `build` would. A briefing whose PDF was built from
    the same source, house style, rules and options fits as it did: checking it needs no
    layout engine. Changed, it is laid out again."""
    path = write(tmp_path, "alex.yaml", minimal())
    probe = (f"import os, sys; os.chdir({str(tmp_path)!r}); "
             "from click.testing import CliRunner; from briefing_builder.cli import main; "
             "import re; said = CliRunner().invoke(main, sys.argv[1:]).output.strip(); "
             "print('weasyprint' in sys.modules, said.splitlines()[-1], "
             "re.findall(r' \\[([a-z-]+)\\]$', said, re.M))")

    def run(*args: str) -> str:
        return subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                              text=True, cwd=ROOT, check=True).stdout.strip()

    assert run("check", "alex.yaml") == "True 1 checked, 0 errors, 0 warnings []"
    assert run("build", "alex.yaml").startswith("True 1 built, 0 up to date, 0 failed")
    assert run("check", "alex.yaml") == "False 1 checked, 0 errors, 0 warnings []"
    write(tmp_path, "alex.yaml", minimal(concerns=["What did the school see? " * 40] * 24))
    assert run("check", "alex.yaml") == \
        "True 1 checked, 1 error, 1 warning ['reading-time', 'panel-overflow']"
    # Checked again as it is: what did not fit is said as before, without laying it out.
    assert run("check", "alex.yaml") == \
        "False 1 checked, 1 error, 1 warning ['reading-time', 'panel-overflow']"
    assert path.is_file()
