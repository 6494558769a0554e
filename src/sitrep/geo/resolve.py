"""Toponym resolution: which GeoNames place each mention is, from the article's context.

Each candidate gets a score from what it is (a country beats a town of the
same name; a big city beats a village) and from the article: its country is
already named; its division is named ("London" in an article about Ontario);
a following ", Region" contains it ("Tafas, Daraa"); it lies near places
already resolved.  The words around the name count too (``around``): a kind
word says which feature ("Kasserine governorate", "the State of Ohio"); a
name listed with divisions is one ("California or Washington"); a bare
"Suffolk" in an article that names Suffolk County is that county.  Names the gazetteer lacks and names announced as
districts ("le quartier de Maadi") resolve to the city the article is
about, with ``precision="enclosing"``, never to a namesake on another
continent; so do buildings and streets (``feature="poi"``) unless a town
follows or is named in them, and small towns of a country the article names
nowhere else.  Each distinct name is scored once per context.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .around import (
    NEAR_KM,
    SUFFIX_WORDS,
    closeness,
    county_bare,
    famous_namesake,
    following,
    kind_word,
    lists,
    narrowing,
    next_mention,
    said_division,
    with_peers,
)
from .gazetteer import Entry, Gazetteer, fold
from .kinds import bare_places
from .recognize import Mention

# A country or continent beats any namesake town; a first-level division beats towns
# but not a big city of its own name ("Aleppo" the city, not the governorate).
FEATURE_PRIOR = {"country": 8.0, "continent": 7.5, "region": 7.0, "admin1": 5.3, "admin2": 2.0}
CAPITAL_BONUS = 1.2
CAPITAL_NAME_PENALTY = 3.0
DIVISION_NAME_PENALTY = 2.5
BIG_CITY_POPULATION = 500_000
SMALL_NAMESAKE_PENALTY = 2.0  # "Washington" in the news is the capital more often than the state
ALIAS_PENALTY = 1.5  # matched only by one of a smaller town's alternate names ("Missouri" for Bozeman)
ALIAS_FREE_POPULATION = 1_000_000
HOLDS_BONUS = 2.5  # a division holds towns of the article
DIVISION_BONUS = 2.5  # a town's division is named in the article (see _narrowing)
SURE_TOWN_POPULATION = 15_000  # a smaller town, alone of its name, may be a gap in the gazetteer ("Heathrow")
CELL_DEG = 4.0  # grid cells for the nearest-anchor search; 4 degrees of latitude are more than NEAR_KM
LONE_MAX_POPULATION = 200_000  # a bigger town is named for itself, even alone of its country
DISTRICT_KM = 30.0  # a named district this close to the article's city is taken as found
_TOWNS = frozenset({"city", "admin2"})  # what a building or street may be placed in
_WHOLE = frozenset({"country", "admin1", "continent", "region"})  # never a district of a town ("District of Ohio")
KIND_WORD_BONUS = 4.0  # "Kasserine governorate", "the County of Brant": the word says which feature


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


def prior(e: Entry, m: Mention | None = None, gaz: Gazetteer | None = None) -> float:
    """What the candidate is worth before the article is read."""
    if e.feature == "city":
        base = math.log10(e.population + 10) * 0.9
        if gaz is not None and e.geonameid in gaz.capitals:
            base += CAPITAL_BONUS
        if (m is not None and gaz is not None and e.population < ALIAS_FREE_POPULATION
                and fold(e.name) != fold(m.lookup) and fold(m.lookup) not in gaz.team_names
                and not fold(e.name).startswith(fold(m.lookup) + " ")):
            base -= ALIAS_PENALTY  # not for the first words of its own name ("Newcastle upon Tyne")
        return base
    base = FEATURE_PRIOR.get(e.feature, 0.0)
    if e.feature == "admin1":  # a populous division beats a hamlet of its name; a small one does not
        base += max(-1.0, min(1.0, 0.5 * (math.log10(e.population + 10) - 6.0)))
    if e.feature == "admin2":
        base += math.log10(e.population + 10) * 0.4
        if m is not None and fold(m.lookup).endswith(SUFFIX_WORDS):
            base += 4.0  # "Orange County": the name says it is a division
    return base


@dataclass
class _Context:
    gaz: Gazetteer
    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    admin2: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    anchors: dict[int, Entry] = field(default_factory=dict)  # distinct cities resolved, by GeoNames id
    cells: dict[tuple[int, int], list[Entry]] = field(default_factory=dict)  # the anchors by grid cell
    main_city: Entry | None = None
    counties: set[tuple[str, str, str]] = field(default_factory=set)  # the counties the article's towns lie in
    states: Counter[tuple[str, str]] = field(default_factory=Counter)  # the divisions they lie in, how many each
    named_counties: dict[str, Mention] = field(default_factory=dict)  # "suffolk" -> a "Suffolk County" written

    def note(self, e: Entry) -> None:
        if e.country:
            self.countries[e.country] += 1
        if e.feature == "admin1":
            self.admin1[(e.country, e.admin1)] += 1
        if e.feature == "admin2":
            self.admin2[(e.country, e.admin1, e.admin2)] += 1
        # one anchor per distinct city, filed by grid cell: a long article naming thousands of
        # towns must not make every distance check scan them all
        if e.feature == "city" and e.geonameid not in self.anchors:
            self.anchors[e.geonameid] = e
            self.states[(e.country, e.admin1)] += 1
            if e.admin2:
                self.counties.add((e.country, e.admin1, e.admin2))
            self.cells.setdefault(_cell(e.lat, e.lon), []).append(e)

    def nearest_km(self, e: Entry) -> float:
        """Distance to the nearest other anchor, or NEAR_KM when none is nearer than that."""
        lat_cell, lon_cell = _cell(e.lat, e.lon)
        km_per_cell = 111.0 * CELL_DEG * max(0.05, math.cos(math.radians(min(89.0, abs(e.lat) + CELL_DEG))))
        span = min(int(360 / CELL_DEG) // 2, math.ceil(NEAR_KM / km_per_cell))
        best = NEAR_KM
        for dlat in (-1, 0, 1):
            for dlon in range(-span, span + 1):
                key = (lat_cell + dlat, (lon_cell + dlon) % int(360 / CELL_DEG))
                for a in self.cells.get(key, ()):
                    if a.geonameid != e.geonameid:
                        best = min(best, haversine_km(e.lat, e.lon, a.lat, a.lon))
        return best


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / CELL_DEG)), int(math.floor((lon + 180.0) / CELL_DEG)) % int(360 / CELL_DEG)


def _score(e: Entry, m: Mention, ctx: _Context, following: list[Entry],
           preceding: Sequence[Entry] = (), namesakes: Sequence[Entry] = ()) -> tuple[float, str]:
    p = prior(e, m, ctx.gaz)
    score, why = p, [f"prior {p:.1f} ({e.feature}, population {e.population:,})"]
    if fold(e.name) == fold(m.lookup):
        score += 1.0  # its own name, not one of its alternate names
        why.append("own name")
    total = sum(ctx.countries.values())
    if e.country and total:
        share = ctx.countries[e.country] / total
        if share:
            score += 3.0 * share + 1.0
            why.append(f"country {e.country} in the article ({share:.0%})")
    if e.feature in ("city", "admin2") and ctx.admin1[(e.country, e.admin1)]:
        division = ctx.gaz.admin1_of(e)
        if (division is not None and fold(division.name) == fold(m.lookup)
                and (e.geonameid not in ctx.gaz.main_towns
                     or (fold(e.name).startswith(fold(m.lookup) + " ") and e.population < ALIAS_FREE_POPULATION))):
            # "Quebec": a town named like its division; the name is the division's unless the
            # town is the division's main town ("Zurich", "Genève"), but a shortened name
            # ("Oklahoma" for Oklahoma City) is the division's unless the city is very big ("New York")
            score -= 2.0
            why.append(f"named like its division {division.name}")
        else:
            bonus = DIVISION_BONUS * narrowing(division, ctx.gaz)
            score += bonus
            why.append(f"its division is named in the article (+{bonus:.1f})")
    if e.feature == "city" and e.admin2 and ctx.admin2[(e.country, e.admin1, e.admin2)]:
        score += 2.0
        why.append("its county is named in the article")
    if (e.feature == "admin2" and fold(m.lookup).endswith(SUFFIX_WORDS)
            and (e.country, e.admin1, e.admin2) in ctx.counties):
        score += 1.5  # "Suffolk County" in a story about Riverhead: New York's, not Massachusetts'
        why.append("a town of the article lies in it")
    if e.feature == "admin1" and ctx.states[(e.country, e.admin1)] and not any(
            t.feature == "city" and (t.country, t.admin1) == (e.country, e.admin1) for t in namesakes):
        # "Georgia" in a story about Athens and Macon: the state, not the country; but "Aleppo" is
        # the city of the article, not the governorate that holds it
        score += HOLDS_BONUS
        why.append(f"holds {ctx.states[(e.country, e.admin1)]} of the article's towns")
    if e.feature == "city" and ctx.anchors:
        near = ctx.nearest_km(e)
        if near < NEAR_KM:
            score += closeness(near)
            why.append(f"{near:.0f} km from a place in the article")
    for f in following:  # "Tafas, Daraa": the next name contains this one
        if _contains(f, e):
            score += 3.0
            why.append(f"followed by {f.name}, which contains it")
            break
    if e.feature in ("admin1", "admin2"):
        for inner in preceding:  # "Andar district, Ghazni": the province that holds the district, not its town
            if _contains(e, inner):
                score += 3.0
                why.append(f"holds {inner.name}, named right before it")
                break
    return score, "; ".join(why)


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.country != inner.country or outer.geonameid == inner.geonameid:
        return False
    if outer.feature == "country":
        return inner.feature != "country"
    if outer.feature == "admin1":
        return inner.feature in ("city", "admin2") and inner.admin1 == outer.admin1
    if outer.feature == "admin2":
        return inner.feature == "city" and (inner.admin1, inner.admin2) == (outer.admin1, outer.admin2)
    return False


def _candidates(gaz: Gazetteer, name: str) -> list[Entry]:
    """The places of this name; for "Hays city", "Kyauktaw Township", those of the bare name too (see
    ``kinds``): the gazetteer may know the whole name only as another town's alternate name (Hays, Kansas)."""
    found = gaz.lookup(name)
    ids = {e.geonameid for e in found}
    return found + [e for e in bare_places(gaz, name) if e.geonameid not in ids]


