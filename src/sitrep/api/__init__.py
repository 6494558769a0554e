"""Sitrep over HTTP: the JSON API and the web interface, from one FastAPI app.

    from sitrep.api import ServeSettings, create_app
    app = create_app(ServeSettings(db=Path("news.duckdb")))

``sitrep serve --db PATH`` runs it with uvicorn.
"""

from __future__ import annotations

from .app import create_app
from .settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
