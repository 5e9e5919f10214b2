"""Predicted panels: Pango's line counts must match the page WeasyPrint lays out."""

import pytest
from helpers import EMILY, minimal, write
from markupsafe import Markup

from briefing_builder.fit.fit import Fitter, fit
from briefing_builder.fit.measure import MEASURING_PAGE, measure
from briefing_builder.fit.predict import LineCounter, Predictor, calibrate, pango_markup
from briefing_builder.pipeline import check_one
from briefing_builder.render.geometry import COLUMN_HEIGHT, SIDE_WIDTHS, Geometry
from briefing_builder.render.house import HouseStyle
from briefing_builder.render.html import briefing_html, final_sheet
from briefing_builder.render.panels import Item, panels
from briefing_builder.render.pdf import lay_out
from briefing_builder.render.theme import load_theme
from briefing_builder.settings import Settings


@pytest.fixture(scope="module")
def house():
    styles = Settings().styles_dir()
    return HouseStyle(styles), load_theme(styles).text.candidates()


def test_markup_becomes_pango_markup_with_the_printed_link_unbroken():
    item = Item(Markup('See <strong>the</strong> <em>plan</em>, <code>x&lt;y</code> and '
                       '<a href="https://example.org">this\nlink</a>'),
                "https://example.org/a b")
    assert pango_markup(item.html, item.printed) == (
        "See <b>the</b> <i>plan</i>, <tt>x&lt;y</tt> and this link "
        '<span size="85%">example.org/a b</span>')


QUESTION = "What does the child say about their day at home and at school, and who listens?"
TALL = Geometry(SIDE_WIDTHS[0], (COLUMN_HEIGHT,) * 3, (COLUMN_HEIGHT,) * 3)


@pytest.mark.parametrize(("size", "side"), [(12.0, 103.0), (10.5, 107.0), (9.0, 99.0),
                                            (7.5, 103.0)])
def test_emily_predicted_line_for_line_at_sizes_and_widths(house, size, side):
    styles, sizes = house
    predictor = Predictor(styles)
    assert predictor.predicts(size)
    briefing = check_one(EMILY).briefing
    tall = Geometry(side, TALL.left, TALL.right)
    rendering = lay_out(briefing_html(briefing, final_sheet(briefing, size, 4, tall)), styles,
                        MEASURING_PAGE)
    laid_out = measure(rendering)[size]
    predicted = predictor.regions(panels(briefing, 4), size, tall.widths())
    for name, region in predicted.items():
        assert [b.lines for b in region.blocks] == [b.lines for b in laid_out[name].blocks]
        assert region.needed == pytest.approx(laid_out[name].needed, abs=0.05), name
        assert region.frame == pytest.approx(laid_out[name].frame, abs=0.05)
    assert predictor.agrees(predicted, laid_out)


def test_headings_of_the_authors_own_are_predicted_when_they_wrap(tmp_path, house):
    styles, sizes = house
    long = "What can we do next, as a whole partnership, and how will we know it worked?"
    own = [{"heading": long if n % 2 else f"Panel {n}", "items": [QUESTION] * 2}
           for n in range(1, 8)]
    briefing = check_one(write(tmp_path, "own.yaml", {"title": "T", "panels": own})).briefing
    predictor = Predictor(styles)
    assert predictor.predicts(10.0)
    rendering = lay_out(briefing_html(briefing, final_sheet(briefing, 10.0, None, TALL)),
                        styles, MEASURING_PAGE)
    laid_out = measure(rendering)[10.0]
    predicted = predictor.regions(panels(briefing), 10.0, TALL.widths())
    for name, region in predicted.items():
        assert region.needed == pytest.approx(laid_out[name].needed, abs=0.05), name
    # The long headings take more than one line in the side panels: a taller heading.
    assert predicted["panel-1"].blocks[0].top > predicted["panel-2"].blocks[0].top + 3


