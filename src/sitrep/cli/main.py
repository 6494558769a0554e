"""``sitrep`` command: thin argument parsing over the library.

Exit status: 0 when every document was processed, 1 when some were
quarantined (each reported on stderr in one line), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..errors import SitrepError
from . import eval_cmd, extract_cmd, ingest_cmd, query_cmd, report_cmd, serve_cmd, watch_cmd

COMMANDS: dict[str, Any] = {  # name -> a module (or namespace) with add_parser(sub)
    "extract": extract_cmd,
    "eval": eval_cmd,
    "serve": serve_cmd,
    "report": report_cmd,
    "ingest": ingest_cmd, "events": query_cmd.EVENTS, "export": query_cmd.EXPORT, "quarantine": query_cmd.QUARANTINE,
    "watch": watch_cmd,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep",
        description="Read news articles and say what happened, with the evidence for every fact.",
    )
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args))
    except SitrepError as exc:
        print(f"sitrep: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sitrep: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
