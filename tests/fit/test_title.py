"""The title block's height at each side width, predicted from Pango, is the height of the
block as laid out; when it is not, or cannot be predicted, it is measured."""

import shutil

import pytest
from helpers import EMILY, minimal, write

from briefing_builder.fit.fit import Fitter, TitleHeights, fit
from briefing_builder.fit.title import TitlePredictor
from briefing_builder.pipeline import check_one
from briefing_builder.publish.files import JsonStore
from briefing_builder.render.house import HouseStyle
from briefing_builder.settings import Settings

LONG = "The Kirklees and Calderdale Safeguarding Children and Adults Partnership Board"
DETAILS = [
    {},
    {"partnership": None, "published": None},
    {"partnership": LONG, "source": {"title": "Serious Case Review – Emily"}},
    {"partnership": LONG + " of West Yorkshire and Beyond", "source": {
        "title": "A Local Child Safeguarding Practice Review into the death of a child in 2020",
        "url": "https://example.org/reviews/a-very-long/path"}},
    {"kind": "topic", "subject": "Police protection and the use of powers in the family home"},
    {"lang": "cy-GB", "partnership": "Partneriaeth Diogelu Plant Caerdydd a’r Fro"},
]


@pytest.mark.parametrize("theme", [None, "example-partnership"])
def test_the_predicted_title_block_is_the_block_as_laid_out(tmp_path, theme):
    """Paragraphs that take one, two or three lines, and more at the narrower widths."""
    house = HouseStyle(Settings().styles_dir(), theme=theme)
    fitter = Fitter(house)
    for number, details in enumerate(DETAILS):
        briefing = check_one(write(tmp_path, f"{number}.yaml", minimal(**details))).briefing
        predicted = fitter.titles.needed(briefing)
        measured = TitleHeights(briefing, fitter)._measure()
        assert predicted == pytest.approx(measured, abs=1e-9), details
    assert len(set(TitleHeights(check_one(write(tmp_path, "3.yaml", minimal(**DETAILS[3])))
                                .briefing, fitter)._measure().values())) == 3
    assert len(fitter.titles.calibrations) == 5  # one per set of details and language


def test_emily_is_fitted_as_before_without_laying_the_title_out(house_style):
    briefing = check_one(EMILY).briefing
    decided = fit(briefing, Fitter(house_style))
    assert (decided.text_size, decided.layouts) == (9.0, 1)
    measured = TitleHeights(briefing, Fitter(house_style))
    assert decided.geometry.title == pytest.approx(measured[decided.geometry.side], abs=1e-9)


@pytest.mark.parametrize("error", [-1.0, 1.0])
def test_a_prediction_the_page_does_not_bear_out_is_measured(house_style, monkeypatch, error):
    briefing = check_one(EMILY).briefing
    honest = fit(briefing, Fitter(house_style))
    wrong = TitlePredictor.needed
    monkeypatch.setattr(TitlePredictor, "needed", lambda self, b: {
        side: height + error for side, height in wrong(self, b).items()})
    fooled = fit(briefing, Fitter(house_style))
    assert (fooled.text_size, fooled.cut, fooled.overflows) == \
        (honest.text_size, honest.cut, honest.overflows)
    assert fooled.geometry.title == pytest.approx(honest.geometry.title, abs=1e-9)
    assert fooled.layouts == honest.layouts + 2  # the page, the title measured, the page again
    assert fooled.rendering.pdf() == honest.rendering.pdf()


def test_details_in_spaced_letters_are_measured(tmp_path):
    styles = tmp_path / "styles"
    shutil.copytree(Settings().styles_dir(), styles)
    css = styles / "briefing.css"
    css.write_text(css.read_text() + "\n.centre .partnership { letter-spacing: 0.1em; }\n")
    fitter = Fitter(HouseStyle(styles))
    briefing = check_one(EMILY).briefing
    assert fitter.titles.needed(briefing) is None
    assert fit(briefing, fitter).layouts == 2  # the title block measured, the page


def test_title_calibrations_are_kept_between_runs(tmp_path, house_style, monkeypatch):
    store = JsonStore(tmp_path / "cache")
    briefing = check_one(EMILY).briefing
    first = TitlePredictor(house_style, store, "k").needed(briefing)
    [kept] = [path.name for path in (tmp_path / "cache").iterdir()]
    assert kept.startswith("calibration-k-title-")
    monkeypatch.setattr(TitlePredictor, "_calibrate", lambda *a: pytest.fail("calibrated"))
    assert TitlePredictor(house_style, store, "k").needed(briefing) == first


@pytest.fixture(scope="module")
def house_style():
    return HouseStyle(Settings().styles_dir())
