"""Bundles: one navigable PDF of an issue's attachments, and nothing lost on a bad one."""

import shutil
import zipfile

import pytest
from click.testing import CliRunner
from helpers import active_parts, minimal, write
from pypdf import PdfReader

from briefing_builder.bulletin import bundle
from briefing_builder.cli import main
from briefing_builder.publish.bundle import clean_name
from briefing_builder.settings import Settings

MANIFEST = """\
title: Practice and Learning Bulletin – March 2022
issue: 2022-03
published: 2022-03-01
attachments:
  - briefing: ../alex.yaml
  - briefing: ../sam.yaml
  - pdf: ../reports/review.pdf
    title: Serious Case Review – Alex (full report)
"""


@pytest.fixture
def project(tmp_path, emily_pdf):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    write(tmp_path, "alex.yaml", minimal())
    write(tmp_path, "sam.yaml", minimal(title="Learning from Practice Review – SAM",
                                        subject="SAM", background="Sam was four."))
    (tmp_path / "reports").mkdir()
    shutil.copy(emily_pdf, tmp_path / "reports" / "review.pdf")
    (tmp_path / "issues").mkdir()
    write(tmp_path / "issues", "2022-03.yaml", MANIFEST)
    return tmp_path


def settings_for(project):
    return Settings(output=project / "build")


def test_bundle_has_contents_bookmarks_labels_links_and_metadata(project):
    result = bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "out")
    assert result.problems == [] and result.output == project / "out" / "2022-03.pdf"
    reader = PdfReader(result.output)
    assert len(reader.pages) == 1 + 1 + 1 + 2
    contents = " ".join(reader.pages[0].extract_text().split())
    for title, kind, page in (("Learning from Practice Review – “ALEX”", "7-minute briefing", 1),
                              ("Learning from Practice Review – SAM", "7-minute briefing", 2),
                              ("Serious Case Review – Alex (full report)", "PDF", 3)):
        assert f"{title} {kind} page {page}" in contents
    entries = [item for item in reader.outline if not isinstance(item, list)]  # nested: theirs
    assert [item["/Title"] for item in entries] == [
        "Learning from Practice Review – “ALEX”", "Learning from Practice Review – SAM",
        "Serious Case Review – Alex (full report)"]
    assert [reader.get_destination_page_number(item) for item in entries] == [1, 2, 3]
    assert reader.page_labels == ["Contents", "1", "2", "3", "4"]
    links = [a.get_object() for a in reader.pages[0]["/Annots"]]
    targets = [reader.get_page_number(link["/Dest"][0].get_object()) for link in links]
    # Each entry is one link per line it spans; in order, they lead to pages 1, 2 and 3.
    assert list(dict.fromkeys(targets)) == [1, 2, 3]
    assert reader.metadata.title == "Practice and Learning Bulletin – March 2022"
    assert reader.metadata["/CreationDate"] == "D:20220301"
    # The report's own pages are there, unchanged in content.
    assert "Recommendations from the review" in reader.pages[4].extract_text()


def test_loose_files_and_zip(project):
    bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "out")
    names = ["01-learning-from-practice-review-alex.pdf",
             "02-learning-from-practice-review-sam.pdf",
             "03-serious-case-review-alex-full-report.pdf"]
    assert sorted(p.name for p in (project / "out" / "2022-03").iterdir()) == names
    with zipfile.ZipFile(project / "out" / "2022-03.zip") as archive:
        assert archive.namelist() == names
        for name in names:
            assert archive.read(name) == (project / "out" / "2022-03" / name).read_bytes()
    # The report from elsewhere is a copy rebuilt from its pages: the same pages and words.
    rebuilt = PdfReader(project / "out" / "2022-03" / names[2])
    original = PdfReader(project / "reports" / "review.pdf")
    assert rebuilt.pdf_header == original.pdf_header
    assert [page.extract_text() for page in rebuilt.pages] == \
        [page.extract_text() for page in original.pages]


def test_same_manifest_same_bytes(project):
    first = bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "a")
    second = bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "b")
    assert first.output.read_bytes() == second.output.read_bytes()


