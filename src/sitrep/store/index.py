"""``EventIndex``: the events' filter and sort columns held in memory, for the HTTP API's lists.

``query.events`` answers a filtered page in SQL: every request scans the events
(and, for a text search, the articles' texts) to count the matches and cut the
page, 6-40 ms of CPU a query.  The index loads once what those filters read,
as the SQL computes it (DuckDB's ``lower``, ``substring``, the event's day or
its article's), in the events' list order (``query.EVENT_ORDER``); a filtered
page is then a mask over arrays, its length is the total, and the page is the
mask's first ``offset + limit`` positions.  Only the page's rows are read from
the store afterwards, by rowid.

The answers are the SQL path's, item for item (``tests/test_api_index.py``
compares them over many filter combinations).  The index is a snapshot: whoever
writes the store must say so (``LiveIndex.invalidate``), as the server's
ingestion does; events are only ever inserted, so a rowid keeps naming its row.
"""

from __future__ import annotations

import json
import logging
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .connection import connection
from .index_text import TextIndex, lower_like_duckdb
from .index_views import EventViews
from .query import EVENT_ORDER, BBox, day_of

# The columns the filters read, each as ``query._event_where`` tests it.
_COLUMNS = f"""
SELECT e.rowid, e.article_id, e.ord, e.evidence_start, e.evidence_end,
       e.date IS NULL, substr(e.date, 1, 10), CAST(a.published AS VARCHAR),
       e.type, lower(e.place_name), lower(e.place_text), lower(e.place_admin1), e.place_lon, e.place_lat,
       lower(COALESCE(e.source_name, '')), lower(COALESCE(e.source_text, '')),
       lower(COALESCE(e.target_name, '')), lower(COALESCE(e.target_text, '')),
       lower(substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)),
       e.place_name, e.place_country
FROM events e LEFT JOIN articles a ON a.id = e.article_id
ORDER BY {EVENT_ORDER}"""


def _strings(column: Any) -> list[Any]:
    """A fetched column as a list (NULL as None)."""
    return list(column.tolist())


def _floats(column: Any) -> np.ndarray:
    return np.asarray(np.ma.filled(np.ma.asarray(column, dtype=np.float64), np.nan), dtype=np.float64)


def _postings(columns: list[np.ndarray], codes: int) -> list[np.ndarray]:
    """For each code, the positions where one of ``columns`` holds it (a position may come twice)."""
    held = np.concatenate(columns)
    positions = np.tile(np.arange(len(columns[0]), dtype=np.int32), len(columns))
    order = np.argsort(held, kind="stable")
    held, positions = held[order], positions[order]
    bounds = np.searchsorted(held, np.arange(codes + 1))  # code -1 (None) sorts first, left out
    return [positions[bounds[i]:bounds[i + 1]] for i in range(codes)]


class _Sorted:
    """Positions ordered by a column's value, to read those within a range (NaN never is)."""

    def __init__(self, values: np.ndarray) -> None:
        self.order = np.argsort(values, kind="stable").astype(np.int32)
        self.values = values[self.order]

    def within(self, low: float, high: float) -> np.ndarray:
        """Positions whose value v has low <= v <= high."""
        start = np.searchsorted(self.values, low, side="left")
        end = np.searchsorted(self.values, high, side="right")
        return self.order[start:end]


def _codes(values: Sequence[str | None], vocabulary: dict[str, int]) -> np.ndarray:
    """Each value's number in ``vocabulary`` (added when new); -1 for None."""
    out = np.empty(len(values), dtype=np.int32)
    for i, value in enumerate(values):
        if value is None:
            out[i] = -1
        else:
            code = vocabulary.get(value)
            if code is None:
                code = vocabulary[value] = len(vocabulary)
            out[i] = code
    return out


