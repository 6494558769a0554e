"""Evaluation gate: each task's pinned score.py metrics must not drop below their floors."""

from __future__ import annotations

import hashlib
import json

import pytest

from sitrep.evaluation import run_task

from .conftest import REPO, shared_eval_or_skip

FLOORS = json.loads((REPO / "eval" / "floors.json").read_text(encoding="utf-8"))


def _gold(kit, task):
    return kit / "seed" / "gold.json" if task == "seed" else kit / task / "dev.gold.jsonl"


@pytest.mark.slow
@pytest.mark.parametrize("task", sorted(FLOORS))
def test_task_stays_above_its_floors(task):
    kit = shared_eval_or_skip()
    pinned = FLOORS[task]
    if hashlib.sha256(_gold(kit, task).read_bytes()).hexdigest() != pinned["gold_sha256"]:
        pytest.skip(f"{task}: the gold file changed since the floors were pinned; re-pin them (eval/README.md)")
    result = run_task(task)
    low = {m: (result.metrics.get(m), floor) for m, floor in pinned["floors"].items()
           if result.metrics.get(m) is None or result.metrics[m] < floor}
    assert not low, f"{task} below its floors (measured, floor): {low}\n{result.summary}"
