"""``sitrep extract PATH|-``: analyse one file, a folder, JSONL or stdin."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Any

from .. import extract_many
from ..ingest import iter_documents
from ..output.contract import to_contract
from ..output.text import render_text
from ..pipeline import Context
from ..records import Analysis, Quarantined
from .common import add_config_flags, config_from_args, open_output, progress


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="extract events, quotes, places, dates and figures from articles",
        description="Analyse a text or HTML file, a folder of them, a JSONL file in the contract's "
        "input format, or - for standard input.",
    )
    p.add_argument("source", metavar="PATH|-", help="file, folder, .jsonl, or - for stdin")
    p.add_argument("--format", choices=("json", "jsonl", "text"),
                   help="json (one object, or an array for several), jsonl (a line each; the default "
                   "for folders and JSONL), text (a readable situation report)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--explain", action="store_true",
                   help="add 'places_explain' to the JSON: for each place, the gazetteer candidates, "
                   "their scores and why one won")
    add_config_flags(p)
    p.set_defaults(handler=run)


def _default_format(source: str) -> str:
    path = Path(source)
    if source != "-" and (path.is_dir() or ".jsonl" in path.suffixes or ".ndjson" in path.suffixes):
        return "jsonl"
    return "json"


def _count_hint(source: str) -> int | None:
    path = Path(source)
    if source != "-" and path.is_file() and path.suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    return None


def _report(q: Quarantined) -> None:
    print(f"sitrep: error: {q.origin}: {q.reason.removeprefix(q.origin + ': ')}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    ctx = Context(config)
    fmt = args.format or _default_format(args.source)
    failed = done = 0
    results: list[dict[str, Any]] = []
    docs = progress(iter_documents(args.source, config), "extracting", True, _count_hint(args.source))
    with open_output(args.output) as out:
        for item in extract_many(docs, ctx):
            if isinstance(item, Quarantined):
                failed += 1
                _report(item)
                continue
            done += 1
            _emit(item, fmt, out, results, ctx if args.explain else None)
        if fmt == "json" and results:
            payload: Any = results[0] if len(results) == 1 and failed == 0 else results
            json.dump(payload, out, ensure_ascii=False, indent=2)
            out.write("\n")
    if failed:
        print(f"sitrep: {done} document(s) processed, {failed} skipped", file=sys.stderr)
        return 1
    return 0


def _record(analysis: Analysis, explain_ctx: Context | None) -> dict[str, Any]:
    record = to_contract(analysis)
    if explain_ctx is not None and analysis.doc is not None:
        from ..geo.stage import explain

        record["places_explain"] = explain(analysis, explain_ctx)
    return record


def _emit(analysis: Analysis, fmt: str, out: IO[str], results: list[dict[str, Any]],
          explain_ctx: Context | None = None) -> None:
    if fmt == "jsonl":
        out.write(json.dumps(_record(analysis, explain_ctx), ensure_ascii=False) + "\n")
        out.flush()
    elif fmt == "json":
        results.append(_record(analysis, explain_ctx))
    else:
        out.write(render_text(analysis) + "\n")
