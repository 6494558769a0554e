"""The JSON API: ``/api/...``.  Each handler reads and checks its parameters
(``params.py``), asks the store through ``StoreReader`` and answers
``{"items": [...], "total": N}`` for lists.

The store is read in worker threads, so a slow query does not stall others.
The lists' handlers are coroutines that first look for the encoded answer in
the app's answer cache (``state.answers``; a repeated query costs no thread and
no store read), then, for ``/api/events``, ``/api/timeline`` and ``/api/map``,
cut or count it from the reader's event index (``store/index.py``, a
millisecond or less, in the event loop); they go to a thread only when neither
has it; a few such threads read at once (``ServeSettings.store_readers``), the
rest wait in line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal, get_args

import anyio.to_thread
from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..report import build_report, render_html, render_markdown, report_to_dict
from .errors import ERROR_SCHEMA, ApiError
from .params import Filters, parse_filters
from .security import REPORT_FILE_CSP
from .state import AppState, read_access, state_of, write_access

router = APIRouter(prefix="/api", dependencies=[Depends(read_access)])

PlaceQ = Annotated[str | None, Query(description="place name (as resolved, its text or its region), e.g. Aleppo")]
BBoxQ = Annotated[str | None, Query(description="bounding box west,south,east,north in degrees, e.g. 36,35,38,37")]
FromQ = Annotated[str | None, Query(alias="from", description="first day, ISO date, e.g. 2016-12-01")]
ToQ = Annotated[str | None, Query(alias="to", description="last day (inclusive), ISO date")]
TypeQ = Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")]
ActorQ = Annotated[str | None, Query(description="words of the source or target actor's name or text")]
TextQ = Annotated[str | None, Query(description="words searched in the event's evidence or the article text")]
SpeakerQ = Annotated[str | None, Query(description="words of the speaker's name")]
LimitQ = Annotated[int | None, Query(description="items per page (default 50, at most 1000)")]
OffsetQ = Annotated[int | None, Query(description="items to skip")]


class Page(BaseModel):
    """A page of a list: the items and how many match in all."""

    items: list[dict[str, Any]]
    total: int = Field(description="items matching the filters, over all pages")
    limit: int
    offset: int


class Buckets(BaseModel):
    items: list[dict[str, Any]]
    total: int = Field(description="events matching the filters")


class ArticleIn(BaseModel):
    """An article to ingest, in the output contract's input format: ``text`` or ``html``."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1, max_length=200, description="your identifier of the article")
    text: str | None = Field(None, description="the article as text (page chrome allowed)")
    html: str | None = Field(None, description="the article as an HTML page")
    url: str | None = Field(None, max_length=2000)
    published: date | None = Field(None, description="publication date, ISO")
    language: Literal["fr", "en"] | None = Field(None, description="force the language instead of detecting it")


class IngestResult(BaseModel):
    items: list[dict[str, Any]] = Field(description="articles stored: id and counts of what was found")
    quarantined: list[dict[str, Any]] = Field(description="articles refused, each with its reason")


