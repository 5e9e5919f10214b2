"""The editor's web app: the routes, each reading the request, calling the library through
`Project` (files) and `Workbench` (checks and pictures), and answering with a page, JSON
or a file. `create_app` wraps it in the `Guard` (security.py)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..settings import Settings
from ..source.kinds import Kind
from .context import Editor
from .pages import editor_page, form_values, home_page, login_page, wants_json
from .project import NotFound
from .security import COOKIE, Guard

HERE = Path(__file__).parent


def _editor(request: Request) -> Editor:
    return request.app.state.editor


def _opened(editor: Editor, name: str):
    try:
        return editor.project.open(name)
    except NotFound:
        raise HTTPException(404, "There is no briefing of that name.") from None


async def home(request: Request) -> Response:
    return await run_in_threadpool(home_page, _editor(request), request)


async def new(request: Request) -> Response:
    editor, form = _editor(request), await request.form()
    name = str(form.get("name") or "").strip().lower()
    kind = str(form.get("kind") or Kind.PRACTICE_REVIEW.value)
    try:
        editor.project.create(name, Kind(kind))
    except (ValueError, FileExistsError) as exc:
        problem = f"A briefing called {name} already exists." \
            if isinstance(exc, FileExistsError) else f"'{name}' cannot be a briefing's name: {exc}"
        return await run_in_threadpool(home_page, editor, request, problem, name)
    editor.notes[name] = "Started a new briefing: write over every text marked ✎."
    return RedirectResponse(f"/b/{name}", status_code=303)


async def edit(request: Request) -> Response:
    editor, name = _editor(request), request.path_params["name"]
    opened = _opened(editor, name)
    return await run_in_threadpool(editor_page, editor, request, opened)


async def check(request: Request) -> Response:
    editor, name = _editor(request), request.path_params["name"]
    opened = _opened(editor, name)
    text, _, rows = form_values(opened, await request.form())
    result = await run_in_threadpool(editor.bench.examine, name, text, opened.path, rows)
    return JSONResponse(result.as_dict())


async def rebuild_form(request: Request) -> Response:
    """The form again from posted values: for adding, removing and moving points without
    JavaScript, and for putting back a draft kept in the browser."""
    editor, name = _editor(request), request.path_params["name"]
    opened = _opened(editor, name)
    form = await request.form()
    return await run_in_threadpool(editor_page, editor, request, opened, form)


async def save(request: Request) -> Response:
    editor, name = _editor(request), request.path_params["name"]
    opened = _opened(editor, name)
    form = await request.form()
    text, _, _ = form_values(opened, form)
    saved = await run_in_threadpool(editor.project.save, name, text,
                                    str(form.get("force_base") or form.get("base") or ""))
    if not saved.ok:
        conflict = {"theirs": saved.theirs, "yours": text, "digest": saved.digest}
        if wants_json(request):
            return JSONResponse({"saved": False, **conflict}, status_code=409)
        return await run_in_threadpool(editor_page, editor, request, opened, form, conflict)
    if wants_json(request):
        return JSONResponse({"saved": True, "base": saved.digest})
    editor.notes[name] = "Saved."
    return RedirectResponse(f"/b/{name}", status_code=303)


async def build(request: Request) -> Response:
    """Save the form's values if they changed, then build as `briefing build --html` does,
    and send the PDF or the web page."""
    from .building import build_and_send

    editor, name = _editor(request), request.path_params["name"]
    opened = _opened(editor, name)
    form = await request.form()
    return await run_in_threadpool(build_and_send, editor, request, opened, form)


async def preview(request: Request) -> Response:
    from ..publish.preview import page_picture

    editor = _editor(request)
    data = editor.bench.pdf(request.path_params["key"])

    def draw() -> bytes | None:
        with editor.bench.lock:  # PDFium, like the layout engine, is used by one thread at once
            return page_picture(data, request.path_params["page"])

    picture = await run_in_threadpool(draw) if data else None
    if picture is None:
        raise HTTPException(404, "That picture is no longer kept: type again to renew it.")
    return Response(picture, media_type="image/png",
                    headers={"cache-control": "private, max-age=3600"})


async def import_document(request: Request) -> Response:
    from .importing import import_upload

    editor = _editor(request)
    async with request.form(max_files=1, max_fields=10) as form:
        return await run_in_threadpool(import_upload, editor, request, form)


async def token(request: Request) -> Response:
    return JSONResponse({"csrf": _editor(request).csrf},
                        headers={"cache-control": "no-store"})


async def login(request: Request) -> Response:
    editor = _editor(request)
    if request.method == "GET":
        return login_page(editor, request)
    form = await request.form()
    guard = editor.guard
    if guard is None or not guard.password_matches(str(form.get("password") or "")):
        return login_page(editor, request, "That is not the editor's password.", 403)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, guard.session, httponly=True, samesite="strict")
    return response


def create_app(settings: Settings, *, host: str = "127.0.0.1", token_value: str | None = None,
               csrf: str | None = None, warm: bool = True):
    """The editor for the project of `settings`, guarded for `host` (a password
    `token_value` is needed away from this computer)."""
    routes = [
        Route("/", home), Route("/new", new, methods=["POST"]),
        Route("/import", import_document, methods=["POST"]),
        Route("/csrf", token), Route("/login", login, methods=["GET", "POST"]),
        Route("/b/{name}", edit), Route("/b/{name}/check", check, methods=["POST"]),
        Route("/b/{name}/form", rebuild_form, methods=["POST"]),
        Route("/b/{name}/save", save, methods=["POST"]),
        Route("/b/{name}/build", build, methods=["POST"]),
        Route("/b/{name}/preview/{key:str}/{page:int}.png", preview),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    holder: dict[str, Editor] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        holder["editor"].bench.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    guard = Guard(app, host=host, token=token_value, csrf=csrf)
    editor = holder["editor"] = Editor(settings, guard.csrf)
    editor.guard = guard
    app.state.editor = editor
    if warm:
        threading.Thread(target=editor.warm, daemon=True).start()
    return guard