class EventIndex:
    """The events of a store as the filters see them, in list order (position 0 is the first event)."""

    def __init__(self, db: str | Path) -> None:
        self.db = db
        cur = connection(db)
        (rowids, article_ids, ords, starts, ends, undated, own_days, published, types, place_name, place_text,
         place_admin1, lon, lat, *actors, evidence, names, countries) = cur.execute(_COLUMNS).fetchnumpy().values()
        self.size = len(rowids)
        self.rowids = np.asarray(rowids, dtype=np.int64)
        self.ords = np.asarray(ords, dtype=np.int32)
        self._articles(cur, _strings(article_ids), _strings(starts), _strings(ends))
        type_list, own_days = _strings(types), _strings(own_days)
        # The day the date filters compare: the event's own, else its article's publication day.
        days = [p if u else d for u, d, p in zip(_strings(undated), own_days, _strings(published),
                                                 strict=True)]
        # Days compared as strings, as in SQL: each day is numbered by its rank among the days held
        # (-1: none), so that a comparison with a day is one with the rank where that day would go.
        self.day_list = sorted({d for d in days if d is not None})
        rank = {d: i for i, d in enumerate(self.day_list)}
        self.by_day = _Sorted(np.array([-1 if d is None else rank[d] for d in days], dtype=np.int32))
        self.type_codes: dict[str, int] = {}
        self.types = _postings([_codes(type_list, self.type_codes)], len(self.type_codes))
        self.place_codes: dict[str, int] = {}
        place_columns = [_codes(_strings(c), self.place_codes) for c in (place_name, place_text, place_admin1)]
        self.places = _postings(place_columns, len(self.place_codes))
        lon_values = _floats(lon)
        self.by_lon, self.lat = _Sorted(lon_values), _floats(lat)
        self.actor_codes: dict[str, int] = {}
        actor_columns = [_codes(_strings(c), self.actor_codes) for c in actors]
        self.actors = _postings(actor_columns, len(self.actor_codes))
        self.text = TextIndex(_strings(evidence))
        # The timeline's and the map's groups: the event's own day (not its article's), its place as named.
        self.views = EventViews(own_days, type_list, _strings(names), self.lat, lon_values, _strings(countries))

    def _articles(self, cur: Any, article_ids: list[str], starts: list[int | None], ends: list[int | None]) -> None:
        """What an event's item takes from its article: the evidence's words, the day and the title."""
        self.article_ids: list[str] = []
        self.article_meta: list[tuple[str | None, str | None]] = []  # published, title
        texts: list[str] = []
        number: dict[str, int] = {}
        for aid, pub, title, text in cur.execute(
                "SELECT id, CAST(published AS VARCHAR), title, text FROM articles").fetchall():
            number[aid] = len(self.article_ids)
            self.article_ids.append(aid)
            self.article_meta.append((pub, title))
            texts.append(text)
        self.article_of = np.empty(self.size, dtype=np.int32)
        self.evidence: list[str] = []
        for i, (aid, start, end) in enumerate(zip(article_ids, starts, ends, strict=True)):
            if aid not in number:  # no such article (the SQL would not show the event either)
                number[aid] = len(self.article_ids)
                self.article_ids.append(aid)
                self.article_meta.append((None, None))
                texts.append("")
            a = self.article_of[i] = number[aid]
            self.evidence.append(texts[a][start:end] if start is not None and end is not None else "")

    def key(self, position: int) -> tuple[str, int]:
        """The event's key in the store: its article's id and its number there."""
        return self.article_ids[self.article_of[position]], int(self.ords[position])

    # --- filters ----------------------------------------------------------------------------------

    def _lower(self, value: str) -> str:
        return _lower_cached(str(self.db), value)

    def matches(self, *, place: str | None = None, bbox: BBox | None = None, date_from: date | str | None = None,
                date_to: date | str | None = None, type: str | None = None, actor: str | None = None,
                text: str | None = None) -> np.ndarray | None:
        """A mask of the events matching every filter (the filters of ``query.events``); None: all of them.

        Each filter reads only the events it names: those of a place, type or actor (posting lists),
        those in a range of longitudes or days (sorted positions), or the text search's."""
        masks: list[np.ndarray] = []
        if place:
            code = self.place_codes.get(self._lower(place))
            masks.append(self._mark([] if code is None else [self.places[code]]))
        if bbox:
            west, south, east, north = bbox
            inside = self.by_lon.within(west, east)
            lat = self.lat[inside]
            masks.append(self._mark([inside[(lat >= south) & (lat <= north)]]))
        if date_from or date_to:
            low = bisect_left(self.day_list, day_of(date_from)) if date_from else 0
            high = bisect_right(self.day_list, day_of(date_to)) if date_to else len(self.day_list)
            masks.append(self._mark([self.by_day.within(low, high - 1)]))
        if type:
            code = self.type_codes.get(type.upper())
            masks.append(self._mark([] if code is None else [self.types[code]]))
        if actor:
            needle = self._lower(actor)
            masks.append(self._mark([self.actors[c] for s, c in self.actor_codes.items() if needle in s]))
        if text:
            masks.append(self.text.matches(self._lower(text)))
        if not masks:
            return None
        mask = masks[0]
        for other in masks[1:]:
            mask = mask & other
        return mask

    def timeline_body(self, **filters: Any) -> bytes:
        """``/api/timeline``'s answer for the filters of ``matches``: ``query.event_counts`` by day and type."""
        mask = self.matches(**filters)
        return self.views.timeline_body(mask, self.size if mask is None else int(np.count_nonzero(mask)))

    def map_body(self, **filters: Any) -> bytes:
        """``/api/map``'s answer for the filters of ``matches``: ``query.event_counts`` by place and type."""
        mask = self.matches(**filters)
        return self.views.map_body(mask, self.size if mask is None else int(np.count_nonzero(mask)))

    def _mark(self, postings: list[np.ndarray]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for positions in postings:
            mask[positions] = True
        return mask

    def page(self, *, limit: int = 50, offset: int = 0, **filters: Any) -> tuple[np.ndarray, int]:
        """The positions of the page's events, in list order, and how many events match in all."""
        mask = self.matches(**filters)
        limit, offset = max(limit, 0), max(offset, 0)
        if mask is None:
            return np.arange(min(offset, self.size), min(offset + limit, self.size)), self.size
        total = int(np.count_nonzero(mask))
        need = min(offset + limit, total)
        # The first ``need`` matches, looked for where they should lie (the matches' density says how
        # far), then everywhere if they were not all there.
        reach = min(self.size, need * self.size // max(total, 1) * 2 + 1024)
        positions = np.flatnonzero(mask[:reach])
        if len(positions) < need:
            positions = np.flatnonzero(mask)
        return positions[offset:need], total


@lru_cache(maxsize=4096)
def _lower_cached(db: str, value: str) -> str:
    return lower_like_duckdb(value, lambda v: str(connection(db).execute("SELECT lower(?)", [v]).fetchone()[0]))


# --- rows ------------------------------------------------------------------------------------------


def _encoded_item(item: str, article_id: str, evidence: str, published: str | None, title: str | None) -> bytes:
    """One event as ``query.events`` gives it, encoded as the API encodes its answers."""
    value = {**json.loads(item), "article_id": article_id, "evidence_text": evidence, "published": published,
             "title": title}
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


class LiveIndex:
    """The current ``EventIndex`` of a store, rebuilt in the background after every write.

    ``current()`` is None while the index is built or rebuilt: the caller then asks the store in
    SQL, so a write is seen by the very next answer either way.  Encoded events are kept by rowid
    (at most ``max_rows``), the rows being immutable once written.
    """

    def __init__(self, db: str | Path, *, max_rows: int = 100_000, build: Callable[[str | Path], EventIndex] =
                 EventIndex) -> None:
        self.db = db
        self.max_rows = max_rows
        self._build = build
        self._index: EventIndex | None = None
        self._generation = 0
        self._lock = threading.Lock()
        self._rows: OrderedDict[int, bytes] = OrderedDict()  # the first in, the first out
        self._rows_lock = threading.Lock()
        self._building: threading.Thread | None = None

    def current(self) -> EventIndex | None:
        return self._index

    def invalidate(self, *, wait: bool = False) -> None:
        """The store changed: drop the index and build it again (in a thread unless ``wait``).

        Writes that come while it is built make one more build, once that one is done, not one each."""
        with self._lock:
            self._generation += 1
            self._index = None
            start = not wait and self._building is None
            if start:
                self._building = threading.Thread(target=self._rebuild, name="sitrep-event-index", daemon=True)
        self.forget_rows()
        if wait:
            self._build_once()
        elif start:
            assert self._building is not None
            self._building.start()

    def forget_rows(self) -> None:
        """Drop the encoded events kept."""
        with self._rows_lock:
            self._rows.clear()

    def wait(self, timeout: float | None = None) -> None:
        """Until the rebuild under way (if any) is done."""
        thread = self._building
        if thread is not None:
            thread.join(timeout)

    def _build_once(self) -> bool:
        """Build the index; False when a write came in meanwhile (the index built is already old)."""
        with self._lock:
            generation = self._generation
        index = self._build(self.db)
        with self._lock:
            if generation != self._generation:
                return False
            self._index = index
            return True

    def _rebuild(self) -> None:
        """Build until an index is as new as the store; the builder's place is freed with the same lock
        that a write takes to see whether a build is under way, so no write is left unbuilt."""
        while True:
            with self._lock:
                generation = self._generation
            try:
                index = self._build(self.db)
            except Exception:  # the lists are read in SQL, as without an index; say why
                logging.getLogger(__name__).exception("the event index could not be built; lists read the store")
                with self._lock:
                    self._building = None
                return
            with self._lock:
                if generation == self._generation:
                    self._index = index
                    self._building = None
                    return

    def encoded(self, index: EventIndex, positions: np.ndarray) -> list[bytes] | None:
        """The page's events encoded, read from the store when not kept; None when the store no longer
        holds what the index says (it was written behind the index's back)."""
        rowids = index.rowids[positions].tolist()
        with self._rows_lock:
            found = {r: self._rows[r] for r in rowids if r in self._rows}
        missing = [r for r in rowids if r not in found]
        if missing:
            read = _read_items(self.db, missing)
            fresh = {}
            for p in positions.tolist():
                r = int(index.rowids[p])
                if r in found:
                    continue
                got = read.get(r)
                if got is None or got[0] != index.key(p):
                    return None
                fresh[r] = _encoded_item(got[1], got[0][0], index.evidence[p],
                                         *index.article_meta[index.article_of[p]])
            with self._rows_lock:
                if self._index is index:
                    self._rows.update(fresh)
                    while len(self._rows) > self.max_rows:
                        self._rows.popitem(last=False)
            found.update(fresh)
        return [found[r] for r in rowids]


def _read_items(db: str | Path, rowids: list[int]) -> dict[int, tuple[tuple[str, int], str]]:
    """Events by rowid: their key (article id, ord) and their item."""
    rows = connection(db).execute("SELECT rowid, article_id, ord, item FROM events "
                                  "WHERE rowid IN (SELECT unnest(?::BIGINT[]))", [rowids]).fetchall()
    return {int(rowid): ((aid, int(ord_)), item) for rowid, aid, ord_, item in rows}
