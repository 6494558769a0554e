"""What the HTTP layer asks of a store: the ``Reader`` protocol.

``StoreReader`` (``data.py``) answers it from the DuckDB store through the
store's query API.  Item shapes, all JSON-ready:

- event: the output contract's event plus ``article_id``, ``evidence_text``
  (the words at the evidence span) and the article's ``published`` and ``title``;
- article (in lists): ``id``, ``title``, ``published``, ``site``, ``language``,
  ``url``, ``events`` (how many); one article: the whole contract object;
- place: ``name``, ``lat``, ``lon``, ``country``, ``feature``, ``events``, ``mentions``;
- quote: the contract's quote plus ``article_id`` and ``published``;
- timeline bucket: ``date``, ``type``, ``count``; map bucket: ``place``, ``lat``,
  ``lon``, ``country``, ``type``, ``count``.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..pipeline import Context
from ..report.model import ReportInputs
from .params import Filters

Items = tuple[list[dict[str, Any]], int]


class Reader(Protocol):
    def events(self, filters: Filters) -> Items: ...

    def timeline(self, filters: Filters) -> Items: ...

    def map_points(self, filters: Filters) -> Items: ...

    def articles(self, filters: Filters) -> Items: ...

    def article(self, article_id: str) -> dict[str, Any] | None: ...

    def places(self, filters: Filters) -> Items: ...

    def quotes(self, filters: Filters) -> Items: ...

    def report_inputs(self, filters: Filters, max_events: int) -> tuple[ReportInputs, int]: ...

    def ingest(self, documents: list[dict[str, Any]], ctx: Context) -> tuple[list[dict[str, Any]],
                                                                           list[dict[str, Any]]]: ...
