"""The interface in a real browser: Debian's chromium driven by Playwright.

The server runs in a thread on 127.0.0.1; the browser may reach nothing else
(every other request is aborted and counted).  Checks the map's markers, the
timeline, the filters, the article view's highlights, that the page breaks no
rule of its Content-Security-Policy, and saves screenshots (into
``$SITREP_SCREENSHOTS`` when set, else the test's temporary folder).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# Outside CI the test is skipped when chromium is missing; in CI (CI set, as .ci/run does) it fails instead,
# so that a CI run cannot pass without the browser test having run.
HAVE_CHROMIUM = Path(CHROMIUM).exists() and shutil.which("chromium") is not None
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not HAVE_CHROMIUM and not IN_CI,
                       reason="Debian's chromium is not installed (apt-get install -y chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread on 127.0.0.1; yield its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not HAVE_CHROMIUM:
        pytest.fail(f"CI is set but Debian's chromium is not at {CHROMIUM}: install it (apt-get install -y chromium)")
    if IN_CI:
        from playwright import sync_api as playwright
    else:
        playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """Console errors, page errors and blocked off-machine requests of one page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.blocked: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


def screenshot_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get("SITREP_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def check_interface(browser: Any, base: str, shots: Path, *, place: str, article_id: str, min_markers: int) -> None:
    """The walk through the interface shared by the browser tests."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    watch = Watch(page)
    page.goto(base + "/")
    # Map: one circle per place and type, inside clusters or on their own.
    page.wait_for_selector("#app[data-markers]", state="attached", timeout=20000)
    markers = int(page.eval_on_selector("#app", "el => el.dataset.markers"))
    assert markers >= min_markers
    page.wait_for_selector(".leaflet-overlay-pane path.leaflet-interactive, .cluster", timeout=10000)
    drawn = page.locator(".leaflet-marker-pane .cluster").count() + page.locator(
        ".leaflet-overlay-pane path.leaflet-interactive").count()
    assert drawn >= 1
    assert page.locator(".leaflet-overlay-pane path:not(.leaflet-interactive)").count() > 50  # country outlines
    # Timeline: bars per day and type, coloured by type.
    page.wait_for_selector("#timeline rect.bar", timeout=10000)
    assert page.locator("#timeline rect.bar").count() >= 1
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    total = int(page.inner_text("#events-total"))
    # Filters: a place narrows the table, the map and the timeline.
    page.fill("input[name=place]", place)
    page.click("#filters button[type=submit]")
    page.wait_for_load_state("load")
    narrowed = int(page.inner_text("#events-total"))
    assert 0 < narrowed <= total
    assert f"place={quote(place)}" in page.url
    page.wait_for_selector("#app[data-markers]", state="attached", timeout=20000)
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == min(narrowed, 50)
    # Article view: highlights of each kind, linked.
    page.goto(f"{base}/articles/{article_id}")
    for kind in ("place", "date"):
        assert page.locator(f"#article-text .hl-{kind}").count() >= 1, kind
    assert page.locator("#article-text .hl-evidence").count() >= 1
    first_place = page.locator("#article-text a.hl-place").first
    assert (first_place.get_attribute("href") or "").startswith("/?place=")
    page.click("#side-events a.jump >> nth=0")
    assert page.locator("#article-text .hl.focus").count() >= 1
    page.uncheck("#layers input[data-layer=evidence]")
    assert "off-evidence" in (page.get_attribute("#article-text", "class") or "")
    page.check("#layers input[data-layer=evidence]")
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    page.goto(f"{base}/report?place={quote(place)}")
    assert page.locator(".report-line").count() >= 1
    page.screenshot(path=str(shots / "report.png"), full_page=True)
    assert not [e for e in watch.errors if "Content Security Policy" in e or "Refused" in e], watch.errors
    assert not [e for e in watch.errors if "favicon" not in e], watch.errors
    assert not watch.blocked, f"the page tried to leave the machine: {watch.blocked[:3]}"
    page.close()


def test_interface_on_hand_analysed_articles(browser: Any, tmp_path: Path) -> None:
    from sitrep.api import ServeSettings, create_app

    from .test_web_articles import MemoryReader, all_articles

    app = create_app(ServeSettings(db=tmp_path / "unused.duckdb"), reader=MemoryReader(all_articles()))
    shots = screenshot_dir(tmp_path)
    with serve(app) as base:
        check_interface(browser, base, shots, place="Aleppo", article_id="al-army-1", min_markers=3)
        # The script payloads of the XSS article never run.
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("/articles/xss-1", "/?place=Dhaka", "/quotes", "/report?place=Dhaka"):
            page.goto(base + path)
            page.wait_for_load_state("load")
        assert page.locator("script:not([src])").count() == 0
        page.goto(base + "/articles/xss-1")
        assert "<script>alert('xss')</script>" in page.inner_text("#article-text")
        page.screenshot(path=str(shots / "xss.png"), full_page=True)
        assert dialogs == []
        page.close()


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_interface_on_the_bundled_examples(browser: Any, tmp_path: Path) -> None:
    """The bundled examples, ingested by `sitrep ingest` through the whole pipeline, seen in the browser."""
    import httpx

    from sitrep.api import ServeSettings, create_app
    from sitrep.cli.main import main

    db = tmp_path / "examples.duckdb"
    assert main(["ingest", str(EXAMPLES), "--db", str(db)]) in (0, 1)  # 1: some document quarantined
    app = create_app(ServeSettings(db=db))
    with serve(app) as base:
        points = httpx.get(base + "/api/map").json()["items"]
        assert points, "no event with a place was stored from the examples"
        events = httpx.get(base + "/api/events?limit=100").json()["items"]
        dated = [e for e in events if e.get("date") and e.get("place")]
        assert dated, "no dated event with a place was stored from the examples"
        articles = httpx.get(base + "/api/articles?limit=100").json()["items"]
        with_events = [a for a in articles if a.get("events")]
        assert with_events
        check_interface(browser, base, screenshot_dir(tmp_path), place=dated[0]["place"]["name"],
                        article_id=with_events[0]["id"], min_markers=1)