class _Scorer:
    """Candidates and their scores in one fixed context, computed once per name (and the name
    after it): a long article naming the same towns thousands of times scores each once."""

    def __init__(self, text: str, ctx: _Context, by_start: dict[int, Mention],
                 looked: dict[str, list[Entry]], final: bool = True) -> None:
        self.text, self.ctx, self.by_start, self.looked = text, ctx, by_start, looked
        self.final = final  # the whole article's context (a first pass knows too little to call a town unsupported)
        self.memo: dict[tuple[str, str | None, str | None, str | None], list[tuple[Entry, float, str]]] = {}
        self.plain_at: dict[int, list[tuple[Entry, float, str]]] = {}  # each mention's answers, by its start
        self.best_at: dict[int, list[tuple[Entry, float, str]]] = {}
        self.paired_at: dict[int, bool] = {}
        self.named = Counter(m.lookup for m in by_start.values())  # how often each name is written
        self.before: dict[int, str] = {}  # start of a name -> the name written right before it ("X, Name")
        for m in by_start.values():
            nxt = next_mention(text, m, by_start)
            if nxt is not None:
                self.before[nxt.span.start] = m.lookup
        self.lists, self.comma = lists(text, sorted(by_start.values(), key=lambda m: m.span.start))
        self.comma_before = {b.span.start: a for a, b in ((by_start[s], b) for s, b in self.comma.items())}

    def best(self, m: Mention) -> list[tuple[Entry, float, str]]:
        """The candidates, best first, with what the names listed with this one say."""
        if m.span.start not in self.best_at:
            self.best_at[m.span.start] = self._best(m)
        return self.best_at[m.span.start]

    def _best(self, m: Mention) -> list[tuple[Entry, float, str]]:
        scored = self.plain(m)
        chain = self.lists.get(m.span.start, ())
        if not chain or not scored or self._paired(m):
            return scored
        peers = [p for p in chain if p is not m and self.looked.get(p.lookup) and not self._paired(p)]
        if not peers:
            return scored
        return with_peers(scored, tuple(self.plain(p)[0][0] for p in peers))

    def _paired(self, m: Mention) -> bool:
        """True for a town written with what holds it, or a division written after a town it holds
        ("Columbus, Ohio"): the pair names one place, not two of a list."""
        if m.span.start not in self.paired_at:
            self.paired_at[m.span.start] = self._pair_of(m)
        return self.paired_at[m.span.start]

    def _pair_of(self, m: Mention) -> bool:
        if not self.looked.get(m.lookup):
            return False
        for other in (self.comma.get(m.span.start), self.comma_before.get(m.span.start)):
            if other is not None and self.looked.get(other.lookup):
                a, b = self.plain(m)[0][0], self.plain(other)[0][0]
                if _contains(a, b) or _contains(b, a):
                    return True
        return False

    def plain(self, m: Mention) -> list[tuple[Entry, float, str]]:
        """The candidates, best first, from the article and the words around this name."""
        if m.span.start not in self.plain_at:
            self.plain_at[m.span.start] = self._plain(m)
        return self.plain_at[m.span.start]

    def _plain(self, m: Mention) -> list[tuple[Entry, float, str]]:
        nxt = following(self.text, m, self.by_start)
        prev = self.before.get(m.span.start)
        kind = kind_word(self.text, m)
        key = (m.lookup, nxt, prev, kind)
        if key not in self.memo:
            follow = self.looked.get(nxt, []) if nxt else []
            entries = self.looked[m.lookup]
            said = said_division(self.ctx.gaz, m, kind) if kind else set()
            if said:  # "Fulton county": Fulton County, which the bare name may not find
                known = {e.geonameid for e in entries}
                entries = entries + [e for e in self.ctx.gaz.lookup(f"{m.lookup} {kind}")
                                     if e.geonameid in said and e.geonameid not in known]
            scored = [(e, *_score(e, m, self.ctx, follow, self.looked.get(prev, []) if prev else [], entries))
                      for e in entries]
            if said:  # "Kasserine governorate": the division, not its town; the county that holds the article's towns
                scored = [(e, s + KIND_WORD_BONUS + 1.5 * ((e.country, e.admin1, e.admin2) in self.ctx.counties),
                           why + f"; called a {kind}") if e.geonameid in said else (e, s, why) for e, s, why in scored]
            capital = max((e.population for e in entries if e.geonameid in self.ctx.gaz.capitals
                           and fold(e.name) == fold(m.lookup)), default=0)
            if capital:  # "Islamabad": the capital of that name, not a smaller town once called so (Anantnag)
                scored = [(e, s - CAPITAL_NAME_PENALTY, why + "; a smaller town's other name for a capital")
                          if fold(e.name) != fold(m.lookup) and e.feature == "city" and e.population < capital
                          else (e, s, why) for e, s, why in scored]
            divisions = {(e.country, e.population) for e in entries
                         if e.feature in ("admin1", "country") and fold(e.name) == fold(m.lookup)}
            if divisions:  # "Wales": the nation, not a village of 6,000 in Yorkshire that shares its name
                scored = [(e, s - DIVISION_NAME_PENALTY, why + "; a small town named like a division of its country")
                          if e.feature == "city" and any(c == e.country and e.population * 20 < pop
                                                         for c, pop in divisions)
                          and e.geonameid not in self.ctx.gaz.capitals and e.geonameid not in self.ctx.gaz.main_towns
                          else (e, s, why) for e, s, why in scored]
            big = {e.country: e.population for e in sorted(entries, key=lambda e: e.population)
                   if e.feature == "city" and fold(e.name) == fold(m.lookup) and e.population >= BIG_CITY_POPULATION}
            if big:  # "Portland": the big city of the country, unless the text names the small one's division after it
                scored = [(e, s - SMALL_NAMESAKE_PENALTY, why + "; a small namesake of a big city of its country")
                          if e.feature == "city" and e.population * 20 < big.get(e.country, 0)
                          and "which contains it" not in why else (e, s, why) for e, s, why in scored]
            scored.sort(key=lambda t: -t[1])
            self.memo[key] = famous_namesake(scored, m) if self.final else scored
        return self.memo[key]


