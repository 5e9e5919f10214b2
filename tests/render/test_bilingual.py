"""A Welsh translation beside its original: checked against it, and printed with it."""

from __future__ import annotations

from pathlib import Path

from helpers import EMILY, normalise
from pypdf import PdfReader

from briefing_builder import build, check
from briefing_builder.source.load import source_version
from briefing_builder.settings import Settings

WELSH_TITLE = "Dysgu o Adolygiad Ymarfer – “EMILY”"


def pair(folder: Path, digest: str | None = None) -> tuple[Path, Path]:
    original = folder / "emily.yaml"
    original.write_bytes(EMILY.read_bytes())
    text = EMILY.read_text("utf-8").replace(
        "published: 2021-07-01", "published: 2021-07-01\nlang: cy-GB\ntranslation_of: emily.yaml"
        + (f"\noriginal_digest: {digest}" if digest else ""))
    text = text.replace("title: Learning from Practice Review – “EMILY”", f"title: {WELSH_TITLE}")
    translation = folder / "emily.cy.yaml"
    translation.write_text(text, "utf-8")
    return original, translation


def codes(item) -> list[str]:
    return [p.code for p in item.problems]


def test_a_translation_records_its_original_and_notices_when_it_changes(tmp_path):
    original, translation = pair(tmp_path)
    [item] = check([translation], Settings(), fit=False)
    assert codes(item) == ["english-rules-off", "translation-digest"]
    digest = source_version(original.read_bytes())
    assert item.problems[1].suggestion == f"add original_digest: {digest}"
    pair(tmp_path, digest)
    [item] = check([translation], Settings(), fit=False)
    assert codes(item) == ["english-rules-off"]
    original.write_text(original.read_text("utf-8") + "# an edit\n", "utf-8")
    [item] = check([translation], Settings(), fit=False)
    assert codes(item) == ["english-rules-off", "translation-outdated"]


def test_a_translation_whose_panels_no_longer_match_is_reported(tmp_path):
    original, translation = pair(tmp_path, "abcdef012345")
    text = translation.read_text("utf-8").replace(
        "  - Plans should be realistic and should focus on the individual child.\n", "", 1)
    assert text != translation.read_text("utf-8")
    translation.write_text(text, "utf-8")
    [item] = check([translation], Settings(), fit=False)
    [panels] = [p for p in item.problems if p.code == "translation-panels"]
    assert panels.message == ("panel 4 has 4 paragraphs and points here and 5 in the "
                              "original")


def test_the_bilingual_pdf_has_the_welsh_pages_first_each_tagged_with_its_language(tmp_path):
    original, translation = pair(tmp_path)
    results = build([original, translation], tmp_path / "out", settings=Settings())
    assert [r.status for r in results] == ["built", "built"]
    reader = PdfReader(tmp_path / "out" / "emily.bilingual.pdf")
    assert len(reader.pages) == 4
    assert normalise(reader.pages[0].extract_text()).count("CEFNDIR") == 1
    assert "BACKGROUND" in reader.pages[2].extract_text()
    assert reader.metadata["/Title"] == f"{WELSH_TITLE} / Learning from Practice Review – “EMILY”"
    [document] = reader.trailer["/Root"]["/StructTreeRoot"]["/K"] if isinstance(
        reader.trailer["/Root"]["/StructTreeRoot"]["/K"], list) else \
        [reader.trailer["/Root"]["/StructTreeRoot"]["/K"]]
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    tagged = {pages[kid.get_object().raw_get("/Pg").idnum]: str(kid.get_object()["/Lang"])
              for kid in document.get_object()["/K"]}
    assert tagged == {0: "cy-GB", 1: "cy-GB", 2: "en-GB", 3: "en-GB"}
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [
        WELSH_TITLE, "Learning from Practice Review – “EMILY”"]


def test_a_change_to_the_original_makes_the_bilingual_pdf_again(tmp_path):
    original, translation = pair(tmp_path)
    build([original, translation], tmp_path / "out", settings=Settings())
    again = build([original, translation], tmp_path / "out", settings=Settings())
    assert [r.status for r in again] == ["up to date", "up to date"]
    original.write_text(original.read_text("utf-8").replace("sixth child", "fifth child"))
    again = build([original, translation], tmp_path / "out", settings=Settings())
    assert [r.status for r in again] == ["built", "built"]
    assert "fifth child" in PdfReader(tmp_path / "out" / "emily.bilingual.pdf").pages[2]\
        .extract_text()
