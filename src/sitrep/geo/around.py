"""What a place name's surroundings say, for the resolver (``resolve``).

The words around it: the name written after it (", ", " in ", a bracket), a kind word ("Kasserine
governorate", "the State of Ohio": the divisions it allows), a list it is one of ("Tamil Nadu,
Karnataka and Puducherry": a division among divisions), a county written with its kind word
("Suffolk County", whose bare name later means it).  The article's other places: how near a
candidate lies to them, how much naming its division narrows it down, and when a namesake abroad
should win because nothing ties any of the article's country's namesakes to the text.
"""

from __future__ import annotations

import re

from .gazetteer import Entry, Gazetteer, fold
from .kinds import bare_places, is_kind_word
from .recognize import Mention

SUFFIX_WORDS = ("county", "parish", "district", "shire", "province", "state", "region", "governorate")
LIST_REACH = 4  # the names each side of a listed name that count as its list
LISTED_BONUS = 3.0  # "California or Washington": a name listed with divisions is one too
_DIVISIONS = frozenset({"admin1", "admin2"})
NEAR_KM = 400.0  # a town nearer than this to another place of the article gains (see closeness)
NEXT_DOOR_KM = 50.0
NEXT_DOOR_BONUS = 1.0

_GAP = re.compile(r"(?: (?:district|province|county|city|town|village|area|governorate|state|municipality))?"
                  r"(?:, |,\n| \()| in | dans | en ")
_KIND_AFTER = re.compile(r"[ \t]+([^\W\d_]+)\b")
_KIND_BEFORE = re.compile(r"\b([^\W\d_]+) of (?:the )?$")
_LOOSE_KINDS = frozenset({"region"})  # "the region of Kef", "the Dayton region": the town and around it
_PLURAL_AFTER = re.compile(r"(?:(?:,? (?:and|or|&) |, )[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)+ ([a-z]+)\b")
_LIST_JOIN = re.compile(r"(?:,? (?:and|or|et|ou|&) |, )")


def next_mention(text: str, m: Mention, by_start: dict[int, Mention]) -> Mention | None:
    """The name right after ", " (or " in ", or in brackets, a kind word allowed before: "Andar
    district, Ghazni"), which may contain this place."""
    gap = _GAP.match(text, m.span.end)
    return by_start.get(gap.end()) if gap is not None else None


def following(text: str, m: Mention, by_start: dict[int, Mention]) -> str | None:
    nxt = next_mention(text, m, by_start)
    return nxt.lookup if nxt else None


def _kind(word: str) -> str | None:
    """The word, lower-cased, when it names a kind of place ("governorate", "County"), else None."""
    w = word.lower()
    return w if (is_kind_word(w) or w in SUFFIX_WORDS) and w not in _LOOSE_KINDS else None


def plural_kind(word: str) -> str | None:
    """"county" for "counties", "parish" for "parishes": the kind a plural names ("Fulton and DeKalb counties")."""
    w = word.lower()
    return next((k for k in SUFFIX_WORDS if w in (k + "s", k + "es", k[:-1] + "ies") and _kind(k)), None)


def kind_word(text: str, m: Mention) -> str | None:
    """The kind word written right after the name ("Kasserine governorate", "Fulton county") or
    before it with "of" ("the State of Ohio"), lower-cased; None when there is none, or only a loose
    one ("region")."""
    looked = m.lookup.lower()
    after = _KIND_AFTER.match(text, m.span.end)
    if after is not None and looked.endswith(" " + after.group(1).lower()):
        return None  # "Karak district" looked up whole: the word is the name's already
    written = after and (_kind(after.group(1)) or plural_kind(after.group(1)))
    if written:
        return written
    plural = _PLURAL_AFTER.match(text, m.span.end)
    if plural is not None and plural_kind(plural.group(1)):
        return plural_kind(plural.group(1))  # "Fulton and DeKalb counties", "Cobb and Gwinnett counties"
    at = m.text.rfind(m.lookup)
    lead = text[max(0, m.span.start - 40):m.span.start] + (m.text[:at] if at > 0 else "")
    before = _KIND_BEFORE.search(lead)
    return _kind(before.group(1)) if before is not None else None


