"""Geoparser speed and memory: resolution documents/s (NER excluded), index load time, index memory.

Documents: the geo task's dev inputs when the evaluation kit is beside the
repository (or $SITREP_EVAL_DIR), else the bundled examples.  The spaCy parse
and entity stage run once, before timing; only recognition against the
gazetteer and resolution are timed.  Load time is measured in fresh processes
reading the cached index.  Medians over repeated runs.
"""

from __future__ import annotations

import argparse
import json
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
from sitrep.records import RawDocument

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LOAD_SNIPPET = (
    "import time,resource;t=time.perf_counter();from sitrep.geo import gazetteer as g;"
    "import gc;r0=int(open('/proc/self/statm').read().split()[1]);gz=g.load();"
    "dt=time.perf_counter()-t;r1=int(open('/proc/self/statm').read().split()[1]);"
    "import os;print(dt,(r1-r0)*os.sysconf('SC_PAGE_SIZE')/2**20)"
)


def documents(limit: int) -> list[RawDocument]:
    kit = eval_dir() / "geo" / "dev.input.jsonl"
    source = kit if kit.is_file() else EXAMPLES
    docs = [d for d in iter_documents(source, Config()) if isinstance(d, RawDocument)]
    return docs[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gazetteer.load()  # make sure the cache exists
    loads = [subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True)
             .stdout.split() for _ in range(args.repeat)]
    load_s = statistics.median(float(x[0]) for x in loads)
    load_mb = statistics.median(float(x[1]) for x in loads)
    ctx = Context(Config(language="en"))
    stages = build_pipeline(("nlp", "entities"))
    analyses = [analyse(d, ctx, stages) for d in documents(args.docs)]
    gaz = gazetteer.load()
    rates = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for a in analyses:
            find_places(a.article.text, a.entities, a.article.language or "en", gaz)
        rates.append(len(analyses) / (time.perf_counter() - t0))
    words = statistics.median(len(a.article.text.split()) for a in analyses)
    print(json.dumps({"documents": len(analyses), "median_words": words,
                      "resolution_docs_per_s_median": round(statistics.median(rates), 1),
                      "index_load_s_median": round(load_s, 3), "index_memory_mb_median": round(load_mb, 1)}))
    print(f"| geo resolution (NER excluded) | {statistics.median(rates):.0f} docs/s on one core |")
    print(f"| gazetteer index load | {load_s:.2f} s (median of {args.repeat} fresh processes) |")
    print(f"| gazetteer index memory | {load_mb:.0f} MB resident |")


if __name__ == "__main__":
    main()
