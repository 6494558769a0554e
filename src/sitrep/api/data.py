"""``StoreReader``: the HTTP layer's reads and writes, through the store's own API.

Every read goes through ``sitrep.store.query`` (``events``, ``articles``,
``places``, ``quotes``, ``article``), which holds the SQL (parameterised).
This module writes no SQL.  The timeline and the map need counts per day and
per place; they are read from the store's ``event_counts`` when it has one,
else counted here over the matching events, page by page, up to
``MAX_COUNTED`` events (the answer then says ``"partial": true``).
"""

from __future__ import annotations

import inspect
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ResourceError, SitrepError
from ..pipeline import Context
from ..records import Analysis, Quarantined, RawDocument
from ..report.from_store import report_inputs
from ..report.model import ReportInputs
from .errors import ApiError
from .params import Filters

MAX_COUNTED = 50_000  # events counted for the timeline and the map when the store cannot count them
PAGE = 1000


def _call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a store function with the keyword filters it takes (None ones left out)."""
    params = inspect.signature(fn).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    given = {k: v for k, v in kwargs.items() if v is not None and (takes_any or k in params)}
    return fn(*args, **given)


def _event_filters(f: Filters) -> dict[str, Any]:
    return {"place": f.place, "bbox": f.bbox, "date_from": f.date_from, "date_to": f.date_to, "type": f.type,
            "actor": f.actor, "text": f.text}


class StoreReader:
    """Reads (and, for ``POST /api/articles``, writes) the store at ``db``."""

    def __init__(self, db: Path) -> None:
        try:
            from ..store import query
        except ImportError as exc:  # the store package is part of Sitrep; a broken install says so
            raise ResourceError(f"the store's query API (sitrep.store.query) cannot be imported: {exc}") from exc
        self.db = db
        self.query = query
        self._write_lock = threading.Lock()

    # --- lists --------------------------------------------------------------------------------

    def events(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        items, total = _call(self.query.events, self.db, **_event_filters(f), limit=f.limit, offset=f.offset)
        return [dict(i) for i in items], int(total)

    def articles(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        items, total = _call(self.query.articles, self.db, text=f.text, date_from=f.date_from, date_to=f.date_to,
                             place=f.place, limit=f.limit, offset=f.offset)
        return [dict(i) for i in items], int(total)

    def article(self, article_id: str) -> dict[str, Any] | None:
        found = self.query.article(self.db, article_id)
        return dict(found) if found is not None else None

    def places(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        items, total = _call(self.query.places, self.db, text=f.text, limit=f.limit, offset=f.offset)
        return [dict(i) for i in items], int(total)

    def quotes(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        items, total = _call(self.query.quotes, self.db, speaker=f.speaker, text=f.text, place=f.place,
                             date_from=f.date_from, date_to=f.date_to, limit=f.limit, offset=f.offset)
        return [dict(i) for i in items], int(total)

    # --- counts for the timeline and the map ----------------------------------------------------

    def _matching(self, f: Filters, cap: int) -> tuple[list[dict[str, Any]], int]:
        items, total = [], 0
        offset = 0
        while offset < cap:
            page, total = _call(self.query.events, self.db, **_event_filters(f), limit=PAGE, offset=offset)
            items.extend(page)
            offset += PAGE
            if len(page) < PAGE:
                break
        return items, int(total)

    def timeline(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        counter = getattr(self.query, "event_counts", None)
        if counter is not None:
            rows, total = _call(counter, self.db, **_event_filters(f), by=("date", "type"))
            return [dict(r) for r in rows], int(total)
        items, total = self._matching(f, MAX_COUNTED)
        counts = Counter(((e.get("date") or "")[:10], e.get("type")) for e in items if e.get("date"))
        return [{"date": d, "type": t, "count": n} for (d, t), n in sorted(counts.items())], total

    def map_points(self, f: Filters) -> tuple[list[dict[str, Any]], int]:
        counter = getattr(self.query, "event_counts", None)
        if counter is not None:
            rows, total = _call(counter, self.db, **_event_filters(f), by=("place", "type"))
            return [dict(r) for r in rows], int(total)
        items, total = self._matching(f, MAX_COUNTED)
        counts: Counter[tuple[Any, ...]] = Counter()
        for e in items:
            p = e.get("place") or {}
            if p.get("lat") is not None and p.get("lon") is not None:
                counts[(p.get("name"), p["lat"], p["lon"], p.get("country"), e.get("type"))] += 1
        return [{"place": n, "lat": la, "lon": lo, "country": c, "type": t, "count": k}
                for (n, la, lo, c, t), k in sorted(counts.items(), key=lambda kv: -kv[1])], total

    # --- reports ----------------------------------------------------------------------------------

    def report_inputs(self, f: Filters, max_events: int) -> tuple[ReportInputs, int]:
        """Events of the place and period, with the figures, quotes and metadata of their articles."""
        scope = _event_filters(Filters(place=f.place, date_from=f.date_from, date_to=f.date_to))

        def page(limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
            items, total = _call(self.query.events, self.db, **scope, limit=limit, offset=offset)
            return list(items), int(total)

        return report_inputs(page, self.article, max_events)

    # --- ingestion --------------------------------------------------------------------------------

    def ingest(self, documents: list[dict[str, Any]], ctx: Context) -> tuple[list[dict[str, Any]],
                                                                           list[dict[str, Any]]]:
        from .. import extract_many
        from ..store import writer

        raws = [RawDocument(id=d["id"], text=d.get("text"), html=d.get("html"), url=d.get("url"),
                            published=d.get("published"), language=d.get("language"), origin=f"POST {d['id']}")
                for d in documents]
        stored: list[dict[str, Any]] = []
        refused: list[dict[str, Any]] = []
        analyses: list[Analysis] = []
        for item in extract_many(raws, ctx):
            if isinstance(item, Quarantined):
                refused.append({"id": item.id, "code": item.code, "stage": item.stage, "reason": item.reason})
            else:
                analyses.append(item)
        if analyses:
            with self._write_lock:
                try:
                    writer.write_analyses(self.db, analyses)
                except SitrepError as exc:
                    raise ApiError(500, "store_error", f"the store refused the articles: {exc}") from exc
        stored = [{"id": a.article.id, "events": len(a.events), "quotes": len(a.quotes), "places": len(a.places)}
                  for a in analyses]
        return stored, refused

