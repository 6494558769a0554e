"""``sitrep report --db PATH --place P --from D --to D``: a situation report from the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import parse_date
from ..errors import InputError
from .common import open_output


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="write a situation report: key events day by day, figures and their trend, key statements",
        description="Write a situation report for a place and a period from a store: key events day by day, "
        "figures and their trend (casualties, people evacuated or displaced, territory controlled), key "
        "statements with their speakers, and the sources counted. Every line links to its evidence "
        "(article id and character offsets).",
    )
    p.add_argument("--db", required=True, metavar="PATH", help="the store (made by `sitrep ingest`)")
    p.add_argument("--place", help="place name, e.g. Aleppo (default: every place)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day, e.g. 2016-12-01")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (inclusive), e.g. 2016-12-15")
    p.add_argument("--format", choices=("md", "html", "json"), default="md", help="md (default), html or json")
    p.add_argument("--base-url", default="", metavar="URL",
                   help="prefix of evidence links, e.g. http://127.0.0.1:8000 where `sitrep serve` runs "
                   "(default: links relative to the server's root)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..report import render_html, render_markdown, report_to_dict
    from ..report.from_store import report_from_store

    db = Path(args.db)
    if not db.is_file():
        raise InputError(f"no store at {db}: make one with `sitrep ingest SOURCE --db {db}`")
    start = parse_date(args.date_from, what="--from") if args.date_from else None
    end = parse_date(args.date_to, what="--to") if args.date_to else None
    if start and end and start > end:
        raise InputError(f"--from ({start}) is after --to ({end})")
    report, unread = report_from_store(db, place=args.place, date_from=start, date_to=end)
    if unread:
        print(f"sitrep: the period holds more events than a report reads; {unread} left out "
              "(narrow the place or the dates)", file=sys.stderr)
    with open_output(args.output) as out:
        if args.format == "md":
            out.write(render_markdown(report, base_url=args.base_url))
        elif args.format == "html":
            out.write(render_html(report, base_url=args.base_url))
        else:
            out.write(json.dumps(report_to_dict(report, base_url=args.base_url), ensure_ascii=False, indent=2) + "\n")
    if report.empty:
        print("sitrep: nothing found for this place and period", file=sys.stderr)
    return 0
