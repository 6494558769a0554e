"""The web interface's pages.  Each page has a JSON twin under ``/api`` that it
links to; the pages render on the server (they work without script), and the
events page's map and timeline are drawn by ``static/app.js`` from the API.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ..report.model import Evidence
from ..web.article_view import article_view
from .errors import ApiError, bad_parameter
from .pages import render_page, root_of
from .params import EVENT_TYPES, Filters, parse_filters
from .routes import situation_report
from .state import read_access, state_of

router = APIRouter(dependencies=[Depends(read_access)], include_in_schema=False)

_HL = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def _args(request: Request, *names: str) -> dict[str, Any]:
    """Query parameters by the names ``parse_filters`` takes (from/to become date_from/date_to)."""
    q = request.query_params
    out: dict[str, Any] = {}
    for name in names:
        key = {"date_from": "from", "date_to": "to"}.get(name, name)
        if key in q:
            value = q[key]
            if name in ("limit", "offset"):
                try:
                    out[name] = int(value)
                except ValueError:
                    raise bad_parameter(name, f"{name} must be a whole number, got {value[:20]!r}") from None
            else:
                out[name] = value
    return out


def _pager(request: Request, filters: Filters, total: int) -> dict[str, Any]:
    path = request.url.path
    prev_href = next_href = None
    if filters.offset > 0:
        prev_href = path + "?" + filters.query(offset=max(0, filters.offset - filters.limit))
    if filters.offset + filters.limit < total:
        next_href = path + "?" + filters.query(offset=filters.offset + filters.limit)
    return {"total": total, "limit": filters.limit, "offset": filters.offset,
            "prev_href": prev_href, "next_href": next_href}


def _with_refs(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items gain ``evidence_ref`` (an Evidence) for the templates' evidence links."""
    out = []
    for item in items:
        found = item.get("evidence")
        ev: dict[str, Any] = found if isinstance(found, dict) else item
        if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
            item = {**item, "evidence_ref": Evidence(str(item.get("article_id") or ""), ev["start"], ev["end"])}
        else:
            item = {**item, "evidence_ref": None}
        out.append(item)
    return out


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    state = state_of(request)
    filters = parse_filters(state.settings, **_args(request, "place", "bbox", "date_from", "date_to", "type",
                                                    "actor", "q", "limit", "offset"))
    items, total = state.reader.events(filters)
    page = {"items": _with_refs(items), **_pager(request, filters, total)}
    query = filters.query(limit=None, offset=0)
    report_query = Filters(place=filters.place, date_from=filters.date_from, date_to=filters.date_to).query(
        limit=None)
    settings = state.settings
    return render_page(request, "index.html", {
        "filters": filters.form(), "page": page, "event_types": EVENT_TYPES, "query": query,
        "report_query": report_query, "tiles": {"url": settings.tiles_url, "attribution": settings.tiles_attribution},
    }, page="index", json_twin="/api/events" + ("?" + filters.query() if filters.query() else ""))


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request) -> HTMLResponse:
    state = state_of(request)
    filters = parse_filters(state.settings, **_args(request, "q", "date_from", "date_to", "place", "limit",
                                                    "offset"))
    items, total = state.reader.articles(filters)
    return render_page(request, "articles.html", {
        "filters": filters.form(), "page": {"items": items, **_pager(request, filters, total)},
    }, page="articles", json_twin="/api/articles" + ("?" + filters.query() if filters.query() else ""))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    state = state_of(request)
    data = state.reader.article(article_id)
    if data is None:
        raise ApiError(404, "not_found", f"no article with id {article_id[:200]!r}")
    target = None
    hl = request.query_params.get("hl")
    if hl:
        match = _HL.match(hl)
        if not match or int(match.group(1)) >= int(match.group(2)):
            raise bad_parameter("hl", f"hl must be START-END character offsets, got {hl[:40]!r}")
        target = (int(match.group(1)), int(match.group(2)))
    view = article_view(data, root=root_of(request), target=target)
    return render_page(request, "article.html", {"article": _article_meta(data), "target": {
        "start": target[0], "end": target[1]} if target else None, **view},
        page="article", json_twin=f"/api/articles/{quote(article_id, safe='')}")


def _article_meta(data: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "title", "published", "site", "language", "author", "url")
    meta = {k: data.get(k) for k in keys}
    meta["credits"] = [str(c) for c in data.get("credits") or []]
    return meta


@router.get("/places", response_class=HTMLResponse)
def places(request: Request) -> HTMLResponse:
    state = state_of(request)
    filters = parse_filters(state.settings, **_args(request, "q", "limit", "offset"))
    items, total = state.reader.places(filters)
    return render_page(request, "places.html", {"page": {"items": items, **_pager(request, filters, total)}},
                       page="places", json_twin="/api/places" + ("?" + filters.query() if filters.query() else ""))


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request) -> HTMLResponse:
    state = state_of(request)
    filters = parse_filters(state.settings, **_args(request, "speaker", "q", "place", "date_from", "date_to",
                                                    "limit", "offset"))
    items, total = state.reader.quotes(filters)
    return render_page(request, "quotes.html", {
        "filters": filters.form(), "page": {"items": _with_refs(items), **_pager(request, filters, total)},
    }, page="quotes", json_twin="/api/quotes" + ("?" + filters.query() if filters.query() else ""))


@router.get("/report", response_class=HTMLResponse)
def report(request: Request) -> HTMLResponse:
    state = state_of(request)
    filters = parse_filters(state.settings, **_args(request, "place", "date_from", "date_to"))
    report, unread = situation_report(state, filters)
    query = Filters(place=filters.place, date_from=filters.date_from, date_to=filters.date_to).query(limit=None)
    return render_page(request, "report.html", {
        "report": report, "filters": filters.form(), "query": query, "truncated": unread,
    }, page="report", json_twin="/api/report" + ("?" + query if query else ""))


@router.get("/api", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _type_name(p.get("schema", {})), "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            endpoints.append({"id": op.get("operationId", path), "method": method.upper(), "path": path,
                              "summary": op.get("summary", ""), "description": op.get("description", ""),
                              "parameters": params, "responses": sorted(op.get("responses", {}))})
    state = state_of(request)
    return render_page(request, "api_docs.html", {
        "info": schema.get("info", {}), "openapi_version": schema.get("openapi", ""), "endpoints": endpoints,
        "public_read": state.settings.public_read, "has_key": bool(state.settings.api_key),
    }, page="api", json_twin="/openapi.json")


def _type_name(schema: dict[str, Any]) -> str:
    if "type" in schema:
        return str(schema["type"])
    options = [s.get("type", "") for s in schema.get("anyOf", []) if s.get("type") != "null"]
    return " | ".join(o for o in options if o) or "value"
