"""What the store already holds from a given URL: how ``sitrep watch`` knows a feed item is old.

A link counts as seen when an article was stored from it (its origin, or its
final URL after redirects) or when fetching or analysing it failed and it was
quarantined: a failed item is retried with ``sitrep quarantine --retry``, not
by every poll of the feed.
"""

from __future__ import annotations

from pathlib import Path

from .connection import connection

_SEEN = ("SELECT EXISTS (SELECT 1 FROM articles WHERE origin = ? OR url = ?) "
         "OR EXISTS (SELECT 1 FROM quarantine WHERE origin = ?)")


def link_seen(db: str | Path, link: str) -> bool:
    """Whether an article from ``link`` is stored or quarantined in the store at ``db``."""
    row = connection(db).execute(_SEEN, [link, link, link]).fetchone()
    return bool(row and row[0])
