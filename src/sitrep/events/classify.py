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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .detect import Draft
from .lexicon import Kind, cues, fold, kinds, sector_words

WEAPON_ORDER = ("suicide", "chemical", "air", "explosive", "grenade", "shelling")
WEAPON_KIND = {"suicide": "suicide", "chemical": "chemical", "air": "airstrike", "explosive": "explosive",
               "grenade": "grenade", "shelling": "shelling"}
REMOTE_KINDS = {"shelling", "airstrike", "explosive", "explosion", "suicide", "grenade", "chemical"}
DIRECT_KINDS = {"attack", "kill", "clash"}
STATE_SECTORS = {"MIL", "COP", "GOV"}
CROWD_KINDS = {"protest", "riot"}
CROWD_ROLES = {"protesters", "rioters", "mob", "civilians"}
NON_STATE_ROLES = {"rebels", "militia", "ethnic_militia", "armed_group", "gang"}
ARMED_ROLES = {"military", "police", "rebels", "militia", "ethnic_militia", "armed_group", "gang"}
CROWD_GEAR = {"gas", "teargas", "cannon", "cannons", "lacrymogène", "lacrymogènes", "eau"}
RELEASE_LEMMAS = {"release", "free", "libérer", "relâcher"}
INTENT_TYPES = {"SUPPORT", "AID", "COOPERATE", "CONCEDE", "RETREAT"}


@dataclass(frozen=True)
class Coding:
    kind: str
    plover: str
    acled_type: str | None
    acled_subtype: str | None


def clause_cues(doc: Any, lang: str, tokens: Iterable[int]) -> dict[str, set[int]]:
    """Cue class -> the token indices where it was found, among ``tokens``."""
    toks = sorted(set(tokens))
    out: dict[str, set[int]] = {}
    if not toks:
        return out
    span = doc[toks[0]:toks[-1] + 1]
    wanted = set(toks)
    in_phrase: set[int] = set()
    # longest first: "grenade launcher" is artillery, not a grenade; a single word may carry
    # several classes ("rifle" is a firearm and a weapon seized) but not inside a longer cue
    # ("machine gun" inside "heavy machine gun", which is artillery)
    for m in sorted(cues(lang).find(span), key=lambda m: -len(m.tokens)):
        if m.tokens[0] in wanted and not set(m.tokens) <= in_phrase \
                and not (m.payload in NAMEABLE_CUES and len(m.tokens) == 1 and _in_name(doc, m.tokens[0])):
            out.setdefault(m.payload, set()).update(m.tokens)
            if len(m.tokens) > 1:
                in_phrase.update(m.tokens)
    if "military_object" in out:  # a base or a position is a place too
        out.setdefault("place_object", set()).update(out["military_object"])
    return out


NAMEABLE_CUES = {"shelling", "air", "explosive", "suicide", "grenade", "chemical"}


def _in_name(doc: Any, i: int) -> bool:
    """A capitalised word after another inside a proper name ("near Oktiabr Mine"): no weapon."""
    tok = doc[i]
    return i > 0 and tok.pos_ == "PROPN" and tok.is_title and not tok.is_sent_start \
        and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title


def _coding(kind: Kind, plover: str | None = None) -> Coding:
    return Coding(kind.name, plover or kind.plover, kind.acled_type, kind.acled_subtype)


def _subtree_has(doc: Any, head: int, where: set[int]) -> bool:
    return any(t.i in where for t in doc[head].subtree if t.i != head)


