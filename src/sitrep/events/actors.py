"""Source and target actors of an event, coded with a country, a sector and a name.

The phrases come from ``arguments``.  Coding: the actor dictionary
(``actors.tsv``) first, then demonyms and country names in the phrase ("le
président syrien", "combattants iraniens", "police in Guinea"), then the
sector word of the phrase ("army", "manifestants") and role titles.  The
name follows ACLED's convention where it has one ("Military Forces of
Syria", "Protesters (Chad)").  An actor nothing in its phrase places takes
the country of the event's place, else of its paragraph or article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

from ..records import Actor, Place, Span
from ..resources import load_table
from .codes import alpha3, capitals, country_name, country_names
from .lexicon import (
    ActorEntry,
    actor_entries,
    demonyms,
    doc_text,
    fold,
    roles,
    sector_words,
    sentence_bounds,
    title_sectors,
)


@dataclass(frozen=True)
class Coded:
    """An actor as coded from a phrase, before the event's place may give it a country."""

    actor: Actor
    role: str | None
    home: str | None = None  # the article's country (alpha-3): for an actor that nothing else places
    article: str | None = None  # the country the whole article is about: a domestic body's, when unnamed


# ---------------------------------------------------------------------------
# coding a phrase


STOP_WORDS = {"en": EN_STOP_WORDS, "fr": FR_STOP_WORDS}
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*) +$")


@lru_cache(maxsize=4)
def _surnames(lang: str) -> frozenset[str]:
    """Patterns of the dictionary that are a person's surname alone ("Clinton" for Bill Clinton)."""
    out = set()
    for e in actor_entries(lang):
        words = fold(e.name).split()
        if not e.exact_case and " " not in e.pattern and len(words) >= 2 and words[-1] == fold(e.pattern):
            out.add(e.pattern)
    return frozenset(out)


@lru_cache(maxsize=4)
def _not_first_names(lang: str) -> frozenset[str]:
    """Folded words that may stand capitalised before a surname without being a first name:
    titles ("President", "M.") and the language's common words ("Selon", "When")."""
    words = {fold(r["title"]) for r in load_table(lang, "titles")}
    words |= {fold(w) for w in STOP_WORDS.get(lang, frozenset())}
    return frozenset(words)


def another_person(text: str, start: int, lang: str) -> bool:
    """True when a surname at ``start`` follows a first name ("George Clinton" is not Bill Clinton):
    a capitalised word, neither a title nor a common word, just before it."""
    m = _WORD_BEFORE.search(text[max(0, start - 40):start])
    if m is None or not m.group(1)[:1].isupper():
        return False
    return fold(m.group(1)) not in _not_first_names(lang)


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> tuple[tuple[str, re.Pattern[str], ActorEntry], ...]:
    """(literal, pattern, entry) for each dictionary actor: the pattern matches only where its literal is."""
    out = []
    # "pro-Houthi forces" are Houthi forces; "anti-Houthi" ones are not
    for e in actor_entries(lang):
        literal = e.pattern if e.exact_case else fold(e.pattern)
        out.append((literal, re.compile(r"(?<![\w-])(?:pro-)?" + re.escape(literal) + r"(?![\w-])"), e))
    return tuple(out)


def dictionary_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str], ActorEntry], ...]:
    """(literal, pattern, entry) for each dictionary actor (a pattern matches only where its literal is)."""
    return _dictionary(lang)


def dictionary_match(text: str, lang: str, exact_ok: bool = True) -> ActorEntry | None:
    """The dictionary actor named first in ``text`` (the longest at that place)."""
    found = dictionary_matches(text, lang, exact_ok)
    return found[0][1] if found else None


def dictionary_matches(text: str, lang: str, exact_ok: bool = True) -> list[tuple[int, ActorEntry]]:
    """(character offset, entry) of every dictionary actor named in ``text``, in text order."""
    return list(_dictionary_matches(text, lang, exact_ok))


@lru_cache(maxsize=8192)
def _dictionary_matches(text: str, lang: str, exact_ok: bool) -> tuple[tuple[int, ActorEntry], ...]:
    folded = fold(text)
    out: list[tuple[int, ActorEntry]] = []
    for literal, rx, entry in _dictionary(lang):
        if entry.exact_case and not exact_ok:
            continue
        haystack = text if entry.exact_case else folded
        if literal not in haystack:  # a cheap test first: most phrases name no dictionary actor
            continue
        m = rx.search(haystack)
        if (m and entry.pattern in _surnames(lang) and len(folded) == len(text)
                and another_person(text, m.start(), lang)):
            continue
        if m and not any(o <= m.start() < o + len(e.pattern) for o, e in out):
            out.append((m.start(), entry))
    return tuple(sorted(out, key=lambda x: x[0]))


