"""An issue's other bundles: in Welsh, bilingual (Welsh first) and in large print, each
one tagged PDF with its language, one outline, replaced together with the issue."""

from __future__ import annotations

import shutil

import page
import pytest
from helpers import font_sizes, minimal, normalise, structure, write
from pypdf import PdfReader

from briefing_builder.bulletin import bundle
from briefing_builder.settings import Settings

ALEX = "Learning from Practice Review – “ALEX”"
ALEX_CY = "Dysgu o Adolygiad Ymarfer – “ALEX”"
SAM = "Learning from Practice Review – SAM"
MANIFEST = """\
title: Practice and Learning Bulletin – March 2022
welsh_title: Bwletin Ymarfer a Dysgu – Mawrth 2022
issue: 2022-03
published: 2022-03-01
discussion_sheets: true
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
    write(tmp_path, "alex.cy.yaml", minimal(
        lang="cy-GB", translation_of="alex.yaml", title=ALEX_CY,
        background="Roedd Alex yn naw oed ac yn byw gyda'i dad.",
        questions=["Sut beth yw diwrnod y plentyn?"]))
    write(tmp_path, "sam.yaml", minimal(title=SAM, subject="SAM", background="Sam was four."))
    (tmp_path / "reports").mkdir()
    shutil.copy(emily_pdf, tmp_path / "reports" / "review.pdf")
    (tmp_path / "issues").mkdir()
    write(tmp_path / "issues", "2022-03.yaml", MANIFEST)
    return tmp_path


def made(project, **settings):
    result = bundle(project / "issues" / "2022-03.yaml",
                    Settings(output=project / "build", **settings), project / "out")
    assert not result.failed, [p.format() for p in result.problems]
    return result


def entries(reader: PdfReader) -> list[tuple[str, int]]:
    return [(str(item.title), reader.get_destination_page_number(item))
            for item in reader.outline if not isinstance(item, list)]


def part_languages(reader: PdfReader) -> list[tuple[str, str | None]]:
    root = reader.trailer["/Root"]["/StructTreeRoot"]["/K"]
    document = (root[0] if isinstance(root, list) else root).get_object()
    return [(str(part.get_object()["/T"]), str(part.get_object().get("/Lang") or "") or None)
            for part in document["/K"]]


def test_the_welsh_bundle_has_each_translation_and_names_the_briefing_without_one(project):
    result = made(project)
    assert result.editions == [project / "out" / "2022-03.cy.pdf",
                               project / "out" / "2022-03.bilingual.pdf"]
    [missing] = [p for p in result.problems if p.code == "translation-missing"]
    assert missing.severity.value == "warning" and f"'{SAM}' has no Welsh translation (sam.cy.yaml)" in \
        missing.message and missing.position.line == 8
    reader = PdfReader(project / "out" / "2022-03.cy.pdf")
    assert str(reader.trailer["/Root"]["/Lang"]) == "cy-GB"
    assert reader.metadata["/Title"] == "Bwletin Ymarfer a Dysgu – Mawrth 2022"
    contents = normalise(reader.pages[0].extract_text())
    for words in ("BWLETIN YMARFER A DYSGU", "Bwletin Ymarfer a Dysgu – Mawrth 2022",
                  "Cyhoeddwyd 1 Mawrth 2022", "Yn y rhifyn hwn", ALEX_CY, "Briffio 7 munud",
                  f"Taflen drafod: {ALEX_CY}", SAM, "7-minute briefing", "tudalen 1"):
        assert words in contents, words
    assert reader.page_labels[0] == "Cynnwys"
    assert [title for title, _ in entries(reader)] == [
        ALEX_CY, f"Taflen drafod: {ALEX_CY}", SAM, f"Discussion sheet: {SAM}",
        "Serious Case Review – Alex (full report)"]
    assert "CEFNDIR" in normalise(reader.pages[1].extract_text())
    languages = dict(part_languages(reader))
    assert languages[ALEX_CY] is None and languages[SAM] == "en-GB"  # Welsh: the document's
    spans = [(e.text, e.lang) for e in structure(reader) if e.tag == "Span" and e.lang]
    assert (SAM, "en-GB") in spans and ("7-minute briefing", "en-GB") in spans
    assert page.validate_pdf(project / "out" / "2022-03.cy.pdf", profile="ua1").failures == []


def test_the_bilingual_bundle_is_welsh_first_with_both_on_its_contents(project):
    made(project)
    reader = PdfReader(project / "out" / "2022-03.bilingual.pdf")
    assert str(reader.trailer["/Root"]["/Lang"]) == "cy-GB"
    assert reader.metadata["/Title"] == ("Bwletin Ymarfer a Dysgu – Mawrth 2022 / "
                                         "Practice and Learning Bulletin – March 2022")
    contents = normalise(reader.pages[0].extract_text())
    for words in ("BWLETIN YMARFER A DYSGU / PRACTICE AND LEARNING BULLETIN",
                  "Cyhoeddwyd 1 Mawrth 2022 / Published 1 March 2022",
                  "Yn y rhifyn hwn / In this issue", f"{ALEX_CY} / {ALEX}",
                  "Briffio 7 munud / 7-minute briefing", "tudalen 1 / page 1"):
        assert words in contents, words
    spans = [(e.text, e.lang) for e in structure(reader) if e.tag == "Span" and e.lang]
    assert ("In this issue", "en-GB") in spans and (ALEX, "en-GB") in spans
    titles = [title for title, _ in entries(reader)]
    assert titles[:3] == [f"{ALEX_CY} / {ALEX}", f"Taflen drafod: {ALEX_CY}",
                          f"Discussion sheet: {ALEX}"]
    first = entries(reader)[0][1]
    assert "CEFNDIR" in normalise(reader.pages[first].extract_text())  # Welsh first
    assert "BACKGROUND" in normalise(reader.pages[first + 1].extract_text())
    assert page.validate_pdf(project / "out" / "2022-03.bilingual.pdf",
                             profile="ua1").failures == []


def test_the_large_print_bundle_prints_its_contents_and_briefings_at_16_pt(project, tmp_path):
    result = made(project, large_print=True)
    path = project / "out" / "2022-03-large-print.pdf"
    assert path in result.editions
    reader = PdfReader(path)
    titles = entries(reader)
    assert [title for title, _ in titles] == [
        ALEX, f"Discussion sheet: {ALEX}", SAM, f"Discussion sheet: {SAM}",
        "Serious Case Review – Alex (full report)"]
    contents = normalise(reader.pages[0].extract_text())
    assert "LARGE PRINT" in contents and ALEX in contents
    briefing_pages = [*range(titles[1][1]), *range(titles[2][1], titles[3][1])]
    sizes = [size for number in briefing_pages
             for size in font_sizes(reader.pages[number]).values()]
    assert sizes and min(sizes) >= 16
    assert page.validate_pdf(path, profile="ua1").failures == []


def test_an_edition_no_longer_made_is_gone_with_the_next_bundle(project):
    made(project, large_print=True)
    out = project / "out"
    assert {p.name for p in out.glob("2022-03*.pdf")} == {
        "2022-03.pdf", "2022-03.cy.pdf", "2022-03.bilingual.pdf", "2022-03-large-print.pdf"}
    (project / "alex.cy.yaml").unlink()
    result = made(project)
    assert result.editions == []
    assert {p.name for p in out.glob("2022-03*.pdf")} == {"2022-03.pdf"}
    assert not [p for p in result.problems if p.code == "translation-missing"]


def test_bundle_names_every_file_it_wrote_and_the_same_issue_gives_the_same_bytes(project):
    from click.testing import CliRunner

    from briefing_builder.cli import main

    out = project / "out"
    arguments = ["--no-color", "bundle", str(project / "issues" / "2022-03.yaml"), "-o",
                 str(out), "--large-print"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"wrote {out / '2022-03.pdf'} (") and last.endswith(
        f"MB), {out / '2022-03.html'}, {out / '2022-03.cy.pdf'}, "
        f"{out / '2022-03.bilingual.pdf'} and {out / '2022-03-large-print.pdf'}")
    first = {name: (out / name).read_bytes() for name in
             ("2022-03.cy.pdf", "2022-03.bilingual.pdf", "2022-03-large-print.pdf")}
    assert CliRunner().invoke(main, arguments).exit_code == 0
    assert first == {name: (out / name).read_bytes() for name in first}
