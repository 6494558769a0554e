"""The store: one DuckDB file of analysed articles, their facts and the quarantine.

Schema through recorded migrations (``schema``), writes through one writer
(``writer.StoreWriter``), reads through parameterised queries (``query``).
"""

from . import export, query
from .connection import StoreError, close, connection
from .writer import StoreWriter, content_sha256, write_analyses

__all__ = ["StoreError", "StoreWriter", "close", "connection", "content_sha256", "export", "query", "write_analyses"]
