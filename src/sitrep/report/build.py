"""Build a situation report: key events day by day, figures and their trend,
key statements with speakers, and the sources counted.

Building is pure (inputs in, a ``SituationReport`` out); the renderers in
``markdown.py`` and ``html.py`` only lay it out.  Every line keeps the
``Evidence`` it stands on.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..resources import load_table
from .model import Evidence, ReportEvent, ReportFigure, ReportInputs, ReportStatement, Source

MAX_EVENTS_PER_DAY = 8
MAX_POINTS_PER_SERIES = 12
MAX_STATEMENTS = 12
MAX_EVIDENCE_PER_LINE = 3


@dataclass(frozen=True, slots=True)
class EventLine:
    """Events of one day that say the same thing (same type, place, actors), merged."""

    type: str
    evidence: tuple[Evidence, ...]  # one per source article, best first
    sources: int  # distinct articles reporting it
    place: str | None = None
    source: str | None = None
    target: str | None = None
    subtype: str | None = None
    fatalities: int | None = None
    status: str = "occurred"
    dated_by: str = "text"


@dataclass(frozen=True, slots=True)
class ReportDay:
    day: date
    lines: tuple[EventLine, ...]
    more: int = 0  # events of that day left out of the report


@dataclass(frozen=True, slots=True)
class FigurePoint:
    day: date
    value: float | None
    low: float | None
    high: float | None
    unit: str
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class FigureSeries:
    group: str
    title: str  # the section's title, e.g. "Casualties"
    label: str  # the series, e.g. "killed"
    unit: str
    points: tuple[FigurePoint, ...]
    trend: str  # rising | falling | steady | single: the first day's figure against the last day's
    first: FigurePoint
    last: FigurePoint
    kind: str = "level"  # level (the latest figure tells the state) | count (each day's incidents add up)
    total: float | None = None  # for a count: the days' largest figures added up (a floor, not a sum of reports)
    days: int = 1  # days with a figure


@dataclass(frozen=True, slots=True)
class StatementLine:
    text: str
    kind: str
    day: date | None
    evidence: Evidence
    speaker: str | None = None
    repeated: int = 1  # articles carrying the same words


@dataclass(frozen=True)
class SituationReport:
    place: str | None
    date_from: date | None
    date_to: date | None
    days: tuple[ReportDay, ...]
    figures: tuple[FigureSeries, ...]
    statements: tuple[StatementLine, ...]
    sources: tuple[Source, ...]  # articles that gave at least one item, by date
    events_counted: int
    undated_events: int  # events in the place with no usable date (left out)

    @property
    def sites(self) -> list[tuple[str, int]]:
        counts = Counter(s.site or "unknown site" for s in self.sources)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def languages(self) -> list[tuple[str, int]]:
        counts = Counter(s.language or "?" for s in self.sources)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def empty(self) -> bool:
        return not (self.days or self.figures or self.statements)


def _fold(text: str) -> str:
    """Case- and accent-insensitive form used to compare place names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _at_place(names: Sequence[str], place: str | None) -> bool:
    return place is None or _fold(place) in {_fold(n) for n in names}


def _in_range(day: date | None, date_from: date | None, date_to: date | None) -> bool:
    if day is None:
        return False
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


# --- events -----------------------------------------------------------------------------------


def _event_key(e: ReportEvent) -> tuple[str, str, str, str]:
    return (e.type, _fold(e.place or ""), _fold(e.source or ""), _fold(e.target or ""))


def _event_weight(line: EventLine) -> tuple[float, int, int]:
    # Deaths first, then how many articles report it, then whether it happened (vs announced).
    return (float(line.fatalities or 0), line.sources, int(line.status == "occurred"))


def _merge(events: list[ReportEvent]) -> EventLine:
    ranked = sorted(events, key=lambda e: -e.confidence)
    best = ranked[0]
    per_article: dict[str, Evidence] = {}
    for e in ranked:
        per_article.setdefault(e.evidence.article_id, e.evidence)
    fatalities = [e.fatalities for e in events if e.fatalities is not None]
    return EventLine(
        type=best.type, evidence=tuple(per_article.values())[:MAX_EVIDENCE_PER_LINE], sources=len(per_article),
        place=best.place, source=best.source, target=best.target, subtype=best.subtype,
        fatalities=max(fatalities) if fatalities else None, status=best.status, dated_by=best.dated_by)


def build_days(events: Iterable[ReportEvent], max_per_day: int = MAX_EVENTS_PER_DAY) -> tuple[ReportDay, ...]:
    by_day: dict[date, dict[tuple[str, str, str, str], list[ReportEvent]]] = defaultdict(lambda: defaultdict(list))
    for e in events:
        if e.day is not None:
            by_day[e.day][_event_key(e)].append(e)
    days: list[ReportDay] = []
    for day in sorted(by_day):
        lines = sorted((_merge(group) for group in by_day[day].values()), key=_event_weight, reverse=True)
        days.append(ReportDay(day, tuple(lines[:max_per_day]), max(0, len(lines) - max_per_day)))
    return tuple(days)


# --- figures ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _figure_table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]], dict[str, dict[str, str]]]:
    by_role: dict[str, tuple[str, str]] = {}
    by_head: dict[str, tuple[str, str]] = {}
    for row in load_table("common", "report_figures"):
        target = by_role if row["match"] == "role" else by_head
        target[row["value"].casefold()] = (row["group"], row["label"])
    groups = {row["group"]: row for row in load_table("common", "report_figure_groups")}
    return by_role, by_head, groups


