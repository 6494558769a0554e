"""Finding the phrases that name an event's source and target in the parse.

The source of a verb trigger is its subject (the "by" agent of a passive, or
the agent an adjunct names: "killed during an operation by police forces"),
its target the object or the "at/on/against/contre/sur" complement; a noun
trigger takes its actors from its own modifiers ("Israeli airstrikes",
"l'attaque palestinienne", "Russia's offensive"), a participle on it
("l'appel lancé par X") or, as the object of a light verb ("staged a
protest", "a lancé une offensive"), from that verb.  Where the parser hung a
subject on a fronted date or place ("On 8 May, in X, the army and rebels
clashed"), the words before the verb are read as its subject.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..resources import load_column
from .actors import demonym_parts, dictionary_match
from .codes import country_names
from .lexicon import crosses_line, demonyms, fold, sector_words, sentence_bounds

SUBJECT = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass"}
OBJECT = {"obj", "dobj", "iobj"}
CUT = {"relcl", "acl", "acl:relcl", "advcl", "ccomp", "parataxis", "punct", "conj", "cc", "mark", "case", "xcomp",
       "dep"}
TARGET_PREPS = {"at", "on", "against", "with", "upon", "contre", "sur", "avec", "envers"}
AGENT_PREPS = {"by", "par"}
RELATIVE = {"who", "which", "that", "qui", "que", "lequel", "laquelle", "lesquels", "dont"}
MAX_WORDS = 16


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
    # per preposition, the first child that gives one, as ``_prep_object_one(tok, {p})`` finds it;
    # the children read once for all the prepositions
    first: dict[str, Any] = {}
    for c in tok.children:
        dep = c.dep_
        if dep == "prep":
            p = c.lower_
            if p in preps and p not in first and p not in {"with", "avec"}:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and _nominal(obj):
                    first[p] = obj
        elif dep.startswith(("obl", "nmod")):
            cases = [g.lower_ for g in c.children if g.dep_ == "case"]
            new = [p for p in cases if p in preps and p not in first and p not in {"with", "avec"}]
            if new and _nominal(c):
                for p in new:
                    first[p] = c
    if first:
        return min(first.values(), key=lambda o: o.i)
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


@lru_cache(maxsize=4)
def not_actors(lang: str) -> frozenset[str]:
    """Nouns that name nobody when parsed as a subject ("d'autre part")."""
    return frozenset(fold(w) for w in load_column("fr" if lang == "fr" else "en", "not_actors"))


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
        if target is None and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"} and verb.head.i < verb.i \
                and agent is not None:
            target = verb.head  # "Trois Américains détenus par la guérilla": the noun the participle is said of
    elif fold(verb.lemma_) in PATIENT_SUBJECT:
        # "X comparaissait devant le tribunal": the court acts, X undergoes
        source = _prep_object(verb, {"devant", "before"})
        target = next(iter(_children(verb, SUBJECT)), None)
    else:
        subjects = _children(verb, SUBJECT) + [g for a in verb.children if a.dep_.startswith("aux")
                                               for g in _children(a, SUBJECT)]
        source = next((c for c in subjects if fold(c.lemma_) not in not_actors(verb.doc.lang_)), None)
        if source is None and subjects:
            # "operations by Afghan forces killed 10 militants": the operation's author
            source = next((a for a in (_prep_object_one(c, AGENT_PREPS) for c in subjects) if a is not None), None)
        target = next((c for c in _children(verb, OBJECT) if c.lower_ not in {"se", "s'", "s’"}), None) \
            or _prep_object(verb, TARGET_PREPS)
    if source is not None and source.lower_ in RELATIVE and verb.dep_ in {"relcl", "acl:relcl", "acl"}:
        source = _referent(verb.head)  # "the militants who attacked": the antecedent
    elif source is not None and source.lower_ in {"qui", "who", "which"} \
            and source.i > sentence_bounds(doc, source.i)[0]:
        # "vise le Hamas, qui s'oppose à l'appel" parsed as a clause of its own: the noun before
        before = doc[source.i - 1] if doc[source.i - 1].text != "," else doc[max(source.i - 2, 0)]
        if before.pos_ in {"NOUN", "PROPN"} and sentence_bounds(doc, before.i) == sentence_bounds(doc, source.i):
            source = before.head if before.dep_ in {"flat:name", "flat"} else before
    if source is not None and source.pos_ == "PRON" and verb.dep_ == "ccomp" and verb.head.pos_ in {"VERB", "AUX"} \
            and not crosses_line(doc, verb.i, verb.head.i):
        up_source, _ = _verb_arguments(doc, verb.head)  # "the authorities said they would not yield"
        if up_source is not None and doc[up_source].pos_ != "PRON":
            source = doc[up_source]
    if source is None and verb.dep_ in {"xcomp", "conj", "advcl", "acl"} and verb.head.i != verb.i:
        up_source, _ = _verb_arguments(doc, verb.head) if verb.head.pos_ in {"VERB", "AUX"} else (None, None)
        if up_source is not None:
            source = doc[up_source]
        elif verb.dep_ == "acl" and not _passive(verb) and not (doc.lang_ == "fr" and _adjectival(verb, verb.head)):
            # "militants attacking a convoy"; not "les territoires occupés", whose noun underwent it (in
            # English a past participle right after a noun is as often a main verb the parser missed)
            source = _author(doc, verb.head) or verb.head
    if source is None and not _passive(verb) and verb.pos_ == "VERB":
        source = _fronted_subject(doc, verb) or _split_subject(doc, verb)
    if source is None and _is_reciprocal(verb) and target is not None and target.i in {
            o.i for o in [_prep_object_one(verb, {"with", "avec"})] if o is not None}:
        source, target = target, None  # "killed after exchanging fire with police": the other side acted
    if target is None and source is not None and _is_reciprocal(verb):
        conj = next((c for c in source.children if c.dep_ == "conj"), None)
        target = conj  # "Fellata and Rizeigat militias clashed": the second side
    return (source.i if source is not None else None, target.i if target is not None else None)


ADJUNCT_PREPS = {"during", "following", "after", "in", "amid", "pendant", "lors", "après", "dans"}
OPERATIONS = {"operation", "incursion", "offensive", "raid", "assault", "sweep", "crackdown",  # folded
              "assaut", "ratissage", "bouclage", "descente"}
ENCOUNTERS = {"clash", "fighting", "fight", "encounter", "battle", "skirmish", "gunfight", "firefight",
              "affrontement", "combat", "accrochage"}


def _adjunct_doer(verb: Any) -> Any | None:
    """Who acted when a passive names no agent but its adjunct does: "killed during an operation by
    police forces", "killed in clashes with the army" (the other side of the fight)."""
    for c in verb.children:
        noun = None
        if c.dep_ == "advcl" and c.pos_ == "VERB" and not _passive(c) and any(
                fold(o.lemma_) in OPERATIONS for o in _children(c, OBJECT)):
            # "killed while the army was conducting an incursion": who conducted it
            subject = next((g for g in _children(c, SUBJECT) if g.pos_ in {"NOUN", "PROPN"}), None)
            if subject is not None:
                return subject
        if c.dep_ == "prep" and c.lower_ in ADJUNCT_PREPS:
            noun = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_.startswith("obl") and any(g.dep_ == "case" and g.lower_ in ADJUNCT_PREPS for g in c.children):
            noun = c
        if noun is None:
            continue
        agent = _prep_object_one(noun, AGENT_PREPS) or next(
            (a for c in noun.children if c.dep_ == "acl" and c.i > noun.i for a in _agents(c)), None)
        if agent is not None:
            return agent  # "killed during operations (carried out) by the gendarmerie"
        if fold(noun.lemma_) in ENCOUNTERS:
            other = _prep_object_one(noun, {"with", "avec"})
            if other is not None:
                return other
    return None


