"""``StoreReader``: the HTTP layer's reads and writes, through the store's own API.

Every read goes through ``sitrep.store.query`` (``events``, ``event_counts``,
``articles``, ``places``, ``quotes``, ``article``), which holds the SQL (all
parameterised); every write through the store's writer.  This module writes
no SQL.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from ..errors import SitrepError
from ..pipeline import Context
from ..records import Analysis, Quarantined, RawDocument
from ..report.from_store import report_inputs
from ..report.model import ReportInputs
from ..store.index import LiveIndex
from .cache import AnswerCache
from .errors import ApiError
from .params import Filters


def _event_filters(f: Filters) -> dict[str, Any]:
    return {"place": f.place, "bbox": f.bbox, "date_from": f.date_from, "date_to": f.date_to, "type": f.type,
            "actor": f.actor, "text": f.text}


class StoreReader:
    """Reads (and, for ``POST /api/articles``, writes) the store at ``db``.

    With ``event_index`` the events' filter columns are loaded in memory now (``store/index.py``) and
    the event lists, the timeline and the map are cut from them; after a write they are loaded again in
    the background, and these are read in SQL until then.
    """

    def __init__(self, db: Path, cache_entries: int = 0, event_index: bool = False) -> None:
        from ..store import connection, query

        connection(db)  # opens (and migrates) it now: a bad file is an error at start-up, not on first request
        self.db = db
        self.query = query
        self._write_lock = threading.Lock()
        self._cache = AnswerCache(cache_entries)
        self.index: LiveIndex | None = None
        if event_index:
            self.index = LiveIndex(db)
            self.index.invalidate(wait=True)

    # --- lists --------------------------------------------------------------------------------

    def events(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        def read() -> tuple[list[dict[str, Any]], int]:
            found = self._indexed_events(f)
            if found is not None:
                return [json.loads(item) for item in found[0]], found[1]
            return self.query.events(self.db, **_event_filters(f), limit=f.limit, offset=f.offset)

        return self._cache.get(("events", f), read)

    def events_body(self, f: Filters) -> bytes | None:
        """The JSON answer of ``/api/events`` for ``f``, cut from the event index; None without one."""
        found = self._indexed_events(f)
        if found is None:
            return None
        items, total = found
        return b"".join((b'{"items":[', b",".join(items),
                         f'],"total":{total},"limit":{f.limit},"offset":{f.offset}}}'.encode()))

    def _indexed_events(self, f: Filters) -> tuple[list[bytes], int] | None:
        """The page's events encoded and the total, from the event index (None: no index at hand)."""
        live = self.index
        index = live.current() if live is not None else None
        if live is None or index is None:
            return None
        positions, total = index.page(**_event_filters(f), limit=f.limit, offset=f.offset)
        items = live.encoded(index, positions)
        return None if items is None else (items, total)

    def articles(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        return self.query.articles(self.db, text=f.text, date_from=f.date_from, date_to=f.date_to, place=f.place,
                                   limit=f.limit, offset=f.offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = self.query.article(self.db, article_id)
        return found

    def places(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        return self.query.places(self.db, text=f.text, limit=f.limit, offset=f.offset)

    def quotes(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        return self.query.quotes(self.db, speaker=f.speaker, text=f.text, place=f.place, date_from=f.date_from,
                                 date_to=f.date_to, limit=f.limit, offset=f.offset)

    def timeline(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        """Matching events per day and type (the interface's timeline)."""
        def read() -> tuple[list[dict[str, Any]], int]:
            body = self.timeline_body(f)
            if body is not None:
                return _items(body)
            return self.query.event_counts(self.db, by=("date", "type"), **_event_filters(f))

        return self._cache.get(("timeline", f), read)

    def map_points(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        """Matching events per place and type (the interface's map)."""
        def read() -> tuple[list[dict[str, Any]], int]:
            body = self.map_points_body(f)
            if body is not None:
                return _items(body)
            return self.query.event_counts(self.db, by=("place", "type"), **_event_filters(f))

        return self._cache.get(("map", f), read)

    def timeline_body(self, f: Filters) -> bytes | None:
        """The JSON answer of ``/api/timeline`` for ``f``, counted from the event index; None without one."""
        index = self.index.current() if self.index is not None else None
        return None if index is None else index.timeline_body(**_event_filters(f))

    def map_points_body(self, f: Filters) -> bytes | None:
        """The JSON answer of ``/api/map`` for ``f``, counted from the event index; None without one."""
        index = self.index.current() if self.index is not None else None
        return None if index is None else index.map_body(**_event_filters(f))

    # --- reports ----------------------------------------------------------------------------------

    def report_inputs(self, f: Filters, max_events: int) -> tuple[ReportInputs, int]:
        """Events of the place and period, with the figures, quotes and metadata of their articles."""
        scope = _event_filters(Filters(place=f.place, date_from=f.date_from, date_to=f.date_to))

        def page(limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
            items, total = self.query.events(self.db, **scope, limit=limit, offset=offset)
            return list(items), int(total)

        return report_inputs(page, self.article, max_events)

    # --- ingestion --------------------------------------------------------------------------------

    def ingest(self, documents: list[dict[str, Any]], ctx: Context) -> tuple[list[dict[str, Any]],
                                                                           list[dict[str, Any]]]:
        """Analyse and store documents; the ones that fail go to the store's quarantine as well."""
        from .. import extract_many
        from ..store import StoreWriter

        raws = [RawDocument(id=d["id"], text=d.get("text"), html=d.get("html"), url=d.get("url"),
                            published=d.get("published"), language=d.get("language"), origin=f"POST {d['id']}")
                for d in documents]
        results = list(extract_many(raws, ctx))
        self._cache.clear()
        stored: list[dict[str, Any]] = []
        refused: list[dict[str, Any]] = []
        with self._write_lock:
            try:
                with StoreWriter(self.db) as writer:
                    for result in results:
                        if isinstance(result, Quarantined):
                            writer.write_quarantine(result)
                            refused.append({"id": result.id, "code": result.code, "stage": result.stage,
                                            "reason": result.reason})
                        else:
                            _sort(writer.write_analysis(result), result, stored, refused)
            except SitrepError as exc:
                raise ApiError(500, "store_error", f"the store refused the articles: {exc}") from exc
            finally:
                self._cache.clear()  # this process is the store's only writer: nothing else can stale it
                if self.index is not None:
                    self.index.invalidate()  # read in SQL until it is loaded again
        return stored, refused


def _items(body: bytes) -> tuple[list[dict[str, Any]], int]:
    answer = json.loads(body)
    return answer["items"], int(answer["total"])


def _sort(outcome: str, a: Analysis, stored: list[dict[str, Any]], refused: list[dict[str, Any]]) -> None:
    row = {"id": a.article.id, "outcome": outcome, "events": len(a.events), "quotes": len(a.quotes),
           "places": len(a.places)}
    if outcome == "conflict":  # same id, other content: the stored article is kept
        refused.append({**row, "code": "conflict", "stage": "store",
                        "reason": "another article is stored under this id; give this one another id"})
    else:  # "stored", or "duplicate": the same content was there already
        stored.append(row)
