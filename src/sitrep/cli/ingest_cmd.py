"""``sitrep ingest SOURCE... --db PATH``: analyse documents and keep the results in a store.

Compute, then write: documents are analysed in batches (spaCy parses a batch
at once) in this process or in worker processes (``--workers``, one set of
models each, a batch per task), and every result is written by this process
through the store's one writer.  A document whose clean text is already
stored is skipped before its analysis (the costly part); a document that
cannot be processed is quarantined in the store with its reason and the batch
goes on.  Articles are written in runs, one transaction each that holds every
article whole, so an interrupted run can simply be run again.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from ..config import Config
from ..errors import InputError, SitrepError, StageError
from ..pipeline import Context, prepare, run_stages_many
from ..records import Analysis, Quarantined, RawDocument
from .common import add_config_flags, config_from_args, progress
from .fetch_flags import add_fetch_flags, fetch_policy_from_args


@dataclass(frozen=True)
class Skipped:
    """A document whose clean text is already in the store."""

    id: str
    origin: str


Result = Analysis | Quarantined | Skipped
# An input's result, with the input (None for one that could not be read) and, when a worker process
# analysed it, the packed near-duplicate fingerprint of its clean text (``ingest.dedup``): computed there, in
# parallel, it is not computed again by the one process that groups the stored articles at the end.
Outcome = tuple[RawDocument | None, Result, bytes | None]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="analyse articles and store the results in a DuckDB file",
        description="Analyse text or HTML files, folders of them, JSONL files in the contract's input format "
        "or - (stdin), and store articles, events, quotes, places, dates, figures and entities in the store at "
        "--db (made if missing). Articles already stored (same clean text) are skipped before analysis; "
        "documents that cannot be processed are quarantined in the store (see `sitrep quarantine`). "
        "Exit status: 0 when every document was stored or skipped, 1 when some were quarantined.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="file (text, HTML, JSONL, gzipped or not), folder, WARC archive (.warc, .warc.gz), "
                   "http(s) URL of a page or of an RSS/Atom feed (its items' pages are fetched), or - for stdin")
    p.add_argument("--db", required=True, metavar="PATH", help="the store: a DuckDB file, made if missing")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="analyse in N worker processes, each loading its own models (default 1: in this process)")
    p.add_argument("--no-progress", dest="show_progress", action="store_false",
                   help="no progress bar (it is only drawn when stderr is a terminal anyway)")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="analyse on the existing Dask distributed cluster whose scheduler is at ADDRESS "
                   "(tcp://HOST:8786); results come back as Parquet partitions that the store loads")
    p.add_argument("--cluster-dir", metavar="DIR",
                   help="with --cluster: the folder where workers write their partitions, one path that this "
                   "machine and every worker can reach (default: PATH.parts beside the store)")
    add_config_flags(p)
    add_fetch_flags(p)
    p.set_defaults(handler=run)


def _excerpt(raw: RawDocument) -> str | None:
    return (raw.text if raw.text is not None else raw.html or "")[:500] or None


def _quarantined(raw: RawDocument, exc: SitrepError) -> Quarantined:
    stage = "ingest" if isinstance(exc, InputError) else "pipeline"
    return Quarantined(raw.origin or raw.id, str(exc), exc.code, id=raw.id, stage=stage)


def process(raw: RawDocument, ctx: Context, known: set[str]) -> Result:
    """Clean ``raw``; skip it when its text is in ``known``; else analyse it.  Never raises a SitrepError."""
    return process_many([raw], ctx, known)[0]


def process_many(raws: list[RawDocument], ctx: Context, known: set[str] | frozenset[str]) -> list[Result]:
    """``process`` on several documents, in order; spaCy parses the ones analysed as one batch."""
    from ..store import content_sha256

    try:
        stages = ctx.pipeline()
    except SitrepError as exc:
        return [_quarantined(raw, exc) for raw in raws]
    results: list[Result | None] = [None] * len(raws)
    todo: list[int] = []
    analyses: list[Analysis] = []
    for i, raw in enumerate(raws):
        try:
            article = prepare(raw, ctx, stages)
        except SitrepError as exc:
            results[i] = _quarantined(raw, exc)
            continue
        if content_sha256(article.text) in known:
            results[i] = Skipped(raw.id, raw.origin)
            continue
        todo.append(i)
        analyses.append(Analysis(article=article, notes=raw.notes))
    done = run_stages_many(analyses, stages, ctx, [raws[i].origin or raws[i].id for i in todo])
    for i, result in zip(todo, done, strict=True):
        # the spaCy Doc is not stored, nor sent between processes
        results[i] = _quarantined(raws[i], result) if isinstance(result, SitrepError) else replace(result, doc=None)
    return [r for r in results if r is not None]


# Documents analysed together: spaCy parses them as one batch, and a worker process gets them as one task
# (less to and fro).  A batch is cut sooner when its documents are long, so that memory stays flat.
BATCH = 8
BATCH_CHARS = 100_000


def _batches(docs: Iterable[RawDocument | Quarantined]) -> Iterator[list[RawDocument | Quarantined]]:
    """The documents in order, in batches of at most BATCH to analyse (unreadable inputs ride along)."""
    batch: list[RawDocument | Quarantined] = []
    size = chars = 0
    for item in docs:
        batch.append(item)
        if isinstance(item, RawDocument):
            size += 1
            chars += len(item.text if item.text is not None else item.html or "")
            if size >= BATCH or chars >= BATCH_CHARS:
                yield batch
                batch, size, chars = [], 0, 0
    if batch:
        yield batch


def _analysed(batch: list[RawDocument | Quarantined], results: list[Result],
              prints: list[bytes | None] | None = None) -> Iterator[Outcome]:
    """Pair a batch's items with the results of its documents (and their fingerprints), in order."""
    found = iter(zip(results, prints or [None] * len(results), strict=True))
    for item in batch:
        yield (None, item, None) if isinstance(item, Quarantined) else (item, *next(found))


