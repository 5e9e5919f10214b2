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
    [result] = build([path], tmp_path / "out", settings=Settings(discussion=False))
    assert [p.code for p in result.problems] == ["file-too-large"]
    assert "1,048,576" in result.problems[0].message


def test_a_long_field_under_the_file_limit_is_refused_by_name(tmp_path):
    path = write(tmp_path, "a.yaml", minimal(background="word " * 20_000))
    [result] = build([path], tmp_path / "out", settings=Settings(discussion=False))
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
    [result] = build([path], tmp_path / "out", settings=Settings(discussion=False))
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


NESTED = "**" * 250 + "deep" + "**" * 250
DIGITS = "9" * 4301
BAD_BRIEFINGS = {
    "nested": (lambda: minimal(background=NESTED), "build-failed", "nested too deeply"),
    "digits": (lambda: yaml.safe_dump(minimal()) + f"issue: {DIGITS}\n", "yaml-limit",
               "a number of 4,301 characters"),
    "qr": (lambda: minimal(source={"title": "The report",
                                   "url": "https://example.org/" + "a" * 3000}),
           "too-long", "too long to print as a QR code"),
}


@pytest.mark.parametrize("case", BAD_BRIEFINGS)
def test_one_bad_briefing_never_stops_the_batch(tmp_path, case):
    make, code, words = BAD_BRIEFINGS[case]
    folder = tmp_path / "briefings"
    folder.mkdir()
    write(folder, "a-good.yaml", minimal())
    bad = write(folder, "b-bad.yaml", make())
    write(folder, "c-good.yaml", minimal(subject="CASEY", pseudonyms=["Alex"]))
    results = build([folder], tmp_path / "out", settings=Settings(discussion=False))
    assert [r.status for r in results] == ["built", "failed", "built"]
    [problem] = [p for p in results[1].problems if p.is_error]
    assert problem.code == code and words in problem.message, problem.format()
    assert problem.format().startswith(f"{bad}:")
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["a-good.pdf",
                                                                        "c-good.pdf"]


def test_an_unexpected_error_is_the_briefings_own_in_plain_words(tmp_path, monkeypatch):
    import briefing_builder.fit.fit as fitting

    real = fitting.fit

    def fit(briefing, *args, **kwargs):
        if briefing.subject == "BOOM":
            raise RuntimeError("the layout engine fell over")
        return real(briefing, *args, **kwargs)

    monkeypatch.setattr(fitting, "fit", fit)
    folder = tmp_path / "briefings"
    folder.mkdir()
    write(folder, "a.yaml", minimal(subject="BOOM", pseudonyms=["Alex"]))
    write(folder, "b.yaml", minimal())
    results = build([folder], tmp_path / "out", settings=Settings(discussion=False))
    assert [r.status for r in results] == ["failed", "built"]
    [problem] = [p for p in results[0].problems if p.is_error]
    assert problem.code == "build-failed"
    assert "RuntimeError: the layout engine fell over" in problem.message
    from briefing_builder import check
    [checked, fine] = check([folder], Settings())
    assert [p.code for p in checked.problems if p.is_error] == ["build-failed"]
    assert not fine.failed


def test_workers_and_the_command_line_go_on_past_a_bad_briefing(tmp_path):
    import subprocess
    import sys

    from helpers import ROOT

    folder = tmp_path / "briefings"
    folder.mkdir()
    for name in "abcd":
        write(folder, f"{name}.yaml", minimal(subject=name.upper() * 3, pseudonyms=["Alex"]))
    write(folder, "e.yaml", minimal(background=NESTED))
    run = subprocess.run([sys.executable, "-m", "briefing_builder", "build", str(folder),
                          "-o", str(tmp_path / "out"), "--jobs", "2"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert f"{folder / 'e.yaml'}:1:1: error: the briefing could not be built" in run.stdout
    assert "[build-failed]" in run.stdout
    assert "4 built, 0 up to date, 1 failed" in run.stderr


def test_watch_goes_on_past_a_bad_briefing(tmp_path):
    from briefing_builder.watch import Rebuilder

    rebuild = Rebuilder(Settings(output=tmp_path / "out"), preview=False)
    bad = rebuild(write(tmp_path, "bad.yaml", minimal(background=NESTED)))
    good = rebuild(write(tmp_path, "good.yaml", minimal()))
    assert (bad.status, good.status) == ("failed", "built")
