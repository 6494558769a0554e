"""HTML cleaner: the article's main text and metadata from a web page.

trafilatura finds the main text and the metadata (title, date, author, site
name, url).  Options, measured on the article-extraction benchmark
(``../shared/eval/extract``, 181 pages, ``score.py extract``):

- comments left out (``include_comments=False``): reader comments are not the
  article;
- ``favor_precision=True``: fewer teasers and link lists; when it keeps much
  less than the default setting (a paywall notice instead of the article),
  the default setting's text is used instead;
- when both find nothing, ``favor_recall=True``; when that finds nothing too,
  the plain text of the page body, cleaned by the line cleaner.

The main text then goes through the line cleaner (``clean/classify.py``) in
"html" mode: related-link lines, share bars, newsletter calls and lists of
other headlines are dropped, photo credits are taken out.  For HTML input
``Article.text`` is the body without the title, as the benchmark's bodies are.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.etree
import lxml.html

from ..config import Config
from ..errors import EmptyInputError, InputError, InputTooLargeError
from ..records import Article, RawDocument
from .classify import Mode
from .lexicon import languages_for, load_lexicon
from .lines import word_count
from .text import clean_lines

# Below this share of the default setting's length, the precise extraction missed the article.
PRECISION_MIN_SHARE = 0.25
# Precise texts shorter than this are compared with the default setting's.
PRECISION_CHECK_CHARS = 2000
# Pages with more elements than this skip the extractor (real articles have a few thousand).
MAX_ELEMENTS = 60_000
# Elements with more attributes than this lose them before extraction (real pages: under 100).
MAX_ATTRIBUTES = 200
# An HTML page's text needs running text or at least this many words to be an article.
MIN_ARTICLE_WORDS = 25
# Elements whose text is never article text.
_NON_CONTENT = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
                "nav", "header", "footer", "aside", "form", "button", "select", "head")
# Elements that end a line in the plain-text fallback.
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
               "blockquote", "pre", "section", "article", "figcaption", "figure", "dd", "dt", "table")
# trafilatura logs every page it finds too short; Sitrep reports its own errors.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class HtmlExtraction:
    """The main text of a page (one paragraph a line, no title) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None
    method: str = "precision"  # precision | default | recall | body-text


def clean_html(raw: RawDocument, config: Config) -> Article:
    """The Article of an HTML page; ``EmptyInputError`` when no article text is found."""
    origin = raw.origin or raw.id
    extraction = extract_html(raw.html or "", url=raw.url, origin=origin, max_bytes=config.max_input_bytes)
    lexicon = load_lexicon(languages_for(raw.language or config.language))
    # The page's plain text still has its menus: read it as a text page.
    mode: Mode = "text" if extraction.method == "body-text" else "html"
    cleaned = clean_lines(extraction.text, lexicon, mode=mode, title=extraction.title, keep_title=False)
    text = cleaned.text  # not stripped: the blocks' spans index it as it is
    if not any(b.kind == "paragraph" for b in cleaned.blocks) and word_count(text) < MIN_ARTICLE_WORDS:
        text = ""  # a few short lines and no running text: navigation, not an article
    if not text.strip():
        raise EmptyInputError("no article text found in the HTML (only navigation or chrome)", origin=origin)
    return Article(
        id=raw.id,
        text=text,
        title=extraction.title or cleaned.title,
        published=raw.published or extraction.published,
        language=raw.language,
        url=raw.url or extraction.url,
        author=extraction.author or cleaned.author,
        site=extraction.site,
        credits=cleaned.credits,
        related=cleaned.related,
        blocks=cleaned.blocks,
        origin=raw.origin,
    )


