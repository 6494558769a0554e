"""Bounded load test of the HTTP API on loopback.

Builds a store of synthetic events (default 100,000: team-written sentence
templates, real place names and coordinates, random types and dates) through
the store's own writer, starts ``sitrep serve`` on 127.0.0.1, then runs N
concurrent clients for a fixed time against ``/api/events`` with a mix of
filters, and prints p50/p90/p99 latency, throughput and errors per kind of
query.  Traffic goes to 127.0.0.1 only; the run stops by itself (time limit and
request cap).  Never a timed test: it reports, it does not fail.

    .venv/bin/python bench/bench_api.py                     # 100k events, 50 clients, 20 s
    .venv/bin/python bench/bench_api.py --events 20000 --clients 20 --duration 10
    .venv/bin/python bench/bench_api.py --db /tmp/b.duckdb --runs 3          # medians of 3 runs
    .venv/bin/python bench/bench_api.py --db /tmp/b.duckdb --endpoint map    # the same mix on /api/map
    .venv/bin/python bench/bench_api.py --db /tmp/b.duckdb --store-only      # the store's queries alone
    .venv/bin/python bench/bench_api.py --db /tmp/b.duckdb --store-only --endpoint timeline

The machine's cores are shared by the server, the clients and whatever else
runs: ``--runs`` gives the median of several runs, each run prints the CPU
milliseconds per request of the server and of the clients (so one sees whether
the load generator takes the cores), and ``--store-only`` times the queries one
at a time, in SQL and from the server's event index (wall and CPU milliseconds
per kind), which says what a query costs whatever the load: ``/api/events``'
pages, or with ``--endpoint timeline`` or ``map`` those lists' counts.

The mix (``queries``): no filter 15%, type 15%, place 15%, a 15-day range 12%,
a bounding box 10%, a page deep in the list 8%, an actor 8%, two filters
together 10% (a place over 30 days, or a type in a box), a text search 7%
(words and two-word phrases).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from sitrep.records import Actor, Analysis, Article, Event, Place, Quantity, Span

HOST = "127.0.0.1"  # loopback only, never another address
TYPES = ("ASSAULT", "PROTEST", "COERCE", "CONSULT", "AID", "ACCUSE", "THREATEN", "MOBILIZE", "AGREE", "REQUEST")
# Real places with their coordinates (the gazetteer's values, rounded).
PLACES = (
    ("Aleppo", 36.202, 37.134, "SY"), ("Damascus", 33.510, 36.291, "SY"), ("Homs", 34.727, 36.723, "SY"),
    ("Idlib", 35.931, 36.634, "SY"), ("Mosul", 36.335, 43.119, "IQ"), ("Baghdad", 33.341, 44.401, "IQ"),
    ("Gao", 16.272, -0.045, "ML"), ("Bamako", 12.650, -8.000, "ML"), ("Timbuktu", 16.773, -3.007, "ML"),
    ("Dhaka", 23.710, 90.407, "BD"), ("Kabul", 34.528, 69.172, "AF"), ("Kandahar", 31.613, 65.710, "AF"),
    ("Lyon", 45.748, 4.847, "FR"), ("Paris", 48.853, 2.349, "FR"), ("N'Djamena", 12.107, 15.044, "TD"),
    ("Kyiv", 50.450, 30.524, "UA"), ("Kharkiv", 49.981, 36.253, "UA"), ("Goma", -1.679, 29.226, "CD"),
    ("Khartoum", 15.552, 32.532, "SD"), ("Sanaa", 15.355, 44.207, "YE"), ("Tripoli", 32.885, 13.180, "LY"),
    ("Mogadishu", 2.037, 45.344, "SO"), ("Maiduguri", 11.846, 13.160, "NG"), ("Ouagadougou", 12.365, -1.534, "BF"),
)
ACTORS = (("Government forces", "GOV"), ("the army", "MIL"), ("rebels", "REB"), ("protesters", "CVL"),
          ("the police", "COP"), ("an armed group", "REB"), ("the United Nations", "IGO"), ("local officials", "GOV"))
# Sentence templates written for this benchmark.
TEMPLATES = (
    "{src} and {tgt} clashed near {place} on {day}, leaving {n} people dead.",
    "{src} accused {tgt} of blocking aid convoys to {place} on {day}.",
    "Hundreds of {tgt} gathered in central {place} on {day} to demand the release of {n} detainees.",
    "{src} said on {day} that {n} families had been evacuated from {place}.",
)


def synthetic_articles(n_events: int, per_article: int = 10, seed: int = 7) -> list[Analysis]:
    """Articles of ``per_article`` synthetic events each, dated over two years."""
    rng = random.Random(seed)
    start = date(2022, 1, 1)
    out: list[Analysis] = []
    for a in range((n_events + per_article - 1) // per_article):
        sentences: list[str] = []
        events: list[Event] = []
        places: list[Place] = []
        published = start + timedelta(days=rng.randrange(730))
        text = ""
        for _ in range(min(per_article, n_events - a * per_article)):
            name, lat, lon, cc = rng.choice(PLACES)
            (src, src_sector), (tgt, tgt_sector) = rng.sample(ACTORS, 2)
            day = published - timedelta(days=rng.randrange(3))
            n = rng.randrange(1, 60)
            sentence = rng.choice(TEMPLATES).format(src=src, tgt=tgt, place=name, day=day.strftime("%d %B %Y"), n=n)
            sentence = sentence[0].upper() + sentence[1:]
            offset = len(text) + (1 if text else 0)
            text = f"{text} {sentence}" if text else sentence
            p_at = offset + sentence.index(name)
            place = Place(Span(p_at, p_at + len(name)), name, name, lat, lon, cc, "city")
            kind = rng.choice(TYPES)
            quantities: tuple[Quantity, ...] = ()
            if f" {n} " in sentence and kind == "ASSAULT":  # the count, never digits of the date
                q_at = offset + sentence.index(f" {n} ") + 1
                quantities = (Quantity(Span(q_at, q_at + len(str(n))), str(n), float(n), "person", role="killed"),)
            places.append(place)
            events.append(Event(
                kind, (Span(offset, offset + len(sentence)),), place=place, date=day.isoformat(), date_from="text",
                source=Actor(src, None, src, cc, src_sector), target=Actor(tgt, None, tgt, cc, tgt_sector),
                fatalities=n if quantities else None, quantities=quantities,
                confidence=round(rng.uniform(0.3, 0.95), 2)))
            sentences.append(sentence)
        article = Article(f"bench-{a:06d}", text, title=f"Synthetic dispatch {a}", published=published, language="en",
                          site=f"site{a % 17}.example.org")
        out.append(Analysis(article, places=tuple(places), events=tuple(events)))
    return out


def build_store(db: Path, n_events: int) -> None:
    from sitrep.store import close, write_analyses  # the store's own writer

    t0 = time.perf_counter()
    analyses = synthetic_articles(n_events)
    write_analyses(db, analyses)
    close(db)  # the server process opens the file next; DuckDB lets one process hold it
    print(f"built {db} with {n_events:,} events in {len(analyses):,} articles in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)


# --- load ------------------------------------------------------------------------------------------


def queries(rng: random.Random) -> tuple[str, dict[str, str]]:
    """One request of the mix: (kind, parameters).  Besides one filter at a time, users ask for an
    actor's events and for two filters together (a place over a few weeks, a type in a region), and
    type phrases as well as words."""
    roll = rng.random()
    if roll < 0.15:
        return "all", {"limit": "50"}
    if roll < 0.30:
        return "type", {"type": rng.choice(TYPES), "limit": "50"}
    if roll < 0.45:
        return "place", {"place": rng.choice(PLACES)[0], "limit": "50"}
    if roll < 0.57:
        d = date(2022, 1, 1) + timedelta(days=rng.randrange(700))
        return "dates", {"from": d.isoformat(), "to": (d + timedelta(days=14)).isoformat(), "limit": "50"}
    if roll < 0.67:
        _, lat, lon, _ = rng.choice(PLACES)
        return "bbox", {"bbox": f"{lon - 3},{lat - 3},{lon + 3},{lat + 3}", "limit": "50"}
    if roll < 0.75:
        return "page", {"offset": str(rng.randrange(0, 5000)), "limit": "50"}
    if roll < 0.83:
        return "actor", {"actor": rng.choice(("army", "rebels", "police", "officials", "United Nations")),
                         "limit": "50"}
    if roll < 0.93:
        if rng.random() < 0.5:
            d = date(2022, 1, 1) + timedelta(days=rng.randrange(700))
            return "combined", {"place": rng.choice(PLACES)[0], "from": d.isoformat(),
                                "to": (d + timedelta(days=30)).isoformat(), "limit": "50"}
        _, lat, lon, _ = rng.choice(PLACES)
        return "combined", {"type": rng.choice(TYPES), "bbox": f"{lon - 5},{lat - 5},{lon + 5},{lat + 5}",
                            "limit": "50"}
    return "text", {"q": rng.choice(("convoys", "detainees", "evacuated", "clashed", "aid convoys",
                                     "families had")), "limit": "50"}


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0  # counted ones (after the warm-up)
    sent: int = 0  # all, warm-up included


class Connection:
    """A minimal HTTP/1.1 keep-alive client: far lighter than a full client library, so that the
    load generator, which shares the machine's cores with the server, takes as little CPU as it can."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\nAccept: application/json\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")),
                      None)
        if length is None:
            raise ConnectionError("response without Content-Length")
        return status, await self.reader.readexactly(length)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def client(port: int, start: float, deadline: float, results: Results, seed: int, cap: int,
                 endpoint: str = "events") -> None:
    """One client: a request after the other until the deadline; requests before ``start`` warm up
    (connections opened, caches filled) and are not counted."""
    rng = random.Random(seed)
    conn = Connection(port)
    try:
        while time.perf_counter() < deadline and results.requests < cap:
            kind, params = queries(rng)
            t0 = time.perf_counter()
            try:
                status, body = await conn.get(f"/api/{endpoint}?" + urlencode(params))
                ok = status == 200 and b'"total":' in body
            except (OSError, asyncio.IncompleteReadError, ConnectionError, ValueError):
                ok = False
                await conn.close()
            results.sent += 1
            if t0 < start:
                continue
            results.latencies[kind].append(time.perf_counter() - t0)
            results.requests += 1
            if not ok:
                results.errors[kind] += 1
    finally:
        await conn.close()


