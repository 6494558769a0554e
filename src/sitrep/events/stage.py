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

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..records import Actor, Analysis, Event, Span
from .actors import armed, finish, unnamed_perpetrator
from .binding import ArticleFacts, bind_date, bind_fatalities, bind_place, clause_head, make_context
from .calibration import calibrate
from .classify import Coding, classify, clause_cues, intent
from .codes import alpha3
from .detect import Draft, find_mentions, group
from .lexicon import cues, doc_text, fold
from .merge import confidence, merge_mentions
from .participants import choose, claimant, court_in, holds, is_place, is_state, speaker_of
from .sides import (
    AIM_PREPS,
    OBJECT_DEPS,
    SHARED_VIOLENCE,
    SUBJECT_DEPS,
    base_attacked,
    criminal_victim,
    rest_of_paragraph,
    side_named,
)
from .statements import with_statements
from .status import read_status, sentence_cues

if TYPE_CHECKING:
    from ..pipeline import Context

MIN_CONFIDENCE = 0.35
MIN_WEIGHT = 0.3  # a trigger this weak only adds to another one
WEAK = 0.7  # below this trigger weight, an act of speech or diplomacy needs a named source
UNREAL = {"denied", "hypothetical", "planned"}
COOPERATIVE = {"AGREE", "CONCEDE", "SUPPORT", "COOPERATE", "AID"}
PERPETRATOR_TYPES = {"Violence against civilians", "Explosions/Remote violence"}
WEAPON_CUES = ("shelling", "air", "explosive", "suicide", "grenade", "chemical", "firearm")
CROWD_NAMES = {"Protests": "Protesters ({country})", "Riots": "Rioters ({country})"}


def events_stage(analysis: Analysis, ctx: Context) -> Analysis:
    doc = analysis.doc
    lang = analysis.article.language or "en"
    if doc is None or lang not in {"fr", "en"} or not analysis.article.text.strip():
        return replace(analysis, events=())
    events = code_events(analysis, lang)
    if ctx.config.calibrated_confidence:
        events = [replace(e, confidence=calibrate(e.confidence)) for e in events]
    return replace(analysis, events=tuple(events))


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
    paragraph_cues: dict[int, dict[str, set[int]]] = {}  # sentence -> the cues of the rest of its paragraph
    evidence = _evidence_spans(doc, drafts, sents)
    events: list[Event] = []
    anaphoric: dict[int, bool] = {}
    sentence_of: list[int] = []
    for draft, span in zip(drafts, evidence, strict=True):
        sent = sents[draft.sent]
        if draft.sent not in cue_cache:
            cue_cache[draft.sent] = sentence_cues(doc, sent, lang)
        ev = code_draft(doc, draft, sent, span, cue_cache[draft.sent], facts, analysis, lang, paragraph_cues)
        if ev is not None:
            back = _points_back(doc, draft.main.head)
            if back is not None:
                anaphoric[len(events)] = back
            events.append(ev)
            sentence_of.append(draft.sent)
    merged = merge_mentions(events, _title_end(doc_text(doc)), anaphoric, doc_text(doc), sentence_of)
    # below this, an event is a guess (a weak word, not yet or not at all happened): left out
    kept = [e for e in merged if e.confidence >= MIN_CONFIDENCE]
    return with_statements(kept, analysis, lang, facts)  # quotes support events, or are events


TITLE_WORDS = 16


def _title_end(text: str) -> int:
    """Where the article's title ends (0 when the text does not open with one): a short first line,
    or a short first sentence closed by a dash ("Terroriste arrêté à Jakarta. - Une bombe ...")."""
    line = text.find("\n")
    dash = re.match(r"[^\n]{3,200}?[.!?»](?=\s?[-–—]\s)", text)
    end = line if 0 < line else -1
    if dash is not None and (end < 0 or dash.end() < end):
        end = dash.end()
    if end <= 0 or len(text[:end].split()) > TITLE_WORDS or len(text) < end * 2:
        return 0
    return end


