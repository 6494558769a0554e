"""Reading the store: the functions the CLI, the HTTP API and reports call.

Every query is parameterised SQL: what a user typed is only ever a bound
value.  Text filters match case-insensitively inside the words
(``contains(lower(x), lower(?))``, so ``%`` and ``_`` are plain characters); a
place filter matches a place's name, its words in the text or its region,
whole and case-insensitively.  Lists return ``(items, total)``: one page of
JSON-ready dicts and how many match in all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .clusters import merged_events  # noqa: F401  (part of the query API: events merged across articles)
from .connection import connection

BBox = tuple[float, float, float, float]
_DAY = "substr(COALESCE(e.date, CAST(a.published AS VARCHAR)), 1, 10)"


class _Where:
    """WHERE clauses and their bound values, built together so they cannot drift apart."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.values: list[Any] = []

    def add(self, clause: str, *values: Any) -> None:
        self.clauses.append(clause)
        self.values.extend(values)

    def contains(self, columns: Sequence[str], needle: str) -> None:
        tests = " OR ".join(f"contains(lower(COALESCE({c}, '')), lower(?))" for c in columns)
        self.add(f"({tests})", *([needle] * len(columns)))

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _day(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _place_match(w: _Where, columns: Sequence[str], place: str) -> None:
    tests = " OR ".join(f"lower({c}) = lower(?)" for c in columns)
    w.add(f"({tests})", *([place] * len(columns)))


def _page(cur: Any, sql: str, w: _Where, order: str, limit: int, offset: int) -> tuple[list[tuple[Any, ...]], int]:
    total = cur.execute(f"SELECT count(*) FROM ({sql}{w.sql()})", w.values).fetchone()[0]
    rows = cur.execute(f"{sql}{w.sql()} ORDER BY {order} LIMIT ? OFFSET ?", [*w.values, limit, offset]).fetchall()
    return rows, int(total)


def _event_where(place: str | None = None, bbox: BBox | None = None, date_from: date | str | None = None,
                 date_to: date | str | None = None, type: str | None = None, actor: str | None = None,
                 text: str | None = None) -> _Where:
    w = _Where()
    if place:
        _place_match(w, ("e.place_name", "e.place_text", "e.place_admin1"), place)
    if bbox:
        west, south, east, north = bbox
        w.add("e.place_lon BETWEEN ? AND ? AND e.place_lat BETWEEN ? AND ?", west, east, south, north)
    if date_from:
        w.add(f"{_DAY} >= ?", _day(date_from))
    if date_to:
        w.add(f"{_DAY} <= ?", _day(date_to))
    if type:
        w.add("e.type = ?", type.upper())
    if actor:
        w.contains(("e.source_name", "e.source_text", "e.target_name", "e.target_text"), actor)
    if text:
        w.contains(("substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)",), text)
    return w


_EVENTS = ("SELECT e.item, e.article_id, substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), "
           "CAST(a.published AS VARCHAR), a.title FROM events e JOIN articles a ON a.id = e.article_id")


def events(db: str | Path, *, place: str | None = None, bbox: BBox | None = None, date_from: date | str | None = None,
           date_to: date | str | None = None, type: str | None = None, actor: str | None = None,
           text: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events, newest first: the contract's event plus ``article_id``, ``evidence_text``, ``published``, ``title``.

    Dates filter on the event's day, or the article's publication day when the event has none.
    """
    w = _event_where(place, bbox, date_from, date_to, type, actor, text)
    rows, total = _page(connection(db), _EVENTS, w, "COALESCE(e.date, '') DESC, e.article_id DESC, e.ord",
                        limit, offset)
    items = [{**json.loads(item), "article_id": aid, "evidence_text": ev or "", "published": pub, "title": title}
             for item, aid, ev, pub, title in rows]
    return items, total


def event_counts(db: str | Path, *, by: Sequence[str] = ("date", "type"), place: str | None = None,
                 bbox: BBox | None = None, date_from: date | str | None = None, date_to: date | str | None = None,
                 type: str | None = None, actor: str | None = None,
                 text: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """Matching events counted per day and type (``by=("date", "type")``) or per place and type
    (``by=("place", "type")``); and how many events match in all."""
    w = _event_where(place, bbox, date_from, date_to, type, actor, text)
    cur = connection(db)
    base = "FROM events e JOIN articles a ON a.id = e.article_id"
    total = cur.execute(f"SELECT count(*) {base}{w.sql()}", w.values).fetchone()[0]
    keys: tuple[str, ...]
    if "place" in by:
        rows = cur.execute(
            f"SELECT e.place_name, e.place_lat, e.place_lon, e.place_country, e.type, count(*) AS n {base}{w.sql()}"
            f"{' AND' if w.clauses else ' WHERE'} e.place_lat IS NOT NULL AND e.place_lon IS NOT NULL "
            "GROUP BY ALL ORDER BY n DESC, e.place_name", w.values).fetchall()
        keys = ("place", "lat", "lon", "country", "type", "count")
    else:
        rows = cur.execute(
            f"SELECT substr(e.date, 1, 10) AS day, e.type, count(*) {base}{w.sql()}"
            f"{' AND' if w.clauses else ' WHERE'} e.date IS NOT NULL GROUP BY ALL ORDER BY day, e.type",
            w.values).fetchall()
        keys = ("date", "type", "count")
    return [dict(zip(keys, row, strict=True)) for row in rows], int(total)


_ARTICLES = ("SELECT a.id, a.title, CAST(a.published AS VARCHAR), a.site, a.language, a.url, "
             "(SELECT count(*) FROM events e WHERE e.article_id = a.id) FROM articles a")
_MENTIONS = "EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND (lower(p.name) = lower(?) " \
            "OR lower(p.text) = lower(?) OR lower(p.admin1) = lower(?)))"


def _article_where(text: str | None, date_from: date | str | None, date_to: date | str | None,
                   place: str | None) -> _Where:
    w = _Where()
    if text:
        w.contains(("a.text", "a.title"), text)
    if date_from:
        w.add("a.published >= CAST(? AS DATE)", _day(date_from))
    if date_to:
        w.add("a.published <= CAST(? AS DATE)", _day(date_to))
    if place:
        w.add(_MENTIONS, place, place, place)
    return w


def articles(db: str | Path, *, text: str | None = None, date_from: date | str | None = None,
             date_to: date | str | None = None, place: str | None = None, limit: int = 50,
             offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Articles, newest first: id, title, published, site, language, url and how many events."""
    rows, total = _page(connection(db), _ARTICLES, _article_where(text, date_from, date_to, place),
                        "a.published DESC NULLS LAST, a.id", limit, offset)
    keys = ("id", "title", "published", "site", "language", "url", "events")
    return [dict(zip(keys, row, strict=True)) for row in rows], total


_FACTS = ("entities", "quotes", "times", "quantities", "places", "events")


def article(db: str | Path, article_id: str) -> dict[str, Any] | None:
    """One article as the output contract writes it, or None."""
    cur = connection(db)
    row = cur.execute("SELECT id, language, title, CAST(published AS VARCHAR), url, author, site, text, credits, "
                      "related, notes, pipeline_version FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    keys = ("id", "language", "title", "published", "url", "author", "site", "text", "credits", "related")
    out: dict[str, Any] = dict(zip(keys, row[:10], strict=True))
    out["credits"], out["related"] = json.loads(row[8] or "[]"), json.loads(row[9] or "[]")
    for table in _FACTS:
        items = cur.execute(f"SELECT item FROM {table} WHERE article_id = ? ORDER BY ord", [article_id]).fetchall()
        out[table] = [json.loads(i[0]) for i in items]
    out["notes"], out["pipeline_version"] = json.loads(row[10] or "[]"), row[11]
    return out


def places(db: str | Path, *, text: str | None = None, country: str | None = None, limit: int = 50,
           offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Places mentioned, most mentioned first: name, lat, lon, country, feature, events, mentions."""
    w = _Where()
    if text:
        w.contains(("p.name",), text)
    if country:
        w.add("p.country = ?", country.upper())
    sql = ("SELECT p.name, p.lat, p.lon, p.country, any_value(p.feature) AS feature, "
           "(SELECT count(*) FROM events e WHERE e.place_name = p.name AND e.place_lat IS NOT DISTINCT FROM p.lat "
           "AND e.place_lon IS NOT DISTINCT FROM p.lon) AS events, count(*) AS mentions FROM places p")
    grouped = f"{sql}{w.sql()} GROUP BY p.name, p.lat, p.lon, p.country"
    cur = connection(db)
    total = cur.execute(f"SELECT count(*) FROM ({grouped})", w.values).fetchone()[0]
    rows = cur.execute(f"{grouped} ORDER BY mentions DESC, p.name LIMIT ? OFFSET ?",
                       [*w.values, limit, offset]).fetchall()
    keys = ("name", "lat", "lon", "country", "feature", "events", "mentions")
    return [dict(zip(keys, row, strict=True)) for row in rows], int(total)


def quotes(db: str | Path, *, speaker: str | None = None, text: str | None = None, place: str | None = None,
           date_from: date | str | None = None, date_to: date | str | None = None, limit: int = 50,
           offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Quotes, newest article first: the contract's quote plus ``article_id`` and ``published``."""
    w = _article_where(None, date_from, date_to, place)
    if speaker:
        w.contains(("q.speaker",), speaker)
    if text:
        w.contains(("q.text",), text)
    sql = ("SELECT q.item, q.article_id, CAST(a.published AS VARCHAR) "
           "FROM quotes q JOIN articles a ON a.id = q.article_id")
    rows, total = _page(connection(db), sql, w, "a.published DESC NULLS LAST, q.article_id, q.ord", limit, offset)
    return [{**json.loads(item), "article_id": aid, "published": pub} for item, aid, pub in rows], total


def quarantine(db: str | Path, *, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Documents that could not be processed, latest first."""
    sql = ("SELECT seq, CAST(quarantined_at AS VARCHAR), origin, doc_id, stage, code, reason, excerpt, "
           "pipeline_version FROM quarantine")
    rows, total = _page(connection(db), sql, _Where(), "seq DESC", limit, offset)
    keys = ("seq", "at", "origin", "id", "stage", "code", "reason", "excerpt", "pipeline_version")
    return [dict(zip(keys, row, strict=True)) for row in rows], total


def stored_hashes(db: str | Path) -> set[str]:
    """Content hashes of the stored articles."""
    return {row[0] for row in connection(db).execute("SELECT content_sha256 FROM articles").fetchall()}
