"""Pieces shared by the commands: config from flags, output files, progress."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TypeVar

from ..config import SUPPORTED_LANGUAGES, Config, parse_date
from ..errors import ConfigError, InputError

T = TypeVar("T")


def add_config_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", metavar="DATE",
                   help="publication date (ISO, e.g. 2016-12-09) for inputs that give none")
    p.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="force the language instead of detecting it")
    p.add_argument("--stages", metavar="LIST",
                   help="comma-separated stages to run (default: all): " + ",".join(Config().stages))


def config_from_args(args: argparse.Namespace) -> Config:
    values: dict[str, object] = {}
    if getattr(args, "published", None):
        values["published"] = parse_date(args.published, what="--published")
    if getattr(args, "lang", None):
        values["language"] = args.lang
    if getattr(args, "stages", None) is not None:
        values["stages"] = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    return Config.from_mapping(values)


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """stdout, or the file at ``path`` (its folder must exist)."""
    if path in (None, "-"):
        yield sys.stdout
        return
    target = Path(path)  # type: ignore[arg-type]
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: folder {target.parent} does not exist")
    try:
        fh = target.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    with fh:
        yield fh


def progress(items: Iterable[T], description: str, enabled: bool, total: int | None = None) -> Iterator[T]:
    """Items, with a rich progress bar (rate, elapsed) on stderr when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TaskProgressColumn(show_speed=True), TimeElapsedColumn(), TimeRemainingColumn(),
                  console=None, transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


def fail_usage(message: str) -> ConfigError:
    return ConfigError(message)
