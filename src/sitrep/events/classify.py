"""PLOVER type and ACLED type/sub-type of a draft event, from its triggers, cues and actors.

The trigger's kind gives a default (``common/event_kinds.tsv``); the words
around it refine it the way ACLED's codebook reads a report:

- the weapon decides remote violence: artillery, aircraft, planted bombs,
  suicide bombers, grenades, chemicals;
- direct violence against an armed side is a battle, against civilians an
  attack on civilians;
- a protest met by force is a protest with intervention, one whose
  participants use violence a violent demonstration (a riot);
- taking a place is a government regaining territory when state forces take
  it, a non-state actor overtaking territory otherwise;
- a halt of violence is a retreat, a halt of talks or aid a sanction.
"""

from __future__ import annotations

from typing import Any

from .coding import (
    CROWD_KINDS,
    CROWD_ROLES,
    DIRECT_KINDS,
    NON_STATE_ROLES,
    REMOTE_KINDS,
    STATE_SECTORS,
    Coding,
    clause_cues,
    coding_of,
    is_people,
    subtree_has,
    troops,
)
from .crowds import acted_on, claims, protest_coding
from .detect import Draft
from .lexicon import Kind, kinds, triggers, typing_words
from .violence import (
    WEAPON_KIND,
    WEAPON_ORDER,
    direct,
    disrupted,
    exchange_of_fire,
    territory,
    weapon_rank,
    without_aircraft_hit,
)

__all__ = ["Coding", "classify", "clause_cues", "intent"]

INTENT_TYPES = {"SUPPORT", "AID", "COOPERATE", "CONCEDE", "RETREAT"}
DEMAND_KINDS = {"request", "reject", "accuse", "protest", "riot"}  # what a crowd says it wants or rejects
HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}


