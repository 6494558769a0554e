"""Find counts in a text and read their value, bounds and range (before head nouns and roles).

What counts as a count, French and English:

- digits in the language's format ("8.000", "8 000", "8,000", "1,5 million");
- number words ("trois", "vingt-deux", "two hundred");
- round count nouns ("une soixantaine" = about 60, "a dozen");
- indefinite plurals ("des milliers" = 2,000 to 9,999, "des dizaines de milliers" = 20,000 to 99,999,
  "tens of thousands"): ``value`` is the low end, ``low``/``high`` the range, ``approximate`` true;
- bounds before the number ("au moins 156" -> low 156, "moins de 20" -> high 20, "environ 300" approximate);
- ranges ("entre 10 et 20", "10 à 20", "10-20", "between 10 and 20"): value = low;
- a percent sign or word after the number ("15%", "85 %", "15 pour cent").

Time expressions are blanked out first, so years, dates, clock times and
durations are never read as counts.  The words live in
``resources/<lang>/number_words.tsv``, ``quantity_modifiers.tsv`` and
``quantity_units.tsv`` (the percent rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_column, load_table
from .numbers import MAX_VALUE, digits_pattern, norm_word, number_words, parse_number, words_pattern

_S = r"[^\S\n]+"
_OPT = r"[^\S\n]*"
_APOS = "['’]"
_WEAK = {"un", "une", "a", "an"}  # an article as often as a number: kept only with a casualty word
_DE = {"fr": rf"(?:de{_S}|d{_APOS})", "en": rf"(?:of{_S})"}
_PLURAL_DET = {"fr": r"des|plusieurs|quelques|de|d['’]", "en": r"many|several|some|a few"}
_ONE_ART = {"fr": r"une|un", "en": r"an|a"}
_RANGE_PREFIX: dict[str, dict[str, tuple[str, ...]]] = {"fr": {"entre": ("et",), "de": ("à", "a"), "d'": ("à",)},
                 "en": {"between": ("and",), "from": ("to",)}}
_RANGE_BARE = {"fr": r"à|-|–|ou", "en": r"to|-|–|or"}


@dataclass
class Count:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None  # percent or money when the number says so itself
    weak: bool = False  # "un", "une", "no": kept only when a casualty word goes with it
    is_range: bool = False


def _alt(words: Iterable[str]) -> str:
    items = sorted({str(w) for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace("\\ ", " ").replace(" ", _S).replace("'", _APOS)
                             for w in items) + ")"


@lru_cache(maxsize=4)
def modifiers(lang: str) -> dict[str, str]:
    return {norm_word(r["phrase"]): r["bound"] for r in load_table(lang, "quantity_modifiers")}


@lru_cache(maxsize=4)
def exclusion_words(lang: str) -> frozenset[str]:
    return frozenset(norm_word(w) for w in load_column(lang, "quantity_exclusions"))


@lru_cache(maxsize=4)
def count_regex(lang: str) -> re.Pattern[str]:
    nw = number_words(lang).words
    digits = digits_pattern(lang)
    words = words_pattern(lang)
    scale = _alt(w for w, v in nw.items() if v.kind in ("scale", "hundred"))
    approx = _alt(w for w, v in nw.items() if v.kind == "approx")
    plural = _alt(w for w, v in nw.items() if v.kind == "approx_plural")
    weak = _alt(w for w, v in nw.items() if v.kind in ("zero", "article"))
    article = _alt(w for w, v in nw.items() if v.kind == "article") if any(
        v.kind == "article" for v in nw.values()) else None
    percent = _alt(r["noun"] for r in load_table(lang, "quantity_units") if r["unit"] == "percent")
    mod = _alt(modifiers(lang))
    de = _DE[lang]
    lead = rf"(?:{article}{_S}(?={scale}))?" if article else ""
    number = rf"(?:{digits}(?:{_S}{scale}(?!\w))?|{lead}{words})"
    core = (rf"(?:(?P<approx>(?:(?:{_ONE_ART[lang]}){_S})?{approx})(?:{_S}{de}(?P<approx_scale>{plural}))?"
            rf"|(?P<plural>(?:(?:{_PLURAL_DET[lang]}){_OPT})?{plural})(?:{_S}{de}(?P<plural_scale>{plural}))?"
            rf"|(?P<num>{number})"
            rf"|(?P<zero>{weak})(?={_S}\w))")
    source = (rf"(?<![\w.,])(?:(?P<cur>[$€£]){_OPT})?(?:(?P<mod>{mod}){_S})?"
              rf"(?:(?P<prefix>{'|'.join(_RANGE_PREFIX[lang])}){_S})?"
              rf"{core}"
              rf"(?:{_OPT}(?P<sep>{_RANGE_BARE[lang]}|et|and){_OPT}(?P<num2>{number}))?"
              rf"(?:{_OPT}(?P<pct>{percent}))?(?![\w])")
    return re.compile(source, re.IGNORECASE)


def _scale_of(text: str, lang: str) -> float:
    last = norm_word(text).split()[-1] if text.split() else ""
    word = number_words(lang).get(last)
    return word.value if word is not None and word.kind in ("scale",) else 1.0


def _plural_range(m: re.Match[str], lang: str) -> tuple[float, float] | None:
    nw = number_words(lang)
    head = nw.get(re.split(r"[\s'’]+", m.group("plural").strip())[-1])
    if head is None or head.low is None or head.high is None:
        return None
    low, high = head.low, head.high
    if m.group("plural_scale"):
        scale = nw.get(m.group("plural_scale"))
        if scale is None:
            return None
        low, high = low * scale.value, (high + 1) * scale.value - 1
    return low, high


def _read(m: re.Match[str], lang: str) -> Count | None:
    """The Count a match stands for, or None when it is not one after all."""
    nw = number_words(lang)
    start, end = m.span()
    if m.group("prefix") and not m.group("sep"):
        start = m.start("prefix") + len(m.group("prefix"))  # "de 300 personnes": "de" is no range
        start += len(m.string[start:]) - len(m.string[start:].lstrip())
    count = Count(start, end, None)
    if m.group("approx"):
        word = nw.get(re.split(r"\s+", m.group("approx").strip())[-1])
        if word is None:
            return None
        scale = nw.get(m.group("approx_scale")) if m.group("approx_scale") else None
        count.value = word.value * (scale.value if scale else 1)
        count.approximate = True
    elif m.group("plural"):
        rng = _plural_range(m, lang)
        if rng is None:
            return None
        count.low, count.high = rng
        count.value = count.low
        count.approximate = True
    elif m.group("zero"):
        word = nw.get(m.group("zero"))
        count.value, count.weak = (word.value if word else 0.0), True
    else:
        text = m.group("num")
        count.value = parse_number(text, lang)
        count.weak = norm_word(text) in _WEAK
    if count.value is None or count.value > MAX_VALUE:
        return None
    if not _apply_range(m, count, lang):
        return None
    _apply_modifier(m, count, lang)
    if m.group("pct"):
        count.unit = "percent"
    elif m.group("cur"):
        count.unit = "money"
    return count


def _apply_range(m: re.Match[str], count: Count, lang: str) -> bool:
    """Fill low/high for "entre 10 et 20", "10 à 20"; False when the match is no count at all."""
    sep, num2 = m.group("sep"), m.group("num2")
    prefix = norm_word(m.group("prefix") or "")
    if not sep:
        return True
    allowed = _RANGE_PREFIX[lang].get(prefix)
    sep_key = norm_word(sep)
    if allowed is not None and sep_key not in allowed:
        return False
    if allowed is None and sep_key in ("et", "and"):
        return False  # "10 et 20" alone is two counts, not a range
    second = parse_number(num2, lang)
    if second is None or count.value is None or m.group("approx") or m.group("plural"):
        return False
    first = count.value
    scale = _scale_of(num2, lang)
    if scale > 1 and _scale_of(m.group("num") or "", lang) == 1:
        first *= scale  # "2 à 3 millions": the scale applies to both
    groups = len(re.findall(r"[.,\u00a0\u202f ]\d{3}(?!\d)", num2)) if num2[:1].isdigit() else 0
    if groups and first < 1000 and second / 10 <= first * 1000**groups <= second:
        first *= 1000**groups  # "10 à 15.000 enfants": 10,000 to 15,000
    count.low, count.high = sorted((first, second))
    count.value, count.approximate, count.is_range = count.low, True, True
    return True


def _apply_modifier(m: re.Match[str], count: Count, lang: str) -> None:
    if not m.group("mod"):
        return
    bound = modifiers(lang).get(norm_word(re.sub(r"\s+", " ", m.group("mod"))))
    if bound == "min":
        count.low = count.low if count.low is not None else count.value
    elif bound == "max":
        count.high = count.high if count.high is not None else count.value
    elif bound == "about":
        count.approximate = True


def _excluded_before(text: str, start: int, lang: str) -> bool:
    """ "page 12", "article 49", "COVID-19", "A10": identifiers, not counts."""
    before = text[max(0, start - 25) : start]
    if re.search(r"[A-Za-zÀ-ÿ]-?$", before):
        return True
    words = re.findall(r"[\w°.]+", before)  # "l'article" -> "article"
    return bool(words) and norm_word(words[-1]) in exclusion_words(lang)


def find_counts(text: str, lang: str, blanked: Sequence[tuple[int, int]] = ()) -> list[Count]:
    """Every count in ``text``; the spans in ``blanked`` (time expressions) are never read."""
    masked = list(text)
    for s, e in blanked:
        for i in range(s, min(e, len(masked))):
            if not masked[i].isspace():
                masked[i] = "¤"
    masked_text = "".join(masked)
    counts = []
    for m in count_regex(lang).finditer(masked_text):
        if not m.group(0).strip() or "¤" in m.group(0):
            continue
        count = _read(m, lang)
        if count is None or _excluded_before(masked_text, m.start(), lang):
            continue
        counts.append(count)
    return counts
