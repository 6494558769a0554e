"""Line cleaner for text pages (placeholder: keeps the text as given)."""

from __future__ import annotations

from ..config import Config
from ..records import Article, RawDocument


def clean_text(raw: RawDocument, config: Config) -> Article:
    text = raw.text or ""
    return Article(id=raw.id, text=text, published=raw.published, language=raw.language,
                   url=raw.url, origin=raw.origin)
