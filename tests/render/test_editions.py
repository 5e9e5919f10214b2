"""Every reader: Welsh labels, plain text and large print, from the same source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import EMILY, ROOT, font_sizes, minimal, normalise, page_size_mm, structure, write
from pypdf import PdfReader

from briefing_builder import build, check
from briefing_builder.i18n import LOCALES, translations
from briefing_builder.settings import Settings

SOURCE = ROOT / "src" / "briefing_builder"


def welsh(tmp_path: Path) -> Path:
    text = EMILY.read_text("utf-8").replace("published: 2021-07-01",
                                            "published: 2021-07-01\nlang: cy-GB")
    return write(tmp_path, "emily-cy.yaml", text)


def test_a_welsh_briefing_prints_welsh_labels_and_is_tagged_welsh(tmp_path):
    [result] = build([welsh(tmp_path)], tmp_path / "out", settings=Settings(html=True))
    assert result.status == "built"
    reader = PdfReader(result.output)
    page = normalise(reader.pages[0].extract_text())
    for words in ("BRIFFIO 7 MUNUD", "1 CEFNDIR", "2 BETH OEDD Y PRYDERON?", "3 Y PRYDERON, PARHAD",
                  "4 GWYBODAETH", "5 ADNODDAU", "6 CWESTIYNAU", "7 BETH I'W WNEUD",
                  "Adolygiad Ymarfer Diogelu Plant", "Cyhoeddwyd 1 Gorffennaf 2021",
                  "Adroddiad llawn:"):
        assert words in page, words
    assert "BACKGROUND" not in page and "Published" not in page
    assert re.search(r"Tua \d munud i'w ddarllen", page)
    assert str(reader.trailer["/Root"]["/Lang"]).startswith("cy")
    assert "Argymhellion yr adolygiad" in reader.pages[1].extract_text()
    html = (tmp_path / "out" / "emily-cy.html").read_text("utf-8")
    assert '<html lang="cy-GB">' in html and "Cefndir" in html


def test_the_english_plain_language_rules_are_off_for_welsh_with_a_note(tmp_path):
    path = write(tmp_path, "c.yaml", minimal(lang="cy-GB", questions=["Pwy yw'r CIN?"]))
    [item] = check([path], Settings(), fit=False)
    assert [(p.code, p.severity.value) for p in item.problems] == [
        ("english-rules-off", "warning")]
    assert "written for English" in item.problems[0].message


def printed_words() -> set[str]:
    """Every fixed word the code and templates print, as Babel's extractors read them:
    gettext's names, N_ (marked where written, translated where printed) and `say` (a
    bundle's contents page, in each language of its edition)."""
    from babel.messages.extract import extract_from_dir

    keywords = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
    options = {"**.j2": {"trim_blocks": "true", "lstrip_blocks": "true"}}
    found = set()
    for folder, method, words in (
            (SOURCE, ("**.py", "python"), keywords),
            (SOURCE / "render" / "templates", ("**.j2", "jinja2"), {**keywords, "say": None})):
        for _file, _line, message, _comments, _context in extract_from_dir(
                folder, [method], keywords=words, options_map=options):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_word_the_tool_prints_is_in_the_catalogues_and_translated_to_welsh():
    from babel.messages.pofile import read_po

    with (LOCALES / "messages.pot").open("rb") as stream:
        known = {message.id if isinstance(message.id, str) else message.id[0]
                 for message in read_po(stream) if message.id}
    used = printed_words()
    # the bulletin's contents page, its web page and the discussion sheet among them
    assert {"In this issue", "Back to the contents", "Practice and Learning Bulletin",
            "Your meeting", "Question %(number)s", "Which briefing and version this sheet "
            "is for"} <= used
    from briefing_builder.source.kinds import KIND_LABELS
    from briefing_builder.source.model import PANEL_HEADINGS
    used |= {heading for _, heading in PANEL_HEADINGS.values()}
    used |= {label for label, _ in KIND_LABELS.values()} | {"7-minute briefing"}
    assert used - known == set()
    cy = translations("cy-GB")
    untranslated = [word for word in known if cy.gettext(word) == word]
    assert untranslated == []


def test_the_plain_text_edition_reads_as_it_is(tmp_path):
    [result] = build([EMILY], tmp_path, settings=Settings(text=True))
    text = (tmp_path / "emily.txt").read_text("utf-8")
    lines = text.splitlines()
    assert all(len(line) <= 72 for line in lines)
    headings = [line for line in lines if re.fullmatch(r"\d\. [A-Z?' ]+", line)]
    assert headings == ["1. BACKGROUND", "2. WHAT WERE THE CONCERNS?",
                        "3. THE CONCERNS CONTINUED", "4. INFORMATION", "5. RESOURCES",
                        "6. QUESTIONS", "7. WHAT TO DO"]
    assert "- Plans should be realistic and should focus on the individual child." in text
    assert "(https://www.proceduresonline.com/westyorkscb/)" in text  # links in full
    assert "Full report: Serious Case Review – Emily (https://bradfordscp.org.uk/)" in text
    assert "**" not in text and "](" not in text
    assert text.index("RECOMMENDATIONS FROM THE REVIEW") > text.index("7. WHAT TO DO")


def test_the_large_print_edition_is_16_pt_or_more_on_every_page(tmp_path):
    [result] = build([EMILY], tmp_path, settings=Settings(large_print=True))
    reader = PdfReader(tmp_path / "emily-large-print.pdf")
    assert len(reader.pages) > 2
    sizes = [size for page in reader.pages for size in font_sizes(page).values()]
    assert sizes and min(sizes) >= 16
    assert all(page_size_mm(page) == pytest.approx((210.0, 297.0), abs=0.5)
               for page in reader.pages)
    headings = [e.text for e in structure(reader) if e.tag == "H2"]
    assert headings[:7] == ["1 Background", "2 What were the concerns?",
                            "3 The concerns continued", "4 Information", "5 Resources",
                            "6 Questions", "7 What to do"]
    assert reader.metadata["/Title"] == "Learning from Practice Review – “EMILY”"
    assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB"
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    assert "https://www.proceduresonline.com/westyorkscb/" in text.replace(" ", "") or \
        "proceduresonline.com/westyorkscb/" in text.replace(" ", "")
