"""Quantities: counts of people and things, percentages, money, with their head noun and role.

``quantities_stage`` is the pipeline stage; ``tag_quantities`` does the same
on a text (with a spaCy Doc for head nouns and roles when one is at hand).
``fatalities`` sums up the killed counts of a stretch of text for the event
extractor.

Steps: ``numbers_grammar.find_counts`` reads the counts (time expressions
blanked out first, so "en 2012" or "trois semaines" are never quantities);
``numbers_roles`` finds each count's head noun, unit and role.  A count is
kept when it is a percentage or money, or when it has a head noun, or when a
casualty word goes with it ("5 were killed"); an article read as a number
("un soldat", "aucun mort", "no deaths") only with a casualty word.

Each ``Quantity`` spans the count and its head noun ("8.000 personnes",
"des dizaines de milliers de civils", "au moins 12 morts").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..records import Analysis, Quantity, Span
from .numbers_grammar import Count, find_counts
from .numbers_roles import count_role, head_from_text, head_token, unit_of_token
from .timex_grammar import find_mentions
from .timex_lexicon import SUPPORTED, load_lexicon

if TYPE_CHECKING:
    from ..pipeline import Context

PEOPLE_ROLES = frozenset({"killed", "injured", "displaced", "evacuated", "arrested", "missing", "abducted",
                          "protesters", "released", "rioters", "victims", "casualties"})


def _quantity_with_doc(text: str, count: Count, doc: Any, lang: str) -> Quantity | None:
    head = head_token(doc, count.start, count.end, lang) if count.unit is None else None
    num = doc.char_span(count.start, count.end, alignment_mode="expand")
    number = num.root if num is not None and len(num) else None
    unit, head_text, span_end = count.unit, None, count.end
    if head is not None:
        info = unit_of_token(head, lang)
        unit, head_text = (info.unit if info else "count"), head.text
        span_end = head.idx + len(head.text)
    role = count_role(head, number, lang) if count.unit is None else None
    if role not in PEOPLE_ROLES:
        role = None
    if role and unit in (None, "count"):
        unit = "person"  # "5 were killed", "No one was hurt"
    elif unit != "person":
        role = None
    if unit is None or (count.weak and not role):
        return None
    return _make(text, count, span_end, unit, head_text, role)


def _quantity_from_text(text: str, count: Count, lang: str) -> Quantity | None:
    found = head_from_text(text, count.end, lang) if count.unit is None else None
    if found is None:
        if count.unit is None:
            return None
        return _make(text, count, count.end, count.unit, None, None)
    _, head_end, info = found
    if count.weak and not info.role:
        return None
    return _make(text, count, head_end, info.unit, text[found[0] : head_end], info.role)


def _make(text: str, count: Count, end: int, unit: str, head: str | None, role: str | None) -> Quantity:
    return Quantity(Span(count.start, end), text[count.start : end], count.value, unit, head=head,
                    low=count.low, high=count.high, approximate=count.approximate, role=role)


def tag_quantities(text: str, lang: str, doc: Any | None = None) -> list[Quantity]:
    """The quantities of ``text``; with a spaCy ``doc`` of the same text, head nouns and roles too."""
    if lang not in SUPPORTED or not text:
        return []
    lex = load_lexicon(lang)
    times = [Span(m.start, m.end) for m in find_mentions(text, lex)]
    out: list[Quantity] = []
    for count in find_counts(text, lang, [(t.start, t.end) for t in times]):
        q = _quantity_with_doc(text, count, doc, lang) if doc is not None else _quantity_from_text(text, count, lang)
        if q is None or q.unit == "fraction" or (out and q.span.overlaps(out[-1].span)):
            continue  # "deux tiers" is a fraction, not a count
        if any(q.span.overlaps(t) for t in times) or (q.head and lex.lookup(lex.units, q.head)):  # type: ignore[arg-type]
            continue  # "six ans" after a name is an age; "trois samedi" runs into a date
        out.append(q)
    return out


def quantities_stage(analysis: Analysis, ctx: Context) -> Analysis:
    """Pipeline stage: fill ``analysis.quantities``."""
    lang = analysis.article.language or ""
    if lang not in SUPPORTED:
        note = f"quantities: no number resources for language {lang!r}; none tagged"
        return replace(analysis, notes=analysis.notes + (note,))
    ctx.resource(f"timex-lexicon:{lang}", lambda: load_lexicon(lang))
    return replace(analysis, quantities=tuple(tag_quantities(analysis.article.text, lang, analysis.doc)))


def fatalities(quantities: Iterable[Quantity], span: Span | None = None, *, combine: str = "max") -> int | None:
    """The number of people killed that ``quantities`` report inside ``span`` (all of them when None).

    For the event extractor: pass ``analysis.quantities`` and the event's evidence span.  Only
    quantities whose ``role`` is ``"killed"`` count ("12 morts", "5 soldiers were killed", "a tué 3
    civils"); a range or "at least" counts its low end (``value``), as ACLED codes the lowest
    figure reported.  ``combine="max"`` (the default) takes the largest figure, so a toll repeated in
    two sentences is not counted twice; ``combine="sum"`` adds them ("3 soldats et 2 civils tués").
    "aucun mort" / "no deaths" gives 0.  None when no killed count lies in the span::

        fatalities(analysis.quantities, event.evidence[0])   # -> 12
    """
    values = [q.value for q in quantities
              if q.role == "killed" and q.value is not None and (span is None or span.contains(q.span))]
    if not values:
        return None
    total = sum(values) if combine == "sum" else max(values)
    return int(total)
