"""The events stage: code who did what to whom, where, when, with how many dead.

It reads the parse and whatever the earlier stages found (entities, times,
quantities, places; each may be empty, and the coder then does without:
no place, the publication date, no figures) and returns ``Event`` records:

1. ``detect``: triggers, grouped into one draft per happening and sentence;
2. ``actors``: source and target phrases, coded with country and sector;
3. ``classify``: PLOVER type, ACLED type and sub-type;
4. ``status``: occurred, ongoing, planned, announced, denied, hypothetical;
5. ``binding``: the event's own place, date and fatalities;
6. ``merge``: repeated mentions folded into one event, confidence set.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..records import Actor, Analysis, Event, Span
from .actors import Coded, arguments, armed, code_phrase, finish, phrase, unnamed_perpetrator, wide_phrase
from .binding import ArticleFacts, bind_date, bind_fatalities, bind_place, clause_head, make_context
from .classify import Coding, classify, clause_cues, intent
from .codes import alpha3, country_names
from .detect import Draft, find_mentions, group
from .lexicon import fold
from .merge import confidence, merge_mentions
from .status import read_status, sentence_cues

if TYPE_CHECKING:
    from ..pipeline import Context

UNREAL = {"denied", "hypothetical", "planned"}
COOPERATIVE = {"AGREE", "CONCEDE", "SUPPORT", "COOPERATE", "AID"}
PERPETRATOR_TYPES = {"Violence against civilians", "Explosions/Remote violence"}
WEAPON_CUES = ("shelling", "air", "explosive", "suicide", "grenade", "chemical", "firearm")
STATE_WORDS = {"government", "governments", "authorities", "ministry", "regime", "state", "gouvernement",
               "autorites", "ministere", "etat", "kremlin"}
CROWD_NAMES = {"Protests": "Protesters ({country})", "Riots": "Rioters ({country})"}


def events_stage(analysis: Analysis, ctx: Context) -> Analysis:
    doc = analysis.doc
    lang = analysis.article.language or "en"
    if doc is None or lang not in {"fr", "en"} or not analysis.article.text.strip():
        return replace(analysis, events=())
    return replace(analysis, events=tuple(code_events(analysis, lang)))


def _entity_tokens(analysis: Analysis) -> set[int]:
    """Tokens inside multiword names: "Human Rights Watch" or "Peace Corps" report no event."""
    doc = analysis.doc
    out: set[int] = set()
    spans = [(e.span.start, e.span.end) for e in analysis.entities] or [(e.start_char, e.end_char) for e in doc.ents]
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) > 1:
            out.update(t.i for t in span)
    return out


def code_events(analysis: Analysis, lang: str) -> list[Event]:
    doc = analysis.doc
    a = analysis.article
    facts = make_context(analysis.places, analysis.times, analysis.quantities, a.published, a.text, a.title)
    drafts = group(doc, find_mentions(doc, lang, _entity_tokens(analysis)))
    sents = list(doc.sents)
    cue_cache: dict[int, Any] = {}
    evidence = _evidence_spans(doc, drafts, sents)
    events = []
    for draft, span in zip(drafts, evidence, strict=True):
        sent = sents[draft.sent]
        if draft.sent not in cue_cache:
            cue_cache[draft.sent] = sentence_cues(doc, sent, lang)
        ev = code_draft(doc, draft, sent, span, cue_cache[draft.sent], facts, analysis, lang)
        if ev is not None:
            events.append(ev)
    return merge_mentions(events)


def _evidence_spans(doc: Any, drafts: list[Draft], sents: list[Any]) -> list[Span]:
    """The sentence of each event; the trigger's clause when a sentence reports several events."""
    per_sent: dict[int, int] = {}
    for d in drafts:
        per_sent[d.sent] = per_sent.get(d.sent, 0) + 1
    out: list[Span] = []
    used: set[tuple[int, int]] = set()
    for d in drafts:
        sent = sents[d.sent]
        lo, hi = sent.start_char, sent.end_char
        if per_sent[d.sent] > 1:
            for node in (clause_head(doc, d.main.head), doc[d.main.head]):
                toks = list(node.subtree)
                c_lo, c_hi = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                if (c_lo, c_hi) not in used:
                    lo, hi = max(lo, c_lo), min(hi, c_hi)
                    break
        text = doc.text
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        used.add((lo, hi))
        out.append(Span(lo, hi))
    return out


def _code_side(doc: Any, idx: int | None, lang: str, analysis: Analysis) -> Coded | None:
    if idx is None or doc[idx].pos_ == "PRON" and doc[idx].lower_ not in {"qui", "who"}:
        return None
    start, end = phrase(doc, idx)
    coded = code_phrase(doc, start, end, idx, lang, analysis.places)
    a = coded.actor
    if a.country is None and a.name is None and a.sector is None:
        w_start, w_end = wide_phrase(doc, idx)
        if (w_start, w_end) != (start, end):
            wide = code_phrase(doc, w_start, w_end, idx, lang, analysis.places)
            if wide.actor.country or wide.actor.name or wide.actor.sector:
                return wide
    return coded


