"""Per-stage timing and throughput of the extraction pipeline.

Runs the bundled example articles (and longer articles stitched from them)
through every stage several times and prints, per stage, the median seconds per
document and its share of the total, then end-to-end documents per second.
Models are loaded before timing starts.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from sitrep import Config, Context
from sitrep.ingest import iter_documents
from sitrep.pipeline import build_pipeline, prepare
from sitrep.records import Analysis, RawDocument

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def corpus() -> list[RawDocument]:
    docs = [d for d in iter_documents(EXAMPLES, Config()) if isinstance(d, RawDocument)]
    return [d for d in docs if d.text] or docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ctx = Context(Config())
    stages = build_pipeline(ctx.config.stages)
    docs = corpus()
    per_stage: dict[str, list[float]] = {"clean+langid": []}
    for s in stages:
        per_stage[s.name] = []
    totals: list[float] = []
    # warm-up: loads every model and resource once
    for raw in docs:
        a = Analysis(article=prepare(raw, ctx, stages))
        for s in stages:
            a = s.run(a, ctx)
    for _ in range(args.repeat):
        t_run = time.perf_counter()
        for raw in docs:
            t0 = time.perf_counter()
            a = Analysis(article=prepare(raw, ctx, stages))
            per_stage["clean+langid"].append(time.perf_counter() - t0)
            for s in stages:
                t0 = time.perf_counter()
                a = s.run(a, ctx)
                per_stage[s.name].append(time.perf_counter() - t0)
        totals.append((time.perf_counter() - t_run) / len(docs))
    total = statistics.median(totals)
    words = statistics.median(len((d.text or d.html or "").split()) for d in docs)
    print(f"{len(docs)} documents (median {words:.0f} words), {args.repeat} runs")
    print(f"{'stage':<14} {'median ms/doc':>14} {'share':>7}")
    for name, times in per_stage.items():
        med = statistics.median(times)
        print(f"{name:<14} {med * 1000:>14.1f} {med / total:>7.1%}")
    print(f"end to end: {1 / total:.1f} documents/s on one process (median over runs)")
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
