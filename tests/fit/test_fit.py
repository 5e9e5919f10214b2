"""Fitting: measured panels, concerns flowing from panel 2 into 3, overflow refused."""

import math
import re

import pytest
import segno
from click.testing import CliRunner
from helpers import (
    EMILY,
    ROOT,
    font_sizes,
    minimal,
    normalise,
    page_size_mm,
    panel_text,
    picture,
    runs,
    write,
)
from pypdf import PdfReader

from briefing_builder import build, check
from briefing_builder.cli import main
from briefing_builder.pipeline import check_one
from briefing_builder.render.panels import printed_link
from briefing_builder.settings import Settings, load_settings

QUESTION = "What does the child say about their day at home and at school, and who listens?"
LONG = "The family moved home often and the children were not brought to appointments."
SHORT = "Who else knows the child?"
MM = 25.4


def test_emily_concerns_flow_from_panel_two_into_three(emily_pdf):
    import yaml
    concerns = [normalise(c) for c in yaml.safe_load(EMILY.read_text("utf-8"))["concerns"]]
    text = panel_text(PdfReader(emily_pdf).pages[0])
    in_two = [c for c in concerns if c in normalise(text[2])]
    in_three = [c for c in concerns if c in normalise(text[3])]
    assert 0 < len(in_two) < len(concerns)
    assert in_two == concerns[:len(in_two)] and in_three == concerns[len(in_two):]


def test_slightly_long_briefing_fits_at_a_smaller_size(tmp_path):
    path = write(tmp_path, "long.yaml", minimal(questions=[QUESTION] * 12))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "built"
    assert 7.5 <= result.text_size < 12
    sizes = font_sizes(PdfReader(result.output).pages[0])
    printed = {size for text, size in sizes.items() if "What does the child say" in text}
    assert printed == {result.text_size}
    # Every panel shares the size: the background is printed at it too.
    assert {size for text, size in sizes.items() if "nine years old" in text} == printed


def test_short_briefing_keeps_the_largest_size(tmp_path):
    [result] = build([write(tmp_path, "a.yaml", minimal())], tmp_path / "out",
                     settings=Settings())
    assert result.text_size == 12.0


def without_last_words(words: list[str], count: int) -> list[str]:
    """The points with their last `count` words taken off, as an author would cut them."""
    kept = list(words)
    while count:
        last = kept.pop().split()
        if len(last) > count:
            kept.append(" ".join(last[:-count]))
            count = 0
        else:
            count -= len(last)
    return kept


OVERFLOW = re.compile(
    r'(?P<path>.+):(?P<line>\d+):1: error: the "(?P<panel>[^"]+)" panel is (?P<lines>\d+) '
    r"lines? too long to fit the page, even at 7.5 pt: cut at least (?P<words>\d+) words "
    r'from it \(or from "(?P<others>[^)]+)", in the same column\) \[panel-overflow\]')


def test_far_too_many_questions_says_how_many_words_to_cut_and_that_is_enough(tmp_path):
    questions = [QUESTION] * 32
    path = write(tmp_path, "long.yaml", minimal(questions=questions))
    out = tmp_path / "out"
    checked = CliRunner().invoke(main, ["check", str(path)])
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == checked.exit_code == 1
    [line] = result.stdout.splitlines()
    assert checked.stdout.splitlines() == [line]  # check says what build says
    match = OVERFLOW.fullmatch(line)
    assert match, line
    assert match["panel"] == "Questions"
    assert path.read_text().splitlines()[int(match["line"]) - 1] == "questions:"
    assert int(match["lines"]) > 5 and not (out / "long.pdf").exists()
    cut = int(match["words"])
    enough = write(tmp_path, "cut.yaml", minimal(questions=without_last_words(questions, cut)))
    [fits] = build([enough], out, settings=Settings())
    assert fits.status == "built" and fits.text_size == 7.5, [p.format() for p in fits.problems]
    one_less = write(tmp_path, "less.yaml", minimal(
        questions=without_last_words(questions, cut - 1)))
    [still_over] = build([one_less], out, settings=Settings())
    assert [p.code for p in still_over.problems] == ["panel-overflow"]


def test_concerns_too_long_for_both_panels(tmp_path):
    concerns = [QUESTION * 2] * 24
    [result] = build([write(tmp_path, "c.yaml", minimal(concerns=concerns))], tmp_path / "out",
                     settings=Settings())
    assert [p.code for p in result.problems] == ["panel-overflow"]
    assert re.fullmatch(r"the concerns \(panels 2 and 3\) are \d+ lines too long to fit the "
                        r'page, even at 7.5 pt: cut at least \d+ words from them \(or from '
                        r'"Information", in the same column\)', result.problems[0].message)


