"""CPU time of the events stage alone, and its output, on the bench corpus and the event tasks' documents.

``prep`` runs every stage before the events stage once (the spaCy parse is most of the cost) and keeps
the results in a folder: each Analysis pickled without its Doc, each Doc as spaCy bytes.  ``run`` loads
them, runs only the events stage on every document, prints the process CPU time per document of each
set, and can write each document's events as JSON lines (to check that a change keeps the output
byte for byte) and a cProfile listing of the stage.

    .venv/bin/python bench/bench_events.py prep /tmp/evcache --articles 40 --tasks events_fr acled
    .venv/bin/python bench/bench_events.py run /tmp/evcache --dump /tmp/out-before --profile 30
    .venv/bin/python bench/bench_events.py run /tmp/evcache --warm events_fr acled   # the rest timed once

With ``--repeat`` above 1 the later rounds find the same texts again in any cache keyed by text, so
the first round after ``--warm`` is the fair figure for such caches.

The corpus is the one ``bench_ingest.py`` writes (same templates, same seed).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import pstats
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import make_article  # noqa: E402

from sitrep.config import Config  # noqa: E402
from sitrep.ingest.readers import iter_documents  # noqa: E402
from sitrep.output.contract import to_contract  # noqa: E402
from sitrep.pipeline import Context, analyse  # noqa: E402
from sitrep.records import Analysis, Quarantined  # noqa: E402


def _bench_inputs(path: Path, n: int) -> Path:
    rng = random.Random(7)
    path.write_text("".join(json.dumps(make_article(i, rng), ensure_ascii=False) + "\n" for i in range(n)),
                    encoding="utf-8")
    return path


def prep(folder: Path, articles: int, tasks: list[str]) -> None:
    from sitrep.evaluation import task_inputs

    folder.mkdir(parents=True, exist_ok=True)
    config = Config()
    config = config.with_(stages=tuple(s for s in config.stages if s != "events"))
    ctx = Context(config)
    with tempfile.TemporaryDirectory() as tmp:
        sets = {"bench": _bench_inputs(Path(tmp) / "bench.jsonl", articles)} if articles else {}
        for task in tasks:
            sets[task] = task_inputs(task, "dev", Path(tmp))
        for name, inputs in sets.items():
            kept: list[tuple[Analysis, bytes]] = []
            for raw in iter_documents(inputs, config):
                if isinstance(raw, Quarantined):
                    continue
                try:
                    analysis = analyse(raw, ctx)
                except Exception as exc:  # noqa: BLE001 - a document the pipeline refuses is left out
                    print(f"{name}: {raw.id} left out: {exc}", file=sys.stderr)
                    continue
                kept.append((replace(analysis, doc=None), analysis.doc.to_bytes()))
            with (folder / f"{name}.pkl").open("wb") as out:
                pickle.dump(kept, out)
            print(f"{name}: {len(kept)} documents")


def _load(folder: Path, ctx: Context) -> dict[str, list[Analysis]]:
    from spacy.tokens import Doc

    from sitrep.nlp.stage import model

    out: dict[str, list[Analysis]] = {}
    for path in sorted(folder.glob("*.pkl")):
        with path.open("rb") as f:
            kept = pickle.load(f)
        out[path.stem] = [replace(a, doc=Doc(model(ctx, a.article.language).vocab).from_bytes(b)) for a, b in kept]
    return out


def run(folder: Path, dump: Path | None, profile: int, repeat: int, warm: list[str] | None = None) -> None:
    from sitrep.events.stage import events_stage

    ctx = Context(Config())
    sets = _load(folder, ctx)
    for name in warm or ():  # tables loaded, caches of words filled, on other documents than those timed
        for a in sets.pop(name):
            events_stage(replace(a, doc=a.doc.copy()), ctx)
    prof = cProfile.Profile() if profile else None
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
    for name, analyses in sets.items():
        best = float("inf")
        results: list[Analysis] = []
        rounds = max(repeat, 2) if prof else repeat  # the profile leaves out the first round (tables loading)
        for k in range(rounds):
            docs = [replace(a, doc=a.doc.copy()) for a in analyses]  # fresh per-Doc caches every round
            for d in docs:
                d.doc.user_data.clear()
            profiled = prof is not None and k == rounds - 1
            start = time.process_time()
            if profiled and prof is not None:
                prof.enable()
            results = [events_stage(a, ctx) for a in docs]
            if profiled and prof is not None:
                prof.disable()
            else:
                best = min(best, time.process_time() - start)
        n_events = sum(len(r.events) for r in results)
        print(f"{name:10} {len(results):5} docs {n_events:6} events  {1000 * best / max(1, len(results)):7.2f} ms/doc "
              f"CPU (best of {repeat})")
        if dump:
            with (dump / f"{name}.jsonl").open("w", encoding="utf-8") as out:
                for r in results:
                    out.write(json.dumps(to_contract(r).get("events"), ensure_ascii=False, sort_keys=True) + "\n")
    if prof:
        stats = pstats.Stats(prof).sort_stats("cumulative")
        stats.print_stats(profile)
        stats.sort_stats("tottime").print_stats(profile)
        stats.dump_stats(str(dump / "profile.pstats") if dump else "/tmp/bench_events.pstats")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prep")
    p.add_argument("folder", type=Path)
    p.add_argument("--articles", type=int, default=40)
    p.add_argument("--tasks", nargs="*", default=["events_fr", "acled"])
    r = sub.add_parser("run")
    r.add_argument("folder", type=Path)
    r.add_argument("--dump", type=Path)
    r.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    r.add_argument("--repeat", type=int, default=1)
    r.add_argument("--warm", nargs="*", help="sets run first, untimed (then left out)")
    args = parser.parse_args(argv)
    if args.command == "prep":
        prep(args.folder, args.articles, args.tasks)
    else:
        run(args.folder, args.dump, args.profile, args.repeat, args.warm)


if __name__ == "__main__":
    main()
