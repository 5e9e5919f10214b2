"""`check --online`, against a web server on this machine only."""

import http.server
import threading

import pytest
from helpers import minimal, write

from briefing_builder import check
from briefing_builder.settings import Settings


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_links_that_do_not_answer_are_warnings(tmp_path, server):
    path = write(tmp_path, "l.yaml", minimal(
        resources=[{"title": "Good", "url": f"{server}/ok"},
                   {"title": "Gone", "url": f"{server}/gone"}],
        background=f"See [the old page]({server}/moved)."))
    [offline] = check([path], Settings())
    assert offline.problems == []
    [item] = check([path], Settings(), online=True)
    assert [(p.code, p.severity.value) for p in item.problems] == [
        ("link-unreachable", "warning"), ("link-unreachable", "warning")]
    assert item.problems[0].message == f"{server}/moved: the server answered 404 Not Found"
    assert item.problems[1].message.startswith(f"{server}/gone")
