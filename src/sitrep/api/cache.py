"""``AnswerCache``: answers to recent list queries, least recently used dropped first.

DuckDB lets one process hold a store file for writing, and the server is that
process, so the only writes are its own (``POST /api/articles``): each one
empties the caches, and an answer cannot go stale behind the server's back.
An answer computed while a write was under way is not kept: each emptying
starts a new generation, and an answer is kept only into the generation its
computation began in.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class AnswerCache:
    """At most ``entries`` answers (none when 0); safe to share between threads."""

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.generation = 0

    def lookup(self, key: Hashable) -> Any | None:
        """The answer kept for ``key``, or None."""
        if self.entries <= 0:
            return None
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def keep(self, key: Hashable, value: Any, generation: int) -> None:
        """Keep ``value``, computed from the store as it was in ``generation``."""
        if self.entries <= 0:
            return
        with self._lock:
            if generation != self.generation:
                return
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for ``key``, computed (outside the lock) and kept when missing."""
        generation = self.generation
        found = self.lookup(key)
        if found is not None:
            kept: T = found
            return kept
        value = compute()
        self.keep(key, value, generation)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.generation += 1
