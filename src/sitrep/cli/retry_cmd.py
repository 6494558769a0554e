"""``sitrep quarantine --db PATH --retry``: read the quarantined documents again and ingest them.

Each record's document is read again from its origin (``ingest.retry``) and
ingested as ``sitrep ingest`` would; the records retried are then removed: a
document that now passes is stored, one that fails again has a new record with
the new reason.  Records whose input was not kept (stdin, the HTTP API) stay.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from .common import config_from_args
from .fetch_flags import fetch_policy_from_args

PAGE = 1000


def _all_records(db: Path) -> list[dict[str, Any]]:
    from ..store import query

    records: list[dict[str, Any]] = []
    while True:
        page, total = query.quarantine(db, limit=PAGE, offset=len(records))
        records.extend(page)
        if not page or len(records) >= total:
            return records


def run_retry(args: argparse.Namespace, db: Path) -> int:
    from ..ingest.retry import documents, plan
    from ..ingest.web import Fetcher
    from ..store import StoreWriter
    from .ingest_cmd import ingest_documents

    if args.workers < 1:
        raise InputError(f"--workers must be 1 or more, got {args.workers}")
    config = config_from_args(args)
    records = _all_records(db)
    plans = {r["seq"]: plan(str(r["origin"])) for r in records}
    retries = list({p.origin: p for p in plans.values() if p is not None}.values())
    with Fetcher(fetch_policy_from_args(args)) as fetcher:
        counts = ingest_documents(documents(retries, config, fetcher), str(db), config, args.workers)
    with StoreWriter(db) as writer:
        writer.remove_quarantined([seq for seq, p in plans.items() if p is not None])
    kept = sum(p is None for p in plans.values())
    print(f"sitrep: retried {len(retries)} document(s): {counts['stored']} stored, {counts['skipped']} already "
          f"stored, {counts['quarantined'] + counts['conflict']} quarantined again"
          + (f"; {kept} record(s) kept: their input was not kept (stdin, the HTTP API)" if kept else ""),
          file=sys.stderr)
    return 1 if counts["quarantined"] or counts["conflict"] else 0
