"""Word briefings made into briefing files: headings matched to panels by meaning, the
author's own headings kept, and what could not be placed reported and kept."""

import io

import docx
from click.testing import CliRunner
from conftest import post

from briefing_builder.cli import main
from briefing_builder.pipeline import check_one
from briefing_builder.source.word import briefing_from_word
from briefing_builder.editor.yamltext import read_back


def word(title: str, sections: list[tuple[str, list[str] | str]], tail: str = "") -> bytes:
    """A .docx: a title, then each heading with its bullets (a list) or paragraph (text)."""
    document = docx.Document()
    document.add_heading(title, level=0)
    if tail:
        document.add_paragraph(tail)
    for heading, body in sections:
        document.add_heading(heading, level=2)
        if isinstance(body, str):
            document.add_paragraph(body)
        else:
            for point in body:
                document.add_paragraph(point, style="List Bullet")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


USUAL = [
    ("The incident", "Sam was four and lived with his mother. He was taken to hospital."),
    ("Learning", ["Agencies did not share what they knew.", "Nobody spoke to Sam."]),
    ("Why it matters", ["Children who are not seen are not safe."]),
    ("Further reading", ["Working Together to Safeguard Children"]),
    ("Questions to consider", ["When did you last see the child alone?"]),
    ("What can we do next?", ["See the child, every time."]),
    ("Recommendations", ["Agencies share records within a week."]),
]


def test_headings_are_matched_to_panels_by_meaning():
    imported = briefing_from_word(word("Learning from Practice Review – SAM", USUAL))
    data = read_back(imported.text)
    assert data["title"] == "Learning from Practice Review – SAM"
    assert data["background"] == {"heading": "The incident", "text":
                                  "Sam was four and lived with his mother. He was taken to "
                                  "hospital."}
    assert data["concerns"]["items"] == ["Agencies did not share what they knew.",
                                         "Nobody spoke to Sam."]
    assert data["information"]["heading"] == "Why it matters"
    assert data["resources"] == {"heading": "Further reading",
                                 "items": ["Working Together to Safeguard Children"]}
    assert data["questions"]["items"] == ["When did you last see the child alone?"]
    assert data["what_to_do"]["heading"] == "What can we do next?"
    assert data["recommendations"] == ["Agencies share records within a week."]
    assert "“The incident” became Background." in imported.notes


def test_headings_that_match_no_panel_are_kept_as_the_authors_own(tmp_path):
    sections = [("Good practice", ["The school nurse kept in touch."]), *USUAL[:2],
                ("Voice of the child", "Sam said he was hungry."), *USUAL[3:6]]
    imported = briefing_from_word(word("SAM", sections))
    data = read_back(imported.text)
    assert [p["heading"] for p in data["panels"]] == [
        "Good practice", "The incident", "Learning", "Voice of the child", "Further reading",
        "Questions to consider", "What can we do next?"]
    path = tmp_path / "sam.yaml"
    path.write_text(imported.text, encoding="utf-8")
    assert check_one(path).briefing is not None


def test_what_cannot_be_placed_is_reported_and_kept_as_comments():
    sections = [*USUAL[:6], ("Appendix: timeline", "March: the first referral."),
                ("Glossary", "MASH: the hub.")]
    imported = briefing_from_word(word("SAM", sections))
    assert any("“Appendix: timeline” could not be placed" in n for n in imported.notes)
    assert "#   ## Appendix: timeline\n#   March: the first referral.\n" in imported.text
    assert "questions" in read_back(imported.text)


def test_briefing_import_writes_a_file_that_checks(project, monkeypatch, tmp_path):
    monkeypatch.chdir(project)
    source = tmp_path / "Sam review.docx"
    source.write_bytes(word("Learning from Practice Review – SAM", USUAL))
    result = CliRunner().invoke(main, ["import", str(source)])
    assert result.exit_code == 0, result.output
    path = project / "briefings" / "sam-review.yaml"
    assert "wrote briefings/sam-review.yaml" in result.stderr
    item = check_one(path)
    assert item.briefing is not None, [p.format() for p in item.problems]
    again = CliRunner().invoke(main, ["import", str(source)])
    assert again.exit_code == 1 and "[file-exists]" in again.stderr
    bad = tmp_path / "not.docx"
    bad.write_bytes(b"not a zip")
    refused = CliRunner().invoke(main, ["import", str(bad)])
    assert refused.exit_code == 1 and "not a Word document" in refused.stderr


def test_the_editor_imports_an_uploaded_document(client, project, app):
    answer = client.post(f"/import?csrf={app.csrf}", data={"name": "sam"}, files={
        "document": ("Sam.docx", word("SAM", USUAL), "application/octet-stream")})
    assert answer.status_code == 303 and answer.headers["location"] == "/b/sam"
    page = client.get("/b/sam").text
    assert "Imported from Sam.docx." in page and "became Background" in page
    refused = client.post(f"/import?csrf={app.csrf}", files={
        "document": ("x.docx", b"nonsense", "application/octet-stream")})
    assert refused.status_code == 400 and "not a Word document" in refused.text
    assert post(client, "/new", [("name", "sam")]).status_code == 400