def classify(doc: Any, draft: Draft, found: dict[str, set[int]], source: Any, target: Any,
             source_armed: bool, target_armed: bool, source_role: str | None, lang: str,
             source_state: bool = False, target_place: bool = False, target_role: str | None = None
             ) -> Coding | None:
    """The coding of a draft, or None when it is no event after all (a disaster, a claim)."""
    known = kinds()
    main = draft.main
    kind = main.kind.name
    present = {m.kind.name for m in draft.mentions}
    weapon = next((w for w in WEAPON_ORDER if w in found or WEAPON_KIND[w] in present), None)
    lemma = main.trigger.lemma

    if "disaster" in found and weapon is None and not source_armed and (
            present <= {"kill", "explosion", "attack", "loot", "mob"} or lemma in {"strike", "frapper"}):
        return None  # deaths in a flood or a crash, an earthquake that "struck": no political violence
    if "disaster" in found and kind == "mobilize":
        return _coding(known["mobilize"])  # troops sent to help flood victims: no conflict activity
    if "claim" in found and kind == "request":
        return None  # "revendiquer un attentat" claims an act; it asks for nothing
    if lemma in {"strike", "frappe"}:
        if "labour" in found and weapon is None:
            kind = "protest"
        elif weapon in {"air", None} and kind != "protest":
            kind = "airstrike" if weapon == "air" or "drone" in lemma else "attack"
    if kind == "protest" and main.trigger.lemma in {"strike"} and weapon is not None:
        kind = "attack"

    if weapon in {"air", "shelling"} and kind == "loot":
        return _coding(known[WEAPON_KIND[weapon]])  # jets or guns destroying depots, homes: remote violence
    if _disrupted(doc, draft, found):
        return _coding(known["weapons"])  # "destroyed caches of weapons and IEDs", "seized rifles"
    if kind == "loot" and "kill" in present:
        kind = "attack"  # "killed a man by setting him on fire": a killing
    if kind == "loot" and source_role in CROWD_ROLES and not source_armed and "firearm" not in found:
        # a crowd burning or looting: a violent demonstration when it makes demands, a mob otherwise
        crowd = draft.content or present & {"protest"} or source_role in {"protesters", "rioters"}
        return _coding(known["riot"] if crowd else known["mob"])
    if kind in {"coerce", "arrest"} | DIRECT_KINDS and not present & CROWD_KINDS \
            and any(m.kind.name in CROWD_KINDS and _acted_on(doc, m.head, main.head) for m in draft.content):
        # forces acting on a crowd ("cracked down on peaceful demonstrators", "dispersed the protest")
        if "lethal_force" in found or "kill" in present or "crowd_violence" in found or "firearm" in found:
            return Coding("protest", "ASSAULT", "Protests", "Excessive force against protesters")
        return Coding("protest", "COERCE", "Protests", "Protest with intervention")
    if present & {"protest", "riot"}:
        # what a crowd protests against ("against the arrest of journalists") is not what it met
        claim = _claims(doc, draft)
        if main.head in claim:  # "protested against measures to battle the virus": the crowd leads
            kind = next(m.kind.name for m in draft.mentions if m.kind.name in CROWD_KINDS)
        present = {m.kind.name for m in draft.mentions if m.head not in claim} | {kind}
    if kind in {"protest", "riot"} or (kind in {"arrest", "loot"} | DIRECT_KINDS and present & {"protest", "riot"}):
        forces = kind in DIRECT_KINDS and source_role in {"police", "military"}
        if forces:
            present = present | {"arrest"}  # forces acting against the protest: an intervention at least
            if "kill" in present or "firearm" in found or lemma in {"shoot", "open fire", "abattre", "ouvrir feu"}:
                return Coding("protest", "ASSAULT", "Protests", "Excessive force against protesters")
        elif kind in DIRECT_KINDS:
            return _coding(known["riot"])  # protesters fighting: a violent demonstration
        state_act = source_state and (doc[main.head].pos_ in {"VERB", "AUX"} or doc[main.head].dep_ in {"obj", "dobj"})
        return _protest(known, kind, present, found, state_act, _claims(doc, draft),
                        source_role in {"protesters", "rioters", "mob"},
                        any(m.kind.name in {"request", "reject", "accuse"} for m in draft.content) or bool(claim))
    if kind == "mob":
        return _coding(known["mob"])
    if kind in REMOTE_KINDS and "test" in found and main.trigger.weight < 0.5:
        return None  # a missile test, a drill
    if kind in REMOTE_KINDS:
        if kind in {"shelling", "explosion", "grenade"} and (_exchange_of_fire(found, target_armed)
                                                              or "exchange" in found):
            return _coding(known["clash"])
        if kind == "explosion" and any(m.trigger.lemma in {"shot", "burst of fire"} for m in draft.mentions):
            return _coding(known["clash"])  # monitors counting shots as well as explosions: fighting
        if kind == "explosion" and weapon is None:
            return _coding(known["shelling"])
        if weapon is not None and weapon != "shelling" and WEAPON_ORDER.index(weapon) < _order(kind):
            return _coding(known[WEAPON_KIND[weapon]])
        return _coding(known["shelling" if kind == "explosion" else kind])
    if kind == "territory" and source_role in {"protesters", "civilians", "labour"} and not source_armed:
        return _coding(known["mob" if any(c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"} and _is_people(c)
                                          for c in doc[main.head].children) else "protest"])  # a factory; a thief
    if kind == "territory":
        return _territory(doc, known, main.head, found, source_role, source, main.tokens, target)
    if kind in DIRECT_KINDS and main.trigger.weight <= 0.5 and len(draft.mentions) == 1 and weapon is None \
            and not source_armed and not {"firearm", "armed", "military_object"} & set(found) \
            and not any(c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"} and _is_people(c)
                        for c in doc[main.head].children):
        return None  # "targeted Russia with sanctions": a weak word needs arms or a victim to be violence
    no_victim = target is None or (not target_armed and target.sector is None and target.country is None)
    no_doer = source is None or (not source_armed and source.sector is None and source.country is None)
    if kind in {"attack", "clash"} and main.trigger.weight < 0.7 and no_doer and no_victim \
            and weapon is None and "firearm" not in found and len(draft.mentions) == 1:
        return None  # "combattre la précarité", "fight poverty": a weak word with no one fighting
    if kind == "attack" and "loot" in present and "kill" not in present and weapon is None \
            and not target_armed and (target is None or target.sector is None):
        return _coding(known["loot"])  # "raided and damaged the home", "stormed the office, confiscating": property
    if kind in DIRECT_KINDS and source_role == "police" and not present & ({"kill"} | REMOTE_KINDS) \
            and any(doc[i].lower_ in CROWD_GEAR for i in found.get("intervention", ())) and "firearm" not in found:
        return Coding("protest", "COERCE", "Protests", "Protest with intervention")  # tear gas fired on a crowd
    if kind in DIRECT_KINDS:
        if lemma in {"raid", "perquisitionner"} and source_role == "police" and "arrest" in present:
            return _coding(known["arrest"])  # a police raid that ends in arrests
        return _direct(known, kind, weapon, found, source_role, source_armed, target_armed, target_place,
                       target_role, target)
    if kind == "arrest":
        forces_hold = source_role in {"police", "military"} and not draft.content \
            and not _halted_object(doc, main.head, found)
        if lang == "fr" and lemma == "arrêter" and not _person_object(doc, main.head, target) and not forces_hold:
            return _coding(known["halt"])  # "arrêter les combats": to stop; "l'armée a arrêté un membre": an arrest
        return _coding(known["arrest"])
    if kind == "base" and not _subtree_has(doc, main.head, found.get("military_object", set())) \
            and len(main.tokens) == 1:
        return None  # "established" a committee: no base
    if kind == "weapons" and len(main.tokens) == 1 and main.trigger.weight < 0.9 and not _subtree_has(
            doc, main.head, found.get("weapons_object", set()) | found.get("explosive", set())):
        return None  # "found" or "cleared" something else than weapons
    if kind in {"base", "group", "weapons"} and not (source_armed or (source is not None and source.sector in
                                                                      STATE_SECTORS) or source is None):
        return None  # residents "setting up camp" establish no base
    if kind == "mobilize" and (source_armed or (source is not None and source.sector in {"MIL", "REB"}) or (
            source is None and _troops(doc, main.head))):  # "troops were reinforced", "deploying 300 soldiers"
        return Coding("mobilize", "MOBILIZE", "Strategic developments", "Change to group/activity")
    if kind == "retreat" and lemma in {"withdraw", "pull out", "pull back", "retirer", "replier"} and (
            source_armed or _troops(doc, main.head)):
        if _subtree_has(doc, main.head, found.get("place_object", set())) or any(
                t.ent_type_ in {"GPE", "LOC", "FAC"} for t in doc[main.head].subtree):
            return _coding(known["transfer"])  # forces leaving a town hand it over without a fight
        return Coding("retreat", "RETREAT", "Strategic developments", "Change to group/activity")
    if kind in {"agree", "agreement"} and ("peace" in found or source_armed or target_armed):
        return _coding(known["agreement"])  # a ceasefire, a deal with mutineers: an agreement in a conflict
    if kind == "consult" and "peace" in found and main.trigger.weight >= 0.6:
        # peace or ceasefire talks: ACLED's Agreement covers the negotiation of one; PLOVER keeps a meeting
        return Coding("consult", "CONSULT", "Strategic developments", "Agreement")
    if kind == "retreat" and "peace" in found and any(doc[i].lower_ in {"exchange", "échange"}
                                                      for i in found["peace"]):
        return Coding("agreement", "RETREAT", "Strategic developments", "Agreement")  # prisoners swapped
    if kind == "halt":
        return _halt(doc, known, draft, found)
    if kind == "sanction" and lemma in {"condamner", "condamnation"} and "penalty" not in found \
            and source_role != "judiciary":
        return _coding(known["accuse"])  # "condamner un attentat": to condemn, not to sentence
    if kind == "retreat" and lemma in {"surrender", "capitulate", "rendre", "capituler"} and (
            source_armed or _troops(doc, main.head) or "armed" in found):
        # fighters laying down arms: ACLED's Agreement covers surrenders; PLOVER keeps a retreat
        return Coding("agreement", "RETREAT", "Strategic developments", "Agreement")
    if kind == "retreat" and lemma in RELEASE_LEMMAS and target_armed and not source_armed:
        # a government freeing captured fighters: a move in the conflict, no violence
        return Coding("retreat", "RETREAT", "Strategic developments", "Other")
    if kind == "aid" and source_armed and (source_role in NON_STATE_ROLES or (
            source is not None and source.sector == "REB")):
        # an armed group handing out food: ACLED's change to a group's activity
        return Coding("aid", "AID", "Strategic developments", "Change to group/activity")
    if kind == "retreat" and lemma in {"libérer", "liberate", "free"} and _subtree_has(
            doc, main.head, found.get("place_object", set())):
        # "freed several villages from the militants": who takes them decides the sub-type
        taken = _territory(doc, known, main.head, found, source_role, source, main.tokens, target)
        return taken if taken is not None and taken.kind == "territory" else _coding(known["territory"])
    return _coding(known[kind])


