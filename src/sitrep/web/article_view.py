"""The article page's view: highlight marks and side panels from a contract-shaped article.

The article comes as the JSON of the output contract (what the store gives
back and ``/api/articles/{id}`` returns): ``text`` plus ``events``,
``quotes``, ``places``, ``times`` and ``quantities`` with their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from .highlight import Mark, render_marked

LAYERS = (("evidence", "event evidence"), ("quote", "quotes"), ("speaker", "speakers"), ("place", "places"),
          ("date", "dates"), ("figure", "figures"))
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _span(item: Mapping[str, Any] | None) -> tuple[int, int] | None:
    if not isinstance(item, Mapping):
        return None
    start, end = _int(item.get("start")), _int(item.get("end"))
    return (start, end) if start is not None and end is not None and 0 <= start < end else None


def _event_title(event: Mapping[str, Any]) -> str:
    def name(actor: Any) -> str:
        return (actor.get("name") or actor.get("text") or "?") if isinstance(actor, Mapping) else "?"

    parts = [str(event.get("type") or "event")]
    if event.get("source") or event.get("target"):
        parts.append(name(event.get("source")) + (f" → {name(event.get('target'))}" if event.get("target") else ""))
    if event.get("date"):
        parts.append(str(event["date"]))
    return ": ".join(parts[:2]) + (f" ({parts[2]})" if len(parts) > 2 else "")


def _figure_label(q: Mapping[str, Any]) -> str:
    value = q.get("value")
    if value is None and (q.get("low") is not None or q.get("high") is not None):
        low, high = q.get("low"), q.get("high")
        value = f"{low if low is not None else '…'}–{high if high is not None else '…'}"
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    role = f", {q['role']}" if q.get("role") else ""
    return f"{value if value is not None else '?'} {q.get('unit') or ''}{role}".strip()


def article_view(article: Mapping[str, Any], root: str = "", target: tuple[int, int] | None = None) -> dict[str, Any]:
    """Everything the article template shows; ``target`` is a span to mark (``?hl=start-end``)."""
    text = str(article.get("text") or "")
    marks: list[Mark] = []
    events: list[dict[str, Any]] = []
    for i, event in enumerate(_list(article, "events")):
        anchor = f"ev-{i}"
        spans = [s for s in (_span(e) for e in (event.get("evidence_all") or [event.get("evidence")])) if s]
        for k, (start, end) in enumerate(spans):
            marks.append(Mark("evidence", start, end, anchor=anchor if k == 0 else f"{anchor}-{k}",
                              title=_event_title(event), group=anchor))
        events.append({**event, "anchor": anchor, "source": event.get("source"), "target": event.get("target"),
                       "place": event.get("place"), "acled_subtype": event.get("acled_subtype"),
                       "date": event.get("date"), "date_from": event.get("date_from"),
                       "fatalities": event.get("fatalities"), "status": event.get("status") or "occurred",
                       "type": event.get("type") or "OTHER"})
    quotes: list[dict[str, Any]] = []
    for i, quote in enumerate(_list(article, "quotes")):
        span = _span(quote)
        if span is None:
            continue
        speaker = quote.get("speaker")
        marks.append(Mark("quote", *span, anchor=f"q-{i}", title=f"quote ({quote.get('kind') or 'direct'}) by "
                          f"{speaker or 'unknown speaker'}"))
        sp = _span(quote.get("speaker_span"))
        if sp:
            marks.append(Mark("speaker", *sp, anchor=f"sp-{i}", title=f"speaker: {speaker}",
                              href=f"{root}/quotes?{urlencode({'speaker': speaker or ''})}"))
        quotes.append({"anchor": f"q-{i}", "speaker": speaker, "text": quote.get("text") or text[span[0]:span[1]],
                       "kind": quote.get("kind") or "direct"})
    places: list[dict[str, Any]] = []
    for i, place in enumerate(_list(article, "places")):
        span = _span(place)
        if span is None:
            continue
        name = str(place.get("name") or place.get("text") or "")
        where = f" ({place.get('country')}, {place.get('feature')})" if place.get("country") else ""
        marks.append(Mark("place", *span, anchor=f"pl-{i}", title=f"place: {name}{where}",
                          href=f"{root}/?{urlencode({'place': name})}"))
        places.append({"anchor": f"pl-{i}", "text": place.get("text") or text[span[0]:span[1]], "name": name,
                       "country": place.get("country"), "feature": place.get("feature"),
                       "lat": place.get("lat"), "lon": place.get("lon")})
    times: list[dict[str, Any]] = []
    for i, t in enumerate(_list(article, "times")):
        span = _span(t)
        if span is None:
            continue
        value = t.get("value")
        href = f"{root}/?{urlencode({'from': value, 'to': value})}" if isinstance(value, str) and _DAY.match(value) \
            else ""
        marks.append(Mark("date", *span, anchor=f"t-{i}", title=f"date: {value or 'unresolved'}", href=href))
        times.append({"anchor": f"t-{i}", "text": t.get("text") or text[span[0]:span[1]], "value": value})
    quantities: list[dict[str, Any]] = []
    for i, q in enumerate(_list(article, "quantities")):
        span = _span(q)
        if span is None:
            continue
        label = _figure_label(q)
        marks.append(Mark("figure", *span, anchor=f"f-{i}", title=f"figure: {label}"))
        quantities.append({"anchor": f"f-{i}", "text": q.get("text") or text[span[0]:span[1]], "label": label})
    if target is not None:
        marks.append(Mark("target", target[0], target[1], anchor="hl", title="the evidence you followed"))
    body: Markup = render_marked(text, marks)
    return {"body": body, "events": events, "quotes": quotes, "places": places, "times": times,
            "quantities": quantities, "layers": LAYERS}


def _list(article: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    value = article.get(key)
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list | tuple) else []
