"""Query parameters read and checked once, into typed filters.

Every check gives a 400 that names the parameter, what was wrong and what
would do; nothing a client sends reaches the store unchecked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from urllib.parse import urlencode

from .errors import bad_parameter
from .settings import ServeSettings

# The 16 PLOVER event types (see the output contract).
EVENT_TYPES = ("AGREE", "ACCUSE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
               "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
MAX_TEXT_CHARS = 200

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Filters:
    """What a list endpoint was asked for (``None`` = no filter)."""

    place: str | None = None
    bbox: BBox | None = None
    date_from: date | None = None
    date_to: date | None = None
    type: str | None = None
    actor: str | None = None
    text: str | None = None
    speaker: str | None = None
    limit: int = 50
    offset: int = 0

    def query(self, **changes: Any) -> str:
        """These filters as a query string (for pager links and JSON twins)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        pairs: list[tuple[str, str]] = []
        names = {"date_from": "from", "date_to": "to", "text": "q"}
        for key, value in values.items():
            if value is None or (key == "offset" and value == 0):
                continue
            if key == "bbox":
                value = ",".join(f"{v:g}" for v in value)
            elif isinstance(value, date):
                value = value.isoformat()
            pairs.append((names.get(key, key), str(value)))
        return urlencode(pairs)

    def form(self) -> dict[str, str]:
        """The filters as the strings a form shows."""
        return {
            "place": self.place or "", "bbox": ",".join(f"{v:g}" for v in self.bbox) if self.bbox else "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "", "type": self.type or "",
            "actor": self.actor or "", "q": self.text or "", "speaker": self.speaker or "",
        }


def _text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = " ".join(value.split())
    if len(value) > MAX_TEXT_CHARS:
        raise bad_parameter(name, f"{name} is {len(value)} characters long; at most {MAX_TEXT_CHARS}")
    if any(ord(c) < 32 for c in value):
        raise bad_parameter(name, f"{name} holds control characters")
    return value


def parse_date_param(name: str, value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise bad_parameter(name, f"{name} must be a date like 2016-12-01, got {value[:40]!r}") from None


def parse_bbox(value: str | None) -> BBox | None:
    """``west,south,east,north`` in degrees."""
    if value is None or not value.strip():
        return None
    parts = [p.strip() for p in value.split(",")]
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise bad_parameter("bbox", f"bbox must be four numbers west,south,east,north, got {value[:80]!r}") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise bad_parameter("bbox", "bbox values must be finite numbers")
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise bad_parameter("bbox", "bbox longitudes must lie in [-180, 180] and latitudes in [-90, 90]")
    if south > north:
        raise bad_parameter("bbox", f"bbox south ({south:g}) is north of north ({north:g})")
    if west > east:
        raise bad_parameter("bbox", f"bbox west ({west:g}) is east of east ({east:g}); a box across the "
                            "180th meridian is not supported, ask for its two halves")
    return west, south, east, north


def parse_type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    upper = value.strip().upper()
    if upper not in EVENT_TYPES:
        raise bad_parameter("type", f"type must be one of {', '.join(EVENT_TYPES)}, got {value[:40]!r}")
    return upper


def parse_page(settings: ServeSettings, limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = settings.default_limit if limit is None else limit
    offset = 0 if offset is None else offset
    if not 1 <= limit <= settings.max_limit:
        raise bad_parameter("limit", f"limit must be between 1 and {settings.max_limit}, got {limit}")
    if not 0 <= offset <= settings.max_offset:
        raise bad_parameter("offset", f"offset must be between 0 and {settings.max_offset}, got {offset}")
    return limit, offset


def parse_filters(settings: ServeSettings, *, place: str | None = None, bbox: str | None = None,
                  date_from: str | None = None, date_to: str | None = None, type: str | None = None,
                  actor: str | None = None, q: str | None = None, speaker: str | None = None,
                  limit: int | None = None, offset: int | None = None) -> Filters:
    start, end = parse_date_param("from", date_from), parse_date_param("to", date_to)
    if start and end and start > end:
        raise bad_parameter("from", f"from ({start}) is after to ({end})")
    lim, off = parse_page(settings, limit, offset)
    return Filters(place=_text("place", place), bbox=parse_bbox(bbox), date_from=start, date_to=end,
                   type=parse_type(type), actor=_text("actor", actor), text=_text("q", q),
                   speaker=_text("speaker", speaker), limit=lim, offset=off)
