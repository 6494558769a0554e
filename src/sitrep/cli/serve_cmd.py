"""``sitrep serve --db PATH``: the HTTP API and the web interface."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import InputError
from .common import config_from_args


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the store over HTTP: JSON API, map, timeline, article view and situation reports",
        description="Serve a Sitrep store: the JSON API under /api (documented at /api and /openapi.json) and "
        "the web interface at /. Reads are public unless --keyed-read; ingestion (POST /api/articles) needs "
        "the API key.",
    )
    p.add_argument("--db", required=True, metavar="PATH", help="the store (made by `sitrep ingest`)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--api-key", metavar="KEY",
                   help="key for POST /api/articles (and for reads with --keyed-read); default: $SITREP_API_KEY. "
                   "Without one the server is read-only")
    read = p.add_mutually_exclusive_group()
    read.add_argument("--public-read", dest="public_read", action="store_true", default=True,
                      help="anyone may read (the default)")
    read.add_argument("--keyed-read", dest="public_read", action="store_false",
                      help="reads need the API key too (X-API-Key header)")
    p.add_argument("--tiles", metavar="URL", default="",
                   help="map tile template, e.g. https://tile.example.org/{z}/{x}/{y}.png; default: none, the map "
                   "draws country outlines shipped with Sitrep (works offline)")
    p.add_argument("--tiles-attribution", metavar="TEXT", default="", help="credit shown for the tiles")
    p.add_argument("--max-body", type=int, default=6_000_000, metavar="BYTES",
                   help="largest request body accepted (default 6000000)")
    p.add_argument("--cache", type=int, default=1024, metavar="N",
                   help="answers of list queries kept in memory (default 1024; 0 turns the cache off); "
                   "emptied whenever the server writes")
    p.add_argument("--no-event-index", dest="event_index", action="store_false",
                   help="answer /api/events from SQL only, without the in-memory event index (saves about 130 MB "
                   "and a few seconds of start-up per 100,000 events; list queries become about ten times dearer)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..api import ServeSettings, create_app

    db = Path(args.db)
    if not db.is_file():
        raise InputError(f"no store at {db}: make one with `sitrep ingest SOURCE --db {db}`")
    if not 0 < args.port < 65536:
        raise InputError(f"--port must be between 1 and 65535, got {args.port}")
    settings = ServeSettings(db=db, api_key=args.api_key or os.environ.get("SITREP_API_KEY") or None,
                             public_read=args.public_read, tiles_url=args.tiles,
                             tiles_attribution=args.tiles_attribution, max_body_bytes=args.max_body,
                             cache_entries=max(0, args.cache), event_index=args.event_index,
                             config=config_from_args(args))
    app = create_app(settings)
    where = f"http://{args.host}:{args.port}/"
    writes = "ingestion on (API key set)" if settings.api_key else "read-only (no API key)"
    print(f"sitrep: serving {db} at {where} ({writes})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False,
                limit_concurrency=200, timeout_keep_alive=5)
    return 0
