"""Bind an event to its own place, date and casualty figures.

Place: the most precise place named in the trigger's clause (a district or a
town before its province or country: "in Ad Durayhimi, Al Hudaydah, western
Yemen" is Ad Durayhimi), else in its sentence, else in the nearest earlier
sentence of its paragraph that names one, else a demonym of its sentence, else
the article's main place (the place named most often, the title's first).  An
event told in a quoted statement is placed by the quote, not by where it was
said; a place that only qualifies someone ("l'envoyé pour la Syrie") or that a
relative clause about something else names is not the event's.  Date: the time expression
governing the trigger's clause, else the sentence's, else the last date of
the paragraph before it, else the publication date (``date_from`` says
which).  Fatalities: the people killed in the event's sentence and the ones
after it that go on telling it (``fatalities``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from ..geo.kinds import is_kind_word
from ..geo.recognize import after_preposition
from ..records import Place, Quantity, Span, TimeExpr
from ..resources import load_table
from .chain import chain_checked, held_by, opens_a_name
from .fatalities import count, telling
from .lexicon import _doc_keys, crosses_line, doc_text, sentence_bounds

# how precise a place is: lower is more precise
# how precise a place is: lower is more precise; a town and a district within it rank alike, the
# first named wins ("in Sao Goncalo, Rio de Janeiro": Sao Goncalo)
FEATURE_RANK = {"district": 1, "neighbourhood": 1, "neighborhood": 1, "village": 1, "city": 1, "town": 1,
                "locality": 1, "poi": 1, "landmark": 1, "admin3": 2, "admin2": 3, "admin1": 4, "region": 5,
                "sea": 6, "country": 7, "continent": 8}
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "conj", "xcomp", "relcl", "acl:relcl", "parataxis", "csubj"}


@dataclass(frozen=True)
class ArticleFacts:
    """What binding needs from the rest of the analysis, indexed once per article."""

    places: tuple[Place, ...]
    times: tuple[TimeExpr, ...]
    quantities: tuple[Quantity, ...]
    published: date | None
    main_place: Place | None
    paragraphs: tuple[Span, ...]
    text: str = ""
    quoted: tuple[Span, ...] = ()  # the words between quotation marks, outermost quotes

    @cached_property
    def places_at(self) -> dict[int, Place]:
        """The places by their first character (the first one where two start alike)."""
        return {p.span.start: p for p in reversed(self.places)}


def make_context(places: Sequence[Place], times: Sequence[TimeExpr], quantities: Sequence[Quantity],
                 published: date | None, text: str, title: str | None) -> ArticleFacts:
    from ..extract.quote_marks import find_quoted

    quoted = tuple(Span(q.start, q.end) for q in find_quoted(text) if q.depth == 0)
    return ArticleFacts(tuple(p for p in places if p.lat is not None or p.country), tuple(times), tuple(quantities),
                        published, main_place(places, title), _paragraphs(text), text, quoted)


def _paragraphs(text: str) -> tuple[Span, ...]:
    out, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        out.append(Span(start, m.start()))
        start = m.end()
    out.append(Span(start, len(text)))
    return tuple(out)


def main_place(places: Sequence[Place], title: str | None) -> Place | None:
    """The article's main place: the most named precise place (a country only when nothing finer)."""
    usable = [p for p in places if p.lat is not None]
    if not usable:
        return None
    counts = Counter(p.name for p in usable)
    fine = [p for p in usable if FEATURE_RANK.get(p.feature, 3) < 7]
    pool = fine or usable
    best = max(pool, key=lambda p: (counts[p.name], -pool.index(p)))
    return best


def clause_head(doc: Any, head: int) -> Any:
    """The verb that heads the trigger's clause (the trigger itself when it is one)."""
    lay, heads = _layout(doc), _doc_keys(doc).heads
    i = head + len(doc) if head < 0 else head
    for _ in range(8):
        up = heads[i]
        if lay.pos[i] in {"VERB", "AUX"} and (lay.dep[i] in CLAUSE_DEPS or up == i):
            return doc[i]
        if up == i or crosses_line(doc, i, up):
            return doc[i]
        i = up
    return doc[i]