@pytest.mark.parametrize("questions, background, concerns", [
    ([QUESTION] * 4, 3, [LONG] * 6),
    ([QUESTION] * 6, 1, [LONG] * 9),
    ([QUESTION] * 3, 1, [LONG] * 12),
    ([SHORT] * 12, 1, [LONG] * 3),
    ([QUESTION] * 14, 4, [LONG] * 30),    # does not fit
])
def test_the_size_chosen_is_the_largest_at_which_everything_fits(tmp_path, questions,
                                                                 background, concerns):
    """An independent check: lay the briefing out at every size and width with panels as
    tall as the page, solve from what was measured, and compare the decisions."""
    from briefing_builder.fit.fit import Fitter, TitleHeights, fit
    from briefing_builder.fit.measure import MEASURING_PAGE, measure
    from briefing_builder.fit.solve import solve
    from briefing_builder.render.geometry import COLUMN_HEIGHT, SIDE_WIDTHS, Geometry
    from briefing_builder.render.house import HouseStyle
    from briefing_builder.render.html import Sheet, briefing_html
    from briefing_builder.render.panels import panels
    from briefing_builder.render.pdf import lay_out

    text = " ".join(["Alex lived with his father and two brothers in a small flat."] * 3)
    data = minimal(questions=questions, background="\n\n".join([text] * background),
                   concerns=concerns)
    briefing = check_one(write(tmp_path, "a.yaml", data)).briefing
    fitter = Fitter(HouseStyle(Settings().styles_dir()))
    decided = fit(briefing, fitter)
    titles = TitleHeights(briefing, fitter)
    tall = (COLUMN_HEIGHT,) * 3
    fitting = []
    for side in SIDE_WIDTHS:
        sheets = [Sheet(size, panels(briefing, cut=0), centre=False,
                        geometry=Geometry(side, tall, tall)) for size in fitter.sizes]
        oracle = measure(lay_out(briefing_html(briefing, sheets, measuring=True),
                                 fitter.house, MEASURING_PAGE))
        fitting += [size for size in fitter.sizes
                    if solve(oracle[size], side, size, True, titles)]
    assert decided.text_size == (max(fitting) if fitting else None)
    if decided.text_size is not None:
        assert decided.overflows == []


def test_check_reports_what_does_not_fit_as_build_does(tmp_path):
    path = write(tmp_path, "c.yaml", minimal(concerns=[QUESTION * 2] * 24))
    [checked] = check([path], Settings())
    [built] = build([path], tmp_path / "out", settings=Settings())
    assert checked.problems == built.problems and checked.failed


def test_a_briefing_checked_again_as_it_was_is_not_laid_out_again(tmp_path, monkeypatch):
    """What `check` found of a page is kept with the inputs it was found from: the same
    source, house style and options give the same problems (lines, columns, words) and text
    size without a layout; any change to the source is laid out again."""
    import briefing_builder.fit.fit as fitting

    path = write(tmp_path, "c.yaml", minimal(concerns=[QUESTION * 2] * 24))
    settings = Settings(output=tmp_path / "out")
    [first] = check([path], settings)
    assert any(p.code == "panel-overflow" for p in first.problems)
    laid_out = []
    monkeypatch.setattr(fitting, "fit", lambda *a, **k: laid_out.append(a) or 1 / 0)
    [again] = check([path], settings)
    assert (again.problems, again.text_size, again.status, laid_out) == \
        (first.problems, first.text_size, first.status, [])
    path.write_text(path.read_text("utf-8") + "\n# a comment changes the source\n", "utf-8")
    [changed] = check([path], settings)
    assert len(laid_out) == 1 and changed.failed  # laid out again (and failed here: 1 / 0)


def test_a3_is_the_same_layout_larger(tmp_path, emily_pdf):
    [a3] = build([EMILY], tmp_path, settings=load_settings(ROOT).model_copy(
        update={"paper": "a3"}))
    small, large = PdfReader(emily_pdf).pages[0], PdfReader(a3.output).pages[0]
    width, height = page_size_mm(large)
    assert abs(width - 420) < 0.1 and abs(height - 297) < 0.1
    pairs = list(zip(runs(small), runs(large), strict=True))
    assert all(a.text == b.text for a, b in pairs)
    for a, b in pairs:
        assert b.left == pytest.approx(a.left * math.sqrt(2), abs=0.05)
        assert b.top == pytest.approx(a.top * math.sqrt(2), abs=0.05)


