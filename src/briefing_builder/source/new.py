"""Start a briefing: a file with every field its kind needs, guidance on what belongs in
each panel, and placeholder text (marked ✎) that `check` refuses until it is replaced. The
JSON Schema editors check it with is written beside it at the same time."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path
from string import Template

from .model import Kind
from .schema import BRIEFING_SCHEMA, schema_text

NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")
TEMPLATE = Path(__file__).with_name("new-briefing.yaml")

# Whom a review learns about, and what its first panel and first question ask of them.
PEOPLE = {
    Kind.PRACTICE_REVIEW: ("child", "Who the child was, who they lived with, and what "
                           "happened, in plain words.",
                           "What is the day-to-day life of the child like?"),
    Kind.SAFEGUARDING_ADULT_REVIEW: ("adult", "Who the adult was, how they lived, what "
                                     "support they had, and what happened, in plain words.",
                                     "What matters to the adult, in their own words?"),
    Kind.DOMESTIC_HOMICIDE_REVIEW: ("person who died", "Who the person who died was, "
                                    "their relationships and family, and what happened, in "
                                    "plain words.",
                                    "Who could the person have told, and what would they "
                                    "have needed to hear?"),
}

REVIEW_SUBJECT = """\
# The pseudonym the review uses. Any other name for a person is flagged.
subject: ${subject}
# pseudonyms: [Name, Name]      # any other pseudonyms the review gives people"""
REVIEW_SOURCE = """\
# source:                       # the full report, printed as a QR code
#   title: ${kind_label} – ${subject_title}
#   url: https://…
"""
REVIEW_RECOMMENDATIONS = """

# Page 2 (optional): the review's recommendations, numbered.
# recommendations:
#   - The first recommendation."""
TOPIC_SUBJECT = """\
# The topic, in a word or two: it is printed after "Practice topic".
subject: ✎ The topic"""


def new_briefing(name: str, folder: Path, kind: Kind = Kind.PRACTICE_REVIEW,
                 today: date | None = None) -> Path:
    """Write `folder/<name>.yaml` to start a briefing from, and the JSON Schema beside it
    (`folder/briefing.schema.json`), and return the briefing's path.

    A review's file speaks of the person the review is about (the child, the adult, the
    person who died); a topic's has no pseudonyms, full report or recommendations.
    Raises ValueError when `name` is not a plain lower-case name, FileExistsError
    when the file is already there (it is never overwritten).
    """
    if not NAME.match(name):
        raise ValueError(f"'{name}' is not a briefing name: use lower-case letters, digits "
                         "and hyphens, e.g. emily or police-protection")
    path = folder / f"{name}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as stream:  # "x": never overwrite
        stream.write(_text(name, kind, today or date.today()))
    write_schema(folder)
    return path


def write_schema(folder: Path) -> Path:
    """Write the briefings' JSON Schema into `folder`, whole or not at all, when it is
    missing or out of date; return its path."""
    path = folder / BRIEFING_SCHEMA
    text = schema_text()
    if path.is_file() and path.read_text("utf-8") == text:
        return path
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".schema-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _text(name: str, kind: Kind, today: date) -> str:
    subject = name.upper().replace("-", " ")
    words = {"subject": subject, "subject_title": subject.title(), "kind_label": kind.label}
    if kind is Kind.TOPIC:
        parts = {
            "title": "✎ The topic, in a few words", "subject": TOPIC_SUBJECT, "source": "",
            "background_guide": "what the topic is and why it matters now",
            "background": "What the topic is, and why practitioners need to know about it "
                          "now, in plain words.",
            "names": "",
            "concerns_guide": "what goes wrong in practice, or what is often misunderstood?",
            "concern": "point", "question": "Where have you seen this in your own work?",
            "recommendations": ""}
    else:
        person, background, question = PEOPLE[kind]
        parts = {
            "title": f"Learning from {kind.review} – “{subject}”",
            "subject": Template(REVIEW_SUBJECT).substitute(words),
            "source": Template(REVIEW_SOURCE).substitute(words),
            "background_guide": f"who the {person} was and what happened",
            "background": background,
            "names": "\n# No dates of birth, addresses or real names.",
            "concerns_guide": "what were the concerns?", "concern": "concern",
            "question": question, "recommendations": REVIEW_RECOMMENDATIONS}
    return Template(TEMPLATE.read_text("utf-8")).substitute(
        parts, schema=BRIEFING_SCHEMA, name=name, kind=kind.value, today=today.isoformat())
