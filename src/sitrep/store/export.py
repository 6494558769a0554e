"""Whole tables out of the store, flat (one column per field), for spreadsheets and GIS.

The queries are fixed text chosen by name; nothing a user typed enters them.
Parquet is written by DuckDB itself (``COPY ... TO``), whose target cannot be
a bound parameter: the path is given as a quoted SQL string literal, each
quote doubled, which is the one safe way to write it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .connection import StoreError, connection

_EVIDENCE = "substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)"

EXPORTS: dict[str, str] = {
    "articles": "SELECT id, content_sha256, title, CAST(published AS VARCHAR) AS published, language, url, author, "
                "site, origin, pipeline_version, CAST(ingested_at AS VARCHAR) AS ingested_at, text "
                "FROM articles ORDER BY published, id",
    "events": "SELECT e.article_id, e.ord, e.type, e.acled_type, e.acled_subtype, e.status, e.date, e.date_from, "
              "e.confidence, e.fatalities, e.place_name, e.place_text, e.place_lat AS lat, e.place_lon AS lon, "
              "e.place_country, e.place_admin1, e.place_feature, e.source_text, e.source_name, e.source_country, "
              "e.source_sector, e.target_text, e.target_name, e.target_country, e.target_sector, "
              f"e.evidence_start, e.evidence_end, {_EVIDENCE} AS evidence_text, "
              "CAST(a.published AS VARCHAR) AS published, e.pipeline_version "
              "FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.date, e.article_id, e.ord",
    "places": "SELECT article_id, ord, start_char, end_char, text, name, lat, lon, country, admin1, feature, "
              "geonameid, precision, pipeline_version FROM places ORDER BY article_id, ord",
    "quotes": "SELECT q.article_id, q.ord, q.start_char, q.end_char, q.text, q.kind, q.speaker, q.verb, "
              "CAST(a.published AS VARCHAR) AS published, q.pipeline_version "
              "FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.article_id, q.ord",
}
BATCH = 2000


def _sql(what: str) -> str:
    if what not in EXPORTS:
        raise StoreError(f"cannot export {what!r}: choose one of {', '.join(EXPORTS)}")
    return EXPORTS[what]


def rows(db: str | Path, what: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The column names of ``what`` and its rows, read in batches."""
    cur = connection(db)
    cur.execute(_sql(what))
    columns = [d[0] for d in cur.description]

    def batches() -> Iterator[tuple[Any, ...]]:
        while chunk := cur.fetchmany(BATCH):
            yield from chunk

    return columns, batches()


def to_parquet(db: str | Path, what: str, path: str | Path) -> int:
    """Write ``what`` to a Parquet file at ``path``; the number of rows."""
    target = Path(path)
    if not target.parent.is_dir():
        raise StoreError(f"cannot write {path}: folder {target.parent} does not exist")
    literal = "'" + str(target).replace("'", "''") + "'"
    cur = connection(db)
    cur.execute(f"COPY ({_sql(what)}) TO {literal} (FORMAT parquet)")
    return int(cur.execute(f"SELECT count(*) FROM ({_sql(what)})").fetchone()[0])
