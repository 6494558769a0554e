"""Near-duplicate articles grouped, and one event reported by several articles merged.

Both run over the whole store after an ingest (``refresh``), and both can be
run again at any time: grouping takes only the articles not yet grouped,
merging recomputes every merged event (a SQL join does the pairing).

**Groups.**  Each new article gets its LSH band keys (``ingest.dedup``); the
stored articles sharing a key are its candidates, checked on the exact
Jaccard similarity of their word 5-grams.  It joins the group of the most
similar candidate at or above ``dedup.THRESHOLD``, else starts its own.  A
group counts as one source.

**Merged events.**  Two events of two different articles are the same event
when they have the same type; the same day, or days one apart (the event's
own date, else the article's publication day; a month or a year is not
precise enough to merge on); places within ``MERGE_KM`` km (or with the same
name when one has no coordinates; a country or a region is too wide to say two
reports are one event); compatible statuses (both occurred or ongoing, or the
same); and compatible actors on each side (when both name a country it is the
same; when both name an actor without a common country, one name contains the
other).  Merging is transitive (connected components).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from .connection import connection

MERGE_KM = 25.0
GROUP_BATCH = 2000  # articles fingerprinted and grouped per transaction

_WIDE_PLACES = ("country", "region", "continent")
_EVENTS = f"""
    SELECT e.article_id, e.ord, e.type, e.status,
           COALESCE(TRY_CAST(substr(e.date, 1, 10) AS DATE), CASE WHEN e.date IS NULL THEN a.published END) AS day,
           e.place_lat AS lat, e.place_lon AS lon, lower(e.place_name) AS place,
           e.source_country AS sc, lower(COALESCE(e.source_name, e.source_text)) AS sn,
           e.target_country AS tc, lower(COALESCE(e.target_name, e.target_text)) AS tn
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.place_name IS NOT NULL AND COALESCE(e.place_feature, '') NOT IN {_WIDE_PLACES!r}"""
_KM = ("2 * 6371 * asin(sqrt(pow(sin(radians(y.lat - x.lat) / 2), 2) + "
       "cos(radians(x.lat)) * cos(radians(y.lat)) * pow(sin(radians(y.lon - x.lon) / 2), 2)))")


def _actors_agree(c1: str, n1: str, c2: str, n2: str) -> str:
    return (f"({c1} IS NULL OR {c2} IS NULL OR {c1} = {c2}) AND ({n1} IS NULL OR {n2} IS NULL "
            f"OR contains({n1}, {n2}) OR contains({n2}, {n1}) OR ({c1} IS NOT NULL AND {c1} = {c2}))")


_PAIRS = f"""
    WITH ev AS ({_EVENTS}),
    near AS (SELECT *, unnest([day - 1, day, day + 1]) AS near_day FROM ev WHERE day IS NOT NULL)
    SELECT x.article_id, x.ord, y.article_id, y.ord
    FROM ev x JOIN near y ON x.type = y.type AND x.day = y.near_day AND x.article_id < y.article_id
    WHERE (x.status = y.status OR (x.status IN ('occurred', 'ongoing') AND y.status IN ('occurred', 'ongoing')))
      AND (CASE WHEN x.lat IS NOT NULL AND y.lat IS NOT NULL AND x.lon IS NOT NULL AND y.lon IS NOT NULL
                THEN {_KM} <= ? ELSE x.place = y.place END)
      AND {_actors_agree('x.sc', 'x.sn', 'y.sc', 'y.sn')}
      AND {_actors_agree('x.tc', 'x.tn', 'y.tc', 'y.tn')}"""


# --- near-duplicate articles --------------------------------------------------------------------------------


def _texts(cur: Any, ids: Iterable[str]) -> dict[str, str]:
    wanted = list(ids)
    if not wanted:
        return {}
    rows = cur.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted])
    return {str(i): str(t) for i, t in rows.fetchall()}


def _candidates(cur: Any, bands: list[tuple[str, int, int]]) -> dict[str, set[str]]:
    """For each article of ``bands``, the stored articles sharing one of its band keys."""
    if not bands:
        return {}
    rows = cur.execute(
        "SELECT DISTINCT n.article_id, o.article_id FROM (SELECT unnest(?::VARCHAR[]) AS article_id, "
        "unnest(?::SMALLINT[]) AS band, unnest(?::BIGINT[]) AS key) n "
        "JOIN article_bands o ON o.key = n.key AND o.band = n.band AND o.article_id <> n.article_id",
        [[b[0] for b in bands], [b[1] for b in bands], [b[2] for b in bands]]).fetchall()
    found: dict[str, set[str]] = {}
    for new, old in rows:
        found.setdefault(str(new), set()).add(str(old))
    return found


def group_articles(writer: Any, fingerprints: Mapping[str, bytes] | None = None) -> int:
    """Group the articles not yet grouped with their near-duplicates; how many were grouped.

    ``fingerprints``: the packed ``Fingerprint`` of stored articles by id, when the ingest that stored them
    already computed it (in its worker processes, in parallel); the others are fingerprinted here."""
    from ..ingest.dedup import Fingerprint, fingerprint

    known = fingerprints or {}
    cur, done = writer.cur, 0
    while True:
        batch = cur.execute("SELECT a.id, a.text FROM articles a ANTI JOIN article_groups g ON g.article_id = a.id "
                            "ORDER BY a.ingested_at, a.id LIMIT ?", [GROUP_BATCH]).fetchall()
        if not batch:
            return done
        prints = [Fingerprint.unpacked(known[str(i)]) if str(i) in known else fingerprint(text) for i, text in batch]
        bands = [(str(i), band, key) for (i, _), found in zip(batch, prints, strict=True)
                 for band, key in enumerate(found.bands)]
        writer.write_article_groups(_groups(cur, batch, bands), bands)
        done += len(batch)


def _groups(cur: Any, batch: list[tuple[str, str]], bands: list[tuple[str, int, int]]
            ) -> list[tuple[str, str, float | None]]:
    """The group of each article of ``batch``, in order: stored articles first, then earlier ones of the batch."""
    from ..ingest.dedup import THRESHOLD, jaccard, shingles

    stored = _candidates(cur, bands)
    group_of: dict[str, str] = dict(cur.execute(
        "SELECT article_id, group_id FROM article_groups WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted({c for found in stored.values() for c in found})]).fetchall())
    grams = {str(i): shingles(text) for i, text in batch}
    keys_of: dict[str, list[tuple[int, int]]] = {}
    for article_id, band, key in bands:
        keys_of.setdefault(article_id, []).append((band, key))
    placed: dict[tuple[int, int], set[str]] = {}  # band key -> articles of this batch already grouped
    groups: list[tuple[str, str, float | None]] = []
    for article_id, _ in batch:
        article_id = str(article_id)
        candidates = set(stored.get(article_id, ()))
        for band_key in keys_of.get(article_id, []):
            candidates |= placed.get(band_key, set())
        grams.update({i: shingles(t) for i, t in _texts(cur, [c for c in candidates if c not in grams]).items()})
        scored = sorted(((jaccard(grams[article_id], grams[c]), c) for c in candidates if c in grams),
                        key=lambda sc: (-sc[0], sc[1]))
        best = next(((score, c) for score, c in scored if score >= THRESHOLD), None)
        group_of[article_id] = group_of[best[1]] if best else article_id
        groups.append((article_id, group_of[article_id], round(best[0], 4) if best else None))
        for band_key in keys_of.get(article_id, []):
            placed.setdefault(band_key, set()).add(article_id)
    return groups


# --- merged events ----------------------------------------------------------------------------------------


def _ingested_upto(cur: Any) -> str:
    return str(cur.execute("SELECT CAST(max(ingested_at) AS VARCHAR) FROM articles").fetchone()[0])


def merge_events(writer: Any, km: float = MERGE_KM) -> int:
    """Recompute the merged events of the whole store; how many events were merged with others."""
    upto = _ingested_upto(writer.cur)
    pairs = writer.cur.execute(_PAIRS, [km]).fetchall()
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    for a1, o1, a2, o2 in pairs:
        r1, r2 = find(f"{a1}#{o1}"), find(f"{a2}#{o2}")
        if r1 != r2:
            parent[max(r1, r2)] = min(r1, r2)  # the smallest key names the cluster: stable across runs
    members = {(node.rpartition("#")[0], int(node.rpartition("#")[2]), find(node)) for node in list(parent)}
    members |= {(root.rpartition("#")[0], int(root.rpartition("#")[2]), root) for _, _, root in list(members)}
    writer.replace_event_clusters(sorted(members), upto)
    return len(members)


def refresh(writer: Any, km: float = MERGE_KM, fingerprints: Mapping[str, bytes] | None = None) -> tuple[int, int]:
    """Group the articles not yet grouped, then merge events if articles came in since the last merge:
    (articles grouped, events merged; -1 when the merge was already up to date).  Safe to run at any time:
    an ingest killed before or during this pass is completed by the next one.  ``fingerprints``: see
    ``group_articles``."""
    grouped = group_articles(writer, fingerprints)
    last = writer.cur.execute("SELECT value FROM store_state WHERE key = 'events_merged_upto'").fetchone()
    if last is not None and last[0] == _ingested_upto(writer.cur):
        return grouped, -1
    return grouped, merge_events(writer, km)


# --- reading ----------------------------------------------------------------------------------------------


def merged_events(db: str | Path, *, place: str | None = None, date_from: date | str | None = None,
                  date_to: date | str | None = None, type: str | None = None, actor: str | None = None,
                  min_sources: int = 1, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events as reported, one row per event however many articles told it, most sources first.

    Filters as ``query.events`` (``actor``: words in a report's source or target name).
    Each item: ``cluster_id``, ``type``, ``date_first``, ``date_last``, ``place_name``, ``lat``, ``lon``,
    ``country``, ``fatalities`` (the highest reported), ``sources`` (independent articles: near-duplicates
    count once), ``articles``, ``reports`` and ``evidence``: every report's ``article_id``, ``ord``, span
    (``start``, ``end``), all its evidence spans, ``source``/``target`` names and ``text``.
    """
    clauses: list[str] = ["sources >= ?"]
    values: list[Any] = [min_sources]
    if place:
        clauses.append("lower(place_name) = lower(?)")
        values.append(place)
    if date_from:
        clauses.append("substr(date_last, 1, 10) >= ?")
        values.append(str(date_from)[:10])
    if date_to:
        clauses.append("substr(date_first, 1, 10) <= ?")
        values.append(str(date_to)[:10])
    if type:
        clauses.append("type = ?")
        values.append(type.upper())
    if actor:  # any report whose source or target names the actor
        clauses.append("len(list_filter(evidence, lambda r: contains(lower(COALESCE(r.source, '')), lower(?)) "
                       "OR contains(lower(COALESCE(r.target, '')), lower(?)))) > 0")
        values.extend([actor, actor])
    where = " WHERE " + " AND ".join(clauses)
    cur = connection(db)
    total = cur.execute(f"SELECT count(*) FROM merged_events{where}", values).fetchone()[0]
    cur.execute(f"SELECT * FROM merged_events{where} ORDER BY sources DESC, date_first DESC NULLS LAST, cluster_id "
                "LIMIT ? OFFSET ?", [*values, limit, offset])
    columns = [d[0] for d in cur.description]
    items = [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
    texts = _texts(cur, {e["article_id"] for item in items for e in item["evidence"]})
    for item in items:
        for e in item["evidence"]:
            text = texts.get(e["article_id"], "")
            e["text"] = text[e["start"]:e["end"]] if e["start"] is not None and e["end"] is not None else ""
    return items, int(total)
