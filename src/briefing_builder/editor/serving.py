"""Run the editor: uvicorn serving the app at one address, with the password it needs
away from this computer, and the browser opened on it if asked."""

from __future__ import annotations

import os
import threading
import webbrowser
from pathlib import Path

from ..settings import Settings
from .security import is_loopback

TOKEN_VARIABLE = "BRIEFING_EDITOR_TOKEN"
MIN_TOKEN = 12


class Refused(ValueError):
    """The editor will not start like this (the message says why and what to do)."""


def editor_token(host: str, password_file: Path | None,
                 environ: dict[str, str] | None = None) -> str | None:
    """The password the editor needs at `host`: None on this computer alone (loopback),
    else from `password_file` or BRIEFING_EDITOR_TOKEN. Raises Refused without one."""
    environ = os.environ if environ is None else environ
    token = None
    if password_file is not None:
        try:
            token = password_file.read_text("utf-8").strip()
        except OSError as exc:
            raise Refused(f"cannot read the password file {password_file}: "
                          f"{exc.strerror or exc}") from None
    elif environ.get(TOKEN_VARIABLE):
        token = environ[TOKEN_VARIABLE].strip()
    if token is None:
        if is_loopback(host):
            return None
        raise Refused(f"--host {host} lets other computers reach the editor: set a password "
                      f"of at least {MIN_TOKEN} characters in {TOKEN_VARIABLE} or a file "
                      "given with --password-file")
    if len(token) < MIN_TOKEN:
        raise Refused(f"the editor's password must be at least {MIN_TOKEN} characters")
    return token


def address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, open_browser: bool = False) -> None:
    """Serve the editor until Ctrl-C."""
    import uvicorn

    from .app import create_app

    app = create_app(settings, host=host, token_value=token)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [address(host, port)]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                limit_concurrency=64, timeout_keep_alive=5, h11_max_incomplete_event_size=65536)
