"""Sitrep: read the news, say what happened, with the evidence.

The library is the product; the CLI and HTTP API are thin layers over
``extract`` and ``extract_many``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

# The extraction stages live in the subpackage ``sitrep.extract``; importing it here,
# before the function of the same name is defined, keeps ``sitrep.extract`` the function:
# a subpackage imported later (the pipeline loads stages lazily) would replace it.
from . import extract as _extract_stages  # noqa: F401
from .config import Config, parse_date
from .errors import (
    ConfigError,
    InputError,
    ResourceError,
    SitrepError,
    StageError,
    UnsupportedLanguageError,
)
from .output.contract import to_contract
from .pipeline import Context, analyse
from .records import (
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Place,
    Quantity,
    Quarantined,
    Quote,
    RawDocument,
    Span,
    TimeExpr,
)

__version__ = "0.1.0"

__all__ = [
    "Actor", "Analysis", "Article", "Config", "ConfigError", "Context", "Entity", "Event",
    "InputError", "Place", "Quantity", "Quarantined", "Quote", "RawDocument", "ResourceError",
    "SitrepError", "Span", "StageError", "TimeExpr", "UnsupportedLanguageError",
    "extract", "extract_many", "to_contract", "__version__",
]

_default_context: Context | None = None


def _context(config: Config | None) -> Context:
    global _default_context
    if config is not None:
        return Context(config)
    if _default_context is None:
        _default_context = Context(Config())
    return _default_context


def extract(
    text: str | None = None,
    *,
    html: str | None = None,
    published: date | str | None = None,
    lang: str | None = None,
    id: str = "doc",
    config: Config | None = None,
    context: Context | None = None,
) -> Analysis:
    """Analyse one article given as text (chrome allowed) or HTML.

    >>> result = sitrep.extract("Le ministre a déclaré jeudi ...", published="2016-12-09", lang="fr")
    >>> [e.type for e in result.events]
    """
    if isinstance(published, str):
        published = parse_date(published, what="published")
    ctx = context or _context(config)
    raw = RawDocument(id=id, text=text, html=html, published=published or ctx.config.published,
                      language=lang or ctx.config.language, origin=id)
    if (text is None) == (html is None):
        raise InputError("give exactly one of text= or html=", origin=id)
    if not (text or html or "").strip():
        raise InputError("the document is empty", origin=id)
    return analyse(raw, ctx)


def extract_many(
    documents: Iterable[RawDocument | Quarantined], context: Context
) -> Iterator[Analysis | Quarantined]:
    """Analyse a stream of documents; a failing one comes back as ``Quarantined``.

    A pipeline that cannot be built (unknown stage, missing model) raises at once,
    before any document is read: that is the user's setup, not a bad document.
    """
    context.pipeline()
    for raw in documents:
        if isinstance(raw, Quarantined):
            yield raw
            continue
        try:
            yield analyse(raw, context)
        except SitrepError as exc:
            stage = "pipeline" if not isinstance(exc, InputError) else "ingest"
            yield Quarantined(raw.origin or raw.id, str(exc), getattr(exc, "code", "E000"), id=raw.id, stage=stage)
