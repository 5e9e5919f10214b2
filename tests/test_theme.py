"""The house style: readable colours (WCAG 2.2 AA) and sensible text sizes."""

import re

import pytest

from briefing_builder.settings import Settings
from briefing_builder.theme import TextSizes, load_theme

# Which text colour is printed on which background, as the stylesheet uses them.
PAIRS = [("--ink", "#ffffff"), ("#ffffff", "--accent"), ("--accent", "#ffffff"),
         ("--ink", "--accent-soft"), ("--accent", "--accent-soft"), ("--muted", "#ffffff")]


def colours() -> dict[str, str]:
    css = (Settings().styles_dir() / "briefing.css").read_text("utf-8")
    root = re.search(r":root\s*{(.*?)}", css, re.S)[1]
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", root))


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


@pytest.mark.parametrize("text,background", PAIRS)
def test_every_text_colour_meets_aa_on_its_background(text, background):
    named = colours()
    ratio = contrast(named.get(text, text), named.get(background, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_theme_text_sizes():
    theme = load_theme(Settings().styles_dir())
    assert theme.text.candidates() == [9.0, 8.5, 8.0, 7.5]
    with pytest.raises(ValueError):
        TextSizes(size=7, minimum=8)


def test_a_broken_theme_file_is_named(tmp_path):
    (tmp_path / "theme.toml").write_text("[text]\nsize = 'big'\n")
    with pytest.raises(ValueError, match="theme.toml"):
        load_theme(tmp_path)
