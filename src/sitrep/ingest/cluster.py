"""The same pipeline on a Dask distributed cluster (``sitrep ingest --cluster tcp://HOST:8786``).

This process reads the sources and sends the documents, ``BATCH`` at a time,
to an existing cluster.  On a worker, each batch is analysed with one
``Context`` per worker process (the models load on its first batch and stay),
documents whose clean text is already stored are skipped before analysis, and
the results are written as one Parquet partition, ``part-<n>.parquet`` in the
exchange folder: a row per document with its kind (``article``,
``quarantined``, ``skipped``), its origin and, for an article, its contract
JSON.  This process loads each partition as its task completes, through the
store's one writer, then deletes it; partitions left by an interrupted run are
loaded first when the run is started again (articles already stored are
recognised by their content hash).

The exchange folder must be one path that this process and every worker can
read and write (a shared file system); by default it is a folder beside the
store, which suits a cluster on this machine.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import ConfigError, StageError
from ..records import Analysis, Quarantined, RawDocument

BATCH = 16  # documents per task: big enough to hide the scheduler's overhead, small enough to spread
_COLUMNS = ("kind", "id", "origin", "record", "code", "stage", "reason", "excerpt")
_contexts: dict[Config, Any] = {}  # per worker process: the models stay loaded between tasks


def _literal(path: Path) -> str:
    # COPY ... TO takes no bound parameter: a quoted SQL string, each quote doubled.
    return "'" + str(path).replace("'", "''") + "'"


def _row(raw: RawDocument, result: Any) -> list[Any]:
    from ..output.contract import to_contract

    if isinstance(result, Analysis):
        return ["article", result.article.id, raw.origin, json.dumps(to_contract(result), ensure_ascii=False),
                None, None, None, None]
    if isinstance(result, Quarantined):
        excerpt = (raw.text if raw.text is not None else raw.html or "")[:500] or None
        return ["quarantined", result.id, result.origin, None, result.code, result.stage, result.reason, excerpt]
    return ["skipped", raw.id, raw.origin, None, None, None, None, None]


def analyse_batch(raws: list[RawDocument], config: Config, known: frozenset[str], folder: str, part: str) -> str:
    """Run on a worker: analyse ``raws`` and write them as the Parquet partition ``part``; its path."""
    import duckdb

    from ..cli.ingest_cmd import process_many  # the same step as a local run
    from ..pipeline import Context

    ctx = _contexts.get(config)
    if ctx is None:
        ctx = _contexts[config] = Context(config)
    rows = [_row(raw, result) for raw, result in zip(raws, process_many(raws, ctx, known), strict=True)]
    final, partial = Path(folder) / f"part-{part}.parquet", Path(folder) / f".part-{part}.parquet.tmp"
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE part (" + ", ".join(f"{c} VARCHAR" for c in _COLUMNS) + ")")
        if rows:
            marks = "(" + ", ".join("?" * len(_COLUMNS)) + ")"
            con.execute(f"INSERT INTO part VALUES {', '.join([marks] * len(rows))}", [v for r in rows for v in r])
        con.execute(f"COPY part TO {_literal(partial)} (FORMAT parquet)")
    finally:
        con.close()
    os.replace(partial, final)  # a partition is whole or absent
    return str(final)


def load_partition(writer: Any, path: str | Path, counts: Counter[str]) -> None:
    """Write one partition's rows through the store's writer, then delete the partition."""
    rows = writer.cur.execute("SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    for kind, doc_id, origin, record, code, stage, reason, excerpt in rows:
        if kind == "article":
            item = json.loads(record)
            outcome = writer.write_record(item, origin or "")
            counts["stored" if outcome == "stored" else "skipped" if outcome == "duplicate" else "conflict"] += 1
            counts["events"] += len(item["events"]) if outcome == "stored" else 0
        elif kind == "quarantined":
            counts["quarantined"] += 1
            writer.write_quarantine(Quarantined(origin, reason, code, id=doc_id, stage=stage), excerpt=excerpt)
        else:
            counts["skipped"] += 1
    Path(path).unlink()


def _settle(writer: Any, future: Any, batch: list[RawDocument], counts: Counter[str]) -> None:
    """Load a finished task's partition; a task that failed (a worker lost, a full disk) quarantines its batch."""
    try:
        path = future.result()
    except Exception as exc:  # whatever the cluster raised: these documents go to the quarantine, the rest on
        for raw in batch:
            counts["quarantined"] += 1
            writer.write_quarantine(Quarantined(raw.origin or raw.id, f"the cluster task analysing it failed: "
                                                f"{type(exc).__name__}: {exc}", StageError.code, id=raw.id,
                                                stage="pipeline"))
        return
    load_partition(writer, path, counts)


def _batches(docs: Iterable[RawDocument | Quarantined], writer: Any,
             counts: Counter[str]) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for doc in docs:
        if isinstance(doc, Quarantined):  # unreadable input: nothing to send
            counts["quarantined"] += 1
            writer.write_quarantine(doc)
            continue
        batch.append(doc)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_on_cluster(docs: Iterable[RawDocument | Quarantined], db: str, config: Config, address: str,
                      folder: str | None = None) -> Counter[str]:
    """Analyse ``docs`` on the Dask cluster at ``address`` and store the results; the counts."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigError(f"--cluster needs Dask distributed ({exc}); install the 'distributed' package") from None
    from ..store import StoreWriter
    from ..store.clusters import refresh

    exchange = Path(folder) if folder else Path(f"{db}.parts")
    exchange.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({exc}); is it running?") from None
    with client, StoreWriter(db) as writer:
        for left in sorted(exchange.glob("part-*.parquet")):  # from a run that was interrupted
            load_partition(writer, left, counts)
        # One future holding the set (a bare collection would be scattered element by element).
        (known,) = client.scatter([frozenset(writer.known_hashes())], broadcast=True)
        width = 2 * max(1, len(client.scheduler_info()["workers"]))
        pending: deque[tuple[Any, list[RawDocument]]] = deque()
        run = uuid.uuid4().hex[:8]
        for n, batch in enumerate(_batches(docs, writer, counts)):
            pending.append((client.submit(analyse_batch, batch, config, known, str(exchange), f"{run}-{n:06d}",
                                          pure=False), batch))
            while len(pending) >= width:
                _settle(writer, *pending.popleft(), counts)
        while pending:
            _settle(writer, *pending.popleft(), counts)
        counts["grouped"], counts["merged"] = refresh(writer)
    return counts