def classify(doc: Any, draft: Draft, found: dict[str, set[int]], source: Any, target: Any,
             source_armed: bool, target_armed: bool, source_role: str | None, lang: str,
             source_state: bool = False, target_place: bool = False, target_role: str | None = None
             ) -> Coding | None:
    """The coding of a draft, or None when it is no event after all (a disaster, a claim)."""
    known = kinds()
    main = draft.main
    found = without_aircraft_hit(doc, found)
    kind = main.kind.name
    present = {m.kind.name for m in draft.mentions}
    weapon = next((w for w in WEAPON_ORDER if w in found or WEAPON_KIND[w] in present), None)
    lemma = main.trigger.lemma
    words = typing_words(lang)

    def said(name: str, word: str = lemma) -> bool:
        return word in words.get(name, ())

    if "disaster" in found and weapon is None and not source_armed and (
            present <= {"kill", "explosion", "attack", "loot", "mob"} or said("struck")):
        return None  # deaths in a flood or a crash, an earthquake that "struck": no political violence
    if "disaster" in found and kind == "mobilize":
        return coding_of(known["mobilize"])  # troops sent to help flood victims: no conflict activity
    if "claim" in found and kind == "request":
        return None  # "revendiquer un attentat" claims an act; it asks for nothing
    if said("strike"):
        if "labour" in found and weapon is None:
            kind = "protest"
        elif weapon in {"air", None} and kind != "protest":
            kind = "airstrike" if weapon == "air" or "drone" in lemma else "attack"
    if kind == "protest" and said("walkout") and weapon is not None:
        kind = "attack"
    crowd_kind = next((m.kind.name for m in draft.mentions if m.kind.name in CROWD_KINDS), None)
    if kind in REMOTE_KINDS and set(main.tokens) <= found.get("crowd_violence", set()) and (
            crowd_kind or source_role in {"protesters", "rioters"}):
        # "attacking police with petrol bombs": a crowd's missiles, not planted explosives
        kind, weapon = crowd_kind or "riot", None
        present = present - {main.kind.name} | {kind}

    held = found.get("military_object", set())
    if kind == "accuse" and said("charge") and source_armed and any(
            c.dep_ in {"obj", "dobj"} and any(t.i in held for t in c.subtree) for c in doc[main.head].children):
        kind = "attack"  # fighters who "charged a camp" rushed it: an assault, not an accusation
    if weapon in {"air", "shelling"} and kind == "loot":
        return coding_of(known[WEAPON_KIND[weapon]])  # jets or guns destroying depots, homes: remote violence
    if disrupted(doc, draft, found):
        return coding_of(known["weapons"])  # "destroyed caches of weapons and IEDs", "seized rifles"
    if kind == "loot" and "kill" in present:
        kind = "attack"  # "killed a man by setting him on fire": a killing
    if kind == "loot" and source_role in CROWD_ROLES and not source_armed and "firearm" not in found:
        # a crowd burning or looting: a violent demonstration when it makes demands, a mob otherwise
        demands = any(m.kind.name in DEMAND_KINDS for m in draft.content)  # not "torched patrol cars"
        crowd = demands or present & {"protest"} or source_role in {"protesters", "rioters"}
        if not crowd and source_role == "civilians" and "mob" not in found:
            return coding_of(known["loot"])  # "three people torched cars": no crowd named, property destroyed
        return coding_of(known["riot"] if crowd else known["mob"])
    if kind in {"coerce", "arrest"} | DIRECT_KINDS and not present & CROWD_KINDS \
            and any(m.kind.name in CROWD_KINDS and acted_on(doc, m.head, main.head) for m in draft.content):
        # forces acting on a crowd ("cracked down on peaceful demonstrators", "dispersed the protest")
        if "lethal_force" in found or "kill" in present or "crowd_violence" in found or "firearm" in found:
            return Coding("protest", "ASSAULT", "Protests", "Excessive force against protesters")
        return Coding("protest", "COERCE", "Protests", "Protest with intervention")
    if present & {"protest", "riot"}:
        # what a crowd protests against ("against the arrest of journalists") is not what it met
        claim = claims(doc, draft)
        if main.head in claim:  # "protested against measures to battle the virus": the crowd leads
            kind = next(m.kind.name for m in draft.mentions if m.kind.name in CROWD_KINDS)
        present = {m.kind.name for m in draft.mentions if m.head not in claim} | {kind}
    if kind in {"protest", "riot"} or (kind in {"arrest", "loot"} | DIRECT_KINDS and present & {"protest", "riot"}):
        forces = kind in DIRECT_KINDS and source_role in {"police", "military"}
        if forces:
            present = present | {"arrest"}  # forces acting against the protest: an intervention at least
            if kind == "attack" and "crowd_violence" in found:
                # "police attacked the human chain": the forces' violence is not the crowd's (a clash is both's)
                rest = found["crowd_violence"] - set(main.tokens)
                found = {k: v for k, v in found.items() if k != "crowd_violence"} | (
                    {"crowd_violence": rest} if rest else {})
            if "kill" in present or "firearm" in found or said("shoot"):
                return Coding("protest", "ASSAULT", "Protests", "Excessive force against protesters")
        elif kind in DIRECT_KINDS:
            if any(m.kind.name in CROWD_KINDS and acted_on(doc, m.head, main.head) for m in draft.mentions):
                # "a group of men attacked a peaceful rally": the crowd is the victim, its attackers a mob
                armed_men = source_armed or "firearm" in found or said("shoot")
                return coding_of(known["attack" if armed_men else "mob"])
            return coding_of(known["riot"])  # protesters fighting: a violent demonstration
        state_act = source_state and (doc[main.head].pos_ in {"VERB", "AUX"} or doc[main.head].dep_ in {"obj", "dobj"})
        return protest_coding(known, kind, present, found, state_act, claims(doc, draft),
                        source_role in {"protesters", "rioters", "mob"},
                        any(m.kind.name in {"request", "reject", "accuse"} for m in draft.content) or bool(claim))
    if kind == "mob":
        return coding_of(known["mob"])
    if kind in DIRECT_KINDS and main.trigger.weight <= 0.5 and _sanctions_aim(doc, main.head, lang):
        return coding_of(known["sanction"])  # "new sanctions target ten officials": no violence
    if kind in REMOTE_KINDS and "test" in found and main.trigger.weight < 0.5:
        return None  # a missile test, a drill
    if kind in REMOTE_KINDS:
        if kind in {"shelling", "explosion", "grenade"} and (exchange_of_fire(found, target_armed)
                                                              or "exchange" in found):
            return coding_of(known["clash"])
        if kind == "explosion" and any(said("shot_count", m.trigger.lemma) for m in draft.mentions):
            return coding_of(known["clash"])  # monitors counting shots as well as explosions: fighting
        if kind == "explosion" and weapon is None:
            return coding_of(known["shelling"])
        if weapon is not None and weapon != "shelling" and WEAPON_ORDER.index(weapon) < weapon_rank(kind):
            return coding_of(known[WEAPON_KIND[weapon]])
        return coding_of(known["shelling" if kind == "explosion" else kind])
    if kind == "territory" and source_role in {"protesters", "civilians", "labour"} and not source_armed:
        return coding_of(known["mob" if any(c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"} and is_people(c)
                                          for c in doc[main.head].children) else "protest"])  # a factory; a thief
    if kind == "territory":
        return territory(doc, known, main.head, found, source_role, source, main.tokens, target)
    if kind in DIRECT_KINDS and main.trigger.weight <= 0.5 and len(draft.mentions) == 1 and weapon is None \
            and not source_armed and not {"firearm", "armed", "military_object"} & set(found) \
            and not any(c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"} and is_people(c)
                        for c in doc[main.head].children):
        return None  # "targeted Russia with sanctions": a weak word needs arms or a victim to be violence
    no_victim = target is None or (not target_armed and target.sector is None and target.country is None)
    no_doer = source is None or (not source_armed and source.sector is None and source.country is None)
    if kind in {"attack", "clash"} and main.trigger.weight < 0.7 and no_doer and no_victim \
            and weapon is None and "firearm" not in found and len(draft.mentions) == 1:
        return None  # "combattre la précarité", "fight poverty": a weak word with no one fighting
    if kind == "attack" and "loot" in present and "kill" not in present and weapon is None \
            and not target_armed and (target is None or target.sector is None):
        return coding_of(known["loot"])  # "raided and damaged the home", "stormed the office, confiscating": property
    if kind in DIRECT_KINDS and source_role == "police" and not present & ({"kill"} | REMOTE_KINDS) \
            and any(said("crowd_gear", doc[i].lower_) for i in found.get("intervention", ())) \
            and "firearm" not in found:
        return Coding("protest", "COERCE", "Protests", "Protest with intervention")  # tear gas fired on a crowd
    if kind in DIRECT_KINDS:
        if said("raid") and source_role == "police" and "arrest" in present:
            return coding_of(known["arrest"])  # a police raid that ends in arrests
        return direct(known, kind, weapon, found, source_role, source_armed, target_armed, target_place,
                       target_role, target)
    if kind == "arrest":
        forces_hold = source_role in {"police", "military"} and not draft.content \
            and not halted_object(doc, main.head, found)
        if said("stop_or_arrest") and not person_object(doc, main.head, target) and not forces_hold:
            return coding_of(known["halt"])  # "arrêter les combats": to stop; "l'armée a arrêté un membre": an arrest
        return coding_of(known["arrest"])
    if kind == "base" and not subtree_has(doc, main.head, found.get("military_object", set())) \
            and len(main.tokens) == 1:
        return None  # "established" a committee: no base
    if kind == "weapons" and len(main.tokens) == 1 and main.trigger.weight < 0.9 and not subtree_has(
            doc, main.head, found.get("weapons_object", set()) | found.get("explosive", set())):
        return None  # "found" or "cleared" something else than weapons
    if kind in {"base", "group", "weapons"} and not (source_armed or (source is not None and source.sector in
                                                                      STATE_SECTORS) or source is None):
        return None  # residents "setting up camp" establish no base
    if kind == "mobilize" and (source_armed or (source is not None and source.sector in {"MIL", "REB"}) or (
            source is None and troops(doc, main.head))):  # "troops were reinforced", "deploying 300 soldiers"
        return Coding("mobilize", "MOBILIZE", "Strategic developments", "Change to group/activity")
    if kind == "retreat" and said("withdraw") and (
            source_armed or troops(doc, main.head)):
        if subtree_has(doc, main.head, found.get("place_object", set())) or any(
                t.ent_type_ in {"GPE", "LOC", "FAC"} for t in doc[main.head].subtree):
            return coding_of(known["transfer"])  # forces leaving a town hand it over without a fight
        return Coding("retreat", "RETREAT", "Strategic developments", "Change to group/activity")
    if kind in {"agree", "agreement"} and ("peace" in found or source_armed or target_armed):
        return coding_of(known["agreement"])  # a ceasefire, a deal with mutineers: an agreement in a conflict
    if kind in {"agree", "agreement"} and said("accord") and "dispute" in found:
        return coding_of(known["agreement"])  # "reached a deal over the disputed border", "to end a mutiny"
    if kind == "consult" and main.trigger.weight >= 0.6 and (
            "peace" in found or (said("negotiate") and "dispute" in found)):
        # peace or ceasefire talks, talks over a dispute or a crisis: ACLED's Agreement covers the
        # negotiation of one; PLOVER keeps a meeting (a visit or a summit alone is no negotiation)
        return Coding("consult", "CONSULT", "Strategic developments", "Agreement")
    if kind in {"retreat", "halt"} and said("withdraw") and subtree_has(doc, main.head, found.get("accord", set())):
        # "withdrew from the arms control treaty": a move about an agreement, not troops leaving
        return Coding("retreat", "RETREAT", "Strategic developments", "Agreement")
    if kind == "support" and subtree_has(doc, main.head, found.get("peace", set())):
        # "welcomed the decision on a ceasefire": what is welcomed is the agreement
        return Coding("support", "SUPPORT", "Strategic developments", "Agreement")
    if kind == "retreat" and "peace" in found and any(said("swap", doc[i].lower_) for i in found["peace"]):
        return Coding("agreement", "RETREAT", "Strategic developments", "Agreement")  # prisoners swapped
    if kind == "halt":
        return halt(doc, known, draft, found)
    if kind == "sanction" and said("condemn") and "penalty" not in found \
            and source_role != "judiciary":
        return coding_of(known["accuse"])  # "condamner un attentat": to condemn, not to sentence
    if kind == "retreat" and said("surrender") and (
            source_armed or troops(doc, main.head) or "armed" in found):
        # fighters laying down arms: ACLED's Agreement covers surrenders; PLOVER keeps a retreat
        return Coding("agreement", "RETREAT", "Strategic developments", "Agreement")
    if kind == "retreat" and said("release") and target_armed and not source_armed:
        # a government freeing captured fighters: a move in the conflict, no violence
        return Coding("retreat", "RETREAT", "Strategic developments", "Other")
    if kind == "aid" and source_armed and (source_role in NON_STATE_ROLES or (
            source is not None and source.sector == "REB")):
        # an armed group handing out food: ACLED's change to a group's activity
        return Coding("aid", "AID", "Strategic developments", "Change to group/activity")
    if kind == "retreat" and said("liberate") and subtree_has(
            doc, main.head, found.get("place_object", set())):
        # "freed several villages from the militants": who takes them decides the sub-type
        taken = territory(doc, known, main.head, found, source_role, source, main.tokens, target)
        return taken if taken is not None and taken.kind == "territory" else coding_of(known["territory"])
    return coding_of(known[kind])


