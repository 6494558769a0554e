"""``EventViews``: the timeline's and the map's counts, computed from the event index's columns.

``query.event_counts`` groups the matching events in SQL: per day and type (the
timeline: the event's own day, ``substr(date, 1, 10)``; undated events are
counted in the total only) or per place and type (the map: the event's place
name, coordinates and country; events without coordinates likewise).  Here
each event is given, once, the number of its group: groups are numbered in the
SQL's order (day, then type; for the map, the place's name, latitude, longitude
and country, then type), so that counting a filter's events per group
(``np.bincount`` over the mask's events) gives the groups already in that order.
The map's answer is then sorted by count, most first, the ties kept in that
order, as the SQL's ``ORDER BY`` does.

Each answer is encoded as the API encodes the SQL's (``json.dumps``, compact,
``ensure_ascii=False``): every group's JSON is made once, with a ``%d`` for its
count, so an answer is the held groups' formats joined and filled with their
counts in one ``%`` (a Python loop per group cost twice as much).
``tests/test_api_index_views.py`` compares the answers with the SQL's, byte for
byte.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _ranked(values: Sequence[str | None]) -> tuple[list[str], np.ndarray]:
    """The distinct values in order (as DuckDB sorts strings: by code point) and each value's rank
    among them (-1 for None)."""
    distinct = sorted({v for v in values if v is not None})
    rank = {v: i for i, v in enumerate(distinct)}
    return distinct, np.array([-1 if v is None else rank[v] for v in values], dtype=np.int64)


def _last_none(value: str | None) -> tuple[bool, str]:
    """A sort key putting None after every string (``ORDER BY`` ascending puts NULLs last)."""
    return value is None, value or ""


class _Counts:
    """The events' groups, numbered in the answer's order among the groups that hold events, and each
    group's item up to its count."""

    def __init__(self, group: np.ndarray, heads: list[bytes], types: list[bytes]) -> None:
        """``group``: each event's place in the order of all (head, type) pairs, ``head * len(types) +
        type`` (-1: none); ``heads`` and ``types``: the item's JSON before its type, and from its type up
        to its count."""
        grouped = group >= 0
        present, compact = np.unique(group[grouped], return_inverse=True)
        # Numbered from 1, 0 for none: a count of the mask's events per number needs no test first.
        self.number = np.zeros(len(group), dtype=np.intp)
        self.number[grouped] = compact + 1
        n = max(len(types), 1)
        self.formats = [(heads[g // n] + types[g % n]).replace(b"%", b"%%") + b"%d}" for g in present.tolist()]
        self.all = self._count(self.number)

    def _count(self, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        counts = np.bincount(numbers, minlength=len(self.formats) + 1)[1:]
        held = np.flatnonzero(counts)
        return held, counts[held]

    def count(self, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """The groups holding events of ``mask`` (None: all events), in order, and their counts."""
        return self.all if mask is None else self._count(self.number[mask])

    def items(self, held: np.ndarray, counts: np.ndarray) -> bytes:
        """The groups' items, comma-separated: one format of all of them, filled with their counts."""
        if not len(held):
            return b""
        formats = self.formats
        return b",".join([formats[g] for g in held.tolist()]) % tuple(counts.tolist())


class EventViews:
    """The timeline and the map of the events of an index, in its order (position 0: its first event).

    ``days``: each event's own day as the SQL cuts it (None: undated); ``types``; the place's
    ``names``, ``lat``, ``lon`` (NaN: none) and ``countries``.
    """

    def __init__(self, days: Sequence[str | None], types: Sequence[str], names: Sequence[str | None],
                 lat: np.ndarray, lon: np.ndarray, countries: Sequence[str | None]) -> None:
        self.size = len(types)
        type_list, type_rank = _ranked(types)
        type_parts = [f'"type":{_json(t)},"count":'.encode() for t in type_list]
        n_types = max(len(type_list), 1)

        day_list, day_rank = _ranked(days)
        group = np.where(day_rank >= 0, day_rank * n_types + type_rank, -1)
        self.timeline = _Counts(group, [f'{{"date":{_json(d)},'.encode() for d in day_list], type_parts)

        # A point is a place with coordinates; points are ranked as the SQL sorts them: name, latitude,
        # longitude, country, each NULL after the values.
        located = ~(np.isnan(lat) | np.isnan(lon))
        lat_list, lon_list = lat.tolist(), lon.tolist()
        number: dict[tuple[str | None, float, float, str | None], int] = {}
        point = np.full(self.size, -1, dtype=np.int64)
        for i in np.flatnonzero(located).tolist():
            key = (names[i], lat_list[i], lon_list[i], countries[i])
            found = number.get(key)
            if found is None:
                found = number[key] = len(number)
            point[i] = found
        points = sorted(number, key=lambda p: (_last_none(p[0]), p[1], p[2], _last_none(p[3])))
        rank = np.empty(len(points), dtype=np.int64)
        rank[[number[p] for p in points]] = np.arange(len(points))
        group = np.where(point >= 0, rank[np.maximum(point, 0)] * n_types + type_rank, -1) if len(points) else point
        heads = [f'{{"place":{_json(name)},"lat":{_json(la)},"lon":{_json(lo)},"country":{_json(cc)},'.encode()
                 for name, la, lo, cc in points]
        self.map = _Counts(group, heads, type_parts)

    def timeline_body(self, mask: np.ndarray | None, total: int) -> bytes:
        """``/api/timeline``'s answer: the matching events per day and type, by day then type."""
        return _body(self.timeline.items(*self.timeline.count(mask)), total)

    def map_body(self, mask: np.ndarray | None, total: int) -> bytes:
        """``/api/map``'s answer: the matching events per place and type, most first, ties in the
        points' order then the types'."""
        held, counts = self.map.count(mask)
        order = np.argsort(-counts, kind="stable")
        return _body(self.map.items(held[order], counts[order]), total)


def _body(items: bytes, total: int) -> bytes:
    return b"".join((b'{"items":[', items, f'],"total":{total}}}'.encode()))
