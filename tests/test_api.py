"""The HTTP API and the web pages, in-process (FastAPI's TestClient), on team-written articles.

``client`` runs every test against each reader: the in-memory reader (the
HTTP layer alone) and the store's reader on a store filled by the store's own
writer, with and without its event index, so all answer alike.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import ServeSettings, create_app

from .test_web_articles import MemoryReader, all_articles, fill_store

KEY = "test-key-0123456789"


def _memory_app(tmp_path: Path, **settings: object) -> TestClient:
    app = create_app(ServeSettings(db=tmp_path / "unused.duckdb", **settings),  # type: ignore[arg-type]
                     reader=MemoryReader(all_articles()))
    return TestClient(app)


def _store_app(tmp_path: Path, event_index: bool = False, **settings: object) -> TestClient:
    from sitrep.api.data import StoreReader

    db = tmp_path / "api.duckdb"
    fill_store(db, all_articles())
    reader = StoreReader(db, event_index=event_index)
    return TestClient(create_app(ServeSettings(db=db, **settings), reader=reader))  # type: ignore[arg-type]


@pytest.fixture(params=["memory", "store", "store-indexed"])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> TestClient:
    if request.param.startswith("store"):
        return _store_app(tmp_path, event_index=request.param == "store-indexed", api_key=KEY)
    return _memory_app(tmp_path, api_key=KEY)


# --- lists and filters ------------------------------------------------------------------------------


def test_events_list_has_items_and_total(client: TestClient) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 7 and len(data["items"]) == 7
    first = data["items"][0]
    assert {"type", "article_id", "evidence", "evidence_text", "place"} <= first.keys()


@pytest.mark.parametrize(("query", "total"), [
    ("place=Aleppo", 5), ("place=aleppo", 5), ("type=ASSAULT", 4), ("type=assault", 4),
    ("from=2016-12-12&to=2016-12-14", 3), ("bbox=36,35,38,37", 5), ("bbox=-5,10,5,20", 1),
    ("actor=Malian", 1), ("q=buses", 1), ("place=Aleppo&type=AID", 2), ("place=Nowhere", 0),
])
def test_event_filters(client: TestClient, query: str, total: int) -> None:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 200, r.text
    assert r.json()["total"] == total


def test_paging(client: TestClient) -> None:
    page1 = client.get("/api/events?limit=3").json()
    page3 = client.get("/api/events?limit=3&offset=6").json()
    assert len(page1["items"]) == 3 and len(page3["items"]) == 1
    assert page1["total"] == page3["total"] == 7


@pytest.mark.parametrize(("query", "parameter", "words"), [
    ("from=2016-13-01", "from", "date like"), ("to=yesterday", "to", "date like"),
    ("from=2016-12-15&to=2016-12-01", "from", "after"),
    ("bbox=1,2,3", "bbox", "four numbers"), ("bbox=a,b,c,d", "bbox", "four numbers"),
    ("bbox=10,0,-10,5", "bbox", "meridian"), ("bbox=0,50,10,40", "bbox", "north"),
    ("bbox=0,0,200,10", "bbox", "[-180, 180]"), ("bbox=nan,0,1,1", "bbox", "finite"),
    ("limit=5000", "limit", "between 1 and 1000"), ("limit=0", "limit", "between"),
    ("offset=-1", "offset", "between"), ("limit=ten", "limit", ""), ("type=BOMBING", "type", "one of"),
    ("q=" + "x" * 300, "q", "at most"),
])
def test_bad_parameters_get_a_clear_400(client: TestClient, query: str, parameter: str, words: str) -> None:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["status"] == 400 and error["parameter"] == parameter
    assert words in error["message"]


def test_timeline_and_map_count_the_filtered_events(client: TestClient) -> None:
    timeline = client.get("/api/timeline?place=Aleppo").json()
    assert timeline["total"] == 5
    assert sum(b["count"] for b in timeline["items"]) == 5
    assert {"date": "2016-12-04", "type": "ASSAULT", "count": 2} in timeline["items"]
    points = client.get("/api/map").json()["items"]
    aleppo = [p for p in points if p["place"] == "Aleppo"]
    assert {p["type"] for p in aleppo} == {"ASSAULT", "AID"}
    assert all(isinstance(p["lat"], float) for p in points)


def test_articles_places_quotes(client: TestClient) -> None:
    articles = client.get("/api/articles").json()
    assert articles["total"] == 5
    one = client.get("/api/articles/al-army-1").json()
    assert one["text"].startswith("Army takes") and one["events"]
    assert client.get("/api/articles/no-such-id").status_code == 404
    places = client.get("/api/places").json()["items"]
    assert "Aleppo" in {p["name"] for p in places}
    quotes = client.get("/api/quotes?speaker=Gasser").json()
    assert quotes["total"] == 1 and quotes["items"][0]["article_id"] == "al-evac-fr"


# --- ingestion and keys -----------------------------------------------------------------------------


ARTICLE = {"id": "new-1", "text": "Two soldiers were wounded near Kandahar on Monday.", "language": "en",
           "published": "2024-05-13"}


def test_ingest_needs_the_key(tmp_path: Path) -> None:
    client = _memory_app(tmp_path, api_key=KEY)
    assert client.post("/api/articles", json=ARTICLE).status_code == 401
    assert client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": "wrong-key-000000"}).status_code == 401
    r = client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": KEY})
    assert r.status_code == 201, r.text
    assert r.json()["items"] == [{"id": "new-1", "events": 0}]
    r = client.post("/api/articles", json=[ARTICLE], headers={"Authorization": f"Bearer {KEY}"})
    assert r.status_code == 201


def test_ingest_is_off_without_a_key(tmp_path: Path) -> None:
    client = _memory_app(tmp_path)
    r = client.post("/api/articles", json=ARTICLE, headers={"X-API-Key": KEY})
    assert r.status_code == 403 and "--api-key" in r.json()["error"]["message"]


def test_ingest_rejects_bad_bodies(tmp_path: Path) -> None:
    client = _memory_app(tmp_path, api_key=KEY)
    headers = {"X-API-Key": KEY}
    assert client.post("/api/articles", json={**ARTICLE, "colour": "red"}, headers=headers).status_code == 422
    assert client.post("/api/articles", json={"text": "no id"}, headers=headers).status_code == 422
    assert client.post("/api/articles", json=[], headers=headers).status_code == 422
    many = [{**ARTICLE, "id": f"a{i}"} for i in range(51)]
    assert client.post("/api/articles", json=many, headers=headers).status_code == 413


def test_request_size_limits(tmp_path: Path) -> None:
    client = _memory_app(tmp_path, api_key=KEY, max_body_bytes=1000)
    big = {**ARTICLE, "text": "word " * 400}
    r = client.post("/api/articles", json=big, headers={"X-API-Key": KEY})
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"

    def chunks():  # no Content-Length: the limit is enforced while the body streams in
        for _ in range(20):
            yield b"x" * 100

    r = client.post("/api/articles", content=chunks(), headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert client.get("/api/events?q=" + "y" * 5000).status_code == 414


def test_keyed_read(tmp_path: Path) -> None:
    client = _memory_app(tmp_path, api_key=KEY, public_read=False)
    assert client.get("/api/events").status_code == 401
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 401
    assert client.get("/api/events", headers={"X-API-Key": KEY}).status_code == 200
    assert client.get("/static/app.css").status_code == 200  # the interface's files are not secret


# --- security headers and escaping ---------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/api/events", "/articles/al-army-1", "/static/app.js", "/api/events?limit=0",
                                  "/nothing-here"])
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_tile_server_is_allowed_for_images_only(tmp_path: Path) -> None:
    client = _memory_app(tmp_path, tiles_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    csp = client.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tiles.example.org" in csp
    assert "script-src 'self';" in csp


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self.alternate: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(a)
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if tag == "link" and a.get("rel") == "alternate":
            self.alternate = a.get("href")
        self.handlers.extend((tag, k) for k in a if k.startswith("on"))


def page(client: TestClient, path: str) -> tuple[_Page, str]:
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200, r.text
    parsed = _Page()
    parsed.feed(r.text)
    return parsed, r.text


@pytest.mark.parametrize("path", ["/articles/xss-1", "/", "/?place=Dhaka", "/quotes", "/articles",
                                  "/report?place=Dhaka"])
def test_script_in_an_article_is_shown_inert(client: TestClient, path: str) -> None:
    parsed, html = page(client, path)
    # Only the interface's own script files, no inline script, no event handler attribute, no image.
    assert all(s.get("src", "").startswith("/static/") for s in parsed.scripts)
    assert not parsed.handlers
    assert "img" not in parsed.tags
    assert "<script>alert" not in html and "onerror=alert(2)>" not in html
    assert not any(link.lower().startswith("javascript:") for link in parsed.links)


def test_the_xss_article_text_is_readable(client: TestClient) -> None:
    _, html = page(client, "/articles/xss-1")
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;Dhaka" in html


# --- pages and their JSON twins -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/?type=ASSAULT&place=Aleppo", "/articles", "/articles/al-army-1",
                                  "/places", "/quotes", "/report?place=Aleppo&from=2016-12-01&to=2016-12-15", "/api"])
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    parsed, html = page(client, path)
    assert parsed.alternate, f"{path} has no JSON twin"
    twin = client.get(parsed.alternate)
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")
    assert f'class="json-twin" href="{parsed.alternate}"'.replace("&", "&amp;") in html


def test_events_page_renders_the_filtered_table(client: TestClient) -> None:
    parsed, html = page(client, "/?type=ASSAULT&place=Aleppo")
    assert html.count('class="event-row"') == 3
    assert 'data-query="place=Aleppo&amp;type=ASSAULT"' in html
    assert '<option value="ASSAULT" selected>' in html


def test_article_page_links_evidence_and_highlights(client: TestClient) -> None:
    _, html = page(client, "/articles/al-army-1?hl=32-129")
    assert 'id="hl"' in html and "hl-target" in html
    for kind in ("evidence", "quote", "speaker", "place", "date", "figure"):
        assert f"hl hl-{kind}" in html
    assert client.get("/articles/al-army-1?hl=9-3").status_code == 400
    r = client.get("/articles/missing", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "no article with id" in r.text and "<html" in r.text


def test_report_in_every_format(client: TestClient) -> None:
    q = "place=Aleppo&from=2016-12-01&to=2016-12-15"
    data = client.get(f"/api/report?{q}").json()
    assert data["counts"]["articles"] == 3 and data["days"]
    md = client.get(f"/api/report?{q}&format=md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert re.search(r"\(http://testserver/articles/al-army-1\?hl=\d+-\d+#hl\)", md.text)
    html = client.get(f"/api/report?{q}&format=html")
    assert "script-src" not in html.headers["content-security-policy"]
    assert "default-src 'none'" in html.headers["content-security-policy"]
    assert "<script" not in html.text
    _, page_html = page(client, f"/report?{q}")
    assert "Key events day by day" in page_html and "Marianne Gasser" in page_html
    assert client.get("/api/report?format=pdf").status_code == 400


# --- documentation ----------------------------------------------------------------------------------


def test_every_endpoint_is_documented(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    expected = {"/api/events", "/api/timeline", "/api/map", "/api/articles", "/api/articles/{article_id}",
                "/api/places", "/api/quotes", "/api/report"}
    assert expected <= set(paths)
    for path, methods in paths.items():
        for method, op in methods.items():
            assert op.get("summary") and op.get("description"), f"{method.upper()} {path} is undocumented"
            for p in op.get("parameters", []):
                assert p.get("description"), f"parameter {p['name']} of {path} is undocumented"
    assert "post" in paths["/api/articles"]
    _, html = page(client, "/api")
    for path in expected:
        assert path in html


def test_vendored_libraries_are_served(client: TestClient) -> None:
    for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
                 "/static/vendor/topojson-client/topojson-client.min.js", "/static/vendor/leaflet/leaflet.css"):
        r = client.get(path)
        assert r.status_code == 200 and len(r.content) > 1000, path
    assert client.get("/static/vendor/world-atlas/countries-50m.json").json()["type"] == "Topology"


@pytest.mark.parametrize(("query", "status", "limit"), [
    ("limit=%205%20", 200, 5), ("limit=5.0", 200, 5), ("limit=1_0", 200, 10), ("limit=5&limit=7", 200, 7),
    ("limit=", 400, None), ("limit=5.5", 400, None), ("limit=7&limit=ten", 400, None), ("limit=0x10", 400, None),
])
def test_events_read_integers_as_pydantic_does(client: TestClient, query: str, status: int,
                                               limit: int | None) -> None:
    # /api/events reads its query string itself; its integers follow FastAPI's other endpoints.
    for path in ("/api/events", "/api/articles"):
        r = client.get(f"{path}?{query}")
        assert r.status_code == status, (path, r.text)
        if status == 200:
            assert r.json()["limit"] == limit
        else:
            error = r.json()["error"]
            assert error["parameter"] == "limit" and "valid integer" in error["message"]


def test_events_parameters_are_documented_as_declared(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    events = {p["name"]: p for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    articles = {p["name"]: p for p in schema["paths"]["/api/articles"]["get"]["parameters"]}  # declared the usual way
    assert list(events) == ["place", "bbox", "from", "to", "type", "actor", "q", "limit", "offset"]
    for name in ("place", "from", "to", "q", "limit", "offset"):
        assert events[name] == articles[name], name
    assert "400" in schema["paths"]["/api/events"]["get"]["responses"]
