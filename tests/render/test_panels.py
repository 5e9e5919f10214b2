from helpers import minimal

from briefing_builder.render.panels import panels, split_concerns
from briefing_builder.source.model import Briefing


def test_split_balances_by_length():
    assert split_concerns(["a" * 100, "b" * 10, "c" * 10, "d" * 100]) == 2
    assert split_concerns(["a" * 10] * 6) == 3
    assert split_concerns(["only one"]) == 1


def test_seven_panels_in_reading_order():
    briefing = Briefing.model_validate(minimal(concerns=["x" * 50, "y" * 50]))
    result = panels(briefing)
    assert [p.number for p in result] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.place for p in result] == ["top-left", "top-right", "right", "bottom-right",
                                         "bottom-centre", "bottom-left", "left"]
    assert [str(i.html) for i in result[1].items] == ["x" * 50]
    assert [str(i.html) for i in result[2].items] == ["y" * 50]
    assert result[4].items[0].url == "https://example.org/procedures"
