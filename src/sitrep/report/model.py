"""What a situation report is made of, and how it is read from records or rows.

A report is built from three flat lists (events, figures, statements) plus the
articles they came from.  Each item carries an ``Evidence``: the article id and
the character offsets of the words that support it, so every line of the
report can link back to its source.  The lists can be read from analysed
articles (``inputs_from_analyses``) or from JSON rows shaped like the output
contract with an ``article_id`` added (``inputs_from_rows``, what the store and
the HTTP API give).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..records import Actor, Analysis, Event, Quantity, Span

_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: ``article_id`` and ``[start, end)`` in its clean text."""

    article_id: str
    start: int
    end: int
    text: str = ""  # the words at [start, end), when known (shown as a short excerpt)


@dataclass(frozen=True, slots=True)
class Source:
    """An article counted as a source of the report."""

    article_id: str
    title: str | None = None
    site: str | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class ReportEvent:
    type: str
    day: date | None  # the event's own date, else the article's publication date
    dated_by: str  # "text" (the article says when) or "published" (publication date used)
    evidence: Evidence
    place: str | None = None
    places: tuple[str, ...] = ()  # every name the place is known by (name, text, admin1)
    source: str | None = None
    target: str | None = None
    subtype: str | None = None
    fatalities: int | None = None
    status: str = "occurred"
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class ReportFigure:
    """One reported figure (a quantity with a role or a unit worth following)."""

    day: date | None
    value: float | None
    unit: str
    evidence: Evidence
    role: str | None = None
    head: str | None = None
    low: float | None = None
    high: float | None = None
    text: str = ""
    places: tuple[str, ...] = ()  # names of the places of the events the figure belongs to


@dataclass(frozen=True, slots=True)
class ReportStatement:
    text: str
    kind: str
    day: date | None
    evidence: Evidence
    speaker: str | None = None
    places: tuple[str, ...] = ()  # places named in the statement's article


@dataclass(frozen=True)
class ReportInputs:
    events: tuple[ReportEvent, ...] = ()
    figures: tuple[ReportFigure, ...] = ()
    statements: tuple[ReportStatement, ...] = ()
    sources: Mapping[str, Source] = field(default_factory=dict)


