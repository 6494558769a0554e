"""Turn a TimeSpec into a TIMEX3 type and value, against the publication date.

The anchor is the article's publication date.  Relative expressions
("hier", "jeudi", "la semaine prochaine") need it: without one they keep no
value and carry the flag ``no-anchor`` (never a guess).  Which way a bare
weekday or a day without a year goes comes from ``direction`` (the clause's
tense, see ``timex_tense``): past looks back, future forward, anything else
takes the nearest.  Dates that cannot exist ("31 février") get no value and
the flag ``invalid-date``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .timex_grammar import TimeSpec

_UNIT_DAYS = {"D": 1, "W": 7}


@dataclass(frozen=True)
class Resolved:
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    anchored: bool = False
    flags: tuple[str, ...] = ()


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _fmt_amount(amount: float | None) -> str:
    if amount is None:
        return "X"
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def duration_value(unit: str, amount: float | None) -> str:
    """``P3W``, ``PT20M``, ``PXY``: a TIMEX3 duration."""
    n = _fmt_amount(amount)
    if unit in ("H", "S"):
        return f"PT{n}{unit}"
    if unit == "MIN":
        return f"PT{n}M"
    return f"P{n}{unit}"


def _time_suffix(spec: TimeSpec) -> str:
    if spec.hour is not None:
        return f"T{spec.hour:02d}:{(spec.minute or 0):02d}"
    if spec.part:
        return f"T{spec.part}"
    return ""


def _type_for(value: str | None, spec: TimeSpec) -> str:
    if spec.kind == "duration":
        return "DURATION"
    if spec.kind == "set" or spec.generic:
        return "SET"
    if value and "T" in value and not value.startswith("P"):
        return "TIME"
    if spec.hour is not None or (spec.part and not value):
        return "TIME"
    return "DATE"


def _weekday_date(anchor: date, weekday: int, shift: str | None, direction: str | None) -> tuple[date, str]:
    back = (anchor.isoweekday() - weekday) % 7
    fwd = (weekday - anchor.isoweekday()) % 7
    if shift == "last":
        return anchor - timedelta(days=back or 7), "last"
    if shift == "next":
        return anchor + timedelta(days=fwd or 7), "next"
    if direction in ("past", "imperfect"):
        return anchor - timedelta(days=back), "past-by-tense"
    if direction == "future":
        return anchor + timedelta(days=fwd), "future-by-tense"
    if back <= fwd:
        return anchor - timedelta(days=back), "nearest"
    return anchor + timedelta(days=fwd), "nearest"


def _pick_year(anchor: date, month: int, day: int | None, weekday: int | None,
               shift: str | None, direction: str | None) -> int | None:
    """The year of a day-month (or month) without one, nearest the anchor in the direction asked."""
    candidates: list[tuple[date, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(year, month, day or 1)
        if d is None:
            continue
        if day is None and (year, month) == (anchor.year, anchor.month):
            d = anchor  # the current month counts as "now"
        candidates.append((d, year))
    if not candidates:
        return None
    if weekday is not None and day is not None:
        matching = [c for c in candidates if c[0].isoweekday() == weekday]
        if matching:
            candidates = matching
    if shift == "last" or direction in ("past", "imperfect"):
        before = [c for c in candidates if c[0] < anchor or (c[0] == anchor and shift != "last")]
        if before:
            return max(before)[1]
    if shift == "next" or direction == "future":
        after = [c for c in candidates if c[0] > anchor or (c[0] == anchor and shift != "next")]
        if after:
            return min(after)[1]
    return min(candidates, key=lambda c: abs((c[0] - anchor).days))[1]


def _full_year(spec: TimeSpec, anchor: date | None) -> int | None:
    if spec.year is None:
        return None
    if not spec.two_digit_year:
        return spec.year
    ceiling = (anchor.year if anchor else 2000) + 10
    return 2000 + spec.year if 2000 + spec.year <= ceiling else 1900 + spec.year


def _shift_months(anchor: date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _relative_unit(anchor: date, unit: str, steps: int) -> str | None:
    """The calendar unit ``steps`` away from the anchor's (-1: last year/month/week)."""
    if unit == "Y":
        return str(anchor.year + steps)
    if unit == "M":
        y, m = _shift_months(anchor, steps)
        return f"{y}-{m:02d}"
    if unit in ("W", "WE"):
        week = _week(anchor + timedelta(days=7 * steps))
        return week + ("-WE" if unit == "WE" else "")
    if unit == "D":
        return (anchor + timedelta(days=steps)).isoformat()
    if unit == "DE":
        return str(anchor.year // 10 + steps)
    if unit == "CE":
        return str(anchor.year // 100 + steps)
    return None


def _ago(anchor: date, spec: TimeSpec, sign: int) -> str | None:
    if spec.amount is None:
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = int(spec.amount) * sign
    unit = spec.unit or "D"
    if unit in _UNIT_DAYS:
        d = anchor + timedelta(days=n * _UNIT_DAYS[unit])
        return d.isoformat() if unit == "D" else _week(d)
    if unit in ("H", "MIN", "S"):
        return anchor.isoformat()
    return _relative_unit(anchor, unit, n)


def _no_anchor(spec: TimeSpec) -> Resolved:
    return Resolved(_type_for(None, spec), None, False, ("no-anchor",))


def resolve(spec: TimeSpec, anchor: date | None, direction: str | None = None,
            base: date | None = None) -> Resolved:
    """Type and value of one expression.  ``base`` is the date an anaphor refers to ("le même jour")."""
    kind = spec.kind
    if kind in ("ref", "duration", "set") and spec.value:
        return Resolved(_type_for(spec.value, spec), spec.value)
    if kind == "duration":
        return Resolved("DURATION", duration_value(spec.unit or "D", spec.amount))
    if kind == "set":
        if spec.weekday is not None:
            return Resolved("SET", f"XXXX-WXX-{spec.weekday}" + _time_suffix(spec))
        return Resolved("SET", duration_value(spec.unit or "D", spec.amount))
    if spec.generic and spec.weekday is not None:
        return Resolved("SET", f"XXXX-WXX-{spec.weekday}" + _time_suffix(spec))
    if kind in ("same", "next_day", "prev_day"):
        if base is None and kind == "same" and spec.part and anchor is not None:
            value = anchor.isoformat() + _time_suffix(spec)  # "dans la soirée" with no date before it
            return Resolved("TIME", value, True)
        if base is None:
            return Resolved(_type_for(None, spec), None, False, ("no-antecedent",))
        step = {"same": 0, "next_day": 1, "prev_day": -1}[kind]
        value = (base + timedelta(days=step)).isoformat() + _time_suffix(spec)
        return Resolved(_type_for(value, spec), value, True, ("anaphoric",))
    if spec.decade is not None:
        return Resolved("DATE", spec.decade + "X")
    if spec.century is not None:
        return Resolved("DATE", spec.century)
    if spec.easter_offset is not None:
        return _resolve_easter(spec, anchor, direction)
    return _resolve_calendar(spec, anchor, direction, base)


def _resolve_calendar(spec: TimeSpec, anchor: date | None, direction: str | None,
                      base: date | None) -> Resolved:
    year = _full_year(spec, anchor)
    flags: tuple[str, ...] = ("two-digit-year",) if spec.two_digit_year else ()
    if spec.month is not None:
        return _resolve_month_date(spec, year, anchor, direction, flags)
    if spec.season is not None:
        return _resolve_season(spec, year, anchor, direction)
    if year is not None and spec.offset is None and spec.weekday is None:
        return Resolved("DATE", str(year), False, flags)
    if anchor is None:
        if spec.hour is not None and base is not None:
            return Resolved("TIME", base.isoformat() + _time_suffix(spec), False)
        return _no_anchor(spec)
    return _resolve_relative(spec, anchor, direction, base)


def _resolve_month_date(spec: TimeSpec, year: int | None, anchor: date | None, direction: str | None,
                        flags: tuple[str, ...]) -> Resolved:
    month = spec.month or 0
    # 2000 is a leap year: a day that fits no year ("31 février") is refused even without one.
    if not 1 <= month <= 12 or (spec.day is not None and _safe_date(2000, month, spec.day) is None):
        return Resolved("DATE", None, False, ("invalid-date",))
    anchored = False
    if year is None:
        if anchor is None:
            day = f"-{spec.day:02d}" if spec.day else ""
            value = f"XXXX-{month:02d}{day}" + _time_suffix(spec)
            return Resolved(_type_for(value, spec), value, False, ("no-anchor",))
        year = _pick_year(anchor, month, spec.day, spec.weekday, spec.shift, direction)
        anchored = True
        if year is None:
            return Resolved("DATE", None, False, ("invalid-date",))
    if spec.day is None:
        return Resolved("DATE", f"{year}-{month:02d}", anchored, flags)
    d = _safe_date(year, month, spec.day)
    if d is None:
        return Resolved("DATE", None, False, ("invalid-date",))
    value = d.isoformat() + _time_suffix(spec)
    return Resolved(_type_for(value, spec), value, anchored, flags)


def _resolve_season(spec: TimeSpec, year: int | None, anchor: date | None, direction: str | None) -> Resolved:
    if year is not None:
        return Resolved("DATE", f"{year}-{spec.season}")
    if anchor is None:
        return Resolved("DATE", f"XXXX-{spec.season}", False, ("no-anchor",))
    if spec.shift in ("last", "next"):
        return Resolved("DATE", f"{anchor.year + (1 if spec.shift == 'next' else -1)}-{spec.season}", True)
    if direction == "present" and spec.shift != "this":
        return Resolved("DATE", f"XXXX-{spec.season}", False, ("generic",))  # "un boom en été"
    return Resolved("DATE", f"{anchor.year}-{spec.season}", True)


def _resolve_relative(spec: TimeSpec, anchor: date, direction: str | None, base: date | None) -> Resolved:
    kind = spec.kind
    if kind in ("ago", "later"):
        value = _ago(anchor, spec, -1 if kind == "ago" else 1)
        return Resolved(_type_for(value, spec), value, True)
    if kind == "now":
        return Resolved("DATE", anchor.isoformat(), True)
    if spec.unit is not None and spec.offset is None and spec.weekday is None:
        steps = {"last": -1, "next": 1}.get(spec.shift or "", 0)
        value = _relative_unit(anchor, spec.unit, steps)
        return Resolved("DATE", value, value is not None)
    if spec.weekday is not None:
        d, how = _weekday_date(anchor, spec.weekday, spec.shift, direction)
        value = d.isoformat() + _time_suffix(spec)
        return Resolved(_type_for(value, spec), value, True, (how,))
    if spec.offset is not None:
        value = (anchor + timedelta(days=spec.offset)).isoformat() + _time_suffix(spec)
        return Resolved(_type_for(value, spec), value, True)
    if spec.hour is not None:
        day = base or anchor
        return Resolved("TIME", day.isoformat() + _time_suffix(spec), True)
    return Resolved("DATE", None, False, ("unresolved",))


def easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _resolve_easter(spec: TimeSpec, anchor: date | None, direction: str | None) -> Resolved:
    """A movable feast ("Pentecôte", "Easter Monday"): its date in the year the text means."""
    offset = timedelta(days=spec.easter_offset or 0)
    if spec.year is not None:
        return Resolved("DATE", (easter(spec.year) + offset).isoformat())
    if anchor is None:
        return Resolved("DATE", None, False, ("no-anchor",))
    candidates = [easter(y) + offset for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if spec.shift == "last" or direction in ("past", "imperfect"):
        before = [d for d in candidates if d <= anchor]
        return Resolved("DATE", max(before).isoformat(), True)
    if spec.shift == "next" or direction == "future":
        after = [d for d in candidates if d >= anchor]
        return Resolved("DATE", min(after).isoformat(), True)
    return Resolved("DATE", min(candidates, key=lambda d: abs((d - anchor).days)).isoformat(), True)