def figure_group(figure: ReportFigure) -> tuple[str, str] | None:
    """(group, label) of a figure worth following, or None."""
    by_role, by_head, _ = _figure_table()
    if figure.role and figure.role.casefold() in by_role:
        return by_role[figure.role.casefold()]
    # Without a role only a share (percent) of a territory is followed: a bare count of
    # "districts" or "areas" says nothing about who holds what.
    if figure.unit == "percent" and figure.head and figure.head.casefold() in by_head:
        return by_head[figure.head.casefold()]
    return None


def _magnitude(p: FigurePoint) -> float:
    if p.value is not None:
        return p.value
    return p.high if p.high is not None else (p.low or 0.0)


def _per_day(points: Sequence[FigurePoint]) -> list[FigurePoint]:
    """The largest figure of each day, by day: several articles reporting one incident or
    one total give it with different precision, and the latest reports of a total are the largest."""
    per_day: dict[date, FigurePoint] = {}
    for p in points:
        if p.day not in per_day or _magnitude(p) > _magnitude(per_day[p.day]):
            per_day[p.day] = p
    return [per_day[d] for d in sorted(per_day)]


def _trend(days: Sequence[FigurePoint]) -> str:
    if len(days) == 1:
        return "single"
    a, b = _magnitude(days[0]), _magnitude(days[-1])
    return "rising" if b > a else "falling" if b < a else "steady"


def build_figures(figures: Iterable[ReportFigure]) -> tuple[FigureSeries, ...]:
    _, _, groups = _figure_table()
    series: dict[tuple[str, str, str], dict[tuple[date, float, str], FigurePoint]] = defaultdict(dict)
    for f in figures:
        found = figure_group(f)
        if found is None or f.day is None or (f.value is None and f.low is None and f.high is None):
            continue
        point = FigurePoint(f.day, f.value, f.low, f.high, f.unit, f.text, f.evidence)
        # The same figure from the same article on the same day is one point.
        series[(found[0], found[1], f.unit)].setdefault((f.day, _magnitude(point), f.evidence.article_id), point)
    order = list(groups)
    out: list[FigureSeries] = []
    for (group, label, unit), points in series.items():
        ordered = sorted(points.values(), key=lambda p: (p.day, _magnitude(p)))
        days = _per_day(ordered)
        info = groups.get(group, {})
        kind = info.get("kind") or "level"
        total = sum(_magnitude(p) for p in days) if kind == "count" else None
        if len(ordered) > MAX_POINTS_PER_SERIES:  # keep both ends and the largest in between
            middle = sorted(ordered[1:-1], key=_magnitude, reverse=True)[: MAX_POINTS_PER_SERIES - 2]
            ordered = [ordered[0], *sorted(middle, key=lambda p: (p.day, _magnitude(p))), ordered[-1]]
        out.append(FigureSeries(group, info.get("title") or group, label, unit, tuple(ordered), _trend(days),
                                days[0], days[-1], kind, total, len(days)))
    out.sort(key=lambda s: (order.index(s.group) if s.group in order else len(order), s.label, s.unit))
    return tuple(out)


# --- statements -------------------------------------------------------------------------------


def build_statements(statements: Iterable[ReportStatement], limit: int = MAX_STATEMENTS) -> tuple[StatementLine, ...]:
    groups: dict[str, list[ReportStatement]] = defaultdict(list)
    for s in statements:
        if len(s.text) >= 12:  # a few words are a phrase, not a statement
            groups[_fold(s.text)].append(s)

    def weight(items: list[ReportStatement]) -> tuple[int, int, int, int]:
        s = items[0]
        articles = len({i.evidence.article_id for i in items})
        return (int(bool(s.speaker)), articles, int(s.kind == "direct"), min(len(s.text), 300))

    ranked = sorted(groups.values(), key=weight, reverse=True)[:limit]
    lines = []
    for items in ranked:
        s = min(items, key=lambda i: (i.day or date.max, i.evidence.article_id))
        speaker = next((i.speaker for i in items if i.speaker), None)
        lines.append(StatementLine(s.text, s.kind, s.day, s.evidence, speaker,
                                   len({i.evidence.article_id for i in items})))
    return tuple(sorted(lines, key=lambda x: (x.day or date.max, x.speaker or "")))


# --- the report -------------------------------------------------------------------------------


def _sources(used: set[str], known: dict[str, Source]) -> tuple[Source, ...]:
    sources = [known.get(aid, Source(aid)) for aid in used]
    return tuple(sorted(sources, key=lambda s: (s.published or date.max, s.article_id)))


def build_report(inputs: ReportInputs, *, place: str | None = None, date_from: date | None = None,
                 date_to: date | None = None, max_events_per_day: int = MAX_EVENTS_PER_DAY,
                 max_statements: int = MAX_STATEMENTS) -> SituationReport:
    """The situation report of ``place`` (any place when None) between two days (inclusive).

    Events and figures count only when they are at the place; a statement
    whose article names no place is kept (the caller's query chose it).
    """
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    at_place = [e for e in inputs.events if _at_place(e.places, place)]
    events = [e for e in at_place if _in_range(e.day, date_from, date_to)]
    figures = [f for f in inputs.figures if _at_place(f.places, place) and _in_range(f.day, date_from, date_to)]
    statements = [s for s in inputs.statements
                  if (not s.places or _at_place(s.places, place)) and _in_range(s.day, date_from, date_to)]
    days = build_days(events, max_events_per_day)
    series = build_figures(figures)
    said = build_statements(statements, max_statements)
    used = {e.evidence.article_id for e in events}
    used |= {p.evidence.article_id for s in series for p in s.points}
    used |= {s.evidence.article_id for s in said}
    return SituationReport(
        place=place, date_from=date_from, date_to=date_to, days=days, figures=series, statements=said,
        sources=_sources(used, dict(inputs.sources)), events_counted=len(events),
        undated_events=sum(1 for e in at_place if e.day is None))