# --- worker processes ----------------------------------------------------------------------------------

_worker: tuple[Context, set[str]] | None = None
_worker_loaded = 0  # resources the worker's Context held when its heap was last frozen


def _freeze_heap() -> None:
    """Called when a model came in: half a million Python objects that live as long as the analysis.
    Frozen, they are left out of the garbage collector's full passes, each of which walked them all (0.3 s,
    about every 80 articles: 4 ms an article).  Frozen objects are still freed when no longer referenced;
    only reference cycles among them wait for ``gc.unfreeze()``."""
    gc.collect()
    gc.freeze()


def _init_worker(config: Config, known: set[str]) -> None:
    global _worker
    _worker = (Context(config), known)


def _work(raws: list[RawDocument]) -> tuple[list[Result], list[bytes | None]]:
    from ..ingest.dedup import fingerprint

    global _worker_loaded
    assert _worker is not None, "worker not initialised"
    results = process_many(raws, *_worker)
    if _worker[0].loaded() != _worker_loaded:
        _freeze_heap()
        _worker_loaded = _worker[0].loaded()
    return results, [fingerprint(r.article.text).packed() if isinstance(r, Analysis) else None for r in results]


def _in_pool(docs: Iterable[RawDocument | Quarantined], config: Config, known: set[str],
             workers: int) -> Iterator[Outcome]:
    """Results in input order, with at most two batches per worker in flight (memory stays flat)."""
    import multiprocessing

    window: deque[tuple[list[RawDocument | Quarantined], Future[tuple[list[Result], list[bytes | None]]] | None]]
    window = deque()
    mp = multiprocessing.get_context("spawn")  # no fork of a process holding the store and its threads
    with ProcessPoolExecutor(workers, mp_context=mp, initializer=_init_worker, initargs=(config, known)) as pool:
        try:
            for batch in _batches(docs):
                raws = [item for item in batch if isinstance(item, RawDocument)]
                window.append((batch, pool.submit(_work, raws) if raws else None))
                while len(window) > 2 * workers:
                    yield from _settle(*window.popleft())
            while window:
                yield from _settle(*window.popleft())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _settle(batch: list[RawDocument | Quarantined],
            fut: Future[tuple[list[Result], list[bytes | None]]] | None) -> Iterator[Outcome]:
    raws = [item for item in batch if isinstance(item, RawDocument)]
    prints: list[bytes | None] | None = None
    try:
        results, prints = fut.result() if fut is not None else ([], [])
    except Exception as exc:  # a worker that died (out of memory, a crash in a model) loses this batch only
        results = [Quarantined(raw.origin or raw.id, f"the worker analysing it failed: {type(exc).__name__}: "
                               f"{exc}", StageError.code, id=raw.id, stage="pipeline") for raw in raws]
        prints = None
    yield from _analysed(batch, results, prints)


def _in_process(docs: Iterable[RawDocument | Quarantined], ctx: Context,
                known: set[str]) -> Iterator[Outcome]:
    ctx.pipeline()  # a pipeline that cannot be built stops here, before any document is read
    loaded = ctx.loaded()
    try:
        for batch in _batches(docs):
            yield from _analysed(batch, process_many([i for i in batch if isinstance(i, RawDocument)], ctx, known))
            if ctx.loaded() != loaded:
                _freeze_heap()
                loaded = ctx.loaded()
    finally:
        gc.unfreeze()  # this Context and its models go with the run: the collector takes them back


