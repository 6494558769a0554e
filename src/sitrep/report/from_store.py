"""Reports from the store: events of a place and period read through the
store's query API, with the figures, quotes and metadata of their articles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .build import SituationReport, build_report
from .model import ReportInputs, inputs_from_rows

MAX_EVENTS = 20_000  # events a report reads at most; the rest is counted and said
MAX_ARTICLES = 500  # articles whose figures and quotes are read
PAGE = 1000


def _evidence_text(event: dict[str, Any], texts: dict[str, str]) -> str:
    ev = event.get("evidence") or {}
    text = texts.get(str(event.get("article_id")), "")
    if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return text[ev["start"]:ev["end"]]
    return ""


def report_inputs(events_page: Callable[[int, int], tuple[list[dict[str, Any]], int]],
                  article: Callable[[str], dict[str, Any] | None],
                  max_events: int = MAX_EVENTS) -> tuple[ReportInputs, int]:
    """Inputs from a paged event query (``events_page(limit, offset)``) and an article lookup.

    Returns the inputs and how many matching events were left unread.
    """
    events: list[dict[str, Any]] = []
    total = 0
    while len(events) < max_events:
        page, total = events_page(min(PAGE, max_events - len(events)), len(events))
        events.extend(dict(e) for e in page)
        if len(page) < PAGE:
            break
    ids = list(dict.fromkeys(str(e.get("article_id")) for e in events))[:MAX_ARTICLES]
    articles = [a for a in (article(i) for i in ids) if a is not None]
    texts = {str(a.get("id")): str(a.get("text") or "") for a in articles}
    for e in events:
        if not e.get("evidence_text"):
            e["evidence_text"] = _evidence_text(e, texts)
    quantities = [{**q, "article_id": a["id"]} for a in articles for q in a.get("quantities") or []]
    quotes = [{**q, "article_id": a["id"]} for a in articles for q in a.get("quotes") or []]
    return inputs_from_rows(events, quotes, articles, quantities), max(0, int(total) - len(events))


def report_from_store(db: Path, *, place: str | None = None, date_from: date | None = None,
                      date_to: date | None = None, max_events: int = MAX_EVENTS) -> tuple[SituationReport, int]:
    """The situation report of ``place`` between two days, read from the store at ``db``."""
    from ..api.data import StoreReader
    from ..api.params import Filters

    reader = StoreReader(db)
    inputs, unread = reader.report_inputs(Filters(place=place, date_from=date_from, date_to=date_to), max_events)
    return build_report(inputs, place=place, date_from=date_from, date_to=date_to), unread