DISRUPT_LEMMAS = {"destroy", "seize", "capture", "find", "discover", "defuse", "clear", "dismantle", "recover",
                  "intercept", "assess", "inspect", "identify", "unearth", "uncover", "locate", "détruire", "saisir",
                  "découvrir", "trouver", "désamorcer", "neutraliser", "démanteler", "intercepter"}
DETONATED = {"explode", "detonate", "kill", "injure", "wound", "hit", "strike", "go", "blow", "exploser", "tuer",
             "blesser", "sauter"}


ANY_WORDS = {"all", "any", "every", "tout", "tous", "toute", "toutes", "aucun", "aucune"}


def _acted_on(doc: Any, low: int, high: int) -> bool:
    """``low`` is what ``high`` acts on: its object, or the object of "on"/"against" under it
    ("cracked down on demonstrators"), not a reason ("expelled for taking part in protests")."""
    tok = doc[low]
    if any(c.lower_ in ANY_WORDS for c in tok.children if c.dep_ in {"det", "predet", "amod"}):
        return False  # "banned all gatherings": a ban on protests in general, no crowd that met force
    if tok.head.i == high:
        return tok.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"}
    prep = tok.head
    if tok.dep_ in {"pobj", "obl", "obl:arg", "nmod"}:
        case = prep if tok.dep_ == "pobj" else next((c for c in tok.children if c.dep_ == "case"), None)
        head = prep.head if tok.dep_ == "pobj" else tok.head
        return head.i == high and case is not None and case.lower_ in {"on", "against", "sur", "contre"}
    return False


