"""The store's schema, changed only through numbered, recorded migrations.

Each migration is applied once, in a transaction, and recorded in
``schema_migrations`` (number, name, when); opening a store applies the ones it
lacks, so applying them twice is a no-op.  A store made by a newer Sitrep (a
migration this code does not know) is refused rather than misread.

Child tables (events, quotes, places, times, quantities, entities) keep both
typed columns, for filtering in SQL, and ``item``: the fact as the output
contract writes it, so what the store gives back is what ``sitrep extract``
prints.  Every row carries the ``pipeline_version`` that produced it.
"""

from __future__ import annotations

_SPAN = "start_char INTEGER, end_char INTEGER"
_CHILD = "article_id VARCHAR NOT NULL, ord INTEGER NOT NULL"
_TAIL = "item JSON NOT NULL, pipeline_version VARCHAR NOT NULL, PRIMARY KEY (article_id, ord)"

_INITIAL = [
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        content_sha256 VARCHAR NOT NULL UNIQUE,
        text VARCHAR NOT NULL,
        title VARCHAR, published DATE, language VARCHAR, url VARCHAR, author VARCHAR, site VARCHAR,
        credits JSON, related JSON, notes JSON, origin VARCHAR,
        pipeline_version VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL)""",
    f"""CREATE TABLE events ({_CHILD},
        type VARCHAR NOT NULL, acled_type VARCHAR, acled_subtype VARCHAR, status VARCHAR,
        date VARCHAR, date_from VARCHAR, confidence DOUBLE, fatalities INTEGER,
        place_name VARCHAR, place_text VARCHAR, place_lat DOUBLE, place_lon DOUBLE, place_country VARCHAR,
        place_admin1 VARCHAR, place_feature VARCHAR,
        source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
        target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER, evidence JSON, {_TAIL})""",
    f"""CREATE TABLE quotes ({_CHILD}, {_SPAN}, text VARCHAR, kind VARCHAR, speaker VARCHAR, verb VARCHAR,
        {_TAIL})""",
    f"""CREATE TABLE places ({_CHILD}, {_SPAN}, text VARCHAR, name VARCHAR, lat DOUBLE, lon DOUBLE,
        country VARCHAR, admin1 VARCHAR, feature VARCHAR, geonameid BIGINT, precision VARCHAR, {_TAIL})""",
    f"""CREATE TABLE times ({_CHILD}, {_SPAN}, text VARCHAR, type VARCHAR, value VARCHAR, {_TAIL})""",
    f"""CREATE TABLE quantities ({_CHILD}, {_SPAN}, text VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE,
        unit VARCHAR, role VARCHAR, {_TAIL})""",
    f"""CREATE TABLE entities ({_CHILD}, {_SPAN}, text VARCHAR, label VARCHAR, {_TAIL})""",
    """CREATE SEQUENCE quarantine_seq""",
    """CREATE TABLE quarantine (
        seq BIGINT PRIMARY KEY DEFAULT nextval('quarantine_seq'),
        origin VARCHAR NOT NULL, doc_id VARCHAR, stage VARCHAR, code VARCHAR, reason VARCHAR NOT NULL,
        excerpt VARCHAR, quarantined_at TIMESTAMP NOT NULL, pipeline_version VARCHAR NOT NULL)""",
]

_INDEXES = [
    "CREATE INDEX events_date ON events (date)",
    "CREATE INDEX events_type ON events (type)",
    "CREATE INDEX events_place ON events (place_name)",
    "CREATE INDEX places_name ON places (name)",
]

# Near-duplicate articles and merged events (see store/clusters.py).  ``article_bands``: the LSH band keys
# of each article; ``article_groups``: each article's group of near-duplicates (itself when alone);
# ``event_clusters``: the events of several articles that report one event (an event alone has no row);
# ``merged_events``: one row per event as reported, with its number of independent sources and all its evidence.
_CLUSTERS = [
    """CREATE TABLE article_bands (article_id VARCHAR NOT NULL, band SMALLINT NOT NULL, key BIGINT NOT NULL,
        pipeline_version VARCHAR NOT NULL)""",
    "CREATE INDEX article_bands_key ON article_bands (key)",
    """CREATE TABLE article_groups (article_id VARCHAR PRIMARY KEY, group_id VARCHAR NOT NULL,
        similarity DOUBLE, pipeline_version VARCHAR NOT NULL, grouped_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE event_clusters (article_id VARCHAR NOT NULL, ord INTEGER NOT NULL, cluster_id VARCHAR NOT NULL,
        pipeline_version VARCHAR NOT NULL)""",
    """CREATE VIEW merged_events AS
        SELECT COALESCE(c.cluster_id, e.article_id || '#' || e.ord) AS cluster_id,
               min(e.type) AS type, min(e.date) AS date_first, max(e.date) AS date_last,
               mode(e.place_name) AS place_name, avg(e.place_lat) AS lat, avg(e.place_lon) AS lon,
               mode(e.place_country) AS country, max(e.fatalities) AS fatalities,
               count(DISTINCT COALESCE(g.group_id, e.article_id)) AS sources,
               count(DISTINCT e.article_id) AS articles, count(*) AS reports,
               list({'article_id': e.article_id, 'ord': e.ord, 'start': e.evidence_start, 'end': e.evidence_end,
                     'evidence': e.evidence, 'source': e.source_name, 'target': e.target_name}
                    ORDER BY e.article_id, e.ord) AS evidence
        FROM events e
        LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.ord = e.ord
        LEFT JOIN article_groups g ON g.article_id = e.article_id
        GROUP BY 1""",
]

# (number, name, statements).  Append only: never edit a migration that has shipped.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "initial tables: articles, facts, quarantine", _INITIAL),
    (2, "indexes for the event filters", _INDEXES),
    (3, "near-duplicate articles and merged events", _CLUSTERS),
    (4, "store state (when events were last merged)", [
        """CREATE TABLE store_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL,
            pipeline_version VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)"""]),
]

_LEDGER = """CREATE TABLE IF NOT EXISTS schema_migrations (
    number INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"""
