"""A Word document uploaded to the editor, made into a new briefing as `briefing import`
makes one, and opened with a note of what could not be placed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..source.word import WordProblem, briefing_from_word, slug
from .pages import home_page

if TYPE_CHECKING:
    from .context import Editor


def import_upload(editor: Editor, request: Request, form) -> Response:
    upload = form.get("document")
    if upload is None or not hasattr(upload, "file"):
        return home_page(editor, request, "Choose a Word document (.docx) to import.")
    data = upload.file.read()
    try:
        imported = briefing_from_word(data)
    except WordProblem as exc:
        return home_page(editor, request, f"{upload.filename} could not be imported: {exc}")
    name = str(form.get("name") or "").strip().lower() or slug(upload.filename or "") or \
        slug(imported.title)
    try:
        editor.project.write_new(name, imported.text)
    except FileExistsError:
        return home_page(editor, request, f"A briefing called {name} already exists: give "
                         "the imported one another file name.", name)
    except ValueError as exc:
        return home_page(editor, request, f"'{name}' cannot be a briefing's name: {exc}", name)
    editor.notes[name] = "Imported from " + (upload.filename or "the document") + ". " + \
        imported.report()
    return RedirectResponse(f"/b/{name}", status_code=303)

