"""Readers: encodings, bad files and JSONL batches, with no model loaded."""

import gzip
import io
import json

import pytest

from sitrep import Config
from sitrep.errors import BinaryInputError, EmptyInputError
from sitrep.ingest import decode_bytes, iter_documents
from sitrep.records import Quarantined, RawDocument

CFG = Config()
FRENCH = "Le préfet a confirmé mercredi que la réunion aurait lieu à Genève, à l'hôtel de ville."


def test_windows_1252_french_keeps_its_accents():
    assert decode_bytes(FRENCH.encode("cp1252"), "f.txt") == FRENCH


def test_latin1_and_utf8_and_bom():
    assert decode_bytes(FRENCH.encode("latin-1"), "f") == FRENCH
    assert decode_bytes(FRENCH.encode("utf-8"), "f") == FRENCH
    assert decode_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "f") == FRENCH
    assert decode_bytes(FRENCH.encode("utf-16"), "f") == FRENCH


def test_cp1252_curly_quotes_and_euro():
    text = "Il a dit \u201cassez\u201d, pour 5\u20ac."
    assert decode_bytes(text.encode("cp1252"), "f") == text


def test_empty_and_binary_are_refused_with_the_origin():
    with pytest.raises(EmptyInputError, match="a.txt"):
        decode_bytes(b"  \n", "a.txt")
    with pytest.raises(BinaryInputError, match="b.bin: the input looks binary"):
        decode_bytes(bytes(range(256)) * 4, "b.bin")


def test_folder_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "d.txt").write_bytes(FRENCH.encode("cp1252"))
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = list(iter_documents(tmp_path, CFG))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Quarantined", "Quarantined", "RawDocument"]
    assert items[3].text == FRENCH
    assert "empty" in items[1].reason and "binary" in items[2].reason


def test_jsonl_lines_bad_and_good(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": FRENCH, "published": "2016-12-09", "language": "fr"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "x", "html": "<p>x</p>"}),
        json.dumps({"id": "d", "text": FRENCH, "published": "yesterday"}),
        json.dumps({"id": "e", "html": "<p>Bonjour</p>", "url": "https://example.org/x"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents(path, CFG))
    kinds = [isinstance(i, RawDocument) for i in items]
    assert kinds == [True, False, False, False, True, True]
    assert items[0].published.isoformat() == "2016-12-09" and items[0].language == "fr"
    assert all(isinstance(i, Quarantined) and i.origin.startswith(str(path)) for i in items[1:4])
    # an unreadable date is a warning on the document, not a lost document
    assert items[4].published is None and "'published'" in items[4].notes[0]
    assert items[5].html == "<p>Bonjour</p>" and items[5].url == "https://example.org/x"


def test_gzipped_jsonl_and_corrupt_gzip(tmp_path):
    good = tmp_path / "in.jsonl.gz"
    good.write_bytes(gzip.compress(json.dumps({"id": "z", "text": FRENCH}).encode()))
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert isinstance(next(iter_documents(good, CFG)), RawDocument)
    item = next(iter_documents(bad, CFG))
    assert isinstance(item, Quarantined) and "gzip" in item.reason


def test_missing_path_is_a_quarantine_record():
    item = next(iter_documents("/no/such/file.txt", CFG))
    assert isinstance(item, Quarantined) and "no such file" in item.reason


def test_stdin_text_and_jsonl():
    text_items = list(iter_documents("-", CFG, stdin=io.BytesIO(FRENCH.encode("cp1252"))))
    assert text_items[0].text == FRENCH
    jsonl = (json.dumps({"id": "s1", "text": FRENCH}) + "\n").encode()
    assert list(iter_documents("-", CFG, stdin=io.BytesIO(jsonl)))[0].id == "s1"


def test_oversized_document_is_refused(tmp_path):
    small = Config(max_input_bytes=1000)
    path = tmp_path / "big.txt"
    path.write_text("mot " * 2000, encoding="utf-8")
    item = next(iter_documents(path, small))
    assert isinstance(item, Quarantined) and "limit" in item.reason


def test_written_publication_dates_are_read():
    from sitrep.ingest.readers import parse_published

    assert parse_published("December 13, 2016").isoformat() == "2016-12-13"
    assert parse_published("9 Oct 2012").isoformat() == "2012-10-09"
    assert parse_published("2016-12-09T10:00:00Z").isoformat() == "2016-12-09"
    assert parse_published("December 1") is None
