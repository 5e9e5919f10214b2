"""Briefings as partnerships write them: headings of their own, parts left out, one long
concern, a bulleted background, their own label. Each is built and read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import font_sizes, heading_places, normalise, panel_text, structure, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.settings import Settings

REAL = Path(__file__).parent / "real"
NAMES = sorted(path.stem for path in REAL.glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[object, PdfReader]]:
    out = tmp_path_factory.mktemp("real")
    results = build(sorted(REAL.glob("*.yaml")), out, settings=Settings())
    assert [r.status for r in results] == ["built"] * len(NAMES), \
        [p.format() for r in results for p in r.problems]
    return {r.path.stem: (r, PdfReader(r.output)) for r in results}


def source(name: str) -> dict:
    return yaml.safe_load((REAL / f"{name}.yaml").read_text("utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_every_panel_has_its_heading_in_its_place_and_text_under_it(built, name):
    result, reader = built[name]
    text = panel_text(reader.pages[0])
    data = source(name)
    for number in range(1, 8):
        assert text.get(number), (name, number)  # drawn, in reading order 1..7
    if "panels" in data:
        for number, panel in enumerate(data["panels"], start=1):
            heading = f"{number} {panel['heading'].upper()}"
            assert normalise(text[number]).startswith(heading), (name, number)
            assert len(normalise(text[number])) > len(heading) + 10  # never an empty panel
    for number, words in text.items():
        assert number is None or len(words.split()) > 5, (name, number)
    places = heading_places(reader.pages[0])
    left, right = [places[n] for n in (1, 7, 6)], [places[n] for n in (2, 3, 4)]
    assert all(x < 20 for x, _ in left) and all(x > 185 for x, _ in right)
    assert [y for _, y in left] == sorted(y for _, y in left)
    assert [y for _, y in right] == sorted(y for _, y in right)


@pytest.mark.parametrize("name", NAMES)
def test_one_text_size_for_the_page_and_larger_than_the_old_mould(built, name):
    result, reader = built[name]
    assert result.text_size >= 9.5  # the fixed mould printed these at 9 pt at most
    sizes = font_sizes(reader.pages[0])
    body = {size for text, size in sizes.items() if len(text) > 40 and not text.isupper()
            and "Review" not in text and "Partnership" not in text and "Board" not in text}
    assert body == {result.text_size}, name


def test_headings_of_the_authors_own_replace_the_usual_ones(built):
    _, reader = built["own-headings"]
    page = normalise(reader.pages[0].extract_text())
    for usual in ("BACKGROUND", "WHAT WERE THE CONCERNS?", "THE CONCERNS CONTINUED",
                  "QUESTIONS 6"):
        assert usual not in page
    [panels] = [item for item in reader.outline if isinstance(item, list)]
    assert [item.title for item in panels] == [
        f"{n} {panel['heading']}" for n, panel in enumerate(source("own-headings")["panels"], 1)]
    assert [e.text for e in structure(reader) if e.tag == "H2"][:2] == [
        "1 THE INCIDENT", "2 WHY IT MATTERS"]


def test_parts_left_out_print_nothing_missing_and_their_panels_carry_the_authors(built):
    _, reader = built["missing-parts"]
    page = normalise(reader.pages[0].extract_text())
    for absent in ("Published", "Full report", "Not in the original"):
        assert absent not in page
    text = panel_text(reader.pages[0])
    assert normalise(text[5]).startswith("5 GOOD PRACTICE")
    assert normalise(text[6]).startswith("6 KEY POINTS")
    assert "CreationDate" not in str(reader.metadata)  # no date was given


def test_one_long_concern_is_split_at_a_sentence_over_panels_two_and_three(built):
    _, reader = built["one-long-concern"]
    text = panel_text(reader.pages[0])
    [concern] = source("one-long-concern")["concerns"]
    second = normalise(text[2]).removeprefix("2 WHAT WERE THE CONCERNS?").strip()
    third = normalise(text[3]).removeprefix("3 THE CONCERNS CONTINUED").strip()
    assert second and third
    assert normalise(f"{second} {third}").replace("• ", "") == normalise(concern)
    assert second.endswith(".")  # the split is at a sentence


def test_a_bulleted_background_prints_as_bullets(built):
    _, reader = built["bulleted-background"]
    text = normalise(panel_text(reader.pages[0])[1])
    assert "- She had" not in text and "She had a long-term health condition" in text
    items = [e.text for e in structure(reader) if e.tag == "LBody"]
    assert "She had a long-term health condition that needed daily medicine." in items
    assert "Clare was a twelve year old girl who lived with her grandmother, Debbie." not in \
        items  # the lead paragraph stays a paragraph


def test_the_label_is_the_authors_on_the_page_in_the_metadata_and_the_bundle(built, tmp_path):
    _, reader = built["learning-briefing"]
    assert "LEARNING BRIEFING" in reader.pages[0].extract_text()
    assert "7-MINUTE BRIEFING" not in reader.pages[0].extract_text()
    assert reader.metadata["/Keywords"].startswith("Learning briefing,")
    assert reader.metadata["/Subject"].startswith("Learning briefing.")
    from briefing_builder.bulletin import bundle

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "b.yaml").write_bytes((REAL / "learning-briefing.yaml").read_bytes())
    write(tmp_path, "issue.yaml", "title: Bulletin\nissue: 2023-09\npublished: 2023-09-01\n"
                                  "attachments:\n  - briefing: b.yaml\n")
    result = bundle(tmp_path / "issue.yaml", Settings(output=tmp_path / "build"),
                    tmp_path / "out")
    assert result.problems == []
    contents = normalise(PdfReader(result.output).pages[0].extract_text())
    assert "Domestic abuse and older people Learning briefing page 1" in contents
