"""Who took part in an event: the source and target phrases chosen among its triggers' arguments.

The arguments of every trigger of a draft are read (verbs first, the main
trigger first); a pronoun subject ("il a exclu", "they said") stands for the
last person or group named before it in the paragraph; phrases are coded by
``actors.code_phrase`` (a wider phrase is tried when the parser cut the name off).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..records import Analysis, Place
from .actors import (
    Coded,
    code_phrase,
    dictionary_match,
    dictionary_matches,
    dictionary_patterns,
    sent_chars,
    strip_determiners,
)
from .arguments import actor_like, arguments, not_actors, phrase, wide_phrase
from .binding import line_of
from .codes import alpha3, capitals, country_names
from .detect import Draft
from .lexicon import crosses_line, demonyms, doc_text, fold, fold_text, sector_words, triggers

STATE_WORDS = {"government", "governments", "authorities", "ministry", "regime", "state", "gouvernement",
               "autorites", "ministere", "etat", "kremlin"}
PERSONAL = {"il", "elle", "ils", "elles", "he", "she", "they", "celui-ci", "celle-ci", "ceux-ci", "celui", "celle",
            "ceux"}  # "Celui-ci" may come in three tokens
NAMED = {"PER", "ORG"}
STATE_PLACES = {"country", "continent", "region"}
FIRING = {"fire", "launch", "use", "throw", "hurl", "drop", "tirer", "lancer", "utiliser", "employer", "larguer",
          "jeter"}


def code_side(doc: Any, idx: int | None, lang: str, analysis: Analysis,
              stop: frozenset[int] = frozenset()) -> Coded | None:
    """The actor the phrase headed by ``idx`` names; the phrase never runs over a token of ``stop``
    (the event's own trigger: "workers of a company protested in X" ends before "protested")."""
    coded = _code_side(doc, idx, lang, analysis, stop)
    if coded is None or idx is None:
        return coded
    return replace(coded, home=home_country(doc, idx, lang, analysis.places),
                   article=article_country(doc, lang, analysis.places))


def article_country(doc: Any, lang: str, places: Sequence[Place]) -> str | None:
    """The country the whole article is about: the one its places (twice), demonym adjectives and
    dictionary actors ("Schröder", "le Bundestag") name most often (the first named on a tie), when it
    has at least ARTICLE_SHARE of all the namings; None in a round-up of news from many countries."""
    kept = doc.user_data.setdefault("sitrep_article", {})  # per Doc, not in a module-level store
    key = (lang, id(places))
    hit = kept.get(key)
    if hit is not None and hit[0] is places:
        return hit[1]  # type: ignore[no-any-return]
    named = [(p.span.start, alpha3(p.country), 2) for p in places if p.country]
    named += [(at, code, 1) for _, at, code in _demonym_adjectives(doc, lang)]
    named += [(at, code, 1) for at, code in _dictionary_countries(doc_text(doc), lang)]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for at, code, weight in named:
        if code:
            counts[code] += weight
            first[code] = min(first.get(code, at), at)
    top = min(counts, key=lambda c: (-counts[c], first[c])) if counts else None
    if top is not None and counts[top] < ARTICLE_SHARE * sum(counts.values()):
        top = None
    kept[key] = (places, top)
    return top


ARTICLE_SHARE = 0.4


def _dictionary_countries(text: str, lang: str) -> list[tuple[int, str]]:
    """(offset, alpha-3) of every naming of a dictionary actor with a country, each place of the text
    counted once ("Gerhard Schröder" is not also "Schröder")."""
    taken: list[tuple[int, int]] = []
    out = []
    folded = fold_text(text)
    # a pattern starts and ends at word edges, so the literal's first word is a whole word of the text
    words = {False: set(_WORD.findall(folded)), True: set(_WORD.findall(text))}
    for literal, rx, exact_case, code, first in _country_patterns(lang):
        if first is not None and first not in words[exact_case]:
            continue
        haystack = text if exact_case else folded
        if literal not in haystack:
            continue
        for m in rx.finditer(haystack):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                out.append((m.start(), code))
    return out


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _country_patterns(lang: str) -> tuple[tuple[str, Any, bool, str, str | None], ...]:
    """(literal, pattern, exact case, alpha-3, first word) of the dictionary actors with a country,
    longest first; the first word is None for a literal that does not open on a letter or digit."""
    out = []
    for literal, rx, entry in sorted(dictionary_patterns(lang), key=lambda x: -len(x[0])):
        code = alpha3(entry.country) if entry.country else None
        if code is not None:
            first = _WORD.match(literal)
            out.append((literal, rx, bool(entry.exact_case), code, first.group() if first else None))
    return tuple(out)


def home_country(doc: Any, idx: int, lang: str, places: Sequence[Place]) -> str | None:
    """The country the text around an actor is about: the one its paragraph names most often (places,
    demonyms: "la guérilla colombienne"), else the article's; the first named on a tie."""
    text = doc_text(doc)
    at = doc[idx].idx
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    kept = doc.user_data.setdefault("sitrep_home", {})
    key = (lo, hi, lang, id(places))
    hit = kept.get(key)
    if hit is not None and hit[0] is places:
        return hit[1]  # type: ignore[no-any-return]
    top = _home_country(doc, text, lo, hi, lang, places)
    kept[key] = (places, top)
    return top


def _home_country(doc: Any, text: str, lo: int, hi: int, lang: str, places: Sequence[Place]) -> str | None:
    adjectives = _demonym_adjectives(doc, lang)
    for a, b in ((lo, hi), (0, len(text))):
        # a place counts twice: it says it more surely than an adjective ("un avion américain")
        named = [(p.span.start, alpha3(p.country), 2) for p in places if p.country and a <= p.span.start < b]
        words = doc.char_span(a, b, alignment_mode="expand") if b > a else None
        if words is not None:
            named += [(at, code, 1) for i, at, code in adjectives if words.start <= i < words.end]
        counts: Counter[str] = Counter()
        for _, code, weight in sorted(named):
            if code:
                counts[code] += weight
        top = max(counts, key=lambda c: counts[c]) if counts else None
        if top is not None and (counts[top] >= 2 or (a, b) == (0, len(text)) or not text[b:].strip()
                                and not text[:a].strip()):
            return top  # one adjective in a paragraph ("le président américain") says too little
    return None


def _demonym_adjectives(doc: Any, lang: str) -> list[tuple[int, int, str]]:
    """(token index, character offset, alpha-3) of each adjective of the Doc that is a demonym
    ("colombienne"), in text order; read once per Doc from spaCy's arrays, not token by token."""
    kept = doc.user_data.setdefault("sitrep_demonym_adjs", {})
    found: list[tuple[int, int, str]] | None = kept.get(lang)
    if found is None or kept.get("n") != len(doc):
        from spacy.attrs import IDX, ORTH, POS
        from spacy.symbols import ADJ

        table = demonyms(lang)
        strings = doc.vocab.strings
        found = []
        for i, (orth, pos, at) in enumerate(doc.to_array([ORTH, POS, IDX]).tolist()):
            if pos == ADJ:
                key = fold(strings[orth])
                if key in table:
                    found.append((i, at, table[key]))
        if kept.get("n") != len(doc):
            kept.clear()
        kept["n"], kept[lang] = len(doc), found
    return found


def _code_side(doc: Any, idx: int | None, lang: str, analysis: Analysis,
               stop: frozenset[int] = frozenset()) -> Coded | None:
    if idx is None:
        return None
    if (doc[idx].pos_ == "PRON" or _word(doc[idx]) in PERSONAL) and _word(doc[idx]) not in {"qui", "who"}:
        antecedent = _antecedent(doc, idx, analysis)
        if antecedent is None:
            return None
        start, end = antecedent
        head = start
        coded = code_phrase(doc, start, end, head, lang, analysis.places)
        return _with_title(doc, doc[start:end].root, coded, lang, analysis)
    start, end = _cover_name(doc, *_cover_entity(doc, *phrase(doc, idx), idx, analysis), idx, lang)
    start, end = _without(start, end, idx, stop)
    coded = code_phrase(doc, start, end, idx, lang, analysis.places)
    if coded.actor.country is None and coded.actor.name is None:
        coded = _as_named_before(doc, idx, start, coded, lang, analysis)
    a = coded.actor
    if a.country is None and a.name is None and a.sector is None:
        w_start, w_end = wide_phrase(doc, idx)
        if (w_start, w_end) != (start, end):
            wide = code_phrase(doc, w_start, w_end, idx, lang, analysis.places)
            if wide.actor.country or wide.actor.name or wide.actor.sector:
                return wide
    return coded


DEFINITE = {"le", "la", "les", "l'", "l’", "the", "ce", "cette", "ces", "this", "these"}


def _as_named_before(doc: Any, idx: int, start: int, coded: Coded, lang: str, analysis: Analysis) -> Coded:
    """"La jeune fille" after "la fille d'Ingrid Betancourt": a definite phrase whose noun heads an
    actor named earlier in the paragraph (or the one before) is that actor, with its country."""
    tok = doc[idx]
    if tok.pos_ != "NOUN" or doc[start].lower_ not in DEFINITE:
        return coded
    text = doc_text(doc)
    para = text.rfind("\n", 0, tok.idx) + 1
    lo = text.rfind("\n", 0, max(0, para - 1)) + 1 if para > 0 else 0
    lemma = tok.lemma_
    for j in range(start - 1, -1, -1):
        before = doc[j]
        if before.idx < lo:
            break
        if before.pos_ == "NOUN" and before.lemma_ == lemma:
            a, b = phrase(doc, j)
            earlier = code_phrase(doc, a, b, j, lang, analysis.places)
            if earlier.actor.country:
                return replace(coded, actor=replace(coded.actor, country=earlier.actor.country),
                               role=coded.role or earlier.role)
            return coded
    return coded


def _with_title(doc: Any, name: Any, coded: Coded, lang: str, analysis: Analysis) -> Coded:
    """A name the text gives in apposition to a title ("la ministre de la Justice, Herta X") serves
    whom the title says: its role, its sector and its country, unless the name says them."""
    # the parser hangs a name after a comma as appos, nmod or a conjunct without "et"
    apposed = name.dep_ == "appos" or (name.dep_ in {"nmod", "conj"} and name.i > 0 and doc[name.i - 1].text == ","
                                       and not any(c.dep_ == "cc" for c in name.children))
    if coded.actor.country is not None or coded.role is not None or not apposed or name.head.pos_ != "NOUN" \
            or name.head.i > name.i:
        return coded
    start, end = phrase(doc, name.head.i)
    title = code_phrase(doc, start, min(end, name.i), name.head.i, lang, analysis.places)
    if title.role is None and title.actor.country is None:
        return coded
    actor = replace(coded.actor, country=title.actor.country, sector=coded.actor.sector or title.actor.sector)
    return replace(coded, actor=actor, role=title.role)


def choose(doc: Any, draft: Draft, lang: str, analysis: Analysis,
            weapons: set[int]) -> tuple[Coded | None, Coded | None]:
    source_idx = target_idx = None
    mention_tokens = {i for m in draft.mentions + draft.content for i in m.tokens}
    doers: dict[int, bool] = {}  # doer_like per token, read once for this draft

    def can_do(i: int) -> bool:
        if i not in doers:
            doers[i] = doer_like(doc, i, lang, analysis, mention_tokens)
        return doers[i]

    # verbs first, the highest first: "forces fired rockets" takes its actors from "fired", not from
    # "Katyusha rockets"; pronouns only when nothing else names the actor
    ordered = sorted(draft.mentions, key=lambda m: (doc[m.head].pos_ not in {"VERB", "AUX"},
                                                    m is not draft.main, _depth(doc, m.head)))
    for m in ordered:
        s, t = arguments(doc, m.head)
        if s is not None and not can_do(s):
            s = None  # "airstrikes targeting X": the strikes are no doer; another trigger may name one
        if s is not None and (source_idx is None or _pronoun(doc, source_idx)) and not _pronoun(doc, s):
            source_idx = s
        elif s is not None and source_idx is None:
            source_idx = s
        instrument = fold(doc[m.head].lemma_) in FIRING  # "fired rockets at": the rockets are no target
        if t is not None and (t in mention_tokens or (t in weapons and instrument) or _pronoun(doc, t)):
            t = None
        if t is not None and t != source_idx and target_idx is None:
            target_idx = t
    attacker = _named_attacker(doc, draft, source_idx)
    if attacker is not None:
        # "Afghan forces repelled an attack by Taliban militants": the attack is the event, its author the
        # source; those who repelled it were its target
        source_idx, target_idx = attacker, source_idx if source_idx is not None else target_idx
    if target_idx == source_idx:
        target_idx = None
    if source_idx is not None and not can_do(source_idx):
        source_idx = None
    stop = frozenset(mention_tokens)
    return (code_side(doc, source_idx, lang, analysis, stop),
            code_side(doc, target_idx, lang, analysis, stop))


def _named_attacker(doc: Any, draft: Draft, source_idx: int | None) -> int | None:
    """The "by" agent of a violent noun trigger that is the object of the verb whose subject was taken
    as the source ("repelled an attack by X", "foiled an assault by X")."""
    for m in draft.mentions:
        noun = doc[m.head]
        if not m.violent or noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ not in {"dobj", "obj"}:
            continue
        if source_idx is not None and doc[source_idx].head.i != noun.head.i:
            continue
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in {"by", "par"}:
                agent = next((g for g in c.children if g.dep_ == "pobj"), None)
                if agent is not None and agent.pos_ in {"NOUN", "PROPN"}:
                    return int(agent.i)
            if c.dep_ == "obl:agent" or (c.dep_ == "nmod" and any(g.lower_ == "par" for g in c.children)):
                return int(c.i)
    return None


def doer_like(doc: Any, idx: int, lang: str, analysis: Analysis, mention_tokens: set[int]) -> bool:
    """A phrase that can name who acted: not a number ("2 injured"), a particle ("a shoot-out broke out"),
    a single letter, an event ("the clash", "an exchange of fire") or a bare place ("Taizz", "Mrauk-U town")."""
    tok = doc[idx]
    if tok.like_num or tok.pos_ in {"NUM", "ADP", "PART", "PUNCT", "SYM"} or len(tok.text) < 2:
        return False
    if tok.pos_ == "NOUN" and fold(tok.lemma_) in not_actors(lang):
        return False  # "Cette opération prolongée n'a pas empêché un tir": an event, no doer
    start, end = phrase(doc, idx)
    words = doc[start:end]
    named = bool(sector_words(lang).find(words)) or dictionary_match(words.text, lang) is not None \
        or any(actor_like(t) for t in words if t.i != idx)
    if tok.pos_ in {"NOUN", "PROPN"} and (idx in mention_tokens or any(
            idx in m.tokens for m in triggers(lang).find(words) if m.payload.kind != "none")):
        return named  # "Afghan military airstrikes" names its doer, "the clash" does not
    place = next((p for p in analysis.places if p.span.start <= tok.idx < p.span.end), None)
    if place is not None and place.feature not in STATE_PLACES and fold(place.text) not in capitals():
        return named  # "Taizz", "Mrauk-U town"; a country or a capital speaks for a state ("Berlin rejected")
    return True


def _word(tok: Any) -> str:
    """The token's lower-case word without the punctuation a missing space glued to it (".Il")."""
    return str(tok.lower_).strip(".,;:!?«»\"()")


def _pronoun(doc: Any, i: int) -> bool:
    return bool(doc[i].pos_ == "PRON")


def _depth(doc: Any, i: int) -> int:
    tok, d = doc[i], 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def is_state(coded: Coded | None, lang: str) -> bool:
    """The actor is a country or its government speaking as such ("Serbia", "the Serbian government")."""
    if coded is None:
        return False
    words = fold(strip_determiners(coded.actor.text))
    if words in country_names(lang):
        return True
    last = words.split()[-1] if words else ""
    return coded.role == "government" and last in STATE_WORDS


def holds(coded: Coded | None, cue_tokens: set[int], doc: Any) -> bool:
    """The target names a base, a post or a position: whoever holds it is armed."""
    if coded is None or coded.actor.span is None or not cue_tokens:
        return False
    span = coded.actor.span
    return any(span.start <= doc[i].idx < span.end for i in cue_tokens)


def is_place(coded: Coded | None, found: dict[str, set[int]], analysis: Analysis) -> bool:
    """The target is a place (a town, a position), not people."""
    if coded is None or coded.actor.span is None:
        return False
    span = coded.actor.span
    if any(span.start <= p.span.start and p.span.end <= span.end for p in analysis.places):
        return coded.role is None
    doc = analysis.doc
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    return words is not None and any(t.i in found.get("place_object", set()) for t in words) and coded.role is None


def _cover_entity(doc: Any, start: int, end: int, idx: int, analysis: Analysis) -> tuple[int, int]:
    """Widen the phrase to the whole name the entities stage found under its head ("l'Organisation"
    + "pour la sécurité et la coopération en Europe")."""
    at = doc[idx].idx
    for e in analysis.entities:
        if e.label in NAMED and e.span.start <= at < e.span.end:
            span = doc.char_span(e.span.start, e.span.end, alignment_mode="expand")
            if span is not None and not any(crosses_line(doc, t.i, idx) for t in (span[0], span[-1])):
                return min(start, span.start), max(end, span.end)
    return start, end


def _without(start: int, end: int, idx: int, stop: frozenset[int]) -> tuple[int, int]:
    """[start, end) cut back so that no token of ``stop`` is in it, keeping ``idx``."""
    after = [i for i in stop if idx < i < end]
    before = [i for i in stop if start <= i < idx]
    return (max(before) + 1 if before else start), (min(after) if after else end)


def _cover_name(doc: Any, start: int, end: int, idx: int, lang: str) -> tuple[int, int]:
    """Widen the phrase to a dictionary name its head stands in, however the tokenizer cut it
    ("Saudi" of "Saudi-led coalition airstrikes")."""
    tok = doc[idx]
    (s_lo, s_hi), (l_lo, l_hi) = sent_chars(doc, idx), line_of(doc, idx)
    lo, hi = max(s_lo, l_lo), min(s_hi, l_hi)
    text = doc_text(doc)[lo:hi]
    for offset, entry in dictionary_matches(text, lang):
        a = lo + offset
        b = a + len(entry.pattern)
        if a <= tok.idx < b and (" " in entry.pattern or "-" in entry.pattern):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                return min(start, span.start), max(end, span.end)
    return start, end


def _antecedent(doc: Any, idx: int, analysis: Analysis) -> tuple[int, int] | None:
    """The person or group a personal pronoun stands for: the last one named before it in the paragraph."""
    if _word(doc[idx]) not in PERSONAL:
        return None
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, doc[idx].idx) + 1
    prev_para = text.rfind("\n", 0, max(0, para_start - 1)) + 1 if para_start > 0 else 0
    lo = para_start if para_start - prev_para > 0 and doc[idx].idx - para_start > 40 else prev_para
    best = None
    for e in analysis.entities:
        if e.label in NAMED and lo <= e.span.start and e.span.end <= doc[idx].idx:
            best = e
    if best is None:
        return None
    span = doc.char_span(best.span.start, best.span.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def claimant(doc: Any, cue_tokens: set[int], lang: str, analysis: Analysis) -> Coded | None:
    """Who claims an attack the sentence names no author of, in a later sentence of its paragraph
    ("Ces tirs sont revendiqués par la branche armée du Hamas", "X claimed responsibility")."""
    for i in sorted(cue_tokens):
        verb = doc[i] if doc[i].pos_ in {"VERB", "AUX"} else doc[i].head
        if verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
            continue  # "claimed 15 soldiers died": a claim of a fact, not of an attack
        if not any(c.dep_ in {"obj", "dobj", "obl:agent", "agent", "nsubj:pass", "nsubjpass"} for c in verb.children):
            continue
        source, _ = arguments(doc, verb.i)
        if source is not None and doer_like(doc, source, lang, analysis, set()):
            coded = code_side(doc, source, lang, analysis)
            if coded is not None:
                return coded
    return None


def court_in(doc: Any, sent: Any, lang: str, analysis: Analysis) -> Coded | None:
    """The court a sentence brings a case "devant"/"before" ("a connu son épilogue devant le tribunal
    correctionnel : les casseurs ont été condamnés"): who passes a sentence naming no judge."""
    for tok in sent:
        if tok.lower_ not in {"devant", "before"} or tok.head.pos_ not in {"NOUN", "PROPN"}:
            continue
        noun = tok.head if tok.dep_ == "case" else next((c for c in tok.children if c.dep_ == "pobj"), None)
        if noun is None:
            continue
        coded = code_side(doc, noun.i, lang, analysis)
        if coded is not None and coded.role == "judiciary":
            return coded
    return None


def speaker_of(doc: Any, head: int, lang: str, analysis: Analysis) -> Coded | None:
    """The subject of the verb of saying that governs ``head`` ("the minister said Libya must...")."""
    tok = doc[head]
    for _ in range(4):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"} and tok.i != head:
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
            if subj is not None:
                return code_side(doc, subj.i, lang, analysis)
    return None