def _points_back(doc: Any, head: int) -> bool | None:
    """A noun that names an event told before: True for a demonstrative ("cette réunion", "ces tirs"),
    False for a bare definite noun ("l'explosion": no complement of its own, unlike "l'appel à une
    trêve"), None otherwise."""
    tok = doc[head]
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    dets = [c for c in tok.children if c.dep_ in {"det", "det:poss"} and c.i < tok.i]
    if any("Dem" in c.morph.get("PronType") or c.lower_ in DEMONSTRATIVES for c in dets):
        return True
    definite = any("Def" in c.morph.get("Definite") or c.lower_ in {"the", "le", "la", "l'", "les"} for c in dets)
    own = any(c.dep_ not in {"det", "punct", "case"} for c in tok.children)
    return False if definite and not own else None


DEMONSTRATIVES = {"ce", "cet", "cette", "ces", "this", "these", "that", "those"}


def _evidence_spans(doc: Any, drafts: list[Draft], sents: list[Any]) -> list[Span]:
    """The sentence of each event; the trigger's clause when a sentence reports several events,
    without the relative clauses of the other events nested in it ("the army arrested a gunman [who
    had opened fire]": the arrest's evidence stops before the shooting's clause)."""
    per_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        per_sent.setdefault(d.sent, []).append(d)
    nodes = {id(d): clause_head(doc, d.main.head) for d in drafts}
    text = doc_text(doc)
    out: list[Span] = []
    used: set[tuple[int, int]] = set()
    for d in drafts:
        sent = sents[d.sent]
        lo, hi = _line(text, sent.start_char, sent.end_char, doc[d.main.head].idx)
        if len(per_sent[d.sent]) > 1:
            for node in (nodes[id(d)], doc[d.main.head]):
                c_lo, c_hi = _own_clause(doc, d, node, [nodes[id(o)] for o in per_sent[d.sent] if o is not d])
                if (c_lo, c_hi) not in used:
                    lo, hi = max(lo, c_lo), min(hi, c_hi)
                    break
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        used.add((lo, hi))
        out.append(Span(lo, hi))
    return out


RELATIVE_DEPS = {"relcl", "acl:relcl"}


def _own_clause(doc: Any, draft: Draft, node: Any, others: list[Any]) -> tuple[int, int]:
    """Character range of ``node``'s subtree around the trigger, less the other events' clauses below it."""
    keep = {t.i for t in node.subtree}
    trigger = draft.main.head
    for other in others:
        if other.i != node.i and other.i in keep and other.dep_ in RELATIVE_DEPS:
            below = {t.i for t in other.subtree}
            if trigger not in below:
                keep -= below
    lo = hi = trigger
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].pos_ in {"CCONJ", "SCONJ", "ADP"}):
        hi -= 1  # "arrested a gunman, who": no dangling comma or conjunction
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


FIRST_SECOND = {"fr": {"je", "j'", "nous", "tu", "vous", "on", "moi", "me", "m'"}, "en": {"i", "we", "you", "me", "us"}}


def _anecdote(doc: Any, head: int) -> bool:
    """The act's subject is a first or second person, or an unresolved "he/il" told in a story."""
    tok = doc[head]
    persons = FIRST_SECOND.get(tok.lang_, set())
    return any(c.lower_ in persons for c in tok.children)


def _without_target_weapons(found: dict[str, set[int]], target: Any, doc: Any) -> dict[str, set[int]]:
    """A weapon named in the target is what was hit, not what was used ("shot down a helicopter")."""
    if target is None or target.actor.span is None:
        return found
    lo, hi = target.actor.span.start, target.actor.span.end
    out = {}
    for cue, toks in found.items():
        kept = {i for i in toks if not (cue in WEAPON_CUES and lo <= doc[i].idx < hi)}
        if kept:
            out[cue] = kept
    return out


def _aimed_elsewhere(doc: Any, head: int) -> bool:
    """The act names what it was aimed at ("fired mortars at the positions"): its object is then the
    weapon used, not a target hit."""
    return any(c.dep_ == "prep" and c.lower_ in AIM_PREPS and any(g.dep_ == "pobj" for g in c.children)
               or (c.dep_.startswith("obl") and any(g.dep_ == "case" and g.lower_ in AIM_PREPS for g in c.children))
               for c in doc[head].children)


