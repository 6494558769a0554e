"""The cleaner's phrase lists, read from the language resources.

Chrome phrases, related-link cues and credit cues are data
(``resources/<lang>/chrome.tsv``, ``related.tsv``, ``credit_cues.tsv`` and
``resources/common/photo_agencies.tsv``), so a reader can extend them without
touching code.  Phrases are compared by ``phrase_key``: case folded, accents
dropped, bullets and trailing punctuation removed, spaces collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..config import SUPPORTED_LANGUAGES
from ..resources import load_table

# Bullets, arrows and separators that decorate chrome lines ("► Lire aussi", "Partager |").
_DECORATION = "-–—•·*►▶▸→›»«>|:/\\#=~_+.…!?,;'\"“”‘’()[]{}\u00a0 \t"
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"\W+")
# Apostrophes vary between pages; the key uses the plain one.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


@lru_cache(maxsize=4096)  # a line is folded three or four times as it is classified
def fold(text: str) -> str:
    """Case folded, accents removed, apostrophes unified, spaces collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip().casefold()


def phrase_key(text: str) -> str:
    """The form under which a line is looked up in the phrase lists."""
    return fold(text).strip(_DECORATION)


@dataclass(frozen=True)
class Lexicon:
    """Every phrase list the cleaner uses, for one or more languages."""

    chrome_lines: frozenset[str]
    chrome_prefixes: tuple[str, ...]
    chrome_sections: frozenset[str]
    share_tokens: frozenset[str]
    byline_cues: tuple[str, ...]
    footer_prefixes: tuple[str, ...]
    footer_phrases: tuple[str, ...]
    call_verbs: frozenset[str]
    related_cues: tuple[str, ...]  # longest first, so "read more" wins over "read"
    credit_cues: tuple[str, ...]
    agencies: tuple[str, ...]  # as word_key() gives them: " getty images "

    def is_chrome_line(self, key: str) -> bool:
        return key in self.chrome_lines or key in self.chrome_sections

    def chrome_prefix(self, key: str) -> str | None:
        return starts_with_phrase(key, self.chrome_prefixes)

    def footer_prefix(self, key: str) -> str | None:
        return starts_with_phrase(key, self.footer_prefixes)


def starts_with_phrase(key: str, phrases: tuple[str, ...]) -> str | None:
    """The first of ``phrases`` that ``key`` starts with, ending on a word boundary."""
    for phrase in phrases:
        if key.startswith(phrase) and (len(key) == len(phrase) or not key[len(phrase)].isalnum()):
            return phrase
    return None


def word_key(text: str) -> str:
    """Folded words between single spaces, padded: " afp photo " (for whole-word search)."""
    return " " + " ".join(_NON_WORD.split(fold(text))).strip() + " "


def languages_for(language: str | None) -> tuple[str, ...]:
    """The languages whose lists apply: the document's, or all when it is not known yet.

    Cleaning runs before language detection, and chrome phrases are safe to
    use across languages (a line that is exactly "Live" is chrome on a French
    page too).
    """
    if language and language.lower()[:2] in SUPPORTED_LANGUAGES:
        return (language.lower()[:2],)
    return SUPPORTED_LANGUAGES


@lru_cache(maxsize=8)
def load_lexicon(languages: tuple[str, ...]) -> Lexicon:
    """The merged phrase lists of ``languages`` (cached per process)."""
    by_match: dict[str, set[str]] = {}
    related: set[str] = set()
    cues: set[str] = set()
    for lang in languages:
        for row in load_table(lang, "chrome"):
            by_match.setdefault(row["match"], set()).add(phrase_key(row["phrase"]))
        related.update(phrase_key(row["cue"]) for row in load_table(lang, "related"))
        cues.update(phrase_key(row["cue"]) for row in load_table(lang, "credit_cues"))
    agencies = {word_key(row["agency"]) for row in load_table("common", "photo_agencies")}

    def longest_first(items: set[str]) -> tuple[str, ...]:
        return tuple(sorted(items, key=lambda s: (-len(s), s)))

    return Lexicon(
        chrome_lines=frozenset(by_match.get("line", set())),
        chrome_prefixes=longest_first(by_match.get("prefix", set())),
        chrome_sections=frozenset(by_match.get("section", set())),
        share_tokens=frozenset(by_match.get("token", set())),
        byline_cues=longest_first(by_match.get("byline", set())),
        footer_prefixes=longest_first(by_match.get("footer", set())),
        footer_phrases=longest_first(by_match.get("contains", set())),
        call_verbs=frozenset(by_match.get("call", set())),
        related_cues=longest_first(related),
        credit_cues=longest_first(cues),
        agencies=longest_first(agencies),
    )