def resolve(text: str, mentions: list[Mention], gaz: Gazetteer,
            hints: Collection[str] = ()) -> list[Choice]:
    """Choose a GeoNames entry for each mention.  ``hints``: countries the text names otherwise
    (its demonyms), each counted once in the article's countries, as a place named once would be."""
    by_start = {m.span.start: m for m in mentions}
    looked: dict[str, list[Entry]] = {}  # each distinct name looked up once
    for m in mentions:
        if m.lookup not in looked:
            looked[m.lookup] = _candidates(gaz, m.lookup)
    ctx = _Context(gaz)
    ctx.countries.update(set(hints))
    # pass 1: unambiguous names and countries set the article's context
    for m in mentions:
        entries = looked[m.lookup]
        single = len(entries) == 1 and (entries[0].feature != "city" or entries[0].population >= SURE_TOWN_POPULATION)
        if single or any(e.feature == "country" for e in entries):
            ctx.note(max(entries, key=lambda e: prior(e, m, gaz)))
    # pass 2: every name, in that context; the most named city is the article's city
    first = _Context(gaz)
    first.countries.update(set(hints))
    cities: Counter[int] = Counter()
    by_id: dict[int, Entry] = {}
    scorer = _Scorer(text, ctx, by_start, looked, final=False)
    for m in mentions:
        if looked[m.lookup] and not m.district_cue:
            best = scorer.best(m)[0][0]
            first.note(best)
            bare = county_bare(best, m)
            if bare:
                first.named_counties.setdefault(bare, m)
            if best.feature == "city":
                cities[best.geonameid] += 1
                by_id[best.geonameid] = best
    if cities:
        first.main_city = by_id[cities.most_common(1)[0][0]]
    # pass 3: final choices with the whole article's context
    choices = []
    final = _Scorer(text, first, by_start, looked)
    for m in mentions:
        choice = _choose(m, final)
        if choice is not None:
            choices.append(choice)
    return choices