SHARED_PREFIXES = ("inter", "intra")  # "interpalestinien": among Palestinians


def demonym_parts(key: str, dem: dict[str, str]) -> list[str]:
    """The demonyms a folded word is made of: itself, its hyphenated parts ("pro-iranien", "russo-américain"),
    or the word after "inter"/"intra"."""
    parts = [key] + [p for p in key.split("-") if len(p) > 3]
    parts += [key[len(x):] for x in SHARED_PREFIXES if key.startswith(x) and len(key) > len(x) + 3]
    return [p for p in parts if p in dem]


def _country_in(tokens: Sequence[Any], lang: str, places: Sequence[Place]) -> tuple[int, str] | None:
    """(character offset, alpha-3) of the first country a phrase names: a demonym, a country name,
    a capital or a geocoded place."""
    found: list[tuple[int, str]] = []
    dem = demonyms(lang)
    names = country_names(lang)
    words = [fold(t.text) for t in tokens]
    for i, tok in enumerate(tokens):
        key = words[i]
        hit = next((dem[p] for p in demonym_parts(key, dem)), None)
        if hit:
            found.append((tok.idx, hit))
            continue
        for n in (4, 3, 2, 1):
            cand = " ".join(words[i:i + n]).replace(" - ", "-").replace(" '", "'")
            if i + n <= len(words) and cand in names and (n > 1 or tok.text[:1].isupper()):
                found.append((tok.idx, names[cand]))
                break
    if tokens:
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        for p in places:
            if lo <= p.span.start and p.span.end <= hi and p.country and alpha3(p.country):
                found.append((p.span.start, alpha3(p.country) or ""))
    caps = capitals()
    for tok in tokens:
        if tok.pos_ == "PROPN" and fold(tok.text) in caps:
            found.append((tok.idx, caps[fold(tok.text)]))
    return min(found) if found else None


def _role_in(doc: Any, start: int, end: int, head: int, lang: str) -> str | None:
    found = sector_words(lang).find(doc[start:end])
    if not found:
        return None
    on_head = [m for m in found if head in m.tokens]
    if on_head:
        return max(on_head, key=lambda m: len(m.tokens)).payload
    # "government troops": the noun that heads the compound, the last one in English, the first in French
    nouns = [m for m in found if doc[m.tokens[-1]].pos_ in {"NOUN", "PROPN"}] or found
    nouns.sort(key=lambda m: (len(m.tokens), m.tokens[-1]))
    longest = [m for m in nouns if len(m.tokens) == len(nouns[-1].tokens)]
    return (longest[0] if doc.lang_ == "fr" else longest[-1]).payload


def _title_sector(doc: Any, start: int, end: int, lang: str) -> str | None:
    found = title_sectors(lang).find(doc[start:end])
    return max(found, key=lambda m: len(m.tokens)).payload if found else None


def sent_chars(doc: Any, i: int) -> tuple[int, int]:
    """Character range of the sentence of token ``i`` (``tok.sent.start_char``, ``end_char``), from the
    sentence edges kept per Doc."""
    start, end = sentence_bounds(doc, i)
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


# words for a relative: the phrase names a person through someone else ("la fille de X")
KIN = {"fille", "fils", "mere", "pere", "epouse", "femme", "mari", "frere", "soeur", "veuve", "enfant",
       "famille", "proche", "daughter", "son", "mother", "father", "wife", "husband", "brother", "sister",
       "widow", "child", "family", "relative"}


