"""Hostile text: nothing typed into a briefing reaches outside it or into the PDF as markup."""

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from helpers import active_parts, minimal, page_size_mm, write
from pypdf import PdfReader

from briefing_builder import build
from briefing_builder.settings import Settings

CASES = yaml.safe_load((Path(__file__).parent / "hostile.yaml").read_text("utf-8"))
# What the test's own secret file holds, to look for in every PDF: distinctive words that
# cannot turn up in compressed bytes by chance.
SECRETS = ["correct-horse-battery-staple-7f3a", "root:x:0:0:secret-of-the-test"]


@pytest.fixture
def secret():
    """A file no briefing may reach: its path, for SECRET in the cases (short, so that a
    printed path is not broken across lines)."""
    folder = Path(tempfile.mkdtemp(prefix="s"))
    path = folder / "key"
    path.write_text("\n".join(SECRETS) + "\n", encoding="utf-8")
    yield str(path)
    shutil.rmtree(folder)


def with_secret(value, secret: str):
    if isinstance(value, dict):
        return {key: with_secret(inner, secret) for key, inner in value.items()}
    return value.replace("SECRET", secret) if isinstance(value, str) else value


def briefing_with(case, secret: str) -> dict:
    field, text = case["field"], with_secret(case["text"], secret)
    if field in ("background", "title"):
        return minimal(**{field: text})
    if field == "resources":
        return minimal(resources=[text])
    return minimal(**{field: [text]})


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_hostile_text(tmp_path, case, secret):
    path = write(tmp_path, "a.yaml", briefing_with(case, secret))
    out = tmp_path / "out"
    [result] = build([path], out, settings=Settings(html=True))
    if "refused" in case:
        assert result.status == "failed"
        codes = [p.code for p in result.problems if p.is_error]
        assert case["refused"] in codes
        for problem in result.problems:
            assert problem.format().startswith(f"{path}:{problem.position.line}:")
            assert problem.position.line >= 1
        assert not list(out.glob("*")) or not list(out.glob("*.pdf"))
        return
    assert result.status == "built", [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    assert all(page_size_mm(page) == (297.0, 210.0) for page in reader.pages)
    assert active_parts(reader) == set()
    assert reader.attachments == {}
    for page in reader.pages:
        images = [x.get_object() for x in page["/Resources"].get("/XObject", {}).values()
                  if x.get_object().get("/Subtype") == "/Image"]
        # The only picture is the house style's own bullet.
        assert {(image["/Width"], image["/Height"]) for image in images} <= {(48, 48)}
    text = pdf_text(result.output)
    printed = "".join(with_secret(case["printed"], secret).split())  # lines may break anywhere
    assert printed in "".join(text.split()).replace("“", '"').replace("”", '"') \
        .replace("‘", "'").replace("’", "'")
    data = result.output.read_bytes()
    html = (out / "a.html").read_text("utf-8")
    for secret in SECRETS:
        assert secret not in text and secret.encode() not in data and secret not in html
    assert "<img" not in html and "<style>@page" not in html and "<link rel" not in html


def test_a_megabyte_in_one_field_is_refused_with_the_limit(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(background="word " * 210_000))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert [p.code for p in result.problems] == ["file-too-large"]
    assert "1,048,576" in result.problems[0].message


def test_a_long_field_under_the_file_limit_is_refused_by_name(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(background="word " * 20_000))
    [result] = build([path], tmp_path / "out", settings=Settings())
    [problem] = result.problems
    assert problem.code == "too-long" and "Background has 100,000 characters" in problem.format()
    assert problem.position.line == 5


def test_the_fetcher_refuses_everything_outside_the_house_style(tmp_path, caplog, secret):
    from briefing_builder.render.house import HouseStyle
    from briefing_builder.render.pdf import lay_out

    house = HouseStyle(Settings().styles_dir())
    page = (f'<p>x</p><img src="file://{secret}" alt="x">'
            '<img src="https://example.org/x.png" alt="x">'
            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">'
            '<img src="../pyproject.toml" alt="x">')
    rendering = lay_out(f"<html><body>{page}</body></html>", house)
    assert sorted(rendering.refused) == sorted([
        f"file://{secret}", "https://example.org/x.png", "data:image/png;base64,iVBORw0KGgo=",
        (Settings().styles_dir().parent / "pyproject.toml").as_uri()])
    for record in caplog.records:  # the layout engine says so too, as it should
        assert "refused to fetch" in record.getMessage()
        record.expected = True


def test_a_character_no_font_has_is_named_not_printed_as_a_box(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(questions=["Where is \U000F0041 from?"]))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "failed" and not (tmp_path / "out" / "a.pdf").exists()
    [problem] = [p for p in result.problems if p.code == "missing-character"]
    assert "(U+F0041)" in problem.message
    assert (problem.position.line, problem.position.column) == (16, 12)


def test_each_layout_lists_only_what_it_asked_for(secret, caplog):
    """The fetcher's list of refused addresses is each layout's own, not the batch's."""
    from briefing_builder.render.house import HouseStyle
    from briefing_builder.render.pdf import lay_out

    house = HouseStyle(Settings().styles_dir())
    asking = lay_out(f'<html><body><img src="file://{secret}" alt="x"></body></html>', house)
    plain = lay_out("<html><body><p>x</p></body></html>", house)
    assert (asking.refused, plain.refused) == ([f"file://{secret}"], [])
    assert house.fetcher.refused == []
    for record in caplog.records:
        record.expected = True
