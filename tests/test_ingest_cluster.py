"""``sitrep ingest --cluster``: a Dask LocalCluster (scheduler and worker processes over TCP on loopback)
stores what a local run stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.cli.main import main
from sitrep.store import close, connection

distributed = pytest.importorskip("distributed")

ARTICLES = {
    "port.txt": "Dockers strike in Marseille\n\nDock workers stopped work on Tuesday at the port of Marseille, the "
                "union said. The strike is expected to last two days.",
    "lyon.txt": "Manifestation à Lyon\n\nPlusieurs milliers de personnes ont manifesté samedi à Lyon contre la "
                "fermeture de l'hôpital, selon la préfecture.",
    "flood.html": "<html><body><article><h1>Floods in Porto</h1><p>Heavy rain flooded the lower town of Porto "
                  "on Sunday and firefighters evacuated forty people, the mayor said.</p></article></body></html>",
    "empty.txt": "   ",
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as local:
        yield local.scheduler_address


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def snapshot(db: Path) -> dict[str, list[tuple]]:
    cur = connection(db)
    out = {
        "articles": cur.execute("SELECT id, content_sha256, title, origin FROM articles ORDER BY id").fetchall(),
        "events": cur.execute("SELECT article_id, ord, item FROM events ORDER BY article_id, ord").fetchall(),
        "places": cur.execute("SELECT article_id, ord, item FROM places ORDER BY article_id, ord").fetchall(),
        "quarantine": cur.execute("SELECT origin, code FROM quarantine ORDER BY origin").fetchall(),
    }
    close(db)
    return out


def ingest_both(tmp_path: Path, address: str, stages: str) -> tuple[dict, dict]:
    folder = corpus(tmp_path)
    local, remote = tmp_path / "local.duckdb", tmp_path / "cluster.duckdb"
    flags = ["--no-progress", "--stages", stages]
    assert main(["ingest", str(folder), "--db", str(local), *flags]) == 1  # empty.txt is quarantined
    close()
    assert main(["ingest", str(folder), "--db", str(remote), "--cluster", address, *flags]) == 1
    close()
    assert not list(tmp_path.glob("cluster.duckdb.parts/*.parquet"))  # every partition was loaded
    return snapshot(local), snapshot(remote)


def test_the_cluster_stores_what_a_local_run_stores(tmp_path: Path, cluster: str):
    local, remote = ingest_both(tmp_path, cluster, "clean")
    assert len(local["articles"]) == 3 and local == remote


def test_running_again_on_the_cluster_stores_nothing_twice(tmp_path: Path, cluster: str):
    folder = corpus(tmp_path)
    db = tmp_path / "store.duckdb"
    for _ in range(2):
        main(["ingest", str(folder), "--db", str(db), "--cluster", cluster, "--no-progress", "--stages", "clean"])
        close()
    assert connection(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    close()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, capsys):
    folder = corpus(tmp_path)
    code = main(["ingest", str(folder), "--db", str(tmp_path / "s.duckdb"), "--cluster", "tcp://127.0.0.1:9",
                 "--no-progress", "--stages", "clean"])
    assert code == 2 and "Dask scheduler" in capsys.readouterr().err
    close()


@pytest.mark.slow
def test_the_cluster_finds_the_same_events(tmp_path: Path, cluster: str):
    local, remote = ingest_both(tmp_path, cluster, "nlp,entities,times,quantities,quotes,places,events")
    assert local["events"], "the articles should yield events"
    assert local == remote


def test_a_failed_task_quarantines_its_batch_and_the_run_goes_on(tmp_path: Path):
    from collections import Counter

    from sitrep.ingest.cluster import _settle
    from sitrep.records import RawDocument
    from sitrep.store import StoreWriter

    class LostWorker:
        def result(self) -> str:
            raise OSError("worker lost")

    db = tmp_path / "s.duckdb"
    counts: Counter[str] = Counter()
    batch = [RawDocument("a", text="One.", origin="a.txt"), RawDocument("b", text="Two.", origin="b.txt")]
    with StoreWriter(db) as writer:
        _settle(writer, LostWorker(), batch, counts)
    assert counts["quarantined"] == 2
    rows = connection(db).execute("SELECT origin, reason FROM quarantine ORDER BY origin").fetchall()
    assert [r[0] for r in rows] == ["a.txt", "b.txt"] and all("worker lost" in r[1] for r in rows)
    close(db)