# --- the command -----------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    from ..ingest.sources import count_documents, iter_sources

    if args.workers < 1:
        raise InputError(f"--workers must be 1 or more, got {args.workers}")
    if args.cluster and args.workers > 1:
        raise InputError("give --workers or --cluster, not both: the cluster's workers do the analysis")
    config = config_from_args(args)
    Context(config).pipeline()  # check the stages before touching the store or the network
    started = time.monotonic()
    docs = progress(iter_sources(args.sources, config, fetch_policy_from_args(args)), "ingesting",
                    args.show_progress, count_documents(args.sources) if args.show_progress else None)
    if args.cluster:
        from ..ingest.cluster import ingest_on_cluster

        counts = ingest_on_cluster(docs, args.db, config, args.cluster, args.cluster_dir)
    else:
        counts = ingest_documents(docs, args.db, config, args.workers)
    _summary(counts, args.db, time.monotonic() - started)
    return 1 if counts["quarantined"] or counts["conflict"] else 0


# Results are written in runs of up to WRITE_EVERY articles, one transaction each (a commit per article
# cost more than the writing itself), and at least every WRITE_SECONDS while results come in.  With two
# workers about 20 articles come in a second: a run of 64 costs the writing process 1.7-1.8 ms of CPU an
# article, one of 20 about 2.2-2.4 ms: CPU the workers need on a 2-core machine.
WRITE_EVERY = 64
WRITE_SECONDS = 3.0


def ingest_documents(docs: Iterable[RawDocument | Quarantined], db: str, config: Config,
                     workers: int = 1) -> Counter[str]:
    """Analyse ``docs`` (in ``workers`` processes) and write every result through the store's writer.

    Then groups the new articles with their near-duplicates and merges the events several articles report.
    Returns the counts: stored, skipped (already stored), quarantined, conflict, events, grouped, merged.
    """
    from ..store import StoreWriter

    counts: Counter[str] = Counter()
    with StoreWriter(db) as writer:
        known = writer.known_hashes()
        results = (_in_process(docs, Context(config), known) if workers == 1
                   else _in_pool(docs, config, known, workers))
        pending: list[Outcome] = []
        prints: dict[str, bytes] = {}  # article id -> fingerprint, of the articles stored by this run
        since = time.monotonic()
        for item in results:
            if not pending:
                since = time.monotonic()
            pending.append(item)
            if len(pending) >= WRITE_EVERY or time.monotonic() - since >= WRITE_SECONDS:
                _write(writer, pending, known, counts, prints)
                pending = []
        _write(writer, pending, known, counts, prints)
        from ..store.clusters import refresh

        # Near-duplicates, then events told twice; also completes the pass of a run killed before it ended.
        counts["grouped"], counts["merged"] = refresh(writer, fingerprints=prints)
    return counts


def _write(writer: Any, items: list[Outcome], known: set[str], counts: Counter[str],
           prints: dict[str, bytes]) -> None:
    """Write a run of results: the articles in one transaction, then the quarantined documents."""
    from ..store import content_sha256

    outcomes = iter(writer.write_analyses([result for _, result, _ in items if isinstance(result, Analysis)]))
    for raw, result, packed in items:
        if isinstance(result, Skipped):
            counts["skipped"] += 1
        elif isinstance(result, Quarantined):
            counts["quarantined"] += 1
            writer.write_quarantine(result, excerpt=_excerpt(raw) if raw is not None else None)
            print(f"sitrep: quarantined: {result.origin}: {result.reason.removeprefix(result.origin + ': ')}",
                  file=sys.stderr)
        else:
            outcome = next(outcomes)
            counts["stored" if outcome == "stored" else "skipped" if outcome == "duplicate" else "conflict"] += 1
            if outcome == "stored":
                counts["events"] += len(result.events)
                known.add(content_sha256(result.article.text))
                if packed is not None:
                    prints[result.article.id] = packed
            elif outcome == "conflict":
                print(f"sitrep: quarantined: {result.article.origin or result.article.id}: id "
                      f"{result.article.id!r} is already stored with a different text", file=sys.stderr)


def _summary(counts: Counter[str], db: str, seconds: float) -> None:
    quarantined = counts["quarantined"] + counts["conflict"]
    print(f"sitrep: {counts['stored']} article(s) stored ({counts['events']} events), {counts['skipped']} already "
          f"stored, {quarantined} quarantined, into {db} in {seconds:.1f}s", file=sys.stderr)