def _county_named(m: Mention, scored: list[tuple[Entry, float, str]], scorer: _Scorer) -> Choice | None:
    """"Suffolk" in an article that names Suffolk County, of the article's country: that county, or
    its town of that name, not a namesake elsewhere (a capital or a big city keeps its name: "Washington")."""
    written = scorer.ctx.named_counties.get(fold(m.lookup))
    if written is None or not scored:
        return None
    county, e = scorer.best(written)[0][0], scored[0][0]
    if county.feature != "admin2" or [county.country] != [c for c, _ in scorer.ctx.countries.most_common(1)]:
        return None  # only a county of the country the article is about
    if (e.geonameid == county.geonameid or e.feature not in _TOWNS or e.population >= BIG_CITY_POPULATION
            or e.geonameid in scorer.ctx.gaz.capitals):
        return None
    for other, s, _ in scored:
        if other.feature == "city" and _contains(county, other):
            return Choice(m, other, "exact", other.feature, s, tuple(scored))
    return Choice(m, county, "exact", county.feature, 0.0, tuple(scored))


def _inside_next(m: Mention, e: Entry, scorer: _Scorer) -> str | None:
    """The country of the place written right after a small place alone of its country ("El Refugio
    (Ahuachapan)", "Kirni, Poonch"): the pair names a town and what holds it, so the town is there."""
    if e.feature not in ("city", "admin2") or e.population >= LONE_MAX_POPULATION:
        return None
    if scorer.ctx.countries[e.country] > scorer.named[m.lookup]:
        return None
    nxt = next_mention(scorer.text, m, scorer.by_start)
    if nxt is None or not scorer.looked.get(nxt.lookup) or nxt.facility:
        return None
    if any(x.country == e.country for x in scorer.looked[nxt.lookup]):
        return None  # "Rurrenabaque, Beni": the next name may be a division of the same country
    after = scorer.best(nxt)[0][0]
    return after.country if after.feature in ("city", "admin1", "admin2") else None


