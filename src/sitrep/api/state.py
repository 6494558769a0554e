"""What the app holds while it runs: settings, the store reader, the extraction context and the
encoded answers of recent API list queries."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from ..pipeline import Context
from .cache import AnswerCache
from .security import check_key
from .settings import ServeSettings


@dataclass
class AppState:
    settings: ServeSettings
    reader: Any  # StoreReader (data.py); Any so that tests may hand in another reader of the same shape
    _context: Context | None = None
    _ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    answers: AnswerCache = field(init=False)  # JSON bodies of the API's lists, by (endpoint, filters)
    _store_readers: Any = None  # anyio.CapacityLimiter, made in the event loop on first use

    def __post_init__(self) -> None:
        self.answers = AnswerCache(self.settings.cache_entries)

    def store_readers(self) -> Any:
        """How many threads read the store for the API's lists at once (``ServeSettings.store_readers``).

        DuckDB runs each query on several threads already; with many more queries at once than cores,
        the threads only take turns (and the GIL passes between them), so a few run and the rest wait.
        """
        if self._store_readers is None:
            import anyio

            self._store_readers = anyio.CapacityLimiter(self.settings.store_readers)
        return self._store_readers

    def ingest(self, documents: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Analyse and store documents, one request at a time (the models are loaded once, on first use)."""
        with self._ingest_lock:
            if self._context is None:
                self._context = Context(self.settings.config)
            try:
                result: tuple[list[dict[str, Any]], list[dict[str, Any]]] = self.reader.ingest(documents,
                                                                                               self._context)
            finally:
                self.answers.clear()  # the store changed: no answer kept from before holds
            return result


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.sitrep
    return state


async def read_access(request: Request) -> None:
    """Dependency of every read: free when reads are public, else the API key is needed.

    A coroutine, though it does no I/O: FastAPI would run a plain function in its thread pool,
    one more hop for every request."""
    state = state_of(request)
    if not state.settings.public_read:
        check_key(request, state.settings)


async def write_access(request: Request) -> None:
    """Dependency of every write: the API key is needed (checked before the body is validated)."""
    check_key(request, state_of(request).settings)
