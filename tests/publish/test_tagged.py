"""A bundle is one tagged PDF: one structure tree with every part under its title, links
described by their text, each part's bookmarks nested under its own; PDFs from elsewhere
without tags are named, or refused when the manifest requires tags."""

from __future__ import annotations

import io
import re
import shutil

import page
import pytest
from helpers import ROOT, minimal, structure, write
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from briefing_builder.bulletin import bundle
from briefing_builder.publish.tagged import _roles
from briefing_builder.render.house import HouseStyle
from briefing_builder.render.pdf import lay_out
from briefing_builder.settings import Settings

MANIFEST = """\
title: Practice and Learning Bulletin – March 2022
issue: 2022-03
published: 2022-03-01
attachments:
  - briefing: ../alex.yaml
  - briefing: ../sam.yaml
  - pdf: ../reports/tagged.pdf
    title: Annual report of the partnership
"""
UNTAGGED = """\
  - pdf: ../reports/untagged.pdf
    title: Minutes of the review panel
"""


def tagged_pdf() -> bytes:
    """A report from elsewhere, tagged: laid out by the layout engine, as other tools do."""
    html = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8" />
<title>Annual report</title></head><body>
<h1>Annual report</h1><h2>Our year</h2><p>We met four times.</p>
<h2>Next year</h2><p>Read <a href="https://example.org/plans">the plans for next year</a>.</p>
</body></html>"""
    return lay_out(html, HouseStyle(ROOT / "styles", ("contents.css",))).pdf()


def untagged_pdf() -> bytes:
    """A report from elsewhere with no tags at all: text drawn, a link, no structure."""
    writer = PdfWriter()
    page_ = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page_[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 14 Tf 72 760 Td (Minutes of the panel) Tj ET "
                     b"BT /F1 11 Tf 72 700 Td (The guidance) Tj ET")
    page_[NameObject("/Contents")] = writer._add_object(content)
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([FloatObject(70), FloatObject(695), FloatObject(160),
                                          FloatObject(712)]),
        NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                            NameObject("/URI"): TextStringObject(
                                                "https://example.org/guidance")})})
    page_[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    (folder / "tagged.pdf").write_bytes(tagged_pdf())
    (folder / "untagged.pdf").write_bytes(untagged_pdf())
    return folder


@pytest.fixture
def project(tmp_path, reports):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    write(tmp_path, "alex.yaml", minimal())
    write(tmp_path, "sam.yaml", minimal(title="Learning from Practice Review – SAM",
                                        subject="SAM", background="Sam was four."))
    shutil.copytree(reports, tmp_path / "reports")
    (tmp_path / "issues").mkdir()
    write(tmp_path / "issues", "2022-03.yaml", MANIFEST)
    write(tmp_path / "issues", "mixed.yaml", MANIFEST + UNTAGGED)
    return tmp_path


def run(project, name="2022-03.yaml", out="out"):
    return bundle(project / "issues" / name, Settings(output=project / "build"), project / out)


def failed_rules(path) -> list[str]:
    report = page.validate_pdf(path, profile="ua1")
    return sorted({f"{f.rule_id}: {f.message}" for f in report.failures})


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w?]+", " ", text.lower()).split())


def headings_by_part(reader) -> dict[str, list[str]]:
    """Each titled Part of the tree and the headings inside it, in document order."""
    found: dict[str, list[str]] = {}
    current = None
    for element in structure(reader):
        if element.tag == "Part" and element.title:
            current = element.title
            found[current] = []
        elif re.fullmatch(r"H\d?", element.tag):
            assert current is not None, f"{element} is outside every part"
            found[current].append(f"{element.tag} {words(element.text)}")
    return found


def test_a_bundle_of_tagged_parts_is_pdf_ua_1(project):
    result = run(project)
    assert result.problems == []
    assert failed_rules(result.output) == []
    reader = PdfReader(result.output)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB" and root["/ViewerPreferences"]["/DisplayDocTitle"]
    metadata = root["/Metadata"].get_object()
    assert "/Filter" not in metadata
    xmp = metadata.get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Practice and Learning " \
        "Bulletin – March 2022</rdf:li>" in xmp


def test_the_tree_holds_each_part_in_order_under_its_title(project):
    reader = PdfReader(run(project).output)
    [document] = reader.trailer["/Root"]["/StructTreeRoot"]["/K"]
    assert document.get_object()["/S"] == "/Document"
    parts = headings_by_part(reader)
    assert list(parts) == ["Contents", "Learning from Practice Review – “ALEX”",
                           "Learning from Practice Review – SAM",
                           "Annual report of the partnership"]
    assert parts["Contents"] == ["H1 practice and learning bulletin march 2022",
                                 "H2 in this issue"]
    assert parts["Learning from Practice Review – “ALEX”"][:3] == [
        "H1 learning from practice review alex", "H2 1 background",
        "H2 2 what were the concerns?"]
    assert len(parts["Learning from Practice Review – SAM"]) == 8  # the title and 7 panels
    assert parts["Annual report of the partnership"] == [
        "H1 annual report", "H2 our year", "H2 next year"]


def test_every_marked_content_still_points_at_its_element(project):
    """Through the renumbered ParentTree, every MCID of every page reaches an element
    whose own kids name that MCID on that page."""
    reader = PdfReader(run(project).output)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    entries = {nums[i]: nums[i + 1] for i in range(0, len(nums), 2)}
    seen = set()
    for page_ in reader.pages:
        key = page_["/StructParents"]
        assert key not in seen
        seen.add(key)
        for mcid, element in enumerate(entries[key]):
            element = element.get_object()
            kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
            assert mcid in [k for k in kids if isinstance(k, int)]
            assert element.raw_get("/Pg").idnum == page_.indirect_reference.idnum
        for annotation in page_.get("/Annots", []):
            annotation = annotation.get_object()
            key = annotation["/StructParent"]
            assert key not in seen
            seen.add(key)
            link = entries[key].get_object()
            assert link["/S"] == "/Link"
            assert any(kid.get_object().get("/Obj") == annotation.indirect_reference
                       for kid in link["/K"] if not isinstance(kid, int))
    assert tree["/ParentTreeNextKey"] == max(seen) + 1


def test_each_parts_bookmarks_are_nested_under_its_own(project):
    reader = PdfReader(run(project).output)
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Learning from Practice Review – “ALEX”",
                      "Learning from Practice Review – SAM", "Annual report of the partnership"]
    alex = outline[1]
    assert [item.title for item in alex] == [
        "1 Background", "2 What were the concerns?", "3 The concerns continued",
        "4 Information", "5 Resources", "6 Questions", "7 What to do"]
    assert {reader.get_destination_page_number(item) for item in alex} == {1}
    [report] = [item for item in outline[-1] if not isinstance(item, list)]
    assert report.title == "Annual report"
    assert [item.title for item in outline[-1][1]] == ["Our year", "Next year"]
    assert reader.get_destination_page_number(outline[-1][1][0]) == 3


def test_every_link_is_described_by_its_text(project):
    reader = PdfReader(run(project).output)
    descriptions = []
    for page_ in reader.pages:
        for annotation in page_.get("/Annots", []):
            annotation = annotation.get_object()
            text = str(annotation["/Contents"])
            assert "invalid" not in text and not re.match(r"(https?|mailto):", text), text
            descriptions.append(text)
    assert descriptions[:3] == ["Learning from Practice Review – “ALEX”",
                                "Learning from Practice Review – SAM",
                                "Annual report of the partnership"]
    assert "Procedures" in descriptions and "the plans for next year" in descriptions
    links = [e for e in structure(reader) if e.tag == "Link"]
    assert [e.alt for e in links] == descriptions


def test_an_untagged_part_is_named_and_the_rest_stays_tagged(project):
    result = run(project, "mixed.yaml")
    assert not result.failed
    [problem] = result.problems
    assert problem.code == "attachment-untagged" and problem.severity.value == "warning"
    assert "'Minutes of the review panel' (untagged.pdf) is not a tagged PDF" in problem.message
    assert problem.position.line == 9
    reader = PdfReader(result.output)
    assert list(headings_by_part(reader)) == [
        "Contents", "Learning from Practice Review – “ALEX”",
        "Learning from Practice Review – SAM", "Annual report of the partnership"]
    last = reader.pages[-1]
    assert "/StructParents" not in last
    [link] = [a.get_object() for a in last["/Annots"]]
    assert link["/Contents"] == "The guidance"
    assert failed_rules(result.output)  # its pages are not accessible, and page says so
    assert run(project, "mixed.yaml", "again").output.read_bytes() == \
        result.output.read_bytes()


def test_a_manifest_can_require_tagged_parts(project):
    write(project / "issues", "strict.yaml",
          MANIFEST.replace("attachments:", "require_tagged: true\nattachments:") + UNTAGGED)
    result = run(project, "strict.yaml")
    assert result.failed and result.output is None
    assert [(p.code, p.severity.value) for p in result.problems] == [
        ("attachment-untagged", "error")]
    assert not (project / "out" / "strict.pdf").exists()


def test_the_manifest_gives_the_language_and_a_part_keeps_its_own(project):
    write(project, "cy.yaml", minimal(lang="cy-GB", title="Adolygiad – ALEX"))
    write(project / "issues", "cy.yaml", MANIFEST.replace(
        "attachments:", "lang: cy-GB\nattachments:\n  - briefing: ../cy.yaml"))
    result = run(project, "cy.yaml")
    assert not result.failed, [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    assert reader.trailer["/Root"]["/Lang"] == "cy-GB"
    [document] = reader.trailer["/Root"]["/StructTreeRoot"]["/K"]
    langs = {str(part.get_object()["/T"]): part.get_object().get("/Lang")
             for part in document.get_object()["/K"]}
    assert langs["Adolygiad – ALEX"] is None  # the bundle's own language
    assert langs["Learning from Practice Review – SAM"] == "en-GB"


def test_role_maps_are_merged_and_a_clash_renamed():
    merged: dict[str, str] = {}
    assert _roles(merged, {"/Heading": "/H1", "/Note": "/P"}) == {}
    assert _roles(merged, {"/Heading": "/H2", "/Note": "/P"}) == {"/Heading": "/Heading-2"}
    assert merged == {"/Heading": "/H1", "/Note": "/P", "/Heading-2": "/H2"}


def test_discussion_sheets_keep_their_forms_and_table_headers_tagged(project):
    """A sheet's form fields and table cells are tied to the tree like links, and each
    cell's headers are found by IDs the bundle keeps apart for every part."""
    write(project / "issues", "sheets.yaml",
          MANIFEST.replace("attachments:", "discussion_sheets: true\nattachments:"))
    result = run(project, "sheets.yaml")
    assert result.problems == []
    assert failed_rules(result.output) == []
    reader = PdfReader(result.output)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    names = [str(name) for name in tree["/IDTree"]["/Names"][::2]]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert {name.split("-")[0] for name in names} == {"part2", "part4"}  # the two sheets
    widgets = [a for p in reader.pages for a in p.get("/Annots", [])
               if a.get_object()["/Subtype"] == "/Widget"]
    forms = [e for e in structure(reader) if e.tag == "Form"]
    assert widgets and len(forms) == len(widgets)


