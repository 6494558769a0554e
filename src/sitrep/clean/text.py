"""Line cleaner for text pages: from a page captured with its chrome to an Article.

``Article.text`` keeps every kept block (title, caption without its credit,
subheadings, paragraphs) in page order, joined by a blank line; the words are
never rewritten, so offsets can be aligned back to the input.  Related links,
credits and chrome stay out of the text: they are in ``Article.related``,
``Article.credits`` and ``Article.blocks``.  A text with nothing to drop comes
back as it was given (only Windows line ends become ``\\n``), so offsets into
a clean input stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..config import Config
from ..errors import EmptyInputError
from ..records import Article, Block, BlockKind, RawDocument, Span
from .classify import LineClass, Mode, classify_lines
from .lexicon import Lexicon, languages_for, load_lexicon
from .lines import normalise_newlines, split_lines

# Blocks whose text goes into Article.text.
KEPT_KINDS: frozenset[BlockKind] = frozenset({"title", "caption", "subheading", "paragraph"})
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class CleanedText:
    """What the line cleaner made of a text: the clean text and the page's parts."""

    text: str
    blocks: tuple[Block, ...]
    title: str | None
    credits: tuple[str, ...]
    related: tuple[str, ...]
    author: str | None


def clean_text(raw: RawDocument, config: Config) -> Article:
    """The Article of a text page; raises ``EmptyInputError`` when only chrome is left."""
    origin = raw.origin or raw.id
    source = raw.text or ""
    if not source.strip():
        raise EmptyInputError("the document is empty", origin=origin)
    lexicon = load_lexicon(languages_for(raw.language or config.language))
    cleaned = clean_lines(source, lexicon, mode="text")
    if not cleaned.text.strip():
        raise EmptyInputError(
            "nothing left after cleaning: every line looks like site chrome (menus, share buttons, "
            "related links); pass the article's text itself", origin=origin)
    return Article(
        id=raw.id,
        text=cleaned.text,
        title=cleaned.title,
        published=raw.published,
        language=raw.language,
        url=raw.url,
        author=cleaned.author,
        credits=cleaned.credits,
        related=cleaned.related,
        blocks=cleaned.blocks,
        origin=raw.origin,
    )


def clean_lines(source: str, lexicon: Lexicon, *, mode: Mode = "text", title: str | None = None,
                keep_title: bool = True) -> CleanedText:
    """Classify the lines of ``source`` and assemble the clean text and its blocks.

    ``keep_title=False`` leaves a title found among the lines out of the text
    (HTML pages, whose body is scored without it).
    """
    text = normalise_newlines(source)
    items = classify_lines(split_lines(text), lexicon, mode=mode, title=title)
    kept = KEPT_KINDS if keep_title else KEPT_KINDS - {"title"}
    if _nothing_dropped(items, kept):
        clean, spans = text, [_identity_span(it) for it in items]
    else:
        clean, spans = _join_kept(items, kept)
    blocks = tuple(_blocks(items, spans, kept))
    found_title = next((it.line.text for it in items if it.kind == "title"), None)
    return CleanedText(
        text=clean,
        blocks=blocks,
        title=found_title if mode == "text" else title,
        credits=_unique(it.credit for it in items if it.kind in ("caption", "credit") and it.credit),
        related=_unique(it.related for it in items if it.kind == "related" and it.related),
        author=next((it.byline for it in items if it.byline), None),
    )


def _nothing_dropped(items: list[LineClass], kept: frozenset[BlockKind]) -> bool:
    return all(it.kind in kept and it.kept_text == it.line.text for it in items)


def _identity_span(item: LineClass) -> Span | None:
    return Span(item.line.start, item.line.end)


def _join_kept(items: list[LineClass], kept: frozenset[BlockKind]) -> tuple[str, list[Span | None]]:
    parts: list[str] = []
    spans: list[Span | None] = []
    offset = 0
    for item in items:
        if item.kind not in kept or not item.kept_text:
            spans.append(None)
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        parts.append(item.kept_text)
        spans.append(Span(offset, offset + len(item.kept_text)))
        offset += len(item.kept_text)
    return "".join(parts), spans


def _blocks(items: list[LineClass], spans: list[Span | None], kept: frozenset[BlockKind]) -> list[Block]:
    blocks: list[Block] = []
    for item, span in zip(items, spans, strict=True):
        if item.kind == "caption":
            blocks.append(Block("caption", item.kept_text, span))
            if item.credit:
                blocks.append(Block("credit", item.credit))
        elif item.kind in kept:
            blocks.append(Block(item.kind, item.kept_text, span))
        else:
            blocks.append(Block(item.kind, item.line.text))
    return blocks


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str) and value not in seen:
            seen[value] = None
    return tuple(seen)
