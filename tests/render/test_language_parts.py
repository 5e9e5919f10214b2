"""Parts in another language than the briefing's: [Cefndir]{lang=cy}, tagged with their
language in the page's HTML, the HTML twin and the PDF, read as words elsewhere."""

from __future__ import annotations

import page
from helpers import EMILY, minimal, structure, write
from pypdf import PdfReader

from briefing_builder import build, check
from briefing_builder.settings import Settings
from briefing_builder.source.markup import inline, plain

WELSH_PART = "Children were not brought to appointments ([Dim Mynediad]{lang=cy} was used)."


def emily_with_a_welsh_part(folder):
    text = EMILY.read_text("utf-8").replace("Children were not brought to appointments.",
                                            WELSH_PART, 1)
    assert WELSH_PART in text
    return write(folder, "emily.yaml", text)


def test_a_part_is_a_span_with_its_language_and_its_words_are_plain_words():
    assert inline("An [Cefndir]{lang=cy} panel") == 'An <span lang="cy">Cefndir</span> panel'
    assert inline("[[Cefndir](https://example.org/c)]{lang=cy-GB}") == (
        '<span lang="cy-GB"><a href="https://example.org/c">Cefndir</a></span>')
    assert plain("An **[Cefndir]{lang=cy}** panel") == "An Cefndir panel"


def test_only_a_language_may_be_given_and_it_must_be_a_tag(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(information=[
        "A [Cefndir]{.welsh} part.", "A [Cefndir]{lang=\"cy GB\"} part.",
        "A [link](https://example.org/a){lang=cy} part.", "A [Cefndir]{} part.",
        "A [Cefndir]{lang=cy onclick=go} part."]))
    [item] = check([path], Settings(), fit=False)
    found = [(p.code, p.position.line, p.position.column, p.message, p.suggestion)
             for p in item.problems]
    assert found == [
        ("language-part", 11, 5, "Information: item 1: only a language can be given to words "
         "in brackets, not '.class'", "write [words]{lang=cy}"),
        ("language-part", 12, 5, "Information: item 2: 'cy GB' is not a language tag",
         "write it as cy, cy-GB or en-GB"),
        ("language-part", 13, 34, "Information: item 3: {…} after a link is not read: a "
         "language is given to words in square brackets only",
         "write [[words](https://…)]{lang=cy}"),
        ("language-part", 14, 5, "Information: item 4: the words in brackets are given no "
         "language", "write [words]{lang=cy}"),
        ("language-part", 15, 5, "Information: item 5: only a language can be given to "
         "words in brackets, not 'onclick'", "write [words]{lang=cy}")]
    assert item.briefing is None


def test_the_english_rules_do_not_read_a_welsh_part_but_the_identity_checks_do(tmp_path):
    marked = write(tmp_path, "m.yaml", minimal(information=[
        "Ask the [Bwrdd Diogelu Gogledd Cymru, neu BDGC]{lang=cy}.",
        "Write to [Swyddfa'r Bwrdd, BD1 1HX]{lang=cy}."]))
    [item] = check([marked], Settings(), fit=False)
    assert [(p.code, p.position.line) for p in item.problems] == [("postcode", 12)]
    unmarked = write(tmp_path, "u.yaml", minimal(information=[
        "Ask the Bwrdd Diogelu Gogledd Cymru, neu BDGC."]))
    [item] = check([unmarked], Settings(), fit=False)
    assert {"acronym", "undeclared-name"} <= {p.code for p in item.problems}


def test_the_pdf_tags_the_part_with_its_language_and_the_twin_and_text_carry_it(tmp_path):
    source = emily_with_a_welsh_part(tmp_path)
    [result] = build([source], tmp_path / "out",
                     settings=Settings(html=True, text=True, large_print=True))
    assert result.status == "built", [p.format() for p in result.problems]
    for pdf in (result.output, tmp_path / "out" / "emily-large-print.pdf"):
        reader = PdfReader(pdf)
        spans = [e for e in structure(reader) if e.lang is not None]
        assert [(e.tag, e.text, e.lang) for e in spans] == [("Span", "Dim Mynediad", "cy")]
        assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB"
        assert page.validate_pdf(pdf, profile="ua1").failures == []
    html = (tmp_path / "out" / "emily.html").read_text("utf-8")
    assert '(<span lang="cy">Dim Mynediad</span> was used)' in html
    text = (tmp_path / "out" / "emily.txt").read_text("utf-8")
    assert "(Dim Mynediad was used)" in " ".join(text.split())
    assert "lang=" not in text and "{" not in text


def test_a_part_broken_over_two_lines_is_tagged_on_both(tmp_path):
    words = "Cyfarfod Strategaeth Amlasiantaethol ar gyfer Diogelu Plant " * 2
    path = write(tmp_path, "w.yaml", minimal(information=[
        f"Before it: [{words.strip()}]{{lang=cy}}, and after it."]))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "built", [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    spans = [e for e in structure(reader) if e.lang is not None]
    assert len(spans) >= 2 and {e.lang for e in spans} == {"cy"}
    assert " ".join(e.text for e in spans) == words.strip()
    assert page.validate_pdf(result.output, profile="ua1").failures == []
