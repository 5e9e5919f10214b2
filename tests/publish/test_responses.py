"""Completed discussion sheets read back: filled in as teams fill them (a PDF form, a Word
file), then `briefing responses` must put every value in its column, name every file it
could not use, and refuse hostile files with a clear error and nothing else."""

import contextlib
import csv
import io
import json
import logging
import shutil
import time
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from helpers import minimal, write
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from briefing_builder import build
from briefing_builder.cli import main
from briefing_builder.settings import Settings

PDF_VALUES = {"team": "Health visiting, North", "date": "12/03/2025", "facilitator": "Sam Okafor",
              "present": "9", "question-1": "They get up early.\nNobody asks them.",
              "question-3": "We would ask the child first.", "action-1": "Audit ten plans",
              "action-1-who": "Team manager", "action-1-when": "30/04/2025",
              "action-2": "Invite the school nurse to reviews", "action-2-who": "Every worker",
              "action-2-when": "ongoing", "difference": "Plans name the child's wishes."}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project with one briefing built, its blank sheets in out/."""
    folder = tmp_path_factory.mktemp("responses")
    (folder / "briefings").mkdir()
    source = write(folder / "briefings", "alex.yaml", minimal(
        questions=["What is the child's day like?", "Who listened?", "What would we change?"]))
    [result] = build([source], folder / "out", settings=Settings())
    assert result.status == "built"
    return folder


@contextlib.contextmanager
def quiet_pypdf():
    """pypdf, the tool filling the form here, warns that a newline has no glyph; that is
    the filling tool's business, not the sheet's."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def fill_pdf(project, name: str, values: dict, regenerate: bool = False):
    """Fill the blank sheet as a team would on screen, and save it as `name`."""
    writer = PdfWriter(clone_from=PdfReader(project / "out" / "alex-discussion.pdf"))
    with quiet_pypdf():
        writer.update_page_form_field_values(None, values, auto_regenerate=regenerate)
        writer.write(project / name)
    return project / name


def fill_word(project, name: str):
    """Fill the blank Word sheet as a team would in Word, and save it as `name`."""
    document = Document(project / "out" / "alex-discussion.docx")
    details, q1, q2, _, actions, difference = document.tables
    details.rows[0].cells[1].text = "Children's social care"
    details.rows[1].cells[1].text = "2 April 2025"
    details.rows[2].cells[1].text = "Jo"
    details.rows[3].cells[1].text = "14 people"
    q2.rows[0].cells[0].text = "The teacher did."
    q2.rows[0].cells[0].add_paragraph("And the nurse.")
    for cell, value in zip(actions.rows[3].cells[1:], ("Check every plan", "Jo", "May 2025"),
                           strict=True):
        cell.text = value
    difference.rows[0].cells[0].text = "Fewer repeat referrals."
    document.save(project / name)
    return project / name


def run(project, *arguments):
    result = CliRunner().invoke(main, ["responses", *arguments,
                                       "--briefings", str(project / "briefings")])
    assert "Traceback" not in result.output, result.output
    return result


def read_csv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def test_filled_pdf_and_word_sheets_come_back_in_the_right_columns(project):
    pdf = fill_pdf(project, "north.pdf", PDF_VALUES)
    word = fill_word(project, "social-care.docx")
    result = run(project, str(pdf), str(word), "-o", str(project / "responses.csv"))
    assert result.exit_code == 0, result.output
    rows = read_csv(project / "responses.csv")
    assert [row["file"] for row in rows] == [str(pdf), str(word)]
    first, second = rows
    for name, value in PDF_VALUES.items():
        assert first[name] == value, name
    assert first["briefing"] == "alex" and first["question-2"] == ""
    assert first["action-3"] == first["action-3-who"] == first["action-3-when"] == ""
    assert {k: second[k] for k in ("briefing", "team", "date", "facilitator", "present",
                                   "question-1", "question-2", "action-3", "action-3-who",
                                   "action-3-when", "difference", "action-1")} == {
        "briefing": "alex", "team": "Children's social care", "date": "2 April 2025",
        "facilitator": "Jo", "present": "14 people", "question-1": "",
        "question-2": "The teacher did.\nAnd the nurse.", "action-3": "Check every plan",
        "action-3-who": "Jo", "action-3-when": "May 2025",
        "difference": "Fewer repeat referrals.", "action-1": ""}