async def load(port: int, clients: int, duration: float, cap: int, warmup: float = 2.0, endpoint: str = "events",
               seed: int = 0) -> tuple[Results, float]:
    results = Results()
    start = time.perf_counter() + warmup
    deadline = start + duration
    await asyncio.gather(*(client(port, start, deadline, results, seed * 1000 + i, cap, endpoint)
                           for i in range(clients)))
    return results, time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def print_table(results: Results, elapsed: float, clients: int, n_events: int, endpoint: str = "events") -> None:
    rows = sorted(results.latencies.items())
    every = [x for _, v in rows for x in v]
    print(f"\nGET /api/{endpoint} on {n_events:,} events: {clients} concurrent clients for {elapsed:.1f} s on {HOST} "
          f"(after a warm-up; server and clients share this machine's cores)\n")
    print(f"{'query':<8} {'requests':>9} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}")
    for kind, values in rows + [("all", every)]:
        errors = sum(results.errors.values()) if kind == "all" and values is every else results.errors.get(kind, 0)
        label = "TOTAL" if values is every else kind
        print(f"{label:<8} {len(values):>9,} {pct(values, 0.5):>8.1f} {pct(values, 0.9):>8.1f} "
              f"{pct(values, 0.99):>8.1f} {max(values) * 1000:>8.1f} {errors:>7}")
    print(f"\nthroughput {len(every) / elapsed:,.0f} requests/s; mean {statistics.fmean(every) * 1000:.1f} ms; "
          f"p99 {pct(every, 0.99):.1f} ms (target < 200 ms); errors {sum(results.errors.values())}")


