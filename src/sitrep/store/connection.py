"""Opening a store: one DuckDB file, migrated on open, one connection per process.

DuckDB lets one process hold a database file for writing; inside that process,
threads share the connection through cursors.  So each process keeps one
connection per file (``connection``) and every call works on its own cursor.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import SitrepError
from .schema import _LEDGER, MIGRATIONS


class StoreError(SitrepError):
    """The store cannot be opened, read or written."""

    code = "E500"


_lock = threading.Lock()
_connections: dict[Path, Any] = {}


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def migrate(con: Any) -> list[int]:
    """Apply the migrations the store lacks, each in its own transaction; the numbers applied."""
    con.execute(_LEDGER)
    done = {row[0] for row in con.execute("SELECT number FROM schema_migrations").fetchall()}
    known = {number for number, _, _ in MIGRATIONS}
    if done - known:
        raise StoreError(f"the store has schema migrations {sorted(done - known)} that this Sitrep does not know; "
                         "it was made by a newer version: upgrade Sitrep")
    applied = []
    for number, name, statements in MIGRATIONS:
        if number in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [number, name, now()])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied


def connection(db: str | Path, *, create: bool = False) -> Any:
    """A cursor on the store at ``db``, migrated; ``create`` makes the file when it is missing."""
    import duckdb

    path = Path(db).expanduser().resolve()
    with _lock:
        con = _connections.get(path)
        if con is None:
            if not path.exists() and not create:
                raise StoreError(f"no store at {db}: make one with `sitrep ingest SOURCE --db {db}`")
            if not path.parent.is_dir():
                raise StoreError(f"cannot make a store at {db}: folder {path.parent} does not exist")
            try:
                con = duckdb.connect(str(path))
            except duckdb.Error as exc:
                hint = ("; another process (a running `sitrep serve` or `sitrep ingest`?) holds it: a store has "
                        "one process at a time, so stop that one or wait for it") if "lock" in str(exc) else ""
                raise StoreError(f"cannot open the store at {db}: {exc}{hint}") from None
            try:
                migrate(con)
            except Exception:
                con.close()
                raise
            _connections[path] = con
    return con.cursor()


def close(db: str | Path | None = None) -> None:
    """Close this process's connection to ``db`` (every store when None), e.g. before another process writes."""
    with _lock:
        paths = list(_connections) if db is None else [Path(db).expanduser().resolve()]
        for path in paths:
            con = _connections.pop(path, None)
            if con is not None:
                con.close()
