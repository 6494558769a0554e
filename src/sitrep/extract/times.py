"""Time expressions: tag them and normalise them to TIMEX3 values.

``times_stage`` is the pipeline stage; ``tag_times`` does the same work on a
text without the pipeline (with a spaCy Doc when one is at hand, for the
tense of each clause).

Three steps, each in its own module:

1. ``timex_grammar.find_mentions``: the patterns of
   ``resources/<lang>/timex_rules.tsv`` find the expressions and read what
   each says (day, month, weekday, unit, shift...);
2. ``timex_tense.direction``: for the expressions that need it (a bare
   weekday, a day without a year, "aujourd'hui"), the tense of the clause
   says whether they point back or forward;
3. ``timex_resolve.resolve``: the value against the publication date.
   Times of day ("à 15 h 45") take the date named in the same sentence, or
   the publication date; "le même jour" takes the last date named.

Span conventions follow FR-TimeBank: "le" before a day of the month is part
of the expression ("le 15 novembre"), prepositions are not ("en 2012",
"depuis mardi", "pendant trois semaines" -> "trois semaines").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ..records import Analysis, Span, TimeExpr
from .timex_grammar import Mention, TimeSpec, find_mentions
from .timex_lexicon import SUPPORTED, TimexLexicon, load_lexicon
from .timex_resolve import Resolved, resolve
from .timex_tense import direction

if TYPE_CHECKING:
    from ..pipeline import Context

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _needs_direction(spec: TimeSpec) -> bool:
    if spec.kind != "date" or spec.generic:
        return False
    if spec.weekday is not None and spec.day is None:
        return True
    if spec.month is not None and spec.year is None:
        return True
    return spec.season is not None or spec.has_day_word or spec.easter_offset is not None


def _day_of(value: str | None) -> date | None:
    m = _DAY_VALUE.match(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _sentence_bounds(text: str, doc: Any | None) -> list[tuple[int, int]]:
    if doc is not None and doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(bounds):
        if s <= pos < e:
            return i
    return len(bounds) - 1


def _is_noun_modifier(doc: Any | None, mention: Mention) -> bool:
    """ "les élections d'aujourd'hui": the day word qualifies a noun, so it names a date."""
    if doc is None:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return bool(span) and span.root.dep_ in ("nmod", "compound") and span.root.head.pos_ == "NOUN"


def _base_for_clock(i: int, mentions: list[Mention], days: list[date | None],
                    sentence: list[int]) -> date | None:
    """The date a bare time of day belongs to: the nearest date named in its sentence."""
    same = [j for j in range(len(mentions)) if sentence[j] == sentence[i] and j != i and days[j]]
    before = [j for j in same if j < i]
    if before:
        return days[before[-1]]
    return days[same[0]] if same else None


def _bare_weekday(spec: TimeSpec) -> bool:
    return spec.weekday is not None and spec.day is None and not spec.shift and not spec.generic


def _weekday_from_document(i: int, mentions: list[Mention], results: list[Resolved | None]) -> date | None:
    """The date another mention of the same weekday already pinned down ("samedi 29 mai" ... "samedi")."""
    weekday = mentions[i].spec.weekday
    for j, other in enumerate(mentions):
        day = _day_of(results[j].value) if results[j] is not None else None  # type: ignore[union-attr]
        if j != i and day is not None and other.spec.weekday == weekday and day.isoweekday() == weekday:
            return day
    return None


def _frame(mentions: list[Mention], ways: list[str | None]) -> str | None:
    """The article's frame: which way its weekdays with a clear tense point, when they agree."""
    past = sum(1 for m, w in zip(mentions, ways, strict=True) if _bare_weekday(m.spec) and w in ("past", "imperfect"))
    future = sum(1 for m, w in zip(mentions, ways, strict=True) if _bare_weekday(m.spec) and w == "future")
    if past > future:
        return "past"
    if future > past:
        return "future"
    return None


