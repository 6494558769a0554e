"""Write eval/floors.json from a `sitrep eval --json` result (floors a little under the figures)."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARGIN = 0.02  # floors sit this far under the measured figure

# The metrics the gate watches per task (higher is better for each).
GATED: dict[str, tuple[str, ...]] = {
    "seed": ("must_recall", "should_recall"),
    "extract": ("f1",),
    "timex_fr": ("strict_f1", "relaxed_f1", "value_f1"),
    "quotes_fr": ("quote_f1", "speaker_acc", "place_f1"),
    "events_fr": ("event_f1", "typed_f1"),
    "geo": ("toponym_f1", "acc_161km"),
    "plover": ("event_type_acc", "source_country_acc"),
    "case2021": ("subtype_micro_f1", "unseen_none_acc"),
    "acled": ("event_type_acc", "sub_event_type_acc", "actor1_match", "location_25km", "date_exact"),
}


def gold_file(kit: Path, task: str) -> Path:
    return kit / "seed" / "gold.json" if task == "seed" else kit / task / "dev.gold.jsonl"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(result_path: str, kit: str | None = None) -> None:
    sys.path.insert(0, str(HERE.parent / "src"))
    from sitrep.evaluation import eval_dir

    kit_dir = Path(kit) if kit else eval_dir()
    results = json.loads(Path(result_path).read_text(encoding="utf-8"))
    floors: dict[str, dict[str, object]] = {}
    for task, metrics in GATED.items():
        if task not in results:
            continue
        measured = results[task]["metrics"]
        floors[task] = {
            "gold_sha256": sha256(gold_file(kit_dir, task)),
            "floors": {m: round(max(0.0, measured[m] - MARGIN), 3) for m in metrics
                       if isinstance(measured.get(m), (int, float))},
            "measured": {m: measured.get(m) for m in metrics},
        }
    (HERE / "floors.json").write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
    print(f"pinned floors for {', '.join(floors)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
