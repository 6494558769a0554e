"""Source and target actors of an event: found in the parse, coded with a country and a sector.

Finding: the source of a verb trigger is its subject (the "by" agent of a
passive), its target the object or the "at/on/against/contre/sur" complement;
a noun trigger takes its actors from its own modifiers ("Israeli airstrikes",
"l'attaque palestinienne", "Russia's offensive") or, as the object of a light
verb ("staged a protest", "a lancé une offensive"), from that verb.

Coding: the actor dictionary (``actors.tsv``) first, then demonyms and country
names in the phrase ("le président syrien", "combattants iraniens", "police
in Guinea"), then the sector word of the phrase ("army", "manifestants") and
role titles.  The name follows ACLED's convention where it has one
("Military Forces of Syria", "Protesters (Chad)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..records import Actor, Place, Span
from .codes import alpha3, capitals, country_name, country_names
from .lexicon import ActorEntry, actor_entries, crosses_line, demonyms, fold, roles, sector_words, title_sectors

SUBJECT = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass"}
OBJECT = {"obj", "dobj", "iobj"}
CUT = {"relcl", "acl", "acl:relcl", "advcl", "ccomp", "parataxis", "punct", "conj", "cc", "mark", "case", "xcomp",
       "dep"}
TARGET_PREPS = {"at", "on", "against", "with", "upon", "contre", "sur", "avec", "envers"}
AGENT_PREPS = {"by", "par"}
RELATIVE = {"who", "which", "that", "qui", "que", "lequel", "laquelle", "lesquels", "dont"}
MAX_WORDS = 16


@dataclass(frozen=True)
class Coded:
    """An actor as coded from a phrase, before the event's place may give it a country."""

    actor: Actor
    role: str | None
    home: str | None = None  # the article's country (alpha-3): for an actor that nothing else places


# ---------------------------------------------------------------------------
# finding the phrases


def arguments(doc: Any, head: int) -> tuple[int | None, int | None]:
    """(source head, target head) token indices for a trigger carried by ``head``, on its own line."""
    tok = doc[head]
    if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "ADJ" and tok.dep_ != "amod"):
        source, target = _verb_arguments(doc, tok)
    else:
        source, target = _noun_arguments(doc, tok)
    source = None if source is not None and crosses_line(doc, source, head) else source
    target = None if target is not None and crosses_line(doc, target, head) else target
    return source, target


