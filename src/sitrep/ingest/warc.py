"""WARC archives (news crawls): one document per archived HTML or text page.

``response`` records with an HTTP 200 answer and ``resource`` records are read;
requests, metadata, redirects and non-page types (images, scripts) are passed
over.  Records are read one at a time, each up to the document size limit, so
an archive of any size streams.  A corrupt archive (bad gzip member, a record
whose header cannot be parsed) ends with one ``Quarantined`` naming the archive
and how many records were read before it; the documents already read stand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from ..records import Quarantined, RawDocument
from .readers import decode_bytes
from .web import HTML_TYPES, TEXT_TYPES, _content_type, url_document_id

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


class WarcError(InputError):
    code = "E120"


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def _page_type(record: Any) -> str | None:
    """``html`` or ``text`` when the record is a page Sitrep reads, else None."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return None
        header = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        header = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    content_type, _ = _content_type(header)
    if content_type in HTML_TYPES:
        return "html"
    if content_type in TEXT_TYPES:
        return "text"
    return None


def _charset(record: Any) -> str | None:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return _content_type((headers.get_header("Content-Type") if headers else None) or "")[1]


def _decode(body: bytes, charset: str | None, origin: str) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body, origin)


def _document(record: Any, kind: str, body: bytes, where: str, config: Config) -> RawDocument:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    text = _decode(body, _charset(record), where)
    return RawDocument(
        id=url_document_id(url, body) if url else f"warc-{record.rec_headers.get_header('WARC-Record-ID')}",
        text=text if kind == "text" else None,
        html=text if kind == "html" else None,
        url=url or None,
        published=config.published,  # the crawl date (WARC-Date) is not the publication date
        language=config.language,
        origin=where,  # the record, not the URL: a retry reads the archive again, it does not go online
    )


def _check_start(path: str | Path) -> None:
    """Refuse a file that is no WARC or ARC archive before warcio guesses at it."""
    import gzip
    import zlib

    with open(path, "rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        try:
            start = gzip.GzipFile(fileobj=fh).read(16) if head == b"\x1f\x8b" else fh.read(16)
        except (OSError, EOFError, zlib.error) as exc:
            raise WarcError(f"corrupt gzip at the start of the archive ({exc})") from None
    if not start.startswith((b"WARC/", b"filedesc://")):
        raise WarcError("not a WARC or ARC archive (it does not start with a WARC record)")


def iter_warc(path: str | Path, config: Config) -> Iterator[RawDocument | Quarantined]:
    """The pages archived in the WARC (or ARC) file at ``path``, gzipped or not."""
    from warcio.archiveiterator import ArchiveIterator

    origin, read = str(path), 0
    try:
        _check_start(path)
        size = Path(path).stat().st_size
        with open(path, "rb") as fh:
            archive = ArchiveIterator(fh, arc2warc=True)
            for record in archive:
                read += 1
                if record.rec_type is None:
                    raise WarcError(f"record {read} has no WARC-Type: the archive is corrupt from there")
                yield from _record_documents(record, f"{origin}#record{read}", config)
            if archive.offset < size:  # warcio stops quietly at a broken gzip member
                raise WarcError(f"bytes {archive.offset:,} to {size:,} cannot be read as WARC records")
    except FileNotFoundError:
        yield Quarantined(origin, "no such file", WarcError.code)
    except InputError as exc:
        yield Quarantined(origin, f"corrupt WARC archive after {read} record(s): {exc}", exc.code)
    except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib.error, OSError... on broken members
        yield Quarantined(origin, f"corrupt WARC archive after {read} record(s): {type(exc).__name__}: {exc}",
                          WarcError.code)


def _record_documents(record: Any, where: str, config: Config) -> Iterator[RawDocument | Quarantined]:
    kind = _page_type(record)
    if kind is None:
        return
    body = record.content_stream().read(config.max_input_bytes + 1)
    if len(body) > config.max_input_bytes:
        yield Quarantined(where, f"archived page is over the limit of {config.max_input_bytes:,} bytes", "E104")
        return
    try:
        yield _document(record, kind, body, where, config)
    except InputError as exc:
        yield Quarantined(where, str(exc), exc.code)
