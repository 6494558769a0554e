"""A kind word after a place's name ("Kyauktaw Township", "Rakhine State", "Hays city").

The gazetteer rarely knows the name with the word; the bare name is looked up instead, keeping
the places of the features the word allows (``resources/en/place_kinds.tsv``), so that
"Rakhine State" is the division and "Hays city" one of the towns called Hays.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_table
from .gazetteer import Entry, Gazetteer
from .names import fold


@lru_cache(maxsize=1)
def _kinds() -> dict[str, frozenset[str]]:
    rows = load_table("en", "place_kinds")
    return {fold(r["word"]): frozenset(f.strip() for f in r["features"].split(",")) for r in rows}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The team's capitalised words that are no place alone ("North State Street" is no state North)."""
    return frozenset(fold(r["word"]) for lang in ("en", "fr") for r in load_table(lang, "place_stopwords"))


def bare_places(gaz: Gazetteer, name: str) -> list[Entry]:
    """The places of ``name`` without its last word, when that word is a kind word, of the features it allows."""
    head, _, last = name.rpartition(" ")
    allowed = _kinds().get(fold(last)) if head else None
    if not allowed or fold(head) in _common_words():
        return []
    return [e for e in gaz.lookup(head) if e.feature in allowed]


def is_kind_word(word: str) -> bool:
    """True for a word that says what kind of place the name before it is ("district", "town")."""
    return fold(word) in _kinds()


_KIND_AFTER = re.compile(r" (\w+)\b(?! of\b)")  # not "the Talana city of Ribe", a town of Talana


def with_kind(gaz: Gazetteer, name: str, text: str, end: int) -> str:
    """The name to look up for a place written ``text[:end]``: with the kind word written after it
    ("Talana state" is the division, "Talana city" the town) when the gazetteer has places of that name
    and kind and the word rules some of its places out, else the name.  Not for a word that allows both
    a town and a second-level division ("Talana district" may name the district's main town), nor when
    the name with the word is a name of its own ("Gaza City")."""
    after = _KIND_AFTER.match(text, end)
    if after is None:
        return name
    allowed = _kinds().get(fold(after.group(1)))
    if not allowed or "admin2" in allowed:
        return name
    named = f"{name} {after.group(1)}"
    kept = bare_places(gaz, named)
    if not kept or gaz.known(named) or len(kept) == len(gaz.lookup(name)):
        return name
    return named
