"""The briefing source, schema v1: field names here are a contract with authors' files."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .kinds import Kind

LINK_SCHEMES = ("https", "http", "mailto")

MAX_LIST_ITEMS = 40
MAX_ITEM_CHARS = 2_000
MAX_TEXT_CHARS = 6_000
# A link in ASCII this long or shorter always fits a QR code: the largest holds 2,331
# characters with the page's error correction in byte mode, the least compact mode segno
# uses for ASCII (tests/source/test_validate.py makes one of this length).
QR_ALWAYS_FITS = 2_000


# A theme's name goes into paths and CSS: lower-case letters, digits and hyphens.
ThemeName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,40}$")]


# The seven panels of the clock face, in reading order: the briefing field each holds
# and its heading. These are the only place the headings are written.
PANEL_HEADINGS = {
    1: ("background", "Background"),
    2: ("concerns", "What were the concerns?"),
    3: ("concerns", "The concerns continued"),
    4: ("information", "Information"),
    5: ("resources", "Resources"),
    6: ("questions", "Questions"),
    7: ("what_to_do", "What to do"),
}


def link_problem(url: str) -> str | None:
    """Return why `url` is not an acceptable link ("must start with …"), or None."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in LINK_SCHEMES:
        return "must start with https://, http:// or mailto"
    if parts.scheme.lower() == "mailto":
        return None if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", parts.path) else \
            "needs an email address after mailto"
    if not parts.hostname or "." not in parts.hostname or " " in url.strip():
        return "is not a complete web address"
    return None


def _check_url(url: str) -> str:
    problem = link_problem(url)
    if problem:
        raise PydanticCustomError("bad_link", problem)
    return url.strip()


def _fits_a_qr_code(url: str) -> str:
    """The full report's link is printed as a QR code, which holds at most about 2,300
    characters (with the error correction the page uses)."""
    if url.isascii() and len(url) <= QR_ALWAYS_FITS:
        return url  # it fits: known without importing segno (10 ms at every check)
    import segno

    try:  # the size is chosen before the mask: any one mask tells, without trying all eight
        segno.make(url, error="m", micro=False, mask=0)
    except segno.DataOverflowError:
        raise PydanticCustomError(
            "qr_too_long", "the link is {length} characters, too long to print as a QR "
            "code (at most about 2,300); link to a shorter address for the report",
            {"length": f"{len(url):,}"}) from None
    return url


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise PydanticCustomError("date_format", "write the date as YYYY-MM-DD, e.g. 2021-07-01")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PydanticCustomError("impossible_date", "{value} is not a real date",
                                  {"value": value.strip()}) from None


def _title_only(value: Any) -> Any:
    return {"title": value} if isinstance(value, str) else value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                        max_length=MAX_ITEM_CHARS)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=MAX_TEXT_CHARS)]