BACKGROUND_PREPS = {"after", "since", "following", "before", "amid", "despite", "as", "while", "après", "depuis",
                    "avant", "malgré", "suite"}


def _background(doc: Any, head: int) -> bool:
    """The trigger stands in a relative clause or a time adjunct of another clause."""
    tok = doc[head]
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in {"relcl", "acl:relcl"}:
            return True
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            return True  # "rebels fighting to topple him", "inspectors probing sites": who they are, not the news
        case = next((c for c in tok.children if c.dep_ in {"case", "mark"}), None)
        if tok.dep_ in {"pobj", "obl", "obl:mod", "nmod", "advcl"} and (
                (tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND_PREPS)
                or (case is not None and case.lower_ in BACKGROUND_PREPS)):
            return True
        tok = tok.head
    return False


WEAK_NOUN = 0.5
SPORT_ARTICLE = 3  # distinct sport nouns that make an article a sports report


def head_is_noun(doc: Any, i: int) -> bool:
    return bool(doc[i].pos_ in {"NOUN", "PROPN"})


def _done_by_someone(doc: Any, i: int) -> bool:
    """The noun is what a verb with a subject did or acted on ("elle a provoqué une polémique", "la
    police a utilisé des canons à eau contre les manifestants")."""
    tok = doc[i]
    if tok.dep_ == "pobj":
        tok = tok.head
    return tok.dep_ in {"obj", "dobj", "obl", "obl:arg", "obl:mod", "prep"} and tok.head.pos_ in {"VERB", "AUX"} \
        and any(c.dep_.startswith("nsubj") for c in tok.head.children)


def facts_sport(analysis: Analysis, lang: str) -> bool:
    """The article reports a game: several different sport nouns ("entraîneur", "stade", "match")
    across its text.  Its "rencontre", "menace" and "concession" are no political acts."""
    doc = analysis.doc
    cached = doc.user_data.get("sitrep_sport")
    if cached is None:
        nouns = {doc[i].lemma_.lower() for m in cues(lang).find(doc) if m.payload == "sport"
                 for i in m.tokens if doc[i].pos_ == "NOUN" and not doc[i].ent_type_}
        cached = len(nouns) >= SPORT_ARTICLE
        doc.user_data["sitrep_sport"] = cached
    return bool(cached)


REPORTED = {"ccomp", "parataxis", "xcomp", "parataxis:insert"}


def _prominence(head: Any, cues: Any) -> int:
    """2 for the sentence's main verb, 1 for its direct dependent, 0 deeper; a verb of saying at the
    root passes its rank on to what was said ("Peru has granted asylum ..., the embassy said")."""
    root = head
    while root.head.i != root.i:
        root = root.head
    said = cues.get(root.i)
    if said is not None and said.kind in {"speech", "announce"} and root.i != head.i:
        chain = []
        tok = head
        while tok.i != root.i:
            chain.append(tok)
            tok = tok.head
        if chain[-1].dep_ in REPORTED:  # the report's content, one level down from the root
            depth = len(chain) - 1
            return 2 if depth == 0 else 1 if depth == 1 else 0
    return 2 if head.dep_ == "ROOT" else 1 if head.head.dep_ == "ROOT" else 0


HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}
UNLESS = {"unless", "moins"}  # "unless", "à moins que / à moins de"


