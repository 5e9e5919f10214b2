"""The house style's settings beside its CSS: `styles/theme.toml`, validated."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class TextSizes(BaseModel):
    """How large panel text is, and how far it may shrink to fit."""

    model_config = ConfigDict(extra="forbid")

    size: float = Field(9.0, ge=6, le=14, description="Largest body text size, pt.")
    minimum: float = Field(7.5, ge=6, le=14, description="Smallest body text size, pt.")
    step: float = Field(0.5, gt=0, le=2, description="Step between tried sizes, pt.")

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


class Theme(BaseModel):
    """A house style: its name and text sizes (colours and fonts are CSS variables)."""

    model_config = ConfigDict(extra="forbid")

    name: str = "Default"
    text: TextSizes = TextSizes()


def load_theme(styles: Path) -> Theme:
    """Read `theme.toml` from the styles folder; defaults when there is none.

    Raises ValueError naming the file when it is not valid.
    """
    path = styles / "theme.toml"
    if not path.is_file():
        return Theme()
    try:
        return Theme.model_validate(tomllib.loads(path.read_text("utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ValueError(f"{path}: {exc}") from None
