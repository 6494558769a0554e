"""``sitrep events``, ``sitrep export`` and ``sitrep quarantine``: read a store made by ``sitrep ingest``.

Thin commands over ``sitrep.store.query`` and ``sitrep.store.export``; each
is registered in ``cli.main.COMMANDS`` through the namespace objects at the
bottom (``EVENTS``, ``EXPORT``, ``QUARANTINE``).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

from ..config import parse_date
from ..errors import InputError
from .common import add_config_flags, open_output
from .fetch_flags import add_fetch_flags

SubParsers = argparse._SubParsersAction  # type: ignore[type-arg]
EVENT_COLUMNS = ("date", "type", "place", "source", "target", "fatalities", "article_id", "evidence_text")


def _db_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="PATH", help="the store (made by `sitrep ingest`)")


def _existing_db(path: str) -> Path:
    db = Path(path)
    if not db.is_file():
        raise InputError(f"no store at {db}: make one with `sitrep ingest SOURCE --db {db}`")
    return db


# --- sitrep events ------------------------------------------------------------------------------------------


def add_events_parser(sub: SubParsers) -> None:
    p = sub.add_parser("events", help="list the stored events, filtered",
                       description="List events from a store, newest first. Filters combine (AND).")
    _db_flag(p)
    p.add_argument("--place", metavar="P", help="events at this place (its name, words or region; any case)")
    p.add_argument("--from", dest="date_from", metavar="D", help="events on or after this day (ISO, 2016-12-01)")
    p.add_argument("--to", dest="date_to", metavar="D", help="events on or before this day (ISO)")
    p.add_argument("--type", metavar="T", help="PLOVER event type, e.g. ASSAULT, PROTEST")
    p.add_argument("--actor", metavar="A", help="words in the source or target actor's name or text")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table",
                   help="table (readable, the default), json ({items, total}) or csv (one row an event)")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N events (default 50)")
    p.add_argument("--merged", action="store_true",
                   help="one row per event however many articles told it, with its number of independent sources "
                   "(near-duplicate articles count once), most sources first")
    p.add_argument("--min-sources", type=int, default=1, metavar="N",
                   help="with --merged: only events told by at least N independent sources")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(handler=run_events)


def _event_row(e: dict[str, Any]) -> dict[str, Any]:
    place, source, target = e.get("place") or {}, e.get("source") or {}, e.get("target") or {}
    return {"date": e.get("date"), "type": e.get("type"), "place": place.get("name"),
            "source": source.get("name") or source.get("text"), "target": target.get("name") or target.get("text"),
            "fatalities": e.get("fatalities"), "article_id": e.get("article_id"),
            "evidence_text": e.get("evidence_text")}


def run_events(args: argparse.Namespace) -> int:
    from ..store import query

    if args.limit < 1:
        raise InputError(f"--limit must be 1 or more, got {args.limit}")
    start = parse_date(args.date_from, what="--from") if args.date_from else None
    end = parse_date(args.date_to, what="--to") if args.date_to else None
    if args.merged:
        return _merged(args, start, end)
    items, total = query.events(_existing_db(args.db), place=args.place, date_from=start, date_to=end,
                                type=args.type, actor=args.actor, limit=args.limit)
    with open_output(args.output) as out:
        if args.format == "json":
            json.dump({"items": items, "total": total}, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
            writer.writeheader()
            writer.writerows(_event_row(e) for e in items)
        else:
            _table(out, [_event_row(e) for e in items], EVENT_COLUMNS, f"{len(items)} of {total} event(s)")
    return 0


MERGED_COLUMNS = ("date_first", "date_last", "type", "place", "sources", "articles", "fatalities", "evidence_text")


def _merged(args: argparse.Namespace, start: Any, end: Any) -> int:
    from ..store.clusters import merged_events

    items, total = merged_events(_existing_db(args.db), place=args.place, date_from=start, date_to=end,
                                 type=args.type, actor=args.actor, min_sources=args.min_sources, limit=args.limit)
    rows = [{"date_first": i["date_first"], "date_last": i["date_last"], "type": i["type"],
             "place": i["place_name"], "sources": i["sources"], "articles": i["articles"],
             "fatalities": i["fatalities"], "evidence_text": (i["evidence"][0]["text"] if i["evidence"] else "")}
            for i in items]
    with open_output(args.output) as out:
        if args.format == "json":
            json.dump({"items": items, "total": total}, out, ensure_ascii=False, indent=2, default=str)
            out.write("\n")
        elif args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=MERGED_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        else:
            _table(out, rows, MERGED_COLUMNS, f"{len(items)} of {total} event(s), merged across articles")
    return 0


def _table(out: IO[str], rows: list[dict[str, Any]], columns: tuple[str, ...], caption: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, caption=caption, show_lines=False)
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c])[:120] for c in columns))
    Console(file=out, width=None if out.isatty() else 200).print(table)


# --- sitrep export ------------------------------------------------------------------------------------------


def add_export_parser(sub: SubParsers) -> None:
    p = sub.add_parser("export", help="export a whole table of the store (CSV, JSONL, Parquet, GeoJSON)",
                       description="Export stored articles, events, places or quotes, one flat row each. "
                       "GeoJSON holds the events or places that have coordinates, as points.")
    _db_flag(p)
    p.add_argument("--what", required=True, choices=("articles", "events", "places", "quotes"),
                   help="which table to export")
    p.add_argument("--format", required=True, choices=("csv", "jsonl", "parquet", "geojson"),
                   help="csv, jsonl (an object a line), parquet (needs -o) or geojson (events or places)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (required for parquet)")
    p.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from ..store import export

    db = _existing_db(args.db)
    if args.format == "parquet":
        if args.output in (None, "-"):
            raise InputError("--format parquet writes a binary file: give it with -o FILE")
        export.to_parquet(db, args.what, args.output)
        return 0
    if args.format == "geojson" and args.what not in ("events", "places"):
        raise InputError(f"{args.what} have no coordinates: export events or places as GeoJSON")
    columns, rows = export.rows(db, args.what)
    with open_output(args.output) as out:
        if args.format == "csv":
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows(rows)
        elif args.format == "jsonl":
            for row in rows:
                out.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
        else:
            _geojson(out, columns, rows)
    return 0


def _geojson(out: IO[str], columns: list[str], rows: Any) -> None:
    """A FeatureCollection written feature by feature (a large store needs no list in memory)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for row in rows:
        props = dict(zip(columns, row, strict=True))
        lat, lon = props.pop("lat"), props.pop("lon")
        if lat is None or lon is None:
            continue
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        out.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
        first = False
    out.write("\n]}\n")


