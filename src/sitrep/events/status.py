"""An event's status: occurred, ongoing, planned, announced, denied or hypothetical.

Read from the cues of ``<lang>/event_status.tsv`` where they stand in the
parse relative to the trigger (a negation on the trigger, a denial or a plan
governing it, a condition opening its clause), and from verb forms: a future
is planned; a French conditional is a hypothesis, unless a verb of saying
governs it ("a annoncé que des discussions se tiendraient samedi": a reported
plan) or it is a past conditional of hearsay ("l'armée aurait tué": reported as
having happened).

A negated act of cooperation is a refusal ("ne céderaient pas", "will not
accept"): the caller recodes it as REJECT, which did occur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .detect import adjunct, children_ids, token_strings, token_texts
from .lexicon import StatusCue, crosses_line, fold, sentence_bounds, status_cues

UP = 3  # how far up the tree a governing cue may stand
_COND_ENDINGS = ("rait", "raient", "rais", "rions", "riez")
_IMPERFECT = {"rait": "ait", "raient": "aient", "rais": "ais", "rions": "ions", "riez": "iez"}


@dataclass(frozen=True)
class Reading:
    status: str
    negated: bool  # the trigger itself is negated ("did not attack", "aucun affrontement")
    announced: bool  # a verb of announcing governs it
    intended: bool = False  # someone says they will or would do it ("ready to talk", "said they would meet")
    obliged: bool = False  # an obligation is put on the doer ("Libya must hand over the suspects")


def sentence_cues(doc: Any, sent: Any, lang: str) -> dict[int, StatusCue]:
    """Token index -> the status cue it carries, for one sentence."""
    out: dict[int, StatusCue] = {}
    for m in status_cues(lang).find(sent):
        if m.payload.kind == "cause" and _before_verb(doc, m.tokens[-1]):
            continue  # "is due to meet": the future cue inside it applies
        for i in m.tokens:
            out.setdefault(i, m.payload)
    return out


def _before_verb(doc: Any, i: int) -> bool:
    """The word after token ``i`` is a verb ("due to meet"), not a noun phrase ("due to the blast")."""
    return i + 1 < len(doc) and doc[i + 1].pos_ in {"VERB", "AUX"}


def conditional(tok: Any) -> bool:
    """A French conditional form, told from the imperfect by the lemma ("tiendrait" vs "tenait")."""
    if "Cnd" in tok.morph.get("Mood"):
        return True
    form, lemma = tok.lower_, fold(tok.lemma_)
    for ending in _COND_ENDINGS:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            imperfect = lemma[:-2] + _IMPERFECT[ending] if len(lemma) > 3 else ""
            return fold(form) != imperfect
    return False


def _future(tok: Any) -> bool:
    return "Fut" in tok.morph.get("Tense")


class _Kids:
    """Children and auxiliaries of tokens, each listed once for one reading (spaCy walks a token's
    subtree edges at every ``tok.children``)."""

    def __init__(self) -> None:
        self._children: dict[int, list[Any]] = {}

    def children(self, tok: Any) -> list[Any]:
        found = self._children.get(tok.i)
        if found is None:
            doc = tok.doc
            found = self._children[tok.i] = [doc[j] for j in children_ids(doc, tok.i)]
        return found

    def aux(self, tok: Any) -> list[Any]:
        return [c for c in self.children(tok) if c.dep_.startswith("aux") or c.dep_ in {"cop"}]


def read_status(doc: Any, head: int, cues: dict[int, StatusCue], lang: str) -> Reading:
    kids = _Kids()
    reading = _read(doc, head, cues, lang, kids)
    tok = doc[head]
    obliged = any(cues.get(a.i, _NONE).kind == "must" for a in kids.aux(tok) + [tok.head] if a.i != tok.i)
    if obliged:
        return Reading("hypothetical", False, reading.announced, reading.intended, True)
    return reading


def _read(doc: Any, head: int, cues: dict[int, StatusCue], lang: str, kids: _Kids) -> Reading:
    tok = doc[head]
    near = [tok] + kids.aux(tok)
    if tok.pos_ in {"NOUN", "PROPN"} and tok.head.pos_ in {"VERB", "AUX"} and tok.head.i != tok.i:
        near_tense = [tok.head] + kids.aux(tok.head)  # "se rendra en visite": the verb carries the noun's tense
    else:
        near_tense = near
    negated = any(cues.get(c.i, _NONE).kind == "neg" for t in near for c in kids.children(t)
                  if c.dep_ in {"neg", "advmod", "det", "mark", "case", "advmod:neg", "cc"}) \
        or cues.get(tok.head.i, _NONE).kind == "neg" and tok.dep_ in {"pobj", "obj", "xcomp"} \
        or _french_negation(tok, cues)
    chain = _ancestors(tok)
    # a cue governs the trigger through its arguments, not through a circumstance:
    # "a demandé ..., après une réunion": the meeting is not what was asked for
    governing = [(steps, a, cues.get(a.i)) for steps, a in chain if a.i in cues and not adjunct(doc, head, a.i)]
    kinds_up = {c.kind for _, _, c in governing if c is not None}
    announced = "announce" in kinds_up
    speech = any(c is not None and c.kind in {"speech", "announce"} for _, _, c in governing)
    intended = speech or any(c is not None and c.kind == "future" and fold(a.lemma_) in INTENT
                             for _, a, c in governing)
    if "deny" in kinds_up or _denied_before(doc, tok, cues):
        return Reading("denied", negated, announced)
    if negated:
        return Reading("denied", True, announced)
    if _conditioned(tok, chain, cues, kids):
        return Reading("hypothetical", False, announced, intended)
    modal = any(cues.get(a.i, _NONE).kind == "modal" for t in near + near_tense[:1] for a in kids.aux(t) + [t]
                if a.i != tok.i) \
        or any(cues.get(c.i, _NONE).kind == "modal" for c in kids.children(tok) if c.dep_ == "advmod")
    # "n'a pas empêché un tir": a negated cue no longer keeps the act from having happened
    future_gov = next((c for _, a, c in governing if c is not None and c.kind == "future"
                       and not any(cues.get(n.i, _NONE).kind == "neg" for n in kids.children(a))), None)
    cond_form = lang == "fr" and any(conditional(t) for t in near_tense)
    hearsay = cond_form and any(fold(a.lemma_) in {"avoir", "etre"} for a in kids.aux(tok)) and "Part" in \
        tok.morph.get("VerbForm")
    if modal and not speech:
        return Reading("hypothetical", False, announced, True)
    if announced and tok.pos_ in {"NOUN", "PROPN"} and not any(_future(t) for t in near_tense):
        return Reading("occurred", False, True)  # "a annoncé l'arrestation du chef": the act is reported done
    if announced:
        return Reading("announced", False, True)
    if future_gov is not None:
        return Reading(future_gov.status or "planned", False, announced, intended)
    if any(_future(t) for t in near_tense) \
            or any(cues.get(a.i, _NONE).kind == "future" for a in kids.aux(near_tense[0])):
        return Reading("planned", False, announced, intended)
    if cond_form and not hearsay:
        return Reading("planned" if speech else "hypothetical", False, announced, intended)
    if modal:
        return Reading("planned", False, announced, True)
    if "ongoing" in kinds_up or any(cues.get(c.i, _NONE).kind == "ongoing" for c in kids.children(tok)):
        return Reading("ongoing", False, announced)
    return Reading("occurred", False, announced)


_NONE = StatusCue("", "")
# what someone means to do, as opposed to what a calendar holds ("is due to", "doit s'ouvrir")
INTENT = {"ready", "willing", "prepared", "vow", "pledge", "promise", "intend", "want", "pret", "dispose",
          "promettre", "vouloir", "entendre", "compter"}


def _ancestors(tok: Any) -> list[tuple[int, Any]]:
    out = []
    cur = tok
    for steps in range(1, UP + 1):
        if cur.head.i == cur.i or crosses_line(tok.doc, cur.i, cur.head.i):
            break
        cur = cur.head
        out.append((steps, cur))
    return out


def _french_negation(tok: Any, cues: dict[int, StatusCue]) -> bool:
    """"ne ... pas/jamais/plus" around the verb or its auxiliary, whatever the parse attached them to."""
    start, end = sentence_bounds(tok.doc, tok.i)
    lo = max(start, tok.i - 4)
    lowers = _lowers(tok.doc)
    window = lowers[lo:tok.i]
    has_ne = any(w in {"ne", "n'", "n’"} for w in window)
    after = lowers[tok.i + 1:min(end, tok.i + 3)]
    before_pas = any(w in {"pas", "jamais", "plus", "point"} for w in window + after)
    return has_ne and before_pas


def _lowers(doc: Any) -> list[str]:
    """Every token's ``lower_``."""
    return token_strings(doc, "LOWER")


