"""``sitrep watch`` and ``sitrep ingest URL`` against a local server on 127.0.0.1 (``--stages clean``: no model)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.cli.main import main
from sitrep.cli.watch_cmd import parse_every
from sitrep.errors import ConfigError
from sitrep.store import close, connection

STORIES = {
    "/news/1": "<html><body><article><h1>Bridge reopens</h1><p>The bridge over the Sarre reopened on Monday "
               "after three weeks of repairs, the prefecture said.</p></article></body></html>",
    "/news/2": "<html><body><article><h1>School closed</h1><p>The school of Lavaur stayed closed on Tuesday "
               "because of the flood, the mayor said.</p></article></body></html>",
    "/news/3": "<html><body><article><h1>Market fire</h1><p>A fire destroyed four stalls of the covered market "
               "of Albi during the night, firefighters said.</p></article></body></html>",
}


class Site:
    """A tiny news site: a feed listing ``listed`` stories, and a log of the paths asked for."""

    def __init__(self) -> None:
        self.listed = ["/news/1", "/news/2"]
        self.log: list[str] = []

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.log.append(self.path)
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                if self.path == "/feed.xml":
                    items = "".join(f"<item><link>{base}{p}</link><pubDate>Mon, 05 Dec 2016 09:00:00 GMT</pubDate>"
                                    "</item>" for p in site.listed)
                    self._send(200, f"<rss><channel>{items}</channel></rss>", "application/rss+xml")
                elif self.path in STORIES:
                    self._send(200, STORIES[self.path], "text/html; charset=utf-8")
                else:
                    self._send(404, "no", "text/plain")

            def _send(self, status: int, body: str, content_type: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def stored(db: Path) -> list[tuple[str, str]]:
    rows = connection(db).execute("SELECT origin, CAST(published AS VARCHAR) FROM articles ORDER BY origin").fetchall()
    return [(str(o), str(p)) for o, p in rows]


FLAGS = ["--once", "--allow-private", "--stages", "clean", "--host-interval", "0"]


def test_watch_ingests_only_new_items(site: tuple[Site, str], tmp_path: Path):
    state, base = site
    db = tmp_path / "news.duckdb"
    assert main(["watch", f"{base}/feed.xml", "--db", str(db), *FLAGS]) == 0
    assert stored(db) == [(f"{base}/news/1", "2016-12-05"), (f"{base}/news/2", "2016-12-05")]

    state.listed.append("/news/3")
    state.log.clear()
    close()
    assert main(["watch", f"{base}/feed.xml", "--db", str(db), *FLAGS]) == 0
    assert [o for o, _ in stored(db)] == [f"{base}/news/{n}" for n in (1, 2, 3)]
    assert "/news/1" not in state.log and "/news/2" not in state.log and "/news/3" in state.log
    close()


def test_a_feed_on_loopback_needs_the_flag(site: tuple[Site, str], tmp_path: Path, capsys):
    _, base = site
    db = tmp_path / "news.duckdb"
    flags = [f for f in FLAGS if f != "--allow-private"]
    assert main(["watch", f"{base}/feed.xml", "--db", str(db), *flags]) == 1
    assert "--allow-private" in capsys.readouterr().err
    reason = connection(db).execute("SELECT reason FROM quarantine").fetchone()[0]
    assert "loopback" in reason
    close()


def test_ingest_takes_urls_and_feeds(site: tuple[Site, str], tmp_path: Path):
    _, base = site
    db = tmp_path / "news.duckdb"
    args = ["ingest", f"{base}/news/3", f"{base}/feed.xml", f"{base}/gone", "--db", str(db), "--allow-private",
            "--stages", "clean", "--host-interval", "0", "--no-progress"]
    assert main(args) == 1  # /gone is a 404: quarantined, the rest stored
    assert len(stored(db)) == 3
    (reason,) = connection(db).execute("SELECT reason FROM quarantine").fetchone()
    assert "HTTP 404" in reason
    close()


def test_every_is_a_duration():
    assert parse_every("15m") == 900 and parse_every("90") == 90 and parse_every("1h") == 3600
    for bad in ("soon", "1s", "-5m", "15 minutes"):
        with pytest.raises(ConfigError):
            parse_every(bad)
