"""Numbers written in digits or in words, French and English.

Shared by the time tagger ("trois semaines") and the quantity tagger
("8.000 personnes", "1,5 million", "des dizaines de milliers").  The words
come from ``resources/<lang>/number_words.tsv``; this module only knows how
numbers are put together.

Digit groups differ by language: French writes ``8.000`` or ``8 000`` for
eight thousand and ``1,5`` for one and a half; English writes ``8,000`` and
``1.5``.  A separator followed by exactly three digits is read as a
thousands separator, anything else as a decimal mark (in the language's
convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_table

# Spaces that may group thousands: ordinary, no-break and narrow no-break.
_GROUP_SPACES = " \u00a0\u202f"
# Numbers above this are refused: a figure that large in news is a misreading.
MAX_VALUE = 1e15


@dataclass(frozen=True)
class NumberWord:
    value: float
    kind: str  # unit | hundred | scale | approx | approx_plural
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class NumberWords:
    """The number words of one language, and a regex over sequences of them."""

    words: dict[str, NumberWord]
    joiners: tuple[str, ...]  # words that may join two number words ("et", "and")

    def get(self, word: str) -> NumberWord | None:
        return self.words.get(norm_word(word))


def norm_word(word: str) -> str:
    return word.lower().replace("’", "'").strip()


def _alternation(words: list[str]) -> str:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace("'", "['’]") for w in ordered)


@lru_cache(maxsize=4)
def number_words(lang: str) -> NumberWords:
    words: dict[str, NumberWord] = {}
    for row in load_table(lang, "number_words"):
        low = float(row["low"]) if row.get("low") else None
        high = float(row["high"]) if row.get("high") else None
        words[norm_word(row["word"])] = NumberWord(float(row["value"]), row["kind"], low, high)
    joiners = ("et",) if lang == "fr" else ("and",)
    return NumberWords(words, joiners)


@lru_cache(maxsize=4)
def digits_pattern(lang: str) -> str:
    """Regex source for a number in digits, with the language's grouping and decimal marks."""
    if lang == "fr":
        group = r"[.\u00a0\u202f ]"
        decimal = r","
    else:
        group = r"[,\u00a0\u202f ]"
        decimal = r"\."
    return rf"(?:\d{{1,3}}(?:{group}\d{{3}})+(?!\d)(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?)"


@lru_cache(maxsize=4)
def words_pattern(lang: str, kinds: tuple[str, ...] = ("unit", "hundred", "scale")) -> str:
    """Regex source for a run of number words ("vingt-trois", "two hundred and five")."""
    nw = number_words(lang)
    alt = _alternation([w for w, v in nw.words.items() if v.kind in kinds])
    joiner = "|".join(nw.joiners)
    # "et"/"and" only joins before a unit word ("vingt et un", "hundred and five").
    sep = rf"(?:-|[^\S\n]+)(?:(?:{joiner})(?:-|[^\S\n]+))?"
    return rf"(?:{alt})(?:{sep}(?:{alt}))*"


def parse_digits(text: str, lang: str) -> float | None:
    """``"8.000"`` -> 8000.0 (fr), ``"8,000"`` -> 8000.0 (en), ``"1,5"`` -> 1.5 (fr)."""
    s = text.strip()
    for sp in _GROUP_SPACES:
        s = s.replace(sp, "")
    group, decimal = (".", ",") if lang == "fr" else (",", ".")
    if group in s:
        parts = s.split(group)
        # "8.000" is eight thousand only when every group after the first has three digits.
        tail = parts[-1].split(decimal)[0]
        if all(len(p) == 3 for p in parts[1:-1]) and len(tail) == 3:
            s = s.replace(group, "")
        elif lang == "fr" and s.count(".") == 1:
            pass  # "1.5" in a French text written the English way
        else:
            return None
    s = s.replace(decimal, ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if value <= MAX_VALUE else None


def parse_words(text: str, lang: str) -> float | None:
    """``"quatre-vingt-dix"`` -> 90.0, ``"two hundred and five"`` -> 205.0; None if not a number."""
    nw = number_words(lang)
    tokens = [t for t in re.split(r"[\s\-]+", norm_word(text)) if t and t not in nw.joiners]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for tok in tokens:
        word = nw.words.get(tok)
        if word is None:
            return None
        seen = True
        if word.kind == "article":
            if current or total:
                return None
            current = 1  # "a hundred", "a thousand"
        elif word.kind == "unit":
            if word.value == 20 and current % 100 == 4:  # "quatre-vingt(s)" is 4 x 20
                current = current - 4 + 80
            else:
                current += word.value
        elif word.kind == "hundred":
            current = max(current, 1) * word.value
        elif word.kind == "scale":
            total += max(current, 1) * word.value
            current = 0
        else:
            return None
    value = total + current
    return value if seen and value <= MAX_VALUE else None


def parse_number(text: str, lang: str) -> float | None:
    """A number in digits or words, optionally followed by a scale word ("1,5 million")."""
    s = norm_word(text)
    m = re.fullmatch(rf"({digits_pattern(lang)})(?:[^\S\n]+(.+))?", s)
    if m:
        value = parse_digits(m.group(1), lang)
        if value is None or m.group(2) is None:
            return value
        scale = number_words(lang).get(m.group(2))
        if scale is None or scale.kind not in ("scale", "hundred"):
            return None
        value *= scale.value
        return value if value <= MAX_VALUE else None
    return parse_words(s, lang)
