"""Validate YAML data against the briefing schema, with problems pointing into the file."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..problems import Problem, error
from .load import KeyPath, SourceDocument
from .markup import links
from .model import Briefing, link_problem


def validate(document: SourceDocument, model: type[BaseModel] = Briefing
             ) -> tuple[BaseModel | None, list[Problem]]:
    """Return the validated model, or None, and every problem found, in file order."""
    if not isinstance(document.data, dict):
        return None, [error(document.path, document.position(()), "wrong-type",
                            "a briefing must be a list of fields such as 'title: …', "
                            f"not {_describe(document.data)}")]
    try:
        result = model.model_validate(document.data)
    except ValidationError as exc:
        problems = [_problem(document, model, dict(e)) for e in exc.errors()]
        return None, sorted(problems, key=lambda p: p.position)
    problems = sorted(_link_problems(document), key=lambda p: p.position)
    return (None if problems else result), problems


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


# How each field is named in messages: its panel or its meaning, as the author knows it.
FIELD_NAMES = {"what_to_do": "What to do", "lang": "Language", "allow": "Allowed findings",
               "kind": "Kind of briefing"}


def label(key: KeyPath) -> str:
    """Name a place in a briefing as its author sees it: `Questions: item 3`."""
    if not key:
        return "The briefing"
    first = FIELD_NAMES.get(str(key[0]), str(key[0]).replace("_", " ").capitalize())
    rest = [f"item {part + 1}" if isinstance(part, int) else str(part) for part in key[1:]]
    return f"{first}: {', '.join(rest)}" if rest else first


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


def _problem(document: SourceDocument, model: type[BaseModel], e: dict[str, Any]) -> Problem:
    # A field with a before-validator (resources given as bare titles) adds a step such as
    # "function-before[_title_only(), Resource]" to pydantic's loc; it is not a YAML key.
    key: KeyPath = tuple(p for p in e["loc"]
                         if not (isinstance(p, str) and p.startswith("function-")))
    kind, value, path = e["type"], e.get("input"), document.path
    name = label(key)
    if kind == "missing":
        where = f" in {label(key[:-1])}" if key[:-1] else ""
        return error(path, document.position(key[:-1]), "missing-field",
                     f"{label(key[-1:])} is missing{where}; every briefing needs "
                     f"'{key[-1]}:'")
    if kind == "extra_forbidden":
        allowed = _fields(model, key[:-1])
        close = difflib.get_close_matches(str(key[-1]), allowed, n=1, cutoff=0.6)
        return error(path, document.position(key, of_key=True), "unknown-field",
                     f"'{key[-1]}' is not a briefing field",
                     f"did you mean '{close[0]}'?" if close else
                     "the fields are: " + ", ".join(allowed))
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
    # Our own validators' messages are already plain; pydantic prefixes them.
    return error(path, position, "invalid", f"{name}: {e['msg'].removeprefix('Value error, ')}")


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
