"""Crowds: what a protest is about, whom forces act on, and how a protest is coded (peaceful,
met with intervention or excessive force, violent, or mob violence)."""

from __future__ import annotations

from typing import Any

from .coding import CROWD_KINDS, Coding, coding_of
from .detect import Draft
from .lexicon import Kind, doc_lang, words_of


def acted_on(doc: Any, low: int, high: int) -> bool:
    """``low`` is what ``high`` acts on: its object, or the object of "on"/"against" under it
    ("cracked down on demonstrators"), not a reason ("expelled for taking part in protests")."""
    tok = doc[low]
    lang = doc_lang(doc)
    if any(c.lower_ in words_of(lang, "any_word") for c in tok.children if c.dep_ in {"det", "predet", "amod"}):
        return False  # "banned all gatherings": a ban on protests in general, no crowd that met force
    if tok.head.i == high:
        return tok.dep_ in {"obj", "dobj", "nsubj:pass", "nsubjpass"}
    prep = tok.head
    if tok.dep_ in {"pobj", "obl", "obl:arg", "nmod"}:
        case = prep if tok.dep_ == "pobj" else next((c for c in tok.children if c.dep_ == "case"), None)
        head = prep.head if tok.dep_ == "pobj" else tok.head
        return head.i == high and case is not None and case.lower_ in words_of(lang, "acted_on")
    return False


def claims(doc: Any, draft: Draft) -> set[int]:
    """Words of what a protest is about ("against the attack on journalists"): not the crowd's acts."""
    lang = doc_lang(doc)
    preps = words_of(lang, "claim_prep")
    out: set[int] = set()
    heads = {doc[m.head] for m in draft.mentions + draft.content}
    heads |= {h.head for h in list(heads) if h.dep_ in {"obj", "dobj"} and h.head.pos_ in {"VERB", "AUX"}}
    crowd = [doc[m.head] for m in draft.mentions + draft.content if m.kind.name in CROWD_KINDS]
    # "a protest took place following the arrest": the verb the crowd noun is subject of carries the claim
    heads |= {h.head for h in crowd if h.dep_.startswith("nsubj") and h.head.pos_ in {"VERB", "AUX"}}
    for m in draft.mentions + draft.content:
        # "to protest the plan for mass arrests": English "protest" takes its claim as its object
        # (not "barricaded roads with burning tyres", whose object is what the crowd acted on)
        if m.trigger.lemma in words_of(lang, "claim_object") and doc[m.head].pos_ in {"VERB", "AUX"}:
            out.update(t.i for c in doc[m.head].children if c.dep_ in {"obj", "dobj"} for t in c.subtree)
    for head in heads:
        for c in head.children:
            case = c if c.dep_ == "prep" else next((g for g in c.children if g.dep_ == "case"), None)
            if case is not None and case.lower_ in preps:
                out.update(t.i for t in c.subtree)
            if c.dep_ in {"xcomp", "advcl", "conj"} and any(k.kind.name == "request" for k in draft.content
                                                              if k.head in {t.i for t in c.subtree}):
                out.update(t.i for t in c.subtree)
    return out


def protest_coding(known: dict[str, Kind], kind: str, present: set[str], found: dict[str, set[int]],
             source_state: bool, claim: set[int] | None = None, crowd_acts: bool = False,
             demands: bool = False) -> Coding:
    # a state "protesting" to another is a diplomatic complaint, not a street protest
    if kind == "protest" and source_state:
        return coding_of(known["accuse"])
    if "lethal_force" in found or ("kill" in present and not crowd_acts):
        return Coding("protest", "ASSAULT", "Protests", "Excessive force against protesters")
    violent_words = found.get("crowd_violence", set()) - (claim or set())
    if kind == "riot" or violent_words or "loot" in present:
        if "mob" in found and kind != "riot":
            return coding_of(known["mob"])
        if kind == "riot" and "protest" not in present and not demands:
            return coding_of(known["mob"])  # rioters with no demonstration nor demand: mob violence
        return coding_of(known["riot"])
    if found.get("intervention", set()) - (claim or set()) or "arrest" in present:
        return Coding("protest", "PROTEST", "Protests", "Protest with intervention")
    return coding_of(known["protest"])
