"""Serialise an Analysis into the JSON shape of the evaluation CONTRACT."""

from __future__ import annotations

from typing import Any

from ..records import Actor, Analysis, Event, Place, Quarantined, Span

PIPELINE_VERSION = "0.1.0"


def _span(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


def _place(place: Place) -> dict[str, Any]:
    return {
        **_span(place.span),
        "text": place.text,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "country": place.country,
        "feature": place.feature,
        "admin1": place.admin1,
        "precision": place.precision,
    }


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    out: dict[str, Any] = {"text": actor.text, "name": actor.name, "country": actor.country, "sector": actor.sector}
    if actor.span is not None:
        out.update(_span(actor.span))
    return out


def _event(event: Event) -> dict[str, Any]:
    place = None
    if event.place is not None:
        p = event.place
        place = {"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
                 "admin1": p.admin1, "feature": p.feature, "text": p.text, **_span(p.span)}
    first = event.evidence[0] if event.evidence else None
    return {
        "type": event.type,
        "acled_type": event.acled_type,
        "acled_subtype": event.acled_subtype,
        "source": _actor(event.source),
        "target": _actor(event.target),
        "place": place,
        "date": event.date,
        "date_from": event.date_from,
        "fatalities": event.fatalities,
        "quantities": [_quantity_ref(q) for q in event.quantities],
        "status": event.status,
        "evidence": _span(first) if first else None,
        "evidence_all": [_span(s) for s in event.evidence],
        "trigger": _span(event.trigger) if event.trigger else None,
        "confidence": round(event.confidence, 3),
    }


def _quantity_ref(q: Any) -> dict[str, Any]:
    return {**_span(q.span), "text": q.text, "value": q.value, "unit": q.unit, "role": q.role}


def to_contract(analysis: Analysis) -> dict[str, Any]:
    """The contract's output object for one analysed article."""
    a = analysis.article
    return {
        "id": a.id,
        "language": a.language,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
        "author": a.author,
        "site": a.site,
        "text": a.text,
        "credits": list(a.credits),
        "related": list(a.related),
        "entities": [{**_span(e.span), "text": e.text, "label": e.label} for e in analysis.entities],
        "quotes": [
            {**_span(q.span), "text": q.text, "speaker": q.speaker, "kind": q.kind,
             "speaker_span": _span(q.speaker_span) if q.speaker_span else None, "verb": q.verb}
            for q in analysis.quotes
        ],
        "times": [
            {**_span(t.span), "text": t.text, "type": t.type, "value": t.value,
             "anchored": t.anchored, "flags": list(t.flags)}
            for t in analysis.times
        ],
        "quantities": [
            {**_span(q.span), "text": q.text, "value": q.value, "low": q.low, "high": q.high,
             "unit": q.unit, "head": q.head, "approximate": q.approximate, "role": q.role}
            for q in analysis.quantities
        ],
        "places": [_place(p) for p in analysis.places],
        "events": [_event(e) for e in analysis.events],
        "notes": list(analysis.notes),
        "pipeline_version": PIPELINE_VERSION,
    }


def quarantine_record(q: Quarantined) -> dict[str, Any]:
    """The JSON line written for a document that could not be processed."""
    return {"id": q.id, "origin": q.origin, "error": {"code": q.code, "stage": q.stage, "reason": q.reason}}
