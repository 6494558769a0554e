"""Acceptance: the reference page through the CLI, scored by the evaluation kit's score.py."""

import json
import re
import subprocess
import sys

import pytest

from .conftest import REPO, shared_eval_or_skip

pytestmark = pytest.mark.slow


def test_seed_passes_every_must_item_and_most_should_items(tmp_path):
    kit = shared_eval_or_skip()
    out = tmp_path / "seed.json"
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep.cli.main", "extract", str(kit / "seed" / "article.txt"),
         "--published", "2016-12-09", "--format", "json", "-o", str(out)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    result["id"] = "seed"  # the scorer keys the seed by this id
    pred = tmp_path / "seed.jsonl"
    pred.write_text(json.dumps(result, ensure_ascii=False) + "\n", encoding="utf-8")
    score = subprocess.run([sys.executable, str(kit / "score.py"), "seed", str(pred)],
                           capture_output=True, text=True, check=False)
    assert score.returncode == 0, score.stderr
    summary = score.stdout.strip().splitlines()[-1]
    failed = [line for line in score.stdout.splitlines() if line.strip().startswith("FAIL")]
    assert "gate=PASS" in summary, "\n".join(failed)
    should = float(re.search(r"should_recall=([\d.]+)", summary).group(1))
    assert should >= 0.60, summary
