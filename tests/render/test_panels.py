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
    assert [str(i.html) for i in result[1].blocks] == ["x" * 50]
    assert [str(i.html) for i in result[2].blocks] == ["y" * 50]
    assert result[4].blocks[0].url == "https://example.org/procedures"


def test_a_bulleted_background_is_bullets_after_its_lead_paragraph():
    briefing = Briefing.model_validate(minimal(
        background="Alex was nine.\n- He lived with his father.\n- He had two\n  brothers."))
    [background] = panels(briefing)[:1]
    assert [(b.kind, str(b.html)) for b in background.blocks] == [
        ("p", "Alex was nine."), ("li", "He lived with his father."),
        ("li", "He had two brothers.")]
    assert [kind for kind, _ in background.groups] == ["p", "li"]


def test_one_long_concern_splits_at_a_sentence_and_continues_without_a_bullet():
    text = "First sentence here. Second one follows. Third closes it."
    briefing = Briefing.model_validate(minimal(concerns=[text]))
    second, third = panels(briefing)[1:3]
    assert [str(b.html) for b in second.blocks] == ["First sentence here."]
    assert [(str(b.html), b.continued) for b in third.blocks] == [
        ("Second one follows. Third closes it.", True)]


def test_panels_of_the_authors_own_keep_their_headings_at_their_places():
    own = [{"heading": f"Heading {n}", "items": [f"Point {n}"]} for n in range(1, 8)]
    briefing = Briefing.model_validate({"title": "T", "panels": own})
    result = panels(briefing)
    assert [p.heading for p in result] == [f"Heading {n}" for n in range(1, 8)]
    assert [str(p.blocks[0].html) for p in result] == [f"Point {n}" for n in range(1, 8)]
    assert [p.field for p in result] == [f"panels.{n}" for n in range(7)]


def test_named_fields_may_have_headings_of_their_own():
    briefing = Briefing.model_validate(minimal(
        background={"heading": "The incident", "text": "It happened."},
        concerns={"heading": "What went wrong", "items": ["One.", "Two."]}))
    result = panels(briefing)
    assert [p.heading for p in result[:3]] == ["The incident", "What went wrong",
                                               "What went wrong (continued)"]
