"""What the words around a name say about it, and what the article's entities say about its names.

Helpers of ``recognize``: the shape of a dateline, of a run of capitalised
words, of a name the article also writes in lower case; the chain of
divisions written after a town ("X town (Y district, Z)") and the district
word before a name; the countries, given names and people's names of the
article's entities, and entities the model cut short of a known name;
overlapping mentions.  Each reads the text or the entities once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..records import Entity, Span
from .gazetteer import Entry, Gazetteer, is_abbreviation
from .kinds import bare_places, is_kind_word

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


def given_names(entities: tuple[Entity, ...], text: str) -> frozenset[str]:
    """Single words the model tags as a place right before a person's surname ("Georgia"
    in "Georgia Stevens"): a given name, in that article, wherever it stands alone.  Not when the
    "surname" is a word saying what kind of place the name is ("Talana LGA"), nor when the article
    writes such a word after the name elsewhere ("Hoxton Tam ... Hoxton town")."""
    out = set()
    for a, b in zip(entities, entities[1:], strict=False):
        if (a.label != "PER" and b.label == "PER" and b.span.start == a.span.end + 1
                and " " not in a.text and " " not in b.text and not is_kind_word(b.text)):
            out.add(a.text)
    if out:
        out -= {e.text for e in entities if e.text in out and _kind_next(text, e.span.end)}
    return frozenset(out)


def _kind_next(text: str, end: int) -> bool:
    nxt = re.match(r" (\w+)", text[end:end + 30])
    return nxt is not None and is_kind_word(nxt.group(1))


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


# a name's lower-case linking words ("Vila do Conde", "San Luis de la Paz") and a capitalised word
_LINKED_TAIL = re.compile(r" (?:(?:do|da|dos|das|de|del|della|di|du|des|of)(?: (?:la|las|los|el))?|al|el|la) "
                          r"[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)?")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-ZÀ-Ý][\w'’-]*) $")


def _widened(ent: Entity, text: str, gaz: Gazetteer, taken: bytearray, particles: frozenset[str]) -> Entity:
    """The entity with the words the model left out of a known place's name: linking words and a
    capitalised word after it ("do Sul" of "Rio do Sul"), when the whole name is known; a capitalised
    word right before it ("As" of "As Salif") when, besides, that word is one that opens names
    (``particles``) or the model's part is unknown or names no bigger place than the whole."""
    start, end = ent.span.start, ent.span.end
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if (before is not None and not taken[before.start(1):before.end(1)].count(1)
            and gaz.known(text[before.start(1):end])
            and (before.group(1) in particles or _gains(text[start:end], text[before.start(1):end], gaz))):
        start = before.start(1)
    after = _LINKED_TAIL.match(text, end)
    if after is not None:
        tail = text[end:after.end()]
        for cut in (len(tail), tail.rfind(" ")):
            whole = text[start:end + cut]
            if cut > 0 and not taken[end:end + cut].count(1) and gaz.known(whole):
                end += cut
                break
    if (start, end) == (ent.span.start, ent.span.end):
        return ent
    return Entity(Span(start, end), text[start:end], ent.label)


def _gains(part: str, whole: str, gaz: Gazetteer) -> bool:
    """The whole name is worth more than the model's part: the part is unknown, or no bigger than it."""
    top = max((e.population for e in gaz.lookup(whole)), default=0)
    return not gaz.known(part) or max((e.population for e in gaz.lookup(part)), default=0) <= top


def join_split_names(entities: tuple[Entity, ...], text: str, gaz: Gazetteer,
                     particles: frozenset[str] = frozenset()) -> tuple[Entity, ...]:
    """Two entities one space apart that together name a known place ("Boa" + "Vista"): the model cut
    one name in two; joined as a place.  An entity missing a word of a known name is widened to it
    (see ``_widened``)."""
    taken = bytearray(len(text))
    for ent in entities:
        taken[ent.span.start:ent.span.end] = b"\x01" * (ent.span.end - ent.span.start)
    out: list[Entity] = []
    for ent in entities:
        if ent.text[:1].isupper() and "\n" not in ent.text:
            ent = _widened(ent, text, gaz, taken, particles)
        prev = out[-1] if out else None
        if (prev is not None and ent.span.start == prev.span.end + 1 and text[prev.span.end] == " "
                and prev.text[:1].isupper() and ent.text[:1].isupper() and gaz.known(prev.text + " " + ent.text)):
            out[-1] = Entity(Span(prev.span.start, ent.span.end), text[prev.span.start:ent.span.end], "LOC")
            continue
        out.append(ent)
    return tuple(out)


_CHAIN_NAME = r"[A-ZÀ-Ý][\w'’.&-]*(?: [A-ZÀ-Ý][\w'’.&-]*){0,3}"
_KIND_THEN_CHAIN = re.compile(r"(?: ([a-z]+))?(?:, | \()(" + _CHAIN_NAME + r"(?: [a-z]+)?(?:, " + _CHAIN_NAME
                              + r"(?: [a-z]+)?){0,3})")


def holder_names(text: str, end: int) -> list[str]:
    """The names of the chain written after a place that hold it, a word of its kind allowed before
    the chain and after each name: "X (Ribe district, Sonder)", "X town, Ribe, Sonder" give "Ribe district",
    "Ribe", "Sonder" (the name with its kind word first, then the bare name)."""
    m = _KIND_THEN_CHAIN.match(text, end)
    if m is None or (m.group(1) and not is_kind_word(m.group(1))):
        return []
    out: list[str] = []
    for part in m.group(2).split(", "):
        head, _, last = part.rpartition(" ")
        if head and last.islower():
            if is_kind_word(last):
                out.append(part)
            part = head
        out.extend(prefixes(part))  # "Hampshire Police" may be Hampshire's
    return out


def holds(gaz: Gazetteer, name: str, entries: list[Entry]) -> bool:
    """True when ``name`` (or its bare name before a kind word) is a country or a division that holds
    one of ``entries``."""
    if name.endswith(".") and not gaz.known(name):
        name = name[:-1]  # the sentence's full stop
    outer = [f for f in gaz.lookup(name) + bare_places(gaz, name) if f.feature in ("country", "admin1", "admin2")]
    return any(inside(e, f) for e in entries for f in outer)


_LINKS = frozenset({"de", "d'", "d’", "du", "des", "of", "et", "and", "the", "la", "le", "les", "l'", "l’"})


def district_cue(text: str, start: int, districts: frozenset[str]) -> bool:
    """True when a district word governs this name: "les quartiers de Kallassé et de Maadi"."""
    before = re.split(r"[.!?;:\n()]\s*", text[max(0, start - 80):start])[-1]  # not "Pati village (Barwani"
    last = re.search(r"(\w+),\s*$", before)
    if last is not None and last.group(1).lower() in districts:
        return False  # "Poonch district, J&K": the word ends the name before the comma
    for word in reversed(re.findall(r"\w+['’]?|['’]", before)):
        if word.lower() in districts:
            return True
        if word.lower() in _LINKS or word[:1].isupper():
            continue  # names and the words that link coordinated names
        return False
    return False
