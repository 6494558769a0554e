"""Toponym recognition: which words of the article name places.

Two sources, merged: the NER model's place entities, and a scan of
capitalised word runs against the gazetteer for the places the model missed
or mislabelled.  The scan is conservative (countries, continents, US states
and cities of 50,000 people or more, never a word on the stop list or inside
another entity) so that ordinary capitalised words do not become places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..records import Entity, Span
from ..resources import load_table
from .gazetteer import Entry, Gazetteer

SCAN_MIN_POPULATION = 50_000
_CAP_RUN = re.compile(r"\b[A-ZÀ-Ý][\w'’.-]*(?:[ -](?:de |du |des |la |le |of |the )?[A-ZÀ-Ý][\w'’.-]*){0,3}")
_PREFIX = re.compile(r"^(?:the|la|le|les|l'|l’)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    text: str  # the words as written
    lookup: str  # the name looked up in the gazetteer (may differ: "Alep-Est" -> "Alep")
    from_ner: bool
    district_cue: bool = False  # "le quartier de X": a part of the city the article is about
    suffix: bool = False  # "Alep-Est": a part of the place named


@lru_cache(maxsize=4)
def _cues(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    rows = load_table(lang, "place_cues")
    return (frozenset(r["word"].lower() for r in rows if r["kind"] == "district"),
            tuple(r["word"] for r in rows if r["kind"] == "suffix"))


@lru_cache(maxsize=4)
def _stopwords(lang: str) -> frozenset[str]:
    """The team's list plus the language's function words ("But", "She", "More")."""
    import importlib

    words = {r["word"] for r in load_table(lang, "place_stopwords")}
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        words |= {w.capitalize() for w in module.STOP_WORDS}
    except ImportError:
        pass
    return frozenset(words)


@lru_cache(maxsize=4)
def _prepositions(lang: str) -> tuple[str, ...]:
    return tuple(r["word"] for r in load_table(lang, "place_prepositions"))


def _after_preposition(text: str, start: int, lang: str) -> bool:
    before = text[max(0, start - 12):start].lower()
    return any(re.search(rf"(?:^|\W){re.escape(p)}\s*$", before) for p in _prepositions(lang))


def _strong(entries: list[Entry]) -> bool:
    """A name worth taking without the model's word: a country, division or sizeable city."""
    return any(e.feature in ("country", "continent", "admin1") or e.population >= SCAN_MIN_POPULATION
               for e in entries)


_LINKS = frozenset({"de", "d'", "d’", "du", "des", "of", "et", "and", "the", "la", "le", "les", "l'", "l’"})


def _district_cue(text: str, start: int, districts: frozenset[str]) -> bool:
    """True when a district word governs this name: "les quartiers de Kallassé et de Maadi"."""
    before = re.split(r"[.!?;:]\s", text[max(0, start - 80):start])[-1]
    for word in reversed(re.findall(r"\w+['’]?|['’]", before)):
        if word.lower() in districts:
            return True
        if word.lower() in _LINKS or word[:1].isupper():
            continue  # names and the words that link coordinated names
        return False
    return False


def _lookup_name(text: str, suffixes: tuple[str, ...]) -> tuple[str, bool]:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)], True
    return _PREFIX.sub("", text), False


def recognize(text: str, entities: tuple[Entity, ...], gaz: Gazetteer, lang: str) -> list[Mention]:
    districts, suffixes = _cues(lang)
    stop = _stopwords(lang)
    mentions: list[Mention] = []
    taken: list[Span] = []
    loc_texts = {e.text for e in entities if e.label == "LOC"}
    for ent in entities:
        if ent.label != "LOC" and not _mislabelled_place(text, ent, gaz, lang, loc_texts):
            taken.append(ent.span)
            continue
        name, has_suffix = _lookup_name(ent.text, suffixes)
        if not gaz.names.get(_fold(name)):
            inner = re.search(r"(?:\bd['’]|\bde |\bof )([A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)*)$", ent.text)
            if inner and gaz.names.get(_fold(inner.group(1))):
                name, has_suffix = inner.group(1), True  # "Vieille ville d'Alep": inside Alep
        mentions.append(Mention(ent.span, ent.text, name, True,
                                _district_cue(text, ent.span.start, districts), has_suffix))
    covered = [m.span for m in mentions] + taken
    for match in _CAP_RUN.finditer(text):
        for start, end in _subruns(match):
            piece = text[start:end]
            span = Span(start, end)
            if piece in stop or any(span.overlaps(c) for c in covered):
                continue
            if " " not in piece and re.search(rf"\b{re.escape(piece.lower())}\b", text):
                continue  # the same word in lower case elsewhere: an ordinary word
            if _strong(gaz.lookup(piece)):
                mentions.append(Mention(span, piece, piece, False, _district_cue(text, start, districts)))
                covered.append(span)
    mentions.sort(key=lambda m: m.span.start)
    return mentions


def _mislabelled_place(text: str, ent: Entity, gaz: Gazetteer, lang: str, loc_texts: set[str]) -> bool:
    """A place the model tagged as an organisation, a person or MISC ("of Edmonton" as ORG)."""
    entries = gaz.lookup(ent.text)
    if not _strong(entries):
        return False
    if ent.text in loc_texts:
        return True  # tagged as a place elsewhere in the article
    if ent.label == "PER":
        return _after_preposition(text, ent.span.start, lang)
    return (any(e.feature in ("country", "continent", "admin1") for e in entries)
            or _after_preposition(text, ent.span.start, lang))


def _subruns(match: re.Match[str]) -> list[tuple[int, int]]:
    """The capitalised run, then its shorter left-anchored and single-word parts, longest first."""
    words = [(m.start() + match.start(), m.end() + match.start())
             for m in re.finditer(r"[A-ZÀ-Ý][\w'’-]*(?:\.(?=\w))?[\w.]*", match.group(0))]
    runs = []
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            runs.append((words[i][0], words[j - 1][1]))
    return runs


def _fold(name: str) -> str:
    from .gazetteer import fold

    return fold(name)
