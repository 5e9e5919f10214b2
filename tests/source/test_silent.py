"""Text YAML reads without complaint but not as written: each is said, never printed
otherwise in silence. Every test here failed before these warnings existed."""

import pytest
from helpers import minimal, write

from briefing_builder.pipeline import check_one
from briefing_builder.source.load import load_yaml

HEAD = "title: T\nbackground: B\ninformation: [I.]\nresources: [R]\nquestions: [Q?]\n" \
    "what_to_do: [W.]\n"


def found(tmp_path, text):
    item = check_one(write(tmp_path, "b.yaml", text))
    return item, [(p.position.line, p.position.column, p.severity.value, p.code, p.message,
                   p.suggestion, p.fix) for p in item.problems]


def test_words_after_a_hash_that_yaml_drops_are_a_warning(tmp_path):
    item, problems = found(tmp_path, HEAD + "concerns:\n"
                           "  - risk meeting #MARM (see the framework)\n  - Second.\n")
    assert problems == [(
        8, 18, "warning", "comment-in-text",
        "Concerns: item 1: YAML reads '#MARM (see the framework)' as a comment and leaves it "
        "out, so this prints as 'risk meeting'", "put the whole text in quotes",
        '  - "risk meeting #MARM (see the framework)"')]
    assert item.briefing is not None  # a warning: it still builds


def test_a_deliberate_comment_is_not_a_warning(tmp_path):
    _, problems = found(tmp_path, HEAD + "concerns:  # two of them\n"
                        "  - First.   # the school's\n  - Second.\n")
    assert problems == []


def test_an_over_indented_item_merged_into_the_one_before_is_a_warning(tmp_path):
    item, problems = found(tmp_path, HEAD + "concerns:\n  - The school did not know.\n"
                           "    - The GP did not know.\n  - Third.\n")
    assert problems == [(
        9, 5, "warning", "merged-item",
        "Concerns: item 1 runs on into a line starting '- ': indented more than the '-' of "
        "the items, it is read as more of this item, not as an item of its own",
        "line its '-' up with the '-' of the item above", "  - The GP did not know.")]
    assert item.briefing.concerns.items[0].title == \
        "The school did not know. - The GP did not know."


def test_bullets_joined_into_a_paragraph_are_a_warning(tmp_path):
    _, problems = found(tmp_path, HEAD.replace("background: B\n", "background: He was nine.\n"
                                               "  - He lived with his father.\n")
                        + "concerns: [One., Two.]\n")
    assert problems == [(
        3, 3, "warning", "merged-item",
        "Background: the lines starting '- ' are joined into one paragraph, because the text "
        "is not written after '|'",
        "write '|' after 'background:' and the text on the lines below it, to keep its lines "
        "and bullets", None)]


@pytest.mark.parametrize("bullet", ["•", "·", "▪", "–"])
def test_a_pasted_bullet_is_a_warning(tmp_path, bullet):
    _, problems = found(tmp_path, HEAD + f"concerns:\n  - First.\n  - {bullet} Pasted.\n")
    assert problems == [(
        9, 5, "warning", "pasted-bullet",
        f"Concerns: item 2 starts with '{bullet}', and every item is printed with a bullet "
        "of its own, so it would show two", f"delete the '{bullet}'", "  - Pasted.")]


def test_a_pasted_bullet_in_a_resource_title_is_a_warning(tmp_path):
    _, problems = found(tmp_path, HEAD.replace("resources: [R]\n", "resources:\n"
                                               "  - title: • Guidance\n"
                                               "    url: https://a.org/g\n")
                        + "concerns: [One., Two.]\n")
    assert [(p[0], p[1], p[3], p[6]) for p in problems] == [
        (5, 12, "pasted-bullet", "  - title: Guidance")]


@pytest.mark.parametrize("word", ["No", "no", "yes", "Yes", "on", "off", "y", "n", "~x"])
def test_yes_and_no_words_are_text_as_editors_read_them(tmp_path, word):
    document, problems = load_yaml(write(tmp_path, "b.yaml", f"concerns:\n  - {word}\n"))
    assert problems == [] and document.data == {"concerns": [word]}


@pytest.mark.parametrize("written, value", [
    ("true", True), ("False", False), ("10:30", "10:30"), ("1_000", "1_000"), ("017", 17),
    ("0o17", 15), ("0x1F", 31), ("1.5", 1.5), ("null", None), ("", None), ("2021-07-01",
                                                                             "2021-07-01")])
def test_values_are_read_by_yaml_1_2_core_rules(tmp_path, written, value):
    document, problems = load_yaml(write(tmp_path, "b.yaml", f"x: {written}\n"))
    assert problems == [] and document.data == {"x": value}


def test_an_item_no_builds_and_prints_no(tmp_path):
    path = write(tmp_path, "b.yaml", "\n".join([
        "title: T", "background: B", "concerns: [One., Two.]", "information: [I.]",
        "resources: [R]", "questions:", "  - No", "what_to_do: [W.]", ""]))
    item = check_one(path)
    assert item.problems == []
    assert item.briefing.questions.items[0].title == "No"


def test_an_item_with_a_colon_is_read_as_a_field_and_said_so(tmp_path):
    path = write(tmp_path, "b.yaml", "\n".join([
        "title: T", "background: B", "concerns:", "  - One.", "  - Note: the meeting was missed",
        "information: [I.]", "resources: [R]", "questions: [Q?]", "what_to_do: [W.]", ""]))
    item = check_one(path)
    assert [p.format() for p in item.problems] == [
        f"{path}:5:9: error: Concerns: item 2: ': ' after 'Note' makes YAML read 'Note' as a "
        "field name, so this item is not text (put the whole text in quotes) [colon-in-text]"]
    assert item.problems[0].fix == '  - "Note: the meeting was missed"'


def test_a_field_name_an_author_mistyped_is_not_said_to_be_text(tmp_path):
    path = write(tmp_path, "b.yaml", minimal(resources=[{"titel": "R", "url": "https://a.org"}]))
    codes = [p.code for p in check_one(path).problems]
    assert "colon-in-text" not in codes and "unknown-field" in codes
