"""A situation report as Markdown; every line links to its evidence."""

from __future__ import annotations

import re
from urllib.parse import quote

from .build import SituationReport
from .model import Evidence
from .text import (
    counts_line,
    day_heading,
    event_summary,
    events_href,
    evidence_href,
    evidence_label,
    excerpt,
    point_value,
    series_summary,
    sources_phrase,
    title,
)

# Characters that would let article text turn into links, emphasis, code, tables or headings.  A
# parenthesis makes no link without the brackets before it, which are escaped; "<" and ">" become
# entities, so no raw HTML either.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str) -> str:
    """Article text made inert in Markdown: HTML escaped, Markdown syntax backslashed."""
    flat = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _links(evidence: tuple[Evidence, ...] | list[Evidence], base_url: str) -> str:
    return ", ".join(f"[{md_escape(evidence_label(e))}]({evidence_href(e, base_url)})" for e in evidence)


def render_markdown(report: SituationReport, base_url: str = "") -> str:
    out: list[str] = [f"# {md_escape(title(report))}", "", md_escape(counts_line(report))]
    if report.empty:
        out += ["", "Nothing was found for this place and period."]
    out += ["", "## Key events day by day"]
    if not report.days:
        out += ["", "No dated event."]
    for day in report.days:
        out += ["", f"### {day_heading(day.day)}", ""]
        for line in day.lines:
            out.append(f"- {md_escape(event_summary(line))}. {sources_phrase(line.sources)}: "
                       f"{_links(line.evidence, base_url)}")
            if line.evidence[0].text:
                out.append(f"  > {md_escape(excerpt(line.evidence[0].text))}")
        if day.more:
            out.append(f"- and [{day.more} more event{'s' if day.more != 1 else ''} that day]"
                       f"({events_href(report, base_url, day.day)}).")
    if report.undated_events:
        out += ["", f"{report.undated_events} event(s) at this place had no usable date and are not listed "
                f"([the events there]({events_href(report, base_url)}))."]
    out += ["", "## Figures and their trend"]
    if not report.figures:
        out += ["", "No figure reported."]
    current = None
    for s in report.figures:
        if s.title != current:
            out += ["", f"### {md_escape(s.title)}", ""]
            current = s.title
        ends = [s.first.evidence] if s.first is s.last else [s.first.evidence, s.last.evidence]
        out.append(f"- **{md_escape(series_summary(s))}** {_links(ends, base_url)}")
        for p in s.points:
            out.append(f"  - {p.day.isoformat()}: {point_value(p)} “{md_escape(excerpt(p.text, 80))}” "
                       f"{_links([p.evidence], base_url)}")
    out += ["", "## Key statements"]
    if not report.statements:
        out += ["", "No statement reported."]
    else:
        out.append("")
    for st in report.statements:
        who = md_escape(st.speaker) if st.speaker else "unknown speaker"
        when = st.day.isoformat() if st.day else "undated"
        again = f" (in {st.repeated} articles)" if st.repeated > 1 else ""
        out.append(f"- **{who}** ({when}, {st.kind}): “{md_escape(excerpt(st.text, 300))}”{again} "
                   f"{_links([st.evidence], base_url)}")
    out += ["", "## Sources", ""]
    if not report.sources:
        out.append("No article.")
    else:
        out += ["| article | published | site | title |", "|---|---|---|---|"]
        for src in report.sources:
            link = f"[{md_escape(src.article_id)}]({base_url.rstrip('/')}/articles/{quote(src.article_id, safe='')})"
            out.append(f"| {link} | {src.published.isoformat() if src.published else ''} | "
                       f"{md_escape(src.site or '')} | {md_escape(src.title or '')} |")
    return "\n".join(out) + "\n"
