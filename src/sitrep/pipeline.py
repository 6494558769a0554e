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
from typing import Any, cast

from .config import Config
from .errors import ConfigError, ResourceError, SitrepError, StageError
from .records import Analysis, Article, RawDocument

StageFn = Callable[[Analysis, "Context"], Analysis]
BatchFn = Callable[[list[Analysis], "Context"], list[Analysis]]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: StageFn
    run_many: BatchFn | None = None  # the same on several documents at once, when that is cheaper


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

# Stages that also take several documents at once (same results as one by one): spaCy parses a batch of
# texts faster than the same texts one at a time.
BATCHED: dict[str, str] = {"nlp": "sitrep.nlp.stage:parse_many"}


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

    def loaded(self) -> int:
        """How many resources are loaded: it grows when a document needs a model not loaded before."""
        return len(self._cache)

    def pipeline(self) -> list[Stage]:
        """The configured stages, built and checked once."""
        stages: list[Stage] = self.resource("pipeline", lambda: build_pipeline(self.config.stages))
        return stages


def _load(target: str) -> Any:
    module_name, func_name = target.split(":")
    try:
        fn = getattr(importlib.import_module(module_name), func_name)
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
        batched = _load(BATCHED[name]) if name in BATCHED else None
        stages.append(Stage(name, requires, provides, _load(target), batched))
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
        analysis = _run(stage, analysis, ctx, origin)
    return analysis


def run_stages_many(analyses: list[Analysis], stages: list[Stage], ctx: Context,
                    origins: list[str]) -> list[Analysis | SitrepError]:
    """``run_stages`` on several prepared documents; for each, its Analysis or the error that stopped it.

    The leading stages that take a batch (the spaCy parse) run on all the documents at once, then each
    document goes through the other stages alone, as ``run_stages`` would take it.  When a batch fails,
    its stage runs again on each document alone, so only the document at fault gets the error.
    """
    results: list[Analysis | SitrepError] = list(analyses)
    head = 0
    while head < len(stages) and stages[head].run_many is not None and len(analyses) > 1:
        stage, batch_fn = stages[head], stages[head].run_many
        assert batch_fn is not None
        live = [i for i, r in enumerate(results) if isinstance(r, Analysis)]
        done: list[Analysis | SitrepError]
        try:
            done = list(batch_fn([cast(Analysis, results[i]) for i in live], ctx))
        except Exception:  # one document spoiled the batch: find which, one by one
            done = [_try(stage, cast(Analysis, results[i]), ctx, origins[i]) for i in live]
        for i, result in zip(live, done, strict=True):
            results[i] = result
        head += 1
    for i, first in enumerate(results):
        result = first
        for stage in stages[head:]:
            if not isinstance(result, Analysis):
                break
            result = _try(stage, result, ctx, origins[i])
        results[i] = result
    return results


def _try(stage: Stage, analysis: Analysis, ctx: Context, origin: str) -> Analysis | SitrepError:
    try:
        return _run(stage, analysis, ctx, origin)
    except SitrepError as exc:
        return exc


def _run(stage: Stage, analysis: Analysis, ctx: Context, origin: str) -> Analysis:
    try:
        return stage.run(analysis, ctx)
    except SitrepError:
        raise
    except Exception as exc:  # a bug in one stage must not end the batch
        raise StageError(
            f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}", origin=origin
        ) from exc
