"""Never lose, never duplicate: ``sitrep ingest`` killed with SIGKILL at random points, then run to the end.

Runs with ``--stages clean`` (no model) so that it is fast; the writing path is
the same as with every stage.  The seed is in every assertion message, so a
failure can be replayed.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitrep.store import close, connection

SITREP = [sys.executable, "-m", "sitrep.cli.main"]
PLACES = ["Lorient", "Brest", "Vannes", "Quimper", "Saint-Brieuc", "Morlaix", "Dinan", "Auray"]


def corpus(path: Path, n: int) -> None:
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            text = (f"Storm damage in {place}, report {i}\n\nThe storm tore roofs off {rng.randint(2, 90)} houses "
                    f"in {place} overnight and {rng.randint(1, 40)} trees fell on the coast road, the fire service "
                    f"said in its bulletin number {i}. Schools will stay closed until {rng.choice(PLACES)} "
                    "engineers have checked the buildings.")
            fh.write(json.dumps({"id": f"storm-{i}", "text": text, "language": "en"}) + "\n")


def test_killed_at_random_points_then_finished_stores_each_article_once(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    # about six seconds of cleaning and writing on the project machine (2000 took under 3 s once ingest got
    # faster, and a first run could end before its kill): the kills land before, during and after the writes
    n = 6000
    source, db = tmp_path / "storms.jsonl", tmp_path / "crash.duckdb"
    corpus(source, n)
    args = [*SITREP, "ingest", str(source), "--db", str(db), "--stages", "clean", "--no-progress"]
    kills = 0
    for attempt in range(3):
        workers = ["--workers", "2"] if attempt == 1 else []
        proc = subprocess.Popen([*args, *workers], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 2.5))  # start-up included: a kill may land before the first write
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 1, f"seed {seed}: the runs ended before they were killed; make the corpus longer"
    final = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, f"seed {seed}: {final.stderr}"
    cur = connection(db)
    assert cur.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT content_sha256) FROM articles"
                       ).fetchone() == (n, n, n), f"seed {seed}, {kills} kill(s)"
    assert cur.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0, f"seed {seed}"
    # Every article grouped once, with its band keys once: the post-ingest pass survived the kills too.
    assert cur.execute("SELECT count(*), count(DISTINCT article_id) FROM article_groups").fetchone() == (n, n)
    bands = cur.execute("SELECT count(*) FROM (SELECT article_id, band FROM article_bands GROUP BY ALL "
                        "HAVING count(*) > 1)").fetchone()[0]
    assert bands == 0, f"seed {seed}: band keys written twice"
    facts = cur.execute("SELECT count(*) FROM (SELECT article_id, ord FROM events GROUP BY ALL HAVING count(*) > 1)"
                        ).fetchone()[0]
    assert facts == 0
    close(db)