def _sanctions_aim(doc: Any, head: int, lang: str) -> bool:
    """What aims at someone is a sanction: the verb's subject ("the sanctions target ten officials"),
    or the object of the clause it hangs on ("unveiled sanctions, targeting ten officials")."""
    tok = doc[head]
    near = [c for c in tok.children if c.dep_ in {"nsubj", "nsubj:pass"}]
    if tok.dep_ in {"advcl", "acl", "xcomp", "conj"}:
        near += [tok.head] + [c for c in tok.head.children if c.dep_ in {"obj", "dobj", "nsubj"}]
    return any(m.payload.kind == "sanction" for t in near for m in triggers(lang).find([t]))


def halt(doc: Any, known: dict[str, Kind], draft: Draft, found: dict[str, set[int]]) -> Coding:
    """What is halted decides: violence (RETREAT) or talks, aid and ties (SANCTION)."""
    head = doc[draft.main.head]
    objects = [c for c in head.children if c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass", "nmod", "prep"}]
    words = {t.i for c in objects for t in c.subtree}
    if head.dep_ in {"amod", "acl"}:  # "négociations rompues": what is halted is the noun the participle qualifies
        words |= {head.head.i} | {i for m in draft.content for i in m.tokens}
    violent = {i for m in draft.content if m.violent for i in m.tokens} | found.get("violence_object", set())
    if words & found.get("talks_object", set()) and not words & violent:
        return coding_of(known["halt"], "SANCTION")
    return coding_of(known["halt"])


def halted_object(doc: Any, head: int, found: dict[str, set[int]]) -> bool:
    """What is stopped is violence, talks or an act ("arrêter les frappes", "arrêter de tirer")."""
    acts = found.get("violence_object", set()) | found.get("talks_object", set())
    return any(c.dep_ in {"obj", "xcomp"} and (c.pos_ in {"VERB", "AUX"} or any(t.i in acts for t in c.subtree))
               for c in doc[head].children)


def person_object(doc: Any, head: int, target: Any) -> bool:
    tok = doc[head]
    if "Part" in tok.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in tok.children):
        # a headline's participle: "Terroriste arrêté à Jakarta"
        subj = next((c for c in tok.children if c.dep_.startswith("nsubj")), None)
        if (subj is not None and is_people(subj)) or (tok.dep_ in {"acl", "amod"} and is_people(tok.head)):
            return True
    if any(c.dep_ in {"nsubj:pass", "nsubjpass"} for c in tok.children) or "Pass" in tok.morph.get("Voice"):
        return True
    if target is not None and (target.sector is not None or target.country is not None):
        return True
    obj = next((c for c in tok.children if c.dep_ in {"obj", "dobj"}), None)
    if obj is None and tok.dep_ == "conj":  # "a perquisitionné les bureaux et arrêté son rédacteur"
        obj = next((t for t in doc[tok.i + 1:min(len(doc), tok.i + 4)] if t.pos_ in {"NOUN", "PROPN"}), None)
    return obj is not None and (is_people(obj) or obj.ent_type_ in {"PER", "PERSON"})


def intent(coding: Coding, status: str, volitional: bool, intended: bool) -> Coding:
    """What an actor will do: help or a concession it will give is an agreement in PLOVER ("will
    allow", "will support"), harm it will do a threat ("would tighten the blockade", "will attack");
    a meeting is an agreement only when someone says they mean to ("ready to host talks", "said they
    would meet"), not when it is on a calendar ("the president will visit Berlin").  ``volitional``:
    a verb with its own subject; ``intended``: a verb of saying or of intent governs it."""
    if status not in {"planned", "hypothetical"} or not volitional:
        return coding
    # only the PLOVER type changes: whether ACLED codes an act to come is the stage's decision
    # (its status), and talks or a truce to come stay what ACLED would call them
    if coding.plover in INTENT_TYPES or (coding.plover == "CONSULT" and intended):
        return Coding(coding.kind, "AGREE", coding.acled_type, coding.acled_subtype)
    if coding.plover in HOSTILE_TYPES:
        return Coding(coding.kind, "THREATEN", coding.acled_type, coding.acled_subtype)
    return coding
