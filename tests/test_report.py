"""Situation reports built from team-written articles analysed by hand."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

from sitrep.output.contract import to_contract
from sitrep.report import (
    build_report,
    inputs_from_analyses,
    inputs_from_rows,
    render_html,
    render_markdown,
    report_to_dict,
)
from sitrep.report.markdown import md_escape

from .test_web_articles import all_articles, xss_article

DEC1, DEC15 = date(2016, 12, 1), date(2016, 12, 15)


def aleppo_report():
    return build_report(inputs_from_analyses(all_articles()), place="Aleppo", date_from=DEC1, date_to=DEC15)


def test_events_are_grouped_by_day_and_place() -> None:
    report = aleppo_report()
    assert [d.day for d in report.days] == [date(2016, 12, 4), date(2016, 12, 12), date(2016, 12, 14)]
    first = report.days[0]
    # The shelling with 12 dead ranks before the taking of the district (deaths first).
    assert [line.fatalities for line in first.lines] == [12, None]
    assert all(line.place == "Aleppo" for d in report.days for line in d.lines)
    assert report.events_counted == 5
    # Gao (Mali, 2024) and Dhaka are elsewhere and outside the period.
    assert {s.article_id for s in report.sources} == {"al-army-1", "al-evac-fr", "al-evac-en"}


def test_place_matches_regardless_of_case_and_accents() -> None:
    inputs = inputs_from_analyses(all_articles())
    assert build_report(inputs, place="aleppo").events_counted == 5
    assert build_report(inputs, place="Aleppo Governorate").events_counted == 5
    assert build_report(inputs, place="Alep").events_counted == 1  # the French article's place text
    assert build_report(inputs, place="Timbuktu").empty


def test_figures_follow_their_trend() -> None:
    series = {(s.group, s.label): s for s in aleppo_report().figures}
    evacuated = series[("evacuated", "evacuated")]
    assert [p.day for p in evacuated.points] == [date(2016, 12, 12), date(2016, 12, 14)]
    assert evacuated.trend == "rising"  # more than 3,000 then about 8,000
    territory = series[("territory", "controlled")]
    assert territory.trend == "falling"  # 40% then less than 5%
    assert (territory.first.value, territory.last.high) == (40, 5)
    killed = series[("casualties", "killed")]
    assert killed.first.evidence.article_id == "al-army-1"
    # Deaths are counted incident by incident: the days add up (12 + 3), no "falling" trend is claimed.
    assert (killed.kind, killed.total, killed.days) == ("count", 15, 2)


def test_key_statements_keep_their_speakers() -> None:
    said = {s.speaker: s for s in aleppo_report().statements}
    assert set(said) == {"Ahmad Khalil", "Marianne Gasser"}
    assert said["Marianne Gasser"].day == date(2016, 12, 13)


def test_dates_outside_the_period_are_left_out() -> None:
    inputs = inputs_from_analyses(all_articles())
    report = build_report(inputs, place="Aleppo", date_from=date(2016, 12, 13), date_to=date(2016, 12, 31))
    assert [d.day for d in report.days] == [date(2016, 12, 14)]
    # from > to is read as the same period the other way round
    swapped = build_report(inputs, place="Aleppo", date_from=date(2016, 12, 31), date_to=date(2016, 12, 13))
    assert [d.day for d in swapped.days] == [date(2016, 12, 14)]


def test_every_markdown_line_links_to_its_evidence() -> None:
    md = render_markdown(aleppo_report(), base_url="http://127.0.0.1:8000")
    assert md.startswith("# Situation report: Aleppo, 2016-12-01 to 2016-12-15\n")
    lines = [line for line in md.splitlines() if line.startswith("- ") and "more event" not in line]
    assert lines
    link = re.compile(r"\]\(http://127\.0\.0\.1:8000/articles/[^)?]+\?hl=\d+-\d+#hl\)")
    for line in lines:
        assert link.search(line), line
    # Events counted but not listed link to the interface's events of that place and day.
    few = render_markdown(build_report(inputs_from_analyses(all_articles()), place="Aleppo", max_events_per_day=1),
                          base_url="http://127.0.0.1:8000")
    more = [line for line in few.splitlines() if "more event" in line]
    assert more
    for line in more:
        assert re.search(r"\]\(http://127\.0\.0\.1:8000/\?place=Aleppo&from=(\d{4}-\d\d-\d\d)&to=\1\)", line), line
    assert "## Key events day by day" in md and "## Figures and their trend" in md
    assert "## Key statements" in md and "## Sources" in md
    assert "Marianne Gasser" in md and "3 articles counted" in md


def test_evidence_offsets_point_at_the_right_words() -> None:
    articles = {a.article.id: a.article.text for a in all_articles()}
    report = aleppo_report()
    for day in report.days:
        for line in day.lines:
            for ev in line.evidence:
                assert articles[ev.article_id][ev.start:ev.end] == ev.text
    for s in report.figures:
        for p in s.points:
            assert articles[p.evidence.article_id][p.evidence.start:p.evidence.end] == p.text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_report_is_standalone_and_inert() -> None:
    report = build_report(inputs_from_analyses([xss_article(), *all_articles()]), place="Dhaka")
    page = render_html(report)
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert "&lt;b onmouseover=alert(3)&gt;" in page  # the actor's text, shown as text
    assert "<style>" in page and "stylesheet" not in page  # no file beside it needed
    assert 'href="/articles/xss-1?hl=' in page


def test_markdown_escapes_article_text() -> None:
    assert md_escape("<script>x</script> [a](javascript:1)") == (
        "&lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:1)")
    md = render_markdown(build_report(inputs_from_analyses([xss_article()])))
    assert "<script>" not in md and "<img" not in md and "<b " not in md


def test_rows_give_the_same_report_as_records() -> None:
    analyses = all_articles()
    events, quotes, articles, quantities = [], [], [], []
    for a in analyses:
        c = to_contract(a)
        articles.append({k: c[k] for k in ("id", "title", "published", "site", "url", "language", "places")})
        for e in c["events"]:
            start, end = e["evidence"]["start"], e["evidence"]["end"]
            events.append({**e, "article_id": a.article.id, "evidence_text": a.article.text[start:end]})
        quotes.extend({**q, "article_id": a.article.id} for q in c["quotes"])
        quantities.extend({**q, "article_id": a.article.id} for q in c["quantities"])
    from_rows = build_report(inputs_from_rows(events, quotes, articles, quantities), place="Aleppo",
                             date_from=DEC1, date_to=DEC15)
    from_records = aleppo_report()
    assert from_rows.days == from_records.days
    assert from_rows.figures == from_records.figures
    assert {s.speaker for s in from_rows.statements} == {s.speaker for s in from_records.statements}


def test_report_json_has_links_and_counts() -> None:
    data = report_to_dict(aleppo_report(), base_url="")
    assert data["counts"]["articles"] == 3
    first = data["days"][0]["lines"][0]["evidence"][0]
    assert first["href"].startswith("/articles/al-army-1?hl=")
    assert data["figures"][0]["summary"]
    assert data["date_from"] == "2016-12-01"


def test_an_empty_report_says_so() -> None:
    report = build_report(inputs_from_analyses([]), place="Nowhere")
    assert report.empty
    assert "Nothing was found" in render_markdown(report)
    assert "Nothing was found" in render_html(report)