def _within(span: Span, lo: int, hi: int) -> bool:
    return lo <= span.start and span.end <= hi


class _Layout:
    """A Doc's token offsets, ends, parts of speech and dependency labels, read once per Doc from
    spaCy's arrays (binding looks at the same tokens many times), and the text sentences found."""

    __slots__ = ("idx", "ends", "pos", "dep", "text_sentences")

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import DEP, IDX, POS

        strings = doc.vocab.strings
        table = doc.to_array([IDX, POS, DEP])
        self.idx: list[int] = table[:, 0].tolist()
        self.ends: list[int] = [i + len(t) for i, t in zip(self.idx, _doc_keys(doc).texts, strict=True)]
        self.pos: list[str] = [strings[h] for h in table[:, 1].tolist()]
        self.dep: list[str] = [strings[h] for h in table[:, 2].tolist()]
        self.text_sentences: dict[int, tuple[int, int]] = {}  # at most one per token


def _layout(doc: Any) -> _Layout:
    """The Doc's ``_Layout``, built at the first look."""
    found = doc.user_data.get("sitrep_bind_layout")
    if found is None or len(found.idx) != len(doc):
        found = doc.user_data["sitrep_bind_layout"] = _Layout(doc)
    return found  # type: ignore[no-any-return]


def _sentence_chars(doc: Any, i: int) -> tuple[int, int]:
    """``doc[i].sent.start_char`` and ``.end_char``."""
    start, end = sentence_bounds(doc, i)
    lay = _layout(doc)
    return lay.idx[start], lay.ends[end - 1]


def _subtree_range(tok: Any, line: tuple[int, int] | None = None) -> tuple[int, int]:
    """``_char_range(tok.subtree, line)`` from the subtree's edges, without walking it."""
    right = tok.right_edge
    lo, hi = tok.left_edge.idx, right.idx + len(right.text)
    if line is not None:
        lo, hi = max(lo, line[0]), min(hi, line[1])
    return lo, hi


def _char_range(toks: Any, line: tuple[int, int] | None = None) -> tuple[int, int]:
    toks = list(toks)
    lo, hi = min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
    if line is not None:
        lo, hi = max(lo, line[0]), min(hi, line[1])
    return lo, hi


def line_of(doc: Any, i: int) -> tuple[int, int]:
    """Character range of the line token ``i`` stands on."""
    text = doc_text(doc)
    at = _layout(doc).idx[i]
    return text.rfind("\n", 0, at) + 1, (text.find("\n", at) if text.find("\n", at) >= 0 else len(text))


def _precise(places: list[Place], parts: set[int] | None = None) -> Place | None:
    if not places:
        return None
    return min(places, key=lambda p: (_rank(p, parts or set()), places.index(p)))


@lru_cache(maxsize=2)
def _part_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    after: list[str] = []
    before: list[str] = []
    qualifier: list[str] = []
    for lang in ("en", "fr"):
        for row in load_table(lang, "place_parts"):
            kind = row["position"]
            (after if kind == "after" else qualifier if kind == "qualifier" else before).append(re.escape(row["word"]))
    tail = r"^[^\S\n]+(?:" + "|".join(after) + r")(?:[^\S\n]+(?:of|in|de|à|d'|du)|,|[^\S\n]*\()[^\S\n]*(?:the\s+)?$"
    head = r"(?:^|\W)(?:" + "|".join(before) + r")(?:[^\S\n]+(?:de|du|des|d'))?[^\S\n]*$"
    qual = r"(?:^|\W)(?:" + "|".join(qualifier) + r")[^\S\n]+(?:(?:la|le|les|the)[^\S\n]+|l')?$"
    return re.compile(tail, re.IGNORECASE), re.compile(head, re.IGNORECASE), re.compile(qual, re.IGNORECASE)


