"""Fit and check the Platt scaling of event confidence on the events_fr dev split.

Runs the engine with raw confidences (``Config(calibrated_confidence=False)``), marks each predicted
event right when score.py's own matching pairs it with a gold event (must or should), and prints:
the reliability table, the Platt parameters fitted on all articles, and the expected calibration
error and Brier score of the raw score and of the scaling, the latter left-one-article-out (each
article scored by parameters fitted without it).  ``--write`` stores the parameters in
``src/sitrep/resources/common/event_confidence.tsv``.

    python eval/calibrate_confidence.py [--write]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
import tempfile
from pathlib import Path

from sitrep.config import Config
from sitrep.evaluation import eval_dir, run_task
from sitrep.events.calibration import calibrate, logit

TABLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "resources" / "common" / "event_confidence.tsv"


def scorer():
    spec = importlib.util.spec_from_file_location("sitrep_eval_score", eval_dir() / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def labelled(output: Path) -> list[tuple[float, bool, str]]:
    """(raw confidence, matched a gold event, article id) for every predicted event."""
    s = scorer()
    root = eval_dir() / "events_fr"
    inputs = {d["id"]: d for d in map(json.loads, (root / "dev.input.jsonl").read_text(encoding="utf-8").splitlines())}
    preds = {d["id"]: d for d in map(json.loads, output.read_text(encoding="utf-8").splitlines())}
    rows = []
    for gold in map(json.loads, (root / "dev.gold.jsonl").read_text(encoding="utf-8").splitlines()):
        text, pred = inputs[gold["id"]]["text"], preds.get(gold["id"], {})
        gevents = s.dicts(gold.get("events"))
        gspans = [[(e["start"], e["end"]) for e in s.evidence_items(g)] for g in gevents]
        events = s.dicts(pred.get("events"))
        align = s.Alignment(text, pred.get("text"))
        pspans = [[x for x in map(align.span, s.evidence_items(e)) if x is not None] for e in events]
        matched = {pi for _, pi in s.match_events(gevents, gspans, events, pspans, s.solid_prefix(text), typed=False)}
        rows += [(float(e.get("confidence", 0.5)), i in matched, gold["id"]) for i, e in enumerate(events)]
    return rows


def fit(rows: list[tuple[float, bool, str]], steps: int = 200) -> tuple[float, float]:
    """Platt's slope and intercept by Newton's method on the log-loss."""
    a, b = 1.0, 0.0
    for _ in range(steps):
        ga = gb = haa = hab = hbb = 0.0
        for raw, ok, _ in rows:
            x = logit(raw)
            p = 1.0 / (1.0 + math.exp(-(a * x + b)))
            w = p * (1 - p)
            ga, gb = ga + (p - ok) * x, gb + (p - ok)
            haa, hab, hbb = haa + w * x * x + 1e-9, hab + w * x, hbb + w + 1e-9
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        a, b = a - (hbb * ga - hab * gb) / det, b - (haa * gb - hab * ga) / det
    return a, b


def ece(probs: list[tuple[float, bool]], bins: int = 5) -> float:
    total = 0.0
    for k in range(bins):
        sel = [(p, y) for p, y in probs if k / bins <= p < (k + 1) / bins or (k == bins - 1 and p >= 1.0)]
        if sel:
            total += len(sel) * abs(sum(p for p, _ in sel) / len(sel) - sum(y for _, y in sel) / len(sel))
    return total / max(1, len(probs))


def brier(probs: list[tuple[float, bool]]) -> float:
    return sum((p - y) ** 2 for p, y in probs) / max(1, len(probs))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="store the fitted parameters in event_confidence.tsv")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run_task("events_fr", config=Config(calibrated_confidence=False), workdir=Path(tmp))
        rows = labelled(Path(tmp) / "events_fr.output.jsonl")
    if not rows:
        print("no predicted events: nothing to fit", file=sys.stderr)
        return 1
    print(f"{len(rows)} events, {sum(r[1] for r in rows)} confirmed by the gold")
    print("raw score   events  mean  confirmed")
    for lo in (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        hi = lo + (0.4 if lo == 0.0 else 0.1)
        sel = [r for r in rows if lo <= r[0] < hi or (lo == 0.9 and r[0] >= 1.0)]
        if sel:
            mean, share = sum(r[0] for r in sel) / len(sel), sum(r[1] for r in sel) / len(sel)
            print(f"{lo:.1f}-{hi:.1f}   {len(sel):6d}  {mean:.2f}  {share:.2f}")
    slope, intercept = fit(rows)
    held_out = []
    for doc in sorted({r[2] for r in rows}):
        a, b = fit([r for r in rows if r[2] != doc])
        held_out += [(calibrate(raw, a, b), ok) for raw, ok, d in rows if d == doc]
    raw = [(r[0], r[1]) for r in rows]
    print(f"Platt scaling on all articles: slope {slope:.3f}, intercept {intercept:.3f}")
    print(f"expected calibration error: raw {ece(raw):.3f}, scaled (left-one-article-out) {ece(held_out):.3f}")
    print(f"Brier score:                raw {brier(raw):.3f}, scaled (left-one-article-out) {brier(held_out):.3f}")
    if args.write:
        text = TABLE.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^slope\t.*$", f"slope\t{slope:.3f}", text)
        text = re.sub(r"(?m)^intercept\t.*$", f"intercept\t{intercept:.3f}", text)
        TABLE.write_text(text, encoding="utf-8")
        print(f"written to {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