def day_of(value: str | date | None) -> date | None:
    """The calendar day of an ISO date or timestamp; None for a month, a week or garbage."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _actor_name(actor: Actor | Mapping[str, Any] | None) -> str | None:
    if actor is None:
        return None
    if isinstance(actor, Actor):
        return actor.name or actor.text or None
    return actor.get("name") or actor.get("text") or None


def _names(*values: Any) -> tuple[str, ...]:
    seen: list[str] = []
    for v in values:
        if isinstance(v, str) and v.strip() and v.strip() not in seen:
            seen.append(v.strip())
    return tuple(seen)


def _excerpt(text: str, span: Span) -> str:
    return " ".join(span.of(text).split())


# --- from analysed articles -------------------------------------------------------------------


def _event_from_record(event: Event, analysis: Analysis) -> ReportEvent | None:
    if not event.evidence:
        return None
    article = analysis.article
    first = event.evidence[0]
    own_day = day_of(event.date) if event.date_from != "published" else None
    place = event.place
    return ReportEvent(
        type=event.type,
        day=own_day or article.published,
        dated_by="text" if own_day else "published",
        evidence=Evidence(article.id, first.start, first.end, _excerpt(article.text, first)),
        place=place.name if place else None,
        places=_names(place.name, place.text, place.admin1) if place else (),
        source=_actor_name(event.source),
        target=_actor_name(event.target),
        subtype=event.acled_subtype,
        fatalities=event.fatalities,
        status=event.status,
        confidence=event.confidence,
    )


def _figure_from_record(q: Quantity, analysis: Analysis, day: date | None, places: tuple[str, ...]) -> ReportFigure:
    a = analysis.article
    return ReportFigure(day=day, value=q.value, unit=q.unit, role=q.role, head=q.head, low=q.low, high=q.high,
                        text=q.text, evidence=Evidence(a.id, q.span.start, q.span.end, q.text), places=places)


def inputs_from_analyses(analyses: Iterable[Analysis]) -> ReportInputs:
    """Report inputs from analysed articles (``sitrep.extract`` results)."""
    events: list[ReportEvent] = []
    figures: list[ReportFigure] = []
    statements: list[ReportStatement] = []
    sources: dict[str, Source] = {}
    for analysis in analyses:
        a = analysis.article
        sources[a.id] = Source(a.id, a.title, a.site, a.published, a.url, a.language)
        article_places = _names(*(p.name for p in analysis.places))
        owned: dict[Span, ReportEvent] = {}
        for event in analysis.events:
            item = _event_from_record(event, analysis)
            if item is None:
                continue
            events.append(item)
            for q in event.quantities:
                owned.setdefault(q.span, item)
        for q in analysis.quantities:
            # A figure is dated and placed by the event it belongs to, else by its article.
            owner = owned.get(q.span)
            day = owner.day if owner else a.published
            places = owner.places if owner else article_places
            figures.append(_figure_from_record(q, analysis, day, places))
        for quote in analysis.quotes:
            statements.append(ReportStatement(
                text=" ".join(quote.text.split()), kind=quote.kind, day=a.published, speaker=quote.speaker,
                evidence=Evidence(a.id, quote.span.start, quote.span.end, quote.text), places=article_places))
    return ReportInputs(tuple(events), tuple(figures), tuple(statements), sources)


# --- from JSON rows (store, HTTP API) ---------------------------------------------------------


def _span_of(row: Mapping[str, Any], key: str = "evidence") -> tuple[int, int] | None:
    ev = row.get(key)
    if isinstance(ev, Mapping) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return ev["start"], ev["end"]
    if isinstance(row.get("start"), int) and isinstance(row.get("end"), int):
        return row["start"], row["end"]
    return None


def _article_id(row: Mapping[str, Any]) -> str:
    return str(row.get("article_id") or row.get("article") or "")


def _event_from_row(row: Mapping[str, Any], sources: Mapping[str, Source]) -> ReportEvent | None:
    span = _span_of(row)
    if span is None or not row.get("type"):
        return None
    aid = _article_id(row)
    published = sources[aid].published if aid in sources else day_of(row.get("published"))
    own_day = day_of(row.get("date")) if row.get("date_from") != "published" else None
    place = row.get("place") if isinstance(row.get("place"), Mapping) else None
    place_name = place.get("name") if place else row.get("place_name")
    return ReportEvent(
        type=str(row["type"]),
        day=own_day or published,
        dated_by="text" if own_day else "published",
        evidence=Evidence(aid, span[0], span[1], " ".join(str(row.get("evidence_text") or "").split())),
        place=place_name,
        places=_names(place_name, place.get("text"), place.get("admin1")) if place else _names(place_name),
        source=_actor_name(row.get("source")),
        target=_actor_name(row.get("target")),
        subtype=row.get("acled_subtype"),
        fatalities=row.get("fatalities"),
        status=str(row.get("status") or "occurred"),
        confidence=float(row.get("confidence") or 0.5),
    )


def _figure_from_row(q: Mapping[str, Any], article_id: str, day: date | None,
                     places: tuple[str, ...]) -> ReportFigure | None:
    span = _span_of(q, key="span")
    if span is None:
        return None
    return ReportFigure(
        day=day, value=q.get("value"), unit=str(q.get("unit") or "other"), role=q.get("role"), head=q.get("head"),
        low=q.get("low"), high=q.get("high"), text=str(q.get("text") or ""),
        evidence=Evidence(article_id, span[0], span[1], str(q.get("text") or "")), places=places)


def _source_from_row(row: Mapping[str, Any]) -> Source:
    return Source(str(row.get("id") or row.get("article_id")), row.get("title"), row.get("site"),
                  day_of(row.get("published")), row.get("url"), row.get("language"))


def inputs_from_rows(events: Iterable[Mapping[str, Any]], quotes: Iterable[Mapping[str, Any]] = (),
                     articles: Iterable[Mapping[str, Any]] = (),
                     quantities: Iterable[Mapping[str, Any]] = ()) -> ReportInputs:
    """Report inputs from contract-shaped rows that each name their ``article_id``.

    A figure is read from ``quantities`` rows (complete, with low/high) or else
    from the quantities an event row lists; it takes the date and place of the
    event it belongs to, else its article's publication date and places (an
    article row may list its ``places``).  A quote is dated by its article.
    """
    article_rows = list(articles)
    sources = {s.article_id: s for s in map(_source_from_row, article_rows)}
    article_places = {str(r.get("id") or r.get("article_id")): _names(*(p.get("name") for p in r.get("places") or ()
                                                                      if isinstance(p, Mapping)))
                      for r in article_rows}
    report_events: list[ReportEvent] = []
    owners: dict[tuple[str, int, int], tuple[ReportEvent, Mapping[str, Any]]] = {}
    for row in events:
        item = _event_from_row(row, sources)
        if item is None:
            continue
        report_events.append(item)
        for q in row.get("quantities") or ():
            span = _span_of(q, key="span")
            if span is not None:
                owners.setdefault((item.evidence.article_id, *span), (item, q))
    figures: list[ReportFigure] = []
    seen: set[tuple[str, int, int]] = set()
    for q in quantities:
        span = _span_of(q, key="span")
        aid = _article_id(q)
        if span is None or (aid, *span) in seen:
            continue
        seen.add((aid, *span))
        owner = owners.get((aid, *span))
        day = owner[0].day if owner else (sources[aid].published if aid in sources else day_of(q.get("published")))
        places = owner[0].places if owner else article_places.get(aid, ())
        figure = _figure_from_row(q, aid, day, places)
        if figure is not None:
            figures.append(figure)
    for (aid, start, end), (event, ref) in owners.items():
        if (aid, start, end) not in seen:
            figure = _figure_from_row(ref, aid, event.day, event.places)
            if figure is not None:
                figures.append(figure)
    statements: list[ReportStatement] = []
    for row in quotes:
        span = _span_of(row)
        if span is None or not row.get("text"):
            continue
        aid = _article_id(row)
        day = sources[aid].published if aid in sources else day_of(row.get("published"))
        statements.append(ReportStatement(
            text=" ".join(str(row["text"]).split()), kind=str(row.get("kind") or "direct"), day=day,
            speaker=row.get("speaker"), evidence=Evidence(aid, span[0], span[1], str(row["text"])),
            places=article_places.get(aid, ())))
    return ReportInputs(tuple(report_events), tuple(figures), tuple(statements), sources)
