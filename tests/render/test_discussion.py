"""The team's discussion sheet: built beside every briefing, read back as a team and a screen
reader would meet it: its words, its form fields in reading order, its tags and its colours."""

import shutil
import subprocess

import pytest
from docx import Document
from helpers import minimal, page_size_mm, picture, structure, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.batch import prepare
from briefing_builder.render.discussion import ACTION_ROWS, MARKER, MARKER_FIELD, source_version
from briefing_builder.settings import Settings

QUESTIONS = ["What is the child's day like?", "Who *listened* to the child?",
             "What would we do differently now?"]
SETTINGS = Settings(discussion_return="learning@example.gov.uk",
                    published_url="https://example.gov.uk/briefings/{name}.pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One briefing built with its discussion sheet: (source path, output folder)."""
    folder = tmp_path_factory.mktemp("discussion")
    source = write(folder, "alex.yaml", minimal(questions=QUESTIONS, label="Learning briefing"))
    [result] = build([source], folder / "out", settings=SETTINGS)
    assert result.status == "built", [p.format() for p in result.problems]
    return source, folder / "out"


def text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def widgets(reader: PdfReader) -> list[dict]:
    """The form fields' widgets in the order of each page's annotations (the tab order)."""
    found = []
    for page in reader.pages:
        assert page["/Tabs"] == "/S"  # the tab key follows the structure: the reading order
        found += [a.get_object() for a in page.get("/Annots") or ()
                  if a.get_object().get("/Subtype") == "/Widget"]
    return found


def test_every_build_writes_the_sheet_beside_the_briefing(built):
    _, out = built
    assert {p.name for p in out.iterdir() if p.is_file()} == {
        "alex.pdf", "alex-discussion.pdf", "alex-discussion.docx"}
    reader = PdfReader(out / "alex-discussion.pdf")
    assert all(page_size_mm(page) == (210.0, 297.0) for page in reader.pages)  # A4 portrait
    assert len(reader.pages) == 2


def test_the_sheet_says_what_a_team_needs(built):
    _, out = built
    words = text(PdfReader(out / "alex-discussion.pdf"))
    for expected in ("Learning from Practice Review – “ALEX”", "LEARNING BRIEFING",
                     "Example Safeguarding Partnership", "Team or service", "Date of the meeting",
                     "Facilitator", "Number of people present", "What is the child's day like?",
                     "Who listened to the child?", "What would we do differently now?",
                     "What will we do differently?", "Action", "Who", "By when",
                     "How will we know it has made a difference?",
                     "Send the completed sheet to learning@example.gov.uk",
                     "example.gov.uk/briefings/alex.pdf"):
        assert expected in words, expected


def test_each_answer_box_is_a_named_field_in_reading_order_with_a_tooltip(built):
    _, out = built
    found = widgets(PdfReader(out / "alex-discussion.pdf"))
    names = [str(w["/T"]) for w in found]
    actions = [name for row in range(1, ACTION_ROWS + 1)
               for name in (f"action-{row}", f"action-{row}-who", f"action-{row}-when")]
    assert names == ["team", "date", "facilitator", "present", "question-1", "question-2",
                     "question-3", *actions, "difference"]
    assert ACTION_ROWS >= 5
    tips = {str(w["/T"]): str(w["/TU"]) for w in found}
    assert tips["team"] == "Team or service"
    assert tips["question-2"] == "Question 2: Who listened to the child? Your team's answer"
    assert tips["action-2-who"] == "Action 2: who will do it"
    multiline = {str(w["/T"]) for w in found if int(w.get("/Ff", 0)) & 4096}
    assert multiline == {"question-1", "question-2", "question-3", "difference",
                         *(f"action-{row}" for row in range(1, ACTION_ROWS + 1))}
    assert all(w["/FT"] == "/Tx" for w in found)


def test_the_sheet_is_tagged_and_its_fields_are_in_the_structure(built):
    _, out = built
    reader = PdfReader(out / "alex-discussion.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    tags = structure(reader)
    assert [e.text for e in tags if e.tag == "H1"] == ["Learning from Practice Review – “ALEX”"]
    assert [e.text for e in tags if e.tag == "H2"] == [
        "Your meeting", "Questions to discuss", "What will we do differently?",
        "How will we know it has made a difference?", "When you have finished"]
    assert sum(e.tag == "Form" for e in tags) == len(widgets(reader))
    [qr] = [e for e in tags if e.tag == "Figure"]
    assert qr.alt == ("QR code: link to the briefing at "
                      "https://example.gov.uk/briefings/alex.pdf")


def test_the_sheet_names_its_briefing_and_version(built):
    source, out = built
    reader = PdfReader(out / "alex-discussion.pdf")
    version = source_version(source.read_bytes())
    marker = reader.get_fields()[MARKER_FIELD]
    assert marker["/V"] == f"{MARKER}; name=alex; version={version}"
    assert int(marker["/Ff"]) & 1  # read-only
    assert reader.metadata["/BriefingName"] == "alex"
    assert reader.metadata["/BriefingVersion"] == version
    assert reader.metadata.title == "Discussion sheet: Learning from Practice Review – “ALEX”"


def test_the_sheet_prints_well_blank(built):
    _, out = built
    first = picture(out / "alex-discussion.pdf", dpi=40)
    # Boxes to write in: dark rules on white, not an empty page.
    dark = sum(first.histogram()[:100])
    assert 0.01 < dark / (first.width * first.height) < 0.25


def test_the_sheet_has_the_themes_colours(tmp_path):
    source = write(tmp_path, "alex.yaml", minimal(theme="example-partnership"))
    [result] = build([source], tmp_path / "out", settings=Settings())
    assert result.status == "built"
    colours = picture(tmp_path / "out" / "alex-discussion.pdf", dpi=40, mode="RGB").getcolors(
        100_000)
    purple = sum(count for count, (r, g, b) in colours
                 if abs(r - 0x4b) < 12 and abs(g - 0x2a) < 12 and abs(b - 0x7b) < 12)
    assert purple > 50


def test_panel_six_gives_the_questions_whatever_its_heading(tmp_path):
    panels = [{"heading": f"Panel {n}", "text": f"Text of panel {n}."} for n in range(1, 8)]
    panels[5] = {"heading": "Think about", "text": "Ask yourselves:",
                 "items": ["Did we hear the child?", "Who else knew?"]}
    named = dict.fromkeys(("background", "concerns", "information", "resources", "questions",
                           "what_to_do"))
    source = write(tmp_path, "own.yaml", minimal(**named, panels=panels))
    [result] = build([source], tmp_path / "out", settings=Settings())
    assert result.status == "built", [p.format() for p in result.problems]
    reader = PdfReader(tmp_path / "out" / "own-discussion.pdf")
    words = text(reader)
    assert "Ask yourselves: 1 Did we hear the child? 2 Who else knew?" in words
    assert [str(w["/T"]) for w in widgets(reader)][4:7] == ["question-1", "question-2",
                                                          "action-1"]


def test_the_authors_own_questions_and_address_win(tmp_path):
    source = write(tmp_path, "alex.yaml", minimal(discussion={
        "questions": ["Our own question?"], "send_to": "Room 4, Town Hall"}))
    [result] = build([source], tmp_path / "out", settings=Settings(discussion_return="x@y.org"))
    assert result.status == "built"
    words = text(PdfReader(tmp_path / "out" / "alex-discussion.pdf"))
    assert "1 Our own question?" in words and "What is the child's day like?" not in words
    assert "Send the completed sheet to Room 4, Town Hall." in words


def test_the_sheets_can_be_turned_off(tmp_path):
    source = write(tmp_path, "alex.yaml", minimal())
    build([source], tmp_path / "out", settings=Settings(discussion=False))
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == ["alex.pdf"]


def test_a_missing_sheet_is_built_again(tmp_path):
    source = write(tmp_path, "alex.yaml", minimal())
    build([source], tmp_path / "out", settings=Settings())
    (tmp_path / "out" / "alex-discussion.docx").unlink()
    [again] = build([source], tmp_path / "out", settings=Settings())
    assert again.status == "built" and (tmp_path / "out" / "alex-discussion.docx").is_file()


def test_the_word_sheet_has_real_headings_and_named_tables(built):
    source, out = built
    document = Document(out / "alex-discussion.docx")
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Learning from Practice Review – “ALEX”")
    assert [t for s, t in headings if s == "Heading 2"] == [
        "Your meeting", "Questions to discuss", "What will we do differently?",
        "How will we know it has made a difference?", "When you have finished"]
    assert [t for s, t in headings if s == "Heading 3"] == [
        "1. What is the child's day like?", "2. Who listened to the child?",
        "3. What would we do differently now?"]
    captions = [t._tbl.tblPr.xpath("./w:tblCaption/@w:val")[0] for t in document.tables]
    assert captions == ["Your meeting", "Question 1", "Question 2", "Question 3", "Actions",
                        "Difference"]
    actions = document.tables[4]
    assert [c.text for c in actions.rows[0].cells] == ["No.", "Action", "Who", "By when"]
    assert len(actions.rows) == ACTION_ROWS + 1
    version = source_version(source.read_bytes())
    assert document.core_properties.identifier == f"{MARKER}; name=alex; version={version}"
    assert (out / "alex-discussion.docx").read_bytes() == (out / "alex-discussion.docx"
                                                            ).read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: `make system` installs it")
def test_the_word_sheet_opens_cleanly_in_libreoffice(built, tmp_path):
    _, out = built
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                          "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                          str(out / "alex-discussion.docx")],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    converted = PdfReader(tmp_path / "alex-discussion.pdf")
    words = text(converted)
    for expected in ("Learning from Practice Review – “ALEX”", "Your meeting",
                     "2. Who listened to the child?", "What will we do differently?",
                     "By when", "learning@example.gov.uk"):
        assert expected in words, expected


def test_build_no_discussion_writes_the_briefing_alone(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from briefing_builder.cli import main

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "alex.yaml", minimal())
    result = CliRunner().invoke(main, ["build", "alex.yaml", "-o", "out", "--no-discussion"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == ["alex.pdf"]


def test_a_briefing_named_like_anothers_sheet_is_a_duplicate(tmp_path):
    first = write(tmp_path, "a.yaml", minimal())
    second = write(tmp_path, "a-discussion.yaml", minimal())
    results = build([first, second], tmp_path / "out", settings=Settings())
    assert [r.status for r in results] == ["built", "failed"]
    [problem] = results[1].problems
    assert problem.code == "duplicate-output"
    assert problem.message == f"{first} is also built to {tmp_path / 'out' / 'a-discussion.pdf'}"


def answer_box_heights(pdf) -> set[float]:
    """The heights (pt) of the answer boxes of the questions, as a form filler meets them."""
    boxes = [w for w in widgets(PdfReader(pdf)) if str(w["/T"]).startswith("question-")]
    return {round(abs(float(w["/Rect"][3]) - float(w["/Rect"][1])), 1) for w in boxes}


def test_a_sheet_built_again_in_a_warm_process_is_the_sheet_built_afresh(tmp_path):
    """A process that built a sheet before (watch, the editor, a second build) starts from
    the answer boxes' last height; what it writes is what a new process writes, whether that
    height is still right, too small or too large."""
    words = "what would our team do differently now when a child is seen by many".split()
    few = minimal(discussion={"questions": [" ".join(words[n:n + 6]) + "?"
                                            for n in range(7)]})
    many = minimal(discussion={"questions": [" ".join((words * 2)[n:n + 20]) + "?"
                                             for n in range(7)]})
    afresh = {}
    for name, content in (("few", few), ("many", many)):
        (tmp_path / name).mkdir()
        source = write(tmp_path / name, "alex.yaml", content)
        [result] = build([source], tmp_path / name / "out", settings=Settings())
        assert result.status == "built"
        afresh[name] = (tmp_path / name / "out" / "alex-discussion.pdf").read_bytes()
    few_boxes = answer_box_heights(tmp_path / "few" / "out" / "alex-discussion.pdf")
    assert few_boxes != answer_box_heights(tmp_path / "many" / "out" / "alex-discussion.pdf")

    press = prepare(Settings())
    for name, content in (("few", few), ("few", few), ("many", many), ("few", few)):
        source = write(tmp_path, "alex.yaml", content)
        [result] = build([source], tmp_path / "warm", force=True, settings=Settings(),
                         press=press)
        assert result.status == "built"
        assert (tmp_path / "warm" / "alex-discussion.pdf").read_bytes() == afresh[name], name
