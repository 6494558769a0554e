"""What the app holds while it runs: settings, the store reader, the extraction context."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from ..pipeline import Context
from .security import check_key
from .settings import ServeSettings


@dataclass
class AppState:
    settings: ServeSettings
    reader: Any  # StoreReader (data.py); Any so that tests may hand in another reader of the same shape
    _context: Context | None = None
    _ingest_lock: threading.Lock = field(default_factory=threading.Lock)

    def ingest(self, documents: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Analyse and store documents, one request at a time (the models are loaded once, on first use)."""
        with self._ingest_lock:
            if self._context is None:
                self._context = Context(self.settings.config)
            result: tuple[list[dict[str, Any]], list[dict[str, Any]]] = self.reader.ingest(documents, self._context)
            return result


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.sitrep
    return state


def read_access(request: Request) -> None:
    """Dependency of every read: free when reads are public, else the API key is needed."""
    state = state_of(request)
    if not state.settings.public_read:
        check_key(request, state.settings)
