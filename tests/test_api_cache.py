"""The API's answer cache: a repeated list query is answered without the store, a write empties
it, and an answer read while a write was under way is never kept."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.api import ServeSettings, create_app
from sitrep.api.cache import AnswerCache

from .test_web_articles import MemoryReader, all_articles

KEY = "cache-key-0123456789"


class CountingReader(MemoryReader):
    """The in-memory reader, counting how often each list is read."""

    def __init__(self) -> None:
        super().__init__(all_articles())
        self.reads: Counter[str] = Counter()

    def events(self, f):  # type: ignore[no-untyped-def]
        self.reads["events"] += 1
        return super().events(f)

    def map_points(self, f):  # type: ignore[no-untyped-def]
        self.reads["map"] += 1
        return super().map_points(f)


def _client(tmp_path: Path, **settings: object) -> tuple[TestClient, CountingReader]:
    reader = CountingReader()
    app = create_app(ServeSettings(db=tmp_path / "unused.duckdb", api_key=KEY, **settings),  # type: ignore[arg-type]
                     reader=reader)
    return TestClient(app), reader


def test_a_repeated_query_is_answered_from_the_cache(tmp_path: Path) -> None:
    client, reader = _client(tmp_path)
    first = client.get("/api/events?place=Aleppo&limit=2")
    again = client.get("/api/events?limit=2&place=%20Aleppo")  # same filters, written otherwise
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and reader.reads["events"] == 1
    assert again.headers["content-type"] == "application/json"
    assert again.headers["content-security-policy"]  # the security headers on cached answers too
    client.get("/api/events?place=Aleppo&limit=2&offset=2")  # another page: another answer
    client.get("/api/map?place=Aleppo")
    assert reader.reads == {"events": 2, "map": 1}


def test_a_write_empties_the_cache(tmp_path: Path) -> None:
    client, reader = _client(tmp_path)
    client.get("/api/events")
    r = client.post("/api/articles", json={"id": "n1", "text": "A new article."}, headers={"X-API-Key": KEY})
    assert r.status_code == 201
    client.get("/api/events")
    assert reader.reads["events"] == 2


def test_no_cache_reads_every_time(tmp_path: Path) -> None:
    client, reader = _client(tmp_path, cache_entries=0)
    for _ in range(3):
        client.get("/api/events")
    assert reader.reads["events"] == 3


def test_an_answer_read_during_a_write_is_not_kept() -> None:
    cache = AnswerCache(8)
    reading, written = threading.Event(), threading.Event()

    def slow_read() -> str:
        reading.set()
        written.wait(5)
        return "before the write"

    t = threading.Thread(target=lambda: cache.get("k", slow_read))
    t.start()
    reading.wait(5)
    cache.clear()  # the write lands while the read is under way
    written.set()
    t.join(5)
    assert cache.lookup("k") is None
    assert cache.get("k", lambda: "after the write") == "after the write"
    assert cache.lookup("k") == "after the write"


def test_the_cache_keeps_the_most_recent_answers() -> None:
    cache = AnswerCache(2)
    for key in ("a", "b"):
        cache.get(key, lambda k=key: k.upper())
    cache.lookup("a")  # used: kept over b
    cache.get("c", lambda: "C")
    assert (cache.lookup("a"), cache.lookup("b"), cache.lookup("c")) == ("A", None, "C")
