"""Flags for the commands that fetch URLs and feeds (``ingest``, ``watch``): one ``FetchPolicy`` from them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:  # httpx is imported only by the commands that fetch
    from ..ingest.web import FetchPolicy

DEFAULTS = {"timeout": 15.0, "max_bytes": 5_000_000, "max_redirects": 5, "min_interval": 1.0}


def add_fetch_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("fetching URLs and feeds")
    g.add_argument("--allow-private", action="store_true",
                   help="also fetch from private, loopback and link-local addresses (refused by default, so that "
                   "a feed cannot make Sitrep read your local network)")
    g.add_argument("--timeout", type=float, default=DEFAULTS["timeout"], metavar="SECONDS",
                   help=f"give up on a server silent for this long (default {DEFAULTS['timeout']:g})")
    g.add_argument("--max-bytes", type=int, default=DEFAULTS["max_bytes"], metavar="N",
                   help=f"refuse a page or feed larger than N bytes (default {DEFAULTS['max_bytes']:,})")
    g.add_argument("--max-redirects", type=int, default=DEFAULTS["max_redirects"], metavar="N",
                   help=f"follow at most N redirects (default {DEFAULTS['max_redirects']})")
    g.add_argument("--host-interval", type=float, default=DEFAULTS["min_interval"], metavar="SECONDS",
                   help="wait at least this long between two requests to one host; a longer Crawl-delay in its "
                   f"robots.txt wins (default {DEFAULTS['min_interval']:g})")


def fetch_policy_from_args(args: argparse.Namespace) -> FetchPolicy:
    """The ``FetchPolicy`` the flags describe (robots.txt is always obeyed)."""
    from ..ingest.web import FetchPolicy

    if args.timeout <= 0 or args.max_bytes <= 0 or args.max_redirects < 0 or args.host_interval < 0:
        raise ConfigError("--timeout, --max-bytes and --host-interval must be positive, --max-redirects 0 or more")
    return FetchPolicy(timeout=args.timeout, deadline=max(60.0, 4 * args.timeout), max_bytes=args.max_bytes,
                       max_redirects=args.max_redirects, min_interval=args.host_interval,
                       allow_private=args.allow_private)