def _children(tok: Any, deps: set[str]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _prep_object(tok: Any, preps: set[str]) -> Any | None:
    """The noun after one of ``preps`` attached to ``tok`` (English prep+pobj or French obl/nmod+case);
    "with" only when no other preposition gives one ("fired with rifles on the positions")."""
    found = [o for o in (_prep_object_one(tok, {p}) for p in preps if p not in {"with", "avec"}) if o is not None]
    if found:
        return min(found, key=lambda o: o.i)
    return _prep_object_one(tok, preps & {"with", "avec"})


def _prep_object_one(tok: Any, preps: set[str]) -> Any | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and _nominal(obj):
                return obj
        if c.dep_.startswith(("obl", "nmod")) and any(g.dep_ == "case" and g.lower_ in preps for g in c.children) \
                and _nominal(c):
            return c
    return None


def _nominal(tok: Any) -> bool:
    """A noun that can be an actor: not a date, a time or a number ("on 5 May", "at 10 pm")."""
    return tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"} and not tok.like_num


def _passive(tok: Any) -> bool:
    if any(c.lower_ in {"se", "s'", "s’"} for c in tok.children):
        return False  # "Celui-ci s'est lancé dans": a pronominal verb, whatever the parser says, is active
    return bool(_children(tok, PASSIVE_SUBJECT) or _children(tok, {"aux:pass", "auxpass", "obl:agent", "agent"})
                or "Pass" in tok.morph.get("Voice"))


def _verb_arguments(doc: Any, verb: Any) -> tuple[int | None, int | None]:
    source = target = None
    if _passive(verb):
        agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
        if agent is None:
            by = next((c for c in verb.children if c.dep_ == "agent"), None)
            agent = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        source = agent if agent is not None else _adjunct_doer(verb)
        target = next(iter(_children(verb, PASSIVE_SUBJECT)), None)
    elif fold(verb.lemma_) in PATIENT_SUBJECT:
        # "X comparaissait devant le tribunal": the court acts, X undergoes
        source = _prep_object(verb, {"devant", "before"})
        target = next(iter(_children(verb, SUBJECT)), None)
    else:
        source = next(iter(_children(verb, SUBJECT)), None)
        target = next((c for c in _children(verb, OBJECT) if c.lower_ not in {"se", "s'", "s’"}), None) \
            or _prep_object(verb, TARGET_PREPS)
    if source is not None and source.lower_ in RELATIVE and verb.dep_ in {"relcl", "acl:relcl", "acl"}:
        source = verb.head  # "the militants who attacked": the antecedent
    if source is not None and source.pos_ == "PRON" and verb.dep_ == "ccomp" and verb.head.pos_ in {"VERB", "AUX"} \
            and not crosses_line(doc, verb.i, verb.head.i):
        up_source, _ = _verb_arguments(doc, verb.head)  # "the authorities said they would not yield"
        if up_source is not None and doc[up_source].pos_ != "PRON":
            source = doc[up_source]
    if source is None and verb.dep_ in {"xcomp", "conj", "advcl", "acl"} and verb.head.i != verb.i:
        up_source, _ = _verb_arguments(doc, verb.head) if verb.head.pos_ in {"VERB", "AUX"} else (None, None)
        if up_source is not None:
            source = doc[up_source]
        elif verb.dep_ == "acl" and not _passive(verb):
            source = _author(doc, verb.head) or verb.head  # "militants attacking a convoy"
    if source is None and not _passive(verb) and verb.pos_ == "VERB":
        source = _fronted_subject(doc, verb)
    if target is None and source is not None and _is_reciprocal(verb):
        conj = next((c for c in source.children if c.dep_ == "conj"), None)
        target = conj  # "Fellata and Rizeigat militias clashed": the second side
    return (source.i if source is not None else None, target.i if target is not None else None)


ADJUNCT_PREPS = {"during", "following", "after", "in", "amid", "pendant", "lors", "après", "dans"}
ENCOUNTERS = {"clash", "fighting", "fight", "encounter", "battle", "skirmish", "gunfight", "firefight",
              "affrontement", "combat", "accrochage"}


def _adjunct_doer(verb: Any) -> Any | None:
    """Who acted when a passive names no agent but its adjunct does: "killed during an operation by
    police forces", "killed in clashes with the army" (the other side of the fight)."""
    for c in verb.children:
        noun = None
        if c.dep_ == "prep" and c.lower_ in ADJUNCT_PREPS:
            noun = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_.startswith("obl") and any(g.dep_ == "case" and g.lower_ in ADJUNCT_PREPS for g in c.children):
            noun = c
        if noun is None:
            continue
        agent = _prep_object_one(noun, AGENT_PREPS)
        if agent is not None:
            return agent
        if fold(noun.lemma_) in ENCOUNTERS:
            other = _prep_object_one(noun, {"with", "avec"})
            if other is not None:
                return other
    return None


def _fronted_subject(doc: Any, verb: Any) -> Any | None:
    """The subject the parser hung on a fronted adjunct ("On 8 May, in X, Myanmar military and AA clashed"):
    the noun heading the words between the last comma and the verb, when they hang outside them."""
    if verb.dep_ not in {"ROOT", "conj"} or (verb.dep_ == "conj" and _children(verb.head, SUBJECT)):
        return None
    if verb.dep_ == "conj":
        verb = verb.head
        if _children(verb, SUBJECT) or _passive(verb):
            return None
    start = verb.i
    while start > verb.sent.start and doc[start - 1].text not in {",", ";", ":", "(", ")"} \
            and not crosses_line(doc, start - 1, verb.i):
        start -= 1
    if start == verb.i or start == verb.sent.start:
        return None
    segment = range(start, verb.i)
    heads = [doc[i] for i in segment if not (start <= doc[i].head.i < verb.i) or doc[i].head.i == i]
    nouns = [t for t in heads if t.pos_ in {"NOUN", "PROPN"} and _nominal(t)]
    return nouns[0] if len(nouns) == 1 and len(heads) == 1 else None


OBSERVERS = {"observe", "record", "report", "monitor", "document", "note", "register", "count", "observer",
             "constater", "signaler", "rapporter", "recenser", "enregistrer", "compter"}
PATIENT_SUBJECT = {"comparaitre"}  # verbs whose subject undergoes what another does
DOCUMENT_NOUNS = {"resolution", "report", "statement", "letter", "draft", "bill", "plan", "text", "motion",
                  "résolution", "rapport", "déclaration", "lettre", "projet", "texte", "communiqué"}


def _author(doc: Any, noun: Any) -> Any | None:
    """Who a document speaks for: "the Assembly will vote on a resolution demanding a ceasefire"
    has the Assembly demand it.  None when ``noun`` is no document or no verb governs it."""
    if fold(noun.lemma_) not in {fold(w) for w in DOCUMENT_NOUNS}:
        return None
    up = noun
    for _ in range(4):
        if up.head.i == up.i:
            return None
        up = up.head
        if up.pos_ in {"VERB", "AUX"}:
            source, _ = _verb_arguments(doc, up)
            return doc[source] if source is not None else None
        if fold(up.lemma_) not in {fold(w) for w in DOCUMENT_NOUNS} and up.pos_ in {"NOUN", "PROPN"}:
            return None
    return None


def _is_reciprocal(verb: Any) -> bool:
    return fold(verb.lemma_) in {"clash", "fight", "exchange", "affronter", "combattre", "battle", "skirmish"}


def _noun_arguments(doc: Any, noun: Any) -> tuple[int | None, int | None]:
    source = None
    for c in noun.children:
        if c.dep_ in {"poss", "nmod:poss"} and c.pos_ != "PRON":
            source = c
        elif c.dep_ == "prep" and c.lower_ in AGENT_PREPS:
            source = next((g for g in c.children if g.dep_ == "pobj"), None) or source
        elif c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in AGENT_PREPS | {"de", "d'", "du", "des"}
                                      for g in c.children) and (actor_like(c) or _named_actor(c)):
            source = source or c
        elif c.dep_ in {"amod", "compound"} and c.i != noun.i and (actor_like(c) or _named_actor(c)):
            source = source or c
        elif c.dep_ in {"amod", "compound"} and c.i != noun.i:
            inner = next((g for g in c.children if g.i < c.i and actor_like(g)), None)
            source = source or inner  # "a Taliban-planted IED"
    carried = _carrier(noun)
    if source is None and carried is not None and fold(carried.lemma_) not in OBSERVERS:
        # "Egyptian forces conducted airstrikes targeting IS militants": the one who conducted them
        up_source, _ = _verb_arguments(doc, carried)
        source = doc[up_source] if up_source is not None else None
    if source is None:  # "une réunion à huis clos du Conseil de sécurité", however the parser hung it
        source = next((t for t in noun.subtree if t.i > noun.i and t.pos_ in {"NOUN", "PROPN"}
                       and t.dep_ not in {"relcl", "acl:relcl"} and _named_actor(t)), None)
    target = _prep_object(noun, TARGET_PREPS - {"with"})
    if target is None and noun.dep_ in OBJECT and noun.head.pos_ in {"VERB", "AUX"}:
        target = _prep_object(noun.head, TARGET_PREPS - {"with"} | {"à", "au"}) or next(
            (c for c in noun.head.children if c.dep_ in {"iobj", "dative"}), None)  # "tendu une embuscade à un convoi"
    if source is None:  # "l'appel lancé par Mahmoud Abbas", "l'accord conclu entre le Likoud et le PNR"
        for c in noun.children:
            if c.dep_ == "acl" and c.pos_ == "VERB" and c.i > noun.i:
                agent = next((g for g in c.children if g.dep_ == "obl:agent"), None) or next(
                    (p for g in c.children if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj"), None)
                among = _prep_object(c, {"between", "entre"})
                source = agent or among
                if among is not None and agent is None:
                    target = target or next((g for g in among.children if g.dep_ == "conj"), None)
                if source is not None:
                    break
    between = _prep_object(noun, {"between", "entre"})
    if between is None and noun.dep_ in SUBJECT:  # "clashes erupted between X and Y"
        between = _prep_object(noun.head, {"between", "entre"})
    if source is None and between is not None:  # "a firefight between the NPA and the military"
        source = between
        target = target or next((c for c in between.children if c.dep_ == "conj"), None)
    carrier = _carrier(noun)
    if carrier is not None and fold(carrier.lemma_) in OBSERVERS:
        carrier = None  # "monitors observed 6 explosions": the monitors did not fire
    if source is None and carrier is not None:
        up_source, _ = _verb_arguments(doc, carrier)  # "staged a protest", "a achevé deux jours de négociations"
        source = doc[up_source] if up_source is not None else None
    if source is None and noun.dep_ in {"pobj", "obl", "obl:mod", "obl:arg"} and (
            _crowd_noun(noun) or fold((noun.head.head if noun.dep_ == "pobj" else noun.head).lemma_) in TAKING_PART):
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if verb.pos_ in {"VERB", "AUX"}:  # "thousands were converging for a rally"
            up_source, _ = _verb_arguments(doc, verb)
            source = doc[up_source] if up_source is not None else None
    return (source.i if source is not None else None, target.i if target is not None else None)


# verbs whose subject takes part in the event named by their complement ("s'est lancé dans les
# consultations", "took part in the talks")
TAKING_PART = {"lancer", "engager", "participer", "prendre", "participate", "engage", "take", "join"}


def _carrier(noun: Any) -> Any | None:
    """The verb whose object holds the noun, directly or through a measure ("deux jours de")."""
    tok = noun
    for _ in range(2):
        if tok.dep_ in OBJECT and tok.head.pos_ in {"VERB", "AUX"}:
            return tok.head
        if tok.dep_ not in {"nmod", "pobj"} or tok.head.i == tok.i:
            return None
        tok = tok.head if tok.dep_ == "nmod" else tok.head.head
    return None


def _named_actor(tok: Any) -> bool:
    """The phrase under ``tok`` names a dictionary actor ("du Conseil de sécurité")."""
    lang = "fr" if tok.doc.lang_ == "fr" else "en"
    words = [t for t in tok.subtree if t.dep_ not in {"relcl", "acl:relcl", "acl"}]
    return bool(words) and dictionary_match(tok.doc[words[0].i:words[-1].i + 1].text, lang) is not None


def _crowd_noun(tok: Any) -> bool:
    """A word for a gathering: a protest, a rally, a march, a strike."""
    return fold(tok.lemma_) in {"rally", "protest", "march", "demonstration", "strike", "sit", "manifestation",
                                "rassemblement", "greve", "marche", "defile"}


def actor_like(tok: Any) -> bool:
    """A modifier that names an actor: a demonym, a country, a known name, a sector word or a group's name."""
    lang = "fr" if tok.doc.lang_ == "fr" else "en"
    key = fold(tok.text)
    if demonym_parts(key, demonyms(lang)):
        return True
    if key in country_names(lang) or dictionary_match(tok.text, lang) is not None:
        return True
    if tok.ent_type_ in {"ORG", "NORP"}:
        return True
    return tok.pos_ in {"NOUN", "PROPN"} and bool(sector_words(lang).find([tok]))


def _adjectival(c: Any, head: Any) -> bool:
    """A participle right after its noun, used as an adjective ("des hommes armés")."""
    return c.dep_ == "acl" and c.i == head.i + 1 and "Part" in c.morph.get("VerbForm") \
        and "Pres" not in c.morph.get("Tense") and not c.text.endswith("ing") and not any(
            g.dep_ in SUBJECT | OBJECT for g in c.children)


def wide_phrase(doc: Any, head: int) -> tuple[int, int]:
    """The phrase with what the parser hung on it across commas ("La Russie, alliée clé du régime")."""
    tok = doc[head]
    keep = [t.i for t in tok.subtree if t.dep_ not in {"relcl", "acl:relcl", "advcl", "ccomp", "parataxis"}
            and not crosses_line(doc, t.i, head)]
    start, end = min(keep), max(keep)
    return start, min(end + 1, start + MAX_WORDS)


def phrase(doc: Any, head: int) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``, without clauses and conjuncts."""
    tok = doc[head]
    keep = {tok.i}
    stack = [c for c in tok.children if c.dep_ not in CUT or (c.dep_ == "case" and c.i > tok.i)
             or _adjectival(c, tok)]
    while stack:
        c = stack.pop()
        if (c.dep_ in {"relcl", "acl:relcl", "acl", "advcl", "parataxis", "ccomp"} and not _adjectival(c, tok)) \
                or c.text in {",", "(", ";", ":"}:
            continue
        if c.ent_type_ in {"DATE", "TIME"} or (c.dep_ == "prep" and any(g.ent_type_ in {"DATE", "TIME"}
                                                                         for g in c.children)):
            continue  # "On 4 May 2020, dozens of lecturers": the date is no part of the actor
        if c.dep_ == "conj" and c.head.i == tok.i:
            continue
        keep.add(c.i)
        stack.extend(c.children)
    start = end = tok.i
    while start - 1 in keep and not crosses_line(doc, start - 1, tok.i):
        start -= 1
    while end + 1 in keep and not crosses_line(doc, end + 1, tok.i):
        end += 1
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end].is_punct:
        end -= 1
    if end - start + 1 > MAX_WORDS:
        start, end = max(start, tok.i - MAX_WORDS // 2), min(end, tok.i + MAX_WORDS // 2)
    return start, end + 1


# ---------------------------------------------------------------------------
# coding a phrase


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> tuple[tuple[re.Pattern[str], ActorEntry], ...]:
    out = []
    # "pro-Houthi forces" are Houthi forces; "anti-Houthi" ones are not
    for e in actor_entries(lang):
        if e.exact_case:
            out.append((re.compile(r"(?<![\w-])(?:pro-)?" + re.escape(e.pattern) + r"(?![\w-])"), e))
        else:
            out.append((re.compile(r"(?<![\w-])(?:pro-)?" + re.escape(fold(e.pattern)) + r"(?![\w-])"), e))
    return tuple(out)


def dictionary_match(text: str, lang: str, exact_ok: bool = True) -> ActorEntry | None:
    """The dictionary actor named first in ``text`` (the longest at that place)."""
    found = dictionary_matches(text, lang, exact_ok)
    return found[0][1] if found else None


def dictionary_matches(text: str, lang: str, exact_ok: bool = True) -> list[tuple[int, ActorEntry]]:
    """(character offset, entry) of every dictionary actor named in ``text``, in text order."""
    folded = fold(text)
    out: list[tuple[int, ActorEntry]] = []
    for rx, entry in _dictionary(lang):
        if entry.exact_case and not exact_ok:
            continue
        m = rx.search(text if entry.exact_case else folded)
        if m and not any(o <= m.start() < o + len(e.pattern) for o, e in out):
            out.append((m.start(), entry))
    return sorted(out, key=lambda x: x[0])


SHARED_PREFIXES = ("inter", "intra")  # "interpalestinien": among Palestinians


def demonym_parts(key: str, dem: dict[str, str]) -> list[str]:
    """The demonyms a folded word is made of: itself, its hyphenated parts ("pro-iranien", "russo-américain"),
    or the word after "inter"/"intra"."""
    parts = [key] + [p for p in key.split("-") if len(p) > 3]
    parts += [key[len(x):] for x in SHARED_PREFIXES if key.startswith(x) and len(key) > len(x) + 3]
    return [p for p in parts if p in dem]


def _country_in(tokens: Sequence[Any], lang: str, places: Sequence[Place]) -> tuple[int, str] | None:
    """(character offset, alpha-3) of the first country a phrase names: a demonym, a country name,
    a capital or a geocoded place."""
    found: list[tuple[int, str]] = []
    dem = demonyms(lang)
    names = country_names(lang)
    words = [fold(t.text) for t in tokens]
    for i, tok in enumerate(tokens):
        key = words[i]
        hit = next((dem[p] for p in demonym_parts(key, dem)), None)
        if hit:
            found.append((tok.idx, hit))
            continue
        for n in (4, 3, 2, 1):
            cand = " ".join(words[i:i + n]).replace(" - ", "-").replace(" '", "'")
            if i + n <= len(words) and cand in names and (n > 1 or tok.text[:1].isupper()):
                found.append((tok.idx, names[cand]))
                break
    if tokens:
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        for p in places:
            if lo <= p.span.start and p.span.end <= hi and p.country and alpha3(p.country):
                found.append((p.span.start, alpha3(p.country) or ""))
    caps = capitals()
    for tok in tokens:
        if tok.pos_ == "PROPN" and fold(tok.text) in caps:
            found.append((tok.idx, caps[fold(tok.text)]))
    return min(found) if found else None


def _role_in(doc: Any, start: int, end: int, head: int, lang: str) -> str | None:
    found = sector_words(lang).find(doc[start:end])
    if not found:
        return None
    on_head = [m for m in found if head in m.tokens]
    if on_head:
        return max(on_head, key=lambda m: len(m.tokens)).payload
    # "government troops": the noun that heads the compound, the last one in English, the first in French
    nouns = [m for m in found if doc[m.tokens[-1]].pos_ in {"NOUN", "PROPN"}] or found
    nouns.sort(key=lambda m: (len(m.tokens), m.tokens[-1]))
    longest = [m for m in nouns if len(m.tokens) == len(nouns[-1].tokens)]
    return (longest[0] if doc.lang_ == "fr" else longest[-1]).payload


def _title_sector(doc: Any, start: int, end: int, lang: str) -> str | None:
    found = title_sectors(lang).find(doc[start:end])
    return max(found, key=lambda m: len(m.tokens)).payload if found else None


def code_phrase(doc: Any, start: int, end: int, head: int, lang: str, places: Sequence[Place]) -> Coded:
    """Code the words ``doc[start:end]`` as an actor."""
    span = doc[start:end]
    text = span.text
    shouting = doc[head].sent.text.isupper()  # a headline in capitals: "UN" there may be the word "un"
    entries = dictionary_matches(text, lang, exact_ok=not shouting)
    named = _country_in(list(span), lang, places)
    country = named[1] if named else None
    role = _role_in(doc, start, end, head, lang)
    sector = roles()[role].sector if role in roles() else None
    sector = _title_sector(doc, start, end, lang) or sector
    name = None
    # the first naming in the phrase wins: "La Russie, alliée du régime de Bachar al-Assad" is Russia
    if entries and (named is None or entries[0][0] + span.start_char <= named[0] or not entries[0][1].country):
        entry = entries[0][1]
        country = entry.country or country
        sector = entry.sector or sector
        role = entry.role or role
        name = entry.name
    actor = Actor(text=text, span=Span(span.start_char, span.end_char), name=name, country=country, sector=sector)
    return Coded(actor, role)


_DETERMINER = re.compile(r"^(?:(?:the|a|an|le|la|les|un|une|des|du|ses|son|sa|leurs|leur|de la)\s+|(?:l|d)['’])",
                         re.IGNORECASE)


def strip_determiners(text: str) -> str:
    return _DETERMINER.sub("", text.strip()).strip()


# kinds of violence whose doer bears arms (event_kinds.tsv)
ARMED_KINDS = {"attack", "kill", "clash", "shelling", "explosive", "explosion", "grenade", "suicide", "abduct",
               "sexual", "airstrike"}


def finish(coded: Coded, place_country: str | None, event_kind: str | None) -> Actor:
    """The actor's final country and name: the event's country for actors the text ties to none."""
    actor, role = coded.actor, coded.role
    if event_kind in {"protest", "riot"} and role not in {"military", "police"}:
        # ACLED names a crowd by its country whoever it gathers ("Protesters (India)"): the group
        # stays in the actor's text
        role = "rioters" if event_kind == "riot" else "protesters"
        actor = Actor(text=actor.text, span=actor.span, name=None, country=actor.country,
                      sector=actor.sector if actor.sector not in {"REF", "JUD", "IGO"} else "CVL")
    if event_kind in ARMED_KINDS and role == "civilians" and actor.name is None:
        # "shot dead by individuals on a motorcycle": whoever attacks is an armed group, not civilians
        role = "armed_group"
        actor = Actor(text=actor.text, span=actor.span, name=None, country=actor.country, sector="REB")
    country = actor.country
    info = roles().get(role or "")
    local = alpha3(place_country) or coded.home
    if country is None and info is not None and info.template and "{country}" in info.template:
        country = local
    if country is None and actor.sector not in {"IGO", "NGO"} and role not in {"igo", "ngo"}:
        # an actor the text ties to no country acts where the event happens ("prisoners in Dili",
        # "President X threatened a curfew in Algiers"), else in the country the article is about:
        # local news name local actors
        country = local
    name = actor.name
    if name is None and info is not None and info.template and country:
        name = info.template.format(country=country_name(country) or country)
    elif name is None and info is not None and info.template and "{country}" in info.template:
        # a crowd or a force in an unknown country keeps the kind's name ("Protesters", "Military Forces")
        name = re.sub(r"\s*(?:of\s+)?\(?\{country\}\)?", "", info.template).strip() or None
    if name is None:
        name = strip_determiners(actor.text)
    sector = actor.sector or (info.sector if info else None)
    return Actor(text=actor.text, span=actor.span, name=name, country=country, sector=sector)


def unnamed_perpetrator(place_country: str | None) -> Actor | None:
    """ACLED's convention for violence by an unnamed attacker: an unidentified armed group."""
    country = alpha3(place_country)
    if country is None:
        return None
    return Actor(text="", span=None, name=f"Unidentified Armed Group ({country_name(country) or country})",
                 country=country, sector="REB")


def role_of(coded: Coded | None) -> str | None:
    return coded.role if coded else None


def armed(coded: Coded | None) -> bool:
    if coded is None:
        return False
    info = roles().get(coded.role or "")
    if info is not None:
        return info.armed
    return coded.actor.sector in {"MIL", "COP", "REB"}
