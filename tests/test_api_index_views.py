"""The timeline and the map counted from the event index (``store/index_views.py``) answer as the SQL
does (``query.event_counts``), byte for byte, for many filter combinations; over HTTP with and without
the index; and a write is seen by the next answer.

The generated store holds what the counting rules are about: undated events (in the total, on no day),
a month for a date, places without coordinates or with one of them only, two places of one name at two
points, one point under two countries (one unknown), points on the box edges (the 180th meridian, the
poles, the equator and the prime meridian), and many ties of counts on the map.
"""

from __future__ import annotations

import json
import random
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import ServeSettings, create_app
from sitrep.api.data import StoreReader
from sitrep.api.params import Filters
from sitrep.api.routes import _encode
from sitrep.records import Actor, Analysis, Article, Event, Place, Span
from sitrep.store import close, connection, query, write_analyses
from sitrep.store.index import EventIndex

from .test_api_index import filter_sets

TYPES = ("ASSAULT", "PROTEST", "AID", "ACCUSE")
# (name, text as written, region, lat, lon, country)
PLACES = (
    ("Aleppo", "Alep", "Aleppo Governorate", 36.2, 37.13, "SY"), ("Gao", "Gao", None, 16.27, -0.05, "ML"),
    ("Gao", "Gao", None, 16.3, -0.04, "ML"),  # one name, two points
    ("Springfield", "Springfield", None, 39.8, -89.65, "US"), ("Springfield", "Springfield", None, 39.8, -89.65, None),
    ("İzmir", "İzmir", None, 38.42, 27.14, "TR"), ("Saint-Étienne", "Saint-Étienne", None, 45.43, 4.39, "FR"),
    ("Suva", "Suva", None, -18.14, 180.0, "FJ"), ("Taveuni", "Taveuni", None, -16.9, -180.0, "FJ"),
    ("Pole", "the pole", None, 90.0, 0.0, None), ("Null Island", "Null Island", None, 0.0, 0.0, None),
    ("Atlantis", "Atlantis", None, None, None, None), ("Half", "Half", None, 12.5, None, "XX"),
    ("Camp 100% \"Nord\"", "Camp 100% \"Nord\"", None, 10.5, 10.5, None),  # '%' and quotes in the JSON
)
ACTORS = (("Government forces", "GOV"), ("the Army", "MIL"), ("rebels", "REB"), ("aid workers", "CVL"))
TEMPLATES = ("{src} and {tgt} clashed near {place}.", "{src} accused {tgt} of blocking convoys to {place}.",
             "Des {tgt} se sont rassemblés à {place}.")


def generated(n_articles: int = 90, seed: int = 3) -> list[Analysis]:
    rng = random.Random(seed)
    out = []
    for a in range(n_articles):
        published = None if a % 13 == 0 else date(2023, 5, 1) + timedelta(days=rng.randrange(20))
        text, events = f"Report {a}.", []
        for _ in range(rng.randrange(1, 5)):
            name, written, region, lat, lon, cc = rng.choice(PLACES)
            (src, src_sector), (tgt, tgt_sector) = rng.sample(ACTORS, 2)
            sentence = rng.choice(TEMPLATES).format(src=src, tgt=tgt, place=written)
            start = len(text) + 1
            text = f"{text} {sentence}"
            at = start + sentence.index(written)
            place = None if rng.random() < 0.1 else Place(Span(at, at + len(written)), written, name, lat, lon, cc,
                                                          "city", admin1=region)
            day = rng.choice((None, None, "2023-05", *(str(date(2023, 5, 1) + timedelta(days=d)) for d in range(8))))
            events.append(Event(rng.choice(TYPES), (Span(start, start + len(sentence)),), place=place, date=day,
                                date_from="text" if day else None, source=Actor(src, None, src, None, src_sector),
                                target=Actor(tgt, None, tgt, None, tgt_sector), confidence=0.6))
        article = Article(f"view-{a:03d}", text, title=f"Report {a}", published=published, language="en")
        out.append(Analysis(article, places=tuple(e.place for e in events if e.place), events=tuple(events)))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("views") / "views.duckdb"
    write_analyses(db, generated())
    yield db
    close(db)