@lru_cache(maxsize=1)
def _part_after() -> re.Pattern[str]:
    """A word after a place that names it a part of a town, whatever follows ("Primavera neighborhood")."""
    words = [re.escape(r["word"]) for lang in ("en", "fr") for r in load_table(lang, "place_parts")
             if r["position"] == "after"]
    return re.compile(r"^[^\S\n]+(?:" + "|".join(words) + r")s?\b", re.IGNORECASE)


def _part_of_town(p: Place, places: list[Place], text: str) -> bool:
    """A place named as a part of a town another place of the sentence names ("the Palanpur area of Surat
    city", "Barangay Poblacion, Marawi"): the event is placed in the town."""
    if not text or FEATURE_RANK.get(p.feature, 3) > 1:
        return False
    later = [q for q in places if q.span.start >= p.span.end and q.name != p.name]
    tail, head, _ = _part_words()
    if not later:
        # the town named first: "in Timoteo, Minas Gerais, a man was killed in Primavera neighborhood"
        earlier = [q for q in places if q.span.end <= p.span.start and q.name != p.name
                   and FEATURE_RANK.get(q.feature, 3) <= 4]
        return bool(earlier) and (bool(_part_after().match(text[p.span.end:p.span.end + 40]))
                                  or bool(head.search(text[max(0, p.span.start - 30):p.span.start])))
    nxt = min(later, key=lambda q: q.span.start)
    between = text[p.span.end:nxt.span.start]
    return bool(tail.match(between)) or (bool(head.search(text[max(0, p.span.start - 30):p.span.start]))
                                         and bool(re.match(r"^[^\S\n]*(?:,|à|in|of)[^\S\n]*", between)))


_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ0-9»\"')\]][.!?])\s+(?=[«\"A-ZÀ-Ý])")


def text_sentence(doc: Any, head: int) -> tuple[int, int]:
    """The sentence around token ``head`` as punctuation marks it on its line, whatever the parser
    decided ("des discussions russo-américaines se tiendraient samedi à Genève" is one sentence
    even where the parser cut it at the hyphen)."""
    lay = _layout(doc)
    found = lay.text_sentences.get(head)
    if found is not None:
        return found
    lo, hi = line_of(doc, head)
    at = lay.idx[head]
    start, end = lo, hi
    for m in _SENTENCE_END.finditer(doc_text(doc), lo, hi):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    lay.text_sentences[head] = (start, end)
    return start, end


def bind_place(doc: Any, head: int, facts: ArticleFacts,
               actor_spans: tuple[Span, ...] = ()) -> tuple[Place | None, bool]:
    """The most precise place of the trigger's own words, clause or sentence; a country or a province
    that only names an actor ("the military forces of Armenia", "Punjab police") counts only when no
    other place is there (a town in an actor's phrase is where it acted: "the positions in Maracay").
    Returns the place and whether the sentence named it (False: the article's main place)."""
    quote = quote_around(facts, doc[head].idx)
    if quote is not None and not _has_subject(doc, quote):
        quote = None  # "a déclaré « avoir donné l'ordre à l'armée »": the speaker's own act, where he spoke
    for exclude in (actor_spans, ()):
        place = _bind_place(doc, head, facts, exclude, quote)
        if place is not None:
            if not exclude and quote is None and any(x.contains(place.span) for x in actor_spans):
                passing = _in_passing(doc, head, facts)
                if passing is not None and FEATURE_RANK.get(passing.feature, 3) < FEATURE_RANK.get(place.feature, 3):
                    place = passing  # the actor's country yields to a town the sentence names in passing
            return chain_checked(place, facts.places_at, facts.text), True
    earlier = _earlier_place(doc, head, facts)
    if earlier is not None:
        return chain_checked(earlier, facts.places_at, facts.text), True
    nation = demonym_country(doc, head)
    if nation is not None and (facts.main_place is None or facts.main_place.country != nation.country):
        return nation, True  # "détenus par la guérilla colombienne": in Colombia, not in the article's town
    main = facts.main_place
    return (chain_checked(main, facts.places_at, facts.text) if main is not None else None), False


