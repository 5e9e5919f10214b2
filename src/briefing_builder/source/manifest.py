"""A bulletin issue's manifest: which attachments, in which order."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .model import IsoDate, IssueMonth, Language, Text, _Strict

MAX_ATTACHMENTS = 50


class Attachment(_Strict):
    """One attachment: a briefing source to build, or an existing PDF with its title."""

    briefing: Text | None = Field(None, description="A briefing source, relative to the manifest.")
    pdf: Text | None = Field(None, description="An existing PDF, relative to the manifest.")
    title: Text | None = Field(None, description="The title shown in the contents (PDFs).")

    @model_validator(mode="after")
    def _one_source(self) -> Attachment:
        if (self.briefing is None) == (self.pdf is None):
            raise ValueError("give either 'briefing:' or 'pdf:', not both or neither")
        if self.pdf is not None and self.title is None:
            raise ValueError("a PDF attachment needs a 'title:'")
        return self


class Manifest(_Strict):
    """A bulletin issue: its title, edition, date and attachments in order."""

    title: Text
    welsh_title: Text | None = Field(None, description="The issue's title in Welsh, for its "
                                     "Welsh and bilingual bundles.")
    issue: IssueMonth
    published: IsoDate
    lang: Language = Field("en-GB", description="The language of the issue, for screen readers "
                           "(each attachment keeps its own).")
    require_tagged: bool = Field(False, description="Refuse a PDF attachment without tags "
                                 "(not accessible to screen readers) instead of warning.")
    attachments: Annotated[list[Attachment], Field(min_length=1, max_length=MAX_ATTACHMENTS)]
    discussion_sheets: bool = Field(False, description="After each briefing, its team "
                                    "discussion and action sheet (a fillable form).")
