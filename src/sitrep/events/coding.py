"""What the event coder's rules share: the coding record, groups of kinds and roles, the cues
found in a clause, and questions put to the parse (is this word people, soldiers, a place?)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .lexicon import Kind, cues, doc_lang, sector_words

REMOTE_KINDS = {"shelling", "airstrike", "explosive", "explosion", "suicide", "grenade", "chemical"}
DIRECT_KINDS = {"attack", "kill", "clash"}
STATE_SECTORS = {"MIL", "COP", "GOV"}
CROWD_KINDS = {"protest", "riot"}
CROWD_ROLES = {"protesters", "rioters", "mob", "civilians"}
NON_STATE_ROLES = {"rebels", "militia", "ethnic_militia", "armed_group", "gang"}
ARMED_ROLES = {"military", "police", "rebels", "militia", "ethnic_militia", "armed_group", "gang"}
# weapon cues that a capitalised word inside a proper name does not carry ("Oktiabr Mine")
NAMEABLE_CUES = {"shelling", "air", "explosive", "suicide", "grenade", "chemical"}


@dataclass(frozen=True)
class Coding:
    kind: str
    plover: str
    acled_type: str | None
    acled_subtype: str | None


def coding_of(kind: Kind, plover: str | None = None) -> Coding:
    return Coding(kind.name, plover or kind.plover, kind.acled_type, kind.acled_subtype)


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


def _in_name(doc: Any, i: int) -> bool:
    """A capitalised word after another inside a proper name ("near Oktiabr Mine"): no weapon."""
    tok = doc[i]
    return i > 0 and tok.pos_ == "PROPN" and tok.is_title and not tok.is_sent_start \
        and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title


def subtree_has(doc: Any, head: int, where: set[int]) -> bool:
    return any(t.i in where for t in doc[head].subtree if t.i != head)


def is_people(tok: Any) -> bool:
    """A noun for people ("12 civilians", "a journalist", "Kurdish activists")."""
    if tok.ent_type_ in {"PER", "PERSON", "NORP"}:
        return True
    lang = doc_lang(tok.doc)
    return bool(sector_words(lang).find([tok]))


def troops(doc: Any, head: int) -> bool:
    """The object withdrawn is soldiers ("withdrawing 300 troops")."""
    lang = doc_lang(doc)
    found = sector_words(lang).find(list(doc[head].subtree))
    return any(m.payload == "military" for m in found)


def state_subject(doc: Any, head: int) -> bool:
    """The subject of the taking names soldiers or police ("Iraqi security forces freed the villages",
    "army troops recaptured the town"), though no actor entry knew the name."""
    lang = doc_lang(doc)
    subj = [t for c in doc[head].children if c.dep_ in {"nsubj", "nsubj:pass", "agent"} for t in c.subtree]
    return any(m.payload in {"military", "police"} for m in sector_words(lang).find(subj)) if subj else False


def phrase_core(tok: Any) -> set[int]:
    """A phrase's words without its clauses ("tons of marijuana [hidden in a bus on the highway]")."""
    out = {t.i for t in tok.subtree}
    for c in tok.subtree:
        if c.i != tok.i and c.dep_ in {"acl", "relcl", "acl:relcl", "advcl"}:
            out -= {t.i for t in c.subtree}
    return out