def extract_html(html: str, *, url: str | None = None, origin: str = "",
                 max_bytes: int = 5_000_000) -> HtmlExtraction:
    """The main text and metadata of ``html``, by the fallbacks described above."""
    if not html.strip():
        raise EmptyInputError("the HTML is empty", origin=origin)
    if len(html.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InputTooLargeError(f"the HTML is over the limit of {max_bytes:,} bytes", origin=origin)
    root = _parse(html, origin)
    if sum(1 for _ in root.iter()) > MAX_ELEMENTS:
        # Too many elements for the extractor to finish in reasonable time (a generated or
        # hostile page): the plain text of the body is linear to compute.
        return HtmlExtraction(text=_visible_text(root), title=_page_title(root), url=url, method="body-text")
    if _strip_attribute_soup(root):
        html = lxml.html.tostring(root, encoding="unicode")
    precise = _trafilatura(html, url, favor_precision=True, with_metadata=True)
    meta = _metadata(precise, url)
    text = _text_of(precise)
    method = "precision"
    if len(text) < PRECISION_CHECK_CHARS:  # a short text may be a paywall notice: compare with the default
        default = _text_of(_trafilatura(html, url))
        if len(text) < PRECISION_MIN_SHARE * len(default):
            text, method = default, "default"
    if not text:
        text, method = _text_of(_trafilatura(html, url, favor_recall=True)), "recall"
    if not text:
        text, method = _visible_text(_parse(html, origin)), "body-text"
    return HtmlExtraction(text=text, method=method, **meta)


def _parse(html: str, origin: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise EmptyInputError(f"the HTML has no readable content ({exc})", origin=origin) from None


def _strip_attribute_soup(root: lxml.html.HtmlElement) -> bool:
    """Drop the attributes of elements that carry absurdly many; True if any were dropped.

    Real pages have a few dozen attributes on an element at most; thousands
    make the extractor's per-attribute scans quadratic.  ``class`` and ``id``
    stay, since they say what a block is.
    """
    changed = False
    for element in root.iter():
        attrib = getattr(element, "attrib", None)
        if attrib is not None and len(attrib) > MAX_ATTRIBUTES:
            kept = {k: v for k, v in attrib.items() if k in ("class", "id")}
            attrib.clear()
            attrib.update(kept)
            changed = True
    return changed


def _page_title(root: lxml.html.HtmlElement) -> str | None:
    title = root.find(".//title")
    return _clean_meta(title.text_content()) if title is not None else None


def _trafilatura(html: str, url: str | None, **options: Any) -> Any:
    """trafilatura's ``bare_extraction``, or None when it cannot read the page."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, url=url, include_comments=False, **options)
    except (ValueError, TypeError, AttributeError, RecursionError, UnicodeError) as exc:
        # A page that breaks the extractor is hostile or broken markup: the plain-text
        # fallback still has a chance, so this is not an error of its own.
        logging.getLogger(__name__).debug("trafilatura failed: %s", exc)
        return None


def _text_of(document: Any) -> str:
    return str(getattr(document, "text", None) or "").strip()


def _metadata(document: Any, url: str | None) -> dict[str, Any]:
    if document is None:
        return {"url": url}
    return {
        "title": _clean_meta(getattr(document, "title", None)),
        "author": _clean_meta(getattr(document, "author", None)),
        "published": _parse_date(getattr(document, "date", None)),
        "site": _clean_meta(getattr(document, "sitename", None)),
        "url": url or _clean_meta(getattr(document, "url", None)),
    }


def _clean_meta(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def body_text(html: str, *, origin: str = "") -> str:
    """The visible text of the page body, one block element a line (the last fallback)."""
    return _visible_text(_parse(html, origin))


def _visible_text(root: lxml.html.HtmlElement) -> str:
    for element in list(root.iter(*_NON_CONTENT)):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def extraction_outputs(records: Iterable[Mapping[str, Any]], config: Config | None = None) -> Iterator[dict[str, Any]]:
    """For each contract input record with ``html``, the output fields the extract benchmark reads.

    ``{"id", "text", "title"}``; a page without article text gets ``text=""``
    (and the reason under ``error``), so the benchmark counts it.
    """
    config = config or Config(stages=())
    for record in records:
        raw = RawDocument(id=str(record["id"]), html=str(record.get("html") or ""), url=record.get("url"),
                          language=record.get("language"), origin=str(record["id"]))
        try:
            article = clean_html(raw, config)
        except InputError as exc:
            yield {"id": raw.id, "text": "", "title": None, "error": str(exc)}
            continue
        yield {"id": raw.id, "text": article.text, "title": article.title}