def test_a_sheet_filled_in_a_viewers_way_reads_back(project):
    """A viewer regenerates every field's appearance when it saves the form."""
    pdf = fill_pdf(project, "viewer.pdf", PDF_VALUES, regenerate=True)
    reader = PdfReader(pdf)
    assert "/AP" in next(a.get_object() for a in reader.pages[0]["/Annots"]
                         if a.get_object().get("/T") == "team")
    result = run(project, str(pdf), "--format", "json")
    assert result.exit_code == 0, result.output
    [response] = json.loads(result.stdout)
    assert response["team"] == "Health visiting, North" and response["people"] == 9
    assert response["answers"][0] == {"number": 1, "question": "What is the child's day like?",
                                      "answer": "They get up early.\nNobody asks them."}
    assert response["actions"] == [
        {"number": 1, "action": "Audit ten plans", "who": "Team manager", "when": "30/04/2025",
         "due": "2025-04-30"},
        {"number": 2, "action": "Invite the school nurse to reviews", "who": "Every worker",
         "when": "ongoing", "due": None}]


def test_blank_other_and_old_sheets_are_named_never_skipped(project, tmp_path):
    briefings = tmp_path / "briefings"
    shutil.copytree(project / "briefings", briefings)
    (briefings / "alex.yaml").write_text((briefings / "alex.yaml").read_text() + "# edited\n")
    old = fill_pdf(project, "old.pdf", {"team": "Early help"})
    notes = tmp_path / "notes.txt"
    notes.write_text("minutes of the meeting")
    result = CliRunner().invoke(main, [
        "responses", str(old), str(project / "out" / "alex-discussion.pdf"),
        str(project / "out" / "alex.pdf"), str(notes), "--briefings", str(briefings)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{old}: warning: the sheet was filled in on version ")
    assert lines[0].endswith("[response-old-version]")
    assert lines[1:4] == [
        f"{project / 'out' / 'alex-discussion.pdf'}: warning: the sheet for alex is blank: "
        "nothing was filled in [response-blank]",
        f"{project / 'out' / 'alex.pdf'}: error: not a discussion sheet of briefing-builder "
        "(no sheet reference in it) [response-not-ours]",
        f"{notes}: error: not a PDF or a Word file (.docx) [response-unreadable]"]
    assert [row["team"] for row in csv.DictReader(io.StringIO(result.stdout))] == ["Early help"]


def test_a_formula_is_written_as_text(project):
    pdf = fill_pdf(project, "formula.pdf", {"team": "=HYPERLINK(\"http://x\")"})
    result = run(project, str(pdf))
    assert read_csv_text(result.stdout)[0]["team"] == "'=HYPERLINK(\"http://x\")"


def read_csv_text(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_board_summary_is_one_page_with_overdue_actions(project):
    pdf = fill_pdf(project, "summary-north.pdf", PDF_VALUES)
    word = fill_word(project, "summary-care.docx")
    target = project / "summary.pdf"
    result = run(project, str(pdf), str(word), "--summary", "-o", str(target),
                 "--today", "2025-05-01")
    assert result.exit_code == 0, result.output
    reader = PdfReader(target)
    assert len(reader.pages) == 1 and "/StructTreeRoot" in reader.trailer["/Root"]
    words = " ".join(reader.pages[0].extract_text().split())
    assert "At 1 May 2025: 2 discussion sheets returned, 23 people took part, 3 actions " \
           "agreed, 1 overdue." in words
    assert "2 teams discussed it (Health visiting, North; Children's social care)" in words
    assert words.index("Audit ten plans") < words.index("Check every plan")
    assert "Audit ten plans Health visiting, North Team manager 30 April 2025 Overdue" in words
    assert "Check every plan Children's social care Jo 31 May 2025 Due" in words
    assert "ongoing No date" in words


def test_summary_needs_an_output(project):
    result = run(project, str(project), "--summary")
    assert result.exit_code == 2 and "-o" in result.output


# Hostile sheets: each must give one clear error naming the file, no traceback, little work.


def many_fields(path, count: int = 3000):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    fields = ArrayObject()
    for index in range(count):
        fields.append(writer._add_object(DictionaryObject({
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject(f"field-{index}"),
            NameObject("/V"): TextStringObject("x")})))
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): fields})
    writer.write(path)


