"""How ``sitrep serve`` is set up: one frozen object built by the CLI or by code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..config import Config
from ..errors import ConfigError

MIN_KEY_CHARS = 12


@dataclass(frozen=True)
class ServeSettings:
    """Settings of the HTTP API and web interface.

    ``api_key`` guards ``POST /api/articles`` (ingestion is off without one)
    and, when ``public_read`` is False, every read endpoint too.
    ``tiles_url`` is a tile template such as ``https://tile.example.org/{z}/{x}/{y}.png``;
    empty means no tile server: the map draws the country outlines shipped with
    Sitrep, so it works offline.
    """

    db: Path
    api_key: str | None = None
    public_read: bool = True
    tiles_url: str = ""
    tiles_attribution: str = ""
    max_body_bytes: int = 6_000_000  # an ingested article may be Config.max_input_bytes plus its JSON
    max_url_chars: int = 4096
    max_limit: int = 1000
    default_limit: int = 50
    max_offset: int = 1_000_000
    cache_entries: int = 1024  # answers of list queries kept in memory (0: none); emptied on every write
    # API list queries that read the store at once, the others waiting their turn: about one per core
    # (DuckDB spreads each query over the cores already).
    store_readers: int = field(default_factory=lambda: max(2, min(8, os.cpu_count() or 2)))
    # The events' filter columns kept in memory (about 1.5 s and 60 MB per 100,000 events at start-up,
    # loaded again after each write), so that an event list is not a scan of the store.
    event_index: bool = True
    report_max_events: int = 20_000  # events a report reads at most (a larger period is cut, and says so)
    config: Config = field(default_factory=Config)  # extraction settings for POST /api/articles

    def __post_init__(self) -> None:
        if self.api_key is not None and len(self.api_key) < MIN_KEY_CHARS:
            raise ConfigError(f"the API key must have at least {MIN_KEY_CHARS} characters")
        if not self.public_read and not self.api_key:
            raise ConfigError("--keyed-read needs an API key (--api-key or SITREP_API_KEY)")
        if self.tiles_url:
            parts = urlsplit(self.tiles_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ConfigError(f"--tiles must be an http(s) URL template, got {self.tiles_url!r}")
            if not all(k in self.tiles_url for k in ("{z}", "{x}", "{y}")):
                raise ConfigError("--tiles must contain {z}, {x} and {y}, e.g. https://tiles.example.org/{z}/{x}/{y}.png")
        if self.store_readers <= 0:
            raise ConfigError("store_readers must be at least 1")
        if self.max_body_bytes <= 0 or self.max_limit <= 0 or not 0 < self.default_limit <= self.max_limit:
            raise ConfigError("max_body_bytes, max_limit and default_limit must be positive, "
                              "and default_limit at most max_limit")

    @property
    def tiles_origin(self) -> str:
        """The tile server's origin, allowed as an image source by the Content-Security-Policy."""
        if not self.tiles_url:
            return ""
        parts = urlsplit(self.tiles_url)
        # A {s} subdomain template ({s}.tile.example.org) becomes a wildcard host.
        host = parts.netloc.replace("{s}", "*")
        return f"{parts.scheme}://{host}"
