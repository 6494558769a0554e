"""The staged pipeline: ingest → clean → nlp → extract → geo → events.

A stage is a plain function ``(Analysis, Context) -> Analysis`` that declares
what it needs and what it sets.  ``build_pipeline`` checks the order once at
start-up, so a stage that needs ``places`` cannot run before the geoparser.
Stage modules are imported lazily: ``sitrep --help`` does not load spaCy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .errors import ConfigError, ResourceError, SitrepError, StageError
from .records import Analysis, Article, RawDocument

StageFn = Callable[[Analysis, "Context"], Analysis]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: StageFn


# name -> (module:function, requires, provides).  "article" is always there.
STAGES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "nlp": ("sitrep.nlp.stage:parse", ("article",), ("doc",)),
    "entities": ("sitrep.nlp.entities:entities_stage", ("doc",), ("entities",)),
    "times": ("sitrep.extract.times:times_stage", ("doc",), ("times",)),
    "quantities": ("sitrep.extract.quantities:quantities_stage", ("doc",), ("quantities",)),
    "quotes": ("sitrep.extract.quotes:quotes_stage", ("doc", "entities"), ("quotes",)),
    "places": ("sitrep.geo.stage:places_stage", ("doc", "entities"), ("places",)),
    "events": (
        "sitrep.events.stage:events_stage",
        ("doc", "entities", "times", "quantities", "quotes", "places"),
        ("events",),
    ),
}


@dataclass
class Context:
    """Per-process resources shared by all documents: config and loaded models.

    Resources are loaded on first use and kept (``resource(key, loader)``), so
    a batch loads each spaCy pipeline and the gazetteer once.
    """

    config: Config
    _cache: dict[str, Any] = field(default_factory=dict)

    def resource(self, key: str, loader: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    def pipeline(self) -> list[Stage]:
        """The configured stages, built and checked once."""
        stages: list[Stage] = self.resource("pipeline", lambda: build_pipeline(self.config.stages))
        return stages


def _load(target: str) -> StageFn:
    module_name, func_name = target.split(":")
    try:
        fn: StageFn = getattr(importlib.import_module(module_name), func_name)
    except (ImportError, AttributeError) as exc:
        raise ResourceError(f"stage {target} cannot be loaded ({exc}); is Sitrep fully installed?") from exc
    return fn


def build_pipeline(names: Iterable[str]) -> list[Stage]:
    """The stages named, in order, after checking each one's requirements."""
    have = {"article"}
    stages: list[Stage] = []
    for name in names:
        if name == "clean":  # cleaning turns a RawDocument into the Article; see prepare()
            continue
        if name not in STAGES:
            raise ConfigError(f"unknown stage {name!r}; known stages: clean, {', '.join(STAGES)}")
        target, requires, provides = STAGES[name]
        missing = [r for r in requires if r not in have]
        if missing:
            raise ConfigError(f"stage {name!r} needs {', '.join(missing)}, which no earlier stage provides")
        stages.append(Stage(name, requires, provides, _load(target)))
        have.update(provides)
    return stages


def prepare(raw: RawDocument, ctx: Context, stages: list[Stage] | None = None) -> Article:
    """Clean a raw document and settle its language and publication date.

    The language must be one Sitrep reads only when a stage after cleaning runs.
    """
    from .clean import clean_document
    from .nlp.langid import settle_language

    article = clean_document(raw, ctx.config)
    needs_language = bool(ctx.pipeline() if stages is None else stages)
    return settle_language(article, ctx.config, require_supported=needs_language)


def analyse(raw: RawDocument, ctx: Context, stages: list[Stage] | None = None) -> Analysis:
    """Run the whole pipeline on one document.

    Raises a ``SitrepError`` subclass on a bad document; anything unexpected in
    a stage becomes a ``StageError`` naming the stage and the document.
    """
    if stages is None:
        stages = ctx.pipeline()
    analysis = Analysis(article=prepare(raw, ctx, stages), notes=raw.notes)
    return run_stages(analysis, stages, ctx, raw.origin or raw.id)


def run_stages(analysis: Analysis, stages: list[Stage], ctx: Context, origin: str) -> Analysis:
    """Run the stages after cleaning on an Analysis whose article is already prepared."""
    for stage in stages:
        try:
            analysis = stage.run(analysis, ctx)
        except SitrepError:
            raise
        except Exception as exc:  # a bug in one stage must not end the batch
            raise StageError(
                f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}", origin=origin
            ) from exc
    return analysis
