"""Rendering of the interface's HTML pages (Jinja2, autoescaped)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from ..web import environment


def root_of(request: Request) -> str:
    return str(request.scope.get("root_path") or "").rstrip("/")


def render_page(request: Request, template: str, context: dict[str, Any], *, page: str,
                json_twin: str | None = None, status_code: int = 200,
                headers: dict[str, str] | None = None) -> HTMLResponse:
    root = root_of(request)
    values = {"root": root, "page": page, "json_twin": f"{root}{json_twin}" if json_twin else None, **context}
    body = environment().get_template(template).render(**values)
    return HTMLResponse(body, status_code=status_code, headers=headers)
