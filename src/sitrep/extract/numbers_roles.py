"""What a count counts (head noun and unit) and what happened to them (role), from the parse.

The head noun is the noun the number quantifies: spaCy's ``nummod`` relation
when it has one ("five Syrian soldiers"), else the noun right after the count,
past "de"/"of" and an adjective or two ("des milliers de civils").  Its unit
comes from ``quantity_units.tsv`` (person, country, vehicle, money...).

The role says what happened to counted people, from the words around the
head noun (``casualty_roles.tsv`` and the role column of
``quantity_units.tsv``):

- the noun itself: "3 morts", "12 blessés", "200 protesters";
- a participle or adjective on it: "5 civils tués", "12 personnes blessées";
- the verb it is the subject of: "12 personnes ont été tuées", "5 people died",
  "ont trouvé la mort";
- the verb it is the object of: "a tué 12 personnes", "killing 5 soldiers";
- the noun it completes: "l'évacuation de 8.000 personnes", "the deaths of 12 people".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import ResourceError
from ..resources import load_table
from .numbers import norm_word

_SUBJECT = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
_OBJECT = {"obj", "dobj", "iobj"}
_MODIFIER = {"amod", "acl", "acl:relcl", "appos"}
_MAX_GAP = 3  # tokens between the number and its head noun ("8.000 jeunes personnes", "5 Syrian soldiers")


@dataclass(frozen=True)
class UnitInfo:
    unit: str
    role: str | None


@dataclass(frozen=True)
class RoleWord:
    role: str
    obj: str | None  # "trouver la mort": the object lemma the verb needs


@lru_cache(maxsize=4)
def units(lang: str) -> dict[str, UnitInfo]:
    rows = load_table(lang, "quantity_units")
    return {norm_word(r["noun"]): UnitInfo(r["unit"], r.get("role") or None) for r in rows}


@lru_cache(maxsize=4)
def role_words(lang: str) -> dict[str, list[RoleWord]]:
    out: dict[str, list[RoleWord]] = {}
    for r in load_table(lang, "casualty_roles"):
        out.setdefault(norm_word(r["lemma"]), []).append(RoleWord(r["role"], norm_word(r["object"]) or None))
    return out


def _singulars(word: str) -> list[str]:
    w = norm_word(word)
    forms = [w]
    if w.endswith(("s", "x")) and len(w) > 3:
        forms.append(w[:-1])
    if w.endswith("ies") and len(w) > 4:
        forms.append(w[:-3] + "y")
    if w.endswith("men"):
        forms.append(w[:-3] + "man")
    if w == "people":
        forms.append("person")
    return forms


def unit_of_word(word: str, lang: str, lemma: str | None = None) -> UnitInfo | None:
    table = units(lang)
    for form in ([norm_word(lemma)] if lemma else []) + _singulars(word):
        if form in table:
            return table[form]
    return None


def _role_of_lemma(token: Any, lang: str) -> str | None:
    """The role a verb, participle or adjective gives ("tuer", "blessé", "killed")."""
    table = role_words(lang)
    for key in (token.lemma_.lower(), token.lower_, *_singulars(token.text)):
        for rw in table.get(key, []):
            if rw.obj is None:
                return rw.role
            if any(c.dep_ in _OBJECT and c.lemma_.lower() == rw.obj for c in token.children):
                return rw.role
    return None


@lru_cache(maxsize=4)
def demonyms(lang: str) -> frozenset[str]:
    """Nationality nouns ("Palestiniens", "Syrians"): counted people.  Read from the event coder's table."""
    try:
        return frozenset(norm_word(r["demonym"]) for r in load_table(lang, "event_demonyms"))
    except ResourceError:
        return frozenset()


def unit_of_token(token: Any, lang: str) -> UnitInfo | None:
    info = unit_of_word(token.text, lang, token.lemma_)
    if info is None and any(f in demonyms(lang) for f in _singulars(token.text)):
        return UnitInfo("person", None)
    return info