def _actors(doc: Any, draft: Draft, lang: str, analysis: Analysis,
            weapons: set[int]) -> tuple[Coded | None, Coded | None]:
    source_idx = target_idx = None
    mention_tokens = {i for m in draft.mentions + draft.content for i in m.tokens}
    # verbs first, the highest first: "forces fired rockets" takes its actors from "fired", not from
    # "Katyusha rockets"; pronouns only when nothing else names the actor
    ordered = sorted(draft.mentions, key=lambda m: (doc[m.head].pos_ not in {"VERB", "AUX"},
                                                    m is not draft.main, _depth(doc, m.head)))
    for m in ordered:
        s, t = arguments(doc, m.head)
        if s is not None and (source_idx is None or _pronoun(doc, source_idx)) and not _pronoun(doc, s):
            source_idx = s
        elif s is not None and source_idx is None:
            source_idx = s
        if t is not None and (t in mention_tokens or t in weapons or _pronoun(doc, t)):
            t = None
        if t is not None and t != source_idx and target_idx is None:
            target_idx = t
    if target_idx == source_idx:
        target_idx = None
    return _code_side(doc, source_idx, lang, analysis), _code_side(doc, target_idx, lang, analysis)


def _pronoun(doc: Any, i: int) -> bool:
    return bool(doc[i].pos_ == "PRON")


def _depth(doc: Any, i: int) -> int:
    tok, d = doc[i], 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _is_state(coded: Coded | None, lang: str) -> bool:
    """The actor is a country or its government speaking as such ("Serbia", "the Serbian government")."""
    if coded is None:
        return False
    from .actors import strip_determiners

    words = fold(strip_determiners(coded.actor.text))
    if words in country_names(lang):
        return True
    last = words.split()[-1] if words else ""
    return coded.role == "government" and last in STATE_WORDS


def _holds(coded: Coded | None, cue_tokens: set[int], doc: Any) -> bool:
    """The target names a base, a post or a position: whoever holds it is armed."""
    if coded is None or coded.actor.span is None or not cue_tokens:
        return False
    span = coded.actor.span
    return any(span.start <= doc[i].idx < span.end for i in cue_tokens)


def _is_place(coded: Coded | None, found: dict[str, set[int]], analysis: Analysis) -> bool:
    """The target is a place (a town, a position), not people."""
    if coded is None or coded.actor.span is None:
        return False
    span = coded.actor.span
    if any(span.start <= p.span.start and p.span.end <= span.end for p in analysis.places):
        return coded.role is None
    doc = analysis.doc
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    return words is not None and any(t.i in found.get("place_object", set()) for t in words) and coded.role is None


def code_draft(doc: Any, draft: Draft, sent: Any, span: Span, cues: Any, facts: ArticleFacts,
               analysis: Analysis, lang: str) -> Event | None:
    main = draft.main
    clause = [t.i for t in sent] if main.violent else [t.i for t in clause_head(doc, main.head).subtree]
    found = clause_cues(doc, lang, clause)
    weapons = set().union(*(found.get(c, set()) for c in WEAPON_CUES + ("weapons_object",)))
    source, target = _actors(doc, draft, lang, analysis, weapons)
    target_armed = armed(target) or _holds(target, found.get("military_object", set()), doc)
    coding = classify(doc, draft, found, source.actor if source else None, target.actor if target else None,
                      armed(source), target_armed, source.role if source else None, lang, _is_state(source, lang),
                      _is_place(target, found, analysis))
    if coding is None:
        return None
    reading = read_status(doc, main.head, cues, lang)
    status = reading.status
    if reading.negated and coding.plover in COOPERATIVE:
        coding = Coding("reject", "REJECT", None, None)  # "will not accept", "ne céderaient pas"
        status = "announced" if reading.announced else "occurred"
    head = doc[main.head]
    volitional = head.pos_ in {"VERB", "AUX"} and source is not None and not reading.scheduled
    coding = intent(coding, status, volitional)
    if status in UNREAL and coding.acled_type is not None:
        coding = Coding(coding.kind, coding.plover, None, None)  # ACLED codes what happened, not what may
    place = bind_place(doc, main.head, facts)
    day, date_from = bind_date(doc, main.head, facts)
    fatalities, quantities = bind_fatalities([Span(sent.start_char, sent.end_char)], facts)
    place_country = place.country if place is not None else None
    src = finish(source, place_country, coding.kind) if source else None
    tgt = finish(target, place_country, None) if target else None
    src = src or _implied_source(coding, place_country)
    prominence = 2 if head.dep_ == "ROOT" else 1 if head.head.dep_ == "ROOT" else 0
    conf = confidence(main.trigger.weight, main.kind.rank, draft.sent, prominence,
                      status, src is not None, coding.acled_type is not None)
    trigger = Span(doc[main.tokens[0]].idx, doc[main.tokens[-1]].idx + len(doc[main.tokens[-1]].text))
    return Event(type=coding.plover, evidence=(span,), acled_type=coding.acled_type,
                 acled_subtype=coding.acled_subtype, source=src, target=tgt, place=place, date=day,
                 date_from=date_from,  # type: ignore[arg-type]
                 fatalities=fatalities if coding.acled_type or coding.plover == "ASSAULT" else None,
                 quantities=quantities, status=status,  # type: ignore[arg-type]
                 trigger=trigger, confidence=conf)


def _implied_source(coding: Coding, place_country: str | None) -> Actor | None:
    """ACLED's actors when the report names none: the crowd of a protest, an unnamed attacker."""
    code3 = alpha3(place_country)
    if coding.acled_type in CROWD_NAMES and code3:
        from .codes import country_name

        name = CROWD_NAMES[coding.acled_type].format(country=country_name(code3) or code3)
        return Actor(text="", span=None, name=name, country=code3, sector="CVL")
    if coding.acled_type in PERPETRATOR_TYPES:
        return unnamed_perpetrator(place_country)
    return None
