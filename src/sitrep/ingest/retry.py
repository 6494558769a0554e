"""Reading quarantined documents again from where they came from (``sitrep quarantine --retry``).

A quarantine record keeps the document's origin, and the origin says how to
read it again:

- ``http(s)://...``: the URL is fetched again (a page, or a feed and its items);
- ``PATH#recordN``: record N of the WARC archive at PATH;
- ``PATH:N``: line N of the JSONL file at PATH;
- ``PATH``: the file at PATH.

Documents that came from standard input or over the HTTP API were not kept
(only the start of their input is), so they cannot be read again; they are
listed as such and stay in the quarantine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..records import Quarantined, RawDocument
from .sources import is_url, iter_sources, iter_url
from .web import Fetcher

_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+)$")
_RECORD = re.compile(r"^(?P<path>.+)#record(?P<record>\d+)$")


@dataclass(frozen=True)
class Retry:
    """Where to read a quarantined document again: ``source`` (a URL or a path) and the origin it must have."""

    origin: str
    source: str


def plan(origin: str) -> Retry | None:
    """How to read the document of ``origin`` again, or None when its input was not kept."""
    if is_url(origin):
        return Retry(origin, origin)
    for pattern in (_RECORD, _LINE):
        match = pattern.match(origin)
        if match and Path(match["path"]).is_file():
            return Retry(origin, match["path"])
    if Path(origin).exists():
        return Retry(origin, origin)
    return None


def documents(retries: list[Retry], config: Config, fetcher: Fetcher) -> Iterator[RawDocument | Quarantined]:
    """The documents of ``retries``, read again; a source read for several origins is read once."""
    by_source: dict[str, set[str]] = {}
    for retry in retries:
        by_source.setdefault(retry.source, set()).add(retry.origin)
    for source, origins in by_source.items():
        if is_url(source):
            yield from iter_url(source, config, fetcher)
            continue
        whole = source in origins  # the file itself failed (not one line or record of it)
        for doc in iter_sources([source], config, fetcher=fetcher):
            if whole or doc.origin in origins:
                yield doc
