"""Every fixed word in the reader's language: a Welsh briefing's discussion sheet (PDF and
Word) and a Welsh issue's contents page, with no English left, and read back."""

from __future__ import annotations

import re

import pytest
from docx import Document
from helpers import marked_text, minimal, normalise, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.bulletin import bundle
from briefing_builder.i18n import LOCALES, translations
from briefing_builder.settings import Settings

WELSH = minimal(lang="cy-GB", title="Dysgu o Adolygiad Ymarfer – ALEX",
                partnership="Partneriaeth Ddiogelu Enghreifftiol",
                background="Roedd Alex yn naw oed ac yn byw gyda'i dad.",
                questions=["Sut beth yw diwrnod y plentyn?", "Pwy oedd yn gwrando arno?"],
                discussion={"send_to": "dysgu@example.gov.uk"})


def english_words() -> list[str]:
    """The fixed English words of the catalogue that Welsh prints otherwise, as runs of
    two words or more between their placeholders."""
    from babel.messages.pofile import read_po

    with (LOCALES / "messages.pot").open("rb") as stream:
        ids = [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(stream) if m.id]
    cy = translations("cy")
    runs = [run.strip(" :.,()") for words in ids if cy.gettext(words) != words
            for run in re.split(r"%\(\w+\)[sd]", words)]
    return [run for run in runs if len(run.split()) >= 2]


def assert_welsh(text: str) -> None:
    left = [words for words in english_words() if words.lower() in text.lower()]
    assert left == []


def test_a_welsh_briefings_discussion_sheet_is_in_welsh_and_is_read_back(tmp_path):
    from briefing_builder.publish.pdfsheet import read_pdf_sheet
    from briefing_builder.publish.wordsheet import read_word_sheet

    path = write(tmp_path, "alex.yaml", WELSH)
    [result] = build([path], tmp_path / "out", settings=Settings(discussion=True))
    assert result.status == "built", [p.format() for p in result.problems]
    sheet = tmp_path / "out" / "alex-discussion.pdf"
    reader = PdfReader(sheet)
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    for words in ("Eich cyfarfod", "Tîm neu wasanaeth", "Cwestiynau i'w trafod",
                  "Beth fyddwn ni'n ei wneud yn wahanol?", "Erbyn pryd",
                  "Pan fyddwch wedi gorffen", "Anfonwch y daflen wedi'i llenwi at "
                  "dysgu@example.gov.uk.", "Cyfeirnod y daflen: alex, fersiwn",
                  "Tudalen 1 o 2"):
        assert words in text, words
    assert_welsh(text)
    assert "Page" not in text
    assert str(reader.trailer["/Root"]["/Lang"]) == "cy-GB"
    assert reader.metadata["/Title"] == "Taflen drafod: Dysgu o Adolygiad Ymarfer – ALEX"
    tips = {str(f.get("/T")): str(f.get("/TU")) for f in reader.get_fields().values()}
    assert tips["question-2"] == "Cwestiwn 2: Pwy oedd yn gwrando arno? Ateb eich tîm"
    assert tips["action-1-who"] == "Cam gweithredu 1: pwy fydd yn ei wneud"
    assert_welsh(" ".join(tips.values()))
    # the tags' words too (what a screen reader reads)
    assert_welsh(" ".join(" ".join(marked_text(page).values()) for page in reader.pages))

    word = tmp_path / "out" / "alex-discussion.docx"
    document = Document(word)
    words = " ".join(p.text for p in document.paragraphs) + " " + " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Eich cyfarfod" in words and "Cam gweithredu" in words
    assert_welsh(words + " " + document.core_properties.title)
    captions = re.findall(r'w:tblCaption w:val="([^"]+)"', document.element.xml)
    assert captions == ["Eich cyfarfod", "Cwestiwn 1", "Cwestiwn 2", "Camau gweithredu",
                        "Gwahaniaeth"]

    # Completed in Welsh, read back as any sheet is
    data = sheet.read_bytes()
    filled = read_pdf_sheet(data)
    assert (filled.name, filled.title) == ("alex", "Dysgu o Adolygiad Ymarfer – ALEX")
    assert filled.questions == {1: "Sut beth yw diwrnod y plentyn?",
                                2: "Pwy oedd yn gwrando arno?"}
    document.tables[0].rows[0].cells[1].text = "Tîm Gwaith Cymdeithasol"
    document.tables[1].rows[0].cells[0].text = "Gwrando ar y plentyn."
    document.save(tmp_path / "filled.docx")
    filled = read_word_sheet(tmp_path / "filled.docx", (tmp_path / "filled.docx").read_bytes())
    assert filled.values["team"] == "Tîm Gwaith Cymdeithasol"
    assert filled.values["question-1"] == "Gwrando ar y plentyn."
    assert filled.questions[2] == "Pwy oedd yn gwrando arno?"


@pytest.fixture
def welsh_issue(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    write(tmp_path, "alex.yaml", WELSH)
    (tmp_path / "issues").mkdir()
    manifest = write(tmp_path / "issues", "2022-03.yaml", (
        "title: Bwletin Ymarfer a Dysgu – Mawrth 2022\nissue: 2022-03\npublished: 2022-03-01\n"
        "lang: cy-GB\ndiscussion_sheets: true\nattachments:\n  - briefing: ../alex.yaml\n"))
    return manifest


def test_a_welsh_manifest_gives_a_welsh_contents_page_and_web_page(welsh_issue, tmp_path):
    result = bundle(welsh_issue, Settings(output=tmp_path / "build"), tmp_path / "out")
    assert not result.failed, [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    contents = normalise(reader.pages[0].extract_text())
    for words in ("BWLETIN YMARFER A DYSGU", "Cyhoeddwyd 1 Mawrth 2022", "Yn y rhifyn hwn",
                  "Dysgu o Adolygiad Ymarfer – ALEX", "Briffio 7 munud", "tudalen 1",
                  "Taflen drafod: Dysgu o Adolygiad Ymarfer – ALEX", "Taflen drafod",
                  "tudalen 2"):
        assert words in contents, words
    assert_welsh(contents)
    assert reader.page_labels[0] == "Cynnwys"
    assert str(reader.trailer["/Root"]["/Lang"]) == "cy-GB"
    assert reader.metadata["/Subject"] == "Bwletin Ymarfer a Dysgu 2022-03"
    html = (tmp_path / "out" / "2022-03.html").read_text("utf-8")
    for words in ("Bwletin Ymarfer a Dysgu", "Yn y rhifyn hwn", "Yn ôl i'r cynnwys",
                  "Cyhoeddwyd"):
        assert words in html.replace("&#39;", "'"), words
    assert "In this issue" not in html and "Back to the contents" not in html
