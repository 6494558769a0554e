"""The time tagger's language data: word tables and compiled patterns, per language.

Everything language-specific lives in ``resources/<lang>/``: month and weekday
names, parts of the day, seasons, units, fixed words ("hier", "désormais"),
shift words ("dernier", "prochain"), and the patterns themselves
(``timex_rules.tsv``).  This module loads them once and fills the
placeholders (``{MONTH}``...) of the patterns with the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from ..errors import ResourceError
from ..resources import load_column, load_table
from .numbers import digits_pattern, norm_word, words_pattern
from .timex_anchors import anchors

SUPPORTED = ("fr", "en")
T = TypeVar("T")
_SPACE = r"[^\S\n]+"
_OPT_SPACE = r"[^\S\n]*"
_APOSTROPHE = "['’]"


@dataclass(frozen=True)
class TimeWord:
    kind: str  # day | ref | duration | set | clock | same | next_day | prev_day
    value: str
    part: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    anchors: frozenset[str] | None = None  # strings every match contains one of (timex_anchors); None: unknown


@dataclass
class TimexLexicon:
    lang: str
    months: dict[str, int] = field(default_factory=dict)
    ambiguous_months: set[str] = field(default_factory=set)
    strict_months: set[str] = field(default_factory=set)
    month_cues: set[str] = field(default_factory=set)
    weekdays: dict[str, int] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    ambiguous_seasons: set[str] = field(default_factory=set)
    units: dict[str, tuple[str, float]] = field(default_factory=dict)
    words: dict[str, TimeWord] = field(default_factory=dict)
    shifts: dict[str, str] = field(default_factory=dict)
    duration_modifiers: set[str] = field(default_factory=set)
    tense_verbs: dict[str, str] = field(default_factory=dict)
    tense_preps: dict[str, str] = field(default_factory=dict)
    future_stems: dict[str, str] = field(default_factory=dict)
    age_cues: set[str] = field(default_factory=set)
    duration_nouns: set[str] = field(default_factory=set)
    exclusions: tuple[str, ...] = ()
    holidays: dict[str, str] = field(default_factory=dict)
    holiday_names: dict[str, str] = field(default_factory=dict)  # key -> the name as the table writes it
    rules: tuple[Rule, ...] = ()

    def lookup(self, table: Mapping[str, T], text: str) -> T | None:
        key = _key(text)
        if key in table:
            return table[key]
        return table.get(key.rstrip("."))


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", norm_word(text))


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, apostrophes and spaces made flexible."""
    items = sorted({str(w) for w in words if w}, key=len, reverse=True)
    out = []
    for w in items:
        esc = re.escape(w).replace("\\ ", " ").replace("'", "'").replace("’", "'")
        esc = esc.replace("'", _APOSTROPHE).replace(" ", _SPACE)
        out.append(esc)
    return "(?:" + "|".join(out) + ")"


def _day_pattern(lang: str) -> str:
    if lang == "fr":
        return r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])"
    return r"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)"


def _fill(pattern: str, slots: dict[str, str]) -> str:
    """Expand the conventions of timex_rules.tsv into a Python regex."""
    out = pattern.replace("'", _APOSTROPHE)
    # Spaces first: the slot fillers contain their own space patterns.
    out = out.replace(" ", _SPACE).replace("{_}", _OPT_SPACE)
    for name, regex in slots.items():
        out = out.replace("{" + name + "}", regex)
    leftover = re.search(r"\{[A-Z_]+\}", out)
    if leftover:
        raise ResourceError(f"timex rule uses unknown placeholder {leftover.group(0)}")
    return out