def test_a_copy_of_a_pdf_gets_its_structure_tree_back():
    """A PDF copied page by page (as one from elsewhere is rebuilt before bundling) loses
    its tree; `carry` gives the copy the tree again, its keys renumbered, from the
    allow-list."""
    from briefing_builder.publish.structure import carry

    source = PdfReader(io.BytesIO(tagged_pdf()))
    writer = PdfWriter()
    for page_ in source.pages:
        writer.add_page(page_)
    assert carry(source, writer)
    stream = io.BytesIO()
    writer.write(stream)
    copy = PdfReader(stream)
    assert structure(copy) == structure(source)
    assert copy.trailer["/Root"]["/Lang"] == "en-GB"
    assert copy.pages[0]["/StructParents"] == 0
    assert not carry(PdfReader(io.BytesIO(untagged_pdf())), PdfWriter())


def test_a_tagged_pdf_from_elsewhere_is_rebuilt_with_its_tags(project):
    """Rebuilt from an allow-list before it is bundled, a report from elsewhere keeps its
    structure tree in the bundle's folder of parts, as in the bundle."""
    run(project)
    loose = PdfReader(project / "out" / "2022-03" / "03-annual-report-of-the-partnership.pdf")
    assert structure(loose) == structure(PdfReader(io.BytesIO(tagged_pdf())))
    assert loose.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert loose.pages[0]["/Tabs"] == "/S"
