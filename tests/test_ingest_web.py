"""Fetching URLs and feeds: limits, manners and refusals, with httpx.MockTransport (no network)."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from sitrep import Config, Quarantined, RawDocument
from sitrep.ingest.feeds import FeedError, iter_feed, looks_like_feed, parse_feed
from sitrep.ingest.web import (
    AddressRefusedError,
    Fetcher,
    FetchError,
    FetchPolicy,
    HTTPStatusError,
    RedirectError,
    ResponseTooLargeError,
    RobotsRefusedError,
    address_refusal,
    iter_urls,
    url_document_id,
)

PAGE = (b"<html><head><title>Flood in the valley</title></head><body><article><p>The river rose overnight "
        b"and the mayor ordered the lower town evacuated on Tuesday.</p></article></body></html>")


def public_resolver(host: str, port: int) -> list[str]:
    # A name that resolves to a global address, so that the private-address check lets it through.
    return ["8.8.4.4"]


class Clock:
    """A fake monotonic clock: sleeping moves it forward, and the pauses are recorded."""

    def __init__(self) -> None:
        self.now = 100.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(round(seconds, 3))
        self.now += seconds


def fetcher(handler, *, robots: bytes | None = b"", clock: Clock | None = None, **policy) -> Fetcher:
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            if robots is None:
                return httpx.Response(404)
            return httpx.Response(200, content=robots, headers={"content-type": "text/plain"})
        return handler(request)

    clock = clock or Clock()
    return Fetcher(FetchPolicy(**policy), transport=httpx.MockTransport(route), resolver=public_resolver,
                   clock=clock, sleep=clock.sleep)


def html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=PAGE, headers={"content-type": "text/html; charset=utf-8"})


def test_a_page_becomes_a_document_with_its_final_url():
    with fetcher(html) as f:
        (doc,) = list(iter_urls(["https://news.example/a/1"], Config(), f))
    assert isinstance(doc, RawDocument)
    assert doc.html is not None and "mayor ordered" in doc.html
    assert doc.url == "https://news.example/a/1"
    assert doc.id.startswith(url_document_id("https://news.example/a/1")) and "/" not in doc.id
    assert doc.id == url_document_id("https://news.example/a/1", PAGE)
    assert url_document_id("https://news.example/a/1", PAGE + b" ") != doc.id


def test_redirects_are_followed_and_bounded():
    def hop(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"location": f"/{n + 1}"})

    with fetcher(hop, max_redirects=3) as f, pytest.raises(RedirectError, match="more than 3 redirects"):
        f.fetch("https://loop.example/0")

    def once(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://news.example/new"})
        return html(request)

    with fetcher(once) as f:
        page = f.fetch("https://news.example/old")
    assert page.url == "https://news.example/new" and page.requested == "https://news.example/old"


def test_private_loopback_and_link_local_addresses_are_refused_unless_allowed():
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.7", "169.254.169.254", "::1", "fe80::1",
                    "::ffff:127.0.0.1", "100.64.0.1", "0.0.0.0"):
        assert address_refusal(address), address
    assert address_refusal("8.8.4.4") is None

    transport = httpx.MockTransport(html)
    refused = Fetcher(FetchPolicy(), transport=transport, resolver=lambda host, port: ["127.0.0.1"])
    with pytest.raises(AddressRefusedError, match="--allow-private"):
        refused.fetch("http://127.0.0.1:8000/feed.xml")
    allowed = Fetcher(FetchPolicy(allow_private=True, respect_robots=False), transport=transport,
                      resolver=lambda host, port: ["127.0.0.1"])
    assert allowed.fetch("http://127.0.0.1:8000/a").status == 200


def test_a_redirect_to_a_private_address_is_refused():
    def to_metadata(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://metadata.internal/latest"})

    def resolver(host: str, port: int) -> list[str]:
        return ["169.254.169.254"] if host == "metadata.internal" else ["8.8.4.4"]

    f = Fetcher(FetchPolicy(respect_robots=False), transport=httpx.MockTransport(to_metadata), resolver=resolver)
    with pytest.raises(AddressRefusedError, match="link-local"):
        f.fetch("https://news.example/a")


def test_only_http_and_https_are_fetched():
    with fetcher(html) as f:
        for url in ("file:///etc/passwd", "ftp://news.example/a", "not a url"):
            with pytest.raises(FetchError):
                f.fetch(url)


def test_size_cap_by_declared_length_and_by_bytes_received():
    def big(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 5000, headers={"content-type": "text/html"})

    with fetcher(big, max_bytes=1000) as f, pytest.raises(ResponseTooLargeError, match="size cap"):
        f.fetch("https://news.example/big")

    def stream(request: httpx.Request) -> httpx.Response:
        # No Content-Length: the cap must stop the download as the bytes come.
        return httpx.Response(200, content=iter([b"y" * 600] * 10), headers={"content-type": "text/html"})

    with fetcher(stream, max_bytes=1000) as f, pytest.raises(ResponseTooLargeError):
        f.fetch("https://news.example/stream")


def test_http_errors_and_timeouts_are_clear_and_the_batch_goes_on():
    def mixed(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/down":
            return httpx.Response(500)
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("timed out", request=request)
        return html(request)

    urls = ["https://news.example/down", "https://news.example/slow", "https://news.example/ok"]
    with fetcher(mixed) as f:
        out = list(iter_urls(urls, Config(), f))
    assert [type(o).__name__ for o in out] == ["Quarantined", "Quarantined", "RawDocument"]
    assert "HTTP 500" in out[0].reason and out[0].stage == "fetch" and out[0].code == HTTPStatusError.code
    assert "no answer" in out[1].reason


def test_robots_txt_is_obeyed_and_its_crawl_delay_spaces_requests():
    robots = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 5\n"
    clock = Clock()
    with fetcher(html, robots=robots, clock=clock, min_interval=1.0) as f:
        with pytest.raises(RobotsRefusedError, match="robots.txt"):
            f.fetch("https://news.example/private/memo")
        f.fetch("https://news.example/a")
        f.fetch("https://news.example/b")
    # robots.txt, then /a 5 s later (Crawl-delay), then /b 5 s after /a.
    assert clock.pauses == [5.0, 5.0]


def test_robots_txt_status_rules():
    # A missing robots.txt (4xx) allows everything; a failing one (5xx) forbids everything.
    with fetcher(html, robots=None) as f:
        assert f.fetch("https://news.example/a").status == 200

    def down(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503) if request.url.path == "/robots.txt" else html(request)

    f = Fetcher(FetchPolicy(), transport=httpx.MockTransport(down), resolver=public_resolver,
                clock=Clock(), sleep=lambda s: None)
    with pytest.raises(RobotsRefusedError):
        f.fetch("https://news.example/a")


def test_one_host_at_a_time_others_not_delayed():
    clock = Clock()
    with fetcher(html, robots=None, clock=clock, min_interval=2.0) as f:
        f.fetch("https://a.example/1")  # robots.txt then the page: one pause of 2 s
        f.fetch("https://b.example/1")  # another host: its own robots.txt, then a pause
        f.fetch("https://a.example/2")
    assert clock.pauses == [2.0, 2.0]


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley News</title>
<item><title>Flood</title><link>https://news.example/a/1</link><guid>a-1</guid>
<pubDate>Tue, 06 Dec 2016 08:00:00 +0000</pubDate></item>
<item><title>Fire</title><link>/a/2</link><pubDate>not a date</pubDate></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley</title>
<entry><id>tag:news.example,2016:1</id><title>Flood</title>
<link rel="alternate" href="https://news.example/a/1"/><updated>2016-12-06T08:00:00Z</updated></entry>
</feed>"""