def _volitional(head: Any, has_source: bool) -> bool:
    """The act is someone's to do: a verb with a subject (its own, or that of the verb or adjective
    it completes: "France is ready to contribute troops"), or a noun that such a verb acts on
    ("NATO would tighten the blockade")."""
    verb = head
    if head.pos_ not in {"VERB", "AUX"}:
        if head.dep_ not in {"obj", "dobj"} or head.head.pos_ not in {"VERB", "AUX"}:
            return False
        verb = head.head
    if has_source:
        return True
    tok = verb
    for _ in range(3):
        if any(c.dep_.startswith("nsubj") for c in tok.children):
            return True
        if tok.dep_ not in {"xcomp", "acomp"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _unless(head: Any) -> bool:
    """A condition opened by "unless" hangs on the act (or on the verb it is the object of)."""
    verbs = [head] + ([head.head] if head.dep_ in {"obj", "dobj", "xcomp"} else [])
    return any(c.dep_ == "advcl" and any(g.dep_ in {"mark", "advmod", "case"} and g.lower_ in UNLESS
                                         for g in c.children) for v in verbs for c in v.children)


def _after(day: str | None, published: Any) -> bool:
    return bool(day and published and len(day) == 10 and day > published.isoformat())


def _sport(doc: Any, found: dict[str, set[int]]) -> bool:
    """A game: two sport nouns in the clause ("the coach ... the match"), not one ("Arab League")."""
    nouns = [i for i in found.get("sport", ()) if doc[i].pos_ == "NOUN" and not doc[i].ent_type_]
    return len(nouns) >= 2


def _line(text: str, lo: int, hi: int, at: int) -> tuple[int, int]:
    """The part of [lo, hi) on the line of ``at``: a sentence never runs across a line break."""
    start = text.rfind("\n", lo, at)
    end = text.find("\n", at, hi)
    return (start + 1 if start >= 0 else lo), (end if end >= 0 else hi)


def code_draft(doc: Any, draft: Draft, sent: Any, span: Span, cues: Any, facts: ArticleFacts,
               analysis: Analysis, lang: str, paragraph_cues: dict[int, dict[str, set[int]]] | None = None
               ) -> Event | None:
    main = draft.main
    if main.trigger.weight < MIN_WEIGHT:
        return None  # "la guerre", "a death": too vague to stand as an event alone
    clause = list(range(sent.start, sent.end)) if main.violent else [t.i for t in clause_head(doc, main.head).subtree]
    found = clause_cues(doc, lang, clause)
    later_cues: dict[str, set[int]] | None = None

    def later() -> dict[str, set[int]]:
        """The cues of the rest of the sentence's paragraph, read once per sentence, when first asked for
        (each draft gets its own sets: they may end up in its ``found``)."""
        nonlocal later_cues
        if later_cues is None:
            kept = paragraph_cues.get(draft.sent) if paragraph_cues is not None else None
            if kept is None:
                kept = clause_cues(doc, lang, rest_of_paragraph(doc, sent))
                if paragraph_cues is not None:
                    paragraph_cues[draft.sent] = kept
            later_cues = {cue: set(toks) for cue, toks in kept.items()}
        return later_cues

    if main.kind.name == "attack" and not any(c in found for c in WEAPON_CUES[:-1] + ("military_object", "armed")):
        # "Attacks were launched in 11 places. They mostly used grenades.": the report names the weapon
        # later (not where fighters or a base are named: an assault on them is a battle, whatever it used)
        found.update({c: later()[c] for c in WEAPON_CUES[:-1] if c in later()})
    if main.violent and "exchange" not in found and "exchange" in later():
        found["exchange"] = later()["exchange"]  # "X shelled Y. Y fired back.": an exchange, a battle
    if main.kind.name in {"protest", "riot"} and "crowd_violence" not in found:
        # "Residents demonstrated ... The group set barricades on fire.": the crowd's violence told later
        told = later().get("crowd_violence", set())
        told = {i for i in told if fold(doc[i].lemma_) not in SHARED_VIOLENCE and doc[i].dep_ != "amod"}
        if told:
            found["crowd_violence"] = told
    weapons_seen = set().union(*(found.get(c, set()) for c in WEAPON_CUES + ("weapons_object",)))
    source, target = choose(doc, draft, lang, analysis, weapons_seen)
    if source is None and main.violent and "claim" in later():
        source = claimant(doc, later()["claim"], lang, analysis)  # "Ces tirs sont revendiqués par X"
    if source is None and main.kind.name == "sanction":
        source = court_in(doc, sent, lang, analysis)  # "devant le tribunal : les casseurs condamnés"
    if not _aimed_elsewhere(doc, main.head):
        found = _without_target_weapons(found, target, doc)
    # a side named with a word for fighters ("IS militants", "Iraqi forces", "armed men") bears arms,
    # whether or not the actor dictionary knows its name
    fighters = found.get("armed", set())
    held = found.get("military_object", set()) | fighters
    target_armed = armed(target) or holds(target, held, doc) or (
        (target is None or target.role is None) and side_named(doc, main.head, held, OBJECT_DEPS)) or (
        main.violent and base_attacked(doc, main.head, found))
    source_armed = armed(source) or holds(source, fighters, doc) or (
        (source is None or source.role is None) and side_named(doc, main.head, fighters, SUBJECT_DEPS))
    if target_armed and "off_duty" in found:
        target_armed = False  # "an off-duty police officer was shot": ACLED counts a civilian
    elif not target_armed and main.violent and criminal_victim(doc, sent, target, found, lang, later):
        target_armed = True
    coding = classify(doc, draft, found, source.actor if source else None, target.actor if target else None,
                      source_armed, target_armed, source.role if source else None, lang, is_state(source, lang),
                      is_place(target, found, analysis) or (target is None and _aimed_elsewhere(doc, main.head)),
                      target.role if target else None)
    if coding is None or (coding.acled_type is None and (_sport(doc, found) or facts_sport(analysis, lang))):
        return None  # no event, or a game's "attack" or "meeting"
    if head_is_noun(doc, main.head) and not _done_by_someone(doc, main.head) and main.trigger.weight <= WEAK_NOUN \
            and source is None and target is None and len(draft.mentions) == 1 and coding.acled_type is None:
        return None  # "la demande augmente": a weak noun that names no doer
    if coding.acled_type is None and main.trigger.weight <= WEAK and not main.violent and _anecdote(doc, main.head):
        return None  # "il nous a demandé de l'aider": someone's story, not a political act
    reading = read_status(doc, main.head, cues, lang)
    status = reading.status
    if reading.negated and coding.plover in COOPERATIVE | {"RETREAT"}:
        coding = Coding("reject", "REJECT", None, None)  # "will not accept", "ne céderaient pas"
        status = "announced" if reading.announced else "occurred"
    head = doc[main.head]
    coding = intent(coding, status, _volitional(head, source is not None), reading.intended)
    if status == "hypothetical" and coding.plover in HOSTILE | {"RETREAT", "AGREE"} and _unless(head):
        coding = Coding(coding.kind, "THREATEN", None, None)  # "will withdraw its troops unless ...": a threat
    if reading.obliged and coding.plover != "THREATEN":
        # "Libya must hand over the suspects, the minister said": the minister demands it of Libya
        coding = Coding("request", "REQUEST", None, None)
        speaker = speaker_of(doc, main.head, lang, analysis)
        source, target = (speaker, source) if speaker is not None else (None, source)
        status = "occurred"  # the demand was made, whatever becomes of what it asks
    if status in UNREAL and coding.acled_type is not None:
        coding = Coding(coding.kind, coding.plover, None, None)  # ACLED codes what happened, not what may
    actor_spans = tuple(c.actor.span for c in (source, target) if c is not None and c.actor.span is not None)
    place, local = bind_place(doc, main.head, facts, actor_spans)
    day, date_from = bind_date(doc, main.head, facts)
    if status == "occurred" and date_from == "text" and _after(day, analysis.article.published):
        status = "planned"  # "De nouvelles discussions samedi": dated after publication, not yet held
    fatalities, quantities = bind_fatalities([Span(sent.start_char, sent.end_char)], facts)
    place_country = place.country if place is not None and local else None
    if coding.acled_type in CROWD_NAMES and source is not None and source.role in {"police", "military"} \
            and coding.plover == "PROTEST":
        source, target = None, source  # "police dispersed the protesters": the crowd is the first actor
    src = finish(source, place_country, coding.kind) if source else None
    tgt = finish(target, place_country, None) if target else None
    src = src or _implied_source(coding, place_country)
    prominence = _prominence(head, cues)
    if _background(doc, main.head):
        prominence = -1  # "after bloody clashes", "which had been imposed": the background, not the news
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
