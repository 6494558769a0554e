"""Security of the HTTP layer: response headers, request size limits, the API key.

The Content-Security-Policy allows scripts and styles from this server only:
no inline script, no ``eval``, no other origin except the configured tile
server for map images.  So even text that slipped through escaping could not
run.  Size limits are enforced before the body reaches the application, by
``Content-Length`` and again while the body streams in (a client may lie).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request

from .errors import ApiError
from .settings import ServeSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def content_security_policy(settings: ServeSettings) -> str:
    images = " ".join(x for x in ("'self'", "data:", settings.tiles_origin) if x)
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {images}",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


# The standalone HTML report carries its stylesheet inline and no script at all.
REPORT_FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; " \
                  "form-action 'none'; frame-ancestors 'none'"


def security_headers(settings: ServeSettings) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", content_security_policy(settings).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
        (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
    ]


class SecurityMiddleware:
    """Adds the security headers to every response and enforces the request limits."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app = app
        self.settings = settings
        self.headers = security_headers(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        path_len = len(scope.get("raw_path") or scope["path"]) + len(scope.get("query_string") or b"")
        if path_len > self.settings.max_url_chars:
            await _error(send, 414, "uri_too_long",
                         f"the URL is longer than {self.settings.max_url_chars} characters; use fewer filters")
            return
        declared = _content_length(scope)
        limit = self.settings.max_body_bytes
        if declared is not None and declared > limit:
            await _error(send, 413, "body_too_large", f"the request body is {declared} bytes; the limit is {limit}")
            return
        if declared is None and scope["method"] in ("POST", "PUT", "PATCH"):
            # A body sent without Content-Length (chunked) is read here, up to the limit, before
            # the application sees any of it; the server enforces a declared length itself.
            body = await _read_limited(receive, limit)
            if body is None:
                await _error(send, 413, "body_too_large", f"the request body is over the limit of {limit} bytes")
                return
            receive = _replay(body)
        await self.app(scope, receive, send)

    def _with_headers(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        return wrapped


async def _read_limited(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"status": status, "code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def presented_key(request: Request) -> str | None:
    """The key a client sent: ``X-API-Key: KEY`` or ``Authorization: Bearer KEY``."""
    key = request.headers.get("x-api-key")
    if key:
        return key
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_key(request: Request, settings: ServeSettings) -> None:
    """Raise a 401 unless the request carries the server's API key (compared in constant time)."""
    expected = settings.api_key
    given = presented_key(request)
    if expected is None:
        raise ApiError(403, "ingestion_disabled", "this server was started without an API key, so it accepts no "
                       "writes; restart it with --api-key (or SITREP_API_KEY)")
    if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "a valid API key is required: send it as 'X-API-Key: KEY' or "
                       "'Authorization: Bearer KEY'", headers={"WWW-Authenticate": "Bearer"})
