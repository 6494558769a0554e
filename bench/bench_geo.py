"""Geoparser speed and memory: resolution documents/s (NER excluded), index load time, index memory,
and the time one long document (the documents joined up to --long-mb megabytes) takes.

Documents: the geo task's dev inputs when the evaluation kit is beside the
repository (or $SITREP_EVAL_DIR), else the bundled examples.  The spaCy parse
and entity stage run once, before timing; only recognition against the
gazetteer and resolution are timed.  Load time is measured in fresh processes
reading the cached index.  Medians over repeated runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sitrep import Config, Context
from sitrep.evaluation import eval_dir
from sitrep.geo import gazetteer
from sitrep.geo.stage import find_places
from sitrep.ingest import iter_documents
from sitrep.pipeline import analyse, build_pipeline
from sitrep.records import Analysis, Entity, RawDocument, Span

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LOAD_SNIPPET = (
    "import time,resource;t=time.perf_counter();c=time.process_time();from sitrep.geo import gazetteer as g;"
    "import gc;r0=int(open('/proc/self/statm').read().split()[1]);gz=g.load();"
    "dt=time.perf_counter()-t;dc=time.process_time()-c;r1=int(open('/proc/self/statm').read().split()[1]);"
    "import os;print(dt,(r1-r0)*os.sysconf('SC_PAGE_SIZE')/2**20,dc)"
)


def documents(limit: int) -> list[RawDocument]:
    kit = eval_dir() / "geo" / "dev.input.jsonl"
    source = kit if kit.is_file() else EXAMPLES
    docs = [d for d in iter_documents(source, Config()) if isinstance(d, RawDocument)]
    return docs[:limit]


def long_document(analyses: list[Analysis], size: int) -> tuple[str, tuple[Entity, ...]]:
    """The analysed documents joined, again and again, into one text of ``size`` characters, with
    their entities moved to match: issue 3's bad input, one very long article."""
    parts: list[str] = []
    entities: list[Entity] = []
    length = 0
    while length < size and analyses:
        for a in analyses:
            entities.extend(Entity(Span(e.span.start + length, e.span.end + length), e.text, e.label)
                            for e in a.entities)
            parts.append(a.article.text + "\n\n")
            length += len(parts[-1])
            if length >= size:
                break
    return "".join(parts), tuple(entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--long-mb", type=float, default=5.0, help="size of the long document (0: skip)")
    args = parser.parse_args()
    gazetteer.load()  # make sure the cache exists
    loads = [subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True)
             .stdout.split() for _ in range(args.repeat)]
    load_s = statistics.median(float(x[0]) for x in loads)
    load_mb = statistics.median(float(x[1]) for x in loads)
    load_cpu_s = statistics.median(float(x[2]) for x in loads)  # the CPUs are shared: CPU time too
    ctx = Context(Config(language="en"))
    stages = build_pipeline(("nlp", "entities"))
    analyses = [analyse(d, ctx, stages) for d in documents(args.docs)]
    gaz = gazetteer.load()
    rates, cpu_rates = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for a in analyses:
            find_places(a.article.text, a.entities, a.article.language or "en", gaz)
        rates.append(len(analyses) / (time.perf_counter() - t0))
        cpu_rates.append(len(analyses) / max(1e-9, time.process_time() - c0))
    words = statistics.median(len(a.article.text.split()) for a in analyses)
    long_s = long_cpu_s = None
    if args.long_mb > 0:
        text, entities = long_document(analyses, int(args.long_mb * 1_000_000))
        t0, c0 = time.perf_counter(), time.process_time()
        find_places(text, entities, "en", gaz)
        long_s, long_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"documents": len(analyses), "median_words": words,
                      "resolution_docs_per_s_median": round(statistics.median(rates), 1),
                      "resolution_docs_per_cpu_s_median": round(statistics.median(cpu_rates), 1),
                      "index_load_s_median": round(load_s, 3), "index_load_cpu_s_median": round(load_cpu_s, 3),
                      "index_memory_mb_median": round(load_mb, 1), "long_document_mb": args.long_mb,
                      "long_document_s": round(long_s, 2) if long_s is not None else None,
                      "long_document_cpu_s": round(long_cpu_s, 2) if long_cpu_s is not None else None,
                      "load_average": round(os.getloadavg()[0], 1)}))
    print(f"| geo resolution (NER excluded) | {statistics.median(rates):.0f} docs/s on one core "
          f"({statistics.median(cpu_rates):.0f} per CPU second) |")
    print(f"| gazetteer index load | {load_s:.2f} s, {load_cpu_s:.2f} CPU s "
          f"(median of {args.repeat} fresh processes) |")
    print(f"| gazetteer index memory | {load_mb:.0f} MB resident |")
    if long_s is not None:
        print(f"| geo on one {args.long_mb:g} MB document (NER excluded) | {long_s:.1f} s, {long_cpu_s:.1f} CPU s |")


if __name__ == "__main__":
    main()