def test_bleed_and_crop_marks_make_a_larger_sheet(tmp_path):
    settings = load_settings(ROOT)
    [bleed] = build([EMILY], tmp_path / "bleed", settings=settings.model_copy(
        update={"bleed": 3.0}))
    [marks] = build([EMILY], tmp_path / "marks", settings=settings.model_copy(
        update={"bleed": 3.0, "marks": True}))
    for result in (bleed, marks):
        page = PdfReader(result.output).pages[0]
        assert page_size_mm(page) == (303.0, 216.0)
        trim = [round(float(v) * MM / 72, 1) for v in page.trimbox]
        assert trim == [0.0, 0.0, 297.0, 210.0]

    def corner_ink(path):
        image = picture(path, dpi=100)
        corner = image.crop((0, 0, int(3.5 / MM * 100), int(3.5 / MM * 100)))
        return corner.getextrema()[0]

    assert corner_ink(bleed.output) == 255
    assert corner_ink(marks.output) < 128


def test_nothing_printed_within_5mm_of_the_edge(emily_pdf):
    image = picture(emily_pdf, dpi=72)
    band = round(5 / MM * 72)
    width, height = image.size
    for box in ((0, 0, width, band), (0, height - band, width, height),
                (0, 0, band, height), (width - band, 0, width, height)):
        assert image.crop(box).getextrema()[0] == 255, box


def test_qr_code_in_the_centre_leads_to_the_source_report(emily_pdf):
    import yaml
    url = yaml.safe_load(EMILY.read_text("utf-8"))["source"]["url"]
    expected = segno.make(url, error="m", micro=False).matrix
    image = picture(emily_pdf, dpi=300)
    # The QR code is the only pure black on the page; text is a softer ink.
    pixels = image.load()
    left = int(107 / MM * 300) + int(7 / MM * 300)
    right = left + int(69 / MM * 300)
    xs, ys = [], []
    for y in range(0, image.height, 2):
        for x in range(left, right, 2):
            if pixels[x, y] == 0:
                xs.append(x)
                ys.append(y)
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    modules = len(expected)
    step = (x1 - x0 + 2) / modules
    assert (y1 - y0 + 2) / modules == pytest.approx(step, rel=0.05)
    seen = [[pixels[int(x0 + (c + 0.5) * step), int(y0 + (r + 0.5) * step)] < 128
             for c in range(modules)] for r in range(modules)]
    assert seen == [[bool(v) for v in row] for row in expected]


def test_printed_links_are_short_and_readable():
    assert printed_link("https://www.proceduresonline.com/westyorkscb/") == \
        "proceduresonline.com/westyorkscb"
    assert printed_link("https://example.org/a/b/c/report.pdf?x=1#p") == \
        "example.org/a/b/c/report.pdf"
    assert printed_link("https://www.gov.uk/government/publications/working-together-to-"
                        "safeguard-children--2") == "gov.uk/…/working-together-to-safeguard-children--2"
    assert printed_link("mailto:team@example.org") == "team@example.org"
    long = "x" * 100
    assert printed_link(f"https://example.org/{long}") == f"example.org/{long}"  # never cut


def test_resources_print_their_links(emily_pdf):
    text = normalise(panel_text(PdfReader(emily_pdf).pages[0])[5])
    assert "proceduresonline.com/westyorkscb" in text and "bradfordscp.org.uk" in text


def test_reading_time_in_the_centre(emily_pdf):
    from briefing_builder.source.words import briefing_words
    words = briefing_words(check_one(EMILY).briefing)
    assert 500 < words < 1000
    minutes = math.ceil(words / 238)
    assert f"About {minutes} minutes to read" in PdfReader(emily_pdf).pages[0].extract_text()


def test_long_briefing_gets_a_reading_time_warning(tmp_path):
    item = check_one(write(tmp_path, "long.yaml", minimal(
        recommendations=["word " * 100] * 17)))
    [problem] = item.problems
    assert (problem.code, problem.severity.value) == ("reading-time", "warning")
    assert "about 8 minutes to read" in problem.message
    assert not item.failed


def test_a_title_too_long_for_the_centre_circle(tmp_path):
    [result] = build([write(tmp_path, "t.yaml", minimal(title="A very long title " * 12))],
                     tmp_path / "out", settings=Settings())
    [problem] = result.problems
    assert problem.code == "panel-overflow" and problem.position.line == 1
    assert re.fullmatch(r"the title is \d+ mm too long for the centre circle "
                        r"\(about \d+ words over\)", problem.message)


def test_the_size_said_after_an_a3_build_is_the_size_printed(tmp_path):
    [a4] = build([EMILY], tmp_path / "a4", settings=load_settings(ROOT))
    [a3] = build([EMILY], tmp_path / "a3", settings=load_settings(ROOT).model_copy(
        update={"paper": "a3"}))
    assert a3.text_size == round(a4.text_size * math.sqrt(2), 1)
    sizes = font_sizes(PdfReader(a3.output).pages[0])
    assert max(size for text, size in sizes.items() if "sixth child" in text) == \
        pytest.approx(a3.text_size, abs=0.1)
