"""Errors of the HTTP API: one JSON shape for every 4xx, an HTML page for the browser.

    {"error": {"status": 400, "code": "bad_parameter", "parameter": "bbox",
               "message": "bbox must be four numbers west,south,east,north, got 'x'"}}
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import SitrepError


class ApiError(Exception):
    """An error the client can fix, with the HTTP status to answer."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"status": self.status, "code": self.code, "message": self.message}
        if self.parameter:
            error["parameter"] = self.parameter
        return {"error": error}


# The one shape of every error answer, as the OpenAPI schema documents it.
ERROR_SCHEMA = {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"},
    "parameter": {"type": "string"}}}}}


def bad_parameter(parameter: str, message: str) -> ApiError:
    return ApiError(400, "bad_parameter", message, parameter)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(request: Request, error: ApiError) -> Response:
    if _wants_html(request):
        from .pages import render_page

        return render_page(request, "error.html", {"status": error.status, "message": error.message},
                           status_code=error.status, page="error", headers=error.headers)
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


_STATUS_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}


def install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _respond(request, exc)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /api for the endpoints"
        if exc.status_code == 405 and message == "Method Not Allowed":
            allowed = (exc.headers or {}).get("Allow") or (exc.headers or {}).get("allow")
            message = f"{request.method} is not allowed on {request.url.path}" + (f"; use {allowed}" if allowed else "")
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        return _respond(request, ApiError(exc.status_code, code, message, headers=dict(exc.headers or {})))

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {}
        if "body" in first.get("loc", ()):
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media and media != "application/json" and not media.endswith("+json"):
                return _respond(request, ApiError(415, "unsupported_media_type",
                                                  f"the body must be JSON sent as 'Content-Type: application/json', "
                                                  f"not {media or 'no content type'!r}"))
            if first.get("type") == "json_invalid":
                where = first.get("loc", ("body", "?"))[-1]
                reason = (first.get("ctx") or {}).get("error", "invalid JSON")
                return _respond(request, ApiError(422, "bad_json",
                                                  f"the body is not valid JSON: {reason} at character {where}"))
        loc = [str(x) for x in first.get("loc", ()) if x not in ("query", "body", "path")]
        parameter = ".".join(loc) or None
        got = first.get("input")
        message = f"{parameter or 'request'}: {first.get('msg', 'invalid value')}"
        if got is not None and not isinstance(got, dict | list):
            message += f", got {str(got)[:80]!r}"
        return _respond(request, ApiError(400 if "query" in first.get("loc", ()) else 422,
                                          "bad_parameter" if "query" in first.get("loc", ()) else "bad_body",
                                          message, parameter))

    async def on_sitrep_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SitrepError)
        return _respond(request, ApiError(422, getattr(exc, "code", "E000"), str(exc)))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(SitrepError, on_sitrep_error)