def _in_passing(doc: Any, head: int, facts: ArticleFacts) -> Place | None:
    """The most precise place of the trigger's sentence, those of its other clauses included: where the
    event is when the sentence's only other place names an actor ("a commander of the Liberation Front
    of Talana was killed by a woman protecting her family at Ribe village (Sonder)")."""
    line = line_of(doc, head)
    t_lo, t_hi = text_sentence(doc, head)
    lo, hi = max(t_lo, line[0]), min(t_hi, line[1])
    around = [p for p in facts.places if _within(p.span, lo, hi) and not _qualifies(p, facts.text)]
    stray = _strays(around)
    parts = {id(p) for p in around if _part_of_town(p, around, facts.text)}
    return _precise([p for p in around if p not in stray], parts)


def quote_around(facts: ArticleFacts, at: int, words: int = 5) -> tuple[int, int] | None:
    """The quoted statement (``words`` words or more) character ``at`` stands in: an event told in a quote
    is placed by the quote, not by where the speaker said it ("«Il va y avoir une colonne d'évacuation»,
    a-t-il poursuivi, en marge d'une réunion à Hambourg")."""
    for q in facts.quoted:
        if q.start <= at < q.end and len(facts.text[q.start:q.end].split()) >= words:
            return q.start, q.end
    return None


def _has_subject(doc: Any, span: tuple[int, int]) -> bool:
    """The quoted words have a subject of their own (a statement, not an infinitive the speaker governs)."""
    lay = _layout(doc)
    lo, hi = bisect_left(lay.idx, span[0]), bisect_left(lay.idx, span[1])  # the offsets rise token by token
    return any(dep.startswith(("nsubj", "expl")) for dep in lay.dep[lo:hi])


def _earlier_place(doc: Any, head: int, facts: ArticleFacts) -> Place | None:
    """The place of the nearest earlier sentence of the trigger's paragraph (its line) that names one: a
    sentence without a place goes on telling the story the paragraph placed ("... dans le sud de la
    Colombie. [...] Plus de 2.000 soldats participent à cette chasse à l'homme")."""
    line = line_of(doc, head)
    start = text_sentence(doc, head)[0]
    before = [p for p in facts.places if line[0] <= p.span.start and p.span.end <= start]
    if not before:
        return None
    last = max(before, key=lambda p: p.span.start)
    lo = line[0]
    for m in _SENTENCE_END.finditer(facts.text, line[0], last.span.start):
        lo = m.end()
    same = [p for p in before if p.span.start >= lo]
    parts = {id(p) for p in same if _part_of_town(p, same, facts.text)}
    return _precise(same, parts)


def demonym_country(doc: Any, head: int) -> Place | None:
    """A country-level place from a demonym in the trigger's sentence, when the sentence names no place."""
    from .codes import alpha2, country_name
    from .lexicon import demonyms, fold

    lang = "fr" if doc.lang_ == "fr" else "en"
    table = demonyms(lang)
    lo, hi = text_sentence(doc, head)
    lay = _layout(doc)
    s_start, s_end = sentence_bounds(doc, head)
    for i in range(s_start, s_end):
        if not (lo <= lay.idx[i] < hi and lay.pos[i] == "ADJ"):
            continue
        tok = doc[i]
        if fold(tok.text) in table:
            code2 = alpha2(table[fold(tok.text)])
            if code2:
                return Place(span=Span(tok.idx, tok.idx + len(tok.text)), text=tok.text,
                             name=country_name(table[fold(tok.text)]) or tok.text, lat=None, lon=None,
                             country=code2, feature="country", precision="country")
    return None


