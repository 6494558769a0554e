"""``create_app``: the FastAPI application serving the JSON API and the web interface."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..web import STATIC_DIR
from .errors import ERROR_SCHEMA, install_error_handlers
from .security import SecurityMiddleware
from .settings import ServeSettings
from .state import AppState

DESCRIPTION = (
    "Sitrep reads news articles and says what happened: events (who did what to whom, where, when, how "
    "many), quotes and speakers, places, dates and figures. Every fact carries its evidence: the article id "
    "and the character offsets of the words it was read from. Lists answer {\"items\": [...], \"total\": N} "
    "with limit/offset paging; every page of the web interface has its JSON twin here."
)


def create_app(settings: ServeSettings, reader: Any | None = None) -> FastAPI:
    """The application over the store at ``settings.db`` (or over ``reader`` when given)."""
    if reader is None:
        from .data import StoreReader

        reader = StoreReader(settings.db, cache_entries=settings.cache_entries,
                              event_index=settings.event_index)
    app = FastAPI(title="Sitrep", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_tags=[{"name": "sitrep"}])
    app.state.sitrep = AppState(settings=settings, reader=reader)
    install_error_handlers(app)
    from . import routes, ui

    app.include_router(routes.router)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(SecurityMiddleware, settings=settings)
    _document_errors(app)
    return app




def _document_errors(app: FastAPI) -> None:
    """The schema says what the API answers: a bad query parameter is a 400 (not FastAPI's 422),
    and every error has the one JSON shape of ``errors.py``."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            error = {"application/json": {"schema": ERROR_SCHEMA}}
            for methods in schema.get("paths", {}).values():
                for method, op in methods.items():
                    responses = op.setdefault("responses", {})
                    if method == "get" and "422" in responses:
                        del responses["422"]
                        responses["400"] = {"description": "a query parameter is wrong; the error names it",
                                            "content": error}
                    elif "422" in responses:
                        responses["422"] = {"description": "the body is not a valid article or list of articles",
                                            "content": error}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
