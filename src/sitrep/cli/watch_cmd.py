"""``sitrep watch FEED... --db PATH --every 15m``: poll RSS/Atom feeds and ingest their new items.

Each poll reads every feed, skips the items whose link is already in the store
(stored, or quarantined: those are retried with ``sitrep quarantine --retry``),
fetches the pages of the new ones and ingests them exactly as ``sitrep
ingest`` does.  A feed that fails (an HTML page, an error, bad XML) is
quarantined for that poll and the other feeds go on; the next poll tries it
again.  Stop with Ctrl-C; ``--once`` polls once (for cron or a test).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator

from ..errors import ConfigError
from ..pipeline import Context
from ..records import Quarantined, RawDocument
from .common import add_config_flags, config_from_args
from .fetch_flags import add_fetch_flags, fetch_policy_from_args

MIN_EVERY = 10.0  # seconds; a feed polled more often than this gains nothing and burdens its host
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """Seconds from ``90``, ``30s``, ``15m``, ``2h`` or ``1d``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
    if not match:
        raise ConfigError(f"--every must be a duration like 90s, 15m or 1h, got {value!r}")
    seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds < MIN_EVERY:
        raise ConfigError(f"--every must be at least {MIN_EVERY:g}s, got {value!r}")
    return seconds


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "watch",
        help="poll RSS/Atom feeds and ingest their new items into a store",
        description="Poll each feed every --every, fetch the pages of the items not yet in the store and ingest "
        "them (as `sitrep ingest` does: analysed, stored once, failures quarantined). Runs until Ctrl-C, or "
        "polls once with --once. Exit status: 0, or 1 when the last poll quarantined something.",
    )
    p.add_argument("feeds", nargs="+", metavar="FEED", help="http(s) URL of an RSS or Atom feed")
    p.add_argument("--db", required=True, metavar="PATH", help="the store: a DuckDB file, made if missing")
    p.add_argument("--every", default="15m", metavar="DURATION",
                   help="time between the starts of two polls: 90s, 15m, 1h... (default 15m, at least 10s)")
    p.add_argument("--once", action="store_true", help="poll once and stop")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="analyse in N worker processes (default 1: in this process)")
    add_config_flags(p)
    add_fetch_flags(p)
    p.set_defaults(handler=run)


def _new_items(feeds: list[str], args: argparse.Namespace, done: set[str]) -> Iterator[RawDocument | Quarantined]:
    from ..ingest.sources import iter_feeds
    from ..ingest.web import Fetcher
    from ..store.seen import link_seen

    def seen(link: str) -> bool:
        return link in done or link_seen(args.db, link)

    with Fetcher(fetch_policy_from_args(args)) as fetcher:
        for item in iter_feeds(feeds, args.config, fetcher, seen):
            done.add(item.origin)  # an item's origin is its link: analysed or failed, it is not fetched again
            yield item


def poll(args: argparse.Namespace, done: set[str]) -> Counter[str]:
    """One poll of every feed, ingested; the counts of what became of the new items."""
    from .ingest_cmd import ingest_documents

    return ingest_documents(_new_items(args.feeds, args, done), args.db, args.config, args.workers)


def run(args: argparse.Namespace, sleep: Callable[[float], None] = time.sleep) -> int:
    every = parse_every(args.every)
    if args.workers < 1:
        raise ConfigError(f"--workers must be 1 or more, got {args.workers}")
    fetch_policy_from_args(args)  # bad fetch flags stop here, before the first poll
    args.config = config_from_args(args)
    Context(args.config).pipeline()
    done: set[str] = set()
    while True:
        started = time.monotonic()
        counts = poll(args, done)
        print(f"sitrep: watch: {counts['stored']} new article(s) stored ({counts['events']} events), "
              f"{counts['skipped']} already stored, {counts['quarantined'] + counts['conflict']} quarantined",
              file=sys.stderr)
        if args.once:
            return 1 if counts["quarantined"] or counts["conflict"] else 0
        sleep(max(0.0, every - (time.monotonic() - started)))
