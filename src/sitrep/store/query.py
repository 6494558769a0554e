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


class _Where:
    """WHERE clauses and their bound values, built together so they cannot drift apart.

    ``join`` is a table the clauses need besides the one filtered (bound values first: it comes
    before WHERE in the SQL).
    """

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.values: list[Any] = []
        self.join = ""
        self.join_values: list[Any] = []

    def add(self, clause: str, *values: Any) -> None:
        self.clauses.append(clause)
        self.values.extend(values)

    def contains(self, columns: Sequence[str], needle: str) -> None:
        tests = " OR ".join(f"contains(lower(COALESCE({c}, '')), lower(?))" for c in columns)
        self.add(f"({tests})", *([needle] * len(columns)))

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""

    def params(self) -> list[Any]:
        return [*self.join_values, *self.values]


def day_of(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _place_match(w: _Where, columns: Sequence[str], place: str) -> None:
    tests = " OR ".join(f"lower({c}) = lower(?)" for c in columns)
    w.add(f"({tests})", *([place] * len(columns)))


def _page(cur: Any, sql: str, w: _Where, order: str, limit: int, offset: int) -> tuple[list[tuple[Any, ...]], int]:
    total = cur.execute(f"SELECT count(*) FROM ({sql}{w.sql()})", w.values).fetchone()[0]
    rows = cur.execute(f"{sql}{w.sql()} ORDER BY {order} LIMIT ? OFFSET ?", [*w.values, limit, offset]).fetchall()
    return rows, int(total)


def _event_days(w: _Where, date_from: date | str | None, date_to: date | str | None) -> None:
    """The event's day, or its article's publication day when it has none, within the range.

    Written on the events alone (the articles are asked only for the undated events' ids), so that
    filtering and paging never join the articles.
    """
    tests, values = [], []
    if date_from:
        tests.append("{day} >= ?")
        values.append(day_of(date_from))
    if date_to:
        tests.append("{day} <= ?")
        values.append(day_of(date_to))
    if not tests:
        return
    dated = " AND ".join(t.format(day="substr(e.date, 1, 10)") for t in tests)
    published = " AND ".join(t.format(day="CAST(pa.published AS VARCHAR)") for t in tests)
    w.add(f"(CASE WHEN e.date IS NULL THEN e.article_id IN (SELECT pa.id FROM articles pa WHERE {published}) "
          f"ELSE {dated} END)", *values, *values)


def _event_where(place: str | None = None, bbox: BBox | None = None, date_from: date | str | None = None,
                 date_to: date | str | None = None, type: str | None = None, actor: str | None = None,
                 text: str | None = None) -> _Where:
    """The filters of the events, on the ``events e`` table; only a text search joins the articles
    (``a``), and only those whose text holds the words, since the evidence is words of that text."""
    w = _Where()
    if place:
        _place_match(w, ("e.place_name", "e.place_text", "e.place_admin1"), place)
    if bbox:
        west, south, east, north = bbox
        w.add("e.place_lon BETWEEN ? AND ? AND e.place_lat BETWEEN ? AND ?", west, east, south, north)
    _event_days(w, date_from, date_to)
    if type:
        w.add("e.type = ?", type.upper())
    if actor:
        w.contains(("e.source_name", "e.source_text", "e.target_name", "e.target_text"), actor)
    if text:
        w.join = (" JOIN (SELECT id, text FROM articles WHERE contains(lower(text), lower(?))) a "
                  "ON a.id = e.article_id")
        w.join_values = [text]
        w.contains(("substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)",), text)
    return w


# Newest first; ``ord`` keeps an article's events in their order.  Every key is a column of ``events``,
# so a page is cut from the events alone and only its own articles are read afterwards.  (No index
# serves an ORDER BY in DuckDB: a page is a top-N over the matching events' keys.)
EVENT_ORDER = "COALESCE(e.date, '') DESC, e.article_id DESC, e.ord"


def events(db: str | Path, *, place: str | None = None, bbox: BBox | None = None, date_from: date | str | None = None,
           date_to: date | str | None = None, type: str | None = None, actor: str | None = None,
           text: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events, newest first: the contract's event plus ``article_id``, ``evidence_text``, ``published``, ``title``.

    Dates filter on the event's day, or the article's publication day when the event has none.
    """
    w = _event_where(place, bbox, date_from, date_to, type, actor, text)
    cur = connection(db)
    # One pass of the filters (a text search is the costly one) gives both the total and the page: the
    # matching events' sort keys are materialised, counted and cut; only the page's rows are then read
    # whole (by rowid), and only the page's articles after that.
    rows = cur.execute(
        f"WITH m AS MATERIALIZED (SELECT e.rowid AS r, e.date, e.article_id, e.ord FROM events e{w.join}{w.sql()}) "
        "SELECT e.item, e.article_id, e.evidence_start, e.evidence_end, (SELECT count(*) FROM m) FROM events e "
        f"WHERE e.rowid IN (SELECT r FROM m e ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?) ORDER BY {EVENT_ORDER}",
        [*w.params(), max(limit, 0), max(offset, 0)]).fetchall()
    if not rows:  # nothing matches, or the page is past the end
        total = cur.execute(f"SELECT count(*) FROM events e{w.join}{w.sql()}", w.params()).fetchone()[0] \
            if offset > 0 or limit <= 0 else 0
        return [], int(total)
    total = rows[0][4]
    ids = sorted({row[1] for row in rows})
    marks = ", ".join("?" * len(ids))
    found = {aid: (text_, pub, title) for aid, text_, pub, title in cur.execute(
        f"SELECT id, text, CAST(published AS VARCHAR), title FROM articles WHERE id IN ({marks})", ids).fetchall()}
    items = []
    for item, aid, start, end, _ in rows:
        text_, pub, title = found[aid]
        evidence = text_[start:end] if start is not None and end is not None else ""
        items.append({**json.loads(item), "article_id": aid, "evidence_text": evidence, "published": pub,
                      "title": title})
    return items, int(total)


def event_counts(db: str | Path, *, by: Sequence[str] = ("date", "type"), place: str | None = None,
                 bbox: BBox | None = None, date_from: date | str | None = None, date_to: date | str | None = None,
                 type: str | None = None, actor: str | None = None,
                 text: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """Matching events counted per day and type (``by=("date", "type")``) or per place and type
    (``by=("place", "type")``); and how many events match in all."""
    w = _event_where(place, bbox, date_from, date_to, type, actor, text)
    keys: tuple[str, ...]
    if "place" in by:
        columns = "e.place_name, e.place_lat, e.place_lon, e.place_country, e.type"
        groups = ("SELECT 1, place_name, place_lat, place_lon, place_country, type, count(*) AS n FROM m "
                  "WHERE place_lat IS NOT NULL AND place_lon IS NOT NULL GROUP BY ALL")
        # Most events first; ties by place (name, coordinates, country), then type: one order, whatever
        # the plan (the event index's answer is compared with this one byte for byte).
        total_row, order = "0, NULL, NULL, NULL, NULL, NULL, count(*)", "1, 7 DESC, 2, 3, 4, 5, 6"
        keys = ("place", "lat", "lon", "country", "type", "count")
    else:
        columns = "substr(e.date, 1, 10) AS day, e.type"
        groups = "SELECT 1, day, type, count(*) FROM m WHERE day IS NOT NULL GROUP BY ALL"
        total_row, order = "0, NULL, NULL, count(*)", "1, 2, 3"
        keys = ("date", "type", "count")
    # One pass of the filters: the matching events are materialised once, then counted (the first
    # row, marked 0) and grouped (rows marked 1).
    rows = connection(db).execute(
        f"WITH m AS MATERIALIZED (SELECT {columns} FROM events e{w.join}{w.sql()}) "
        f"SELECT {total_row} FROM m UNION ALL ({groups}) ORDER BY {order}", w.params()).fetchall()
    total = rows[0][-1]
    return [dict(zip(keys, row[1:], strict=True)) for row in rows[1:]], int(total)


_ARTICLES = "SELECT a.id, a.title, CAST(a.published AS VARCHAR), a.site, a.language, a.url FROM articles a"
_MENTIONS = "EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND (lower(p.name) = lower(?) " \
            "OR lower(p.text) = lower(?) OR lower(p.admin1) = lower(?)))"


def _article_where(text: str | None, date_from: date | str | None, date_to: date | str | None,
                   place: str | None) -> _Where:
    w = _Where()
    if text:
        w.contains(("a.text", "a.title"), text)
    if date_from:
        w.add("a.published >= CAST(? AS DATE)", day_of(date_from))
    if date_to:
        w.add("a.published <= CAST(? AS DATE)", day_of(date_to))
    if place:
        w.add(_MENTIONS, place, place, place)
    return w


def articles(db: str | Path, *, text: str | None = None, date_from: date | str | None = None,
             date_to: date | str | None = None, place: str | None = None, limit: int = 50,
             offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Articles, newest first: id, title, published, site, language, url and how many events."""
    cur = connection(db)
    rows, total = _page(cur, _ARTICLES, _article_where(text, date_from, date_to, place),
                        "a.published DESC NULLS LAST, a.id", limit, offset)
    ids = [row[0] for row in rows]
    counts = dict(cur.execute("SELECT article_id, count(*) FROM events WHERE article_id IN "
                              f"({', '.join('?' * len(ids))}) GROUP BY article_id", ids).fetchall()) if ids else {}
    keys = ("id", "title", "published", "site", "language", "url", "events")
    return [dict(zip(keys, (*row, counts.get(row[0], 0)), strict=True)) for row in rows], total


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
    grouped = (f"SELECT p.name, p.lat, p.lon, p.country, any_value(p.feature) AS feature, count(*) AS mentions "
               f"FROM places p{w.sql()} GROUP BY p.name, p.lat, p.lon, p.country")
    cur = connection(db)
    total = cur.execute(f"SELECT count(*) FROM ({grouped})", w.values).fetchone()[0]
    # The page of places first; then the events of those places only.
    rows = cur.execute(
        f"WITH page AS ({grouped} ORDER BY mentions DESC, p.name LIMIT ? OFFSET ?) "
        "SELECT page.name, page.lat, page.lon, page.country, page.feature, "
        "(SELECT count(*) FROM events e WHERE e.place_name = page.name AND e.place_lat IS NOT DISTINCT FROM page.lat "
        "AND e.place_lon IS NOT DISTINCT FROM page.lon), page.mentions "
        "FROM page ORDER BY page.mentions DESC, page.name",
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
