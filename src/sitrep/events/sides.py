"""Who an act is aimed at, and what the rest of its paragraph says about them.

Helpers of the event stage (events/stage.py): the sides of a trigger (its subject, its object,
what it was aimed "at", "on" or "against"), whether a base was attacked, whether a later
sentence names the victim a gang member, and the tokens after a sentence in its paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .classify import clause_cues
from .lexicon import doc_text, fold
from .participants import holds

AIM_PREPS = {"at", "on", "towards", "toward", "against", "sur", "contre", "vers"}

SUBJECT_DEPS = {"nsubj", "agent"}
OBJECT_DEPS = {"dobj", "obj", "nsubjpass", "nsubj:pass"}


def side_named(doc: Any, head: int, words: set[int], deps: set[str]) -> bool:
    """The trigger's subject (or object: also what it was aimed "at", "on", "against") holds one of
    ``words``, where no actor was coded for it."""
    return any(t.i in words for c in _sides(doc, head, deps) for t in c.subtree)


def _sides(doc: Any, head: int, deps: set[str]) -> list[Any]:
    sides = [c for c in doc[head].children if c.dep_ in deps]
    if deps is OBJECT_DEPS:
        sides += [g for c in doc[head].children if c.dep_ == "prep" and c.lower_ in AIM_PREPS
                  for g in c.children if g.dep_ == "pobj"]
        sides += [c for c in doc[head].children if c.dep_.startswith("obl")
                  and any(g.dep_ == "case" and g.lower_ in AIM_PREPS for g in c.children)]
    return sides


def base_attacked(doc: Any, head: int, found: dict[str, set[int]]) -> bool:
    """What the violence aims at is a base or a position ("attacked a military base", "an attack was
    launched on a base"): whoever holds it is armed, whatever else the target phrase names."""
    bases = found.get("military_object", set())
    tok = doc[head]
    heads = [head] + ([tok.head.i] if tok.pos_ == "NOUN" and tok.dep_ in OBJECT_DEPS | SUBJECT_DEPS else [])
    return bool(bases) and any(c.i in bases and c.head.lower_ not in LOCATIVE_AIM
                               for h in heads for c in _sides(doc, h, OBJECT_DEPS))


LOCATIVE_AIM = {"at", "à"}  # "fired at a checkpoint" aims; "stopped at a checkpoint" stands there


VICTIM_WORDS = {"victim", "victime"}
OTHER_CLAUSES = {"relcl", "acl:relcl", "advcl", "ccomp", "conj", "parataxis", "acl"}


def criminal_victim(doc: Any, sent: Any, target: Any, found: dict[str, set[int]], lang: str,
                    later_cues: Callable[[], dict[str, set[int]]] | None = None) -> bool:
    """The victim is named a gang member or a drug dealer, in the clause ("attacked an alleged drug
    dealer") or in a later sentence about "the victim" ("The victim was involved in a gang").
    ``later_cues`` gives the cues of the rest of the paragraph when the caller has read them."""
    if target is not None and holds(target, found.get("criminal", set()), doc):
        return True
    cues = later_cues() if later_cues is not None else clause_cues(doc, lang, rest_of_paragraph(doc, sent))
    later = cues.get("criminal", set())
    for verb in {t.head for i in later for t in doc[i].sent
                 if t.dep_.startswith("nsubj") and fold(t.lemma_) in VICTIM_WORDS}:
        if any(c.dep_ == "neg" or c.lower_ in {"not", "pas", "jamais"} for c in verb.children):
            continue  # "the victims were not involved"
        core = {t.i for t in verb.subtree} - {t.i for c in verb.subtree if c.i != verb.i
                                              and c.dep_ in OTHER_CLAUSES for t in c.subtree}
        if core & later:
            return True
    return False


# crowd-violence cues that may as well tell what forces did to the crowd, or the report's summing up
SHARED_VIOLENCE = {"clash", "attack", "injure", "damage", "violent", "violently", "scuffle", "storm", "smash"}


def rest_of_paragraph(doc: Any, sent: Any) -> list[int]:
    text = doc_text(doc)
    end = text.find("\n", sent.end_char)
    end = len(text) if end < 0 else end
    tail = doc.char_span(sent.end_char, end, alignment_mode="contract") if end > sent.end_char else None
    return list(range(tail.start, tail.end)) if tail is not None else []
