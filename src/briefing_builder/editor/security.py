"""What stands between the editor and anyone else: which addresses it answers at, who may
use it, requests that change something only from its own pages, and bounded requests.

`Guard` is ASGI middleware around the whole app:

- the Host header must name the address the editor was started at (a page elsewhere that
  points its own domain name at 127.0.0.1 gets nothing);
- away from this computer, every request needs the password (a session cookie set by
  /login, or `Authorization: Bearer …`);
- a POST must come from the editor's own page: not from another site (Origin,
  Sec-Fetch-Site), and with the editor's form token (the `X-CSRF-Token` header, the
  `csrf` form field or query parameter); otherwise 403;
- a request body is at most `limit` bytes (`upload_limit` for an uploaded document): 413.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
COOKIE = "briefing_editor"
FORM_LIMIT = 2 * 1024 * 1024
UPLOAD_LIMIT = 10 * 1024 * 1024
UPLOAD_PATHS = ("/import",)
OPEN_PATHS = ("/login", "/static/")
HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach: 127.0.0.1, ::1, localhost."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


class Guard:
    """The ASGI middleware described above."""

    def __init__(self, app, *, host: str, token: str | None, csrf: str | None = None,
                 limit: int = FORM_LIMIT, upload_limit: int = UPLOAD_LIMIT) -> None:
        self.app, self.host, self.token = app, host.strip("[]"), token
        self.csrf = csrf or secrets.token_urlsafe(32)
        self.session = hmac.new(self.csrf.encode(), (token or "").encode(),
                                hashlib.sha256).hexdigest()
        self.limit, self.upload_limit = limit, upload_limit

    def host_allowed(self, header: str) -> bool:
        name = urlsplit(f"//{header}").hostname or ""
        if is_wildcard(self.host):
            return bool(name)
        return name == self.host.lower() or name in LOOPBACK_NAMES

    def signed_in(self, headers: dict[str, str]) -> bool:
        if self.token is None:
            return True
        bearer = headers.get("authorization", "")
        if bearer.startswith("Bearer ") and hmac.compare_digest(
                bearer[7:].strip().encode(), self.token.encode()):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie is no session
            return False
        value = cookie.get(COOKIE)
        return value is not None and hmac.compare_digest(value.value, self.session)

    def password_matches(self, given: str) -> bool:
        return self.token is not None and hmac.compare_digest(given.encode(),
                                                               self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        path, method = scope.get("path", "/"), scope.get("method", "GET")
        send = _with_headers(send)
        if not self.host_allowed(headers.get("host", "")):
            await _plain(send, 400, "This editor does not answer at that address.")
            return
        if not self.signed_in(headers) and not path.startswith(OPEN_PATHS):
            if method in SAFE_METHODS:
                await _redirect(send, "/login")
            else:
                await _plain(send, 401, "Sign in first.")
            return
        if method in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        refusal = self._cross_site(headers)
        if refusal:
            await _plain(send, 403, refusal)
            return
        limit = self.upload_limit if path.startswith(UPLOAD_PATHS) else self.limit
        body = await _body(receive, headers, limit)
        if body is None:
            await _plain(send, 413, f"The request is larger than {limit // 1024 // 1024} MB.")
            return
        if not self._token_given(scope, headers, body):
            await _plain(send, 403, "This request did not come from the editor's own page "
                         "(its form token is missing or old): reload the page and try again.")
            return
        await self.app(scope, _replay(body), send)

    def _cross_site(self, headers: dict[str, str]) -> str | None:
        site = headers.get("sec-fetch-site")
        if site and site not in ("same-origin", "none"):
            return "A request from another site was refused."
        origin = headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != headers.get("host"):
            return "A request from another site was refused."
        if origin == "null":
            return "A request from another site was refused."
        return None

    def _token_given(self, scope: Scope, headers: dict[str, str], body: bytes) -> bool:
        given = headers.get("x-csrf-token")
        if not given:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("csrf") or [None])[0]
        if not given and headers.get("content-type", "").startswith(
                "application/x-www-form-urlencoded"):
            try:
                fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=5000)
            except ValueError:  # more fields than any briefing's form has
                return False
            given = (fields.get("csrf") or [None])[0]
        return bool(given) and hmac.compare_digest(given.encode(), self.csrf.encode())


async def _body(receive: Receive, headers: dict[str, str], limit: int) -> bytes | None:
    """The whole request body, or None once it is longer than `limit`."""
    try:
        if int(headers.get("content-length") or 0) > limit:
            return None
    except ValueError:
        return None
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _with_headers(send: Send) -> Send:
    async def wrapped(message: dict) -> None:
        if message["type"] == "http.response.start":
            names = {name for name, _ in message.get("headers", [])}
            message["headers"] = list(message.get("headers", [])) + \
                [(name, value) for name, value in HEADERS if name not in names]
        await send(message)

    return wrapped


async def _plain(send: Send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": text.encode("utf-8")})


async def _redirect(send: Send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1"))]})
    await send({"type": "http.response.body", "body": b""})
