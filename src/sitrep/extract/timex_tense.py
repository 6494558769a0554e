"""Which way in time a bare expression points, read from the tense of its clause.

"jeudi" alone can be last Thursday or next Thursday; the verb decides:
"a déclaré jeudi" (past) looks back, "se tiendraient samedi" (conditional)
and "doivent voter vendredi" (a modal) look forward, a present tense takes
the nearest day.  The answer is one of ``past``, ``imperfect`` (a past in
the imperfect, which reported speech also uses for the present),
``future``, ``present`` or None when the expression hangs on no verb (a
headline).  A preposition can decide instead: "depuis mardi" looks back,
"jusqu'au 30 juin" takes the nearest whatever the tense.

French reads spaCy's morphology (Tense, Mood, VerbForm) and the auxiliaries
(``aux:tense`` = compound past, ``aux:pass`` = passive); the French model
often tags a conditional as an imperfect, so the verb form is also compared
with the verb's future stem.  English reads the Penn tags (VBD, VBN + have,
MD will/would) of the verb and its auxiliaries.
"""

from __future__ import annotations

from typing import Any

from .timex_lexicon import TimexLexicon, _key

_MAX_CLIMB = 6
_COND_ENDINGS = ("ais", "ait", "ions", "iez", "aient")
_FUT_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")
_EN_FUTURE_MODALS = {"will", "would", "shall", "'ll", "may", "might", "could", "should", "must", "can"}


def _future_stem(lemma: str, lex: TimexLexicon) -> str | None:
    if lemma in lex.future_stems:
        return lex.future_stems[lemma]
    if lemma.endswith(("er", "ir")):
        return lemma
    if lemma.endswith("re"):
        return lemma[:-1]
    return None


def _fr_form_tense(token: Any, lex: TimexLexicon) -> str | None:
    """'cond' or 'fut' when the verb form is built on the future stem.

    The form decides when the verb's future stem is known (the model tags some imperfects as
    conditionals, "justifiait", and some conditionals as imperfects, "tiendraient"); the model's
    morphology only for verbs whose stem is not.
    """
    stem = _future_stem(token.lemma_.lower(), lex)
    form = token.text.lower()
    if stem:
        if not form.startswith(stem):
            return None
        ending = form[len(stem) :]
        if ending in _COND_ENDINGS:
            return "cond"
        if ending in _FUT_ENDINGS and token.lemma_ != "aller":
            return "fut"
        return None
    if "Cnd" in token.morph.get("Mood"):
        return "cond"
    if "Fut" in token.morph.get("Tense") and token.lemma_ != "aller":
        return "fut"
    return None


def _fr_clause_tense(verb: Any, lex: TimexLexicon) -> str | None:
    lemma = verb.lemma_.lower()
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]
    tense_aux = [a for a in auxes if a.dep_ in ("aux", "aux:tense")]
    if lex.tense_verbs.get(lemma) == "future":
        return "future"
    if tense_aux:
        aux = tense_aux[0]
        form = _fr_form_tense(aux, lex)
        if form:
            return "future"
        return "past"  # passé composé, plus-que-parfait, passé antérieur
    if verb.morph.get("VerbForm") == ["Inf"]:
        head = verb.head
        if head is not verb and head.pos_ in ("VERB", "AUX"):
            if lex.tense_verbs.get(head.lemma_.lower()) == "future" or head.lemma_.lower() == "aller":
                return "past" if _fr_finite_tense(head, lex) in ("past", "imperfect") else "future"
            return _fr_clause_tense(head, lex)
        return None
    if verb.morph.get("VerbForm") == ["Part"]:
        if "Pres" in verb.morph.get("Tense"):
            return None
        passive = [a for a in auxes if a.dep_ == "aux:pass"]
        if passive:
            return _fr_finite_tense(passive[0], lex)
        return "past"  # "une offensive lancée le 15 novembre", "Réélu dimanche"
    return _fr_finite_tense(verb, lex)


def _fr_finite_tense(verb: Any, lex: TimexLexicon) -> str | None:
    form = _fr_form_tense(verb, lex)
    if form:
        return "future"
    tense = verb.morph.get("Tense")
    if "Cnd" in verb.morph.get("Mood") and verb.text.lower().endswith(_COND_ENDINGS):
        return "imperfect"  # tagged conditional, but not built on the future stem: "justifiait"
    if "Imp" in tense:
        return "imperfect"  # a past, but "ne justifiait aujourd'hui" still speaks of the present
    if "Past" in tense:
        return "past"
    if "Pres" in tense:
        if lex.tense_verbs.get(verb.lemma_.lower()) == "future":
            return "future"
        if verb.lemma_.lower() == "aller" and any(c.morph.get("VerbForm") == ["Inf"] for c in verb.children):
            return "future"
        return "present"
    return None


def _en_clause_tense(verb: Any, lex: TimexLexicon) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.text.lower() for a in auxes}
    if words & _EN_FUTURE_MODALS or lex.tense_verbs.get(verb.lemma_.lower()) == "future":
        return "future"
    if any(a.lemma_ == "be" and a.dep_ == "aux" for a in auxes) and verb.tag_ == "VBG" and verb.lemma_ == "go":
        return "future"  # "is going to meet"
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp",) and verb.head is not verb:
        head = verb.head
        if head.lemma_ == "go" and head.tag_ == "VBG":
            return "future"
        return _en_clause_tense(head, lex)
    tags = {a.tag_ for a in auxes} | {verb.tag_}
    if "VBD" in tags:
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return None


def _governing_verb(token: Any, text: str) -> Any | None:
    """The verb the expression hangs on, in the same line (a headline's verb is never the next line's)."""
    current = token
    for _ in range(_MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") and current is not token:
            lo, hi = sorted((token.idx, current.idx))
            return None if "\n" in text[lo:hi] else current
        if current.head is current:
            return None
        current = current.head
    return None


def _prep_cue(text: str, start: int, lex: TimexLexicon) -> str | None:
    before = _key(text[max(0, start - 20) : start])
    for word, direction in sorted(lex.tense_preps.items(), key=lambda kv: -len(kv[0])):
        if direction and (before.endswith(" " + word) or before == word):
            return "present" if direction == "any" else direction
    return None


def direction(doc: Any, start: int, end: int, lex: TimexLexicon, text: str | None = None) -> str | None:
    """``past``, ``imperfect``, ``future``, ``present`` or None for the expression at ``[start, end)``.

    ``text``: the Doc's text when the caller has it (spaCy joins the tokens again at each ``doc.text``,
    which cost more than the rest of this function on a long article)."""
    if text is None:
        text = doc.text
    cue = _prep_cue(text, start, lex)
    if cue:
        return cue
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root, text)
    if verb is None:
        return None
    if lex.lang == "fr":
        return _fr_clause_tense(verb, lex)
    return _en_clause_tense(verb, lex)