def lists(text: str, ordered: list[Mention]) -> tuple[dict[int, tuple[Mention, ...]], dict[int, Mention]]:
    """Names written as a list ("Tamil Nadu, Karnataka, Kerala and Puducherry", "California or
    Washington"): each member's start -> the list around it (three names or more, or two joined by
    "and", "or"; up to LIST_REACH names each side); and each name's start -> the name written after
    it with ", " (which may be what holds it)."""
    found: dict[int, tuple[Mention, ...]] = {}
    comma: dict[int, Mention] = {}
    chain: list[Mention] = []
    joined = False  # an "and" or "or" joins two of them: a list, not "Town, Region"

    def close() -> None:
        if len(chain) >= 3 or (len(chain) == 2 and joined):
            for i, c in enumerate(chain):  # its neighbours only: a list of thousands stays linear
                found[c.span.start] = tuple(chain[max(0, i - LIST_REACH):i + LIST_REACH + 1])

    for m in ordered:
        if m.facility or m.district_cue:
            close()
            chain, joined = [], False
            continue
        gap = text[chain[-1].span.end:m.span.start] if chain else None
        if gap is not None and _LIST_JOIN.fullmatch(gap):
            if gap == ", ":
                comma[chain[-1].span.start] = m
            else:
                joined = True
            chain.append(m)
        else:
            close()
            chain, joined = [m], False
    close()
    return found, comma


def said_division(gaz: Gazetteer, m: Mention, kind: str) -> set[int]:
    """The divisions a kind word allows ("Kasserine governorate"); none for a word that allows a
    town too ("Sheopur district", "Tochtepec municipality"): news uses those for the town's area.
    For "county", "parish": the counties of the name, with the word or without it."""
    if not is_kind_word(kind):
        return {e.geonameid for e in gaz.lookup(m.lookup) + gaz.lookup(f"{m.lookup} {kind}") if e.feature == "admin2"}
    allowed = bare_places(gaz, f"{m.lookup} {kind}")
    if any(e.feature not in _DIVISIONS for e in allowed):
        return set()
    return {e.geonameid for e in allowed}


def with_peers(scored: list[tuple[Entry, float, str]], tops: tuple[Entry, ...]) -> list[tuple[Entry, float, str]]:
    """A division listed with divisions of its country, a country listed with countries."""
    out = []
    for e, s, why in scored:
        peer = next((t for t in tops if t.geonameid != e.geonameid and t.feature == e.feature
                     and (e.feature == "country" or (e.feature == "admin1" and t.country == e.country))), None)
        if peer is not None:
            s, why = s + LISTED_BONUS, why + f"; listed with {peer.name}"
        out.append((e, s, why))
    return sorted(out, key=lambda t: -t[1])


def county_bare(e: Entry, m: Mention) -> str | None:
    """"suffolk" for a mention of Suffolk County written with its kind word."""
    head, _, last = fold(e.name).rpartition(" ")
    if e.feature != "admin2" or not head or last not in SUFFIX_WORDS or not fold(m.lookup).endswith(last):
        return None
    return head


def narrowing(division: Entry | None, gaz: Gazetteer) -> float:
    """How much naming the division tells beyond its country: all for a state of many, little for
    one that holds most of its country ("England" names most of the United Kingdom's towns)."""
    country = gaz.country(division.country) if division is not None else None
    if division is None or country is None or not country.population:
        return 1.0
    return min(1.0, 2 * (1 - division.population / country.population))


def closeness(km: float) -> float:
    """What lying ``km`` from the article's nearest other place is worth: a little for the same
    region, and more for a neighbour (local news names the towns around it: "New Milford" 20 km
    from Danbury, not the bigger namesake 70 km away)."""
    return 1.5 * max(0.0, 1 - km / NEAR_KM) + NEXT_DOOR_BONUS * max(0.0, 1 - km / NEXT_DOOR_KM)


_LOCAL = ("division", "county", "km from", "followed by", "called a", "listed with")  # what ties a town to the text


def famous_namesake(scored: list[tuple[Entry, float, str]], m: Mention) -> list[tuple[Entry, float, str]]:
    """"Venice" in an American story that names nothing near any of the country's several Venices:
    the article's country cannot tell them apart, so the namesake abroad bigger than all of them wins."""
    if not scored:
        return scored
    top = scored[0][0]
    name = fold(m.lookup)
    if top.feature != "city" or fold(top.name) != name or any(w in scored[0][2] for w in _LOCAL):
        return scored
    same = [e for e, _, _ in scored if e.feature == "city" and e.country == top.country and fold(e.name) == name]
    abroad = [t for t in scored if t[0].feature == "city" and t[0].country != top.country and fold(t[0].name) == name
              and t[0].population > max(e.population for e in same)]
    if len(same) < 2 or not abroad:
        return scored
    e, _, why = max(abroad, key=lambda t: t[0].population)
    lifted = (e, scored[0][1] + 0.1, why + f"; bigger than each of the {len(same)} namesakes in {top.country}, "
              "none tied to the text")
    return [lifted] + [t for t in scored if t[0].geonameid != e.geonameid]
