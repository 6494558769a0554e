"""Readers for the inputs Sitrep accepts.

- a text or HTML file (``.txt``, ``.html``, ``.htm``; gzipped too);
- a JSONL file in the contract's input format (``.jsonl``, ``.json``; gzipped too);
- a folder of such files (read in sorted order, recursively);
- ``-`` for standard input (JSONL when every line is a JSON object, else text).

Each yields ``RawDocument`` records, or ``Quarantined`` records for the inputs
that cannot be read, so one bad file never stops a batch.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config, parse_date
from ..errors import (
    BinaryInputError,
    ConfigError,
    DecodeError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
)
from ..records import Quarantined, RawDocument

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".json", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Control characters other than tab, newline, carriage return, form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}


def decode_bytes(data: bytes, origin: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Empty and binary data raise a clear ``InputError``.  Windows-1252 is the
    usual encoding of older French pages; it is a superset of Latin-1 for
    every printable character, so accents survive either way.
    """
    if not data.strip():
        raise EmptyInputError("the input is empty", origin=origin)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"bad UTF-16 ({exc.reason})", origin=origin) from None
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > max(8, len(sample) // 100):
        raise BinaryInputError("the input looks binary, not text or HTML", origin=origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _read_file_bytes(path: Path, config: Config) -> bytes:
    origin = str(path)
    try:
        size = path.stat().st_size
        # A JSONL file holds many documents, each checked on its own; a page is one document.
        limit = config.max_input_bytes * (50 if _kind(path) == "jsonl" else 1)
        if size > limit and path.suffix != ".gz":
            raise InputTooLargeError(
                f"file is {size:,} bytes, over the limit of {limit:,}", origin=origin
            )
        with path.open("rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError("no such file or folder", origin=origin) from None
    except PermissionError:
        raise InputError("permission denied", origin=origin) from None
    except IsADirectoryError:
        raise InputError("is a folder", origin=origin) from None
    if path.suffix == ".gz":
        try:
            data = _gunzip(data, config.max_input_bytes * (50 if _kind(path) == "jsonl" else 1))
        except (OSError, EOFError) as exc:
            raise InputError(f"corrupt gzip file ({exc})", origin=origin) from None
    return data


def _gunzip(data: bytes, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as gz:
        out = gz.read(limit + 1)
    if len(out) > limit:
        raise OSError(f"decompresses to more than {limit:,} bytes")
    return out


def _kind(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in HTML_SUFFIXES:
        return "html"
    return "text"


def read_input_record(obj: Any, origin: str, config: Config) -> RawDocument:
    """A RawDocument from one contract input object (``id``, ``text`` or ``html``...)."""
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object", origin=origin)
    doc_id = obj.get("id")
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise InputError("the object has no 'id' (string)", origin=origin)
    text, html = obj.get("text"), obj.get("html")
    if (text is None) == (html is None):
        raise InputError("the object needs exactly one of 'text' or 'html'", origin=origin)
    body = text if text is not None else html
    if not isinstance(body, str):
        raise InputError("'text'/'html' must be a string", origin=origin)
    if not body.strip():
        raise EmptyInputError("the document is empty", origin=origin)
    if len(body.encode("utf-8", "surrogatepass")) > config.max_input_bytes:
        raise InputTooLargeError(
            f"document is over the limit of {config.max_input_bytes:,} bytes", origin=origin
        )
    published: date | None = config.published
    notes: tuple[str, ...] = ()
    if obj.get("published"):
        published = parse_published(str(obj["published"]))
        if published is None:
            notes = (f"'published' {str(obj['published'])[:40]!r} is not a date Sitrep can read; "
                     "relative dates are left unresolved",)
    language = obj.get("language") or config.language
    return RawDocument(
        id=str(doc_id),
        text=text,
        html=html,
        url=obj.get("url"),
        published=published,
        language=str(language).lower() if language else None,
        origin=origin,
        notes=notes,
    )


def parse_published(value: str) -> date | None:
    """A publication date: ISO first, else a full written date ("December 13, 2016", "9 Oct 2012").

    A date without its year or day ("December 1") is refused (None): guessing it
    would resolve every relative date of the article wrongly.
    """
    try:
        return parse_date(value, what="'published'")
    except ConfigError:
        pass
    import re

    import dateparser

    if not re.search(r"\b\d{4}\b", value):
        return None  # no year written: "yesterday", "December 1"
    parsed = dateparser.parse(value, languages=["en", "fr"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def _iter_jsonl(lines: Iterator[str], origin: str, config: Config) -> Iterator[RawDocument | Quarantined]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Quarantined(where, f"not valid JSON ({exc.msg})", InputError.code)
            continue
        try:
            yield read_input_record(obj, where, config)
        except InputError as exc:
            oid = obj.get("id") if isinstance(obj, dict) else None
            yield Quarantined(where, str(exc), exc.code, id=str(oid) if oid is not None else None)


def _document_from_text(data: str, path_id: str, origin: str, kind: str, config: Config) -> RawDocument:
    if len(data.encode("utf-8", "surrogatepass")) > config.max_input_bytes:
        raise InputTooLargeError(f"document is over the limit of {config.max_input_bytes:,} bytes", origin=origin)
    return RawDocument(
        id=path_id,
        text=data if kind == "text" else None,
        html=data if kind == "html" else None,
        published=config.published,
        language=config.language,
        origin=origin,
    )


def _iter_file(path: Path, config: Config) -> Iterator[RawDocument | Quarantined]:
    origin = str(path)
    try:
        data = decode_bytes(_read_file_bytes(path, config), origin)
        kind = _kind(path)
        if kind == "jsonl":
            yield from _iter_jsonl(iter(data.splitlines()), origin, config)
            return
        yield _document_from_text(data, path.name.split(".")[0] or path.name, origin, kind, config)
    except InputError as exc:
        yield Quarantined(origin, str(exc), exc.code)


def _iter_folder(folder: Path, config: Config) -> Iterator[RawDocument | Quarantined]:
    files = sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
        and ({s.lower() for s in p.suffixes} & (KNOWN_SUFFIXES | {".gz"}))
    )
    for path in files:
        yield from _iter_file(path, config)


def _iter_stdin(stream: BinaryIO, config: Config) -> Iterator[RawDocument | Quarantined]:
    try:
        data = decode_bytes(stream.read(config.max_input_bytes * 50 + 1), "stdin")
    except InputError as exc:
        yield Quarantined("stdin", str(exc), exc.code)
        return
    lines = [ln for ln in data.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        yield from _iter_jsonl(iter(data.splitlines()), "stdin", config)
        return
    kind = "html" if data.lstrip()[:200].lower().startswith(("<!doctype html", "<html")) else "text"
    try:
        yield _document_from_text(data, "stdin", "stdin", kind, config)
    except InputError as exc:
        yield Quarantined("stdin", str(exc), exc.code)


def iter_documents(
    source: str | Path, config: Config, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Quarantined]:
    """Every document in ``source`` (a file, a folder or ``-``), in a stable order."""
    if str(source) == "-":
        yield from _iter_stdin(stdin or sys.stdin.buffer, config)
        return
    path = Path(source)
    if path.is_dir():
        yield from _iter_folder(path, config)
    elif path.exists():
        yield from _iter_file(path, config)
    else:
        yield Quarantined(str(path), f"{path}: no such file or folder", InputError.code)