def store_only(db: Path, repeats: int = 9, endpoint: str = "events") -> None:
    """Each kind of query of the mix, in this process, one at a time: in SQL (the store's query API)
    and from the event index (``sitrep serve``'s way; for events, the page's rows read from the store
    each time, none kept): median wall and CPU milliseconds (CPU time counts DuckDB's threads too, and
    the load of other processes does not inflate it).  ``endpoint``: events, timeline or map."""
    from sitrep.api.data import StoreReader
    from sitrep.api.params import parse_filters
    from sitrep.api.settings import ServeSettings
    from sitrep.store import query

    if endpoint not in ("events", "timeline", "map"):
        raise SystemExit(f"--store-only times events, timeline or map, not {endpoint}")
    settings = ServeSettings(db=db)
    rng = random.Random(11)
    samples: dict[str, list[dict[str, str]]] = defaultdict(list)
    while min((len(samples[k]) for k in KINDS), default=0) < repeats:
        kind, params = queries(rng)
        if len(samples[kind]) < repeats:
            samples[kind].append(params)
    t0 = time.perf_counter()
    reader = StoreReader(db, event_index=True)
    assert reader.index is not None
    print(f"\nevent index built in {time.perf_counter() - t0:.2f} s")
    print(f"\n/api/{endpoint}: {repeats} queries of each kind (median ms; CPU counts every thread of this process)\n")
    print(f"{'query':<9} {'SQL wall':>9} {'SQL cpu':>8} {'index wall':>11} {'index cpu':>10}")
    by = {"timeline": ("date", "type"), "map": ("place", "type")}.get(endpoint)
    from_index = {"events": reader.events_body, "timeline": reader.timeline_body, "map": reader.map_points_body}
    for kind in KINDS:
        times: dict[str, list[float]] = defaultdict(list)
        for params in samples[kind]:
            f = parse_filters(settings, place=params.get("place"), bbox=params.get("bbox"),
                              date_from=params.get("from"), date_to=params.get("to"), type=params.get("type"),
                              actor=params.get("actor"), q=params.get("q"), limit=int(params["limit"]),
                              offset=int(params.get("offset", 0)))
            filters: dict[str, Any] = {"place": f.place, "bbox": f.bbox, "date_from": f.date_from, "date_to": f.date_to,
                       "type": f.type, "actor": f.actor, "text": f.text}
            c0, t0 = time.process_time(), time.perf_counter()
            if by is None:
                query.events(db, **filters, limit=f.limit, offset=f.offset)
            else:
                query.event_counts(db, by=by, **filters)
            times["sql wall"].append(time.perf_counter() - t0)
            times["sql cpu"].append(time.process_time() - c0)
            reader.index.forget_rows()
            c0, t0 = time.process_time(), time.perf_counter()
            from_index[endpoint](f)
            times["index wall"].append(time.perf_counter() - t0)
            times["index cpu"].append(time.process_time() - c0)
        ms = {k: statistics.median(v) * 1000 for k, v in times.items()}
        print(f"{kind:<9} {ms['sql wall']:>9.1f} {ms['sql cpu']:>8.1f} {ms['index wall']:>11.2f} "
              f"{ms['index cpu']:>10.2f}")


