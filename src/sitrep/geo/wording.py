"""What the words around a name say about it, and what the article's entities say about its names.

Helpers of ``recognize``: the shape of a dateline, of a run of capitalised
words, of a name the article also writes in lower case; the countries,
given names and people's names of the article's entities; overlapping
mentions.  Each reads the text or the entities once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..records import Entity, Span
from .gazetteer import Entry, Gazetteer, is_abbreviation

if TYPE_CHECKING:
    from .recognize import Mention

def scan_dateline(text: str, start: int, end: int) -> bool:
    """A name in capitals opening a line or a sentence and followed by a comma or a dash:
    a dateline ("TORRINGTON —", "HOLLIDAY, Mo.")."""
    name = text[start:end]
    before = text[max(0, start - 40):start].split("\n")[-1].rstrip(" \t")
    return (name.isupper() and len(name) > 3 and (not before or before.endswith((".", "!", "?")))
            and re.match(r",| ?[—–-] | \(", text[end:end + 3]) is not None)


def joined(text: str, words: list[tuple[int, int]]) -> bool:
    """Consecutive capitalised words separated by one space or a hyphen (one name)."""
    return all(text[a[1]:b[0]] in (" ", "-") for a, b in zip(words, words[1:], strict=False))


def prefixes(run: str) -> list[str]:
    words = run.split()
    return [" ".join(words[:k]) for k in range(len(words), 0, -1)]


def inside(e: Entry, outer: Entry) -> bool:
    if e.feature not in ("city", "admin2") or e.country != outer.country:
        return False
    if outer.feature == "country":
        return True
    if outer.feature == "admin1":
        return e.admin1 == outer.admin1
    return e.feature == "city" and (e.admin1, e.admin2) == (outer.admin1, outer.admin2)


def written_lower(words: frozenset[str], word: str) -> bool:
    """True when the article also writes this word in lower case ("Mobile" and "mobile");
    ``words`` is the set of the article's words, read once (a search per word was quadratic)."""
    lower = word.lower()
    if lower == word or not lower.isalpha() or is_abbreviation(word):  # "US" is not "us"
        return False
    return lower in words


def dateline(text: str, start: int, end: int) -> bool:
    """An all-capitals name opening a line ("EDMONTON —"): the dateline of a news story."""
    return text[start:end].isupper() and (start == 0 or text[start - 1] == "\n")


def countries_named(entities: tuple[Entity, ...], gaz: Gazetteer, stop: frozenset[str]) -> frozenset[str]:
    """Countries the article's place entities name, themselves or by a division of one country only."""
    out: set[str] = set()
    for ent in entities:
        if ent.label != "LOC" or ent.text in stop:
            continue
        entries = gaz.lookup(ent.text)
        out.update(e.country for e in entries if e.feature == "country")
        divisions = {e.country for e in entries if e.feature == "admin1"}
        if len(divisions) == 1:
            out |= divisions
    return frozenset(out)


def given_names(entities: tuple[Entity, ...]) -> frozenset[str]:
    """Single words the model tags as a place right before a person's surname ("Georgia"
    in "Georgia Stevens"): a given name, in that article, wherever it stands alone."""
    out = set()
    for a, b in zip(entities, entities[1:], strict=False):
        if (a.label != "PER" and b.label == "PER" and b.span.start == a.span.end + 1
                and " " not in a.text and " " not in b.text):
            out.add(a.text)
    return frozenset(out)


def person_words(entities: tuple[Entity, ...]) -> frozenset[str]:
    """Names and surnames of the article's people ("Helen" of "Helen Kunz"): one sense per article."""
    words: set[str] = set()
    for e in entities:
        parts = e.text.split()
        if e.label == "PER" and len(parts) > 1:  # a single word tagged PER is too often a place
            words.update((parts[0], parts[-1]))
    return frozenset(words)


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].span.overlaps(m.span):
            if m.span.end - m.span.start > out[-1].span.end - out[-1].span.start:
                out[-1] = m
            continue
        out.append(m)
    return out


def join_split_names(entities: tuple[Entity, ...], text: str, gaz: Gazetteer) -> tuple[Entity, ...]:
    """Two entities one space apart that together name a known place ("Boa" + "Vista"): the model cut
    one name in two; joined as a place."""
    out: list[Entity] = []
    for ent in entities:
        prev = out[-1] if out else None
        if (prev is not None and ent.span.start == prev.span.end + 1 and text[prev.span.end] == " "
                and prev.text[:1].isupper() and ent.text[:1].isupper() and gaz.known(prev.text + " " + ent.text)):
            out[-1] = Entity(Span(prev.span.start, ent.span.end), text[prev.span.start:ent.span.end], "LOC")
            continue
        out.append(ent)
    return tuple(out)
