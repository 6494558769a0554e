"""A situation report as JSON-ready data (the twin of the ``/report`` page)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from .build import SituationReport
from .model import Evidence
from .text import evidence_href, series_summary


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _with_links(node: Any, base_url: str) -> Any:
    """Each evidence object gains ``href``: the article page with the words highlighted."""
    if isinstance(node, dict):
        out = {k: _with_links(v, base_url) for k, v in node.items()}
        if {"article_id", "start", "end"} <= out.keys():
            out["href"] = evidence_href(Evidence(out["article_id"], out["start"], out["end"]), base_url)
        return out
    if isinstance(node, list):
        return [_with_links(v, base_url) for v in node]
    return node


def report_to_dict(report: SituationReport, base_url: str = "") -> dict[str, Any]:
    data = _plain(asdict(report))
    for series, raw in zip(data["figures"], report.figures, strict=True):
        series["summary"] = series_summary(raw)
    data["counts"] = {
        "articles": len(report.sources), "events": report.events_counted, "statements": len(report.statements),
        "undated_events": report.undated_events, "sites": dict(report.sites), "languages": dict(report.languages),
    }
    result: dict[str, Any] = _with_links(data, base_url)
    return result