def _alias_abroad(m: Mention, e: Entry, scorer: _Scorer) -> str | None:
    """The article's country when ``e`` is a town found only by one of its other names, in a country
    nothing else in the article names, while other names agree on another ("Kirni" read as Kearny,
    New Jersey, among Indian and Pakistani places): a local name the gazetteer lacks."""
    gaz, ctx = scorer.ctx.gaz, scorer.ctx
    if (e.feature != "city" or e.population >= ALIAS_FREE_POPULATION or fold(e.name) == fold(m.lookup)
            or fold(m.lookup) in gaz.team_names or re.match(re.escape(fold(m.lookup)) + r"\W", fold(e.name))):
        return None
    if ctx.countries[e.country] > scorer.named[m.lookup]:
        return None
    top = [(c, n) for c, n in ctx.countries.most_common(3) if c != e.country]
    return top[0][0] if top else None


def _lone(m: Mention, scored: list[tuple[Entry, float, str]], scorer: _Scorer) -> Choice | None:
    """For a small place abroad that nothing supports (see ``_elsewhere``): its namesake in the article's
    country, else the place named right after it ("Alamada (Afgooye)"), else the article's town, else
    nothing (the event keeps the places it is sure of)."""
    e = scored[0][0]
    home = _inside_next(m, e, scorer) or _alias_abroad(m, e, scorer)
    if home is None:
        return Choice(m, e, "exact", e.feature, scored[0][1], tuple(scored))
    for other, s, _ in scored[1:]:
        if other.country == home:
            return Choice(m, other, "exact", other.feature, s, tuple(scored))
    nxt = next_mention(scorer.text, m, scorer.by_start)
    if nxt is not None and scorer.looked.get(nxt.lookup):
        after = scorer.best(nxt)[0][0]
        if after.country == home and after.feature != "country":
            return Choice(m, after, "enclosing", "district", 0.0, tuple(scored))
    main = scorer.ctx.main_city
    if main is not None and main.country == home:
        return Choice(m, main, "enclosing", "district", 0.0, tuple(scored))
    return None


