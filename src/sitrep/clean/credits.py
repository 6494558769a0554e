"""Photo credits: "[GEORGE SMITH / AFP]" at the end of a caption, or "© Reuters" on its own line.

A credit names who took or distributed a picture.  It is kept in
``Article.credits`` and taken out of the text, since it is not part of what
the article says.  A bracket is a credit only when it looks like one: it
holds "©", starts with a credit cue ("Photo", "Crédit"), names a known
agency, or has the NAME / AGENCY shape; "[size=no report]" is not a credit.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon, fold, word_key
from .lines import has_letters, word_count

_TRAILING_BRACKET = re.compile(r"\s*(\[([^\[\]]{2,120})\]|\(([^()]{2,120})\))\s*$")
_TRAILING_COPYRIGHT = re.compile(r"\s*(©\s*[^©\n]{2,80})$")
_DATELINE = re.compile(r"^([^\W\d_][^()]{1,60}?),?\s*\(([^()]{2,30})\)\s*[-–—:]?$")
_SLASH_PARTS = re.compile(r"\s*/\s*")
# Most words a credit has ("AFP PHOTO / STR / JOHN SMITH" has five).
MAX_CREDIT_WORDS = 10


def looks_like_credit(content: str, lexicon: Lexicon, *, bracket: str = "[") -> bool:
    """Whether the text of a bracket (or a whole line) is a photo credit."""
    content = content.strip()
    if not content or not has_letters(content) or word_count(content) > MAX_CREDIT_WORDS:
        return False
    if "©" in content or _starts_with_cue(content, lexicon):
        return True
    if _names_agency(content, lexicon):
        # "(AFP)" at the end of a sentence is a source, not a picture's credit; square
        # brackets, or an agency after a slash, are the caption habit.
        return bracket == "[" or "/" in content
    parts = [p for p in _SLASH_PARTS.split(content) if p]
    return len(parts) >= 2 and all(_is_name_like(p) for p in parts)


def split_credit(line: str, lexicon: Lexicon) -> tuple[str, str | None]:
    """``(caption, credit)`` when the line ends with a credit, else ``(line, None)``."""
    match = _TRAILING_BRACKET.search(line)
    if match:
        content = match.group(2) if match.group(2) is not None else match.group(3)
        bracket = "[" if match.group(2) is not None else "("
        if looks_like_credit(content, lexicon, bracket=bracket):
            return line[: match.start()].rstrip(), content.strip()
    match = _TRAILING_COPYRIGHT.search(line)
    if match and looks_like_credit(match.group(1), lexicon):
        return line[: match.start()].rstrip(), match.group(1).strip()
    return line, None


def credit_line(line: str, lexicon: Lexicon) -> str | None:
    """The credit, when the whole line is one ("© AFP", "Photo : Reuters", "[JOHN SMITH / AP]")."""
    stripped = line.strip()
    if stripped[:1] in "[(" and stripped[-1:] in "])":
        stripped = stripped[1:-1].strip()
    if looks_like_credit(stripped, lexicon, bracket="[") and _is_credit_shaped(stripped, lexicon):
        return stripped
    return None


def is_dateline(line: str, lexicon: Lexicon) -> bool:
    """A dateline on its own line: a place, then the agency or outlet ("Washington (CNN)", "PARIS (AFP) -")."""
    match = _DATELINE.match(line.strip())
    if not match or word_count(match.group(1)) > 5:
        return False
    source = match.group(2).strip()
    return _names_agency(source, lexicon) or (source.isupper() and word_count(source) <= 2)


def _is_credit_shaped(text: str, lexicon: Lexicon) -> bool:
    # A whole line is a credit only with a clear mark: © or a cue, or the NAME / AGENCY
    # form, or nothing but an agency name; "AFP reported on Monday" is a sentence.
    if "©" in text or _starts_with_cue(text, lexicon) or "/" in text:
        return True
    return word_key(text) in lexicon.agencies


def _starts_with_cue(text: str, lexicon: Lexicon) -> bool:
    """"Photo : AFP", "Crédit photo : Jean Dupont / Le Monde"; not "Photo prise le 8 mai"."""
    key = fold(text)
    tokens = text.split()
    for cue in lexicon.credit_cues:
        if key == cue or not key.startswith(cue) or key[len(cue)] not in ": \u00a0":
            continue
        rest = " ".join(tokens[len(cue.split()) :]).lstrip(" :")
        if rest and word_count(rest) <= 6 and all(_is_name_like(p) for p in _SLASH_PARTS.split(rest) if p):
            return True
    return False


def _names_agency(text: str, lexicon: Lexicon) -> bool:
    key = word_key(text)
    return any(agency in key for agency in lexicon.agencies)


def _is_name_like(part: str) -> bool:
    """A person's or agency's name: one to five words, each starting with a capital."""
    tokens = part.split()
    return 0 < len(tokens) <= 5 and all(t[:1].isupper() or not t[:1].isalpha() for t in tokens)