def _table_dict(lang: str, name: str, key: str, value: str) -> dict[str, str]:
    return {_key(r[key]): r[value] for r in load_table(lang, name) if r.get(key)}


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> TimexLexicon:
    """The time tagger's data for ``lang`` ("fr" or "en")."""
    if lang not in SUPPORTED:
        raise ResourceError(f"no time-expression resources for language {lang!r}")
    lex = TimexLexicon(lang)
    for r in load_table(lang, "months"):
        lex.months[_key(r["name"])] = int(r["month"])
        if r.get("ambiguous") == "yes":
            lex.ambiguous_months.add(_key(r["name"]))
        elif r.get("ambiguous") == "strict":
            lex.strict_months.add(_key(r["name"]))
    lex.month_cues = {_key(w) for w in load_column(lang, "month_cues")}
    lex.weekdays = {k: int(v) for k, v in _table_dict(lang, "weekdays", "name", "weekday").items()}
    lex.parts = _table_dict(lang, "day_parts", "name", "code")
    for r in load_table(lang, "seasons"):
        lex.seasons[_key(r["name"])] = r["code"]
        if r.get("ambiguous") == "yes":
            lex.ambiguous_seasons.add(_key(r["name"]))
    for r in load_table(lang, "time_units"):
        lex.units[_key(r["name"])] = (r["unit"], float(r.get("factor") or 1))
    for r in load_table(lang, "time_words"):
        lex.words[_key(r["phrase"])] = TimeWord(r["kind"], r.get("value", ""), r.get("part") or None)
    lex.shifts = _table_dict(lang, "time_shifts", "word", "shift")
    lex.duration_modifiers = {_key(w) for w in load_column(lang, "duration_modifiers")}
    for r in load_table(lang, "tense_cues"):
        target = lex.tense_verbs if r["kind"] == "verb" else lex.tense_preps
        target[_key(r["word"])] = r["direction"]
    if lang == "fr":
        lex.future_stems = _table_dict(lang, "future_stems", "lemma", "stem")
    for r in load_table(lang, "age_cues"):
        (lex.age_cues if r["kind"] == "age" else lex.duration_nouns).add(_key(r["word"]))
    lex.exclusions = tuple(_key(w) for w in load_column(lang, "timex_exclusions"))
    for r in load_table(lang, "holidays"):
        lex.holidays[_key(r["name"])] = r["date"]
        lex.holiday_names[_key(r["name"])] = r["name"]
    lex.rules = _compile_rules(lang, lex)
    return lex


def _slots(lang: str, lex: TimexLexicon) -> dict[str, str]:
    num = f"(?:{digits_pattern(lang)}|{words_pattern(lang)})"
    return {
        "MONTH": _alt(lex.months),
        "WEEKDAY": _alt(lex.weekdays),
        "PART": _alt(lex.parts),
        "SEASON": _alt(lex.seasons),
        "SEASON_PLAIN": _alt(set(lex.seasons) - lex.ambiguous_seasons),
        "UNIT": _alt(lex.units),
        "NUM": num,
        "DAY": _day_pattern(lang),
        "YEAR": r"(?:1[0-9]|20)\d{2}",
        "SHIFT": _alt(w for w, s in lex.shifts.items() if s in ("last", "next")),
        "THIS": _alt(w for w, s in lex.shifts.items() if s == "this"),
        "PERIOD": _alt(w for w, s in lex.shifts.items() if s in ("begin", "mid", "end")),
        "DAYWORD": _alt(w for w, tw in lex.words.items() if tw.kind == "day"),
        "WORD": _alt(w for w, tw in lex.words.items() if tw.kind not in ("day", "clock")),
        "HOLIDAY": _alt(lex.holidays),
        "DURMOD": _alt(lex.duration_modifiers),
    }


def _compile_rules(lang: str, lex: TimexLexicon) -> tuple[Rule, ...]:
    slots = _slots(lang, lex)
    rules = []
    for row in load_table(lang, "timex_rules"):
        source = _fill(row["pattern"], slots)
        try:
            regex = re.compile(rf"(?<!\w){source}(?!\w)", re.IGNORECASE)
        except re.error as exc:
            raise ResourceError(f"{lang}/timex_rules.tsv rule {row['rule']!r} is not a valid pattern: {exc}") from exc
        rules.append(Rule(row["rule"], row["kind"], regex, anchors(regex)))
    return tuple(rules)
