"""WARC archives, folders mixing archives and pages, and URLs served by a local server on 127.0.0.1."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep import Config, Quarantined, RawDocument
from sitrep.ingest.sources import iter_sources
from sitrep.ingest.warc import iter_warc
from sitrep.ingest.web import FetchPolicy

PAGES = {
    "/a/1": b"<html><body><article><p>Rescue teams reached the village of Valmont on Sunday.</p></article>"
            b"</body></html>",
    "/a/2": b"<html><body><article><p>The council of Brenne voted to reopen the bridge.</p></article></body></html>",
}


def _record(kind: str, url: str, block: bytes, n: int) -> bytes:
    # One WARC/1.0 record written by hand (the format is a header block, a payload and two CRLFs).
    content_type = "application/http; msgtype=" + ("request" if kind == "request" else "response")
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2016-12-09T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _response(body: bytes, content_type: str) -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
            .encode() + body)


def warc_bytes(pages: dict[str, bytes], compress: bool = True) -> bytes:
    records = []
    for path, body in pages.items():
        url = f"https://news.example{path}"
        records.append(_record("request", url, b"GET " + path.encode() + b" HTTP/1.1\r\n\r\n", len(records)))
        records.append(_record("response", url, _response(body, "text/html; charset=utf-8"), len(records)))
    records.append(_record("response", "https://news.example/logo.png", _response(b"\x89PNG....", "image/png"),
                           len(records)))
    # A gzipped WARC is one gzip member per record, so that readers can seek to any record.
    return b"".join(gzip.compress(r) if compress else r for r in records)


@pytest.mark.parametrize("compress", [True, False])
def test_a_warc_gives_its_html_pages_only(tmp_path: Path, compress: bool):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(warc_bytes(PAGES, compress))
    docs = list(iter_warc(path, Config()))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == ["https://news.example/a/1", "https://news.example/a/2"]
    assert "Valmont" in (docs[0].html or "")


def test_a_corrupt_or_truncated_warc_keeps_what_was_read_and_says_where_it_broke(tmp_path: Path):
    data = warc_bytes(PAGES)
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[: len(data) - 120])
    out = list(iter_warc(truncated, Config()))
    assert [type(o).__name__ for o in out] == ["RawDocument", "RawDocument", "Quarantined"]
    assert "corrupt WARC" in out[-1].reason and "cannot be read" in out[-1].reason

    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    (q,) = list(iter_warc(garbage, Config()))
    assert isinstance(q, Quarantined) and "corrupt gzip" in q.reason

    not_warc = tmp_path / "notes.warc"
    not_warc.write_text("these are my notes\n" * 5)
    (q,) = list(iter_warc(not_warc, Config()))
    assert "not a WARC" in q.reason


def test_a_folder_mixes_archives_pages_and_bad_files_and_goes_on(tmp_path: Path):
    (tmp_path / "crawl.warc.gz").write_bytes(warc_bytes(PAGES))
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    (tmp_path / "note.txt").write_text("The harbour of Port-Lune reopened on Monday after the storm.")
    (tmp_path / "bad.txt.gz").write_bytes(b"this is not gzip")
    out = list(iter_sources([str(tmp_path)], Config()))
    docs = sorted(o.origin.removeprefix(str(tmp_path)) for o in out if isinstance(o, RawDocument))
    failed = sorted(o.origin.removeprefix(str(tmp_path)) for o in out if isinstance(o, Quarantined))
    assert docs == ["/crawl.warc.gz#record2", "/crawl.warc.gz#record4", "/note.txt"]
    assert failed == ["/bad.txt.gz", "/broken.warc.gz"]


# --- a local server on 127.0.0.1 ------------------------------------------------------------------------


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        port = self.server.server_address[1]
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /secret/\n", "text/plain")
        elif self.path == "/feed.xml":
            items = "".join(f"<item><title>{p}</title><link>http://127.0.0.1:{port}{p}</link></item>"
                            for p in [*PAGES, "/missing", "/secret/x"])
            self._send(200, f"<?xml version='1.0'?><rss><channel>{items}</channel></rss>".encode(),
                       "application/rss+xml")
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path in PAGES:
            self._send(200, PAGES[self.path], "text/html; charset=utf-8")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_feed_on_loopback_is_refused_without_the_flag(site: str):
    (q,) = list(iter_sources([f"{site}/feed.xml"], Config(), FetchPolicy()))
    assert isinstance(q, Quarantined) and "loopback" in q.reason and "--allow-private" in q.reason


def test_a_feed_on_loopback_with_the_flag(site: str):
    policy = FetchPolicy(allow_private=True, min_interval=0.0, timeout=5.0)
    out = list(iter_sources([f"{site}/feed.xml", f"{site}/loop", f"{site}/a/2"], Config(), policy))
    docs = [o for o in out if isinstance(o, RawDocument)]
    failed = {o.origin.removeprefix(site): o.reason for o in out if isinstance(o, Quarantined)}
    assert [d.url for d in docs] == [f"{site}/a/1", f"{site}/a/2", f"{site}/a/2"]
    assert "HTTP 404" in failed["/missing"]
    assert "robots.txt" in failed["/secret/x"]
    assert "redirects" in failed["/loop"]


def test_seen_links_are_not_fetched_again(site: str):
    policy = FetchPolicy(allow_private=True, min_interval=0.0, timeout=5.0)
    out = list(iter_sources([f"{site}/feed.xml"], Config(), policy, seen=lambda link: "/a/" in link))
    assert {o.origin.removeprefix(site) for o in out} == {"/missing", "/secret/x"}


def test_documents_are_counted_for_the_progress_bar(tmp_path: Path):
    from sitrep.ingest.sources import count_documents

    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n')
    (tmp_path / "notes.md").write_text("not read")
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")]) == 3
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    assert count_documents([str(tmp_path)]) is None  # an archive's records are not counted ahead
    assert count_documents(["-"]) is None and count_documents(["https://news.example/feed"]) is None