def _disrupted(doc: Any, draft: Draft, found: dict[str, set[int]]) -> bool:
    """Weapons or explosives taken, found or destroyed: the object of such a verb holds them."""
    arms = found.get("weapons_object", set()) | found.get("explosive", set())
    if not arms:
        return False
    lemmas = {fold(x) for x in DISRUPT_LEMMAS}
    for m in draft.mentions + draft.content:
        tok = doc[m.head]
        if fold(tok.lemma_) not in lemmas or tok.pos_ not in {"VERB", "AUX"}:
            continue
        for c in tok.children:
            if c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"} and any(t.i in arms for t in c.subtree):
                return True
    # a bomb named only as found or seized, never as going off ("explosive devices were discovered")
    main = doc[draft.main.head]
    if draft.main.kind.name in {"explosive", "grenade", "shelling"} and main.pos_ in {"NOUN", "PROPN"} \
            and not any(fold(t.lemma_) in DETONATED for t in main.sent):
        up = main
        for _ in range(4):
            if up.head.i == up.i:
                break
            up = up.head
            if fold(up.lemma_) in lemmas:
                return True
    return False


CLAIM_PREPS = {"against", "over", "about", "for", "following", "after", "contre", "pour", "après", "suite"}


def _claims(doc: Any, draft: Draft) -> set[int]:
    """Words of what a protest is about ("against the attack on journalists"): not the crowd's acts."""
    out: set[int] = set()
    heads = {doc[m.head] for m in draft.mentions + draft.content}
    heads |= {h.head for h in list(heads) if h.dep_ in {"obj", "dobj"} and h.head.pos_ in {"VERB", "AUX"}}
    crowd = [doc[m.head] for m in draft.mentions + draft.content if m.kind.name in CROWD_KINDS]
    # "a protest took place following the arrest": the verb the crowd noun is subject of carries the claim
    heads |= {h.head for h in crowd if h.dep_.startswith("nsubj") and h.head.pos_ in {"VERB", "AUX"}}
    for m in draft.mentions + draft.content:
        # "to protest the plan for mass arrests": English "protest" takes its claim as its object
        # (not "barricaded roads with burning tyres", whose object is what the crowd acted on)
        if m.trigger.lemma == "protest" and doc[m.head].pos_ in {"VERB", "AUX"}:
            out.update(t.i for c in doc[m.head].children if c.dep_ in {"obj", "dobj"} for t in c.subtree)
    for head in heads:
        for c in head.children:
            case = c if c.dep_ == "prep" else next((g for g in c.children if g.dep_ == "case"), None)
            if case is not None and case.lower_ in CLAIM_PREPS:
                out.update(t.i for t in c.subtree)
            if c.dep_ in {"xcomp", "advcl", "conj"} and any(k.kind.name == "request" for k in draft.content
                                                              if k.head in {t.i for t in c.subtree}):
                out.update(t.i for t in c.subtree)
    return out


