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
from .lexicon import Kind, cues, kinds

WEAPON_ORDER = ("suicide", "chemical", "air", "explosive", "grenade", "shelling")
WEAPON_KIND = {"suicide": "suicide", "chemical": "chemical", "air": "airstrike", "explosive": "explosive",
               "grenade": "grenade", "shelling": "shelling"}
REMOTE_KINDS = {"shelling", "airstrike", "explosive", "explosion", "suicide", "grenade", "chemical"}
DIRECT_KINDS = {"attack", "kill", "clash"}
STATE_SECTORS = {"MIL", "COP", "GOV"}
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
    for m in cues(lang).find(span):
        if m.tokens[0] in wanted:
            out.setdefault(m.payload, set()).update(m.tokens)
    return out


def _coding(kind: Kind, plover: str | None = None) -> Coding:
    return Coding(kind.name, plover or kind.plover, kind.acled_type, kind.acled_subtype)


def _subtree_has(doc: Any, head: int, where: set[int]) -> bool:
    return any(t.i in where for t in doc[head].subtree if t.i != head)


def classify(doc: Any, draft: Draft, found: dict[str, set[int]], source: Any, target: Any,
             source_armed: bool, target_armed: bool, source_role: str | None, lang: str,
             source_state: bool = False, target_place: bool = False) -> Coding | None:
    """The coding of a draft, or None when it is no event after all (a disaster, a claim)."""
    known = kinds()
    main = draft.main
    kind = main.kind.name
    present = {m.kind.name for m in draft.mentions}
    weapon = next((w for w in WEAPON_ORDER if w in found or WEAPON_KIND[w] in present), None)
    lemma = main.trigger.lemma

    if "disaster" in found and kind in {"kill", "explosion", "attack"} and weapon is None \
            and not source_armed and present <= {"kill", "explosion", "attack", "loot"}:
        return None  # deaths in a flood or a crash: no political violence
    if "claim" in found and kind == "request":
        return None  # "revendiquer un attentat" claims an act; it asks for nothing
    if lemma in {"strike", "frappe"}:
        if "labour" in found and weapon is None:
            kind = "protest"
        elif weapon in {"air", None} and kind != "protest":
            kind = "airstrike" if weapon == "air" or "drone" in lemma else "attack"
    if kind == "protest" and main.trigger.lemma in {"strike"} and weapon is not None:
        kind = "attack"

    if kind in {"protest", "riot"} or (kind in {"arrest", "loot"} and present & {"protest", "riot"}):
        return _protest(known, kind, present, found, source_state)
    if kind == "mob":
        return _coding(known["mob"])
    if kind in REMOTE_KINDS:
        if kind == "explosion" and weapon is None:
            return _coding(known["shelling"])
        if weapon is not None and weapon != "shelling" and WEAPON_ORDER.index(weapon) < _order(kind):
            return _coding(known[WEAPON_KIND[weapon]])
        return _coding(known["shelling" if kind == "explosion" else kind])
    if kind == "territory":
        return _territory(doc, known, main.head, found, source_role, source)
    if kind in DIRECT_KINDS:
        if weapon is not None and not (kind == "clash" and weapon == "shelling"):
            return _coding(known[WEAPON_KIND[weapon]])
        if "mob" in found and source_role in {"mob", "civilians", None} and not source_armed:
            return _coding(known["mob"])
        if kind == "clash" or target_armed or (source_armed and _armed_words(found) and target is None):
            return _coding(known["clash"])
        if source_armed and target_place:
            return _coding(known["clash"])  # armed men attacking a town fight whoever holds it
        return _coding(known["attack"])
    if kind == "arrest":
        if lang == "fr" and lemma == "arrêter" and not _person_object(doc, main.head, target):
            return _coding(known["halt"])  # "arrêter les combats": to stop
        return _coding(known["arrest"])
    if kind == "halt":
        content_violent = any(m.violent for m in draft.content) or _subtree_has(
            doc, main.head, found.get("violence_object", set()))
        if not content_violent and _subtree_has(doc, main.head, found.get("talks_object", set())):
            return _coding(known["halt"], "SANCTION")
        return _coding(known["halt"])
    if kind == "sanction" and lemma in {"condamner", "condamnation"} and "penalty" not in found:
        return _coding(known["accuse"])  # "condamner un attentat": to condemn, not to sentence
    if kind == "retreat" and lemma in {"libérer", "liberate"} and _subtree_has(
            doc, main.head, found.get("place_object", set())):
        return _coding(known["territory"])
    return _coding(known[kind])


def _order(kind: str) -> int:
    for w, k in WEAPON_KIND.items():
        if k == kind:
            return WEAPON_ORDER.index(w)
    return len(WEAPON_ORDER)


def _armed_words(found: dict[str, set[int]]) -> bool:
    return "firearm" in found


def _protest(known: dict[str, Kind], kind: str, present: set[str], found: dict[str, set[int]],
             source_state: bool) -> Coding:
    # a state "protesting" to another is a diplomatic complaint, not a street protest
    if kind == "protest" and source_state:
        return _coding(known["accuse"])
    if "lethal_force" in found or ("kill" in present and "intervention" in found):
        return Coding("protest", "PROTEST", "Protests", "Excessive force against protesters")
    if kind == "riot" or "crowd_violence" in found or "loot" in present:
        if "mob" in found and kind != "riot":
            return _coding(known["mob"])
        return _coding(known["riot"])
    if "intervention" in found or "arrest" in present:
        return Coding("protest", "PROTEST", "Protests", "Protest with intervention")
    return _coding(known["protest"])


def _territory(doc: Any, known: dict[str, Kind], head: int, found: dict[str, set[int]], source_role: str | None,
               source: Any) -> Coding:
    tok = doc[head]
    obj = next((c for c in tok.children if c.dep_ in {"obj", "dobj"}), None)
    if obj is not None and not _subtree_has(doc, obj.i, found.get("place_object", set())) \
            and obj.i not in found.get("place_object", set()):
        if obj.i in found.get("weapons_object", set()) or _subtree_has(doc, obj.i, found.get("weapons_object", set())):
            return _coding(known["weapons"])
        if obj.ent_type_ not in {"GPE", "LOC", "FAC", ""} or _is_people(obj):
            return _coding(known["arrest"] if source_role in {"military", "police"} else known["abduct"])
    state = source_role in {"military", "police", "government"} or (
        source is not None and source.sector in STATE_SECTORS)
    sub = "Government regains territory" if state else "Non-state actor overtakes territory"
    return Coding("territory", "ASSAULT", "Battles", sub)


def _is_people(tok: Any) -> bool:
    return tok.ent_type_ in {"PER", "PERSON", "NORP"} or tok.pos_ == "NUM" or any(
        c.pos_ == "NUM" for c in tok.children)


def _person_object(doc: Any, head: int, target: Any) -> bool:
    tok = doc[head]
    if any(c.dep_ in {"nsubj:pass", "nsubjpass"} for c in tok.children) or "Pass" in tok.morph.get("Voice"):
        return True
    if target is not None and (target.sector is not None or target.country is not None):
        return True
    obj = next((c for c in tok.children if c.dep_ in {"obj", "dobj"}), None)
    return obj is not None and (_is_people(obj) or obj.ent_type_ in {"PER", "PERSON"})


def intent(coding: Coding, status: str) -> Coding:
    """A promise of help or of a concession is an agreement in PLOVER ("will support", "offered to")."""
    if coding.plover in INTENT_TYPES and coding.acled_type is None and status in {"planned", "hypothetical"}:
        return Coding(coding.kind, "AGREE", None, None)
    return coding