def _agents(verb: Any) -> list[Any]:
    """The "by"/"par" agents of a passive participle."""
    out = [c for c in verb.children if c.dep_ == "obl:agent"]
    return out + [p for g in verb.children if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj"]


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
    sent_start = sentence_bounds(doc, verb.i)[0]
    while start > sent_start and doc[start - 1].text not in {",", ";", ":", "(", ")"} \
            and not crosses_line(doc, start - 1, verb.i):
        start -= 1
    if start == verb.i or start == sent_start:
        return None
    segment = range(start, verb.i)
    heads = [doc[i] for i in segment if not (start <= doc[i].head.i < verb.i) or doc[i].head.i == i]
    nouns = [t for t in heads if t.pos_ in {"NOUN", "PROPN"} and _nominal(t)]
    return nouns[0] if len(nouns) == 1 and len(heads) == 1 else None


def _referent(tok: Any) -> Any:
    """The noun a relative pronoun stands for: not a bare noun after "en"/"as" that only describes
    another ("un tireur déguisé en femme qui avait ouvert le feu": the gunman)."""
    for _ in range(2):
        bare = not any(c.dep_ in {"det", "nummod", "poss", "nmod:poss"} for c in tok.children)
        described = any(c.dep_ in {"case", "mark"} and c.lower_ in {"en", "as"} for c in tok.children) \
            or (tok.dep_ == "pobj" and tok.head.lower_ == "as")
        up = tok.head.head if tok.dep_ == "pobj" else tok.head
        if not (tok.pos_ == "NOUN" and bare and described and up.dep_ in {"acl", "amod"}
                and up.head.pos_ in {"NOUN", "PROPN"}):
            break
        tok = up.head
    return tok


def _split_subject(doc: Any, verb: Any) -> Any | None:
    """The subject the sentence splitter cut off at a comma ("Plus de 2.000 soldats, appuyés par des
    hélicoptères, | participent à la traque"): the noun heading the piece before, when the verb's
    sentence opens on that comma."""
    sent_start = sentence_bounds(doc, verb.i)[0]
    if verb.dep_ != "ROOT" or _children(verb, SUBJECT) or sent_start == 0:
        return None
    first = doc[sent_start]
    before = doc[sent_start - 1]
    if not (first.text == "," or before.text == ",") or crosses_line(doc, before.i, verb.i):
        return None
    root = before.sent.root
    if root.pos_ in {"NOUN", "PROPN"} and _nominal(root) and not crosses_line(doc, root.i, verb.i):
        return root
    return None


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
