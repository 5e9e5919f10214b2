"""Completed discussion sheets read back: PDFs (their form fields) and Word files (their
tables) alike, one response a sheet, written out as CSV or JSON.

A file that is not a sheet of ours, is blank, was filled in on another version of its
briefing, or cannot be read safely is named as a problem, never skipped in silence.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from ..inputs import read_limited
from ..problems import Position, Problem, error, warning
from ..render.discussion import DETAILS, source_version
from .dates import due_date, people
from .pdfsheet import read_pdf_sheet
from .sheetfile import MAX_FILE_BYTES, Filled, SheetError
from .wordsheet import read_word_sheet

SHEET_SUFFIXES = (".pdf", ".docx", ".docm")
NOWHERE = Position(0, 0)  # a problem about a whole file: printed as PATH: severity: …
MAX_SHEETS = 5_000


@dataclass
class Answer:
    """A team's answer to one question of the sheet."""

    number: int
    question: str
    answer: str


@dataclass
class Action:
    """One action a team agreed: what, who, by when as written, and the date it names."""

    number: int
    action: str
    who: str
    when: str
    due: date | None = None


@dataclass
class Response:
    """One completed sheet: which briefing it answers, the meeting, answers and actions."""

    path: Path
    briefing: str
    version: str
    title: str = ""
    team: str = ""
    date: str = ""
    facilitator: str = ""
    present: str = ""
    answers: list[Answer] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    difference: str = ""

    @property
    def people(self) -> int | None:
        return people(self.present)