def test_rss_and_atom_items():
    items = parse_feed(RSS, "https://news.example/feed.xml")
    assert [(i.key, i.link, i.published) for i in items] == [
        ("a-1", "https://news.example/a/1", date(2016, 12, 6)),
        ("https://news.example/a/2", "https://news.example/a/2", None),
    ]
    (entry,) = parse_feed(ATOM, "https://news.example/atom")
    assert entry.key == "tag:news.example,2016:1" and entry.published == date(2016, 12, 6)
    assert looks_like_feed("text/xml", RSS) and not looks_like_feed("text/html", PAGE)


def test_a_feed_that_is_html_broken_or_hostile_is_a_clear_error():
    with pytest.raises(FeedError, match="HTML page"):
        parse_feed(PAGE, "https://news.example/feed")
    with pytest.raises(FeedError, match="not well-formed"):
        parse_feed(b"<?xml version='1.0'?><rss><channel><item>", "https://news.example/feed")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<rss><channel><item><title>&b;</title><link>https://news.example/x</link></item></channel></rss>')
    try:
        items = parse_feed(bomb, "https://news.example/feed")
    except FeedError:
        return
    assert all("aaaaaaaaaa" not in (i.title or "") for i in items)  # entities are not expanded


def test_feed_items_are_fetched_with_their_dates_and_seen_items_skipped():
    def site(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed.xml":
            return httpx.Response(200, content=RSS, headers={"content-type": "application/rss+xml"})
        if request.url.path == "/a/2":
            return httpx.Response(500)
        return html(request)

    with fetcher(site) as f:
        out = list(iter_feed("https://news.example/feed.xml", Config(), f))
        first, second = out
        assert isinstance(first, RawDocument) and first.published == date(2016, 12, 6)
        assert isinstance(second, Quarantined) and second.origin == "https://news.example/a/2"
        again = list(iter_feed("https://news.example/feed.xml", Config(), f, seen=lambda item: item.key == "a-1"))
    assert [o.origin for o in again] == ["https://news.example/a/2"]


def test_a_feed_url_that_fails_is_one_quarantine_record():
    def broken(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/html":
            return httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})
        return httpx.Response(500)

    with fetcher(broken) as f:
        (html_feed,) = list(iter_feed("https://news.example/html", Config(), f))
        (down,) = list(iter_feed("https://news.example/feed", Config(), f))
    assert isinstance(html_feed, Quarantined) and "HTML page" in html_feed.reason
    assert isinstance(down, Quarantined) and "HTTP 500" in down.reason
