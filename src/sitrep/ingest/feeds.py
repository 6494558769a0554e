"""RSS and Atom feeds: the items they list, and the articles those items link to.

A feed is read with lxml's XML parser set to resolve no entities and load
nothing from the network, so a hostile feed cannot expand entities or read
local files.  RSS 2.0 (``rss/channel/item``), RSS 1.0 (RDF ``item``) and
Atom 1.0 (``feed/entry``) are understood; a feed URL that answers with an HTML
page, an error or broken XML gives a ``FeedError`` saying which.

Each item's link is then fetched as a page (through the same ``Fetcher``, so
the same limits and manners apply), with the item's date as the article's
publication date when the page gives none.
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin

from ..config import Config
from ..errors import InputError
from ..records import Quarantined, RawDocument
from .web import Fetcher, FetchError, document_from_page, url_document_id

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/x-rss+xml", "application/feed+xml")
MAX_ITEMS = 1000  # items read from one feed; real feeds list tens


class FeedError(FetchError):
    """A feed could not be read as RSS or Atom."""

    code = "E116"


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: its key (guid or link), link, title and date."""

    key: str
    link: str
    title: str | None = None
    published: date | None = None


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node: object, *names: str) -> str | None:
    for child in node:  # type: ignore[attr-defined]
        if _local(child.tag) in names and (child.text or "").strip():
            return str(child.text).strip()
    return None


def parse_date_value(value: str | None) -> date | None:
    """A feed date: RFC 822 (RSS ``pubDate``) or ISO 8601 (Atom, Dublin Core); None when unreadable."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _atom_link(entry: object, base: str) -> str | None:
    fallback = None
    for child in entry:  # type: ignore[attr-defined]
        if _local(child.tag) != "link" or not child.get("href"):
            continue
        rel = (child.get("rel") or "alternate").lower()
        if rel == "alternate":
            return urljoin(base, child.get("href").strip())
        fallback = fallback or urljoin(base, child.get("href").strip())
    return fallback


def _item(node: object, base: str, atom: bool) -> FeedItem | None:
    link = _atom_link(node, base) if atom else _child_text(node, "link")
    if not atom and link is None:
        about = node.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")  # type: ignore[attr-defined]
        link = about or None
    if not link:
        return None
    link = urljoin(base, link)
    key = _child_text(node, "id" if atom else "guid") or link
    published = parse_date_value(_child_text(node, "published", "updated", "pubdate", "date"))
    return FeedItem(key=key, link=link, title=_child_text(node, "title"), published=published)


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """The items of an RSS or Atom feed, in the feed's order; raises ``FeedError`` on anything else."""
    from lxml import etree

    if not body.strip():
        raise FeedError("the feed is empty", origin=url)
    head = body.lstrip()[:512].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise FeedError("the URL answered with an HTML page, not an RSS or Atom feed", origin=url)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"the feed is not well-formed XML ({exc})", origin=url) from None
    kind = _local(root.tag)
    if kind == "rss":
        channel = next((c for c in root if _local(c.tag) == "channel"), root)
        nodes, atom = [c for c in channel if _local(c.tag) == "item"], False
    elif kind == "rdf":
        nodes, atom = [c for c in root if _local(c.tag) == "item"], False
    elif kind == "feed":
        nodes, atom = [c for c in root if _local(c.tag) == "entry"], True
    elif kind == "html":
        raise FeedError("the URL answered with an HTML page, not an RSS or Atom feed", origin=url)
    else:
        raise FeedError(f"an XML document of type <{kind}>, not an RSS or Atom feed", origin=url)
    items = [item for item in (_item(n, url, atom) for n in nodes[:MAX_ITEMS]) if item is not None]
    return list({item.key: item for item in reversed(items)}.values())[::-1]  # one entry per key


def read_feed(url: str, fetcher: Fetcher) -> list[FeedItem]:
    """Fetch and parse the feed at ``url``."""
    page = fetcher.fetch(url)
    if page.content_type == "text/html":
        raise FeedError(f"{page.url} answered with an HTML page, not an RSS or Atom feed", origin=url)
    return parse_feed(page.body, page.url)


def iter_feed(url: str, config: Config, fetcher: Fetcher,
              seen: Callable[[FeedItem], bool] | None = None) -> Iterator[RawDocument | Quarantined]:
    """The articles a feed links to, fetched; items for which ``seen(item)`` is true are not fetched.

    A feed that cannot be read gives one ``Quarantined`` for the feed; an item whose
    page cannot be fetched gives one for that item; the others go on.
    """
    try:
        items = read_feed(url, fetcher)
    except InputError as exc:
        yield Quarantined(url, str(exc), exc.code, stage="fetch")
        return
    for item in items:
        if seen is not None and seen(item):
            continue
        try:
            page = fetcher.fetch(item.link)
            yield document_from_page(page, config, published=item.published)
        except InputError as exc:
            yield Quarantined(item.link, str(exc), exc.code, id=url_document_id(item.link), stage="fetch")


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """Whether a fetched resource is a feed rather than a page (by type, then by its first tag)."""
    if content_type in FEED_TYPES:
        return True
    head = body.lstrip()[:1024].lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)