def edge_filters() -> list[dict[str, Any]]:
    """Boxes on and across the edges, days around the store's, and filters that find nothing."""
    boxes = [(-180.0, -90.0, 180.0, 90.0), (180.0, -90.0, 180.0, 90.0), (-180.0, -20.0, -180.0, 0.0),
             (179.0, -19.0, 180.0, -18.0), (0.0, 0.0, 0.0, 0.0), (0.0, 89.0, 1.0, 90.0), (-0.05, 16.27, -0.04, 16.3),
             (-1.0, 16.0, 0.0, 17.0), (-90.0, 39.8, -89.65, 39.8), (10.0, 10.0, 11.0, 11.0), (-180.0, -90.0, 0.0, 0.0)]
    out: list[dict[str, Any]] = [{"bbox": b} for b in boxes]
    out += [{"date_from": "2023-05"}, {"date_to": "2023-05"}, {"date_from": "2023-05-01", "date_to": "2023-05-01"},
            {"date_from": "2023-05-08"}, {"date_to": "2023-04-30"}, {"date_from": "2024-01-01"},
            {"place": "Gao", "type": "AID"}, {"place": "springfield"}, {"place": "Atlantis"}, {"place": "Half"},
            {"place": "Nowhere"}, {"text": "zzz"}, {"actor": "zzz"}, {"type": "CONSULT"},
            {"place": "Gao", "bbox": (10.0, 10.0, 11.0, 11.0)}, {"text": "convoys", "date_from": "2023-05-03"},
            {"actor": "army", "bbox": (-180.0, -90.0, 180.0, 90.0), "type": "ASSAULT"}]
    return out


def random_filters(n: int = 300, seed: int = 4) -> list[dict[str, Any]]:
    """Random combinations of the filters, over this store's places, words and days."""
    rng = random.Random(seed)
    places = [p for name, text, region, *_ in PLACES for p in (name, text, region) if p] + ["izmir", "GAO", "nowhere"]
    actors = ["army", "forces", "rebels", "aid", "É", "zz"]
    texts = ["convoys", "clashed", "rassemblés", "alep", "gao", "İzmir", "izmir", "é", "of blocking", ".", "zz"]
    days = [None, "2023-04-30", "2023-05", "2023-05-01", "2023-05-04", "2023-05-07", "2023-05-20"]
    out = []
    for _ in range(n):
        f: dict[str, Any] = {}
        for key, pool in (("place", places), ("actor", actors), ("text", texts), ("type", TYPES)):
            if rng.random() < 0.25:
                f[key] = rng.choice(pool)
        if rng.random() < 0.4:
            f["date_from"] = rng.choice(days)
            f["date_to"] = rng.choice([d for d in days if d is None or f["date_from"] is None or d >= f["date_from"]])
        if rng.random() < 0.4:
            west, south = rng.choice((-180.0, 180.0, 0.0, rng.uniform(-180, 180))), rng.uniform(-90, 90)
            east, north = rng.uniform(west, 180), rng.choice((90.0, rng.uniform(south, 90)))
            f["bbox"] = (min(west, east), south, max(west, east), north)
        out.append(f)
    return out


def both(db: Path, index: EventIndex, f: dict[str, Any]) -> tuple[tuple[bytes, bytes], tuple[bytes, bytes]]:
    """(SQL, index) answers of the timeline and of the map."""
    timeline, total = query.event_counts(db, by=("date", "type"), **f)
    points, total_ = query.event_counts(db, by=("place", "type"), **f)
    return ((_encode({"items": timeline, "total": total}), index.timeline_body(**f)),
            (_encode({"items": points, "total": total_}), index.map_body(**f)))


def test_the_generated_store_has_what_the_rules_are_about(store: Path) -> None:
    days, total = query.event_counts(store, by=("date", "type"))
    points, _ = query.event_counts(store, by=("place", "type"))
    assert sum(d["count"] for d in days) < total  # undated events are in the total only
    assert any(d["date"] == "2023-05" for d in days)
    assert sum(p["count"] for p in points) < total  # and so are events without coordinates
    assert not {"Atlantis", "Half"} & {p["place"] for p in points}
    assert len({(p["lat"], p["lon"]) for p in points if p["place"] == "Gao"}) == 2
    assert {p["country"] for p in points if p["place"] == "Springfield"} == {"US", None}
    assert any("%" in p["place"] for p in points)
    counts = [p["count"] for p in points]
    assert len(counts) - len(set(counts)) > 10  # ties that the order has to settle


def test_the_map_order_has_no_ties_left(store: Path) -> None:
    points, _ = query.event_counts(store, by=("place", "type"))
    keys = [(-p["count"], p["place"], p["lat"], p["lon"], p["country"] is None, p["country"] or "", p["type"])
            for p in points]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_the_index_counts_as_the_sql_does(store: Path) -> None:
    index = EventIndex(store)
    found = 0
    for f in [*edge_filters(), *random_filters(), *filter_sets(seed=4, n=60)]:
        f.pop("limit", None), f.pop("offset", None)
        (want_days, got_days), (want_points, got_points) = both(store, index, f)
        assert got_days == want_days, ("timeline", f)
        assert got_points == want_points, ("map", f)
        found += b'"items":[]' not in want_points
    assert found > 200  # most combinations count something: the comparison is not of empty answers