def _facility(m: Mention, scored: list[tuple[Entry, float, str]], scorer: _Scorer) -> Choice | None:
    """A building, street or site lies in the town named right after it ("Thomas Memorial Hospital
    in South Charleston"), else in the town its name contains ("Litchfield Superior Court"), else in
    the article's town; never at a country's or a division's middle."""
    nxt = next_mention(scorer.text, m, scorer.by_start)
    if nxt is not None and not nxt.facility:
        after = scorer.best(nxt)
        if after and after[0][0].feature in _TOWNS:
            return Choice(m, after[0][0], "enclosing", "poi", 0.0, tuple(after))
    if scored and scored[0][0].feature in _TOWNS and scorer.ctx.nearest_km(scored[0][0]) < NEAR_KM:
        return Choice(m, scored[0][0], "enclosing", "poi", scored[0][1], tuple(scored))
    if scorer.ctx.main_city is not None:
        return Choice(m, scorer.ctx.main_city, "enclosing", "poi", 0.0, tuple(scored))
    return None


def _choose(m: Mention, scorer: _Scorer) -> Choice | None:
    scored = scorer.best(m)
    main = scorer.ctx.main_city
    if m.facility:
        return _facility(m, scored, scorer)
    whole = scored and scored[0][0].feature in _WHOLE and scorer.ctx.countries[scored[0][0].country] > scorer.named[
        m.lookup]  # "District of Massachusetts" in a story about Boston, not Hong Kong's "Southern District"
    if m.district_cue and main is not None and not whole:
        near = [t for t in scored if t[0].feature == "city"
                and haversine_km(t[0].lat, t[0].lon, main.lat, main.lon) < DISTRICT_KM]
        if near:
            e, s, _ = near[0]
            return Choice(m, e, "exact", "district", s, tuple(scored))
        return Choice(m, main, "enclosing", "district", 0.0, tuple(scored))
    county = _county_named(m, scored, scorer) if not m.district_cue else None
    if county is not None:
        return county
    if not scored:
        if m.from_ner and main is not None and (m.suffix or m.district_cue):
            return Choice(m, main, "enclosing", "district", 0.0, ())
        return None
    e, s, _ = scored[0]
    if (main is not None and e.feature == "city" and e.population < SURE_TOWN_POPULATION
            and main.country != e.country and scorer.ctx.countries[e.country] <= scorer.named[m.lookup]
            and scorer.ctx.countries.most_common(1)[0][0] == main.country):
        # a small town in a country the article names nowhere else, in an article about another
        # country's town ("Heathrow" in a London story): a place of that town the gazetteer lacks
        return Choice(m, main, "enclosing", "district", 0.0, tuple(scored))
    if (m.listed and main is not None and e.feature == "city" and not scorer.ctx.admin1[(e.country, e.admin1)]
            and scorer.ctx.nearest_km(e) >= NEAR_KM):
        # known only by being listed with places, and far from all of them: a place of the
        # article's town that the gazetteer lacks, not a namesake on another continent
        return Choice(m, main, "enclosing", "district", 0.0, tuple(scored))
    if m.suffix and e.feature == "city":  # "Alep-Est": a part of the city
        return Choice(m, e, "enclosing", "district", s, tuple(scored))
    return _lone(m, scored, scorer)