KINDS = ("all", "type", "place", "dates", "bbox", "page", "actor", "combined", "text")


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds a process has used (user + system), from /proc; None where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def print_cpu(server_cpu: float | None, client_cpu: float, requests: int) -> None:
    """CPU per request of the server and of the load generator (this process), which share the cores."""
    if not requests:
        return
    server = f"server {server_cpu / requests * 1000:.2f} ms" if server_cpu is not None else "server unknown"
    print(f"CPU per request: {server}, clients {client_cpu / requests * 1000:.2f} ms")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        try:
            if httpx.get(base + "/api/events?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load (at most 300)")
    parser.add_argument("--cache", type=int, default=0,
                        help="the server's answer cache (sitrep serve --cache); 0 (the default) measures the store")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load before measuring")
    parser.add_argument("--max-requests", type=int, default=500_000, help="stop after this many requests")
    parser.add_argument("--db", type=Path, help="reuse this store (built there first if missing)")
    parser.add_argument("--endpoint", default="events", choices=("events", "timeline", "map", "articles", "places"),
                        help="the list the clients ask (each takes the mix's parameters it knows, ignores the rest)")
    parser.add_argument("--runs", type=int, default=1, help="load runs against the one server (at most 10); "
                        "with several, the median of their p50, p99 and throughput is printed too")
    parser.add_argument("--store-only", action="store_true",
                        help="time the store's queries alone, no server (--endpoint events, timeline or map)")
    args = parser.parse_args()
    duration = min(max(args.duration, 1.0), 300.0)
    runs = min(max(args.runs, 1), 10)
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            build_store(db, args.events)
        if args.store_only:
            store_only(db, endpoint=args.endpoint)
            return
        port = free_port()
        base = f"http://{HOST}:{port}"
        env = {**os.environ, "SITREP_API_KEY": ""}
        server = subprocess.Popen([sys.executable, "-m", "sitrep.cli.main", "serve", "--db", str(db), "--host", HOST,
                                   "--port", str(port), "--log-level", "warning", "--cache", str(args.cache)],
                                  env=env)
        summary: list[tuple[float, float, float, int]] = []
        try:
            wait_ready(base, server)
            for run in range(runs):
                server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
                results, elapsed = asyncio.run(load(port, args.clients, duration, args.max_requests,
                                                    min(max(args.warmup, 0.0), 30.0), args.endpoint, seed=run))
                after = cpu_seconds(server.pid)
                print_table(results, elapsed, args.clients, args.events, args.endpoint)
                every = [x for v in results.latencies.values() for x in v]
                print_cpu(None if after is None or server_cpu is None else after - server_cpu,
                          time.process_time() - client_cpu, results.sent)
                summary.append((pct(every, 0.5), pct(every, 0.99), len(every) / elapsed, sum(results.errors.values())))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    print(f"server answer cache: {args.cache or 'off'}; load average now {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    if runs > 1:
        p50, p99, rps, _ = (statistics.median(col) for col in zip(*summary, strict=True))
        print(f"median of {runs} runs: p50 {p50:.1f} ms, p99 {p99:.1f} ms, {rps:,.0f} requests/s; "
              f"errors {sum(s[3] for s in summary)} in all")


if __name__ == "__main__":
    main()
