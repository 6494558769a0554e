"""The web interface's templates and static files, served by ``sitrep.api``.

Nothing here is built at run time: templates are Jinja2 with autoescaping on,
scripts are plain files loaded from ``static/`` (the Content-Security-Policy
forbids inline script), and front-end libraries are vendored in
``static/vendor/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATES_DIR = WEB_DIR / "templates"

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "WEB_DIR", "environment", "safe_url"]


def safe_url(value: Any) -> str:
    """``value`` when it is an http(s) URL, else "" (no ``javascript:`` link from a scraped page)."""
    if not isinstance(value, str):
        return ""
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return ""
    return value.strip() if scheme in ("http", "https") else ""


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: autoescaping for every template, undefined names are errors."""
    from jinja2 import StrictUndefined

    from ..report import text as report_text

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.globals.update(
        evidence_href=report_text.evidence_href,
        evidence_label=report_text.evidence_label,
        events_href=report_text.events_href,
        excerpt=report_text.excerpt,
        event_summary=report_text.event_summary,
        series_summary=report_text.series_summary,
        point_value=report_text.point_value,
        day_heading=report_text.day_heading,
        sources_phrase=report_text.sources_phrase,
        counts_line=report_text.counts_line,
        report_title=report_text.title,
    )
    return env