def find_sheets(paths: list[Path]) -> list[Path]:
    """The files named by `paths`: files as given, folders' sheets (PDF and Word) sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir()
                            if p.suffix.lower() in SHEET_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def read_responses(paths: list[Path], briefings: Path | None = None
                   ) -> tuple[list[Response], list[Problem]]:
    """Read every completed sheet named by `paths`; returns the responses in order and the
    problems, each naming its file. `briefings` is the folder of briefing sources: a
    sheet of a briefing whose source has changed since is a warning."""
    responses: list[Response] = []
    problems: list[Problem] = []
    sheets = find_sheets(paths)
    if len(sheets) > MAX_SHEETS:
        problems.append(error(Path(str(paths[0])), NOWHERE, "response-too-many",
                              f"{len(sheets)} files, more than {MAX_SHEETS} at once"))
        return [], problems
    if briefings is not None and not briefings.is_dir():
        problems.append(warning(briefings, NOWHERE, "response-unknown-briefing",
                                "there is no folder of briefings here, so no sheet's version "
                                "was checked", "give it with --briefings"))
        briefings = None
    for path in sheets:
        response, found = read_response(path, briefings)
        problems += found
        if response is not None:
            responses.append(response)
    return responses, problems


def read_response(path: Path, briefings: Path | None = None
                  ) -> tuple[Response | None, list[Problem]]:
    """One completed sheet, or None with the problem that says why not."""
    try:
        filled = _read(path)
    except SheetError as exc:
        return None, [error(path, NOWHERE, exc.code, exc.message)]
    if filled.name is None or filled.version is None:
        return None, [error(path, NOWHERE, "response-not-ours",
                            "not a discussion sheet of briefing-builder (no sheet reference "
                            "in it)")]
    if not any(value.strip() for value in filled.values.values()):
        return None, [warning(path, NOWHERE, "response-blank",
                              f"the sheet for {filled.name} is blank: nothing was filled in")]
    return _response(path, filled), _version_problems(path, filled, briefings)


def _read(path: Path) -> Filled:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SheetError("response-too-large", f"the file is {size / 1e6:.0f} MB, more "
                             f"than a sheet's {MAX_FILE_BYTES // 1_000_000} MB")
        data = read_limited(path, MAX_FILE_BYTES)  # never waits on a pipe
    except OSError as exc:
        raise SheetError("response-unreadable", exc.strerror or str(exc)) from None
    if data.lstrip()[:5] == b"%PDF-":
        return read_pdf_sheet(data)
    if data[:4] == b"PK\x03\x04":
        return read_word_sheet(path, data)
    if not data:
        raise SheetError("response-unreadable", "the file is empty")
    raise SheetError("response-unreadable", "not a PDF or a Word file (.docx)")


def _response(path: Path, filled: Filled) -> Response:
    values = filled.values
    response = Response(path, filled.name or "", filled.version or "", filled.title,
                        **{name: values.get(name, "") for name, _ in DETAILS})
    numbers = sorted({int(m.group(1)) for name in values
                      if (m := re.fullmatch(r"question-(\d+)", name))})
    response.answers = [Answer(n, filled.questions.get(n, ""), values[f"question-{n}"])
                        for n in numbers]
    rows = sorted({int(m.group(1)) for name in values
                   if (m := re.fullmatch(r"action-(\d+)", name))})
    for row in rows:
        action = Action(row, values.get(f"action-{row}", ""), values.get(f"action-{row}-who", ""),
                        values.get(f"action-{row}-when", ""))
        if action.action or action.who or action.when:
            action.due = due_date(action.when)
            response.actions.append(action)
    response.difference = values.get("difference", "")
    return response


def _version_problems(path: Path, filled: Filled, briefings: Path | None) -> list[Problem]:
    if briefings is None:
        return []
    source = next((s for s in (briefings / f"{filled.name}.yaml", briefings / f"{filled.name}.yml")
                   if s.is_file()), None)
    if source is None:
        return [warning(path, NOWHERE, "response-unknown-briefing",
                        f"the sheet is for {filled.name}, which is not in {briefings}; its "
                        "version cannot be checked")]
    current = source_version(source.read_bytes())
    if current != filled.version:
        return [warning(path, NOWHERE, "response-old-version",
                        f"the sheet was filled in on version {filled.version} of "
                        f"{filled.name}; the briefing is now version {current}, so its "
                        "questions may have changed", "read its answers with that in mind")]
    return []


# A cell starting with one of these is a formula to a spreadsheet: it is written after a '.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA) else value


def table(responses: list[Response]) -> tuple[list[str], list[list[str]]]:
    """The responses as a table: one row a sheet, its columns named as the sheet's fields."""
    questions = max((a.number for r in responses for a in r.answers), default=0)
    actions = max((a.number for r in responses for a in r.actions), default=0)
    header = ["file", "briefing", "version", *(name for name, _ in DETAILS)]
    header += [f"question-{n}" for n in range(1, questions + 1)] + ["difference"]
    for n in range(1, actions + 1):
        header += [f"action-{n}", f"action-{n}-who", f"action-{n}-when"]
    rows = []
    for response in responses:
        answers = {a.number: a.answer for a in response.answers}
        by_row = {a.number: a for a in response.actions}
        row = [str(response.path), response.briefing, response.version, response.team,
               response.date, response.facilitator, response.present]
        row += [answers.get(n, "") for n in range(1, questions + 1)] + [response.difference]
        for n in range(1, actions + 1):
            action = by_row.get(n)
            row += [action.action, action.who, action.when] if action else ["", "", ""]
        rows.append(row)
    return header, rows


def to_csv(responses: list[Response]) -> str:
    """The responses as CSV, formulas made harmless."""
    header, rows = table(responses)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_safe(cell) for cell in row] for row in rows])
    return stream.getvalue()


def to_json(responses: list[Response]) -> str:
    """The responses as a JSON list, answers and actions nested, due dates as YYYY-MM-DD."""
    def plain(response: Response) -> dict:
        data = asdict(response)
        data["path"] = str(response.path)
        data["people"] = response.people
        for action in data["actions"]:
            action["due"] = action["due"].isoformat() if action["due"] else None
        return data

    return json.dumps([plain(r) for r in responses], indent=2, ensure_ascii=False) + "\n"
