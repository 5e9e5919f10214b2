"""Validate YAML data against the briefing schema, with problems pointing into the file."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..problems import Position, Problem, error
from .content import concern_units, seven_panels
from .labels import label
from .load import KeyPath, SourceDocument
from .markup import language_parts, links
from .model import NAMED_FIELDS, Briefing, link_problem
from .silent import read_as_fields, silent_mistakes

__all__ = ["label", "validate"]


def validate(document: SourceDocument, model: type[BaseModel] = Briefing
             ) -> tuple[BaseModel | None, list[Problem]]:
    """Return the validated model, or None when there are errors, and every problem
    found, in file order. Warnings (text that would print other than as written) do not
    stop a briefing."""
    silent = silent_mistakes(document)
    if not isinstance(document.data, dict):
        return None, [error(document.path, document.position(()), "wrong-type",
                            "a briefing must be a list of fields such as 'title: …', "
                            f"not {_describe(document.data)}")]
    try:
        result = model.model_validate(document.data)
    except ValidationError as exc:
        fields = read_as_fields(document)
        problems = [problem for e in exc.errors()
                    if (problem := _problem(document, model, dict(e), fields)) is not None]
        return None, sorted(silent + problems, key=lambda p: p.position)
    problems = silent + _link_problems(document) + _language_problems(document)
    if isinstance(result, Briefing):
        problems += _empty_panels(document, result)
    problems.sort(key=lambda p: p.position)
    return (None if any(p.is_error for p in problems) else result), problems


def _empty_panels(document: SourceDocument, briefing: Briefing) -> list[Problem]:
    """A panel with nothing in it is an error, never a blank box on the page."""
    found = []
    for panel in seven_panels(briefing):
        if panel.continues:
            if panel.blocks and len(concern_units(panel.blocks)) < 2:
                found.append(error(
                    document.path, document.position(panel.key, of_key=True), "empty-panel",
                    f"panel 3 (\"{panel.heading}\") would be empty: the concerns are one "
                    "sentence, and they continue from panel 2 into panel 3",
                    "write a second point, or give every panel a heading and content of "
                    "your own under panels:"))
            continue
        if panel.blocks:
            continue
        written = panel.key[0] == "panels" or document.data.get(panel.key[0]) is not None
        where = document.position(panel.key, of_key=True) if written else Position()
        name = label(panel.key)
        found.append(error(
            document.path, where, "empty-panel",
            f"panel {panel.number} (\"{panel.heading}\") has nothing in it" +
            ("" if written else f": there is no {panel.key[0]}:"),
            f"write its text or points under {panel.key[0]}:, or give it a heading and "
            "content of your own (heading:, text:, items:)" if panel.key[0] != "panels" else
            f"write text: or items: under {name}"))
    return found


def _link_problems(document: SourceDocument) -> list[Problem]:
    """Links written inside Markdown text must be acceptable too."""
    problems = []
    for key, value in document.strings():
        for url in links(value):
            reason = link_problem(url)
            if reason:
                problems.append(error(document.path, document.locate(key, url), "bad-link",
                                      f"{label(key)}: the link {url} {reason}"))
    return problems


def _language_problems(document: SourceDocument) -> list[Problem]:
    """A part in another language must be [words]{lang=TAG}, and nothing else."""
    problems = []
    for key, value in document.strings():
        for part in language_parts(value):
            if part.problem is None:
                continue
            written = value[part.start:part.end] or "{"
            where = document.locate(key, written, nth=value.count(written, 0, part.start))
            problems.append(error(document.path, where, "language-part",
                                  f"{label(key)}: {part.problem}", part.fix))
    return problems


def _fields(model: type[BaseModel], key: KeyPath) -> list[str]:
    """The field names allowed in the mapping at `key`, for "did you mean"."""
    current: Any = model
    for part in key:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


_PATTERNS = {"issue": "2021-07 (year and month)", "lang": "en-GB (a language tag)"}

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list of points (lines starting with '- ')",
    "dict_type": "a set of fields",
    "model_type": "a set of fields",
    "model_attributes_type": "a set of fields",
    "date_type": "a date (YYYY-MM-DD)",
}


def _source_key(document: SourceDocument, loc: tuple) -> KeyPath:
    """The place in the file that a model's error location stands for.

    A field with a before-validator (an item given as a bare title) adds a step such as
    "function-before[_title_only(), Resource]"; a panel written as a list or as text is
    read as its `items` or `text`, a step the file does not have either.
    """
    key: list[str | int] = []
    value: Any = document.data
    for part in loc:
        if isinstance(part, str) and part.startswith("function-"):
            continue
        if isinstance(part, str) and part in ("items", "text") and \
                isinstance(value, (list, str)) and key:
            continue
        key.append(part)
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            value = None
    return tuple(key)


def _problem(document: SourceDocument, model: type[BaseModel], e: dict[str, Any],
             read_as_fields: set[KeyPath]) -> Problem | None:
    key = _source_key(document, e["loc"])
    if any(key[:len(item)] == item for item in read_as_fields):
        return None  # an item read as a field: that is said already
    kind, value, path = e["type"], e.get("input"), document.path
    name = label(key)
    if kind == "missing":
        if key[:-1]:
            return error(path, document.position(key[:-1]), "missing-field",
                         f"{label(key[:-1])} has no '{key[-1]}:'", f"add '{key[-1]}:' to it")
        return error(path, document.position(()), "missing-field",
                     f"{label(key[-1:])} is missing; every briefing needs '{key[-1]}:'")
    if kind == "extra_forbidden":
        allowed = _fields(model, key[:-1])
        close = difflib.get_close_matches(str(key[-1]), allowed, n=1, cutoff=0.6)
        return error(path, document.position(key, of_key=True), "unknown-field",
                     f"'{key[-1]}' is not a briefing field",
                     f"did you mean '{close[0]}'?" if close else
                     "the fields are: " + ", ".join(allowed))
    panel = _panel_problem(document, key, kind, value, e["msg"])
    if panel is not None:
        return panel
    position = document.position(key)
    if kind in _EXPECTED:
        if value is None or value == "":
            return error(path, position, "empty", f"{name} is empty")
        return error(path, position, "wrong-type",
                     f"{name} should be {_EXPECTED[kind]}, not {_describe(value)}")
    if kind == "too_short":
        return error(path, position, "empty", f"{name} needs at least one item")
    if kind == "string_too_short":
        return error(path, position, "empty", f"{name} is empty")
    if kind == "too_long":
        return error(path, position, "too-long",
                     f"{name} has {len(value)} items; at most {e['ctx']['max_length']} fit")
    if kind == "string_too_long":
        return error(path, position, "too-long",
                     f"{name} has {len(value):,} characters; at most "
                     f"{e['ctx']['max_length']:,} are allowed")
    if kind == "string_pattern_mismatch":
        example = _PATTERNS.get(str(key[-1]), "the example in the README")
        return error(path, position, "bad-value", f"{name} should look like {example}")
    if kind == "enum":
        return error(path, position, "bad-value",
                     f"{name} cannot be {value!r}; choose one of {e['ctx']['expected']}")
    if kind in ("date_format", "impossible_date"):
        return error(path, position, "bad-date", f"{name}: {e['msg']}")
    if kind == "bad_link":
        return error(path, position, "bad-link", f"{name}: the link {value} {e['msg']}")
    if kind == "qr_too_long":
        return error(path, position, "too-long", f"{name}: {e['msg']}")
    # Our own validators' messages are already plain; pydantic prefixes them.
    return error(path, position, "invalid", f"{name}: {e['msg'].removeprefix('Value error, ')}")


def _panel_problem(document: SourceDocument, key: KeyPath, kind: str, value: Any,
                   message: str) -> Problem | None:
    """The problems of how the panels are written, in the author's words."""
    path = document.path
    if kind == "sign_off":
        return error(path, document.position(("status",), of_key=True), "sign-off",
                     f"The briefing: {message}",
                     "write status: approved with approved_by: and approved_on:, or "
                     "status: draft without them")
    if kind == "panels_twice":
        return error(path, document.position(("panels",), of_key=True), "panels-twice",
                     f"The briefing: {message}",
                     "write the seven panels under panels:, or as the named fields")
    if key and key[-1] == "panels" and kind in ("too_short", "too_long"):
        count = len(value) if isinstance(value, list) else 0
        return error(path, document.position(key), "panel-count",
                     f"Panels: there are {count}; a briefing has seven panels, one for "
                     "each place on the page", "write exactly seven")
    if len(key) == 1 and key[0] in NAMED_FIELDS and kind in _EXPECTED and \
            value not in (None, ""):
        return error(path, document.position(key), "wrong-type",
                     f"{label(key)} should be a list of points (lines starting with '- '), "
                     f"text, or a panel with heading:, text: and items:, not "
                     f"{_describe(value)}")
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__
