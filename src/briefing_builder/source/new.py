"""Start a briefing: a file with every field, guidance on what belongs in each panel, and
placeholder text (marked ✎) that `check` refuses until it is replaced."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from string import Template

from .model import Kind
from .schema import BRIEFING_SCHEMA

NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")
TEMPLATE = Path(__file__).with_name("new-briefing.yaml")


def new_briefing(name: str, folder: Path, schema_folder: Path, kind: Kind = Kind.PRACTICE_REVIEW,
                 today: date | None = None) -> Path:
    """Write `folder/<name>.yaml` to start a briefing from, and return its path.

    Raises ValueError when `name` is not a plain lower-case name, FileExistsError
    when the file is already there (it is never overwritten).
    """
    if not NAME.match(name):
        raise ValueError(f"'{name}' is not a briefing name: use lower-case letters, digits "
                         "and hyphens, e.g. emily or police-protection")
    path = folder / f"{name}.yaml"
    subject = name.upper().replace("-", " ")
    text = Template(TEMPLATE.read_text("utf-8")).substitute(
        schema=Path(os.path.relpath(schema_folder / BRIEFING_SCHEMA, folder)).as_posix(),
        review=kind.review, subject=subject,
        subject_title=subject.title(), kind=kind.value,
        today=(today or date.today()).isoformat())
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as stream:  # "x": never overwrite
        stream.write(text)
    return path
