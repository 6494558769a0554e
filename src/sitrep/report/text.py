"""Wording shared by the Markdown and HTML renderers (plain text, not escaped)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

from .build import EventLine, FigurePoint, FigureSeries, SituationReport
from .model import Evidence

EXCERPT_CHARS = 180
TREND_WORDS = {"rising": "rising", "falling": "falling", "steady": "unchanged", "single": "one report"}


def evidence_href(evidence: Evidence, base_url: str = "") -> str:
    """Link to the article page with the evidence highlighted (``hl=start-end``)."""
    article = quote(evidence.article_id, safe="")
    return f"{base_url.rstrip('/')}/articles/{article}?hl={evidence.start}-{evidence.end}#hl"


def events_href(report: SituationReport, base_url: str = "", day: date | None = None) -> str:
    """Link to the interface's events of the report's place (on ``day``, else over its period): the
    evidence of events a report counts but does not list, one link per event there."""
    start, end = (day, day) if day else (report.date_from, report.date_to)
    params = [(k, v) for k, v in (("place", report.place), ("from", start and start.isoformat()),
                                  ("to", end and end.isoformat())) if v]
    return f"{base_url.rstrip('/')}/?{urlencode(params)}" if params else f"{base_url.rstrip('/')}/"


def evidence_label(evidence: Evidence) -> str:
    return f"{evidence.article_id} {evidence.start}–{evidence.end}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def number(value: float | None, low: float | None = None, high: float | None = None) -> str:
    def fmt(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"

    if value is not None:
        return fmt(value)
    if low is not None and high is not None:
        return f"{fmt(low)}–{fmt(high)}"
    if low is not None:
        return f"at least {fmt(low)}"
    if high is not None:
        return f"up to {fmt(high)}"
    return "?"


def point_value(p: FigurePoint) -> str:
    unit = "%" if p.unit == "percent" else ""
    return number(p.value, p.low, p.high) + unit


def title(report: SituationReport) -> str:
    where = report.place or "all places"
    return f"Situation report: {where}, {period(report)}"


def period(report: SituationReport) -> str:
    a, b = report.date_from, report.date_to
    if a and b:
        return f"{a.isoformat()} to {b.isoformat()}"
    if a:
        return f"from {a.isoformat()}"
    if b:
        return f"until {b.isoformat()}"
    return "all dates"


def day_heading(day: date) -> str:
    return f"{day.isoformat()} ({day.strftime('%A')})"


def event_summary(line: EventLine) -> str:
    kind = line.type.capitalize() + (f" ({line.subtype})" if line.subtype else "")
    where = f" in {line.place}" if line.place else ""
    who = line.source or "unidentified actor"
    whom = f" → {line.target}" if line.target else ""
    parts = [f"{kind}{where}: {who}{whom}"]
    if line.fatalities:
        parts.append(f"{line.fatalities:,} killed")
    if line.status != "occurred":
        parts.append(line.status)
    if line.dated_by == "published":
        parts.append("dated by publication")
    return ", ".join(parts)


def sources_phrase(n: int) -> str:
    return f"{n} source" + ("" if n == 1 else "s")


def series_summary(s: FigureSeries) -> str:
    first, last = point_value(s.first), point_value(s.last)
    if s.kind == "count" and s.total is not None and s.days > 1:
        return (f"{s.label}: at least {number(s.total)} over {s.days} days "
                f"({first} on {s.first.day.isoformat()} … {last} on {s.last.day.isoformat()})")
    if s.trend == "single":
        return f"{s.label}: {first} ({s.first.day.isoformat()}), one day reported"
    return (f"{s.label}: {first} ({s.first.day.isoformat()}) → {last} ({s.last.day.isoformat()}), "
            f"{TREND_WORDS[s.trend]}")


def counts_line(report: SituationReport) -> str:
    n = len(report.sources)
    sites = ", ".join(f"{site} {k}" for site, k in report.sites) or "none"
    langs = ", ".join(f"{lang} {k}" for lang, k in report.languages) or "none"
    return (f"{n} article{'s' if n != 1 else ''} counted (sites: {sites}; languages: {langs}); "
            f"{report.events_counted} event{'s' if report.events_counted != 1 else ''}, "
            f"{len(report.statements)} key statement{'s' if len(report.statements) != 1 else ''}.")
