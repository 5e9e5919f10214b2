"""Build settings: one set of defaults for the API, the CLI and `[tool.briefing-builder]`."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .inputs import read_text

# An installed wheel carries the house style inside the package; a source checkout
# (an editable install) keeps it at the top of the repository.
PACKAGE_STYLES = [Path(str(resources.files("briefing_builder"))) / "styles",
                  Path(__file__).resolve().parents[2] / "styles"]


class PhraseRule(BaseModel):
    """A discouraged phrase: a regular expression, why, and what to write instead."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    message: str
    suggestion: str | None = None
    code: str = "discouraged-phrase"
    example: str | None = None


class HouseRules(BaseModel):
    """A partnership's own plain-language rules, added to the shipped ones."""

    model_config = ConfigDict(extra="forbid")

    acronyms: dict[str, str] = Field(default_factory=dict,
                                     description="Acronym -> what to write instead.")
    phrases: list[PhraseRule] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "off"]] = Field(
        default_factory=dict, description="Finding code -> error, warning or off.")
    known: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,6}$")]] = Field(
        default_factory=list, description="Acronyms every reader here knows: never flagged.")
    file: Path | None = Field(None, description="A TOML file of [[acronym]] and [[phrase]].")


class Settings(BaseModel):
    """Where briefings come from and go, and which house style they are built with."""

    model_config = ConfigDict(extra="forbid")

    briefings: Path = Field(Path("briefings"), description="Folder of briefing sources.")
    output: Path = Field(Path("build"), description="Folder the PDFs are written to.")
    issues: Path | None = Field(None, description="Folder the bulletin bundles are written to "
                                "(default: issues/ in the output folder).")
    preview: Path | None = Field(None, description="Folder of page pictures "
                                 "(default: preview/ in the output folder).")
    jobs: int | None = Field(None, ge=1, description="Briefings laid out at once, in worker "
                             "processes (default: one per core).")
    styles: Path | None = Field(None, description="Folder of the house style (CSS, fonts, logos).")
    theme: str | None = Field(None, description="The theme in styles/themes/ (default: none).")
    paper: Literal["a4", "a3"] = Field("a4", description="A4 landscape, or A3 for wall posters.")
    bleed: float = Field(0.0, ge=0, le=10, description="Bleed in mm, for a print shop.")
    marks: bool = Field(False, description="Print crop marks, for a print shop.")
    pdf_a: bool = Field(False, description="Archival PDF/A-3 with the YAML source inside.")
    html: bool = Field(False, description="Also write each briefing as one HTML page.")
    text: bool = Field(False, description="Also write each briefing as plain text (NAME.txt).")
    large_print: bool = Field(False, description="Also write a large-print edition "
                              "(NAME-large-print.pdf: A4 portrait, 16 pt).")
    discussion: bool = Field(True, description="Also write NAME-discussion.pdf (a fillable "
                             "form) and NAME-discussion.docx: the team's discussion and action "
                             "sheet for each briefing.")
    discussion_return: str | None = Field(
        None, min_length=3, max_length=200,
        description="Where teams send completed discussion sheets, printed on every sheet: "
        "an email address, a web address or a few words (a briefing's discussion.send_to "
        "wins).", examples=["learning@example.gov.uk"])
    published_url: str | None = Field(
        None, pattern=r"^https?://[^\s]+$", max_length=300,
        description="Where the briefings are published; each discussion sheet links to it "
        "(as a QR code and a short link), with {name} standing for the briefing's file "
        "name. Without it, a sheet links to its briefing's full report.",
        examples=["https://example.gov.uk/briefings/{name}.pdf"])
    rules: HouseRules = Field(default_factory=HouseRules)
    email_limit_mb: float = Field(10, gt=0, description="Warn when a bundle is larger, in MB.")
    attachment_max_mb: float = Field(50, gt=0, le=2000, description="Refuse a bundled PDF "
                                     "from elsewhere larger than this, in MB.")
    attachment_max_pages: int = Field(500, ge=1, le=100_000, description="Refuse a bundled "
                                      "PDF with more pages than this.")
    attachment_max_stream_mb: float = Field(100, gt=0, le=4000, description="Refuse a bundled "
                                            "PDF with a stream that decodes to more than "
                                            "this, in MB.")
    attachment_max_decoded_mb: float = Field(500, gt=0, le=20000, description="Refuse a "
                                             "bundled PDF whose streams together decode to "
                                             "more than this, in MB.")
    contacts: list[str] = Field(
        default_factory=list, max_length=100,
        description="The partnership's own addresses, phone numbers and mailboxes: printed "
        "in briefings on purpose, so never flagged as identifying details.")

    def print_options(self) -> str:
        """The options that change a PDF's bytes, as text for the build hash."""
        return (f"paper={self.paper} bleed={self.bleed:g} marks={self.marks} "
                f"pdf_a={self.pdf_a} html={self.html} theme={self.theme} text={self.text} "
                f"large_print={self.large_print} discussion={self.discussion} "
                f"return={self.discussion_return} published={self.published_url}")

    def issues_dir(self) -> Path:
        """The folder bulletin bundles are written to."""
        return self.issues or self.output / "issues"

    def preview_dir(self) -> Path:
        """The folder page pictures are written to."""
        return self.preview or self.output / "preview"

    def workers(self) -> int:
        """How many briefings are laid out at once."""
        if self.jobs is not None:
            return self.jobs
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
            os.cpu_count() or 1

    def styles_dir(self) -> Path:
        """Return the house style folder: the project's own, else the one shipped inside."""
        for folder in ([self.styles] if self.styles else []) + PACKAGE_STYLES:
            if (folder / "briefing.css").is_file():
                return folder.resolve()
        raise FileNotFoundError("no house style found: styles/briefing.css is missing")


def find_project(start: Path) -> Path | None:
    """Return the nearest folder at or above `start` holding a pyproject.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return None


def load_settings(start: Path | None = None, **overrides: object) -> Settings:
    """Read `[tool.briefing-builder]` from the project around `start` (default: here), then
    apply `overrides`; an override that is None was not given and changes nothing.

    Relative paths in the table are taken from the project folder. Raises ValueError
    when the table or an override is not valid.
    """
    given = {name: value for name, value in overrides.items() if value is not None}
    project = find_project(start or Path.cwd())
    if project is None:
        return Settings.model_validate(given)
    try:
        table = tomllib.loads(read_text(project / "pyproject.toml", 1_000_000))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"pyproject.toml cannot be read: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    options = table.get("tool", {}).get("briefing-builder", {})
    settings = Settings.model_validate(options)
    rules = settings.rules
    if rules.file is not None:
        rules = rules.model_copy(update={"file": project / rules.file})
    located = {name: project / value for name, value in settings if isinstance(value, Path)}
    return Settings.model_validate({**settings.model_dump(), "rules": rules, **located, **given})
