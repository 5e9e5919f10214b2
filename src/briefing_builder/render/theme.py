"""Themes: a partnership's name, colours, fonts and logo, as a small validated config.

A theme is not a copy of the template: `styles/briefing.css` keeps the page's
geometry, and a theme only sets its CSS variables and names a logo. The
house style's text sizes live beside the CSS in `styles/theme.toml`; each
theme lives in `styles/themes/<name>/theme.toml`, with its logo file beside it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ..inputs import read_text

DEFAULT_THEME = "default"
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
# Font family names go into CSS: letters, digits, spaces and hyphens only.
FontName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{0,60}$")]


class TextSizes(BaseModel):
    """How large panel text is, and how far it may shrink to fit."""

    model_config = ConfigDict(extra="forbid")

    size: float = Field(12.0, ge=6, le=24, description="Largest body text size, pt.")
    minimum: float = Field(7.5, ge=6, le=24, description="Smallest body text size, pt.")
    step: float = Field(0.5, ge=0.25, le=2, description="Step between tried sizes, pt "
                        "(at least 0.25: no more than 73 sizes are ever tried).")

    @model_validator(mode="after")
    def _ordered(self) -> TextSizes:
        if self.minimum > self.size:
            raise ValueError("text.minimum is larger than text.size")
        return self

    def candidates(self) -> list[float]:
        """Sizes to try, largest first."""
        sizes, size = [], self.size
        while size >= self.minimum - 1e-9:
            sizes.append(round(size, 2))
            size -= self.step
        return sizes


class Colours(BaseModel):
    """The four colours of the page. Each text colour must read well on its background."""

    model_config = ConfigDict(extra="forbid")

    ink: Colour = Field("#1b1b1b", description="Body text.")
    accent: Colour = Field("#0b4f6c", description="Panel numbers, rules, the dial's ring.")
    accent_soft: Colour = Field("#e6eff3", description="The dial's and bands' background.")
    muted: Colour = Field("#3d3d3d", description="Printed links and page numbers.")


class Logo(BaseModel):
    """The partnership's logo, printed in the centre, and its alternative text."""

    model_config = ConfigDict(extra="forbid")

    file: str = Field(pattern=r"^[A-Za-z0-9_-]+\.(svg|png)$",
                      description="An SVG or PNG file beside theme.toml.")
    alt: str = Field(min_length=3, max_length=200,
                     description="What the logo says, for screen readers.")


class Theme(BaseModel):
    """A house style: its name and text sizes, and a partnership's colours, fonts and logo."""

    model_config = ConfigDict(extra="forbid")

    name: str = "Default"
    label: str = Field("7-minute briefing", min_length=1, max_length=60,
                       description="What the document is called on the page, unless a "
                       "briefing has its own `label`.")
    text: TextSizes = TextSizes()
    colours: Colours = Colours()
    fonts: list[FontName] = Field(["Liberation Sans", "DejaVu Sans"], min_length=1,
                                  description="Font families, first choice first.")
    logo: Logo | None = None

    def css(self) -> str:
        """The theme as CSS variables, to follow the house stylesheet."""
        fonts = ", ".join(f'"{font}"' for font in self.fonts) + ", sans-serif"
        c = self.colours
        return (f":root {{ --ink: {c.ink}; --accent: {c.accent}; "
                f"--accent-soft: {c.accent_soft}; --muted: {c.muted}; --font: {fonts}; }}")


# A theme is a few lines of TOML.
MAX_THEME_BYTES = 100_000


def _read(path: Path, base: dict | None = None) -> Theme:
    try:
        data = tomllib.loads(read_text(path, MAX_THEME_BYTES))
        return Theme.model_validate({**(base or {}), **data})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ValueError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None


def theme_names(styles: Path) -> list[str]:
    """The themes of a house style folder, the default first."""
    folder = styles / "themes"
    found = sorted(p.name for p in folder.iterdir() if (p / "theme.toml").exists()) \
        if folder.is_dir() else []
    return [DEFAULT_THEME] + [name for name in found if name != DEFAULT_THEME]


def load_theme(styles: Path, name: str = DEFAULT_THEME) -> Theme:
    """Read a theme of the house style in `styles`; its text sizes come from theme.toml.

    Raises ValueError naming the file when a theme is not valid or does not exist.
    """
    # exists(), not is_file(): a theme.toml that is a pipe or a folder is said to be one
    base = _read(styles / "theme.toml") if (styles / "theme.toml").exists() else Theme()
    if name == DEFAULT_THEME and not (styles / "themes" / name / "theme.toml").exists():
        return base
    path = styles / "themes" / name / "theme.toml"
    if not path.exists():
        raise ValueError(f"there is no theme '{name}': the themes are "
                         f"{', '.join(theme_names(styles))}")
    theme = _read(path, {"text": base.text.model_dump(), "label": base.label})
    if theme.logo and not (path.parent / theme.logo.file).is_file():
        raise ValueError(f"{path}: the logo {theme.logo.file} is not beside it")
    return theme


def logo_url(styles: Path, name: str, theme: Theme) -> str | None:
    """The URL the page uses for a theme's logo (served from the house style folder)."""
    if theme.logo is None:
        return None
    return f"themes/{name}/{theme.logo.file}"
