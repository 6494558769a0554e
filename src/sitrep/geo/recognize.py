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
from .gazetteer import Gazetteer

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
    return frozenset(r["word"] for r in load_table(lang, "place_stopwords"))


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
    taken: list[Span] = [e.span for e in entities if e.label in ("PER", "ORG", "MISC")]
    for ent in entities:
        if ent.label != "LOC":
            if ent.label in ("ORG", "MISC") and any(e.feature == "country" for e in gaz.lookup(ent.text)):
                pass  # a country mislabelled as an organisation or a demonym-like tag
            else:
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
            entries = gaz.lookup(piece)
            if any(e.feature in ("country", "continent", "admin1") or e.population >= SCAN_MIN_POPULATION
                   for e in entries):
                mentions.append(Mention(span, piece, piece, False, _district_cue(text, start, districts)))
                covered.append(span)
    mentions.sort(key=lambda m: m.span.start)
    return mentions


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
