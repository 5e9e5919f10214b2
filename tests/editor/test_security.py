"""Who can reach the editor and what it can touch: this computer only, or a password; no
request that changes something from another site or without the form token; no file but
the project's briefings; bounded requests."""

import pytest
from click.testing import CliRunner
from conftest import form_of, post
from starlette.testclient import TestClient

from briefing_builder.cli import main
from briefing_builder.editor.app import create_app
from briefing_builder.editor.serving import Refused, editor_token
from briefing_builder.settings import load_settings


def test_a_post_without_the_form_token_or_from_another_site_is_refused(app, project):
    path = project / "briefings" / "emily.yaml"
    before = path.read_bytes()
    bare = TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False)
    fields = form_of(bare.get("/b/emily").text)
    unsigned = [(k, v) for k, v in fields if k != "csrf"] + [("subject", "X")]
    assert post(bare, "/b/emily/save", unsigned).status_code == 403
    assert post(bare, "/b/emily/save", [("csrf", "wrong"), *unsigned]).status_code == 403
    assert post(bare, "/new", [("csrf", app.csrf), ("name", "x")],
                origin="https://evil.example").status_code == 403
    assert post(bare, "/new", [("csrf", app.csrf), ("name", "x")],
                **{"sec-fetch-site": "cross-site"}).status_code == 403
    assert post(bare, "/b/emily/check", fields, origin="null").status_code == 403
    assert path.read_bytes() == before and not (project / "briefings" / "x.yaml").exists()
    # The editor's own page, without JavaScript: the token is a form field.
    assert post(bare, "/new", [("csrf", app.csrf), ("name", "x")],
                origin="http://127.0.0.1:8000").status_code == 303


def test_only_the_address_it_was_started_at_is_answered(app):
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert TestClient(app, base_url=f"http://{host}").get("/").status_code == 200
    rebound = TestClient(app, base_url="http://attacker.example:8000")
    assert rebound.get("/").status_code == 400


@pytest.mark.parametrize("name", ["..%2Fpyproject", "pyproject", "emily.yaml", ".emily",
                                  "%2Fetc%2Fpasswd", "emily%00"])
def test_no_path_from_the_browser_reaches_another_file(client, project, name):
    (project / "pyproject.yaml").write_text("title: outside\n")
    assert client.get(f"/b/{name}").status_code == 404
    assert post(client, f"/b/{name}/save", [("title", "x"), ("base", "")]).status_code == 404


def test_a_link_out_of_the_folder_is_not_followed(client, project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("title: secret\n")
    (project / "briefings" / "secret.yaml").symlink_to(outside)
    assert client.get("/b/secret").status_code == 404
    assert "secret" not in client.get("/").text


def test_requests_are_bounded(client):
    big = [("title", "x" * (3 * 1024 * 1024))]
    assert post(client, "/b/emily/check", big).status_code == 413
    upload = client.post("/import", files={"document": ("a.docx", b"x" * (11 * 1024 * 1024))})
    assert upload.status_code == 413


def test_away_from_this_computer_a_password_is_needed(project):
    app = create_app(load_settings(project), host="0.0.0.0", token_value="correct horse battery",
                     warm=False)
    browser = TestClient(app, base_url="http://192.0.2.10:8000", follow_redirects=False)
    assert browser.get("/").status_code == 303 and browser.get("/").headers["location"] == \
        "/login"
    assert browser.get("/b/emily").status_code == 303
    assert post(browser, "/b/emily/check", [("csrf", app.csrf)]).status_code == 401
    login = browser.get("/login")
    assert login.status_code == 200 and 'type="password"' in login.text
    wrong = post(browser, "/login", [("csrf", app.csrf), ("password", "guess")])
    assert wrong.status_code == 403
    right = post(browser, "/login", [("csrf", app.csrf), ("password", "correct horse battery")])
    assert right.status_code == 303 and "httponly" in right.headers["set-cookie"].lower()
    assert browser.get("/").status_code == 200
    script = TestClient(app, base_url="http://192.0.2.10:8000",
                        headers={"authorization": "Bearer correct horse battery"})
    assert script.get("/b/emily").status_code == 200


def test_the_password_comes_from_the_environment_or_a_file(tmp_path):
    assert editor_token("127.0.0.1", None, {}) is None
    assert editor_token("localhost", None, {}) is None
    with pytest.raises(Refused, match="BRIEFING_EDITOR_TOKEN"):
        editor_token("0.0.0.0", None, {})
    with pytest.raises(Refused, match="at least 12"):
        editor_token("0.0.0.0", None, {"BRIEFING_EDITOR_TOKEN": "short"})
    assert editor_token("0.0.0.0", None, {"BRIEFING_EDITOR_TOKEN": "a long password"}) == \
        "a long password"
    secret = tmp_path / "password"
    secret.write_text("from the file, long enough\n")
    assert editor_token("192.0.2.1", secret, {}) == "from the file, long enough"


def test_serve_refuses_to_start_away_from_this_computer_without_a_password(
        project, monkeypatch):
    monkeypatch.chdir(project)
    monkeypatch.delenv("BRIEFING_EDITOR_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "BRIEFING_EDITOR_TOKEN" in result.output
    assert CliRunner().invoke(main, ["serve", "--port", "0"]).exit_code == 2


def test_pages_say_what_the_browser_may_do(client):
    answer = client.get("/")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
