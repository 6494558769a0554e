"""The store: migrations, the one writer (idempotent, atomic), the queries and exports.

Analyses are built by hand (tests/test_web_articles.py), so no model is loaded.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from sitrep.output.contract import PIPELINE_VERSION, to_contract
from sitrep.records import Entity, Quarantined, Span
from sitrep.store import StoreError, StoreWriter, close, connection, export, query, write_analyses
from sitrep.store.connection import migrate
from sitrep.store.schema import MIGRATIONS

from .test_web_articles import aleppo_army, aleppo_evacuation_fr, all_articles, gao_clash

TABLES = ("articles", "events", "quotes", "places", "times", "quantities", "entities", "quarantine")


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "store.duckdb"
    write_analyses(path, all_articles())
    yield path
    close(path)


def counts(db: Path) -> dict[str, int]:
    cur = connection(db)
    return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


# --- migrations ----------------------------------------------------------------------------------------


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    cur = connection(path, create=True)
    recorded = [r[0] for r in cur.execute("SELECT number FROM schema_migrations ORDER BY number").fetchall()]
    assert recorded == [n for n, _, _ in MIGRATIONS]
    assert migrate(cur) == []  # applying them again is a no-op
    close(path)
    cur = connection(path)  # reopened: nothing applied twice
    assert cur.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
    close(path)


def test_a_store_from_a_newer_sitrep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    connection(path, create=True).execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    close(path)
    with pytest.raises(StoreError, match="newer version"):
        connection(path)


def test_reading_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="sitrep ingest"):
        query.events(tmp_path / "none.duckdb")
    assert not (tmp_path / "none.duckdb").exists()


# --- the writer -------------------------------------------------------------------------------------------


def test_writing_twice_stores_once(db: Path) -> None:
    before = counts(db)
    assert before["articles"] == 5 and before["events"] == 7 and before["quarantine"] == 0
    assert write_analyses(db, all_articles()) == ["duplicate"] * 5
    renamed = replace(aleppo_army(), article=replace(aleppo_army().article, id="same-text-other-id"))
    assert write_analyses(db, [renamed]) == ["duplicate"]  # the key is the text, not the id
    assert counts(db) == before


def test_an_id_taken_by_another_text_is_quarantined_not_overwritten(db: Path) -> None:
    army = aleppo_army()
    changed = replace(army, article=replace(army.article, text=army.article.text + " Updated."))
    assert write_analyses(db, [changed]) == ["conflict"]
    assert query.article(db, army.article.id)["text"] == army.article.text
    items, total = query.quarantine(db)
    assert total == 1 and items[0]["id"] == army.article.id and items[0]["stage"] == "store"
    assert "another id" in items[0]["reason"]


def test_an_article_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.store.writer as writer_module

    path = tmp_path / "atomic.duckdb"
    real = writer_module._insert

    def failing(cur, table, columns, rows):  # type: ignore[no-untyped-def]
        if table == "places":
            raise RuntimeError("disk full (simulated)")
        real(cur, table, columns, rows)

    monkeypatch.setattr(writer_module, "_insert", failing)
    with pytest.raises(StoreError, match="disk full"):
        write_analyses(path, [aleppo_army()])
    assert all(n == 0 for n in counts(path).values())
    monkeypatch.setattr(writer_module, "_insert", real)
    assert write_analyses(path, [aleppo_army()]) == ["stored"]
    close(path)


def test_every_row_carries_the_pipeline_version(db: Path) -> None:
    with StoreWriter(db) as w:
        w.write_quarantine(Quarantined("bad.txt", "the input is empty", "E101", stage="ingest"))
    cur = connection(db)
    for table in TABLES:
        versions = {r[0] for r in cur.execute(f"SELECT DISTINCT pipeline_version FROM {table}").fetchall()}
        assert versions == ({PIPELINE_VERSION} if counts(db)[table] else set()), table


def test_an_article_reads_back_as_the_contract_wrote_it(db: Path) -> None:
    for analysis in all_articles():
        expected = json.loads(json.dumps(to_contract(analysis)))
        assert query.article(db, analysis.article.id) == expected
    assert query.article(db, "no-such-id") is None


def test_entities_and_notes_read_back(tmp_path: Path) -> None:
    gao = gao_clash()
    text = gao.article.text
    start = text.index("Gao")
    analysis = replace(gao, entities=(Entity(Span(start, start + 3), "Gao", "LOC"),), notes=("a note",),
                       article=replace(gao.article, credits=("Photo: team",), author="A. Writer"))
    path = tmp_path / "entities.duckdb"
    assert write_analyses(path, [analysis]) == ["stored"]
    assert query.article(path, gao.article.id) == json.loads(json.dumps(to_contract(analysis)))
    close(path)


def test_quarantine_keeps_the_reason_and_an_excerpt(db: Path) -> None:
    with StoreWriter(db) as w:
        w.write_quarantine(Quarantined("in.jsonl:3", "not valid JSON", "E100", id="x3"), excerpt="{" * 2000)
    items, total = query.quarantine(db)
    assert total == 1
    item = items[0]
    assert (item["origin"], item["id"], item["code"], item["reason"]) == ("in.jsonl:3", "x3", "E100", "not valid JSON")
    assert item["excerpt"] == "{" * 500 and item["at"]


# --- queries ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("filters", "total"), [
    ({}, 7), ({"place": "ALEPPO"}, 5), ({"place": "Alep"}, 1), ({"place": "Aleppo Governorate"}, 5),
    ({"type": "assault"}, 4), ({"date_from": "2016-12-12", "date_to": "2016-12-14"}, 3),
    ({"bbox": (36, 35, 38, 37)}, 5), ({"bbox": (-5, 10, 5, 20)}, 1), ({"actor": "malian"}, 1),
    ({"actor": "croix-rouge"}, 1), ({"text": "buses"}, 1), ({"text": "%"}, 0), ({"text": "_"}, 0),
    ({"place": "Aleppo", "type": "AID"}, 2), ({"place": "x' OR 1=1 --"}, 0),
])
def test_event_filters(db: Path, filters: dict, total: int) -> None:
    items, n = query.events(db, **filters, limit=100)
    assert n == total and len(items) == total


def test_events_carry_their_evidence_and_article(db: Path) -> None:
    items, _ = query.events(db, limit=100)
    texts = {a.article.id: a.article.text for a in all_articles()}
    for e in items:
        ev = e["evidence"]
        assert e["evidence_text"] == texts[e["article_id"]][ev["start"]:ev["end"]]  # offsets are characters
        assert {"published", "title", "type", "place", "confidence"} <= e.keys()
    dates = [e["date"] for e in items]
    assert dates == sorted(dates, reverse=True)
    assert counts(db)["articles"] == 5  # the injection attempt above changed nothing


def test_paging_keeps_the_total(db: Path) -> None:
    first, total = query.events(db, limit=3)
    rest, total2 = query.events(db, limit=3, offset=6)
    assert (len(first), len(rest), total, total2) == (3, 1, 7, 7)
    every, _ = query.events(db, limit=100)
    pages = [e for off in (0, 3, 6) for e in query.events(db, limit=3, offset=off)[0]]
    assert pages == every


def test_event_counts_agree_with_the_events(db: Path) -> None:
    rows, total = query.event_counts(db, by=("date", "type"), place="Aleppo")
    assert total == 5 and sum(r["count"] for r in rows) == 5
    assert {"date": "2016-12-04", "type": "ASSAULT", "count": 2} in rows
    points, _ = query.event_counts(db, by=("place", "type"))
    assert {(p["place"], p["type"]) for p in points if p["place"] == "Aleppo"} == {("Aleppo", "ASSAULT"),
                                                                                     ("Aleppo", "AID")}


def test_articles_places_quotes(db: Path) -> None:
    items, total = query.articles(db)
    assert total == 5 and items[0]["published"] == "2024-07-16"
    assert {i["id"]: i["events"] for i in items}["al-army-1"] == 2
    assert query.articles(db, text="évacuées")[1] == 1
    assert query.articles(db, place="Damas")[1] == 1
    assert query.articles(db, date_from="2016-12-13", date_to="2016-12-31")[1] == 2
    places, _ = query.places(db)
    aleppo = next(p for p in places if p["name"] == "Aleppo")
    assert aleppo["mentions"] == 4 and aleppo["events"] == 5 and aleppo["country"] == "SY"
    assert query.places(db, text="dam")[1] == 1
    quotes, total = query.quotes(db, speaker="gasser")
    assert total == 1 and quotes[0]["article_id"] == "al-evac-fr" and quotes[0]["published"] == "2016-12-13"
    assert query.quotes(db, place="Aleppo")[1] == 2


# --- exports ----------------------------------------------------------------------------------------------


def test_export_rows_and_parquet(db: Path, tmp_path: Path) -> None:
    columns, rows = export.rows(db, "events")
    events = [dict(zip(columns, r, strict=True)) for r in rows]
    assert len(events) == 7 and {"lat", "lon", "evidence_text", "pipeline_version"} <= set(columns)
    french = next(e for e in events if e["article_id"] == "al-evac-fr")
    assert french["evidence_text"].startswith("Plus de 3 000 personnes ont été évacuées")
    target = tmp_path / "it's events.parquet"  # a quote in the path is written safely
    assert export.to_parquet(db, "events", target) == 7
    import duckdb

    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{str(target).replace(chr(39), chr(39) * 2)}')"
                      ).fetchall()[0][0] == 7
    with pytest.raises(StoreError, match="choose one of"):
        export.rows(db, "events; DROP TABLE articles")


def test_the_second_french_article_reads_back_with_its_accents(db: Path) -> None:
    art = query.article(db, aleppo_evacuation_fr().article.id)
    assert art is not None and art["title"] == "Évacuations à Alep" and art["language"] == "fr"