def _encode(answer: dict[str, Any]) -> bytes:
    # As JSONResponse encodes.  Answered as a ready response: the store's items are JSON already, so
    # FastAPI's response validation (which the declared model still documents) would only cost time.
    return json.dumps(answer, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


async def _answer(state: AppState, what: str, filters: Filters, *, paged: bool) -> Response:
    """The JSON answer of list ``what`` (a method of the reader) for ``filters``, from the answer
    cache when it is there, else read from the store in the thread pool (and kept)."""
    key = (what, filters)
    body = state.answers.lookup(key)
    ready: Callable[[Filters], bytes | None] | None = getattr(state.reader, f"{what}_body", None)
    if body is None and ready is not None:
        # The reader can cut this answer from memory (the event index): in the event loop, without
        # a thread, as a cache hit would be.
        generation = state.answers.generation
        body = ready(filters)
        if body is not None:
            state.answers.keep(key, body, generation)
    if body is None:
        read: Callable[[Filters], tuple[list[dict[str, Any]], int]] = getattr(state.reader, what)

        def compute() -> bytes:
            items, total = read(filters)
            answer: dict[str, Any] = {"items": items, "total": total}
            if paged:
                answer.update(limit=filters.limit, offset=filters.offset)
            return _encode(answer)

        body = await anyio.to_thread.run_sync(state.answers.get, key, compute, limiter=state.store_readers())
    return Response(body, media_type="application/json")


# /api/events reads its query string itself: FastAPI's checking of nine declared parameters took more
# CPU than cutting the page from the event index.  They are documented and checked as FastAPI would
# (``_query_ints``: pydantic's integers, the first bad one named in a 400).
_EVENT_PARAMS: tuple[tuple[str, Any], ...] = (
    ("place", PlaceQ), ("bbox", BBoxQ), ("from", FromQ), ("to", ToQ), ("type", TypeQ), ("actor", ActorQ),
    ("q", TextQ), ("limit", LimitQ), ("offset", OffsetQ))
_INT = TypeAdapter(int)


def _documented(params: tuple[tuple[str, Any], ...]) -> list[dict[str, Any]]:
    """OpenAPI parameters, as FastAPI writes those of ``Annotated[T | None, Query(...)] = None``."""
    out = []
    for name, annotated in params:
        kind, query = get_args(annotated)
        schema_type = "integer" if int in get_args(kind) else "string"
        out.append({"name": name, "in": "query", "required": False,
                    "schema": {"anyOf": [{"type": schema_type}, {"type": "null"}], "description": query.description,
                               "title": name.title()},
                    "description": query.description})
    return out


def _query_ints(request: Request, *names: str) -> list[int | None]:
    values: list[int | None] = []
    for name in names:
        value = request.query_params.get(name)
        if value is None:
            values.append(None)
            continue
        try:
            values.append(_INT.validate_python(value))
        except ValidationError as exc:
            message = f"{name}: {exc.errors()[0]['msg']}, got {value[:80]!r}"
            raise ApiError(400, "bad_parameter", message, name) from None
    return values


@router.get("/events", response_model=Page, summary="Events, filtered and paged",
            description="Events found in the stored articles, newest first, each with its evidence span "
            "(article_id, start, end). Filters combine with AND.",
            responses={400: {"description": "a query parameter is wrong; the error names it",
                             "content": {"application/json": {"schema": ERROR_SCHEMA}}}},
            openapi_extra={"parameters": _documented(_EVENT_PARAMS)})
async def list_events(request: Request) -> Response:
    state = state_of(request)
    limit, offset = _query_ints(request, "limit", "offset")
    q = request.query_params
    filters = parse_filters(state.settings, place=q.get("place"), bbox=q.get("bbox"), date_from=q.get("from"),
                            date_to=q.get("to"), type=q.get("type"), actor=q.get("actor"), q=q.get("q"),
                            limit=limit, offset=offset)
    return await _answer(state, "events", filters, paged=True)


# The timeline and the map read their query strings as /api/events does (their answers are counted
# from the event index in about as little time as a page is cut).
_COUNT_PARAMS = _EVENT_PARAMS[:7]


def _count_filters(request: Request) -> Filters:
    q = request.query_params
    return parse_filters(state_of(request).settings, place=q.get("place"), bbox=q.get("bbox"),
                         date_from=q.get("from"), date_to=q.get("to"), type=q.get("type"), actor=q.get("actor"),
                         q=q.get("q"))


@router.get("/timeline", response_model=Buckets, summary="Events per day and type",
            description="Counts of the events matching the filters (same filters as /api/events), "
            "one item per day and type: {date, type, count}. Drawn by the interface's timeline.",
            responses={400: {"description": "a query parameter is wrong; the error names it",
                             "content": {"application/json": {"schema": ERROR_SCHEMA}}}},
            openapi_extra={"parameters": _documented(_COUNT_PARAMS)})
async def timeline(request: Request) -> Response:
    return await _answer(state_of(request), "timeline", _count_filters(request), paged=False)


@router.get("/map", response_model=Buckets, summary="Events per place and type",
            description="Counts of the events matching the filters, one item per place and type: "
            "{place, lat, lon, country, type, count}, most events first. Drawn by the interface's map.",
            responses={400: {"description": "a query parameter is wrong; the error names it",
                             "content": {"application/json": {"schema": ERROR_SCHEMA}}}},
            openapi_extra={"parameters": _documented(_COUNT_PARAMS)})
async def map_points(request: Request) -> Response:
    return await _answer(state_of(request), "map_points", _count_filters(request), paged=False)


@router.get("/articles", response_model=Page, summary="Stored articles",
            description="Articles with their metadata and counts (no text; ask /api/articles/{id} for it).")
async def list_articles(request: Request, q: TextQ = None, date_from: FromQ = None, date_to: ToQ = None,
                        place: PlaceQ = None, limit: LimitQ = None, offset: OffsetQ = None) -> Response:
    state = state_of(request)
    filters = parse_filters(state.settings, q=q, date_from=date_from, date_to=date_to, place=place,
                            limit=limit, offset=offset)
    return await _answer(state, "articles", filters, paged=True)


@router.get("/articles/{article_id}", summary="One article with everything found in it",
            description="The article in the output contract's shape: clean text, entities, quotes, times, "
            "quantities, places and events, every fact with its offsets into the text.",
            responses={404: {"description": "no article with this id"}})
def get_article(request: Request,
                article_id: Annotated[str, Path(description="the article's id, as given at ingestion")]
                ) -> dict[str, Any]:
    article = state_of(request).reader.article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article with id {article_id[:200]!r}", "article_id")
    return article


@router.post("/articles", status_code=201, response_model=IngestResult, summary="Ingest articles",
             dependencies=[Depends(write_access)],
             description="Analyse one article or a list of them (at most 50 a request) and store the results. "
             "Needs the API key set when the server started ('X-API-Key: KEY'). Articles that cannot be "
             "analysed come back in 'quarantined' with the reason.",
             responses={401: {"description": "missing or wrong API key"},
                        403: {"description": "the server was started without an API key"},
                        413: {"description": "request body too large"},
                        415: {"description": "the body is not sent as application/json"}})
def post_articles(request: Request,
                  body: Annotated[ArticleIn | list[ArticleIn], Body(description="one article or a list")]) -> Any:
    state = state_of(request)
    articles = body if isinstance(body, list) else [body]
    if not articles:
        raise ApiError(422, "bad_body", "the list of articles is empty")
    if len(articles) > 50:
        raise ApiError(413, "too_many_articles", f"{len(articles)} articles in one request; send at most 50")
    stored, quarantined = state.ingest([a.model_dump() for a in articles])
    return JSONResponse({"items": stored, "quarantined": quarantined}, status_code=201 if stored else 422)


@router.get("/places", response_model=Page, summary="Places named in the articles",
            description="Resolved places with coordinates and how many events happened there.")
async def list_places(request: Request, q: TextQ = None, limit: LimitQ = None,
                      offset: OffsetQ = None) -> Response:
    state = state_of(request)
    filters = parse_filters(state.settings, q=q, limit=limit, offset=offset)
    return await _answer(state, "places", filters, paged=True)


@router.get("/quotes", response_model=Page, summary="Quotes and their speakers",
            description="Direct and indirect quotes, each with its speaker and its span in its article.")
async def list_quotes(request: Request, speaker: SpeakerQ = None, q: TextQ = None, place: PlaceQ = None,
                      date_from: FromQ = None, date_to: ToQ = None, limit: LimitQ = None,
                      offset: OffsetQ = None) -> Response:
    state = state_of(request)
    filters = parse_filters(state.settings, speaker=speaker, q=q, place=place, date_from=date_from,
                            date_to=date_to, limit=limit, offset=offset)
    return await _answer(state, "quotes", filters, paged=True)


@router.get("/report", summary="Situation report",
            description="Key events day by day, figures and their trend, key statements with speakers and "
            "the sources counted, for a place and a period; every line links to its evidence. "
            "format=json (default), md (Markdown) or html (a standalone page).",
            responses={200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}}})
def get_report(request: Request, place: PlaceQ = None, date_from: FromQ = None, date_to: ToQ = None,
               format: Annotated[Literal["json", "md", "html"], Query(description="json, md or html")] = "json"
               ) -> Response:
    state = state_of(request)
    filters = parse_filters(state.settings, place=place, date_from=date_from, date_to=date_to)
    report, _ = situation_report(state, filters)
    base = str(request.base_url).rstrip("/") if format != "json" else ""
    if format == "md":
        return PlainTextResponse(render_markdown(report, base_url=base), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(render_html(report, base_url=base), headers={"Content-Security-Policy": REPORT_FILE_CSP})
    return JSONResponse(report_to_dict(report))


def situation_report(state: AppState, filters: Filters) -> tuple[Any, int]:
    """The report for the filters' place and period, and how many events were left unread (0 if none)."""
    inputs, unread = state.reader.report_inputs(filters, state.settings.report_max_events)
    report = build_report(inputs, place=filters.place, date_from=filters.date_from, date_to=filters.date_to)
    return report, unread
