"""A place and the names written after it: what holds it ("in Ribe, Sonder, Jutland"), or the rest
of a longer name it opens ("the Ribe People's Militia").

News and event notes write a town before its divisions.  When the town was read as a namesake that
the next name cannot hold (another country; a town of another division far away) while the rest of
the chain agrees with that next name, the town was misread and the event is placed by its holder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..geo.kinds import is_kind_word
from ..geo.names import fold
from ..geo.resolve import haversine_km
from ..records import Place

CHAIN_TOWN_KM = 150.0  # a town named after a town of another division ("Ribe, Sonder") lies this close to it
# kind words allowed: "Ribe district, Sonder", "Ribe sector area (Sonder)"
_CHAIN_GAP = re.compile(r"(?:[^\S\n][a-z]+){0,2}(?:,[^\S\n]|[^\S\n]\()")
_UNKNOWN_LINK = re.compile(r"[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*){0,3},[^\S\n]")  # "Oldbury, "
_TOWNS = frozenset({"district", "neighbourhood", "neighborhood", "village", "city", "town", "locality", "poi",
                    "landmark"})  # binding's most precise features
_HELD = _TOWNS | {"admin3", "admin2"}  # what a name written after it may hold


def chain_next(p: Place, places_at: Mapping[int, Place], text: str, skip: bool = False) -> Place | None:
    """The place written right after ``p`` as the one holding it ("Ribe, Sonder", "Ribe (Sonder)");
    ``places_at``: the article's places by their first character.  With ``skip``, past a name of the
    chain that is no place the article knows ("Ribe, Oldbury, Sonder")."""
    m = _CHAIN_GAP.match(text, p.span.end)
    if m is None:
        return None
    found = places_at.get(m.end())
    if found is None and skip:
        unknown = _UNKNOWN_LINK.match(text, m.end())
        found = places_at.get(unknown.end()) if unknown is not None else None
    return found


def holds(outer: Place, inner: Place) -> bool:
    """``outer`` may hold ``inner``: the same country and, for a town, the same first-level division or
    a town not far (a division named like its main town is often read as the town: "Ribe, Sonder"
    with Sonder the town, not the province; a note may also name the wrong division, so a division
    of the same country is not contradicted)."""
    if not outer.country or not inner.country:
        return True
    if outer.country != inner.country:
        return False
    if outer.feature not in _TOWNS or outer.lat is None or outer.lon is None or inner.lat is None or inner.lon is None:
        return True
    if outer.admin1 and inner.admin1 and fold(outer.admin1) == fold(inner.admin1):
        return True
    return haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= CHAIN_TOWN_KM


def chain_checked(p: Place, places_at: Mapping[int, Place], text: str) -> Place:
    """The place, unless the name written after it as its holder cannot hold it while the chain agrees
    with that name ("in Ribe, Sonder, Jutland" with Ribe read in another country than Sonder): a
    namesake misread, the holder is where the event is."""
    q = chain_next(p, places_at, text, skip=True)
    if q is None or holds(q, p):
        return p
    r = chain_next(q, places_at, text)
    return q if r is None or holds(r, q) else p


def held_by(places: Sequence[Place], places_at: Mapping[int, Place], text: str) -> dict[int, Place]:
    """``id`` of each place written as what holds a town or a district of ``places`` -> that place ("Ribe
    (Ribe, Sonder)", "Ribe district (Sonder)"): the holder is no more precise than what it holds, however
    the resolver read it (Sonder the province, not its town)."""
    return {id(h): q for q in places if q.feature in _HELD
            and (h := chain_next(q, places_at, text)) is not None}


def opens_a_name(p: Place, text: str) -> bool:
    """The place opens a longer name, a capitalised word right after it that says no kind of place
    ("the Talana People's Militia", "the Talana Times"): a body named after the town, not where it acted."""
    nxt = re.match(r" ([A-ZÀ-Ý][\w'’]*)", text[p.span.end:p.span.end + 40])
    return nxt is not None and not is_kind_word(nxt.group(1))