def test_an_empty_store_counts_nothing(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    connection(db, create=True)
    index = EventIndex(db)
    for f in ({}, {"place": "Gao", "text": "convoys"}, {"bbox": (0.0, 0.0, 1.0, 1.0), "type": "AID"}):
        (want_days, got_days), (want_points, got_points) = both(db, index, f)
        assert got_days == want_days == got_points == want_points == b'{"items":[],"total":0}'
    close(db)


QUERIES = ("", "place=Gao", "place=springfield&type=aid", "bbox=-180,-90,180,90", "bbox=180,-90,180,90",
           "bbox=-0.05,16.27,-0.04,16.3", "from=2023-05-02&to=2023-05-05", "from=2023-05", "to=2023-05-01",
           "q=convoys", "q=%C3%A0+alep", "actor=army&type=ASSAULT", "place=Nowhere", "bbox=10,10,11,11",
           "from=2024-01-01", "type=NOPE", "bbox=1,2,3", "from=2023-05-09&to=2023-05-01")


def test_the_http_answers_are_the_same_bytes_with_and_without_the_index(store: Path) -> None:
    plain = TestClient(create_app(ServeSettings(db=store, cache_entries=0, event_index=False)))
    indexed = TestClient(create_app(ServeSettings(db=store, cache_entries=0, event_index=True)))
    for endpoint in ("timeline", "map"):
        for query_string in QUERIES:
            a, b = plain.get(f"/api/{endpoint}?{query_string}"), indexed.get(f"/api/{endpoint}?{query_string}")
            assert a.status_code == b.status_code, (endpoint, query_string)
            assert a.content == b.content, (endpoint, query_string)
    assert plain.get("/api/map?place=Gao").json()["total"] > 0


def test_a_write_is_seen_by_the_next_timeline_and_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep

    db = tmp_path / "write.duckdb"
    analyses = generated(14, seed=8)
    write_analyses(db, analyses[:10])
    fresh = {a.article.id: a for a in analyses[10:]}
    # Ingestion without the models: the posted ids are answered by analyses made above.
    monkeypatch.setattr(sitrep, "extract_many", lambda raws, ctx: [fresh[r.id] for r in raws])
    key = "views-key-0123456789"
    reader = StoreReader(db, cache_entries=64, event_index=True)
    client = TestClient(create_app(ServeSettings(db=db, api_key=key, cache_entries=64), reader=reader))
    before = {e: client.get(f"/api/{e}").json() for e in ("timeline", "map")}
    r = client.post("/api/articles", json=[{"id": i, "text": "x"} for i in fresh], headers={"X-API-Key": key})
    assert r.status_code == 201, r.text
    added = sum(len(a.events) for a in fresh.values())
    added_points = sum(1 for a in fresh.values() for e in a.events
                       if e.place is not None and e.place.lat is not None and e.place.lon is not None)
    assert added_points > 0
    after = {e: client.get(f"/api/{e}").content for e in ("timeline", "map")}  # at once, index rebuilt or not
    for endpoint, body in after.items():
        assert json.loads(body)["total"] == before[endpoint]["total"] + added
    points = json.loads(after["map"])["items"]
    assert sum(p["count"] for p in points) == sum(p["count"] for p in before["map"]["items"]) + added_points
    assert reader.index is not None
    reader.index.wait(30)
    assert reader.index.current() is not None  # rebuilt, and answering
    assert reader.timeline_body(Filters()) == after["timeline"] and reader.map_points_body(Filters()) == after["map"]
    assert {e: client.get(f"/api/{e}").content for e in ("timeline", "map")} == after
    close(db)


def test_while_the_index_is_rebuilt_the_store_answers(store: Path) -> None:
    reader = StoreReader(store, event_index=True)
    assert reader.index is not None
    built = reader.index.current()
    assert built is not None and reader.map_points_body(Filters(place="Gao")) is not None
    release = threading.Event()

    def slow_build(db: Any) -> EventIndex:
        release.wait(10)
        return built

    reader.index._build = slow_build
    reader.index.invalidate()  # as after a write: read in SQL until the index is loaded again
    try:
        assert reader.timeline_body(Filters()) is None and reader.map_points_body(Filters()) is None
        f = Filters(place="Gao", type="AID")
        assert reader.map_points(f) == query.event_counts(store, by=("place", "type"), place="Gao", type="AID")
        client = TestClient(create_app(ServeSettings(db=store, cache_entries=0), reader=reader))
        assert client.get("/api/timeline?q=convoys").content == built.timeline_body(text="convoys")
    finally:
        release.set()
        reader.index.wait(10)
    assert reader.index.current() is built
    assert reader.timeline(Filters(text="convoys")) == query.event_counts(store, by=("date", "type"), text="convoys")
