"""``sitrep ingest`` and the commands that read the store, on a small folder of team-written articles.

The fast tests run only the cleaning stage (``--stages clean``: no model is
loaded); the slow one runs the parser and the entity recogniser.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.cli.main import main
from sitrep.store import close, connection, query

ARTICLES = {
    "en_port.txt": "Dockers strike at the port of Rotterdam\n\nHundreds of dock workers stopped work on Tuesday at "
                   "the port of Rotterdam, the union said. The strike is expected to last two days.",
    "fr_marche.txt": "Incendie au marché de Bamako\n\nUn incendie a détruit une partie du grand marché de Bamako "
                     "dans la nuit de samedi, selon les pompiers. Aucune victime n'a été signalée.",
    "en_council.html": "<html><head><title>Council votes budget</title></head><body><article><h1>Council votes "
                       "budget</h1><p>The city council of Leeds approved its budget on Thursday after a long "
                       "debate, the mayor said.</p><p>The vote passed by 40 votes to 12.</p></article></body></html>",
}


def make_folder(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    return folder


def table_counts(db: Path) -> tuple[int, int]:
    cur = connection(db)
    return (cur.execute("SELECT count(*) FROM articles").fetchone()[0],
            cur.execute("SELECT count(*) FROM quarantine").fetchone()[0])


def test_ingest_twice_stores_once_and_quarantines_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder, db = make_folder(tmp_path), tmp_path / "s.duckdb"
    assert main(["ingest", str(folder), "--db", str(db), "--stages", "clean"]) == 1  # 1: some quarantined
    err = capsys.readouterr().err
    assert "3 article(s) stored" in err and "2 quarantined" in err and "broken.txt" in err
    assert table_counts(db) == (3, 2)
    reasons = {Path(q["origin"]).name: q for q in query.quarantine(db)[0]}
    assert reasons["broken.txt"]["code"] == "E102" and "binary" in reasons["broken.txt"]["reason"]
    assert reasons["empty.txt"]["code"] == "E101"

    assert main(["ingest", str(folder), "--db", str(db), "--stages", "clean"]) == 1
    err = capsys.readouterr().err
    assert "0 article(s) stored" in err and "3 already stored" in err
    assert table_counts(db)[0] == 3
    html = query.article(db, "en_council")
    assert html is not None and "approved its budget" in html["text"] and "<p>" not in html["text"]
    close(db)


def test_worker_processes_store_the_same(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = make_folder(tmp_path)
    # a reprint with its own closing line: workers fingerprint it, and it must join the same group
    (folder / "en_port_reprint.txt").write_text(ARTICLES["en_port.txt"] + " Ferries were not affected.",
                                                encoding="utf-8")
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert main(["ingest", str(folder), "--db", str(one), "--stages", "clean"]) == 1
    assert main(["ingest", str(folder), "--db", str(two), "--stages", "clean", "--workers", "2"]) == 1
    assert "4 article(s) stored" in capsys.readouterr().err.splitlines()[-1]
    for read in ("SELECT id, content_sha256, text FROM articles ORDER BY id",
                 "SELECT article_id, group_id, similarity FROM article_groups ORDER BY article_id",
                 "SELECT article_id, band, key FROM article_bands ORDER BY article_id, band"):
        assert connection(one).execute(read).fetchall() == connection(two).execute(read).fetchall()
    groups = dict(connection(two).execute("SELECT article_id, group_id FROM article_groups").fetchall())
    assert groups["en_port_reprint"] == groups["en_port"] != groups["fr_marche"]
    assert table_counts(two) == (4, 2)
    assert main(["ingest", str(folder), "--db", str(two), "--workers", "0"]) == 2
    close(one)
    close(two)


def test_query_commands(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder, db = make_folder(tmp_path), tmp_path / "q.duckdb"
    main(["ingest", str(folder / "fr_marche.txt"), str(folder / "broken.txt"), "--db", str(db), "--stages", "clean"])
    capsys.readouterr()
    assert main(["events", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"items": [], "total": 0}
    assert main(["quarantine", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
    out = tmp_path / "articles.jsonl"
    assert main(["export", "--db", str(db), "--what", "articles", "--format", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["fr_marche"] and "Bamako" in rows[0]["text"]
    assert main(["export", "--db", str(db), "--what", "events", "--format", "geojson"]) == 0
    assert json.loads(capsys.readouterr().out) == {"type": "FeatureCollection", "features": []}
    assert main(["export", "--db", str(db), "--what", "articles", "--format", "geojson"]) == 2
    assert "no coordinates" in capsys.readouterr().err
    assert main(["events", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "sitrep ingest" in capsys.readouterr().err
    close(db)


def test_every_flag_is_documented(capsys: pytest.CaptureFixture) -> None:
    for command, flags in {"ingest": ("--db", "--workers", "--published", "--lang", "--stages"),
                           "events": ("--place", "--from", "--to", "--type", "--actor", "--format", "--limit"),
                           "export": ("--what", "--format", "-o"), "quarantine": ("--db",)}.items():
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        for flag in flags:
            assert flag in text, f"{command} {flag}"


@pytest.mark.slow
def test_ingest_with_the_parser_stores_entities(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder, db = make_folder(tmp_path), tmp_path / "nlp.duckdb"
    assert main(["ingest", str(folder), "--db", str(db), "--stages", "nlp,entities"]) == 1
    names = {r[0] for r in connection(db).execute("SELECT text FROM entities").fetchall()}
    assert {"Rotterdam", "Bamako", "Leeds"} <= names
    assert main(["ingest", str(folder), "--db", str(db), "--stages", "nlp,entities"]) == 1
    assert "0 article(s) stored" in capsys.readouterr().err
    assert table_counts(db)[0] == 3
    close(db)


SITREP = [sys.executable, "-m", "sitrep.cli.main"]


def test_a_killed_ingest_can_be_run_again(tmp_path: Path) -> None:
    """SIGKILL part way through, then again: every article is stored exactly once."""
    n = 5000
    source = tmp_path / "many.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"n{i}", "text": f"Bulletin {i}: the ferry to the island left on time "
                                 f"with {i} passengers on board.", "language": "en"}) + "\n")
    db = tmp_path / "crash.duckdb"
    args = ["ingest", str(source), "--db", str(db), "--stages", "clean"]
    proc = subprocess.Popen([*SITREP, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 60
    # Killed once the first articles are in the log (the migrations alone write about 12 kB): some in, most not.
    while proc.poll() is None and not (wal.exists() and wal.stat().st_size > 100_000) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the first run ended before it was killed: make the input longer"
    rerun = subprocess.run([*SITREP, *args], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    found = re.search(r"(\d+) article\(s\) stored .*?, (\d+) already stored", rerun.stderr)
    assert found, rerun.stderr
    stored, already = int(found[1]), int(found[2])
    assert stored > 0 and already > 0 and stored + already == n  # killed part way, finished on the rerun
    cur = connection(db)
    assert cur.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT content_sha256) FROM articles"
                       ).fetchone() == (n, n, n)
    close(db)
