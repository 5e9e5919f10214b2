"""The editor's form: a briefing's values as labelled fields, and the fields posted back as
values, written the way the file already writes them.

Every field is named by where it is in the briefing: `title`, `source.url`, and for a panel
(`background`, …, or `panels.3` for the fourth of the author's own) `.heading`, `.text`,
`.item` and `.url` (repeated, one a point, in order) and `.shape`, the way the file writes
the panel (text, a list, or a panel of its own). Fields the form does not show (`allow`,
`continued_heading`, and any the briefing should not have) are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..source.kinds import KIND_NAMES, Kind
from ..source.load import KeyPath
from ..source.model import NAMED_FIELDS, PANEL_HEADINGS, Briefing

# The fields of the briefing's details, in the order of the form, with the labels authors see.
DETAILS = {"title": "Title", "label": "Label", "kind": "Kind of briefing",
           "partnership": "Partnership", "subject": "Subject", "published": "Published",
           "issue": "Bulletin issue", "lang": "Language", "theme": "Theme"}
DEFAULTS = {"kind": Kind.PRACTICE_REVIEW.value, "lang": "en-GB"}
LISTS = {"pseudonyms": ("Pseudonyms", "Pseudonym"),
         "recommendations": ("Recommendations (page 2)", "Recommendation")}
ITEM_NAMES = {"concerns": "Concern", "resources": "Resource", "questions": "Question"}
KIND_CHOICES = [(name, Kind(name).label) for name in KIND_NAMES]
OWN_GUIDANCE = ("A panel of your own: its heading as it is printed, then text (a blank line "
                "between paragraphs; lines starting “- ” are bullets), points, or both.")
_NUMBERS = {"background": "1", "concerns": "2 and 3", "information": "4", "resources": "5",
            "questions": "6", "what_to_do": "7"}


class Form(Protocol):
    """What a posted form offers: Starlette's FormData, or any multi-dict."""

    def getlist(self, key: str) -> list[Any]: ...


def guidance(name: str) -> str:
    """What belongs in a field, as `briefing new` and the schema say it."""
    found = Briefing.model_fields.get(name)
    return (found.description or "") if found is not None else ""


@dataclass
class Row:
    """One point of a list: its text, and its address when the list has links."""

    text: str
    url: str | None = None


@dataclass
class Panel:
    """A panel as the form shows it."""

    key: str
    numbers: str
    heading: str
    shape: str
    guidance: str
    item_name: str
    own_heading: str | None = None
    text: str | None = None
    rows: list[Row] | None = None
    links: bool = False

    @property
    def id(self) -> str:
        return "f-" + self.key.replace(".", "-")


@dataclass
class ListField:
    """A list of short texts: the pseudonyms, the recommendations."""

    key: str
    label: str
    item_name: str
    guidance: str
    rows: list[Row] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"f-{self.key}"


def _rows(items: Any, links: bool) -> list[Row]:
    rows = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            rows.append(Row(str(item.get("title") or ""), str(item.get("url") or "")))
        else:
            rows.append(Row("" if item is None else str(item), "" if links else None))
    return rows


def _panel(key: str, value: Any, numbers: str, default: str, item_name: str,
           note: str, resources: bool = False) -> Panel:
    items = value if isinstance(value, list) else \
        value.get("items") if isinstance(value, dict) else None
    links = resources or any(isinstance(i, dict) and i.get("url") for i in items or [])
    if isinstance(value, str):
        return Panel(key, numbers, default, "text", note, item_name, text=value.rstrip())
    if isinstance(value, dict):
        heading = value.get("heading")
        return Panel(key, numbers, str(heading or default), "panel", note, item_name,
                     own_heading="" if heading is None else str(heading),
                     text=str(value.get("text") or "").rstrip(), rows=_rows(items, links),
                     links=links)
    return Panel(key, numbers, default, "list", note, item_name, rows=_rows(items, links),
                 links=links)


def panels_of(data: dict[str, Any]) -> list[Panel]:
    """The panels of a briefing's values, as the form shows them, in reading order."""
    if isinstance(data.get("panels"), list):
        found = []
        for index, value in enumerate(data["panels"][:7]):
            number = index + 1
            own = value if isinstance(value, dict) else {"text": value}
            found.append(_panel(f"panels.{index}", own, str(number), f"Panel {number}", "Point",
                                OWN_GUIDANCE))
        return found
    return [_panel(name, data.get(name), _NUMBERS[name],
                   PANEL_HEADINGS[int(_NUMBERS[name][0])][1], ITEM_NAMES.get(name, "Point"),
                   guidance(name), resources=name == "resources")
            for name in NAMED_FIELDS]


def lists_of(data: dict[str, Any]) -> list[ListField]:
    """The pseudonyms and recommendations, as the form shows them."""
    return [ListField(key, label, item, guidance(key), _rows(data.get(key), False))
            for key, (label, item) in LISTS.items()]


def _text(form: Form, name: str) -> str | None:
    values = form.getlist(name)
    return None if not values else str(values[0]).replace("\r\n", "\n")


def _kept(old: Any, new: str) -> Any:
    """The old text when the new is the same but for white space at its ends."""
    return old if isinstance(old, str) and old.strip() == new.strip() else new


