"""Accessible and archival PDFs: tags in reading order, alternative text, the source inside."""

import html.parser
import re
import shutil
import subprocess

import pytest
import yaml
from click.testing import CliRunner
from helpers import EMILY, ROOT, minimal, structure, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.cli import main
from briefing_builder.settings import Settings, load_settings

HEADINGS = ["Background", "What were the concerns?", "The concerns continued", "Information",
            "Resources", "Questions", "What to do"]


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w?]+", " ", text.lower()).split())


def test_every_pdf_is_tagged_with_its_language_and_title(emily_pdf):
    reader = PdfReader(emily_pdf)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == "Learning from Practice Review – “EMILY”"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1</pdfuaid:part>" in xmp


def test_the_structure_reads_title_then_panels_one_to_seven(emily_pdf):
    headings = [e for e in structure(PdfReader(emily_pdf)) if e.tag in ("H1", "H2")]
    assert headings[0].tag == "H1" and words(headings[0].text) == "learning from practice " \
        "review emily"
    panels = headings[1:8]
    assert [e.tag for e in panels] == ["H2"] * 7
    assert [words(e.text) for e in panels] == [
        f"{n} {words(heading)}" for n, heading in enumerate(HEADINGS, 1)]
    assert words(headings[8].text) == "recommendations from the review"


def test_lists_links_and_the_qr_code_are_tagged_with_their_text(emily_pdf):
    reader = PdfReader(emily_pdf)
    elements = structure(reader)
    tags = [e.tag for e in elements]
    assert tags.count("L") >= 7 and tags.count("LI") >= 30 and "LBody" in tags
    links = [e for e in elements if e.tag == "Link"]
    # A link that wraps is one link element, described by its whole text.
    [wrapped] = [e for e in links if e.alt == "West Yorkshire Consortium Procedures on Child "
                 "Protection Conferences"]
    assert words(wrapped.text) == words(wrapped.alt)
    source = yaml.safe_load(EMILY.read_text("utf-8"))["source"]["url"]
    [figure] = [e for e in elements if e.tag == "Figure"]
    assert figure.alt == f"QR code: link to the full report at {source}"
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation["/Subtype"] == "/Link":
                assert str(annotation.get("/Contents", "")).strip()


def test_fonts_are_embedded_with_unicode_maps_so_copied_text_is_real(emily_pdf):
    reader = PdfReader(emily_pdf)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
                else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            assert "/ToUnicode" in font, font["/BaseFont"]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "identified" in text and "“Was not brought” policies" in text


def test_the_language_can_be_set_per_briefing(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(lang="cy-GB"))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert PdfReader(result.output).trailer["/Root"]["/Lang"] == "cy-GB"
    [bad] = build([write(tmp_path, "b.yaml", minimal(lang="Welsh"))], tmp_path / "out",
                  settings=Settings())
    assert bad.status == "failed" and "lang" in bad.problems[0].format()


def test_pdf_a_carries_the_source_and_extract_gives_it_back_byte_for_byte(tmp_path):
    source = tmp_path / "emily.yaml"
    shutil.copy(EMILY, source)
    settings = load_settings(ROOT).model_copy(update={"pdf_a": True})
    [first] = build([source], tmp_path / "one", settings=settings)
    [second] = build([source], tmp_path / "two", settings=settings)
    data = first.output.read_bytes()
    assert data == second.output.read_bytes()
    reader = PdfReader(first.output)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in root and "/AF" in root
    [spec] = {a.get_object()["/F"]: a.get_object() for a in root["/AF"]}.values()
    assert spec["/AFRelationship"] == "/Source"
    archived = EMILY.read_text("utf-8")
    assert archived.startswith("# 7-minute briefing")  # comments and all
    assert reader.attachments == {"emily.yaml": [archived.encode("utf-8")]}
    out = tmp_path / "back.yaml"
    result = CliRunner().invoke(main, ["extract", str(first.output), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == archived.encode("utf-8")
    printed = CliRunner().invoke(main, ["extract", str(first.output)])
    assert printed.stdout_bytes == archived.encode("utf-8")
    [again] = build([out], tmp_path / "three", settings=settings)
    assert again.status == "built"


def test_extract_says_why_it_cannot(tmp_path, emily_pdf):
    not_pdf = write(tmp_path, "a.pdf", "hello")
    result = CliRunner().invoke(main, ["extract", str(not_pdf)])
    assert result.exit_code == 1
    assert result.stderr == f"{not_pdf}: error: the file is not a PDF [pdf-unreadable]\n"
    result = CliRunner().invoke(main, ["extract", str(emily_pdf)])
    assert result.exit_code == 1 and result.stderr.endswith("[no-source]\n")


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.urls, self.links, self.inside = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3"):
            self.inside = [tag, ""]
        for name in ("src", "href", "srcset", "poster", "data", "action"):
            if name in attrs:
                (self.links if tag == "a" and name == "href" else self.urls).append(attrs[name])
        if "url(" in attrs.get("style", ""):
            self.urls.append(attrs["style"])

    def handle_endtag(self, tag):
        if self.inside and tag == self.inside[0]:
            self.headings.append((tag, " ".join(self.inside[1].split())))
            self.inside = None

    def handle_data(self, data):
        if self.inside:
            self.inside[1] += data


def test_the_html_twin_reads_one_to_seven_and_fetches_nothing(tmp_path):
    settings = load_settings(ROOT).model_copy(update={"html": True})
    build([EMILY], tmp_path, settings=settings)
    page_text = (tmp_path / "emily.html").read_text("utf-8")
    page = _Page()
    page.feed(page_text)
    assert [h for h in page.headings if h[0] == "h1"] == [
        ("h1", "Learning from Practice Review – “EMILY”")]
    assert [text for tag, text in page.headings if tag == "h2"] == [
        *(f"{n} {heading}" for n, heading in enumerate(HEADINGS, 1)),
        "Recommendations from the review"]
    # The same outline as the PDF's: its H1 and H2 elements, in order.
    pdf = [e.text for e in structure(PdfReader(tmp_path / "emily.pdf")) if e.tag in ("H1", "H2")]
    assert [text.casefold() for tag, text in page.headings] == [t.casefold() for t in pdf]
    assert page.urls == []
    assert "url(" not in page_text and "@import" not in page_text
    assert all(link.startswith(("https://", "http://", "mailto:")) for link in page.links)
    assert len(page.links) == 7  # the full report and the six resources
    assert '<html lang="en-GB">' in page_text
    assert "Emily was the sixth child" in page_text


def test_the_html_twin_escapes_what_authors_type(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(questions=["<script>alert(1)</script> **why**?"]))
    build([path], tmp_path / "out", settings=Settings(html=True))
    page_text = (tmp_path / "out" / "a.html").read_text("utf-8")
    assert "<script>" not in page_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <strong>why</strong>?" in page_text


@pytest.mark.skipif(shutil.which("verapdf") is None, reason="veraPDF is not installed here")
def test_verapdf_finds_the_pdf_ua_and_pdf_a_conformant(tmp_path, emily_pdf):
    settings = load_settings(ROOT).model_copy(update={"pdf_a": True})
    [archival] = build([EMILY], tmp_path, settings=settings)
    for pdf, flavour in ((emily_pdf, "ua1"), (archival.output, "3a")):
        report = subprocess.run(["verapdf", "--flavour", flavour, str(pdf)],
                                capture_output=True, text=True, timeout=300, check=False)
        assert 'isCompliant="true"' in report.stdout, report.stdout[-2000:]
