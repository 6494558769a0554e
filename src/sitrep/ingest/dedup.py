"""Near-duplicate articles: word shingles, MinHash signatures and LSH band keys (datasketch).

The same wire story reprinted by ten sites differs by a headline, a byline or
a closing line; its content hash differs, its words barely.  Two articles are
near-duplicates when the Jaccard similarity of their sets of word 5-grams
(shingles) reaches ``THRESHOLD``.

Finding them without comparing every pair is locality-sensitive hashing: a
MinHash signature of ``NUM_PERM`` values is cut into ``b`` bands of ``r``
values (datasketch chooses b and r for the threshold), and each band is hashed
to one 64-bit key.  Two articles sharing any band key are candidates; the
store keeps the keys (``article_bands``), so candidates are found by a join in
SQL across every article ever stored, and each candidate is then checked on
the exact Jaccard similarity of the two texts.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

NUM_PERM = 128
THRESHOLD = 0.7  # Jaccard similarity of 5-gram sets; reprints with a changed lede or byline stay above it
SHINGLE = 5
SEED = 20161209  # fixed: band keys must be comparable across runs and machines

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The set of word k-grams of ``text``, lower-cased; a text shorter than k words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@lru_cache(maxsize=1)
def _lsh_shape() -> tuple[int, int, Any, str]:
    """(bands, rows per band, permutations, scheme): datasketch's optimum for THRESHOLD, computed once."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    return lsh.b, lsh.r, template.permutations, template.scheme


@dataclass(frozen=True)
class Fingerprint:
    """What the store keeps of an article to find its near-duplicates: its LSH band keys."""

    bands: tuple[int, ...]  # one signed 64-bit key per band (DuckDB BIGINT)

    def packed(self) -> bytes:
        """The keys as 8 bytes each: what a worker process sends, and an ingest keeps until grouping."""
        return array("q", self.bands).tobytes()

    @classmethod
    def unpacked(cls, data: bytes) -> Fingerprint:
        keys = array("q")
        keys.frombytes(data)
        return cls(tuple(keys))


def fingerprint(text: str) -> Fingerprint:
    """The band keys of ``text`` (empty for a text without words: it has no near-duplicate)."""
    from datasketch import MinHash

    grams = shingles(text)
    if not grams:
        return Fingerprint(())
    b, r, permutations, scheme = _lsh_shape()
    sig = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=permutations, scheme=scheme)
    sig.update_batch([g.encode("utf-8") for g in grams])
    values = sig.hashvalues
    keys = []
    for band in range(b):
        digest = hashlib.blake2b(values[band * r : (band + 1) * r].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return Fingerprint(tuple(keys))
