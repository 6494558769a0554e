"""Name keys shared by the gazetteer and recognition."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_UNIFY = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


@lru_cache(maxsize=1 << 16)  # the same names are folded again and again
def fold(name: str) -> str:
    """Case- and accent-insensitive key; apostrophes and dashes unified, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNIFY).casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def latin(name: str) -> bool:
    """True when every letter is Latin (the index keeps names French and English news can use)."""
    return any(c.isalpha() for c in name) and all(ord(c) < 0x250 or not c.isalpha() for c in name)
