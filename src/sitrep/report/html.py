"""A situation report as HTML: a standalone file (``sitrep report --format html``)
or the body of the interface's ``/report`` page.  Jinja2 autoescapes every
value, so article text cannot become markup."""

from __future__ import annotations

from .. import __version__
from ..web import STATIC_DIR, environment
from .build import SituationReport


def render_html(report: SituationReport, base_url: str = "") -> str:
    """A self-contained HTML page (its stylesheet inlined, no script)."""
    css = (STATIC_DIR / "report.css").read_text(encoding="utf-8")
    template = environment().get_template("report_standalone.html")
    return template.render(report=report, base=base_url.rstrip("/"), css=css, version=__version__)
