"""Parse the clean text with the language's spaCy pipeline (loaded once per process)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError
from ..records import Analysis

if TYPE_CHECKING:
    from ..pipeline import Context

# spaCy's default cap is 1,000,000 characters; inputs are already capped in bytes.
MAX_CHARS = 6_000_000


def load_model(name: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ResourceError(
            f"spaCy pipeline {name!r} is not installed; run `pip install -e .` "
            "(pyproject.toml pins it)"
        ) from exc
    nlp.max_length = MAX_CHARS
    return nlp


def model(ctx: Context, language: str) -> Any:
    name = ctx.config.model_for(language)
    return ctx.resource(f"spacy:{name}", lambda: load_model(name))


def parse(analysis: Analysis, ctx: Context) -> Analysis:
    article = analysis.article
    assert article.language is not None, "prepare() settles the language first"
    doc = model(ctx, article.language)(article.text)
    return replace(analysis, doc=doc)
