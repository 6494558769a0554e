"""``TextIndex``: which events' evidence holds some words, as ``contains(lower(...), lower(?))`` says.

The SQL text search reads every article's text; the index keeps each event's
evidence, lower-cased by DuckDB when the index is built, and a posting list
per word (``\\w+`` run) of those texts.  A search for words without a word
break (``convoys``) is the union of the postings of the words that contain it,
with nothing else to check: an occurrence cannot cross a word break that the
search words do not have.  A search with breaks (``aid convoys``) takes the
events holding its longest run of word characters and checks each one's
evidence for the whole string.  Either way the answer is the substring test's.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

_WORD = re.compile(r"\w+")
RECENT_SEARCHES = 64  # masks of the latest searches kept
_SEP = "\x00"  # between the words of the joined vocabulary: no search holds it (control characters are refused)


def lower_like_duckdb(value: str, duckdb_lower: Callable[[str], str]) -> str:
    """``value`` lower-cased as DuckDB's ``lower`` does it: Python's rules agree on ASCII only
    (``'İ'.lower()`` is two characters in Python, one in DuckDB), so other text asks DuckDB."""
    return value.lower() if value.isascii() else duckdb_lower(value)


class TextIndex:
    """Posting lists of the words of each event's lower-cased evidence (None: the event has none)."""

    def __init__(self, evidence: Sequence[str | None]) -> None:
        self.evidence = [e or "" for e in evidence]
        self.size = len(self.evidence)
        postings: dict[str, list[int]] = {}
        for i, text in enumerate(self.evidence):
            for word in set(_WORD.findall(text)):
                found = postings.get(word)
                if found is None:
                    postings[word] = [i]
                else:
                    found.append(i)
        self.words = list(postings)
        self.postings = [np.array(postings[w], dtype=np.int32) for w in self.words]
        self._joined = _SEP.join(self.words)
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._starts = np.cumsum([0] + [len(w) + 1 for w in self.words[:-1]]) if self.words else np.zeros(0)

    def _words_holding(self, run: str) -> list[int]:
        """Numbers of the vocabulary's words that contain ``run`` (itself free of word breaks)."""
        at = [m.start() for m in re.finditer(re.escape(run), self._joined)]
        if not at:
            return []
        return sorted(set((np.searchsorted(self._starts, at, side="right") - 1).tolist()))

    def matches(self, needle: str) -> np.ndarray:
        """A mask of the events whose evidence contains ``needle`` (already lower-cased); not to be
        changed (the masks of recent searches are kept and shared)."""
        with self._lock:
            found = self._recent.get(needle)
            if found is not None:
                self._recent.move_to_end(needle)
                return found
        mask = self._matches(needle)
        mask.flags.writeable = False
        with self._lock:
            self._recent[needle] = mask
            while len(self._recent) > RECENT_SEARCHES:
                self._recent.popitem(last=False)
        return mask

    def _matches(self, needle: str) -> np.ndarray:
        if not needle:
            return np.zeros(self.size, dtype=bool)
        runs = _WORD.findall(needle)
        if not runs:  # punctuation alone: read every evidence
            return np.fromiter((needle in e for e in self.evidence), dtype=bool, count=self.size)
        # Each run of word characters of the search lies inside one word of a matching evidence: the
        # events with words holding the (three longest) runs are the candidates.
        mask: np.ndarray | None = None
        for run in sorted(set(runs), key=len, reverse=True)[:3]:
            holding = np.zeros(self.size, dtype=bool)
            for w in self._words_holding(run):
                holding[self.postings[w]] = True
            mask = holding if mask is None else mask & holding
            if not mask.any():
                return mask
        assert mask is not None
        if runs == [needle]:
            return mask
        for i in np.flatnonzero(mask).tolist():  # is the whole string there?
            if needle not in self.evidence[i]:
                mask[i] = False
        return mask
