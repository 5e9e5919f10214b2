"""Build from the editor: the form's values saved first if they changed, then the briefing
built by the batch exactly as `briefing build --html` builds it, and sent as a download."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from ..batch import build, prepare
from .form import Form
from .pages import editor_page, form_values
from .project import Opened

if TYPE_CHECKING:
    from .context import Editor

KINDS = {"pdf": ("application/pdf", ".pdf"), "html": ("text/html; charset=utf-8", ".html")}


def build_and_send(editor: Editor, request: Request, opened: Opened, form: Form) -> Response:
    """Save if needed, build, and answer with the file (or the editor saying why not)."""
    what = request.query_params.get("what", "pdf")
    media, suffix = KINDS.get(what, KINDS["pdf"])
    text, _, _ = form_values(opened, form)
    values = form.getlist("base")
    if text != opened.text:
        saved = editor.project.save(opened.name, text, str(values[0]) if values else "")
        if not saved.ok:
            conflict = {"theirs": saved.theirs, "yours": text, "digest": saved.digest}
            return editor_page(editor, request, opened, form, conflict)
        opened = editor.project.open(opened.name)
    settings = editor.settings.model_copy(update={"html": True}) if what == "html" \
        else editor.settings
    target = settings.output / f"{opened.name}{suffix}"
    with editor.bench.lock:
        editor.build_press = prepare(settings, editor.build_press)
        [result] = build([opened.path], settings=settings, press=editor.build_press,
                         force=not target.is_file())
    if result.output is None:
        errors = sum(p.is_error for p in result.problems)
        note = (f"Saved, but not built: the briefing has {errors} error"
                f"{'' if errors == 1 else 's'} to put right first.")
        return editor_page(editor, request, opened, note=note, status=422)
    return Response(target.read_bytes(), media_type=media, headers={
        "content-disposition": f'attachment; filename="{opened.name}{suffix}"'})