def _resolve_all(text: str, mentions: list[Mention], lex: TimexLexicon, anchor: date | None,
                 doc: Any | None) -> list[Resolved]:
    """Resolve in three passes: dated expressions, then weekdays without a tense, then bare clock times."""
    bounds = _sentence_bounds(text, doc)
    sentence = [_sentence_of(bounds, m.start) for m in mentions]
    ways = [direction(doc, m.start, m.end, lex, text) if doc is not None and _needs_direction(m.spec) else None
            for m in mentions]
    results: list[Resolved | None] = [None] * len(mentions)
    days: list[date | None] = [None] * len(mentions)
    last_day: date | None = None
    weekdays, clocks = [], []
    for i, m in enumerate(mentions):
        spec = m.spec
        if spec.hour is not None and spec.weekday is None and spec.offset is None:
            clocks.append(i)  # a bare clock time waits for the dates of its sentence
            continue
        if _bare_weekday(spec) and ways[i] in (None, "present") and anchor is not None:
            weekdays.append(i)  # no tense to go by: the rest of the article decides
            continue
        if spec.has_day_word and ways[i] in ("present", "imperfect") and not _is_noun_modifier(doc, m):
            spec = replace(spec, kind="ref", value="PRESENT_REF")  # "rien ne justifie aujourd'hui"
        results[i] = resolve(spec, anchor, ways[i], base=last_day)
        days[i] = _day_of(results[i].value)  # type: ignore[union-attr]
        last_day = days[i] or last_day
    frame = _frame(mentions, ways)
    for i in weekdays:
        known = _weekday_from_document(i, mentions, results)
        if known is not None:
            spec = mentions[i].spec
            value = known.isoformat() + (f"T{spec.part}" if spec.part else "")
            results[i] = Resolved("TIME" if spec.part else "DATE", value, True, ("same-weekday-in-article",))
        else:
            # No verb: the article's frame decides.  A present tense ("vous invite dimanche") keeps the
            # nearest day unless the article looks forward, as announcements written in the present do.
            use_frame = frame if ways[i] is None or frame == "future" else None
            res = resolve(mentions[i].spec, anchor, use_frame or ways[i])
            results[i] = Resolved(res.type, res.value, res.anchored, ("article-frame",)) if use_frame else res
        days[i] = _day_of(results[i].value)  # type: ignore[union-attr]
    for i in clocks:
        base = _base_for_clock(i, mentions, days, sentence) or anchor
        res = resolve(mentions[i].spec, anchor, None, base=base)
        if base is not anchor and res.value:
            res = Resolved(res.type, res.value, res.anchored, ("date-from-sentence",))
        results[i] = res
    return [r for r in results if r is not None]


def tag_times(text: str, lang: str, published: date | None = None, doc: Any | None = None) -> list[TimeExpr]:
    """The time expressions of ``text``, normalised against ``published`` (the anchor)."""
    if lang not in SUPPORTED or not text:
        return []
    lex = load_lexicon(lang)
    mentions = find_mentions(text, lex)
    resolved = _resolve_all(text, mentions, lex, published, doc)
    return [
        TimeExpr(Span(m.start, m.end), text[m.start : m.end], r.type, r.value,  # type: ignore[arg-type]
                 anchored=r.anchored, flags=r.flags)
        for m, r in zip(mentions, resolved, strict=True)
    ]


def times_stage(analysis: Analysis, ctx: Context) -> Analysis:
    """Pipeline stage: fill ``analysis.times``."""
    article = analysis.article
    lang = article.language or ""
    if lang not in SUPPORTED:
        note = f"times: no time-expression resources for language {lang!r}; none tagged"
        return replace(analysis, notes=analysis.notes + (note,))
    ctx.resource(f"timex-lexicon:{lang}", lambda: load_lexicon(lang))
    times = tag_times(article.text, lang, article.published, analysis.doc)
    return replace(analysis, times=tuple(times))