def code_phrase(doc: Any, start: int, end: int, head: int, lang: str, places: Sequence[Place]) -> Coded:
    """Code the words ``doc[start:end]`` as an actor."""
    span = doc[start:end]
    text = span.text
    lo, hi = sent_chars(doc, head)
    shouting = doc_text(doc)[lo:hi].isupper()  # a headline in capitals: "UN" there may be the word "un"
    entries = dictionary_matches(text, lang, exact_ok=not shouting)
    named = _country_in(list(span), lang, places)
    country = named[1] if named else None
    role = _role_in(doc, start, end, head, lang)
    sector = roles()[role].sector if role in roles() else None
    sector = _title_sector(doc, start, end, lang) or sector
    name = None
    # the first naming in the phrase wins: "La Russie, alliée du régime de Bachar al-Assad" is Russia
    kin = fold(doc[head].lemma_) in KIN and entries and entries[0][0] + span.start_char > doc[head].idx
    if kin:
        # "la fille d'Ingrid Betancourt": a relative of a known person shares a country, not an office
        country = country or entries[0][1].country
        role, sector = "civilians", "CVL"
    elif entries and (named is None or entries[0][0] + span.start_char <= named[0] or not entries[0][1].country):
        entry = entries[0][1]
        country = entry.country or country
        sector = entry.sector or sector
        role = entry.role or role
        name = entry.name
    actor = Actor(text=text, span=Span(span.start_char, span.end_char), name=name, country=country, sector=sector)
    return Coded(actor, role)


_DETERMINER = re.compile(r"^(?:(?:the|a|an|le|la|les|un|une|des|du|ses|son|sa|leurs|leur|de la)\s+|(?:l|d)['’])",
                         re.IGNORECASE)


def strip_determiners(text: str) -> str:
    return _DETERMINER.sub("", text.strip()).strip()


# kinds of violence whose doer bears arms (event_kinds.tsv)
ARMED_KINDS = {"attack", "kill", "clash", "shelling", "explosive", "explosion", "grenade", "suicide", "abduct",
               "sexual", "airstrike"}


# roles of a state's own bodies, which act at home
DOMESTIC = {"government", "police", "legislature", "judiciary", "opposition"}


def finish(coded: Coded, place_country: str | None, event_kind: str | None) -> Actor:
    """The actor's final country and name: the event's country for actors the text ties to none."""
    actor, role = coded.actor, coded.role
    if event_kind in {"protest", "riot"} and role not in {"military", "police"}:
        # ACLED names a crowd by its country whoever it gathers ("Protesters (India)"): the group
        # stays in the actor's text
        role = "rioters" if event_kind == "riot" else "protesters"
        actor = Actor(text=actor.text, span=actor.span, name=None, country=actor.country,
                      sector=actor.sector if actor.sector not in {"REF", "JUD", "IGO"} else "CVL")
    if event_kind in ARMED_KINDS and role == "civilians" and actor.name is None:
        # "shot dead by individuals on a motorcycle": whoever attacks is an armed group, not civilians
        role = "armed_group"
        actor = Actor(text=actor.text, span=actor.span, name=None, country=actor.country, sector="REB")
    country = actor.country
    info = roles().get(role or "")
    local = alpha3(place_country) or coded.home or coded.article
    if country is None and role in DOMESTIC and actor.name is None:
        # "La police a annoncé l'arrestation du chef pour Singapour" in an article about Indonesia: a
        # ministry, a police, a court or a party of no named state serves the state the article is about
        country = coded.article or local
    if country is None and info is not None and info.template and "{country}" in info.template:
        country = local
    if country is None and actor.sector not in {"IGO", "NGO"} and role not in {"igo", "ngo"}:
        # an actor the text ties to no country acts where the event happens ("prisoners in Dili",
        # "President X threatened a curfew in Algiers"), else in the country the article is about:
        # local news name local actors
        country = local
    name = actor.name
    if name is None and info is not None and info.template and country:
        name = info.template.format(country=country_name(country) or country)
    elif name is None and info is not None and info.template and "{country}" in info.template:
        # a crowd or a force in an unknown country keeps the kind's name ("Protesters", "Military Forces")
        name = re.sub(r"\s*(?:of\s+)?\(?\{country\}\)?", "", info.template).strip() or None
    if name is None:
        name = strip_determiners(actor.text)
    sector = actor.sector or (info.sector if info else None)
    return Actor(text=actor.text, span=actor.span, name=name, country=country, sector=sector)


def unnamed_perpetrator(place_country: str | None) -> Actor | None:
    """ACLED's convention for violence by an unnamed attacker: an unidentified armed group."""
    country = alpha3(place_country)
    if country is None:
        return None
    return Actor(text="", span=None, name=f"Unidentified Armed Group ({country_name(country) or country})",
                 country=country, sector="REB")


def role_of(coded: Coded | None) -> str | None:
    return coded.role if coded else None


def armed(coded: Coded | None) -> bool:
    if coded is None:
        return False
    info = roles().get(coded.role or "")
    if info is not None:
        return info.armed
    return coded.actor.sector in {"MIL", "COP", "REB"}