def _troops(doc: Any, head: int) -> bool:
    """The object withdrawn is soldiers ("withdrawing 300 troops")."""
    lang = "fr" if doc.lang_ == "fr" else "en"
    found = sector_words(lang).find(list(doc[head].subtree))
    return any(m.payload == "military" for m in found)


def _exchange_of_fire(found: dict[str, set[int]], target_armed: bool) -> bool:
    """Small arms fired at an armed side: ACLED codes a battle, whatever heavier weapons were used too."""
    return "firearm" in found and (target_armed or "military_object" in found)


def _direct(known: dict[str, Kind], kind: str, weapon: str | None, found: dict[str, set[int]],
            source_role: str | None, source_armed: bool, target_armed: bool, target_place: bool,
            target_role: str | None, target: Any = None) -> Coding:
    """Direct violence: a battle between armed sides, an attack on civilians, or a crowd's violence."""
    target_armed = target_armed or ("military_object" in found and target_place)
    source_armed = source_armed or "firearm" in found  # "shot by a man": a gunman
    if weapon is not None and not (kind == "clash" and weapon == "shelling") \
            and not (weapon in {"shelling", "grenade"} and (_exchange_of_fire(found, target_armed)
                                                            or "exchange" in found)):
        return _coding(known[WEAPON_KIND[weapon]])
    if weapon in {"shelling", "grenade"} and source_armed:
        return _coding(known["clash"])  # mortars and machine guns fired at positions: an exchange, a battle
    if not source_armed and (source_role in {"protesters", "rioters"} or (
            source_role in {"mob", "civilians"} and target_role in {"police", "military"})):
        return _coding(known["riot"])  # a crowd fighting the police: a violent demonstration
    if not source_armed and (source_role in {"mob", "civilians"} or "mob" in found):
        return _coding(known["mob"])  # villagers or a crowd beating someone: mob violence
    if kind == "clash" and not source_armed and not target_armed and not {source_role, target_role} & ARMED_ROLES \
            and "armed" not in found \
            and ("crowd_violence" in found or source_role in CROWD_ROLES or target_role in CROWD_ROLES):
        return _coding(known["mob"])  # "two village groups clashed with sticks": no armed side, no battle
    if kind == "clash" or target_armed:
        return _coding(known["clash"])
    if target is None and "firearm" in found and source_role not in CROWD_ROLES and not target_place:
        return _coding(known["clash"])  # shots exchanged with no victim named: fighting
    return _coding(known["attack"])


