"""What the editor's tests share: a project of their own with EMILY in it, the app over
it, and a client that asks as the editor's own page does."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import EMILY, ROOT
from starlette.testclient import TestClient

from briefing_builder.editor.app import create_app
from briefing_builder.settings import load_settings


def make_project(folder: Path) -> Path:
    (folder / "pyproject.toml").write_text(
        f"[project]\nname = 'x'\n[tool.briefing-builder]\nstyles = '{ROOT / 'styles'}'\n")
    (folder / "briefings").mkdir()
    shutil.copy(EMILY, folder / "briefings" / "emily.yaml")
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)


@pytest.fixture
def app(project):
    return create_app(load_settings(project), warm=False)


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False,
                      headers={"x-csrf-token": app.csrf})


def form_of(html: str) -> list[tuple[str, str]]:
    """The fields a browser would post from the editor's form, in order."""
    fields = []
    for match in re.finditer(r"<(input|textarea|select)\b([^>]*)>(.*?)(?=</textarea>|<|$)",
                             html, re.S):
        tag, attributes, inner = match.groups()
        name = re.search(r'\bname="([^"]+)"', attributes)
        if not name or name.group(1) == "action" or 'type="file"' in attributes:
            continue
        if tag == "textarea":
            value = inner
        elif tag == "select":
            chosen = re.search(r'<option value="([^"]*)"[^>]*selected', html[match.end():])
            value = chosen.group(1) if chosen else ""
        else:
            found = re.search(r'\bvalue="([^"]*)"', attributes)
            value = found.group(1) if found else ""
        fields.append((name.group(1), _unescape(value)))
    return [(name, value) for name, value in fields if not name.startswith("force")]


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def with_field(fields: list[tuple[str, str]], name: str, value: str, nth: int = 0):
    """The fields with the `nth` one called `name` set to `value`."""
    seen, result = 0, []
    for key, old in fields:
        if key == name:
            result.append((key, value if seen == nth else old))
            seen += 1
        else:
            result.append((key, old))
    assert seen > nth, name
    return result


def post(client: TestClient, url: str, fields, **headers):
    """POST `fields` (pairs, in order, repeats kept) as a browser posts a form."""
    from urllib.parse import urlencode

    return client.post(url, content=urlencode(fields).encode(), headers={
        "content-type": "application/x-www-form-urlencoded", **headers})
