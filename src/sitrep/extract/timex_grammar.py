"""Find time expressions in a text and read what each one says (before resolution).

The patterns come from ``resources/<lang>/timex_rules.tsv``; each match is
read into a ``TimeSpec`` from its named groups (day, month, weekday, unit...),
checked against the few things a pattern cannot see (an age is not a
duration, "Mars" alone is a planet, "l'année" alone is no date), and
overlapping matches are settled by keeping the longest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import parse_number
from .timex_anchors import folded, may_match
from .timex_lexicon import Rule, TimeWord, TimexLexicon, _key


@dataclass
class TimeSpec:
    """What a time expression says, in calendar terms, before it is anchored."""

    kind: str  # date | time | duration | set | ref | ago | later | now | same | next_day | prev_day
    year: int | None = None
    two_digit_year: bool = False
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str | None = None
    hour: int | None = None
    minute: int | None = None
    season: str | None = None
    decade: str | None = None  # "196" for the 1960s
    offset: int | None = None  # days from the anchor ("hier" = -1)
    unit: str | None = None  # Y M W D H MIN S DE CE WE
    amount: float | None = None  # None: an unspecified amount ("quelques jours")
    shift: str | None = None  # last | next | this
    period: str | None = None  # begin | mid | end
    value: str | None = None  # a fixed TIMEX3 value (PRESENT_REF, P5Y...)
    century: str | None = None  # "19" for the 20th century
    easter_offset: int | None = None  # days from Easter Sunday (Pentecôte = 49)
    generic: bool = False  # "le mercredi": every Wednesday
    has_day_word: bool = False  # "aujourd'hui": a date or PRESENT_REF, by tense


@dataclass
class Mention:
    start: int
    end: int
    rule: str
    spec: TimeSpec


_VAGUE = {"quelques", "plusieurs", "des", "several", "a few", "a couple of", "few"}


def _group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _day_number(text: str) -> int | None:
    t = text.lower()
    if t.startswith(("1er", "1re", "premier", "first")):
        return 1
    digits = re.match(r"\d+", t)
    return int(digits.group(0)) if digits else None


def _read_amount(text: str | None, lex: TimexLexicon) -> tuple[bool, float | None]:
    """(ok, amount): amount None stands for an unspecified number ("quelques")."""
    if text is None:
        return True, 1.0
    key = _key(text)
    if key in _VAGUE:
        return True, None
    value = parse_number(key, lex.lang)
    if value is None and key in ("a", "an"):
        value = 1.0
    return value is not None, value


def _shift_of(word: str | None, lex: TimexLexicon) -> str | None:
    if not word:
        return None
    shift = lex.lookup(lex.shifts, word)
    return str(shift) if shift else None


def read_spec(m: re.Match[str], rule: Rule, lex: TimexLexicon) -> TimeSpec | None:
    """The TimeSpec a match stands for, or None when the match is not a time expression after all."""
    g = lambda name: _group(m, name)  # noqa: E731 - a short reader for the named groups
    kind = rule.kind
    spec = TimeSpec("date" if kind in ("date", "time") else kind)
    if g("word"):
        tw = lex.lookup(lex.words, g("word") or "")
        if not isinstance(tw, TimeWord):
            return None
        return _spec_from_word(tw)
    if g("dayword"):
        tw = lex.lookup(lex.words, g("dayword") or "")
        if not isinstance(tw, TimeWord):
            return None
        if tw.part and g("hour"):
            return None  # "ce soir à 00 h 10" is two expressions, as in FR-TimeBank
        spec.offset = int(tw.value or 0)
        spec.part = tw.part
        spec.has_day_word = spec.offset == 0 and tw.part is None
    if g("day"):
        spec.day = _day_number(g("day") or "")
    if g("month"):
        month_text = g("month") or ""
        spec.month = int(month_text) if month_text.isdigit() else lex.lookup(lex.months, month_text)
        if spec.month is None:
            return None
    if spec.month is not None and spec.month > 12 and spec.day is not None and spec.day <= 12:
        spec.month, spec.day = spec.day, spec.month  # "15/12/2016" read month-first is day-first
    if g("year"):
        year_text = (g("year") or "").lstrip("'’")
        spec.year = int(year_text)
        spec.two_digit_year = len(year_text) == 2
    if g("wd"):
        spec.weekday = lex.lookup(lex.weekdays, g("wd") or "")
    if g("part"):
        spec.part = lex.lookup(lex.parts, g("part") or "")
    if g("season"):
        spec.season = lex.lookup(lex.seasons, g("season") or "")
    if g("decade"):
        d = g("decade") or ""
        spec.decade = d[:3] if len(d) == 4 else "19" + d[0]
    if g("century"):
        spec.century = _century(g("century") or "")
        if spec.century is None:
            return None
    if g("holiday") and not _holiday(spec, m, lex):
        return None
    if g("hour"):
        spec.hour = int(g("hour") or 0)
        spec.minute = int(g("minute") or 0)
        ampm = (g("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and spec.hour < 12:
            spec.hour += 12
        elif ampm == "am" and spec.hour == 12:
            spec.hour = 0
    if g("unit"):
        unit = lex.lookup(lex.units, g("unit") or "")
        if not isinstance(unit, tuple):
            return None
        spec.unit = unit[0]
        ok, amount = _read_amount(g("num"), lex)
        if not ok:
            return None
        spec.amount = None if amount is None else amount * unit[1]
        if g("mod") and kind == "duration":
            spec.value = "modified"  # a bounded amount ("plus de vingt ans"): the value stays P20Y
        if g("half") and spec.amount is not None:
            spec.amount += 0.5 * unit[1]
    spec.shift = _shift_of(g("shift"), lex)
    spec.period = _shift_of(g("period"), lex)
    art = _key(g("art") or "")
    if _shift_of(art, lex) in ("last", "next", "this"):
        spec.shift = spec.shift or _shift_of(art, lex)  # "this year", "next week", "cette année"
    if rule.name.startswith("relunit") and spec.shift is None:
        return None  # "l'année" alone is no date
    if rule.name.startswith("relunit") and spec.unit in ("D", "H", "MIN", "S"):
        return None
    if spec.weekday is not None and spec.day is None and art in ("le", "les") and not spec.shift:
        spec.generic = True  # "le mercredi": every Wednesday
    if kind == "set" and spec.unit and not g("num"):
        spec.amount = 1.0
    if rule.name.startswith("duration_recent"):
        spec.amount = None  # "ces dernières années", "recent weeks": an unspecified number of years
    return spec


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int | None:
    values = [_ROMAN.get(c) for c in text.upper()]
    if not values or None in values:
        return None
    nums = [v for v in values if v is not None]
    return sum(-v if i + 1 < len(nums) and v < nums[i + 1] else v for i, v in enumerate(nums))


def _century(text: str) -> str | None:
    """ "XXe" or "20th" -> "19", the TIMEX3 value of the twentieth century."""
    n = int(text) if text.isdigit() else _roman(text)
    return f"{n - 1:02d}" if n and 1 <= n <= 21 else None


def _holiday(spec: TimeSpec, m: re.Match[str], lex: TimexLexicon) -> bool:
    """Fill the date of a holiday; False when the word is a name ("Noël Mamère") or not capitalised."""
    word = _group(m, "holiday") or ""
    key = _key(word)
    written = lex.holiday_names.get(key, "")
    if written[:1].isupper() and not word[:1].isupper():
        return False
    if re.match(r"[^\S\n]+[A-ZÀ-Ý]", m.string[m.end("holiday") :]) and not _group(m, "year"):
        return False
    date_text = lex.holidays.get(key, "")
    if date_text.startswith("easter"):
        spec.easter_offset = int(date_text[6:] or 0)
    else:
        spec.month, spec.day = (int(x) for x in date_text.split("-"))
    return True


def _spec_from_word(tw: TimeWord) -> TimeSpec:
    if tw.kind == "clock":
        hour, minute = (int(x) for x in tw.value.split(":"))
        return TimeSpec("date", hour=hour, minute=minute)
    if tw.kind in ("ref", "duration", "set"):
        return TimeSpec(tw.kind, value=tw.value)
    return TimeSpec(tw.kind)  # same | next_day | prev_day


def _word_before(text: str, start: int, n: int = 1) -> list[str]:
    words = re.findall(r"[\w’'-]+", text[max(0, start - 60) : start])
    return [_key(w) for w in words[-n:]]


def _is_age(text: str, m: Mention, lex: TimexLexicon) -> bool:
    """ "une fillette de 6 ans", "Monod, 97 ans,", "âgée de 17 ans", "les moins de 17 ans": ages, not durations.

    After "de", a noun makes "N ans" an age ("un chauffeur de bus de 38 ans") unless it is a noun that
    takes a length of time ("une peine de 2 ans", ``age_cues.tsv`` kind duration).
    """
    if m.spec.unit != "Y" or m.spec.kind != "duration":
        return False
    before = text[max(0, m.start - 40) : m.start]
    after = text[m.end : m.end + 12]
    digits_first = text[m.start : m.start + 1].isdigit()
    if digits_first and re.search(r"(?:,|\()\s*$", before) and re.match(r"\s*(?:,|\)|\.|;|et\b|and\b)", after):
        return True  # an apposition: "Elvis Weiss, 20 ans, a déjà..."
    if re.match(r"[\s-]*(?:old|-old)\b", after):
        return True
    prev = _word_before(text, m.start, 2)
    if not prev:
        return False
    if prev[-1] in lex.age_cues:
        return True
    if m.spec.value == "modified" and prev[-1] in ("les", "des", "the"):
        return True  # "les moins de 17 ans": an age group
    if prev[-1] in ("de", "d'") and len(prev) == 2:
        noun = prev[0]
        return noun.isalpha() and noun not in lex.duration_nouns and noun not in lex.duration_modifiers
    return False


def _excluded(text: str, m: Mention, lex: TimexLexicon) -> bool:
    """A name or an idiom that only looks like a time expression ("l'accord du Vendredi saint", "dans un jour de").

    The phrase of ``timex_exclusions.tsv`` must overlap the match; it may start before it.
    """
    lo = max(0, m.start - 30)
    window = text[lo : m.end + 30].lower().replace("’", "'")
    for phrase in lex.exclusions:
        for hit in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", window):
            if lo + hit.start() < m.end and m.start < lo + hit.end():
                return True
    return False


def _month_ok(text: str, m: re.Match[str], mention: Mention, lex: TimexLexicon) -> bool:
    """An ambiguous month name ("Mars", "May") needs a day, a year or a cue word beside it."""
    word = _group(m, "month")
    if word and _key(word).rstrip(".") in lex.strict_months:
        return mention.spec.day is not None or mention.spec.year is not None  # "sept" is also seven
    if not word or _key(word) not in lex.ambiguous_months:
        return True
    if mention.spec.day is not None or mention.spec.year is not None:
        return True
    if mention.spec.period or mention.spec.shift:
        return True
    prev = _word_before(text, m.start(), 1)
    if lex.lang == "en" and not word[:1].isupper():
        return False
    if lex.lang == "fr" and word[:1].islower():
        return True
    return bool(prev) and prev[-1] in lex.month_cues


def _digits_glued(text: str, start: int, end: int) -> bool:
    """A match inside a larger number ("1.990", "2016,5", "A10-2012") is no time expression."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    if re.fullmatch(r"\d[.,/]", before) or re.match(r"[.,/:]\d", after):
        return True
    if text[start : start + 1].isdigit() and re.search(r"[A-Za-z]-?$", before):
        return True
    return bool(re.match(r"\s*%", after)) and text[end - 1 : end].isdigit()