def _bind_place(doc: Any, head: int, facts: ArticleFacts, exclude: tuple[Span, ...],
                quote: tuple[int, int] | None = None) -> Place | None:
    tok = doc[head]
    sent_lo, sent_hi = _sentence_chars(doc, head)
    line = line_of(doc, head)
    if quote is not None:
        line = (max(line[0], quote[0]), min(line[1], quote[1]))
    own = _subtree_range(tok, line)
    clause = _subtree_range(clause_head(doc, head), line)
    s_lo, s_hi = max(sent_lo, line[0]), min(sent_hi, line[1])
    best: Place | None = None
    t_lo, t_hi = text_sentence(doc, head)
    ranges = (own, clause, (s_lo, s_hi), (max(t_lo, line[0]), min(t_hi, line[1])))
    around = [p for p in facts.places if _within(p.span, min(r[0] for r in ranges), max(r[1] for r in ranges))]
    stray = _strays(around) + [p for p in around if _qualifies(p, facts.text)]
    parts = {id(p) for p in around if _part_of_town(p, around, facts.text)}
    aside = _other_clauses(doc, tok, line)
    parts |= {id(p) for p in around if any(_within(p.span, a, b) for a, b in aside)}  # named in passing
    # "the Luhansk People's Militia", "Punjab police"; not "groups of a community in Hingorja town", where they
    # are, nor "targeted Majzar district (Marib)", the place itself
    lang = "fr" if doc.lang_ == "fr" else "en"
    named = {id(p) for p in around if any(x.contains(p.span) for x in exclude)
             and not after_preposition(facts.text, p.span.start, lang) and not _kind_after(p, facts.text)}
    # "Qaniyah front, east of Marib (Sirwah, Marib)": a town a direction is taken from is a landmark, not the
    # place ("in the east of Hays city" is in it)
    landmarks = {id(p) for p in around if _DIRECTION_OF.search(facts.text[max(0, p.span.start - 30):p.span.start])}

    holder_of = held_by(around, facts.places_at, facts.text)

    def rank(p: Place) -> float:
        own = (_rank(p, parts) + (LANDMARK_RANK if id(p) in landmarks else 0.0)
               + (NAME_PART_RANK if opens_a_name(p, facts.text) else 0.0))
        held = holder_of.get(id(p))
        return max(own, _rank(held, parts) + HOLDER_RANK) if held is not None and held is not p else own

    for n, (lo, hi) in enumerate(ranges):
        found = [p for p in facts.places if _within(p.span, lo, hi) and p not in stray
                 and not (n and any(_within(p.span, a, b) for a, b in aside))
                 and not (FEATURE_RANK.get(p.feature, 3) >= 4 and any(x.contains(p.span) for x in exclude))]
        pick = min(found, key=lambda p: (rank(p), id(p) in named, found.index(p))) if found else None
        if pick is not None and (best is None or rank(pick) < rank(best)):
            best = pick  # a country in the clause yields to a town named in the same sentence
        if best is not None and rank(best) <= 1:
            return best
    return best


LANDMARK_RANK = 2.5  # below a district named in the same sentence
_DIRECTION_OF = re.compile(r"(?<!in the )(?<!dans le )(?<!dans l')"
                           r"\b(?:north|south|east|west|nord|sud|est|ouest)(?:-?(?:east|west|est|ouest))?(?:ern)?"
                           r"[^\S\n]+(?:of|de|d'|du)[^\S\n]*(?:the[^\S\n]+)?$", re.IGNORECASE)


NAME_PART_RANK = 0.5  # a town that opens a longer name ranks after one standing alone
HOLDER_RANK = 0.25  # a name written as what holds another ranks just after it


def _kind_after(p: Place, text: str) -> bool:
    """The place is followed by a word naming its kind, or by nothing of a name ("Majzar district")."""
    nxt = re.match(r"[^\S\n]*(\w*)", text[p.span.end:p.span.end + 30])
    return nxt is None or not nxt.group(1) or is_kind_word(nxt.group(1))


def _qualifies(p: Place, text: str) -> bool:
    """A place that only qualifies a person or a body ("le chef pour Singapour du réseau", "the UN envoy
    for Syria"): no happening is placed there."""
    return bool(_part_words()[2].search(text[max(0, p.span.start - 20):p.span.start]))


