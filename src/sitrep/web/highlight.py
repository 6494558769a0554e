"""Article text as HTML with its facts highlighted: escaped text, nested marks.

Spans overlap (a place inside an event's evidence, a date inside a quote) and
may cross.  The text is cut at every span boundary; each piece is wrapped in
the marks active over it, outermost (earliest start, longest) first, and a
mark that crosses another is closed and reopened, so the HTML always nests.
Every character of the article goes through ``html.escape``: nothing in the
text can become markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

# Kinds drawn as links (short, leaf-like spans); an <a> never opens inside another <a>.
LINK_KINDS = frozenset({"place", "date", "figure", "speaker"})
# Rank among marks with the same start and end: evidence outside, details inside.
KIND_ORDER = {"target": 0, "evidence": 1, "quote": 2, "speaker": 3, "place": 4, "date": 5, "figure": 6}


@dataclass(frozen=True, slots=True)
class Mark:
    kind: str  # evidence | quote | speaker | place | date | figure | target
    start: int
    end: int
    anchor: str = ""  # id given to the mark's first piece, for #links
    title: str = ""  # tooltip
    href: str = ""  # where a link-kind mark leads
    group: str = ""  # e.g. the event an evidence belongs to (data-group, used by the page's script)


def _order(mark: Mark) -> tuple[int, int, int, str]:
    return (mark.start, -mark.end, KIND_ORDER.get(mark.kind, 9), mark.anchor)


def _open_tag(mark: Mark, first_piece: bool, inside_link: bool) -> tuple[str, str]:
    attrs = [f'class="hl hl-{html.escape(mark.kind)}"']
    if first_piece and mark.anchor:
        attrs.append(f'id="{html.escape(mark.anchor)}"')
    if mark.title:
        attrs.append(f'title="{html.escape(mark.title)}"')
    if mark.group:
        attrs.append(f'data-group="{html.escape(mark.group)}"')
    attrs.append(f'data-span="{mark.start}-{mark.end}"')
    if mark.kind in LINK_KINDS and mark.href and not inside_link:
        attrs.append(f'href="{html.escape(mark.href)}"')
        return f"<a {' '.join(attrs)}>", "</a>"
    return f"<mark {' '.join(attrs)}>", "</mark>"


def valid_marks(text: str, marks: Iterable[Mark]) -> list[Mark]:
    """Marks that fit the text (a stored span past the end is dropped, not drawn wrong)."""
    n = len(text)
    return sorted((m for m in marks if 0 <= m.start < m.end <= n), key=_order)


def render_marked(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` escaped, with each mark's span wrapped in a ``<mark>`` or ``<a>``."""
    ordered = valid_marks(text, marks)
    if not ordered:
        return Markup(html.escape(text))
    cuts = sorted({0, len(text), *(m.start for m in ordered), *(m.end for m in ordered)})
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []  # open marks and their closing tag
    opened: set[int] = set()  # marks whose first piece was written (they keep their id)
    active: list[Mark] = []
    nxt = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > a]
        while nxt < len(ordered) and ordered[nxt].start <= a:
            active.append(ordered[nxt])
            nxt += 1
        active.sort(key=_order)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep][0] is active[keep]:
            keep += 1
        for _, closing in reversed(stack[keep:]):
            out.append(closing)
        del stack[keep:]
        for mark in active[keep:]:
            inside_link = any(closing == "</a>" for _, closing in stack)
            opening, closing = _open_tag(mark, id(mark) not in opened, inside_link)
            opened.add(id(mark))
            out.append(opening)
            stack.append((mark, closing))
        out.append(html.escape(text[a:b]))
    out.extend(closing for _, closing in reversed(stack))
    return Markup("".join(out))