def self_referring(path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    loop = DictionaryObject({NameObject("/T"): TextStringObject("loop")})
    reference = writer._add_object(loop)
    loop[NameObject("/Kids")] = ArrayObject([reference])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([reference])})
    writer.write(path)


def with_part(source, target, name: str, data: bytes = b"x"):
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            copy.writestr(entry, original.read(entry.filename))
        copy.writestr(name, data)


def many_parts(source, target, count: int = 1000):
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for entry in original.infolist():
            copy.writestr(entry, original.read(entry.filename))
        for index in range(count):
            copy.writestr(f"word/media/extra{index}.bin", b"")


@pytest.fixture
def hostile(project, tmp_path):
    """Every kind of hostile sheet, by the problem code each must give."""
    blank_pdf = project / "out" / "alex-discussion.pdf"
    blank_docx = project / "out" / "alex-discussion.docx"
    files = {}
    files["huge.pdf"] = fill_pdf(project, "huge.pdf", {"question-1": "x" * 100_000})
    many_fields(files.setdefault("thousands.pdf", tmp_path / "thousands.pdf"))
    self_referring(files.setdefault("loop.pdf", tmp_path / "loop.pdf"))
    data = blank_pdf.read_bytes()
    (files.setdefault("truncated.pdf", tmp_path / "truncated.pdf")).write_bytes(
        data[:len(data) // 2])
    (files.setdefault("garbage.pdf", tmp_path / "garbage.pdf")).write_bytes(
        b"%PDF-1.7\n" + bytes(range(256)) * 50 + b"\n%%EOF\n")
    shutil.copy(blank_docx, files.setdefault("macros.docm", tmp_path / "macros.docm"))
    with_part(blank_docx, files.setdefault("vba.docx", tmp_path / "vba.docx"),
              "word/vbaProject.bin")
    many_parts(blank_docx, files.setdefault("parts.docx", tmp_path / "parts.docx"))
    with_part(blank_docx, files.setdefault("bomb.docx", tmp_path / "bomb.docx"),
              "word/media/zeros.bin", b"\0" * 70_000_000)
    (files.setdefault("not-word.docx", tmp_path / "not-word.docx")).write_bytes(b"PK\x03\x04xx")
    with open(files.setdefault("enormous.pdf", tmp_path / "enormous.pdf"), "wb") as stream:
        stream.truncate(25_000_000)
    return files


EXPECTED = {"huge.pdf": "response-too-large", "thousands.pdf": "response-too-many-fields",
            "loop.pdf": "response-not-ours", "truncated.pdf": "response-unreadable",
            "garbage.pdf": "response-unreadable", "macros.docm": "response-macros",
            "vba.docx": "response-macros", "parts.docx": "response-too-large",
            "bomb.docx": "response-too-large", "not-word.docx": "response-unreadable",
            "enormous.pdf": "response-too-large"}


def test_hostile_sheets_give_clear_errors_and_nothing_else(project, hostile):
    started = time.perf_counter()
    result = run(project, *(str(path) for path in hostile.values()))
    assert time.perf_counter() - started < 20
    assert result.exit_code == 1
    assert result.stdout.strip() == "file,briefing,version,team,date,facilitator,present," \
                                    "difference"
    lines = result.stderr.splitlines()
    assert len(lines) == len(hostile), lines
    for (name, path), line in zip(hostile.items(), lines, strict=True):
        assert line.startswith(f"{path}: error: "), line
        assert line.endswith(f"[{EXPECTED[name]}]"), line
        assert len(line) < 400
