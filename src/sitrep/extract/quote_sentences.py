"""Paragraphs and sentences for quote attribution, aware of quotation marks.

spaCy's sentence boundaries wander on news text: a sentence is often cut at an
opening « or run across a paragraph break.  Attribution needs boundaries that
keep « First. Second. », a-t-il dit together and never cross a paragraph, so
quotes get their own light splitter: a full stop, question or exclamation mark
ends a sentence when whitespace and a capital (or an opening mark) follow, unless
it closes an abbreviation or an initial, or stands inside a quote that goes on.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ResourceError
from ..resources import load_column
from .quote_marks import Quoted

_TERMINAL = ".!?…"
_CLOSERS = "»”\"’›)]"
_OPENERS = "«“\"„‹‘(["
_DASHES = "-–—"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int  # trailing whitespace excluded
    paragraph: int  # index of the paragraph it belongs to


@lru_cache(maxsize=4)
def _abbreviations(lang: str) -> frozenset[str]:
    try:
        return frozenset(load_column(lang, "sentence_abbreviations"))
    except ResourceError:  # an unknown language: no abbreviations beyond initials
        return frozenset()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line, whitespace trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _word_before(text: str, i: int) -> str:
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in ".-"):
        j -= 1
    return text[j:i].lstrip(".")


class _QuoteIndex:
    """Closed top-level quotes, to ask whether a position lies strictly inside one."""

    def __init__(self, quoted: list[Quoted]) -> None:
        spans = sorted((q.open_at, q.close_at) for q in quoted if q.depth == 0 and q.close_at is not None)
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def inside(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos - 1) - 1
        return k >= 0 and self.spans[k][0] < pos <= self.spans[k][1]


def _boundary_after(text: str, i: int, stop: int, quotes: _QuoteIndex, abbreviations: frozenset[str]) -> int | None:
    """If the terminal mark at ``i`` ends a sentence, the index just after it (and any closing marks)."""
    if text[i] == "." and i > 0:
        word = _word_before(text, i)
        if word in abbreviations or (len(word) == 1 and word.isupper()):
            return None
    b = i + 1
    while b < stop and text[b] in _TERMINAL:
        b += 1
    while b < stop and (text[b] in _CLOSERS or text[b] in " \u00a0\u202f") and not (
            text[b] == '"' and b + 1 < stop and text[b + 1].isalnum()):
        b += 1
    while b > i + 1 and text[b - 1].isspace():
        b -= 1
    if quotes.inside(b - 1) and text[b - 1] not in _CLOSERS:
        return None  # a full stop inside a quote that goes on
    if b >= stop:
        return stop
    if not text[b].isspace():
        return None
    k = b
    while k < stop and text[k].isspace():
        k += 1
    nxt = text[k] if k < stop else ""
    if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or nxt in _DASHES):
        return None
    return b


def split_sentences(text: str, quoted: list[Quoted], lang: str) -> list[Sentence]:
    """Sentences of every paragraph of ``text``, in order."""
    quotes = _QuoteIndex(quoted)
    abbreviations = _abbreviations(lang)
    out: list[Sentence] = []
    for p, (start, stop) in enumerate(paragraphs(text)):
        s = start
        i = start
        while i < stop:
            if text[i] in _TERMINAL:
                b = _boundary_after(text, i, stop, quotes, abbreviations)
                if b is not None:
                    if b > s:
                        out.append(Sentence(s, b, p))
                    s = b
                    while s < stop and text[s].isspace():
                        s += 1
                    i = max(i + 1, s)
                    continue
            i += 1
        if s < stop:
            out.append(Sentence(s, stop, p))
    return out


class SentenceIndex:
    """Find the sentence holding a character position."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def at(self, pos: int) -> int | None:
        """Index of the last sentence starting at or before ``pos`` (the space after a sentence is its own)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return k if k >= 0 else None
