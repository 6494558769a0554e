"""How many died in an event: the killed figures of its sentence and of the sentences that go on telling it.

A report often names the event first and its toll after ("Armed men attacked a
bus near X. Two passengers died."), or closes with a total ("3 fatalities.").
So the figures are read from the event's sentence and the sentences after it
in the same paragraph, up to one that names a place the event's sentence does
not name (the report has moved on to another happening).  In that stretch:

1. a total ("3 fatalities", "4 dead", "12 morts") is the answer;
2. else the killed figures are added, each distinct one once ("2 soldiers
   were killed ... killed 3 militants" is 5), leaving out a part of a group
   already counted ("one of the victims", "including 2 children");
3. else a phrase without a number says it ("the victim died", "killing him",
   ``death_phrases.tsv``);
4. else a phrase that says nobody died ("no casualties", "sans faire de
   victime") gives 0; with none of these the toll is unknown (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..records import Place, Quantity, Span
from ..resources import load_table

KILLED = {"killed", "dead", "death", "deaths", "fatalities", "killed_or_dead"}
TOTAL_HEADS = {"fatality", "fatalities", "dead", "death", "deaths", "toll", "mort", "morts", "deces", "décès"}
# a count that is part of a group counted already: "one of the victims", "including 2 children"
PART_BEFORE = re.compile(r"(?:including|among them|among whom|of whom|dont|parmi (?:eux|elles|lesquels|lesquelles))"
                         r"\W*$", re.IGNORECASE)
PART_TEXT = re.compile(r"^\s*\w+\s+(?:of|d'entre|des|de ces)\b", re.IGNORECASE)
FINE_FEATURES = {"district", "neighbourhood", "neighborhood", "village", "city", "town", "locality", "poi",
                 "landmark", "admin3", "admin2"}
_SENTENCE_END = re.compile(r"(?<=[\w»\"')\]][.!?])\s+(?=[«\"A-ZÀ-Ý0-9])")
LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[re.Pattern[str], int], ...]:
    out = []
    for lang in LANGS:
        one, many = _person_patterns(lang)
        for row in load_table(lang, "death_phrases"):
            words = [re.escape(w) for w in row["phrase"].split()]
            body = r"\s+".join(words).replace(r"\{person\}", one).replace(r"\{persons\}", many)
            out.append((re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE), int(row["count"])))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_phrase() -> re.Pattern[str]:
    """One pattern that matches where any of ``_phrases`` does: a single pass tells a stretch that says none."""
    return re.compile("|".join("(?:" + rx.pattern + ")" for rx, _ in _phrases()), re.IGNORECASE)


@lru_cache(maxsize=4096)
def _said(text: str, start: int, end: int) -> tuple[int, ...]:
    """The counts the death phrases of ``text[start:end]`` state, one per match (kept: the events of
    one paragraph read the same sentences)."""
    if not _any_phrase().search(text, start, end):
        return ()
    return tuple(n for rx, n in _phrases() for _ in rx.finditer(text, start, end))


def _person_patterns(lang: str) -> tuple[str, str]:
    """Regex alternations for a singular and a plural word for people, after up to two other words."""
    nouns = sorted({r["noun"] for r in load_table(lang, "quantity_units") if r["unit"] == "person"
                    and " " not in r["noun"]}, key=len, reverse=True)
    plural: set[str] = set()
    for n in nouns:
        plural.update({n + "s", n + "es", n + "x"})
        if n.endswith("man"):
            plural.add(n[:-3] + "men")
        if n.endswith("y"):
            plural.add(n[:-1] + "ies")
    describe = r"(?:[\w'’-]+\s+){0,2}?"
    one = describe + "(?:" + "|".join(re.escape(n) for n in nouns) + ")"
    many = describe + "(?:" + "|".join(re.escape(n) for n in sorted(plural, key=len, reverse=True)) + ")"
    return one, many


def sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The sentences of ``text[lo:hi]`` as punctuation marks them."""
    out, start = [], lo
    for m in _SENTENCE_END.finditer(text, lo, hi):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, hi))
    return [s for s in out if s[0] < s[1]]


def telling(sentence: Span, paragraph: Span | None, text: str, places: Sequence[Place]) -> list[Span]:
    """The event's sentence and the sentences after it in its paragraph that still tell it."""
    if paragraph is None or not text:
        return [sentence]
    own = {p.name for p in places if sentence.start <= p.span.start < sentence.end}
    out = [sentence]
    for lo, hi in sentences(text, sentence.end, paragraph.end):
        named = {p.name for p in places if lo <= p.span.start < hi and p.feature in FINE_FEATURES}
        if named - own:
            break  # another place: another happening
        out.append(Span(lo, hi))
    return out


def _inside(q: Quantity, spans: Sequence[Span]) -> bool:
    return any(s.start <= q.span.start and q.span.end <= s.end for s in spans)


def _part(q: Quantity, text: str) -> bool:
    return bool(PART_TEXT.match(q.text) or PART_BEFORE.search(text[max(0, q.span.start - 20):q.span.start]))


def _value(q: Quantity) -> int | None:
    v = q.value if q.value is not None else q.low
    return int(v) if v is not None else None


def count(stretch: Sequence[Span], quantities: Sequence[Quantity], text: str) -> int | None:
    """Deaths told in ``stretch`` (the event's sentence first), or None when it says nothing of them."""
    killed = [q for q in quantities if (q.role or "") in KILLED and _value(q) is not None and _inside(q, stretch)]
    totals = [q for q in killed if (q.head or "").lower() in TOTAL_HEADS]
    if totals:
        return max(_value(q) or 0 for q in totals)
    seen: set[tuple[int, str]] = set()
    total = 0
    for q in killed:
        if _part(q, text):
            continue
        key = (_value(q) or 0, (q.head or "").lower().rstrip("s"))
        if key not in seen:
            seen.add(key)
            total += key[0]
    if total:
        return total
    said = [n for s in stretch for n in _said(text, s.start, s.end)]
    if any(said):
        return max(said)
    if said:
        return 0
    return None
