"""A readable situation report of one article: events, figures, statements."""

from __future__ import annotations

from ..records import Actor, Analysis, Event
from ..report.text import number


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return "?"
    code = "/".join(c for c in (actor.country, actor.sector) if c)
    return f"{actor.name or actor.text}" + (f" [{code}]" if code else "")


def _event_line(event: Event, text: str) -> str:
    when = event.date or "date unknown"
    where = event.place.name if event.place else "place unknown"
    who = _actor(event.source)
    whom = f" → {_actor(event.target)}" if event.target else ""
    kind = event.type + (f" / {event.acled_subtype}" if event.acled_subtype else "")
    extra = f", {event.fatalities} killed" if event.fatalities else ""
    status = "" if event.status == "occurred" else f" ({event.status})"
    evidence = event.evidence[0]
    quote = " ".join(text[evidence.start:evidence.end].split())
    if len(quote) > 160:
        quote = quote[:157] + "..."
    return (f"- {when}, {where}: {kind}{status}: {who}{whom}{extra}\n"
            f"    evidence [{evidence.start}:{evidence.end}]: \"{quote}\"")


def render_text(analysis: Analysis) -> str:
    article = analysis.article
    lines: list[str] = []
    header = article.title or article.id
    meta = ", ".join(x for x in (article.site, article.published.isoformat() if article.published else None,
                                 article.language) if x)
    lines.append(f"# {header}" + (f" ({meta})" if meta else ""))
    if analysis.events:
        lines.append("")
        lines.append("## What happened")
        ordered = sorted(analysis.events, key=lambda e: (e.date or "9999", e.evidence[0].start))
        lines.extend(_event_line(e, article.text) for e in ordered)
    figures = [q for q in analysis.quantities if q.unit not in ("other",)]
    if figures:
        lines.append("")
        lines.append("## Figures")
        for q in figures:
            role = f" ({q.role})" if q.role else ""
            lines.append(f"- {q.text}: {number(q.value, q.low, q.high)} {q.unit}{role} [{q.span.start}:{q.span.end}]")
    if analysis.quotes:
        lines.append("")
        lines.append("## Who said what")
        for quote in analysis.quotes:
            said = " ".join(quote.text.split())
            if len(said) > 200:
                said = said[:197] + "..."
            lines.append(f"- {quote.speaker or 'unknown speaker'} ({quote.kind}): «{said}» "
                         f"[{quote.span.start}:{quote.span.end}]")
    if analysis.places:
        seen: dict[str, str] = {}
        for p in analysis.places:
            seen.setdefault(p.name, f"{p.name} ({p.country or '?'}, {p.feature})")
        lines.append("")
        lines.append("## Places")
        lines.append("- " + "; ".join(seen.values()))
    if article.credits:
        lines.append("")
        lines.append("Credits: " + "; ".join(article.credits))
    return "\n".join(lines) + "\n"
