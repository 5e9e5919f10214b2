"""Saving from the editor rewrites only the values that changed: comments, key order,
quoting and line breaks of everything else stay as the author wrote them."""

import copy
from pathlib import Path

import pytest
from helpers import ROOT

from briefing_builder.editor.yamltext import read_back, same, updated_text

REAL = sorted([*(ROOT / "briefings").glob("*.yaml"),
               *(ROOT / "tests" / "integration" / "real").glob("*.yaml")])


@pytest.mark.parametrize("kind", ["practice-review", "safeguarding-adult-review", "topic"])
def test_a_new_briefing_of_every_kind_reads_back_as_the_same_bytes(tmp_path, kind):
    from briefing_builder.source.model import Kind
    from briefing_builder.source.new import new_briefing

    text = new_briefing("alex", tmp_path, Kind(kind)).read_text("utf-8")
    assert updated_text(text, read_back(text)) == text


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_unchanged_values_give_the_same_bytes(path: Path):
    text = path.read_text("utf-8")
    if "${" in text:
        text = text.replace("${", "{")
    assert updated_text(text, read_back(text)) == text


def test_a_changed_value_keeps_its_style_and_every_other_line():
    text = (ROOT / "briefings" / "emily.yaml").read_text("utf-8")
    data = read_back(text)
    data["background"] = "Emily was a baby. 'Quoted' words: yes."
    data["concerns"][1] = "yes"
    data["questions"].insert(2, "A new question?")
    written = updated_text(text, data)
    assert same(read_back(written), data)
    assert written.startswith("# 7-minute briefing from the Practice and Learning Bulletin")
    assert "background: >\n  Emily was a baby. 'Quoted' words: yes.\n" in written
    assert '  - "yes"\n' in written  # plain yes would be read as true
    # Every line but the changed ones is as it was.
    old, new = set(text.splitlines()), set(written.splitlines())
    assert len(old - new) <= 10 and "  - A new question?" in new
    assert "  - What is the day to day life of the child like?" in new


def test_keys_are_added_in_the_model_order_and_removed_with_their_lines():
    text = "# mine\ntitle: T\n\n# the panel\nbackground: x\nissue: 2021-07\n"
    data = read_back(text)
    data["label"] = "Learning briefing"
    del data["issue"]
    data = {"title": "T", "label": "Learning briefing", "background": "x"}
    written = updated_text(text, data)
    assert written == "# mine\ntitle: T\nlabel: Learning briefing\n\n# the panel\nbackground: x\n"


def test_a_flow_list_stays_a_flow_list_and_text_becomes_a_literal_block():
    text = "title: T\npseudonyms: [Darryll]\nbackground: short\n"
    data = copy.deepcopy(read_back(text))
    data["pseudonyms"].append("Georgina")
    data["background"] = "One.\n\nTwo."
    written = updated_text(text, data)
    assert "pseudonyms: [Darryll, Georgina]\n" in written
    assert "background: |\n  One.\n\n  Two.\n" in written
    assert same(read_back(written), data)


def test_a_file_that_is_not_yaml_is_written_afresh():
    written = updated_text("title: [unclosed\n", {"title": "T", "questions": ["Why?"]})
    assert read_back(written) == {"title": "T", "questions": ["Why?"]}
