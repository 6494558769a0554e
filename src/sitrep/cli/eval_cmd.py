"""``sitrep eval [TASK...]``: run the evaluation kit's tasks and print score.py's figures."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..evaluation import TASKS, TaskResult, run_task
from ..output.readme import update_readme
from .common import add_config_flags, config_from_args


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval",
        help="score Sitrep on the evaluation kit (../shared/eval) with its score.py",
        description="Run every task (or those named) through the engine and score.py; print each "
        "task's summary line. The kit is looked for beside the repository or in $SITREP_EVAL_DIR.",
    )
    p.add_argument("tasks", nargs="*", metavar="TASK", help=f"tasks to run (default: all): {', '.join(TASKS)}")
    p.add_argument("--split", default="dev", help="dev (default) or a folder holding another split")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N documents of each task (a quick look)")
    p.add_argument("--json", action="store_true", help="print one JSON object with every task's metrics")
    p.add_argument("--write-readme", metavar="README",
                   help="regenerate the evaluation table between the markers in this README")
    add_config_flags(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    tasks = args.tasks or list(TASKS)
    results: list[TaskResult] = []
    for task in tasks:
        print(f"sitrep eval: {task} ...", file=sys.stderr)
        result = run_task(task, args.split, config, limit=args.limit)
        results.append(result)
        if not args.json:
            print(result.summary, flush=True)
            for part in result.parts:
                print(f"[{part.task}] {part.summary}", flush=True)
    if args.json:
        rows = [row for r in results for row in (r, *r.parts)]
        json.dump({r.task: {"summary": r.summary, "metrics": r.metrics, "documents": r.documents,
                            "skipped": r.skipped} for r in rows}, sys.stdout, indent=1)
        print()
    if args.write_readme:
        if args.limit is not None:
            print("sitrep eval: not writing the README from a --limit run", file=sys.stderr)
            return 2
        update_readme(Path(args.write_readme), results)
    return 0
