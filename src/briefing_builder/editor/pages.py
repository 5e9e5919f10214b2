"""The editor's pages: what each template is given, from the project, a form and the
workbench's examination of the draft."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from ..source.kinds import KIND_NAMES
from .form import (
    DEFAULTS,
    DETAILS,
    KIND_CHOICES,
    Form,
    Panel,
    Row,
    guidance,
    lists_of,
    panels_of,
    values_of,
)
from .project import Opened
from .yamltext import read_back, updated_text

if TYPE_CHECKING:
    from .context import Editor


def shown(path: Path) -> str:
    """A folder as the author would name it: relative to here when it is below here."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def original_values(text: str) -> dict[str, Any] | None:
    """The file's values, or None when it is not a set of fields (a YAML mistake)."""
    try:
        data = read_back(text)
    except Exception:  # noqa: BLE001 - the page says what is wrong, from `check`
        return None
    return data if isinstance(data, dict) else None


def form_values(opened: Opened, form: Form) -> tuple[str, dict[str, Any], dict[str, list[int]]]:
    """The draft's YAML text, its values and the form's rows, from a posted form."""
    original = original_values(opened.text)
    if original is None:
        return opened.text, {}, {}
    data, rows = values_of(form, original)
    return updated_text(opened.text, data), data, rows


def home_page(editor: Editor, request: Request, problem: str | None = None,
              name: str = "") -> Response:
    with editor.bench.lock:
        listing = editor.project.listing(editor.bench.ready())
    return editor.templates.TemplateResponse(request, "home.html", {
        "briefings": listing, "kinds": KIND_CHOICES, "problem": problem, "name": name,
        "csrf": editor.csrf, "folder": shown(editor.settings.briefings),
        "note": editor.notes.pop("", None)}, status_code=400 if problem else 200)


def login_page(editor: Editor, request: Request, problem: str | None = None,
               status: int = 200) -> Response:
    return editor.templates.TemplateResponse(request, "login.html", {
        "csrf": editor.csrf, "problem": problem}, status_code=status)


def editor_page(editor: Editor, request: Request, opened: Opened, form: Form | None = None,
                conflict: dict[str, Any] | None = None, note: str | None = None,
                status: int | None = None) -> Response:
    """The editor for one briefing: its values (the file's, or a posted form's), what the
    checks say of them and the pictures of its pages."""
    original = original_values(opened.text)
    data, rows, focus = original or {}, {}, None
    base = opened.digest
    if form is not None and original is not None:
        data, rows = values_of(form, original)
        base = str(form.get("base") or opened.digest) if hasattr(form, "get") else base
        data, rows, focus = apply_action(data, rows, str(_get(form, "action") or ""))
    text = updated_text(opened.text, data) if form is not None and original else opened.text
    result = editor.bench.examine(opened.name, text, opened.path, rows)
    panels, lists = panels_of(data), lists_of(data)
    focus = _added(panels, lists, str(_get(form, "action") or "")) or focus
    found: dict[str, list] = {}
    for finding in result.findings:
        found.setdefault(finding.group, []).append(finding)
    context = {
        "name": opened.name, "path": opened.path, "base": base, "csrf": editor.csrf,
        "title": str(data.get("title") or opened.name), "readable": original is not None,
        "text": opened.text, "details": _details(data), "panels": panels, "lists": lists,
        "source": data.get("source") if isinstance(data.get("source"), dict) else {},
        "result": result, "found": found, "conflict": conflict, "focus": focus,
        "invalid": {f.control or f"{f.group}-text" for f in result.findings},
        "note": note or editor.notes.pop(opened.name, None), "own": "panels" in data,
    }
    code = status or (409 if conflict else 200)
    if request.query_params.get("part") == "fields":
        return editor.templates.TemplateResponse(request, "fields.html", context, code)
    return editor.templates.TemplateResponse(request, "editor.html", context, code)


def _get(form: Form | None, name: str) -> Any:
    if form is None:
        return None
    values = form.getlist(name)
    return values[0] if values else None


def _details(data: dict[str, Any]) -> list[dict[str, Any]]:
    fields = []
    for name, label in DETAILS.items():
        value = data.get(name)
        fields.append({"name": name, "label": label, "guidance": guidance(name),
                       "value": "" if value is None else str(value),
                       "default": DEFAULTS.get(name, ""),
                       "choices": KIND_CHOICES if name == "kind" else None,
                       "known": name != "kind" or value is None or value in KIND_NAMES})
    return fields


def _items(data: dict[str, Any], key: str) -> list[Any] | None:
    """The list of points at `key` (`concerns`, `panels.3`, `pseudonyms`) in `data`."""
    if key.startswith("panels."):
        panels = data.get("panels")
        index = int(key.split(".")[1])
        value = panels[index] if isinstance(panels, list) and index < len(panels) else None
    else:
        value = data.get(key)
    if isinstance(value, dict):
        value = value.get("items")
    return value if isinstance(value, list) else None


def apply_action(data: dict[str, Any], rows: dict[str, list[int]], action: str
                 ) -> tuple[dict[str, Any], dict[str, list[int]], str | None]:
    """Remove a point, or move it up or down (`remove:concerns:2`, `up:panels.3:0`); the
    id of the control to put the focus on after."""
    verb, _, rest = action.partition(":")
    key, _, row = rest.rpartition(":")
    items = _items(data, key)
    if verb not in ("remove", "up", "down") or items is None or not row.isdigit():
        return data, rows, None
    known = rows.get(key, list(range(len(items))))
    if int(row) not in known:
        return data, rows, None
    index = known.index(int(row))
    group = "f-" + key.replace(".", "-")
    if verb == "remove":
        del items[index]
        return data, {**rows, key: list(range(len(items)))}, f"{group}-add"
    other = index - 1 if verb == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        index = other
    return data, {**rows, key: list(range(len(items)))}, f"{group}-item-{index}"


def _added(panels: list[Panel], lists: list, action: str) -> str | None:
    """Add an empty point to the list named by `add:KEY`; the id of its control."""
    verb, _, key = action.partition(":")
    if verb != "add":
        return None
    for field in [*panels, *lists]:
        if field.key == key:
            if field.rows is None:
                field.rows = []
            links = isinstance(field, Panel) and field.links
            field.rows.append(Row("", "" if links else None))
            return f"{field.id}-item-{len(field.rows) - 1}"
    return None
