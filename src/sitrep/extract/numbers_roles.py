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
from ..resources import load_column, load_table
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


@lru_cache(maxsize=4)
def blockers(lang: str) -> frozenset[str]:
    return frozenset(norm_word(w) for w in load_column(lang, "casualty_blockers"))


def _blocked(token: Any, lang: str) -> bool:
    """ "attempted to kill", "a tenté de tuer": an infinitive under a verb of trying or threatening."""
    head = token.head
    infinitive = "Inf" in token.morph.get("VerbForm") or token.tag_ == "VB"
    return head is not token and infinitive and head.lemma_.lower() in blockers(lang)


def _role_of_lemma(token: Any, lang: str) -> str | None:
    """The role a verb, participle or adjective gives ("tuer", "blessé", "killed")."""
    if _blocked(token, lang):
        return None
    table = role_words(lang)
    for key in (token.lemma_.lower(), token.text.lower(), *_singulars(token.text)):
        for rw in table.get(key, []):
            if rw.obj is None:
                return rw.role
            if rw.obj in _near_lemmas(token):
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


def _near_lemmas(token: Any) -> set[str]:
    """Lemmas of a verb's children and grandchildren: "trouver la mort", "shot to death", "shot dead 3 men"."""
    near = set()
    for child in token.children:
        near.add(child.lemma_.lower())
        near.update(g.lemma_.lower() for g in child.children)
    return near


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
        if tok.dep_ == "nummod" and head.i > span.end - 1 and _close(doc, span.end, head.i) \
                and _is_head_candidate(head, lang, after_de=False):
            return _phrase_head(head)
    i = span.end
    after_de = i < len(doc) and doc[i].text.lower() in ("de", "d'", "d’", "of")
    if after_de:
        i += 1
    name = None
    for j in range(i, min(i + _MAX_GAP, len(doc))):
        tok = doc[j]
        if "\n" in doc[j - 1].text_with_ws:
            break
        if unit_of_token(tok, lang) is not None or (tok.pos_ == "NOUN" and tok.text[:1].islower()):
            return _phrase_head(tok)
        if tok.pos_ in ("PROPN", "ADJ", "DET") or (tok.text.isupper() and len(tok.text) > 1):
            # a name, an acronym or an adjective before the noun: "2 IS militants", "five Syrian soldiers"
            if name is None and tok.pos_ == "PROPN" and _is_head_candidate(tok, lang, after_de):
                name = tok
            continue
        break
    return name


def _close(doc: Any, after: int, head: int) -> bool:
    """The head noun is near the count, or only a name's words stand between ("16 Taliban Red Unit militants")."""
    if head - after < _MAX_GAP:
        return True
    return head - after <= 2 * _MAX_GAP and all(doc[j].dep_ in ("compound", "amod") for j in range(after, head))


def _phrase_head(token: Any) -> Any:
    """ "a militia leader": the counted noun is the compound's head, not its first word."""
    while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


# Roles that only say who the people are; what happened to them, when the clause says it, wins
# ("une soixantaine de manifestants ont été arrêtés" -> arrested), also when read from the count itself.
_WHO_ROLES = {"protesters", "victims", "casualties", "rioters"}


def role_of(token: Any, lang: str) -> str | None:
    """The casualty or people role of the counted noun (or of the bare number) ``token``."""
    info = unit_of_word(token.text, lang, token.lemma_)
    noun_role = info.role if info is not None else None
    if noun_role == "killed":
        return noun_role  # "3 morts", "4 dead": nothing said after changes that
    # What the clause says happened wins over what the noun says they are:
    # "a prisoner was killed" -> killed, "deux otages ont été libérés" -> released.
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
        return _role_of_next_word(token, lang)
    if token.dep_ == "conj" and governor.dep_ in _SUBJECT | _OBJECT and governor.pos_ in ("NOUN", "PROPN", "NUM"):
        return _role_around(governor, lang)  # "Quatre soldats et deux civils ont été tués"
    if token.dep_ in _SUBJECT or token.dep_ in _OBJECT:
        if token.dep_ in ("nsubj", "csubj") and _acts_on_someone(governor, lang):
            return None  # "a group killed a man", "militants shot and killed a civilian": the subject did it
        role = _role_of_lemma(governor, lang)
        if role is None and token.dep_ in _SUBJECT:  # "a suspect was shot and died"
            role = next((r for c in governor.children if c.dep_ == "conj" and c.pos_ == "VERB"
                         and not any(cc.dep_ in _SUBJECT for cc in c.children)
                         and (r := _role_of_lemma(c, lang))), None)
        if role is not None and _alternatives(governor, role, lang):
            return None  # "killed, injured or captured": which of them is not said
        return role or _role_of_next_word(token, lang)
    if token.dep_ in ("nummod", "amod") and governor.pos_ in ("VERB", "ADJ"):
        return _role_of_lemma(governor, lang)
    if token.dep_ == "nmod" and governor.pos_ == "NOUN":
        return _role_of_lemma(governor, lang)  # "l'évacuation de 8.000 personnes"
    if token.dep_ == "pobj" and governor.text.lower() == "of" and governor.head.pos_ == "NOUN":
        return _role_of_lemma(governor.head, lang)  # "the deaths of 12 people"
    return _role_of_next_word(token, lang)


# roles an active verb gives its object, not its subject ("killed a man", "arrested 3 people")
_DONE_TO = {"killed", "injured", "arrested", "abducted", "released", "evacuated"}


def _acts_on_someone(verb: Any, lang: str) -> bool:
    """An active casualty verb (or one joined to it) with an object: its subject is the one who acted.
    An object the verb's phrase needs does not count ("ont trouvé la mort", "lost their lives")."""
    if _passive_verb(verb):
        return False
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                      and not any(g.dep_ in _SUBJECT for g in c.children)]
    for v in verbs:
        words = role_words(lang).get(v.lemma_.lower(), [])
        needed = {rw.obj for rw in words if rw.obj}
        if any(rw.role in _DONE_TO and rw.obj is None for rw in words) and any(
                c.dep_ in _OBJECT and c.lemma_.lower() not in needed for c in v.children):
            return True
    return False


def _passive_verb(verb: Any) -> bool:
    return any(c.dep_ in ("nsubj:pass", "nsubjpass", "aux:pass", "auxpass") for c in verb.children) \
        or "Pass" in verb.morph.get("Voice")


def _alternatives(verb: Any, role: str, lang: str) -> bool:
    """The verb is one of several outcomes joined by "or" ("killed, injured or captured")."""
    joined = [c for c in verb.children if c.dep_ in ("conj", "advcl") and c.pos_ in ("VERB", "ADJ")]
    joined += [g for c in joined for g in c.children if g.dep_ == "conj"]
    said_or = any(g.dep_ == "cc" and g.lower_ in ("or", "ou") for c in [verb, *joined] for g in c.children)
    return said_or and any((_role_of_lemma(c, lang) or role) != role for c in joined)


def _role_of_next_word(token: Any, lang: str) -> str | None:
    """A participle or adjective right after the noun, whatever the parser made of it ("23 rebels dead")."""
    doc = token.doc
    if token.i + 1 >= len(doc):
        return None
    nxt = doc[token.i + 1]
    if nxt.pos_ in ("ADJ", "VERB") and nxt.tag_ != "VBG":
        return _role_of_lemma(nxt, lang)
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
