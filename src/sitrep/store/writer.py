"""The one writer: every row that enters the store goes through ``StoreWriter``.

An article is written with all its facts in one transaction (which may hold
several articles, each whole), so a crash leaves it either whole or absent.
Writing is idempotent by content: the key is the SHA-256 of the article's
clean text, and an article already stored is left as it is.  An article
whose id is taken by a different text is not overwritten: it is quarantined
with the reason, so nothing stored silently changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from ..output.contract import PIPELINE_VERSION, to_contract
from ..records import Analysis, Quarantined
from .connection import StoreError, connection, now

_MICROSECOND = timedelta(microseconds=1)
Outcome = Literal["stored", "duplicate", "conflict"]
EXCERPT_CHARS = 500


def content_sha256(text: str) -> str:
    """The key an article is stored under: SHA-256 of its clean text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _event_row(item: dict[str, Any]) -> list[Any]:
    """The typed columns of an event, read from the contract's event object."""
    p, s, t = item.get("place") or {}, item.get("source") or {}, item.get("target") or {}
    first = item.get("evidence") or {}
    return [
        item["type"], item.get("acled_type"), item.get("acled_subtype"), item.get("status"), item.get("date"),
        item.get("date_from"), item.get("confidence"), item.get("fatalities"),
        p.get("name"), p.get("text"), p.get("lat"), p.get("lon"), p.get("country"), p.get("admin1"), p.get("feature"),
        s.get("text"), s.get("name"), s.get("country"), s.get("sector"),
        t.get("text"), t.get("name"), t.get("country"), t.get("sector"),
        first.get("start"), first.get("end"), _json(item.get("evidence_all") or []),
    ]


def _span(item: dict[str, Any]) -> list[Any]:
    return [item["start"], item["end"]]


# table -> (typed columns, how to read them from the contract item)
_CHILDREN: dict[str, tuple[str, Any]] = {
    "quotes": ("start_char, end_char, text, kind, speaker, verb",
               lambda q: [*_span(q), q["text"], q["kind"], q["speaker"], q["verb"]]),
    "places": ("start_char, end_char, text, name, lat, lon, country, admin1, feature, geonameid, precision",
               lambda p: [*_span(p), p["text"], p["name"], p["lat"], p["lon"], p["country"], p["admin1"],
                          p["feature"], p["geonameid"], p["precision"]]),
    "times": ("start_char, end_char, text, type, value", lambda t: [*_span(t), t["text"], t["type"], t["value"]]),
    "quantities": ("start_char, end_char, text, value, low, high, unit, role",
                   lambda q: [*_span(q), q["text"], q["value"], q["low"], q["high"], q["unit"], q["role"]]),
    "entities": ("start_char, end_char, text, label", lambda e: [*_span(e), e["text"], e["label"]]),
}
_ARTICLE_COLUMNS = ("id, content_sha256, text, title, published, language, url, author, site, credits, related, notes, "
                    "origin, pipeline_version, ingested_at")
_EVENT_COLUMNS = ("type, acled_type, acled_subtype, status, date, date_from, confidence, fatalities, "
                  "place_name, place_text, place_lat, place_lon, place_country, place_admin1, place_feature, "
                  "source_text, source_name, source_country, source_sector, "
                  "target_text, target_name, target_country, target_sector, evidence_start, evidence_end, evidence")


def _insert(cur: Any, table: str, columns: str, rows: list[list[Any]]) -> None:
    _insert_columns(cur, table, f"article_id, ord, {columns}, item, pipeline_version", rows)


_column_types: dict[str, dict[str, str]] = {}  # table -> column -> SQL type, read from the store once


def _insert_columns(cur: Any, table: str, names: str, rows: list[list[Any]]) -> None:
    """Insert ``rows`` (values in the order of ``names``) in one statement, each column bound as one list.

    A column bound as a typed list and unnested costs DuckDB about a tenth of a multi-row ``VALUES``
    with one parameter per value (which binds each value as its own expression), and executemany is
    slower still (row by row)."""
    if not rows:
        return
    types = _column_types.get(table)
    if types is None:
        types = _column_types[table] = dict(cur.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall())
    columns = [name.strip() for name in names.split(",")]
    select = ", ".join(f"unnest(?::{types[c]}[])" for c in columns)
    values = [list(column) for column in zip(*rows, strict=True)]
    cur.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select}", values)


