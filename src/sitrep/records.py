"""Typed records passed between pipeline stages.

Every extracted fact keeps the character offsets (``Span``) of the words it
came from, indexing ``Article.text`` (the clean text).  Records are frozen:
a stage returns new records instead of changing the ones it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

BlockKind = Literal["title", "caption", "credit", "subheading", "paragraph", "related", "chrome"]
QuoteKind = Literal["direct", "indirect"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
EventStatus = Literal["occurred", "ongoing", "planned", "announced", "denied", "hypothetical"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into an article's clean text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Block:
    """One line-level unit of the cleaned page (title, caption, paragraph...)."""

    kind: BlockKind
    text: str
    span: Span | None = None  # where the block stands in Article.text; None if not kept there


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as it came in, before any cleaning."""

    id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    origin: str = ""  # file path, "stdin", "line 12 of in.jsonl"...
    notes: tuple[str, ...] = ()  # warnings about the input (e.g. a publication date that could not be read)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the text every span indexes, plus page metadata."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    language: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    credits: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    span: Span
    text: str
    label: str  # PER, ORG, LOC, MISC


@dataclass(frozen=True, slots=True)
class Quote:
    span: Span
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_span: Span | None = None
    verb: str | None = None  # lemma of the speech verb or cue ("déclarer", "selon")
    cue_span: Span | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    text: str
    type: TimeType
    value: str | None  # TIMEX3 value, None when it cannot be resolved
    anchored: bool = False  # True when the value was resolved against the publication date
    flags: tuple[str, ...] = ()  # e.g. ("no-anchor",), ("past-by-tense",)


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    text: str
    value: float | None
    unit: str  # person, percent, country, money, vehicle, ...
    head: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    role: str | None = None  # killed, injured, displaced, arrested, evacuated...


@dataclass(frozen=True, slots=True)
class Place:
    span: Span
    text: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-2
    feature: str  # city, country, admin1, admin2, district, region, ...
    geonameid: int | None = None
    admin1: str | None = None
    precision: str = "exact"  # exact | enclosing (district resolved to its city) | country
    population: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    span: Span | None = None
    name: str | None = None
    country: str | None = None  # ISO alpha-3 or organisation code (UNO, NATO, EU)
    sector: str | None = None  # GOV, MIL, REB, OPP, CVL, IGO...


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # one of the 16 PLOVER types
    evidence: tuple[Span, ...]
    acled_type: str | None = None
    acled_subtype: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    place: Place | None = None
    date: str | None = None
    date_from: Literal["text", "published", None] = None
    fatalities: int | None = None
    quantities: tuple[Quantity, ...] = ()
    status: EventStatus = "occurred"
    trigger: Span | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything known about one article; each stage fills one part of it."""

    article: Article
    doc: Any = None  # the spaCy Doc over article.text (not serialised)
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = field(default=())  # warnings a stage wants the user to see


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A document that could not be processed, with the reason; the batch goes on."""

    origin: str
    reason: str
    code: str = "E000"
    id: str | None = None
    stage: str = "ingest"