def test_emily_is_fitted_with_one_layout(house):
    styles, sizes = house
    decided = fit(check_one(EMILY).briefing, Fitter(styles))
    assert (decided.text_size, decided.overflows) == (9.0, [])
    assert decided.layouts == 1  # the page alone: its title block was predicted


def test_a_wrong_prediction_is_caught_and_the_page_measured(tmp_path, house, monkeypatch):
    styles, sizes = house
    briefing = check_one(EMILY).briefing
    honest = fit(briefing, Fitter(styles))
    monkeypatch.setattr(LineCounter, "lines", lambda self, markup, width, size, indent=0: 1)
    fooled = fit(briefing, Fitter(styles))
    assert fooled.text_size == honest.text_size and fooled.overflows == []
    assert fooled.layouts > honest.layouts


def test_a_house_style_with_uneven_lines_is_not_predicted(tmp_path):
    import shutil
    styles = tmp_path / "styles"
    shutil.copytree(Settings().styles_dir(), styles)
    css = styles / "briefing.css"
    css.write_text(css.read_text() + "\n.panel li:first-child { line-height: 2; }\n")
    house = HouseStyle(styles)
    sizes = load_theme(styles).text.candidates()
    assert calibrate(house, sizes[:1]) is None
    path = write(tmp_path, "a.yaml", minimal())
    decided = fit(check_one(path).briefing, Fitter(house))
    assert decided.text_size == 12.0 and decided.overflows == []


def test_only_the_sizes_a_briefing_needs_are_calibrated(tmp_path):
    fitter = Fitter(HouseStyle(Settings().styles_dir()))
    short = check_one(write(tmp_path, "a.yaml", minimal())).briefing
    assert fit(short, fitter).text_size == 12.0
    assert set(fitter.predictor.calibrations) == {12.0, 11.5, 10.0}  # halving: 3 of 10
    assert fit(check_one(EMILY).briefing, fitter).text_size == 9.0
    assert len(fitter.predictor.calibrations) < len(fitter.sizes)


def test_calibrations_are_kept_between_runs_and_a_broken_one_is_made_again(tmp_path,
                                                                            monkeypatch):
    from briefing_builder.fit import predict
    from briefing_builder.publish.files import JsonStore

    store = JsonStore(tmp_path / "cache")
    briefing = check_one(EMILY).briefing
    first = fit(briefing, Fitter(HouseStyle(Settings().styles_dir()), store, "k"))
    kept = sorted(path.name for path in (tmp_path / "cache").iterdir())
    assert kept and all(name.startswith("calibration-k-") for name in kept)
    monkeypatch.setattr(predict, "calibrate", lambda *a: pytest.fail("calibrated again"))
    again = fit(briefing, Fitter(HouseStyle(Settings().styles_dir()), store, "k"))
    assert (again.text_size, again.geometry, again.cut) == \
        (first.text_size, first.geometry, first.cut)
    assert again.rendering.pdf() == first.rendering.pdf()
    monkeypatch.undo()
    (tmp_path / "cache" / kept[0]).write_text("{not json")
    assert fit(briefing, Fitter(HouseStyle(Settings().styles_dir()), store, "k")).text_size \
        == first.text_size


def test_a_panel_is_predicted_only_when_the_solver_asks_for_it(house, monkeypatch):
    """The solver gives up on a size at the first column that does not fit: the panels it
    never asks for cost no line counts."""
    styles, sizes = house
    predictor = Predictor(styles)
    assert predictor.predicts(10.0)
    counted = []
    count = LineCounter._count
    monkeypatch.setattr(LineCounter, "_count", lambda self, markup, *rest: counted.append(
        markup) or count(self, markup, *rest))
    content = panels(check_one(EMILY).briefing, 4)
    predicted = predictor.regions(content, 10.0, TALL.widths())
    assert counted == []
    assert predicted["panel-1"].blocks
    assert len(counted) == len(content[0].blocks) + 1  # its heading and blocks, no more
    assert list(predicted) == [f"panel-{panel.number}" for panel in content]
