"""Clear 4xx errors for what a client gets wrong in a request: method, content type, JSON."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.api import ServeSettings, create_app

from .test_web_articles import MemoryReader, all_articles

KEY = "errors-key-0123456789"


def _client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(ServeSettings(db=tmp_path / "unused.duckdb", api_key=KEY),
                                 reader=MemoryReader(all_articles())))


def test_a_wrong_method_names_the_right_one(tmp_path: Path) -> None:
    r = _client(tmp_path).post("/api/events")
    assert r.status_code == 405
    error = r.json()["error"]
    assert error["code"] == "method_not_allowed" and "use GET" in error["message"]


def test_a_body_that_is_not_json_is_a_415(tmp_path: Path) -> None:
    r = _client(tmp_path).post("/api/articles", content=b"id=1&text=x",
                               headers={"X-API-Key": KEY, "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    assert "application/json" in r.json()["error"]["message"]


def test_broken_json_says_where(tmp_path: Path) -> None:
    r = _client(tmp_path).post("/api/articles", content=b'{"id": "a", "text": }',
                               headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "bad_json" and "not valid JSON" in error["message"] and "character" in error["message"]


def test_json_without_a_content_type_is_read_as_json(tmp_path: Path) -> None:
    r = _client(tmp_path).post("/api/articles", content=b'{"id": "a", "text": "Some words.", "colour": 1}',
                               headers={"X-API-Key": KEY, "Content-Type": ""})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_body"
    assert "colour" in r.json()["error"]["message"]


def test_the_key_is_checked_before_the_body(tmp_path: Path) -> None:
    client = _client(tmp_path)
    r = client.post("/api/articles", json={"id": "a", "colour": "red"})  # no key: the body is not looked at
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    r = client.post("/api/articles", json={"id": "a", "colour": "red"}, headers={"X-API-Key": KEY})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_body"
