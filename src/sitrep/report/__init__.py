"""Situation reports: key events day by day, figures and their trend, key
statements with speakers, sources counted; every line links to its evidence.

    inputs = inputs_from_analyses(analyses)          # or inputs_from_rows(events, quotes, articles)
    report = build_report(inputs, place="Aleppo", date_from=date(2016, 12, 1), date_to=date(2016, 12, 15))
    print(render_markdown(report))
"""

from __future__ import annotations

from .build import EventLine, FigurePoint, FigureSeries, ReportDay, SituationReport, StatementLine, build_report
from .html import render_html
from .markdown import render_markdown
from .model import (
    Evidence,
    ReportEvent,
    ReportFigure,
    ReportInputs,
    ReportStatement,
    Source,
    inputs_from_analyses,
    inputs_from_rows,
)
from .serialize import report_to_dict

__all__ = [
    "EventLine", "Evidence", "FigurePoint", "FigureSeries", "ReportDay", "ReportEvent", "ReportFigure",
    "ReportInputs", "ReportStatement", "SituationReport", "Source", "StatementLine", "build_report",
    "inputs_from_analyses", "inputs_from_rows", "render_html", "render_markdown", "report_to_dict",
]
