"""Near-duplicate articles grouped, and one event told by several articles merged (records built by hand)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest.dedup import THRESHOLD, Fingerprint, fingerprint, jaccard, shingles
from sitrep.records import Actor, Analysis, Article, Event, Place, Span
from sitrep.store import StoreWriter, close, connection, write_analyses
from sitrep.store.clusters import merged_events, refresh
from sitrep.store.connection import migrate
from sitrep.store.schema import MIGRATIONS

BRIDGE = ("The regional council of Brenne voted on Tuesday to reopen the old stone bridge over the river, closed "
          "since the floods of last spring. Engineers said repairs to two arches were finished and the deck had "
          "passed a load test. Traffic will resume on Friday morning, the council said, with a limit of twelve "
          "tonnes for lorries. Shopkeepers on both banks welcomed the decision after months of detours that cut "
          "their trade by a third.")
MARKET = ("A fire destroyed four stalls of the covered market of Albi during the night, firefighters said. The "
          "blaze started in a bakery stand shortly after two in the morning and spread to the fish counters. No one "
          "was hurt; the market will reopen on Saturday in the square while the hall is repaired.")
SHELLING = ("Artillery fire hit the northern quarters of Valmont on {day}, killing {n} people, a hospital director "
            "told reporters. {extra}")


def article(doc_id: str, text: str, published: date = date(2016, 12, 6)) -> Article:
    return Article(doc_id, text, title=doc_id, published=published, language="en")


VALMONT = (36.2, 37.15)


def shelling_event(text: str, day: str, lat_lon: tuple[float, float] = VALMONT, type: str = "ASSAULT",
                   source: Actor | None = None) -> Event:
    start = text.index("Artillery")
    place = Place(Span(text.index("Valmont"), text.index("Valmont") + 7), "Valmont", "Valmont", lat_lon[0],
                  lat_lon[1], "SY", "city")
    return Event(type, (Span(start, text.index(".", start) + 1),), place=place, date=day, date_from="text",
                 source=source)


def report(doc_id: str, day: str, extra: str, **event: object) -> Analysis:
    text = SHELLING.format(day="Monday", n=7, extra=extra)
    return Analysis(article(doc_id, text), events=(shelling_event(text, day, **event),))  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "store.duckdb"
    yield path
    close(path)


def run_refresh(db: Path) -> tuple[int, int]:
    with StoreWriter(db) as writer:
        return refresh(writer)


def test_shingles_and_band_keys_find_reprints_not_other_stories():
    reprint = BRIDGE.replace("on Tuesday", "on Tuesday evening") + " Reporting by the Valley desk."
    assert jaccard(shingles(BRIDGE), shingles(reprint)) >= THRESHOLD
    assert set(fingerprint(BRIDGE).bands) & set(fingerprint(reprint).bands)
    assert not set(fingerprint(BRIDGE).bands) & set(fingerprint(MARKET).bands)
    assert fingerprint("").bands == () and fingerprint(BRIDGE) == fingerprint(BRIDGE)


def test_near_duplicates_are_grouped_across_runs(db: Path):
    write_analyses(db, [Analysis(article("bridge-1", BRIDGE)), Analysis(article("market", MARKET))])
    assert run_refresh(db)[0] == 2
    reprint = "Bridge to reopen. " + BRIDGE.replace("twelve tonnes", "12 tonnes")
    write_analyses(db, [Analysis(article("bridge-2", reprint))])
    assert run_refresh(db)[0] == 1  # only the new article is fingerprinted
    groups = dict(connection(db).execute("SELECT article_id, group_id FROM article_groups").fetchall())
    assert groups == {"bridge-1": "bridge-1", "market": "market", "bridge-2": "bridge-1"}
    assert run_refresh(db)[0] == 0


def test_one_event_told_by_three_articles_two_of_them_copies(db: Path):
    write_analyses(db, [
        report("wire", "2016-12-05", "The army denied it."),
        report("wire-copy", "2016-12-05", "The army denied it. Our correspondent added that schools were shut."),
        report("local", "2016-12-06", "Residents fled towards the river. Shops stayed closed on the main road "
               "and the water supply was cut in three districts, the town hall said.", lat_lon=(36.25, 37.2)),
        report("elsewhere", "2016-12-05", "A separate report.", lat_lon=(35.0, 38.5)),  # about 170 km away
        report("later", "2016-12-09", "Three days on."),  # too far in time
        report("protest", "2016-12-05", "Crowds gathered.", type="PROTEST"),
    ])
    run_refresh(db)
    items, total = merged_events(db, min_sources=2)
    assert total == 1
    (merged,) = items
    assert merged["type"] == "ASSAULT" and merged["place_name"] == "Valmont"
    assert merged["articles"] == 3 and merged["sources"] == 2  # the copy is the same source
    assert [e["article_id"] for e in merged["evidence"]] == ["local", "wire", "wire-copy"]
    assert all(e["text"].startswith("Artillery fire hit") for e in merged["evidence"])
    _, everything = merged_events(db)
    assert everything == 4  # the merged event, plus three told once


def test_actors_that_disagree_are_not_merged(db: Path):
    army = Actor("the army", None, "Syrian army", "SYR", "MIL")
    rebels = Actor("rebels", None, "Free Syrian Army rebels", "SYR", "REB")
    russia = Actor("Russian jets", None, "Russian air force", "RUS", "MIL")
    write_analyses(db, [
        report("a", "2016-12-05", "One.", source=army),
        report("b", "2016-12-05", "Two two.", source=russia),  # another country: another event
        report("c", "2016-12-05", "Three three three.", source=rebels),  # same country: compatible
    ])
    run_refresh(db)
    items, _ = merged_events(db)
    # The three texts are near-copies (one source), so the merge is read from the articles it joins.
    assert sorted(sorted(e["article_id"] for e in item["evidence"]) for item in items) == [["a", "c"], ["b"]]


def test_merging_again_gives_the_same_clusters(db: Path):
    write_analyses(db, [report("x", "2016-12-05", "One."), report("y", "2016-12-05", "Two two.")])
    run_refresh(db)
    first = connection(db).execute("SELECT * FROM event_clusters ORDER BY ALL").fetchall()
    run_refresh(db)
    assert connection(db).execute("SELECT * FROM event_clusters ORDER BY ALL").fetchall() == first
    assert {row[2] for row in first} == {"x#0"}


def test_a_store_at_migration_2_upgrades_and_keeps_its_rows(tmp_path: Path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                "applied_at TIMESTAMP NOT NULL)")
    for number, name, statements in MIGRATIONS[:2]:
        for statement in statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
    con.close()
    write_analyses(path, [report("x", "2016-12-05", "One.")])  # opening migrates to the latest
    cur = connection(path)
    assert [r[0] for r in cur.execute("SELECT number FROM schema_migrations ORDER BY 1").fetchall()] == [
        n for n, _, _ in MIGRATIONS]
    assert migrate(cur) == []  # applying them again is a no-op
    run_refresh(path)
    assert merged_events(path)[1] == 1
    close(path)


def test_events_without_a_day_or_with_a_country_only_are_not_merged(db: Path):
    a, b = report("a", "2016-12", "One."), report("b", "2016-12", "Two two.")  # a month, not a day
    c, d = report("c", "2016-12-05", "Three."), report("d", "2016-12-05", "Four four.")
    wide = [replace(x, events=(replace(x.events[0], place=replace(x.events[0].place, feature="country")),))
            for x in (c, d)]
    write_analyses(db, [a, b, *wide])
    run_refresh(db)
    assert [item["articles"] for item in merged_events(db)[0]] == [1, 1, 1, 1]


def test_sitrep_events_merged(db: Path, capsys):
    import json

    from sitrep.cli.main import main

    russia = Actor("Russian jets", None, "Russian air force", "RUS", "MIL")
    write_analyses(db, [
        report("wire", "2016-12-05", "The army denied it.", source=russia),
        report("local", "2016-12-06", "Residents fled towards the river. Shops stayed closed on the main road "
               "and the water supply was cut in three districts, the town hall said.", lat_lon=(36.25, 37.2)),
    ])
    run_refresh(db)
    close(db)
    assert main(["events", "--db", str(db), "--merged", "--min-sources", "2", "--actor", "russian",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 1 and out["items"][0]["sources"] == 2
    assert merged_events(db, actor="french")[1] == 0
    assert main(["events", "--db", str(db), "--merged", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("date_first,") and len(lines) == 2


def test_a_fingerprint_packed_by_a_worker_reads_back_the_same() -> None:
    for text in (BRIDGE, MARKET, ""):
        found = fingerprint(text)
        assert Fingerprint.unpacked(found.packed()) == found
    assert len(fingerprint(BRIDGE).packed()) == 8 * len(fingerprint(BRIDGE).bands) > 0