def _denied_before(doc: Any, tok: Any, cues: dict[int, StatusCue]) -> bool:
    """A denial verb just before the trigger, even where the parser did not attach it ("dément avoir")."""
    lo = max(sentence_bounds(doc, tok.i)[0], tok.i - 4)
    texts = token_texts(doc)
    for i in range(lo, tok.i):
        if cues.get(i, _NONE).kind == "deny":
            return True
        if texts[i] in {".", ";", ":"}:
            return False
    return False


def _conditioned(tok: Any, chain: list[tuple[int, Any]], cues: dict[int, StatusCue], kids: _Kids) -> bool:
    for node in [tok] + [a for _, a in chain[:2]]:
        for c in kids.children(node):
            if c.dep_ in {"mark", "advmod", "case"} and cues.get(c.i, _NONE).kind == "cond":
                return True
    for c in kids.children(tok):  # "if the talks fail, they will attack": the condition hangs below the trigger
        if c.dep_ == "advcl" and any(g.dep_ in {"mark", "advmod"} and cues.get(g.i, _NONE).kind == "cond"
                                     and g.lower_ in {"if", "unless", "si"} for g in kids.children(c)):
            return True
    # "en cas de" / "au cas où" written before the trigger in its clause
    lo = max(sentence_bounds(tok.doc, tok.i)[0], tok.i - 5)
    return any(cues.get(i, _NONE).kind == "cond" and (t := tok.doc[i]).dep_ not in {"ROOT"} and t.i < tok.i
               and re.match(r"^(si|if|unless)$", t.lower_) is None and t.head.i in {tok.i, tok.head.i}
               for i in range(lo, tok.i))