Url = Annotated[str, AfterValidator(_check_url)]
Points = Annotated[list[Text], Field(min_length=1, max_length=MAX_LIST_ITEMS)]
IsoDate = Annotated[date, BeforeValidator(_iso_date, json_schema_input_type=date)]
IssueMonth = Annotated[str, StringConstraints(strip_whitespace=True,
                                              pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
# A language tag as screen readers need it: en-GB, cy-GB, pl.
Language = Annotated[str, StringConstraints(strip_whitespace=True,
                                            pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]


class Status(str, Enum):
    """Where a briefing is on its way to publication."""

    DRAFT = "draft"
    APPROVED = "approved"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """The full published report the briefing summarises."""

    title: Text = Field(description="The report's title.",
                        examples=["Serious Case Review – Emily"])
    url: Annotated[Url, AfterValidator(_fits_a_qr_code)] | None = Field(
        None, description="Where to read it: printed as a QR code.",
                            examples=["https://bradfordscp.org.uk/reviews"])


class Resource(_Strict):
    """A further reading item in panel 5; a plain string is taken as its title."""

    title: Text = Field(description="What to read.", examples=["Child Protection Conferences"])
    url: Url | None = Field(None, description="Where it is: its short form is printed too.",
                            examples=["https://www.proceduresonline.com/westyorkscb/"])


def _shorthand(value: Any) -> Any:
    """A panel written as a list is its bullets; written as text, its paragraphs."""
    if isinstance(value, list):
        return {"items": value}
    if isinstance(value, str):
        return {"text": value}
    return value


Point = Annotated[Resource, BeforeValidator(_title_only, json_schema_input_type=Resource | str)]


class PanelText(_Strict):
    """A panel as the author writes it: a heading of their own (optional in the named
    fields), then text (paragraphs; lines starting "- " are bullets), bullets, or both."""

    heading: Text | None = Field(None, description="The panel's heading, as it is printed.",
                                 examples=["The incident"])
    text: LongText | None = Field(None, description="Paragraphs, a blank line between them; "
                                  "lines starting with '- ' are bullets.")
    items: list[Point] | None = Field(None, max_length=MAX_LIST_ITEMS,
                                      description="Bullets: each text, or {title, url}.")


class ConcernsText(PanelText):
    """The concerns, which flow from panel 2 into panel 3."""

    continued_heading: Text | None = Field(
        None, description="Panel 3's heading (default: the concerns' heading, continued).")


class OwnPanel(PanelText):
    """One of seven panels of the author's own: a heading, and text, bullets, or both."""

    heading: Text = Field(description="The panel's heading, as it is printed.",
                          examples=["The incident"])


PanelField = Annotated[PanelText | None, BeforeValidator(
    _shorthand, json_schema_input_type=PanelText | list[Point] | str | None)]
ConcernsField = Annotated[ConcernsText | None, BeforeValidator(
    _shorthand, json_schema_input_type=ConcernsText | list[Text] | str | None)]
OwnPanels = Annotated[list[OwnPanel], Field(min_length=7, max_length=7)]
# The named fields, in the order of the panels they fill.
NAMED_FIELDS = ("background", "concerns", "information", "resources", "questions",
                "what_to_do")


class Discussion(_Strict):
    """The team's discussion sheet: the questions it asks and where it goes back to."""

    questions: Points | None = Field(
        None, description="The questions for the team to answer, each one box on the sheet "
        "(default: panel 6's points).", examples=[["What would we do differently now?"]])
    send_to: Text | None = Field(
        None, max_length=200, description="Where teams send the completed sheet (default: "
        "the project's discussion_return).", examples=["learning@example.gov.uk"])


class Allowance(_Strict):
    """A finding accepted for this briefing, with the reason it is right here."""

    code: Text = Field(description="The finding's code, e.g. discouraged-phrase.")
    text: Text = Field(description="The words the finding is about.")
    reason: Text = Field(description="Why these words are right in this briefing.")


class Briefing(_Strict):
    """One 7-minute briefing: the centre title and the seven panels.

    The panels are written either as the named fields (background, concerns, …), each a
    list of points, text (paragraphs, with lines starting "- " as bullets) or a panel of
    its own ({heading, text, items}), or as `panels:`, seven panels of the author's own.
    """

    title: Text = Field(description="The centre title: a few words, about 60 characters.",
                        examples=["Learning from Practice Review – “EMILY”"])
    label: Text | None = Field(None, description="What the document is called on the page "
                               "(default: the house style's, '7-minute briefing').",
                               examples=["Learning briefing"])
    kind: Kind = Field(Kind.PRACTICE_REVIEW, description="What kind of review or topic.")
    status: Status | None = Field(
        None, description="draft (built only when named, marked DRAFT on every page) or "
        "approved (signed off: then approved_by: and approved_on: say by whom and when).")
    approved_by: Text | None = Field(None, description="Who signed the briefing off for "
                                     "publication.", examples=["Head of Learning and Practice"])
    approved_on: IsoDate | None = Field(None, description="When it was signed off, YYYY-MM-DD.",
                                        examples=["2021-06-30"])
    partnership: Text | None = Field(None, description="Who publishes the briefing.",
                                     examples=["Bradford Safeguarding Children Partnership"])
    subject: Text | None = Field(None, description="The review's pseudonym, or the topic.",
                                 examples=["EMILY"])
    pseudonyms: list[Text] = Field(
        default_factory=list, max_length=MAX_LIST_ITEMS,
        description="Every name the briefing uses for a person, each a pseudonym the review "
        "gave (the subject counts too); any other personal name is an error.",
        examples=[["Darryll", "Georgina"]])
    published: IsoDate | None = Field(None, description="The publication date, YYYY-MM-DD.",
                                      examples=["2021-07-01"])
    issue: IssueMonth | None = Field(None, description="The bulletin edition, YYYY-MM.",
                                     examples=["2021-07"])
    lang: Language = Field("en-GB", description="The language of the text, e.g. en-GB or cy-GB.")
    theme: ThemeName | None = Field(None, description="A theme of the house style, e.g. "
                                    "example-partnership (default: the project's).")
    source: Source | None = Field(None, description="The full report, with its link.")
    background: PanelField = Field(
        None, description="Panel 1: who the child or adult was and what happened, in one or "
        "two short paragraphs (about 100 words), or bullets.",
        examples=["Emily was the sixth child in her family. She was one month old when …"])
    concerns: ConcernsField = Field(
        None, description="Panels 2 and 3: what were the concerns? 4 to 8 points; the list "
        "flows from panel 2 into panel 3.", examples=[["The family frequently moved home."]])
    information: PanelField = Field(None, description="Panel 4: what practitioners need to "
                                    "know, 3 to 6 points.",
                                    examples=[["Plans should be realistic."]])
    resources: PanelField = Field(None, description="Panel 5: further reading, 3 to 6 items, "
                                  "each a title or {title, url}.")
    questions: PanelField = Field(None, description="Panel 6: questions for the team to "
                                  "discuss, 4 to 7.",
                                  examples=[["What is the day-to-day life of the child like?"]])
    what_to_do: PanelField = Field(None, description="Panel 7: what to do differently, 3 to 6 "
                                   "points.",
                                   examples=[["Ensure the right professionals are involved."]])
    panels: OwnPanels | None = Field(
        None, description="Instead of the named fields: the seven panels in reading order, "
        "each with a heading of the author's own and its text, bullets, or both.")
    recommendations: Points | None = Field(
        None, description="Page 2: the review's recommendations, numbered.")
    translation_of: Annotated[str, StringConstraints(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.ya?ml$")] | None = Field(
        None, description="This briefing is a translation of the briefing in this file, "
        "beside it (e.g. emily.yaml).", examples=["emily.yaml"])
    original_digest: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")] | None = \
        Field(None, description="The original's digest when it was translated, as `check` "
              "gives it: a change to the original is then noticed.")
    discussion: Discussion | None = Field(
        None, description="The team's discussion and action sheet: its own questions and "
        "where it is sent back.")
    allow: list[Allowance] = Field(
        default_factory=list, max_length=MAX_LIST_ITEMS,
        description="Findings accepted for this briefing, each with a reason.")

    @model_validator(mode="after")
    def _signed_off_in_full(self) -> Briefing:
        signed = [name for name in ("approved_by", "approved_on") if getattr(self, name)]
        if self.status is Status.APPROVED and len(signed) < 2:
            missing = [f"{name}:" for name in ("approved_by", "approved_on")
                       if name not in signed]
            raise PydanticCustomError(
                "sign_off", "an approved briefing says who approved it and when: {missing} "
                "{verb} missing", {"missing": " and ".join(missing),
                                   "verb": "is" if len(missing) == 1 else "are"})
        if self.status is not Status.APPROVED and signed:
            raise PydanticCustomError(
                "sign_off", "{signed} records a sign-off, but the briefing is not "
                "'status: approved'", {"signed": " and ".join(f"{name}:" for name in signed)})
        return self

    @model_validator(mode="after")
    def _one_way_of_writing_panels(self) -> Briefing:
        named = [name for name in NAMED_FIELDS if getattr(self, name) is not None]
        if self.panels is not None and named:
            raise PydanticCustomError(
                "panels_twice", "the panels are written twice: as panels: and as {named}; "
                "keep one way", {"named": ", ".join(f"{name}:" for name in named)})
        return self
