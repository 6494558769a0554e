"""People's names in a document, their fullest forms, genders and roles; the speaker lexicons.

« M. Lavrov » and « Lavrov » are the Sergueï Lavrov named earlier: a speaker is
reported under the longest name in the document that ends with the words used.
A role word just before a name (« le ministre russe ... Sergueï Lavrov », « La
présidente du tribunal, Claire Fermaut ») gives the person a gender for pronoun
resolution and lets a later definite description (« le ministre ») stand for
the name.  The model's known faults are tolerated: a title swallowed into the
name (« reine Elizabeth ») is stripped, and names with line breaks are ignored.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..records import Entity, Span
from ..resources import load_column, load_table
from .quote_cues import grammar, word

_MAX_NAME_WORDS = 6
_ROLE_LOOKBACK = 8


def folded(text: str) -> str:
    return text.casefold().replace("’", "'").strip()


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str | None  # the fullest name, or the description as written; None when unknown
    span: Span | None  # where the mention stands in the text
    gender: str = "x"  # m, f or x (unknown); n for a thing (English "it")
    number: str = "sg"
    is_name: bool = False
    salient: bool = True  # a subject or a source, preferred when a pronoun is resolved
    anaphoric: bool = False  # a definite description of a person (« le ministre français »), no name in it
    role: str | None = None  # the role family of a description (« la souveraine »: monarque)


@dataclass(frozen=True, slots=True)
class PronounInfo:
    gender: str
    number: str
    kind: str  # personal, impersonal, relative


@dataclass(frozen=True)
class SpeakerTables:
    pronouns: dict[str, PronounInfo]
    person_nouns: frozenset[str]
    source_nouns: frozenset[str]
    noun_gender: dict[str, str]
    honorifics: frozenset[str]  # folded, with and without the final full stop
    honorifics_lower: frozenset[str]
    titles: tuple[str, ...]  # folded role titles, longest first
    families: dict[str, str]  # role noun -> the office it names (reine, souveraine -> monarque)
    particles: frozenset[str]  # inside names: de, al, van...
    articles: frozenset[str]  # that start a ministry's name inside a title: la, le, l', des...
    title_links: frozenset[str]  # between a role and its office: « ministre des Affaires étrangères »

    def family(self, role: str | None) -> str | None:
        return None if role is None else self.families.get(role, role)

    @staticmethod
    @lru_cache(maxsize=4)
    def of(lang: str) -> SpeakerTables:
        pronouns = {folded(r["pronoun"]): PronounInfo(r["gender"], r["number"], r["kind"])
                    for r in load_table(lang, "speaker_pronouns")}
        person, source, gender, families = set(), set(), {}, {}
        for r in load_table(lang, "source_nouns"):
            noun = folded(r["noun"])
            source.add(noun)
            if r.get("family"):
                families[noun] = folded(r["family"])
            if r["kind"] == "person":
                person.add(noun)
            if r.get("gender") in ("m", "f"):
                gender[noun] = r["gender"]
        honorifics, titles = set(), []
        for r in load_table(lang, "titles"):
            t = folded(r["title"])
            if r["kind"] == "honorific":
                honorifics.update({t, t.rstrip("."), t.rstrip(".") + "."})
            else:
                titles.append(t)
                person.add(t.split()[-1])
        honorifics.update({"mm.", "mm", "mes", "me"} if lang == "fr" else set())
        return SpeakerTables(pronouns, frozenset(person), frozenset(source), gender, frozenset(honorifics),
                             frozenset(honorifics), tuple(sorted(titles, key=len, reverse=True)), families,
                             frozenset(folded(p) for p in load_column(lang, "name_particles")),
                             grammar(lang, "article"), grammar(lang, "title_link"))


def token_gender(tok: Any, tables: SpeakerTables) -> str:
    """Gender of a noun: its article first (« la ministre »: the noun alone says masculine), then the noun."""
    for child in tok.children:
        if child.dep_ == "det" and child.morph.get("Gender"):
            return "m" if child.morph.get("Gender") == ["Masc"] else "f"
    listed = tables.noun_gender.get(folded(tok.text))
    if listed is not None:
        return listed
    g = tok.morph.get("Gender")
    return "m" if g == ["Masc"] else "f" if g == ["Fem"] else "x"


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    text: str
    words: tuple[str, ...]  # folded


class NameBook:
    """The persons a document names, with their genders and the roles that introduced them."""

    def __init__(self, doc: Any, entities: tuple[Entity, ...], tables: SpeakerTables) -> None:
        self.doc = doc
        self.tables = tables
        self.names: list[_Name] = []
        self.gender: dict[str, str] = {}  # last word (surname), folded -> m/f/x
        self.roles: list[tuple[int, str, str]] = []  # (position, role word, name as written)
        token_starts = [t.idx for t in doc]
        for ent in sorted(entities, key=lambda e: e.span.start):
            if ent.label != "PER":
                continue
            text, start = self._strip_titles(ent.text, ent.span.start)
            words = tuple(folded(w) for w in text.split())
            if not words or len(words) > _MAX_NAME_WORDS or "\n" in text or not text[:1].isupper():
                continue
            self.names.append(_Name(start, text, words))
            first_tok = bisect.bisect_right(token_starts, ent.span.start) - 1
            role, gender = self._role_before(first_tok, ent)
            if gender != "x":
                prev = self.gender.get(words[-1], gender)
                self.gender[words[-1]] = gender if prev == gender else "x"
            if role is not None:
                self.roles.append((start, role, text))
        self._starts = [n.start for n in self.names]
        self._by_last: dict[str, list[_Name]] = {}
        for name in self.names:
            self._by_last.setdefault(name.words[-1], []).append(name)
        self._offices: dict[str, set[str]] = {}
        for start, role, text in self.roles:
            family = self.tables.family(role)
            if family is not None:
                self._offices.setdefault(self.fullest(text, start)[0], set()).add(family)

    def _trailing_name(self, text: str, start: int) -> tuple[str, int]:
        """The name at the end of an entity the model ran into a role: « letton de la Défense Andris
        Kalnins » -> « Andris Kalnins » (capitalised words, particles between them, no ministry)."""
        if not text[:1].islower():
            return text, start
        words = text.split(" ")
        k = len(words)
        while k > 0 and (words[k - 1][:1].isupper() or (
                folded(words[k - 1]) in self.tables.particles and k < len(words) and k - 1 > 0
                and words[k - 2][:1].isupper())):
            k -= 1
        if k > 0 and len(words) - k > 2 and folded(words[k - 1]) in self.tables.articles:
            k += 1  # « de la Défense Andris Kalnins »: the ministry's name is not the person's
        kept = " ".join(words[k:])
        return kept, start + len(text) - len(kept)

    def _strip_titles(self, text: str, start: int) -> tuple[str, int]:
        """« reine Elizabeth » -> « Elizabeth », « M. Blair » -> « Blair »."""
        text, start = self._trailing_name(text, start)
        changed = True
        while changed:
            changed = False
            lowered = folded(text)
            for t in (*self.tables.honorifics, *self.tables.titles):
                if lowered.startswith(t + " ") and (t in self.tables.honorifics or text[:1].islower()
                                                    or t in self.tables.titles):
                    cut = len(t) + 1
                    text, start = text[cut:].lstrip(), start + cut
                    changed = True
                    break
        return text, start

    def _role_before(self, i: int, ent: Entity) -> tuple[str | None, str]:
        """A role word or honorific just before a name, and the gender it shows."""
        doc = self.doc
        inside = folded(ent.text).split()
        if len(inside) > 1 and inside[0] in self.tables.person_nouns:
            return inside[0], self._gender(doc[i]) if i >= 0 else "x"
        if inside and inside[0] in self.tables.honorifics:
            return None, self._honorific_gender(inside[0])
        j = i - 1
        while j >= 0 and i - j <= _ROLE_LOOKBACK:
            tok = doc[j]
            links = self.tables.title_links
            if tok.is_space or tok.text in (".", ";", ":", "«", "»") or tok.pos_ in ("VERB", "AUX") \
                    or (tok.text == "," and j != i - 1) or (tok.pos_ == "ADP" and word(tok) not in links):
                break  # « ..., selon Dominique de Villepin »: "militaire" before is no role of his
            text = folded(tok.text)
            if text in self.tables.honorifics:
                return None, self._honorific_gender(text)
            nouns = self.tables.person_nouns
            if tok.pos_ == "NOUN" and (text in nouns or folded(tok.lemma_) in nouns):
                return (text if text in nouns else folded(tok.lemma_)), self._gender(tok)
            j -= 1
        return None, "x"

    def _gender(self, tok: Any) -> str:
        return token_gender(tok, self.tables)

    def _honorific_gender(self, word: str) -> str:
        w = word.rstrip(".")
        if w in ("m", "mm", "mr", "monsieur", "messieurs"):
            return "m"
        if w in ("mme", "mmes", "mlle", "madame", "mrs", "ms", "miss"):
            return "f"
        return "x"

    def fullest(self, text: str, pos: int) -> tuple[str, str]:
        """The longest name in the document that ends with the words of ``text``, and its gender."""
        text, _ = self._strip_titles(text.strip(), pos)
        words = tuple(folded(w) for w in text.split())
        if not words:
            return text, "x"
        best = text
        best_len = (len(words), len(text))
        for name in self._by_last.get(words[-1], ()):
            n = len(words)
            if len(name.words) >= n and name.words[-n:] == words and (len(name.words), len(name.text)) > best_len:
                best, best_len = name.text, (len(name.words), len(name.text))
        return best, self.gender.get(words[-1], "x")

    def for_role(self, role: str | None, pos: int) -> str | None:
        """The name the same role introduced last before ``pos`` (« le ministre » -> its minister)."""
        if role is None:
            return None
        for start, r, text in reversed(self.roles):
            if start < pos and r == role:
                return self.fullest(text, start)[0]
        return None

    def roles_of(self, name: str) -> set[str]:
        """The offices the document gives a person (by fullest name): {"ministre"}, {"monarque"}..."""
        return self._offices.get(name, set())

    def mentions_before(self, pos: int) -> list[Speaker]:
        """Named persons before ``pos``, nearest first, as speakers a pronoun may stand for."""
        k = bisect.bisect_left(self._starts, pos)
        out = []
        for name in reversed(self.names[:k]):
            full, gender = self.fullest(name.text, name.start)
            out.append(Speaker(full, Span(name.start, name.start + len(name.text)), gender, "sg", True, False))
            if len(out) >= 8:
                break
        return out
