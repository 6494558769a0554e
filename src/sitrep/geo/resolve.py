"""Toponym resolution: which GeoNames place each mention is, from the article's context.

Each candidate gets a score from what it is (a country beats a town of the
same name; a big city beats a village) and from the article (its country is
already mentioned; it lies near places already resolved; a following
", Region" contains it).  Names the gazetteer lacks and names announced as
districts ("le quartier de Maadi") resolve to the city the article is about,
with ``precision="enclosing"``, never to a namesake on another continent.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Entry, Gazetteer, fold
from .recognize import Mention

# A country or continent beats any namesake town; a division beats towns but not a big city
# of its own name ("Aleppo" the city, not the governorate).
FEATURE_PRIOR = {"country": 8.0, "continent": 7.5, "admin1": 5.0, "city": 0.0}
NEAR_KM = 400.0


@dataclass(frozen=True, slots=True)
class Choice:
    mention: Mention
    entry: Entry
    precision: str  # exact | enclosing
    feature: str
    score: float
    candidates: tuple[tuple[Entry, float, str], ...]  # every candidate, its score and why


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _prior(e: Entry) -> float:
    if e.feature == "city":
        return math.log10(e.population + 10) * 0.9
    return FEATURE_PRIOR.get(e.feature, 0.0)


@dataclass
class _Context:
    countries: Counter[str]
    anchors: list[Entry]  # places resolved with confidence
    main_city: Entry | None = None


def _score(e: Entry, m: Mention, ctx: _Context, following: list[Entry]) -> tuple[float, str]:
    score, why = _prior(e), [f"prior {_prior(e):.1f}"]
    if fold(e.name) == fold(m.lookup):
        score += 1.0  # its own name, not one of its alternate names
        why.append("own name")
    if e.country and ctx.countries:
        share = ctx.countries[e.country] / max(1, sum(ctx.countries.values()))
        if share:
            score += 3.0 * share + 1.0
            why.append(f"country {e.country} in article ({share:.0%})")
    if e.feature == "city" and ctx.anchors:
        near = min(haversine_km(e.lat, e.lon, a.lat, a.lon) for a in ctx.anchors)
        if near < NEAR_KM:
            score += 1.5 * (1 - near / NEAR_KM)
            why.append(f"{near:.0f} km from a resolved place")
    for f in following:  # "Tafas, Daraa": the next name contains this one
        if f.country == e.country and (f.feature in ("country", "admin1") and (not f.admin1 or f.admin1 == e.admin1)):
            score += 3.0
            why.append(f"followed by {f.name}")
            break
    return score, "; ".join(why)


def _following(text: str, m: Mention, by_start: dict[int, Mention], gaz: Gazetteer) -> list[Entry]:
    rest = text[m.span.end:m.span.end + 3]
    if not rest.startswith(", "):
        return []
    nxt = by_start.get(m.span.end + 2)
    return gaz.lookup(nxt.lookup) if nxt else []


def resolve(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Choice]:
    by_start = {m.span.start: m for m in mentions}
    ctx = _Context(Counter(), [])
    # pass 1: unambiguous names and countries set the article's context
    for m in mentions:
        entries = gaz.lookup(m.lookup)
        if len(entries) == 1 or any(e.feature == "country" for e in entries):
            best = max(entries, key=_prior)
            ctx.countries[best.country] += 1
            if best.feature == "city":
                ctx.anchors.append(best)
    cities: Counter[int] = Counter()
    first_pass: dict[int, Entry] = {}
    for m in mentions:
        entries = gaz.lookup(m.lookup)
        if entries and not m.district_cue:
            follow = _following(text, m, by_start, gaz)
            best = max(entries, key=lambda e: _score(e, m, ctx, follow)[0])
            first_pass[m.span.start] = best
            ctx.countries[best.country] += 1
            if best.feature == "city":
                cities[best.geonameid] += 1
                ctx.anchors.append(best)
    if cities:
        top = cities.most_common(1)[0][0]
        ctx.main_city = next(e for e in first_pass.values() if e.geonameid == top)
    # pass 2: final choices with the whole article's context
    choices: list[Choice] = []
    for m in mentions:
        choice = _choose(text, m, gaz, ctx, by_start)
        if choice is not None:
            choices.append(choice)
    return choices


def _choose(text: str, m: Mention, gaz: Gazetteer, ctx: _Context, by_start: dict[int, Mention]) -> Choice | None:
    entries = gaz.lookup(m.lookup)
    follow = _following(text, m, by_start, gaz)
    scored = sorted(((e, *_score(e, m, ctx, follow)) for e in entries), key=lambda t: -t[1])
    main = ctx.main_city
    if m.district_cue and main is not None:
        near = [t for t in scored
                if t[0].feature == "city" and haversine_km(t[0].lat, t[0].lon, main.lat, main.lon) < 30]
        if near:
            e, s, why = near[0]
            return Choice(m, e, "exact", "district", s, tuple(scored))
        return Choice(m, main, "enclosing", "district", 0.0, tuple(scored))
    if not scored:
        if m.from_ner and main is not None and (m.suffix or m.district_cue):
            return Choice(m, main, "enclosing", "district", 0.0, ())
        return None
    e, s, _ = scored[0]
    if m.suffix:  # "Alep-Est": a part of the place
        return Choice(m, e, "enclosing", "district", s, tuple(scored))
    return Choice(m, e, "exact", e.feature, s, tuple(scored))
