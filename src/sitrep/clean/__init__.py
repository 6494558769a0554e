"""Cleaning: from a raw page (text with chrome, or HTML) to an Article."""

from __future__ import annotations

from ..config import Config
from ..records import Article, RawDocument


def clean_document(raw: RawDocument, config: Config) -> Article:
    """The Article for a raw document: HTML through trafilatura, text through the line cleaner."""
    if raw.html is not None:
        from .html import clean_html

        return clean_html(raw, config)
    from .text import clean_text

    return clean_text(raw, config)
