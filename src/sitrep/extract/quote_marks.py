"""The stretches of text between quotation marks, in every typographic convention.

Marks come from ``resources/common/quote_marks.tsv`` (« », “ ”, „ “, ‹ ›, straight
quotes, ‘ ’).  The scan keeps a stack, so a quote inside a quote is found with its
depth.  A quote never runs past the end of its paragraph unless the next paragraph
opens with a mark of the same kind (the convention for a statement quoted over
several paragraphs), and never past ``MAX_QUOTE_CHARS``: an unbalanced mark cannot
swallow the rest of a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_table

MAX_QUOTE_CHARS = 4000  # a quote cut at this length is marked open (no closing mark seen)
MAX_QUOTE_PARAGRAPHS = 8  # paragraphs one quote may run over, by the continuation convention
_SPACES = " \t\u00a0\u202f\u2009"


@dataclass(frozen=True, slots=True)
class Quoted:
    """Words between quotation marks: ``[start, end)`` excludes the marks and the spaces inside them."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark; None when cut at a paragraph end or the cap
    depth: int  # 0 for a quote in running text, 1 for a quote inside a quote...

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    @property
    def outer_end(self) -> int:
        """End of the quote including its closing mark (or where it was cut)."""
        return self.close_at + 1 if self.close_at is not None else self.end


@dataclass(frozen=True)
class _Marks:
    closers: dict[str, frozenset[str]]  # opening mark -> the marks that close it
    strict: frozenset[str]  # marks that double as apostrophes


@lru_cache(maxsize=1)
def _marks() -> _Marks:
    closers: dict[str, set[str]] = {}
    strict: set[str] = set()
    for row in load_table("common", "quote_marks"):
        closers.setdefault(row["open"], set()).add(row["close"])
        if row.get("strict") == "yes":
            strict.update((row["open"], row["close"]))
    return _Marks({k: frozenset(v) for k, v in closers.items()}, frozenset(strict))


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _SPACES or text[start] == "\n"):
        start += 1
    while end > start and (text[end - 1] in _SPACES or text[end - 1] == "\n"):
        end -= 1
    return start, end


class _Scanner:
    """One pass over the text; ``stack`` holds (opening mark, its index, paragraphs crossed)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks = _marks()
        self.stack: list[tuple[str, int, int]] = []
        self.found: list[Quoted] = []

    def emit(self, level: int, close_at: int | None, end: int) -> None:
        mark, open_at, _ = self.stack[level]
        start, stop = _strip(self.text, open_at + 1, end)
        if stop > start:
            self.found.append(Quoted(start, stop, open_at, close_at, level))

    def cut_from(self, level: int, end: int) -> None:
        """Quotes at ``level`` and deeper end here without a closing mark."""
        for lv in range(len(self.stack) - 1, level - 1, -1):
            self.emit(lv, None, end)
        del self.stack[level:]

    def closing_level(self, ch: str, i: int) -> int | None:
        """The stack level a mark at ``i`` closes, if it closes one."""
        text = self.text
        for lv in range(len(self.stack) - 1, -1, -1):
            opener = self.stack[lv][0]
            if ch not in self.marks.closers.get(opener, ()):
                continue
            if ch in self.marks.strict and i + 1 < len(text) and _is_word(text[i + 1]):
                return None  # "don’t": an apostrophe, not a closing mark
            if opener == ch and lv == len(self.stack) - 1 and i > 0 and text[i - 1] in _SPACES \
                    and i + 1 < len(text) and _is_word(text[i + 1]):
                return None  # a straight quote with a space before and a word after opens
            return lv
        return None

    def opens(self, ch: str, i: int) -> bool:
        if ch not in self.marks.closers:
            return False
        text = self.text
        after = text[i + 1] if i + 1 < len(text) else ""
        before = text[i - 1] if i > 0 else ""
        if ch in self.marks.strict:  # ‘ opens only before a word, after a space or a bracket
            return _is_word(after) and not _is_word(before)
        if ch == '"' and _is_word(before) and not _is_word(after):
            return False  # a stray closing straight quote
        return bool(after)

    def paragraph_break(self, i: int) -> int:
        """At a newline: carry an open quote into the next paragraph or cut it.  Returns the next index."""
        text = self.text
        j = i
        while j < len(text) and (text[j] == "\n" or text[j] in _SPACES):
            j += 1
        if self.stack:
            mark, open_at, crossed = self.stack[0]
            carries = (len(self.stack) == 1 and j < len(text) and text[j] == mark
                       and crossed + 1 < MAX_QUOTE_PARAGRAPHS and j - open_at < MAX_QUOTE_CHARS)
            if carries:
                self.stack[0] = (mark, open_at, crossed + 1)
                return j + 1  # the repeated opening mark continues the same quote
            self.cut_from(0, i)
        return j

    def run(self) -> list[Quoted]:
        text, i = self.text, 0
        while i < len(text):
            ch = text[i]
            if ch == "\n":
                i = self.paragraph_break(i)
                continue
            if self.stack and i - self.stack[0][1] > MAX_QUOTE_CHARS:
                self.cut_from(0, i)
            level = self.closing_level(ch, i) if self.stack else None
            if level is not None:
                self.cut_from(level + 1, i)  # inner quotes left open end with their outer one
                self.emit(level, i, i)
                del self.stack[level:]
            elif self.opens(ch, i):
                self.stack.append((ch, i, 0))
            i += 1
        if self.stack:
            self.cut_from(0, len(text))
        return sorted(self.found, key=lambda q: (q.open_at, q.depth))


def find_quoted(text: str) -> list[Quoted]:
    """Every stretch of ``text`` between quotation marks, outermost first at each position."""
    if not text:
        return []
    return _Scanner(text).run()
