"""Violence and its weapons: remote violence by the weapon used, a battle or an attack by who
fights whom, territory taken by whom takes it, and weapons seized or destroyed."""

from __future__ import annotations

from typing import Any

from .coding import (
    ARMED_ROLES,
    CROWD_ROLES,
    NON_STATE_ROLES,
    STATE_SECTORS,
    Coding,
    coding_of,
    is_people,
    phrase_core,
    state_subject,
    subtree_has,
)
from .detect import Draft
from .lexicon import Kind, doc_lang, fold, words_of

WEAPON_ORDER = ("suicide", "chemical", "air", "explosive", "grenade", "shelling")
WEAPON_KIND = {"suicide": "suicide", "chemical": "chemical", "air": "airstrike", "explosive": "explosive",
               "grenade": "grenade", "shelling": "shelling"}


def weapon_rank(kind: str) -> int:
    for w, k in WEAPON_KIND.items():
        if k == kind:
            return WEAPON_ORDER.index(w)
    return len(WEAPON_ORDER)


def exchange_of_fire(found: dict[str, set[int]], target_armed: bool) -> bool:
    """Small arms fired at an armed side: ACLED codes a battle, whatever heavier weapons were used too."""
    return "firearm" in found and (target_armed or "military_object" in found)


def disrupted(doc: Any, draft: Draft, found: dict[str, set[int]]) -> bool:
    """Weapons or explosives taken, found or destroyed: the object of such a verb holds them."""
    arms = found.get("weapons_object", set()) | found.get("explosive", set())
    if not arms:
        return False
    lang = doc_lang(doc)
    lemmas = {fold(x) for x in words_of(lang, "disrupt")}
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
            and not any(fold(t.lemma_) in words_of(lang, "detonate") for t in main.sent):
        up = main
        for _ in range(4):
            if up.head.i == up.i:
                break
            up = up.head
            if fold(up.lemma_) in lemmas:
                return True
    return False


def direct(known: dict[str, Kind], kind: str, weapon: str | None, found: dict[str, set[int]],
            source_role: str | None, source_armed: bool, target_armed: bool, target_place: bool,
            target_role: str | None, target: Any = None) -> Coding:
    """Direct violence: a battle between armed sides, an attack on civilians, or a crowd's violence."""
    target_armed = target_armed or ("military_object" in found and target_place)
    source_armed = source_armed or "firearm" in found  # "shot by a man": a gunman
    if weapon is not None and not (kind == "clash" and weapon == "shelling") \
            and not (weapon in {"shelling", "grenade"} and (exchange_of_fire(found, target_armed)
                                                            or "exchange" in found)):
        return coding_of(known[WEAPON_KIND[weapon]])
    if weapon in {"shelling", "grenade"} and source_armed:
        return coding_of(known["clash"])  # mortars and machine guns fired at positions: an exchange, a battle
    if not source_armed and (source_role in {"protesters", "rioters"} or (
            source_role in {"mob", "civilians"} and target_role in {"police", "military"})):
        return coding_of(known["riot"])  # a crowd fighting the police: a violent demonstration
    if not source_armed and (source_role in {"mob", "civilians"} or "mob" in found):
        return coding_of(known["mob"])  # villagers or a crowd beating someone: mob violence
    if kind == "clash" and not source_armed and not target_armed and not {source_role, target_role} & ARMED_ROLES \
            and "armed" not in found \
            and ("crowd_violence" in found or source_role in CROWD_ROLES or target_role in CROWD_ROLES):
        return coding_of(known["mob"])  # "two village groups clashed with sticks": no armed side, no battle
    if kind == "clash" or target_armed:
        return coding_of(known["clash"])
    if target is None and "firearm" in found and source_role not in CROWD_ROLES and not target_place:
        return coding_of(known["clash"])  # shots exchanged with no victim named: fighting
    return coding_of(known["attack"])


def territory(doc: Any, known: dict[str, Kind], head: int, found: dict[str, set[int]], source_role: str | None,
               source: Any, trigger_tokens: tuple[int, ...], target: Any) -> Coding | None:
    tok = doc[head]
    obj = next((c for c in tok.children if c.dep_ in {"obj", "dobj"} and c.i not in trigger_tokens), None)
    if obj is not None and not phrase_core(obj) & found.get("place_object", set()):
        if obj.i in found.get("weapons_object", set()) or subtree_has(doc, obj.i, found.get("weapons_object", set())):
            return coding_of(known["weapons"])
        people = obj.ent_type_ in {"PER", "PERSON", "NORP"} or is_people(obj)
        if people and len(trigger_tokens) == 1:
            # "captured five militants"; not "drove the militants out", which takes the place from them
            return coding_of(known["arrest"] if source_role in {"military", "police"} else known["abduct"])
        if not people and obj.ent_type_ not in {"GPE", "LOC", "FAC"}:
            if source_role == "police":
                return None  # police seizing goods: law enforcement, no political violence
            return coding_of(known["loot"])  # goods or vehicles seized
    state = source_role in {"military", "police", "government"} or (
        source is not None and source.sector in STATE_SECTORS) or (
        source is None and target is not None and target.sector == "REB") or (  # "militants were pushed out"
        source_role not in NON_STATE_ROLES and state_subject(doc, head))
    sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    return Coding("territory", "ASSAULT", "Battles", sub)


def without_aircraft_hit(doc: Any, found: dict[str, set[int]]) -> dict[str, set[int]]:
    """The cues without the aircraft that were the target ("destroying several helicopters",
    "opened fire on a small plane"): an aircraft hit is no air strike; one that strikes is."""
    air = found.get("air", set())
    if not air:
        return found
    lang = doc_lang(doc)
    hit = set()
    for i in air:
        tok = doc[i]
        if tok.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"} and fold(tok.head.lemma_) in words_of(lang, "hit"):
            hit.add(i)
        elif tok.dep_ == "pobj" and tok.head.lower_ in words_of(lang, "acted_on"):
            hit.add(i)  # "fired on a plane"
        elif tok.dep_ in {"obl", "obl:arg", "nmod"} and any(
                c.dep_ == "case" and c.lower_ in words_of(lang, "acted_on") for c in tok.children):
            hit.add(i)  # "tiré sur un avion"
    if not hit:
        return found
    out = {k: v for k, v in found.items() if k != "air"}
    if air - hit:
        out["air"] = air - hit
    return out