def _halt(doc: Any, known: dict[str, Kind], draft: Draft, found: dict[str, set[int]]) -> Coding:
    """What is halted decides: violence (RETREAT) or talks, aid and ties (SANCTION)."""
    head = doc[draft.main.head]
    objects = [c for c in head.children if c.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass", "nmod", "prep"}]
    words = {t.i for c in objects for t in c.subtree}
    if head.dep_ in {"amod", "acl"}:  # "négociations rompues": what is halted is the noun the participle qualifies
        words |= {head.head.i} | {i for m in draft.content for i in m.tokens}
    violent = {i for m in draft.content if m.violent for i in m.tokens} | found.get("violence_object", set())
    if words & found.get("talks_object", set()) and not words & violent:
        return _coding(known["halt"], "SANCTION")
    return _coding(known["halt"])


def _order(kind: str) -> int:
    for w, k in WEAPON_KIND.items():
        if k == kind:
            return WEAPON_ORDER.index(w)
    return len(WEAPON_ORDER)


def _armed_words(found: dict[str, set[int]]) -> bool:
    return "firearm" in found


def _protest(known: dict[str, Kind], kind: str, present: set[str], found: dict[str, set[int]],
             source_state: bool, claim: set[int] | None = None, crowd_acts: bool = False,
             demands: bool = False) -> Coding:
    # a state "protesting" to another is a diplomatic complaint, not a street protest
    if kind == "protest" and source_state:
        return _coding(known["accuse"])
    if "lethal_force" in found or ("kill" in present and not crowd_acts):
        return Coding("protest", "ASSAULT", "Protests", "Excessive force against protesters")
    violent_words = found.get("crowd_violence", set()) - (claim or set())
    if kind == "riot" or violent_words or "loot" in present:
        if "mob" in found and kind != "riot":
            return _coding(known["mob"])
        if kind == "riot" and "protest" not in present and not demands:
            return _coding(known["mob"])  # rioters with no demonstration nor demand: mob violence
        return _coding(known["riot"])
    if found.get("intervention", set()) - (claim or set()) or "arrest" in present:
        return Coding("protest", "PROTEST", "Protests", "Protest with intervention")
    return _coding(known["protest"])


def _territory(doc: Any, known: dict[str, Kind], head: int, found: dict[str, set[int]], source_role: str | None,
               source: Any, trigger_tokens: tuple[int, ...], target: Any) -> Coding | None:
    tok = doc[head]
    obj = next((c for c in tok.children if c.dep_ in {"obj", "dobj"} and c.i not in trigger_tokens), None)
    if obj is not None and not _core(obj) & found.get("place_object", set()):
        if obj.i in found.get("weapons_object", set()) or _subtree_has(doc, obj.i, found.get("weapons_object", set())):
            return _coding(known["weapons"])
        people = obj.ent_type_ in {"PER", "PERSON", "NORP"} or _is_people(obj)
        if people and len(trigger_tokens) == 1:
            # "captured five militants"; not "drove the militants out", which takes the place from them
            return _coding(known["arrest"] if source_role in {"military", "police"} else known["abduct"])
        if not people and obj.ent_type_ not in {"GPE", "LOC", "FAC"}:
            if source_role == "police":
                return None  # police seizing goods: law enforcement, no political violence
            return _coding(known["loot"])  # goods or vehicles seized
    state = source_role in {"military", "police", "government"} or (
        source is not None and source.sector in STATE_SECTORS) or (
        source is None and target is not None and target.sector == "REB") or (  # "militants were pushed out"
        source_role not in NON_STATE_ROLES and _state_subject(doc, head))
    sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    return Coding("territory", "ASSAULT", "Battles", sub)


def _state_subject(doc: Any, head: int) -> bool:
    """The subject of the taking names soldiers or police ("Iraqi security forces freed the villages",
    "army troops recaptured the town"), though no actor entry knew the name."""
    lang = "fr" if doc.lang_ == "fr" else "en"
    subj = [t for c in doc[head].children if c.dep_ in {"nsubj", "nsubj:pass", "agent"} for t in c.subtree]
    return any(m.payload in {"military", "police"} for m in sector_words(lang).find(subj)) if subj else False


def _core(tok: Any) -> set[int]:
    """A phrase's words without its clauses ("tons of marijuana [hidden in a bus on the highway]")."""
    out = {t.i for t in tok.subtree}
    for c in tok.subtree:
        if c.i != tok.i and c.dep_ in {"acl", "relcl", "acl:relcl", "advcl"}:
            out -= {t.i for t in c.subtree}
    return out


def _is_people(tok: Any) -> bool:
    """A noun for people ("12 civilians", "a journalist", "Kurdish activists")."""
    if tok.ent_type_ in {"PER", "PERSON", "NORP"}:
        return True
    lang = "fr" if tok.doc.lang_ == "fr" else "en"
    return bool(sector_words(lang).find([tok]))


def _halted_object(doc: Any, head: int, found: dict[str, set[int]]) -> bool:
    """What is stopped is violence, talks or an act ("arrêter les frappes", "arrêter de tirer")."""
    acts = found.get("violence_object", set()) | found.get("talks_object", set())
    return any(c.dep_ in {"obj", "xcomp"} and (c.pos_ in {"VERB", "AUX"} or any(t.i in acts for t in c.subtree))
               for c in doc[head].children)


def _person_object(doc: Any, head: int, target: Any) -> bool:
    tok = doc[head]
    if "Part" in tok.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in tok.children):
        # a headline's participle: "Terroriste arrêté à Jakarta"
        subj = next((c for c in tok.children if c.dep_.startswith("nsubj")), None)
        if (subj is not None and _is_people(subj)) or (tok.dep_ in {"acl", "amod"} and _is_people(tok.head)):
            return True
    if any(c.dep_ in {"nsubj:pass", "nsubjpass"} for c in tok.children) or "Pass" in tok.morph.get("Voice"):
        return True
    if target is not None and (target.sector is not None or target.country is not None):
        return True
    obj = next((c for c in tok.children if c.dep_ in {"obj", "dobj"}), None)
    if obj is None and tok.dep_ == "conj":  # "a perquisitionné les bureaux et arrêté son rédacteur"
        obj = next((t for t in doc[tok.i + 1:min(len(doc), tok.i + 4)] if t.pos_ in {"NOUN", "PROPN"}), None)
    return obj is not None and (_is_people(obj) or obj.ent_type_ in {"PER", "PERSON"})


HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST"}


def intent(coding: Coding, status: str, volitional: bool, intended: bool) -> Coding:
    """What an actor will do: help or a concession it will give is an agreement in PLOVER ("will
    allow", "will support"), harm it will do a threat ("would tighten the blockade", "will attack");
    a meeting is an agreement only when someone says they mean to ("ready to host talks", "said they
    would meet"), not when it is on a calendar ("the president will visit Berlin").  ``volitional``:
    a verb with its own subject; ``intended``: a verb of saying or of intent governs it."""
    if status not in {"planned", "hypothetical"} or not volitional:
        return coding
    if coding.plover in INTENT_TYPES or (coding.plover == "CONSULT" and intended):
        return Coding(coding.kind, "AGREE", None, None)
    if coding.plover in HOSTILE_TYPES:
        return Coding(coding.kind, "THREATEN", None, None)
    return coding
