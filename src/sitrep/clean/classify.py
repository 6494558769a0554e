"""Tell the lines of a page apart: title, caption, credit, subheading, paragraph, related, chrome.

Two passes.  The first looks at each line alone: its phrase (chrome lists,
related-link cues, credits) and its shape (sentence or heading).  The second
reads positions: chrome clusters before the title and after the last
paragraph, a section heading such as "Most read" opens a list of other
headlines, a "Lire aussi" heading opens a list of related titles, and short
lines repeated on the page are navigation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from ..records import BlockKind
from .credits import credit_line, is_dateline, split_credit
from .lexicon import Lexicon, fold, phrase_key
from .lines import (
    Line,
    has_letters,
    is_breadcrumb,
    is_copyright_notice,
    is_date_stamp,
    is_link_only,
    is_sentence_like,
    is_substantial_heading,
    word_count,
    words,
)

# What a line is on its own, before its position is read.
Local = Literal["chrome", "section", "credit", "related", "related_heading", "caption", "sentence", "heading"]
Mode = Literal["text", "html"]

# Prefix phrases ("Publié le", "Sign up for") only mark short lines.
PREFIX_MAX_WORDS = 20
# Agency footers ("Reporting by ...; Editing by ...") list many names.
FOOTER_MAX_WORDS = 60
# Separators between a related-link cue and its target ("A lire aussi : ...", "Read more | ...").
_RELATED_SEPARATORS = ":-–—|>»›→•"
_LEADING_DECORATION = "-–—•·*►▶▸→›»>|#[(\u00a0 \t"
_BYLINE_JOINERS = {"et", "and", "&", "with", "avec", "de", "du", "des", "la", "le", "van", "von", "al", "el", "bin"}


@dataclass(frozen=True, slots=True)
class LineClass:
    """A line and what the cleaner made of it."""

    line: Line
    local: Local
    kind: BlockKind = "paragraph"
    kept_text: str = ""  # the text kept in the article (a caption without its credit)
    credit: str | None = None
    related: str | None = None  # the linked title of a related-link line
    byline: str | None = None  # the names of a byline ("Par Jean Dupont" -> "Jean Dupont")


def classify_lines(lines: list[Line], lexicon: Lexicon, *, mode: Mode = "text",
                   title: str | None = None) -> list[LineClass]:
    """Every line with its block kind.

    ``mode="text"`` reads a page captured as text: the title is found among the
    lines.  ``mode="html"`` reads the main text an HTML extractor kept: the
    title is given (``title``) and its repetitions are dropped.
    """
    seen: dict[str, LineClass] = {}  # a page repeats lines (menus); each text is read once
    items: list[LineClass] = []
    for line in lines:
        known = seen.get(line.text)
        if known is None:
            known = seen[line.text] = _classify_alone(line, lexicon, mode)
        items.append(known if known.line is line else replace(known, line=line))
    if mode == "text":
        start = _find_title_and_head(items, lexicon)
        _drop_repeated_headings(items, start)
    else:
        start = 0
        _drop_title_copies(items, title)
    _read_body(items, start)
    _drop_tail_headings(items, mode)
    return items


# -- first pass: each line alone ------------------------------------------------------


def _classify_alone(line: Line, lexicon: Lexicon, mode: Mode) -> LineClass:
    text = line.text
    key = phrase_key(text)
    if not has_letters(text) or is_copyright_notice(text):
        return LineClass(line, "chrome", "chrome")
    credit = credit_line(text, lexicon)
    if credit is not None:
        return LineClass(line, "credit", "credit", credit=credit)
    related = related_link(text, lexicon)
    if related is not None:
        local: Local = "related" if related else "related_heading"
        return LineClass(line, local, "related" if related else "chrome", related=related or None)
    if key in lexicon.chrome_sections:
        return LineClass(line, "section", "chrome")
    if _is_chrome(text, key, lexicon, html=mode == "html"):
        return LineClass(line, "chrome", "chrome")
    names = byline_names(text, lexicon)
    if names:
        return LineClass(line, "chrome", "chrome", byline=names)
    caption, credit = split_credit(text, lexicon)
    if credit is not None and has_letters(caption):
        return LineClass(line, "caption", "caption", kept_text=caption, credit=credit)
    if is_sentence_like(text):
        return LineClass(line, "sentence", "paragraph", kept_text=text)
    return LineClass(line, "heading", "subheading", kept_text=text)


def _is_chrome(text: str, key: str, lexicon: Lexicon, *, html: bool) -> bool:
    """Chrome by phrase or shape.

    Agency footers ("Reporting by X in Cairo; Editing by Y") are dropped from
    HTML bodies, as extraction benchmarks do, but kept in text input: they
    name places and people that the article's facts may need.  A line that is
    only a web address is chrome on a text page, but in the main text an HTML
    extractor chose it is part of the article (a list of links, a contact).
    """
    if lexicon.is_chrome_line(key):
        return True
    tokens = words(fold(text))
    if tokens and all(t in lexicon.share_tokens for t in tokens):
        return True
    n = len(tokens)
    if n <= PREFIX_MAX_WORDS and (n <= 8 or not is_sentence_like(text)) and lexicon.chrome_prefix(key):
        return True
    if html and n <= FOOTER_MAX_WORDS and (lexicon.footer_prefix(key) or any(p in key for p in lexicon.footer_phrases)):
        return True
    if n <= PREFIX_MAX_WORDS and tokens[:1] and _is_social_call(tokens, lexicon):
        return True
    return is_date_stamp(text) or is_breadcrumb(text) or (not html and is_link_only(text))


def _is_social_call(tokens: list[str], lexicon: Lexicon) -> bool:
    """"Follow us on Twitter and Facebook", "Suivez-nous sur Instagram"."""
    first = tokens[0].split("-")[0]
    return (tokens[0] in lexicon.call_verbs or first in lexicon.call_verbs) and any(
        t in lexicon.share_tokens for t in tokens[1:])


def related_link(text: str, lexicon: Lexicon) -> str | None:
    """The linked title of a related-link line; "" for a cue alone; None for other lines.

    "A lire aussi : L'armée reprend la ville" -> "L'armée reprend la ville".  A
    cue of two words or more may be followed by the title without a separator
    when the title starts with a capital ("Lire aussi L'armée...").
    """
    body = text.lstrip(_LEADING_DECORATION)
    folded = fold(body)
    for cue in lexicon.related_cues:
        if not folded.startswith(cue):
            continue
        cut = _original_length(body, cue)
        if cut is None:
            continue
        rest = body[cut:]
        separator = rest[: len(rest) - len(rest.lstrip(_RELATED_SEPARATORS + " \u00a0\t"))]
        target = rest[len(separator):].strip()
        if body != text and text.lstrip()[:1] in "[(":
            target = target.rstrip(")]").strip()  # "[Related: ...]"
        if not target:
            return ""
        if not separator.strip(" \u00a0\t"):
            if len(cue.split()) < 2 or not (target[0].isupper() or target[0] in "«\"“'0123456789"):
                continue
        if word_count(target) > 30:
            return None
        return target
    return None


def _original_length(text: str, cue: str) -> int | None:
    """How many characters of ``text`` fold to ``cue``, ending on a word boundary."""
    for k in range(len(cue), min(len(text), len(cue) + 8) + 1):
        if fold(text[:k]) == cue and (k == len(text) or not text[k].isalnum()):
            return k
    return None


def byline_names(text: str, lexicon: Lexicon) -> str | None:
    """"Par Jean Dupont" -> "Jean Dupont"; "By Jane Roe and John Doe" -> "Jane Roe and John Doe"."""
    if word_count(text) > 9 or is_sentence_like(text.rstrip(".")):
        return None
    folded = fold(text)
    for cue in lexicon.byline_cues:
        if not folded.startswith(cue + " "):
            continue
        names = " ".join(text.split()[len(cue.split()) :]).strip(" ,:")
        tokens = names.replace(",", " ").split()
        capitalised = [t for t in tokens if t.lower() not in _BYLINE_JOINERS]
        if 0 < len(capitalised) <= 6 and all(t[:1].isupper() for t in capitalised):
            return names
    return None


# -- second pass: positions -----------------------------------------------------------


def _find_title_and_head(items: list[LineClass], lexicon: Lexicon) -> int:
    """Mark the title and the chrome before it; return where the article starts.

    The title is the first substantial heading before any paragraph.  Every
    heading before it is navigation.  Without a title the article starts at
    its first paragraph (or first heading, for a page of headings only).
    """
    start = None
    for i, item in enumerate(items):
        if item.local in ("sentence", "caption"):
            start = i
            break
        if item.local == "heading" and is_substantial_heading(item.line.text):
            items[i] = replace(item, kind="title")
            start = i
            break
    if start is None:
        start = next((i for i, it in enumerate(items) if it.local == "heading"), len(items))
    for i in range(start):
        if items[i].local == "heading" and i == start - 1 and is_dateline(items[i].line.text, lexicon):
            items[i] = replace(items[i], kind="paragraph")  # "Washington (CNN)" opens the article
        elif items[i].kind not in ("related", "credit"):
            items[i] = replace(items[i], kind="chrome")
    return start


def _drop_repeated_headings(items: list[LineClass], start: int) -> None:
    """Short lines seen twice on a page are navigation (menus at head and foot, the title's copies)."""
    counts = Counter(phrase_key(it.line.text) for it in items if it.local == "heading")
    title_key = next((phrase_key(it.line.text) for it in items if it.kind == "title"), None)
    for i in range(start, len(items)):
        item = items[i]
        if item.local != "heading" or item.kind == "title":
            continue
        key = phrase_key(item.line.text)
        if counts[key] >= 2 or key == title_key:
            items[i] = replace(item, kind="chrome")


def _drop_title_copies(items: list[LineClass], title: str | None) -> None:
    """The given title's first copy among the lines is the title block; later copies are chrome."""
    if not title:
        return
    title_key = phrase_key(title)
    kind: BlockKind = "title"
    for i, item in enumerate(items):
        if item.local in ("heading", "sentence") and phrase_key(item.line.text) == title_key:
            items[i] = replace(item, kind=kind)
            kind = "chrome"


def _read_body(items: list[LineClass], start: int) -> None:
    """Section headings: "Most read" opens a list of chrome, "Lire aussi" a list of related titles.

    A chrome section holds headlines and one-sentence teasers; two paragraphs
    in a row mean the article goes on (a "Don't miss" box in mid-article).  A
    related list runs on contiguous lines: a blank line ends it, and after a
    "Related: X" line only bulleted lines continue it.
    """
    state = "body"
    for i in range(start, len(items)):
        item = items[i]
        if item.kind in ("title", "chrome") and item.local not in ("section", "related_heading"):
            continue
        if item.local == "section":
            state = "chrome"
        elif item.local == "related_heading":
            state = "related-list"
        elif item.local == "related":
            state = "related-bullets"
        elif state == "chrome" and not _article_resumes(items, i):
            items[i] = replace(item, kind="chrome")
        elif state.startswith("related") and item.local == "heading" and _continues_list(items, i, state):
            items[i] = replace(item, kind="related", related=item.line.text.lstrip(_LEADING_DECORATION))
        else:
            state = "body"


def _continues_list(items: list[LineClass], i: int, state: str) -> bool:
    line = items[i].line
    if state == "related-bullets":
        return line.text[:1] in "-–—•·*►▶▸→"
    follows_heading = i > 0 and items[i - 1].local == "related_heading"
    return follows_heading or not line.blank_before


def _article_resumes(items: list[LineClass], i: int) -> bool:
    if items[i].local != "sentence":
        return False
    following = items[i + 1] if i + 1 < len(items) else None
    return following is not None and following.local == "sentence" and following.kind == "paragraph"


def _drop_tail_headings(items: list[LineClass], mode: Mode) -> None:
    """Headings after the last paragraph are chrome when they follow chrome or form a list.

    A lone short line at the end (a signature) stays.  Headings after a chrome
    line of the tail are the page's footer or other headlines; on a text page,
    two or more headings after the last paragraph are too.  An HTML extractor
    has already chosen the article, so there a list at the end is kept.
    """
    last = max((i for i, it in enumerate(items) if it.kind in ("paragraph", "caption")), default=None)
    if last is None:
        return
    headings = [i for i in range(last + 1, len(items)) if items[i].kind == "subheading"]
    if mode == "text" and len(headings) >= 2:
        drop = headings
    else:
        first_chrome = next((i for i in range(last + 1, len(items)) if items[i].kind in ("chrome", "related")), None)
        drop = [i for i in headings if first_chrome is not None and i > first_chrome]
    for i in drop:
        items[i] = replace(items[i], kind="chrome")