@pytest.mark.parametrize("damage,reason", [
    (lambda data: data[: len(data) // 2], "truncated"),
    (lambda data: b"", "empty"),
    (lambda data: b"<html>not a pdf</html>", "not a PDF"),
])
def test_a_bad_attachment_is_named_and_the_last_bundle_survives(project, damage, reason,
                                                               monkeypatch):
    manifest = project / "issues" / "2022-03.yaml"
    out = project / "out"
    bundle(manifest, settings_for(project), out)
    before = (out / "2022-03.pdf").read_bytes()
    report = project / "reports" / "review.pdf"
    report.write_bytes(damage(report.read_bytes()))
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["bundle", str(manifest), "-o", str(out)])
    assert result.exit_code == 1
    assert str(report) in result.stdout and reason in result.stdout
    assert result.stdout.startswith("issues/2022-03.yaml:7:10: error: ")  # relative to here
    assert (out / "2022-03.pdf").read_bytes() == before


def test_an_encrypted_attachment_is_refused(project):
    from pypdf import PdfWriter
    writer = PdfWriter(clone_from=project / "reports" / "review.pdf")
    writer.encrypt("secret")
    with open(project / "reports" / "review.pdf", "wb") as stream:
        writer.write(stream)
    result = bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "out")
    assert [p.code for p in result.problems] == ["attachment-bad"]
    assert "encrypted" in result.problems[0].message


def test_paths_may_not_leave_the_project(project):
    write(project / "issues", "bad.yaml", MANIFEST.replace("../reports/review.pdf",
                                                           "../../elsewhere.pdf"))
    result = bundle(project / "issues" / "bad.yaml", settings_for(project), project / "out")
    assert [p.code for p in result.problems] == ["attachment-outside"]


def test_manifest_errors_point_into_the_manifest(project):
    path = write(project / "issues", "m.yaml",
                 MANIFEST.replace("    title: Serious", "    titel: Serious"))
    result = bundle(path, settings_for(project), project / "out")
    assert [(p.position.line, p.code) for p in result.problems] == [(8, "unknown-field")]


def test_clean_names():
    assert clean_name(2, "Serious Case Review – Emily (full report)") == \
        "02-serious-case-review-emily-full-report.pdf"
    assert clean_name(1, "«»") == "01-attachment.pdf"


def test_a_bundle_over_the_email_limit_is_warned_about(project):
    settings = settings_for(project).model_copy(update={"email_limit_mb": 0.01})
    result = bundle(project / "issues" / "2022-03.yaml", settings, project / "out")
    assert not result.failed and result.output.is_file()
    [problem] = result.problems
    assert problem.code == "bundle-size" and "more than the 0.01 MB email limit" in problem.message
    assert result.size == result.output.stat().st_size


def active_pdf(source) -> bytes:
    """A PDF that tries everything: JavaScript on opening, a launch link, page actions,
    embedded files, a file attachment annotation."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_attachment("payload.exe", b"MZ not really")
    script = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('hello');")}))
    writer._root_object["/Names"].get_object()[NameObject("/JavaScript")] = DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("hello"), script])})
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.launchURL('https://example.org');")})
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})})
    launch = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50),
                                          FloatObject(50)]),
        NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                                            NameObject("/F"): TextStringObject("cmd.exe")})})
    attached = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/FileAttachment"),
        NameObject("/Rect"): ArrayObject([FloatObject(60), FloatObject(0), FloatObject(80),
                                          FloatObject(20)])})
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(launch),
                                               writer._add_object(attached)])
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()



def test_active_content_is_removed_from_attachments_and_named(project, emily_pdf):
    hostile = active_pdf(emily_pdf)
    assert active_parts(PdfReader(__import__("io").BytesIO(hostile))) >= {
        "/JavaScript", "/Launch", "/EmbeddedFiles", "/AA", "/FileAttachment", "/OpenAction"}
    (project / "reports" / "review.pdf").write_bytes(hostile)
    result = bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "out")
    assert not result.failed
    [cleaned] = [p for p in result.problems if p.code == "attachment-cleaned"]
    assert cleaned.severity.value == "warning" and cleaned.position.line == 7
    for what in ("JavaScript", "Launch actions", "embedded files", "actions that run on opening"):
        assert what in cleaned.message
    assert active_parts(PdfReader(result.output)) == set()
    loose = project / "out" / "2022-03" / "03-serious-case-review-alex-full-report.pdf"
    assert active_parts(PdfReader(loose)) == set()
    with zipfile.ZipFile(project / "out" / "2022-03.zip") as archive:
        assert archive.read(loose.name) == loose.read_bytes()
    assert len(PdfReader(loose).pages) == len(PdfReader(emily_pdf).pages)


def test_an_up_to_date_briefing_is_bundled_without_being_read_again(project, monkeypatch):
    """Its title comes from its PDF: the briefing is not checked again (its source is
    read only for the issue's web page)."""
    import briefing_builder.pipeline as pipeline

    first = bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "a")
    assert first.problems == []
    monkeypatch.setattr(pipeline, "check_one", lambda *a, **k: pytest.fail("read again"))
    again = bundle(project / "issues" / "2022-03.yaml", settings_for(project), project / "b")
    assert again.problems == []
    assert (project / "a" / "2022-03.pdf").read_bytes() == \
        (project / "b" / "2022-03.pdf").read_bytes()


