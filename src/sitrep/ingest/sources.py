"""Every kind of source ``sitrep ingest`` takes, behind one function.

``iter_sources`` routes each source to its reader:

- ``http://`` and ``https://`` URLs are fetched (``web.Fetcher``); a URL that
  answers with an RSS or Atom feed gives the articles its items link to, any
  other URL gives one page;
- ``.warc``, ``.warc.gz``, ``.arc`` and ``.arc.gz`` files are read as web archives;
- folders are walked in sorted order, archives read as archives and the other
  files by ``readers`` (text, HTML, JSONL, gzipped or not);
- anything else (a file, ``-`` for stdin) goes to ``readers.iter_documents``.

A source that fails gives ``Quarantined`` records and the next source is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..config import Config
from ..errors import InputError
from ..records import Quarantined, RawDocument
from .feeds import FeedItem, iter_feed, looks_like_feed, parse_feed
from .readers import KNOWN_SUFFIXES, iter_documents
from .warc import is_warc, iter_warc
from .web import Fetcher, FetchPolicy, document_from_page, url_document_id

Seen = Callable[[str], bool]  # is the article at this URL already stored (or quarantined)?


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def iter_url(url: str, config: Config, fetcher: Fetcher,
             seen: Seen | None = None) -> Iterator[RawDocument | Quarantined]:
    """A page, or the articles of a feed: what the URL answers decides."""
    try:
        page = fetcher.fetch(url)
        if not looks_like_feed(page.content_type, page.body):
            yield document_from_page(page, config)
            return
        items = parse_feed(page.body, page.url)
    except InputError as exc:
        yield Quarantined(url, str(exc), exc.code, id=url_document_id(url), stage="fetch")
        return
    yield from _feed_articles(items, config, fetcher, seen)


def _feed_articles(items: list[FeedItem], config: Config, fetcher: Fetcher,
                   seen: Seen | None) -> Iterator[RawDocument | Quarantined]:
    for item in items:
        if seen is not None and seen(item.link):
            continue
        try:
            yield document_from_page(fetcher.fetch(item.link), config, published=item.published)
        except InputError as exc:
            yield Quarantined(item.link, str(exc), exc.code, id=url_document_id(item.link), stage="fetch")


def iter_feeds(urls: Iterable[str], config: Config, fetcher: Fetcher,
               seen: Seen | None = None) -> Iterator[RawDocument | Quarantined]:
    """The new articles of each feed (``seen`` says which links are old)."""
    for url in urls:
        yield from iter_feed(url, config, fetcher, None if seen is None else (lambda item: seen(item.link)))


def _iter_folder(folder: Path, config: Config) -> Iterator[RawDocument | Quarantined]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and (is_warc(p) or {s.lower() for s in p.suffixes} & (KNOWN_SUFFIXES | {".gz"})))
    for path in files:
        yield from iter_warc(path, config) if is_warc(path) else iter_documents(path, config)


def iter_sources(sources: Iterable[str], config: Config, policy: FetchPolicy | None = None,
                 stdin: BinaryIO | None = None, fetcher: Fetcher | None = None,
                 seen: Seen | None = None) -> Iterator[RawDocument | Quarantined]:
    """The documents of every source, in order; URLs are fetched under ``policy`` (one ``Fetcher`` for all)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(policy or FetchPolicy())
    try:
        for source in sources:
            if is_url(source):
                yield from iter_url(source, config, fetcher, seen)
            elif is_warc(source):
                yield from iter_warc(source, config)
            elif source != "-" and Path(source).is_dir():
                yield from _iter_folder(Path(source), config)
            else:
                yield from iter_documents(source, config, stdin=stdin)
    finally:
        if own:
            fetcher.close()


def count_documents(sources: Iterable[str]) -> int | None:
    """How many documents the sources hold, for a progress bar's ETA; None when it cannot be known cheaply
    (stdin, URLs and feeds, archives)."""
    total = 0
    for source in sources:
        if source == "-" or is_url(source) or is_warc(source):
            return None
        path = Path(source)
        files = ([p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")] if path.is_dir()
                 else [path])
        for file in files:
            if is_warc(file):
                return None
            suffixes = {s.lower() for s in file.suffixes}
            if suffixes & {".jsonl", ".ndjson", ".json"} and ".gz" not in suffixes:
                with file.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif suffixes & (KNOWN_SUFFIXES | {".gz"}) or not path.is_dir():
                total += 1
    return total