def _items(form: Form, key: str, old: Any) -> tuple[list[Any], list[int]]:
    """A panel's points from the form, and the row each came from (empty rows are left out)."""
    texts = [str(t).replace("\r\n", "\n") for t in form.getlist(f"{key}.item")]
    urls = [str(u).strip() for u in form.getlist(f"{key}.url")]
    old = old if isinstance(old, list) else []
    items, rows = [], []
    for row, text in enumerate(texts):
        url = urls[row] if row < len(urls) else ""
        if not text.strip() and not url:
            continue
        before = old[len(items)] if len(items) < len(old) else None
        if url:
            item: Any = {"title": text, "url": url}
            if isinstance(before, dict) and before.get("title") == text:
                item = {**before, "url": url}
        elif isinstance(before, dict) and before.get("title") == text and not before.get("url"):
            item = before
        else:
            item = _kept(before, text)
        items.append(item)
        rows.append(row)
    return items, rows


def _panel_value(form: Form, key: str, old: Any) -> tuple[Any, list[int]]:
    shape = _text(form, f"{key}.shape") or "list"
    old_items = old if isinstance(old, list) else old.get("items") if isinstance(old, dict) \
        else None
    items, rows = _items(form, key, old_items)
    text = _text(form, f"{key}.text")
    heading = _text(form, f"{key}.heading")
    if shape == "text":
        return _kept(old, text or ""), rows
    if shape == "list":
        return items, rows
    value = dict(old) if isinstance(old, dict) else {}
    for name, new in (("heading", heading), ("text", text)):
        if new is not None and new.strip():
            value[name] = _kept(value.get(name), new)
        else:
            value.pop(name, None)
    if items:
        value["items"] = items
    else:
        value.pop("items", None)
    return value, rows


def values_of(form: Form, original: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The briefing's values from a posted form, starting from `original` (the file's), and
    for each list the row of the form each of its points came from."""
    data = dict(original)
    rows: dict[str, list[int]] = {}
    for name in DETAILS:
        _detail(data, original, name, _text(form, name))
    source = {"title": (_text(form, "source.title") or "").strip(),
              "url": (_text(form, "source.url") or "").strip()}
    if source["title"] or source["url"]:
        old = original.get("source") if isinstance(original.get("source"), dict) else {}
        data["source"] = {**old, **{k: _kept(old.get(k), v) for k, v in source.items() if v}}
        if not source["url"]:
            data["source"].pop("url", None)
    elif form.getlist("source.title"):
        data.pop("source", None)
    for key in LISTS:
        if form.getlist(f"{key}.shape"):
            items, rows[key] = _items(form, key, original.get(key))
            _set(data, original, key, items)
    if isinstance(original.get("panels"), list):
        panels = list(original["panels"])
        for index in range(min(7, len(panels))):
            if form.getlist(f"panels.{index}.shape"):
                panels[index], rows[f"panels.{index}"] = _panel_value(
                    form, f"panels.{index}", panels[index])
        data["panels"] = panels
    else:
        for name in NAMED_FIELDS:
            if form.getlist(f"{name}.shape"):
                value, rows[name] = _panel_value(form, name, original.get(name))
                _set(data, original, name, value)
    return _ordered(data, original), rows


def _detail(data: dict[str, Any], original: dict[str, Any], name: str, value: str | None) -> None:
    if value is None:
        return
    value = value.strip()
    if name == "title" or (value and not (name not in original and value == DEFAULTS.get(name))):
        data[name] = _kept(original.get(name), value)
    else:
        data.pop(name, None)


def _set(data: dict[str, Any], original: dict[str, Any], name: str, value: Any) -> None:
    """Set a list or panel, leaving out one that the file did not have and is still empty."""
    if name not in original and not value:
        data.pop(name, None)
    else:
        data[name] = value


def _ordered(data: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """The file's keys in the file's order; a new one after the one before it in the model."""
    order = list(Briefing.model_fields)
    result = [name for name in original if name in data]
    for name in data:
        if name in result:
            continue
        before = order[:order.index(name)] if name in order else order
        after = max((result.index(n) for n in before if n in result), default=-1)
        result.insert(after + 1, name)
    return {name: data[name] for name in result}


def control_of(key: KeyPath, rows: dict[str, list[int]]) -> tuple[str, str | None]:
    """The form's field for a place in the briefing: its group's id, and its control's id."""
    if not key:
        return "f-general", None
    first = str(key[0])
    if first in DETAILS:
        return f"f-{first}", f"f-{first}"
    if first == "source":
        sub = str(key[1]) if len(key) > 1 and key[1] in ("title", "url") else "title"
        return f"f-source-{sub}", f"f-source-{sub}"
    if first == "panels" and len(key) > 1 and isinstance(key[1], int):
        return _panel_control(f"panels.{key[1]}", key[2:], rows)
    if first in NAMED_FIELDS or first in LISTS:
        return _panel_control(first, key[1:], rows)
    return "f-general", None


def _panel_control(name: str, rest: KeyPath, rows: dict[str, list[int]]) -> tuple[str, str | None]:
    group = "f-" + name.replace(".", "-")
    if rest and rest[0] in ("text", "heading"):
        return group, f"{group}-{rest[0]}"
    if rest and rest[0] == "items":
        rest = rest[1:]
    if rest and isinstance(rest[0], int):
        known = rows.get(name, [])
        row = known[rest[0]] if rest[0] < len(known) else rest[0]
        return group, f"{group}-item-{row}"
    return group, None
