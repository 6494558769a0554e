"""Lines of a text page and their shape: the signals the cleaner reads.

A page captured as text keeps one paragraph, heading or menu item per line.
What tells them apart without knowing the site is the shape of the line:
its length, whether it ends like a sentence, whether it is made of letters
at all.  These functions measure that and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Closing marks that may follow the final punctuation of a sentence.
_CLOSERS = "\"'»”’)]* \u00a0\t"
_SENTENCE_END = (".", "!", "?", "…", ";")
# A sentence boundary inside a line: a lowercase word of two letters or more (not an
# initial like "M." or "U.S."), final punctuation, then a capital or an opening quote.
_INNER_BOUNDARY = re.compile(r"[^\W\d_A-ZÀ-Ý]{2}[.!?…][\"»”’)]?\s+(?:[«\"“‘(]\s?)?[A-ZÀ-Ý0-9]")
# "© 2021 Le Journal", "Copyright 2019 Valley Courier. All rights reserved."
_COPYRIGHT_NOTICE = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d\b", re.IGNORECASE)
# Numeric dates and clock times: "09/12/2016", "2016-12-09", "10:23", "10h23".
_DATE_OR_TIME = re.compile(r"\b(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[:h]\d{2})\b")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w-]+\.[\w.]+\b|\b[\w-]+\.(?:com|org|net|fr|co\.uk)/\S*")
_BREADCRUMB_SEP = re.compile(r"\s+(?:>|›|»|\||/|•|·|→)\s+")

# A line of at least this many words is a paragraph whatever its ending.
LONG_LINE_WORDS = 30
# Most words a heading (title, subheading, headline in a list) has.
HEADING_MAX_WORDS = 25


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line (or several wrapped lines) of the page, by its place in the page text."""

    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str
    blank_before: bool = False  # a blank line (or the page start) precedes it


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line ends become ``\\n`` (the only change made to the words' text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``; a line wrapped inside a sentence is joined to its start.

    A hard-wrapped paragraph ("...the army\\nsaid on Monday") is one block: the
    next line continues the previous one when the previous does not end a
    sentence and the next starts in lower case.
    """
    lines: list[Line] = []
    offset = 0
    blank = True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = True
            offset += len(raw) + 1
            continue
        start = offset + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        prev = lines[-1] if lines else None
        if prev is not None and not blank and _continues(prev.text, stripped):
            lines[-1] = Line(prev.start, end, text[prev.start : end], prev.blank_before)
        else:
            lines.append(Line(start, end, stripped, blank))
        blank = False
        offset += len(raw) + 1
    return lines


def _continues(previous: str, line: str) -> bool:
    if not line[0].islower():
        return False
    tail = previous.rstrip(_CLOSERS)
    return bool(tail) and not tail.endswith((*_SENTENCE_END, ":")) and word_count(previous) >= 6


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def has_letters(text: str) -> bool:
    return _LETTER.search(text) is not None


def ends_like_sentence(text: str) -> bool:
    """The line ends with final punctuation, perhaps followed by closing quotes or brackets."""
    tail = text.rstrip(_CLOSERS)
    return tail.endswith(_SENTENCE_END) or (tail.endswith(":") and word_count(text) >= 4)


def is_sentence_like(text: str) -> bool:
    """A paragraph of running text, as opposed to a title, heading or menu item.

    Long lines are paragraphs; so are lines that end with a full stop, or that
    hold a sentence boundary inside.  A short line ending with "?" or "!" may
    be a headline ("Alep va-t-elle tomber ?"), so only a full stop or several
    sentences make a short line a paragraph.
    """
    n = word_count(text)
    if n >= LONG_LINE_WORDS:
        return True
    if _INNER_BOUNDARY.search(text):
        return True
    tail = text.rstrip(_CLOSERS)
    if tail.endswith(("?", "!")):
        return n > HEADING_MAX_WORDS // 2 and not tail.endswith(("?!", "!?"))
    return ends_like_sentence(text)


def is_heading_like(text: str) -> bool:
    """A title, subheading or headline: short, with letters, not running text."""
    return has_letters(text) and word_count(text) <= HEADING_MAX_WORDS and not is_sentence_like(text)


def is_substantial_heading(text: str) -> bool:
    """Heading-like and long enough to be an article title rather than a menu item."""
    n = word_count(text)
    return is_heading_like(text) and (n >= 4 or (n >= 3 and len(text) >= 20))


def is_date_stamp(text: str) -> bool:
    """A short line that gives a publication date or time ("Publié le 09/12/2016 à 10h23")."""
    return word_count(text) <= 10 and _DATE_OR_TIME.search(text) is not None and not is_sentence_like(text)


def is_breadcrumb(text: str) -> bool:
    """A navigation trail: several short parts joined by > › / | • ("Accueil > Monde > Syrie")."""
    if text.startswith("|") or text.endswith("|"):
        return False  # a table row
    parts = _BREADCRUMB_SEP.split(text)
    return len(parts) >= 3 and all(0 < word_count(p) <= 4 for p in parts) and not is_sentence_like(text)


def is_link_only(text: str) -> bool:
    """A web address or e-mail, perhaps after a short label ("Listen: http://...", "jdoe@news.com")."""
    if not _LINK.search(text):
        return False
    return word_count(_LINK.sub(" ", text)) <= 2


def is_copyright_notice(text: str) -> bool:
    """The site's copyright line ("© 2021 Le Journal. Tous droits réservés."), not a photo credit."""
    return word_count(text) <= 20 and _COPYRIGHT_NOTICE.search(text.strip()) is not None
