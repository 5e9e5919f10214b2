"""Drafts: left out of a folder's build without failing it, built by name with DRAFT on every
page, kept out of bulletins; an approved briefing's sign-off in its PDF and in `check`."""

import json

import pytest
from click.testing import CliRunner
from helpers import ROOT, minimal, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.bulletin import bundle
from briefing_builder.cli import main
from briefing_builder.pipeline import check_one
from briefing_builder.settings import Settings

APPROVED = {"status": "approved", "approved_by": "Head of Learning and Practice",
            "approved_on": "2022-02-20"}


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        f"[project]\nname = 'x'\n[tool.briefing-builder]\nstyles = '{ROOT / 'styles'}'\n")
    (tmp_path / "briefings").mkdir()
    write(tmp_path / "briefings", "alex.yaml", minimal(recommendations=["Do this."], **APPROVED))
    write(tmp_path / "briefings", "sam.yaml", minimal(
        status="draft", title="Learning from Practice Review – SAM", subject="SAM",
        background="Sam was four.", recommendations=["Do that."]))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


def test_a_folder_builds_without_its_drafts_and_does_not_fail(project):
    result = run("build")
    assert result.exit_code == 0, result.output
    assert (project / "build" / "alex.pdf").is_file()
    assert not (project / "build" / "sam.pdf").exists()
    lines = result.stderr.splitlines()
    assert "briefings/sam.yaml: a draft (status: draft), not built; build it by name to see " \
        "it marked DRAFT" in lines
    assert lines[-1].startswith("1 built, 0 up to date, 0 failed, 1 draft not built in ")


def test_a_draft_built_by_name_is_marked_draft_on_every_page(project):
    result = run("build", "sam")
    assert result.exit_code == 0, result.output
    reader = PdfReader(project / "build" / "sam.pdf")
    assert len(reader.pages) == 2
    assert all("DRAFT" in page.extract_text() for page in reader.pages)
    assert reader.metadata["/Keywords"].endswith(", SAM, draft")
    assert run("build", "alex").exit_code == 0
    approved = PdfReader(project / "build" / "alex.pdf")
    assert not any("DRAFT" in page.extract_text() for page in approved.pages)


def test_a_drafts_web_page_says_it_is_a_draft(project):
    assert run("build", "--html", "sam", "alex").exit_code == 0
    draft = (project / "build" / "sam.html").read_text("utf-8")
    assert '<p class="draft">Draft: not approved for publication</p>' in draft
    assert 'class="draft"' not in (project / "build" / "alex.html").read_text("utf-8")


def test_drafts_all_or_none_when_asked(project):
    assert "1 built, 0 up to date, 0 failed, 1 draft not built" in \
        run("build", "--no-drafts", "briefings/alex.yaml", "briefings/sam.yaml").stderr
    assert "1 built, 1 up to date, 0 failed in" in run("build", "--drafts").stderr
    [item] = build([project / "briefings"], project / "lib", settings=Settings(),
                   drafts=None)[1:]
    assert item.status == "draft" and item.output is None and not item.failed


def test_the_sign_off_is_in_the_pdf_and_in_checks_json(project):
    assert run("build", "alex").exit_code == 0
    keywords = PdfReader(project / "build" / "alex.pdf").metadata["/Keywords"]
    assert keywords.endswith(", approved by Head of Learning and Practice on 2022-02-20")
    result = run("check", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "briefings": [
            {"path": "briefings/alex.yaml", "status": "approved",
             "approved_by": "Head of Learning and Practice", "approved_on": "2022-02-20",
             "errors": 0, "warnings": 0, "allowed": 0},
            {"path": "briefings/sam.yaml", "status": "draft", "approved_by": None,
             "approved_on": None, "errors": 0, "warnings": 0, "allowed": 0}],
        "problems": []}


@pytest.mark.parametrize("fields, message", [
    ({"status": "approved", "approved_by": "Head of Learning"},
     "The briefing: an approved briefing says who approved it and when: approved_on: is "
     "missing"),
    ({"status": "approved"}, "The briefing: an approved briefing says who approved it and "
     "when: approved_by: and approved_on: are missing"),
    ({"status": "draft", "approved_on": "2022-02-20"}, "The briefing: approved_on: records a "
     "sign-off, but the briefing is not 'status: approved'"),
    ({"status": "published"}, "Status cannot be 'published'; choose one of 'draft' or "
     "'approved'"),
])
def test_a_sign_off_is_whole_or_not_there(tmp_path, fields, message):
    path = write(tmp_path, "b.yaml", minimal(**fields))
    [problem] = check_one(path).problems
    assert problem.message == message and problem.is_error
    assert problem.code == ("bad-value" if fields["status"] == "published" else "sign-off")


def test_a_draft_cannot_go_in_a_bulletin(project):
    (project / "issues").mkdir()
    write(project / "issues", "2022-03.yaml", "title: Bulletin\nissue: 2022-03\n"
          "published: 2022-03-01\nattachments:\n  - briefing: ../briefings/sam.yaml\n")
    result = bundle(project / "issues" / "2022-03.yaml", Settings(output=project / "build"))
    assert [(p.position.line, p.code, p.message) for p in result.problems] == [
        (5, "attachment-draft", "the briefing sam.yaml is a draft (status: draft); only an "
         "approved briefing goes in an issue")]
    assert not (project / "build" / "sam.pdf").exists()
