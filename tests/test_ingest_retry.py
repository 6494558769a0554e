"""``sitrep quarantine --retry``: quarantined documents read again from their origin (``--stages clean``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sitrep.cli.main import main
from sitrep.ingest.retry import plan
from sitrep.store import close, connection

GOOD = "The ferry between Saint-Malo and Jersey resumed on Wednesday after two days of storm, the operator said."
LATER = "The museum of Nantes reopened its east wing on Thursday after a year of work on the roof, the city said."

FLAGS = ["--stages", "clean"]


def origins(db: Path, table: str) -> list[str]:
    return sorted(str(r[0]) for r in connection(db).execute(f"SELECT origin FROM {table}").fetchall())


def test_retry_reads_files_and_jsonl_lines_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "late.txt").write_text("  ")  # empty now, written later
    batch = folder / "batch.jsonl"
    batch.write_text(json.dumps({"id": "j1", "text": GOOD + " Again."}) + "\n{not json\n")
    db = tmp_path / "store.duckdb"
    assert main(["ingest", str(folder), "--db", str(db), "--no-progress", *FLAGS]) == 1
    assert origins(db, "quarantine") == [f"{batch}:2", str(folder / "late.txt")]

    # Still broken: retried, quarantined again with a fresh record, nothing doubled.
    close()
    assert main(["quarantine", "--db", str(db), "--retry", *FLAGS]) == 1
    assert origins(db, "quarantine") == [f"{batch}:2", str(folder / "late.txt")]

    # Mended: both are stored and leave the quarantine; the other line of the file is not stored twice.
    (folder / "late.txt").write_text(LATER)
    batch.write_text(json.dumps({"id": "j1", "text": GOOD + " Again."}) + "\n"
                     + json.dumps({"id": "j2", "text": LATER + " Twice."}) + "\n")
    close()
    assert main(["quarantine", "--db", str(db), "--retry", *FLAGS]) == 0
    assert origins(db, "quarantine") == []
    assert origins(db, "articles") == sorted([str(folder / "good.txt"), str(folder / "late.txt"),
                                              f"{batch}:1", f"{batch}:2"])
    assert "2 stored" in capsys.readouterr().err
    close()


def test_documents_from_stdin_cannot_be_retried_and_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys):
    db = tmp_path / "store.duckdb"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"   \n")))
    assert main(["ingest", "-", "--db", str(db), "--no-progress", *FLAGS]) == 1
    close()
    assert main(["quarantine", "--db", str(db), "--retry", *FLAGS]) == 0
    assert origins(db, "quarantine") == ["stdin"]
    assert "input was not kept" in capsys.readouterr().err
    close()


def test_plans():
    assert plan("https://news.example/a").source == "https://news.example/a"  # type: ignore[union-attr]
    assert plan("stdin") is None and plan("POST 12") is None and plan("/no/such/file.jsonl:3") is None