# --- sitrep quarantine --------------------------------------------------------------------------------------


def add_quarantine_parser(sub: SubParsers) -> None:
    p = sub.add_parser("quarantine", help="list the documents a store could not process, with the reasons",
                       description="List quarantined documents, latest first: where each came from, the stage "
                       "and error code, the reason and the start of its input.")
    _db_flag(p)
    p.add_argument("--format", choices=("table", "json"), default="table", help="table (the default) or json")
    p.add_argument("--limit", type=int, default=100, metavar="N", help="at most N documents (default 100)")
    p.add_argument("--retry", action="store_true",
                   help="read every quarantined document again from its origin (file, JSONL line, WARC record, "
                   "URL) and ingest it; records whose input was not kept (stdin, the HTTP API) stay")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="with --retry: analyse in N processes")
    add_config_flags(p)
    add_fetch_flags(p)
    p.set_defaults(handler=run_quarantine)


def run_quarantine(args: argparse.Namespace) -> int:
    from ..store import query

    if args.retry:
        from .retry_cmd import run_retry

        return run_retry(args, _existing_db(args.db))
    if args.limit < 1:
        raise InputError(f"--limit must be 1 or more, got {args.limit}")
    items, total = query.quarantine(_existing_db(args.db), limit=args.limit)
    with open_output(None) as out:
        if args.format == "json":
            json.dump({"items": items, "total": total}, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            _table(out, items, ("at", "origin", "stage", "code", "reason"), f"{len(items)} of {total} quarantined")
    return 0


EVENTS = SimpleNamespace(add_parser=add_events_parser)
EXPORT = SimpleNamespace(add_parser=add_export_parser)
QUARANTINE = SimpleNamespace(add_parser=add_quarantine_parser)
