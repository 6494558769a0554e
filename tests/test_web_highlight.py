"""The article view's highlighting: escaped text, marks that always nest, links that work."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from sitrep.output.contract import to_contract
from sitrep.web import safe_url
from sitrep.web.article_view import article_view
from sitrep.web.highlight import Mark, render_marked

from .test_web_articles import XSS_TEXT, aleppo_army, xss_article


class _Checker(HTMLParser):
    """Collects the text and checks that every tag closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.stack
    return checker


def test_crossing_spans_are_split_and_nest() -> None:
    text = "abcdefghij"
    html = render_marked(text, [Mark("evidence", 0, 6, anchor="e"), Mark("place", 4, 9, anchor="p", href="/x")])
    checker = parse(str(html))
    assert "".join(checker.text) == text
    ids = [attrs.get("id") for _, attrs in checker.tags if attrs.get("id")]
    assert ids == ["e", "p"]  # an anchor is given once, to the first piece
    assert str(html).count('data-span="4-9"') == 2  # the place was cut in two where the evidence ends


def test_a_link_never_opens_inside_a_link() -> None:
    html = str(render_marked("0123456789", [Mark("place", 0, 8, href="/a"), Mark("date", 2, 5, href="/b")]))
    assert html.count("<a ") == 1 and "<mark" in html
    parse(html)


def test_spans_outside_the_text_are_dropped() -> None:
    html = str(render_marked("short", [Mark("place", 3, 50), Mark("date", -1, 2), Mark("figure", 4, 4)]))
    assert html == "short"


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45),
                                                 st.sampled_from(["evidence", "quote", "place", "date", "figure"])),
                                       max_size=8))
def test_any_marks_keep_the_text_and_nest(text: str, raw: list[tuple[int, int, str]]) -> None:
    marks = [Mark(kind, min(a, b), max(a, b), href="/h" if kind == "place" else "") for a, b, kind in raw]
    checker = parse(str(render_marked(text, marks)))
    assert "".join(checker.text) == text


def test_script_payloads_in_the_text_stay_text() -> None:
    view = article_view(to_contract(xss_article()))
    html = str(view["body"])
    checker = parse(html)
    assert {tag for tag, _ in checker.tags} <= {"mark", "a"}
    assert not any(k.startswith("on") for _, attrs in checker.tags for k in attrs)
    assert "".join(checker.text) == XSS_TEXT
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_article_view_highlights_every_kind_with_links() -> None:
    view = article_view(to_contract(aleppo_army()), root="", target=(10, 20))
    html = str(view["body"])
    for kind in ("evidence", "quote", "speaker", "place", "date", "figure", "target"):
        assert f"hl-{kind}" in html, kind
    assert re.search(r'<a class="hl hl-place" id="pl-\d+" title="place: Aleppo \(SY, city\)"', html)
    assert 'href="/?from=2016-12-04&amp;to=2016-12-04"' in html
    assert 'id="hl"' in html
    assert [e["anchor"] for e in view["events"]] == ["ev-0", "ev-1"]
    assert view["quotes"][0]["speaker"] == "Ahmad Khalil"
    assert view["quantities"][0]["label"] == "12 person, killed"


def test_only_http_links_leave_the_page() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url(" JaVaScRiPt:alert(1)") == ""
    assert safe_url("data:text/html,<script>") == ""
    assert safe_url(None) == ""