def _is_head_candidate(token: Any, lang: str, after_de: bool) -> bool:
    if unit_of_token(token, lang) is not None:
        return True
    if after_de:  # "31 de Latrell Sprewell": a name after "de" is no counted noun
        return token.pos_ == "NOUN" and token.text[:1].islower()
    return token.pos_ in ("NOUN", "PROPN") and token.text[:1].isalpha()


def head_token(doc: Any, start: int, end: int, lang: str) -> Any | None:
    """The noun a count at ``[start, end)`` quantifies, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    for tok in span:
        head = tok.head
        if tok.dep_ == "nummod" and head.i > span.end - 1 and head.i - span.end < _MAX_GAP \
                and _is_head_candidate(head, lang, after_de=False):
            return head
    i = span.end
    after_de = i < len(doc) and doc[i].lower_ in ("de", "d'", "d’", "of")
    if after_de:
        i += 1
    for j in range(i, min(i + _MAX_GAP, len(doc))):
        tok = doc[j]
        if _is_head_candidate(tok, lang, after_de):
            return tok
        if tok.pos_ not in ("ADJ", "DET") or "\n" in tok.text_with_ws:
            return None
    return None


# Roles that only say who the people are; what happened to them, when the clause says it, wins
# ("une soixantaine de manifestants ont été arrêtés" -> arrested).
_WHO_ROLES = {"protesters", "victims", "casualties", "rioters"}


def role_of(token: Any, lang: str) -> str | None:
    """The casualty or people role of the counted noun (or of the bare number) ``token``."""
    info = unit_of_word(token.text, lang, token.lemma_)
    noun_role = info.role if info is not None else None
    if noun_role and noun_role not in _WHO_ROLES:
        return noun_role
    return _role_around(token, lang) or noun_role


def count_role(head: Any | None, number: Any | None, lang: str) -> str | None:
    """The role of a count: from its head noun, else from the number's own place in the clause.

    ``number`` is the count's root token: in "des milliers de civils ont fui" or "une soixantaine de
    manifestants ont été arrêtés" the parser makes the count, not the noun, the verb's subject.
    """
    role = role_of(head, lang) if head is not None else None
    if number is not None and (role is None or role in _WHO_ROLES):
        around = role_of(number, lang) if head is None else _role_around(number, lang)
        role = around or role
    return role


def _role_around(token: Any, lang: str) -> str | None:
    """The role the words around ``token`` give it: its modifiers, its verb, the noun it completes."""
    for child in token.children:
        if child.dep_ in _MODIFIER or (child.dep_ == "conj" and child.pos_ in ("ADJ", "VERB")):
            role = _role_of_lemma(child, lang)
            if role:
                return role
    governor = token.head
    if governor is token:
        return None
    if token.dep_ in _SUBJECT or token.dep_ in _OBJECT:
        return _role_of_lemma(governor, lang)
    if token.dep_ in ("nummod", "amod") and governor.pos_ in ("VERB", "ADJ"):
        return _role_of_lemma(governor, lang)
    if token.dep_ == "nmod" and governor.pos_ == "NOUN":
        return _role_of_lemma(governor, lang)  # "l'évacuation de 8.000 personnes"
    if token.dep_ == "pobj" and governor.lower_ == "of" and governor.head.pos_ == "NOUN":
        return _role_of_lemma(governor.head, lang)  # "the deaths of 12 people"
    return None


def head_from_text(text: str, end: int, lang: str) -> tuple[int, int, UnitInfo] | None:
    """Without a parse: the word after the count (past "de"/"of") when it is a known head noun."""
    m = re.match(r"[^\S\n]*(?:(?:de|of)[^\S\n]+|d['’])?([\w’'-]+)", text[end : end + 60], re.IGNORECASE)
    if not m:
        return None
    info = unit_of_word(m.group(1), lang)
    if info is None:
        return None
    return end + m.start(1), end + m.end(1), info