_AT_ASIDE = {"acl", "acl:relcl", "relcl"}


def _other_clauses(doc: Any, tok: Any, line: tuple[int, int]) -> list[tuple[int, int]]:
    """Character ranges of the clauses of the sentence that tell something else than the trigger: a
    relative clause or a participle with its own verb that does not hold the trigger ("l'arrestation du
    chef d'un réseau, qui aurait eu pour plan de faire s'écraser des avions sur Singapour")."""
    out = []
    lay = _layout(doc)
    pos, dep = lay.pos, lay.dep
    start, end = sentence_bounds(doc, tok.i)
    for i in range(start, end):
        if pos[i] != "VERB" or dep[i] not in _AT_ASIDE:
            continue
        t = doc[i]
        if not (t.left_edge.i <= tok.i <= t.right_edge.i) and not t.head.is_ancestor(tok):
            out.append(_subtree_range(t, line))
    return out


def _rank(p: Place, parts: set[int]) -> float:
    """How precise a place is as the event's place; a part of a town ranks below the town."""
    return FEATURE_RANK.get(p.feature, 3) + (1.5 if id(p) in parts else 0)


def _strays(places: list[Place]) -> list[Place]:
    """Places of a sentence whose country no other place there shares, when two or more of the others
    agree on one country: most likely a name read in the wrong country ("the Nima community of Accra
    (Accra, Greater Accra)", Nima read in China)."""
    counts = Counter(c for _, c in {(p.name, p.country) for p in places if p.country})  # a name said twice is one
    if not counts:
        return []
    top, n = counts.most_common(1)[0]
    if n < 2 or sum(1 for c in counts.values() if c == n) > 1:
        return []
    return [p for p in places if p.country and p.country != top and counts[p.country] == 1]


def _date_times(times: Sequence[TimeExpr]) -> list[TimeExpr]:
    return [t for t in times if t.value and DATE_VALUE.match(t.value) and t.type in {"DATE", "TIME"}]


def bind_date(doc: Any, head: int, facts: ArticleFacts) -> tuple[str | None, str | None]:
    """(date value, "text" or "published")."""
    dated = _date_times(facts.times)
    tok = doc[head]
    sent_lo, sent_hi = _sentence_chars(doc, head)
    line = line_of(doc, head)
    own = _subtree_range(tok, line)
    clause = _subtree_range(clause_head(doc, head), line)
    for lo, hi in (own, clause, (max(sent_lo, line[0]), min(sent_hi, line[1])),
                   text_sentence(doc, head)):
        found = [t for t in dated if _within(t.span, lo, hi)]
        if found:
            best = min(found, key=lambda t: abs(t.span.start - tok.idx))
            return _day(best.value), "text"
    para = next((p for p in facts.paragraphs if p.start <= tok.idx < p.end), None)
    if para is not None:
        before = [t for t in dated if para.start <= t.span.start < max(sent_lo, line[0])]
        if before:
            return _day(before[-1].value), "text"
    if facts.published is not None:
        return facts.published.isoformat(), "published"
    return None, None


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    m = DATE_VALUE.match(value)
    return m.group(0) if m else None


def bind_fatalities(evidence: Sequence[Span], facts: ArticleFacts) -> tuple[int | None, tuple[Quantity, ...]]:
    """People killed in the event (``fatalities.count`` over its sentence and the ones that go on
    telling it), and the quantities of the evidence."""
    inside = [q for q in facts.quantities if any(_within(q.span, e.start, e.end) for e in evidence)]
    if not evidence:
        return None, tuple(inside)
    first = evidence[0]
    para = next((p for p in facts.paragraphs if p.start <= first.start < p.end), None)
    stretch = telling(first, para, facts.text, facts.places)
    stretch += [e for e in evidence[1:] if e not in stretch]
    return count(stretch, facts.quantities, facts.text), tuple(inside)
