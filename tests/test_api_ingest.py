"""POST /api/articles on a real store: the whole pipeline, the store's writer, read back over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import ServeSettings, create_app
from sitrep.api.data import StoreReader

from .test_web_articles import all_articles, fill_store

pytestmark = pytest.mark.slow  # loads the spaCy pipelines

KEY = "ingest-key-0123456789"
ARTICLE = {"id": "post-1", "language": "en", "published": "2024-05-14",
           "text": "Two soldiers were wounded on Monday when a roadside bomb exploded near Kandahar, "
                   "the provincial governor said."}


def test_posted_article_is_analysed_stored_and_served(tmp_path: Path) -> None:
    db = tmp_path / "post.duckdb"
    fill_store(db, all_articles())
    reader = StoreReader(db, cache_entries=64, event_index=True)  # as `sitrep serve` reads it
    client = TestClient(create_app(ServeSettings(db=db, api_key=KEY), reader=reader))
    before = client.get("/api/events?q=roadside").json()["total"]  # now in the answer cache
    r = client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": KEY})
    assert r.status_code == 201, r.text
    assert r.json()["items"][0]["outcome"] == "stored"
    back = client.get("/api/articles/post-1").json()
    assert back["text"] == ARTICLE["text"] and back["published"] == "2024-05-14"
    assert any(p["text"] == "Kandahar" for p in back["places"])  # analysed, not only stored
    assert client.get("/api/articles").json()["total"] == 6
    # The write emptied the answer cache: the new article's events are found at once.
    assert client.get("/api/events?q=roadside").json()["total"] > before
    # The same content again is a duplicate, not a second article.
    again = client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": KEY}).json()
    assert again["items"][0]["outcome"] == "duplicate"
    assert client.get("/api/articles").json()["total"] == 6
    # Other content under a stored id is refused with its reason.
    other = client.post("/api/articles", json={**ARTICLE, "text": "Another text entirely, about Lyon."},
                        headers={"X-API-Key": KEY})
    assert other.status_code == 422
    assert other.json()["quarantined"][0]["code"] == "conflict"
    # A document that cannot be analysed is quarantined with its reason.
    empty = client.post("/api/articles", json={"id": "empty-1", "text": "   "}, headers={"X-API-Key": KEY})
    assert empty.status_code == 422 and empty.json()["quarantined"][0]["id"] == "empty-1"