class StoreWriter:
    """Writes analysed articles and quarantined documents into the store at ``db`` (made if missing)."""

    def __init__(self, db: str | Path) -> None:
        self.db = db
        self.cur = connection(db, create=True)

    def known_hashes(self) -> set[str]:
        """The content hashes already stored, so a batch can skip them before analysing."""
        return {row[0] for row in self.cur.execute("SELECT content_sha256 FROM articles").fetchall()}

    def write_analysis(self, analysis: Analysis) -> Outcome:
        """Store one article and its facts, once; ``duplicate`` when its text is already there."""
        return self.write_analyses([analysis])[0]

    def write_analyses(self, analyses: Sequence[Analysis]) -> list[Outcome]:
        """Store several articles in one transaction (see ``write_records``); what became of each."""
        return self.write_records([(to_contract(a), a.article.origin) for a in analyses])

    def write_record(self, record: dict[str, Any], origin: str = "") -> Outcome:
        """Store one article given as the output contract writes it (``sitrep extract``'s JSON, or a
        partition written by cluster workers); see ``write_analysis``."""
        return self.write_records([(record, origin)])[0]

    def write_records(self, items: Sequence[tuple[dict[str, Any], str]]) -> list[Outcome]:
        """Store articles given as ``(contract record, origin)``, each with all its facts, in one transaction;
        what became of each, in order: ``stored``, ``duplicate`` (its text is already stored, or earlier in
        ``items``) or ``conflict`` (its id is taken by another text: quarantined, in the same transaction).

        One transaction for many articles saves a commit (and its sync to disk) per article and lets each
        table take the rows of all of them in one statement; a failure stores none of them."""
        if not items:
            return []
        keys = [(str(record["id"]), content_sha256(str(record["text"]))) for record, _ in items]
        owners = self.cur.execute(
            "SELECT id, content_sha256 FROM articles WHERE content_sha256 IN (SELECT unnest(?::VARCHAR[])) "
            "OR id IN (SELECT unnest(?::VARCHAR[]))", [[sha for _, sha in keys], [i for i, _ in keys]]).fetchall()
        taken_ids, stored_shas = {row[0] for row in owners}, {row[1] for row in owners}
        outcomes: list[Outcome] = []
        new: list[tuple[dict[str, Any], str, str]] = []
        conflicts: list[tuple[Quarantined, str]] = []
        for (record, origin), (article_id, sha) in zip(items, keys, strict=True):
            if sha in stored_shas:
                outcomes.append("duplicate")
            elif article_id in taken_ids:
                conflicts.append((Quarantined(origin or article_id, (
                    f"id {article_id!r} is already stored with a different text; give this article another id"),
                    StoreError.code, id=article_id, stage="store"), str(record["text"])))
                outcomes.append("conflict")
            else:
                taken_ids.add(article_id)
                stored_shas.add(sha)
                new.append((record, origin, sha))
                outcomes.append("stored")
        self.cur.execute("BEGIN TRANSACTION")
        try:
            self._insert_articles(new)
            for q, excerpt in conflicts:
                self.write_quarantine(q, excerpt=excerpt)
            self.cur.execute("COMMIT")
        except Exception as exc:
            self.cur.execute("ROLLBACK")
            which = ", ".join(repr(r["id"]) for r, _, _ in new[:3]) + (", ..." if len(new) > 3 else "")
            raise StoreError(f"cannot store article{'s' if len(new) > 1 else ''} {which}: {exc}") from exc
        return outcomes

    def _insert_articles(self, new: list[tuple[dict[str, Any], str, str]]) -> None:
        tail, at = [PIPELINE_VERSION], now()
        articles: list[list[Any]] = []
        events: list[list[Any]] = []
        children: dict[str, list[list[Any]]] = {table: [] for table in _CHILDREN}
        for r, origin, sha in new:
            article_id = str(r["id"])
            articles.append([
                article_id, sha, r["text"], r.get("title"), r.get("published"), r.get("language"), r.get("url"),
                r.get("author"), r.get("site"), _json(r.get("credits") or []), _json(r.get("related") or []),
                _json(r.get("notes") or []), origin, PIPELINE_VERSION, at])
            # Distinct, increasing ingest times keep the articles' order (near-duplicates are grouped in it).
            at = max(now(), at + _MICROSECOND)
            events += [[article_id, i, *_event_row(item), _json(item), *tail] for i, item in enumerate(r["events"])]
            for table, (_, read) in _CHILDREN.items():
                children[table] += [[article_id, i, *read(item), _json(item), *tail]
                                    for i, item in enumerate(r[table])]
        _insert_columns(self.cur, "articles", _ARTICLE_COLUMNS, articles)
        _insert(self.cur, "events", _EVENT_COLUMNS, events)
        for table, (columns, _) in _CHILDREN.items():
            _insert(self.cur, table, columns, children[table])

    def write_quarantine(self, q: Quarantined, excerpt: str | None = None) -> None:
        """Record a document that could not be processed, with the start of its input when known."""
        self.cur.execute(
            "INSERT INTO quarantine (origin, doc_id, stage, code, reason, excerpt, quarantined_at, pipeline_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [q.origin, q.id, q.stage, q.code, q.reason, (excerpt or "")[:EXCERPT_CHARS] or None, now(),
             PIPELINE_VERSION])

    def write_article_groups(self, groups: list[tuple[str, str, float | None]],
                             bands: list[tuple[str, int, int]]) -> None:
        """Record near-duplicate groups ``(article_id, group_id, similarity)`` and the articles' LSH band keys
        ``(article_id, band, key)``, in one transaction (an article is grouped once, with its keys)."""
        version, at = PIPELINE_VERSION, now()
        self._in_transaction("group articles", [
            ("INSERT INTO article_groups (article_id, group_id, similarity, pipeline_version, grouped_at) "
             "VALUES (?, ?, ?, ?, ?)", [[a, g, s, version, at] for a, g, s in groups]),
            ("INSERT INTO article_bands (article_id, band, key, pipeline_version) VALUES (?, ?, ?, ?)",
             [[a, b, k, version] for a, b, k in bands]),
        ])

    def replace_event_clusters(self, members: list[tuple[str, int, str]], upto: str) -> None:
        """Replace every merged event by ``members``: ``(article_id, ord, cluster_id)`` of the events that
        report one event with others (an event alone has no row); ``upto``: the last article ingest time
        the merge saw, kept in ``store_state`` in the same transaction."""
        self._in_transaction("merge events", [
            ("DELETE FROM event_clusters", []),
            ("INSERT INTO event_clusters (article_id, ord, cluster_id, pipeline_version) VALUES (?, ?, ?, ?)",
             [[a, o, c, PIPELINE_VERSION] for a, o, c in members]),
            ("INSERT OR REPLACE INTO store_state (key, value, pipeline_version, updated_at) VALUES (?, ?, ?, ?)",
             [["events_merged_upto", upto, PIPELINE_VERSION, now()]]),
        ])

    def remove_quarantined(self, seqs: list[int]) -> None:
        """Delete quarantine records ``seqs``: their documents were retried (stored, or quarantined anew)."""
        if seqs:
            self._in_transaction("clear the quarantine", [
                ("DELETE FROM quarantine WHERE seq IN (SELECT unnest(?::BIGINT[]))", [[list(seqs)]]),
            ])

    def _in_transaction(self, what: str, statements: list[tuple[str, list[Any]]]) -> None:
        """Run ``(sql, rows)`` pairs in one transaction: an INSERT ... VALUES runs once per 1,000 rows (one
        multi-row statement each, none when there are no rows); another statement runs once per row of bound
        values, or once with none when ``rows`` is empty."""
        self.cur.execute("BEGIN TRANSACTION")
        try:
            for sql, rows in statements:
                if " VALUES " not in sql:
                    for values in rows or [[]]:
                        self.cur.execute(sql, values)
                    continue
                head, marks = sql.split(" VALUES ")
                for i in range(0, len(rows), 1000):
                    chunk = rows[i : i + 1000]
                    self.cur.execute(f"{head} VALUES {', '.join([marks] * len(chunk))}",
                                     [value for row in chunk for value in row])
            self.cur.execute("COMMIT")
        except Exception as exc:
            self.cur.execute("ROLLBACK")
            raise StoreError(f"cannot {what}: {exc}") from exc

    def close(self) -> None:
        self.cur.close()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_analyses(db: str | Path, analyses: Iterable[Analysis]) -> list[Outcome]:
    """Store the analyses in one transaction (see ``StoreWriter.write_records``); what became of each."""
    with StoreWriter(db) as writer:
        return writer.write_analyses(list(analyses))
