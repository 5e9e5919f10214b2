"""The house style: readable colours (WCAG 2.2 AA) and sensible text sizes."""

import re

import pytest

from briefing_builder.render.theme import TextSizes, load_theme, theme_names
from briefing_builder.settings import Settings

# Which text colour is printed on which background, as the stylesheet uses them.
PAIRS = [("--ink", "#ffffff"), ("#ffffff", "--accent"), ("--accent", "#ffffff"),
         ("--ink", "--accent-soft"), ("--accent", "--accent-soft"), ("--muted", "#ffffff")]
STYLES = Settings().styles_dir()
THEMES = theme_names(STYLES)


def colours(theme: str) -> dict[str, str]:
    """The colours a theme gives the page: its CSS variables as the page sees them."""
    css = (STYLES / "briefing.css").read_text("utf-8") + load_theme(STYLES, theme).css()
    found = {}
    for root in re.findall(r":root\s*{(.*?)}", css, re.DOTALL):  # later rules win
        found.update(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", root))
    return found


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_there_is_a_partnership_theme_besides_the_default():
    assert THEMES[0] == "default" and "example-partnership" in THEMES


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("text,background", PAIRS)
def test_every_text_colour_meets_aa_on_its_background_in_every_theme(theme, text, background):
    named = colours(theme)
    ratio = contrast(named.get(text, text), named.get(background, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_theme_text_sizes():
    theme = load_theme(Settings().styles_dir())
    assert theme.text.candidates() == [12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5]
    with pytest.raises(ValueError):
        TextSizes(size=7, minimum=8)


def test_a_broken_theme_file_is_named(tmp_path):
    (tmp_path / "theme.toml").write_text("[text]\nsize = 'big'\n")
    with pytest.raises(ValueError, match="theme.toml"):
        load_theme(tmp_path)


def test_a_theme_gives_the_page_its_colours_font_and_logo_with_alt_text(tmp_path):
    from helpers import minimal, picture, structure, write
    from pypdf import PdfReader

    from briefing_builder import build

    path = write(tmp_path, "a.yaml", minimal(theme="example-partnership"))
    [result] = build([path], tmp_path / "out", settings=Settings())
    assert result.status == "built", [p.format() for p in result.problems]
    reader = PdfReader(result.output)
    fonts = {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"]
             .values()}
    assert any("DejaVu-Sans" in font for font in fonts), fonts
    figures = [e for e in structure(reader) if e.tag == "Figure"]
    assert [f.alt for f in figures if f.alt and "Partnership" in f.alt] == [
        "Example Safeguarding Partnership"]
    image = picture(result.output, dpi=40, mode="RGB")
    purple = load_theme(STYLES, "example-partnership").colours.accent
    rgb = tuple(int(purple[i:i + 2], 16) for i in (1, 3, 5))
    assert any(abs(r - rgb[0]) + abs(g - rgb[1]) + abs(b - rgb[2]) < 30 and n > 200
               for n, (r, g, b) in image.convert("RGB").getcolors(1_000_000))
    # The default theme's accent is not on the page.
    assert not any(abs(r - 0x0b) + abs(g - 0x4f) + abs(b - 0x6c) < 20 and n > 200
                   for n, (r, g, b) in image.convert("RGB").getcolors(1_000_000))


def test_an_unknown_theme_is_named_where_it_is_asked_for(tmp_path):
    from helpers import minimal, write

    from briefing_builder import build

    path = write(tmp_path, "a.yaml", minimal(theme="purple"))
    [result] = build([path], tmp_path / "out", settings=Settings())
    [problem] = result.problems
    assert problem.code == "unknown-theme" and problem.position.line == 19  # theme: purple
    assert "the themes are default, example-partnership" in problem.message


def test_a_theme_with_a_bad_colour_or_font_is_refused(tmp_path):
    import shutil
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    toml = styles / "themes" / "example-partnership" / "theme.toml"
    toml.write_text(toml.read_text().replace('"#4b2a7b"', '"purple"'))
    with pytest.raises(ValueError, match="theme.toml"):
        load_theme(styles, "example-partnership")
    toml.write_text(toml.read_text().replace('"purple"', '"#4b2a7b"').replace(
        '"DejaVu Sans"', '"x; } body { display: none"'))
    with pytest.raises(ValueError, match="fonts"):
        load_theme(styles, "example-partnership")


@pytest.mark.parametrize("step", [0.1, 0.2, 0.001])
def test_a_fitting_step_below_a_quarter_point_is_refused(step):
    """A step of 0.001 pt would have the fitting try thousands of sizes."""
    with pytest.raises(ValueError, match="step"):
        TextSizes(step=step)
    assert len(TextSizes(step=0.25, size=24, minimum=6).candidates()) == 73
