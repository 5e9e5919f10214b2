"""The briefing source, schema v1: field names here are a contract with authors' files."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from .kinds import Kind

LINK_SCHEMES = ("https", "http", "mailto")

MAX_LIST_ITEMS = 40
MAX_ITEM_CHARS = 2_000
MAX_TEXT_CHARS = 6_000


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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """The full published report the briefing summarises."""

    title: Text = Field(description="The report's title.",
                        examples=["Serious Case Review – Emily"])
    url: Url | None = Field(None, description="Where to read it: printed as a QR code.",
                            examples=["https://bradfordscp.org.uk/reviews"])


class Resource(_Strict):
    """A further reading item in panel 5; a plain string is taken as its title."""

    title: Text = Field(description="What to read.", examples=["Child Protection Conferences"])
    url: Url | None = Field(None, description="Where it is: its short form is printed too.",
                            examples=["https://www.proceduresonline.com/westyorkscb/"])


class Allowance(_Strict):
    """A finding accepted for this briefing, with the reason it is right here."""

    code: Text = Field(description="The finding's code, e.g. discouraged-phrase.")
    text: Text = Field(description="The words the finding is about.")
    reason: Text = Field(description="Why these words are right in this briefing.")


class Briefing(_Strict):
    """One 7-minute briefing: the centre title and the seven panels."""

    title: Text = Field(description="The centre title: a few words, about 60 characters.",
                        examples=["Learning from Practice Review – “EMILY”"])
    kind: Kind = Field(Kind.PRACTICE_REVIEW, description="What kind of review or topic.")
    partnership: Text | None = Field(None, description="Who publishes the briefing.",
                                     examples=["Bradford Safeguarding Children Partnership"])
    subject: Text | None = Field(None, description="The review's pseudonym, or the topic.",
                                 examples=["EMILY"])
    pseudonyms: list[Text] = Field(
        default_factory=list, max_length=MAX_LIST_ITEMS,
        description="Every name the briefing uses for a person, each a pseudonym the review "
        "gave (the subject counts too); any other personal name is an error.",
        examples=[["Darryll", "Georgina"]])
    published: IsoDate = Field(description="The publication date, YYYY-MM-DD.",
                               examples=["2021-07-01"])
    issue: IssueMonth | None = Field(None, description="The bulletin edition, YYYY-MM.",
                                     examples=["2021-07"])
    lang: Language = Field("en-GB", description="The language of the text, e.g. en-GB or cy-GB.")
    theme: ThemeName | None = Field(None, description="A theme of the house style, e.g. "
                                    "example-partnership (default: the project's).")
    source: Source | None = Field(None, description="The full report, with its link.")
    background: LongText = Field(
        description="Panel 1: who the child or adult was and what happened, in one or two "
        "short paragraphs (about 100 words).",
        examples=["Emily was the sixth child in her family. She was one month old when …"])
    concerns: Points = Field(
        description="Panels 2 and 3: what were the concerns? 4 to 8 points; the list flows "
        "from panel 2 into panel 3.", examples=[["The family frequently moved home."]])
    information: Points = Field(description="Panel 4: what practitioners need to know, "
                                "3 to 6 points.",
                                examples=[["Plans should be realistic."]])
    resources: Annotated[
        list[Annotated[Resource, BeforeValidator(_title_only,
                                                 json_schema_input_type=Resource | str)]],
        Field(min_length=1, max_length=MAX_LIST_ITEMS,
              description="Panel 5: further reading, 3 to 6 items, each a title or "
              "{title, url}.")]
    questions: Points = Field(description="Panel 6: questions for the team to discuss, 4 to 7.",
                              examples=[["What is the day-to-day life of the child like?"]])
    what_to_do: Points = Field(description="Panel 7: what to do differently, 3 to 6 points.",
                               examples=[["Ensure the right professionals are involved."]])
    recommendations: Points | None = Field(
        None, description="Page 2: the review's recommendations, numbered.")
    allow: list[Allowance] = Field(
        default_factory=list, max_length=MAX_LIST_ITEMS,
        description="Findings accepted for this briefing, each with a reason.")

    @property
    def paragraphs(self) -> list[str]:
        """The background split into its paragraphs."""
        return [p.strip() for p in re.split(r"\n\s*\n", self.background) if p.strip()]