# The times stage and then the quantities stage (which blanks the time expressions out before reading
# counts) ask for the mentions of the same text, one after the other: the last answer is kept, as
# scanning an article with every rule of the language costs about 4 ms.  A Mention is not changed after
# ``_scan`` returns it, so both callers can share them; each gets its own list.
_last: tuple[str, TimexLexicon, list[Mention]] | None = None


def find_mentions(text: str, lex: TimexLexicon) -> list[Mention]:
    """Every time expression in ``text``, as non-overlapping mentions in text order."""
    global _last
    last = _last
    if last is not None and last[1] is lex and last[0] == text:
        return list(last[2])
    kept = _scan(text, lex)
    _last = (text, lex, kept)
    return list(kept)


def _scan(text: str, lex: TimexLexicon) -> list[Mention]:
    found: list[tuple[int, int, int, Mention]] = []
    lowered = folded(text)
    for order, rule in enumerate(lex.rules):
        if not may_match(rule.anchors, lowered):
            continue  # a word every match needs is not in the text
        for m in rule.regex.finditer(text):
            start, end = (m.start("t"), m.end("t")) if _group(m, "t") is not None else m.span()
            if end <= start:
                continue
            spec = read_spec(m, rule, lex)
            if spec is None:
                continue
            mention = Mention(start, end, rule.name, spec)
            if _digits_glued(text, start, end) or not _month_ok(text, m, mention, lex):
                continue
            if _is_age(text, mention, lex) or _excluded(text, mention, lex):
                continue
            if mention.spec.value == "modified":
                mention.spec.value = None
            found.append((-(end - start), order, start, mention))
    found.sort(key=lambda x: (x[0], x[1], x[2]))
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for _, _, _, mention in found:
        if any(mention.start < e and s < mention.end for s, e in taken):
            continue
        kept.append(mention)
        taken.append((mention.start, mention.end))
    kept.sort(key=lambda x: x.start)
    return kept