def test_bundle_with_an_output_folder_writes_everything_under_it(project, monkeypatch):
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["bundle", "issues/2022-03.yaml", "-o", "elsewhere"])
    assert result.exit_code == 0, result.output
    assert not (project / "build").exists()
    written = {p.relative_to(project / "elsewhere").as_posix()
               for p in (project / "elsewhere").rglob("*") if p.is_file()
               and ".briefing-builder" not in p.parts}
    assert written == {"2022-03.pdf", "2022-03.zip", "2022-03.html",
                       "briefings/alex.pdf", "briefings/sam.pdf",
                       "briefings/alex-discussion.pdf", "briefings/alex-discussion.docx",
                       "briefings/sam-discussion.pdf", "briefings/sam-discussion.docx",
                       "2022-03/01-learning-from-practice-review-alex.pdf",
                       "2022-03/02-learning-from-practice-review-sam.pdf",
                       "2022-03/03-serious-case-review-alex-full-report.pdf"}


def test_a_bundle_carries_each_briefings_discussion_sheet_after_it(project):
    manifest = project / "issues" / "2022-03.yaml"
    manifest.write_text(MANIFEST.replace("attachments:", "discussion_sheets: true\nattachments:"))
    result = bundle(manifest, Settings(output=project / "build", discussion=False),
                    project / "out")
    assert result.problems == []
    reader = PdfReader(result.output)
    assert [item["/Title"] for item in reader.outline if not isinstance(item, list)] == [
        "Learning from Practice Review – “ALEX”",
        "Discussion sheet: Learning from Practice Review – “ALEX”",
        "Learning from Practice Review – SAM",
        "Discussion sheet: Learning from Practice Review – SAM",
        "Serious Case Review – Alex (full report)"]
    contents = " ".join(reader.pages[0].extract_text().split())
    assert "Discussion sheet: Learning from Practice Review – SAM Discussion sheet page 5" \
        in contents
    names = [name for name in reader.get_fields() if name.endswith((".team", ".question-1"))]
    assert names == ["attachment-2.team", "attachment-2.question-1", "attachment-4.team",
                     "attachment-4.question-1"]
    assert sorted(p.name for p in (project / "out" / "2022-03").iterdir()) == [
        "01-learning-from-practice-review-alex.pdf",
        "02-discussion-sheet-learning-from-practice-review-alex.pdf",
        "03-learning-from-practice-review-sam.pdf",
        "04-discussion-sheet-learning-from-practice-review-sam.pdf",
        "05-serious-case-review-alex-full-report.pdf"]


@pytest.mark.parametrize("old,new,line", [
    ("title: Practice", "title: Pr\u202eactice", 1),
    ("    title: Serious Case", "    title: Serious\u200b Case", 8),
    ("../reports/review.pdf", '"../reports/\\e[2Jreview.pdf"', 7),
    ("../reports/review.pdf", "../reports/rev\u2066iew.pdf", 7),
])
def test_hidden_characters_in_a_manifest_are_named_and_nothing_is_bundled(project, old, new,
                                                                         line):
    path = write(project / "issues", "m.yaml", MANIFEST.replace(old, new))
    result = bundle(path, settings_for(project), project / "out")
    [problem] = result.problems
    assert problem.code == "hidden-character" and problem.position.line == line
    assert "\x1b" not in problem.format()
    assert not (project / "out").exists()


@pytest.mark.parametrize("old,new,line,code", [
    ("    title: Serious Case Review – Alex", "    title: Serious Case Review – SW1A 1AA",
     8, "postcode"),
    ("../reports/review.pdf", "../reports/review-07700900123.pdf", 7, "phone-number"),
    ("title: Practice and Learning Bulletin – March 2022",
     "title: Practice and Learning Bulletin – 14/03/2022", 1, "full-date"),
])
def test_identifying_details_in_a_manifest_are_errors_and_nothing_is_bundled(project, old,
                                                                            new, line, code):
    """Titles and file names are printed on the contents page and in the bookmarks."""
    if "07700900123" in new:
        shutil.copy(project / "reports" / "review.pdf",
                    project / "reports" / "review-07700900123.pdf")
    path = write(project / "issues", "m.yaml", MANIFEST.replace(old, new))
    result = bundle(path, settings_for(project), project / "out")
    [problem] = result.problems
    assert (problem.code, problem.position.line) == (code, line), problem.format()
    assert not (project / "out").exists()
    # The issue's own publication date is not a detail about anyone.
    assert not bundle(project / "issues" / "2022-03.yaml", settings_for(project),
                      project / "out").failed
