"""Run the engine over the evaluation kit's tasks and score it with score.py.

The kit lives beside the repository (``../shared/eval``; override with the
``SITREP_EVAL_DIR`` environment variable).  Each task: ``score.py inputs``
writes the input JSONL, the engine analyses it in-process, ``score.py TASK``
scores the output and its ``--json`` result is returned unchanged, so the
figures Sitrep reports are always score.py's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Config
from .errors import ConfigError
from .ingest import iter_documents
from .output.contract import to_contract
from .pipeline import Context
from .records import Quarantined

TASKS = ("seed", "extract", "timex_fr", "quotes_fr", "events_fr", "geo", "plover", "case2021", "acled")

# The stages each task needs (the rest are skipped to save time).
TASK_STAGES: dict[str, tuple[str, ...] | None] = {
    "extract": (),
    "timex_fr": ("nlp", "entities", "times"),
    "geo": ("nlp", "entities", "places"),
}


# Tasks whose documents come from several corpora, each scored on its own as well: the corpus is
# named by the second dash-separated field of the document id ("geo-trnews-1050001").
CORPORA: dict[str, dict[str, str]] = {
    "geo": {"trnews": "TR-News", "gwn": "GeoWebNews"},
}


@dataclass(frozen=True)
class TaskResult:
    task: str
    metrics: dict[str, Any]
    summary: str
    documents: int
    skipped: int
    parts: tuple[TaskResult, ...] = ()  # the same task scored per corpus (CORPORA)


def eval_dir() -> Path:
    env = os.environ.get("SITREP_EVAL_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "eval"
        if (candidate / "score.py").is_file():
            return candidate
    return Path.cwd().parent / "shared" / "eval"


def _score_py(root: Path) -> Path:
    script = root / "score.py"
    if not script.is_file():
        raise ConfigError(f"evaluation kit not found at {root} (set SITREP_EVAL_DIR to the folder holding score.py)")
    return script


def _run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise ConfigError(f"{' '.join(cmd[1:3])} failed: {proc.stderr.strip() or proc.stdout.strip()}")
    return proc.stdout


def task_inputs(task: str, split: str, workdir: Path, root: Path | None = None) -> Path:
    """Write the task's input JSONL with score.py and return its path."""
    script = _score_py(root or eval_dir())
    target = workdir / f"{task}.input.jsonl"
    if task == "seed":
        seed = script.parent / "seed"
        gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
        record = dict(gold["input"], text=(seed / "article.txt").read_text(encoding="utf-8"))
        target.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        return target
    _run([sys.executable, str(script), "inputs", task, split, "-o", str(target)])
    return target


def write_outputs(inputs: Path, output: Path, config: Config,
                  on_item: Callable[[], None] | None = None, limit: int | None = None) -> tuple[int, int]:
    """Analyse every input line into ``output``; returns (processed, skipped)."""
    from . import extract_many

    ctx = Context(config)
    done = skipped = 0
    docs: Iterable[Any] = iter_documents(inputs, config)
    if limit is not None:
        docs = (d for i, d in enumerate(docs) if i < limit)
    with output.open("w", encoding="utf-8") as out:
        for item in extract_many(docs, ctx):
            if isinstance(item, Quarantined):
                skipped += 1
                print(f"sitrep eval: skipped {item.origin}: {item.reason}", file=sys.stderr)
            else:
                done += 1
                out.write(json.dumps(to_contract(item), ensure_ascii=False) + "\n")
            if on_item:
                on_item()
    return done, skipped


def score(task: str, output: Path, split: str = "dev", root: Path | None = None) -> dict[str, Any]:
    script = _score_py(root or eval_dir())
    result: dict[str, Any] = json.loads(
        _run([sys.executable, str(script), task, str(output), "--split", split, "--json"])
    )
    return result


def run_task(task: str, split: str = "dev", config: Config | None = None, workdir: Path | None = None,
             on_item: Callable[[], None] | None = None, limit: int | None = None) -> TaskResult:
    if task not in TASKS:
        raise ConfigError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}")
    config = config or Config()
    stages = TASK_STAGES.get(task)
    if stages is not None and config.stages == Config().stages:
        config = config.with_(stages=stages)
    with tempfile.TemporaryDirectory(prefix=f"sitrep-eval-{task}-") as tmp:
        work = workdir or Path(tmp)
        inputs = task_inputs(task, split, work)
        output = work / f"{task}.output.jsonl"
        done, skipped = write_outputs(inputs, output, config, on_item, limit)
        result = score(task, output, split)
        parts = tuple(score_corpora(task, split, output, work)) if limit is None else ()
    return TaskResult(task, result.get("metrics", result), str(result.get("summary", "")), done, skipped, parts)


def _gold_file(task: str, split: str, root: Path) -> Path:
    if split == "dev":
        return root / task / "dev.gold.jsonl"
    found = sorted(Path(split).glob("*.gold.jsonl"))
    if len(found) != 1:
        raise ConfigError(f"{split} should hold exactly one NAME.gold.jsonl to score {task} per corpus")
    return found[0]


def _corpus_of(line: str) -> str:
    doc_id = str(json.loads(line).get("id", ""))
    fields = doc_id.split("-")
    return fields[1] if len(fields) > 2 else ""


def score_corpora(task: str, split: str, output: Path, work: Path) -> list[TaskResult]:
    """Score each corpus of a mixed task alone (score.py on a split holding only its documents)."""
    corpora = CORPORA.get(task)
    if not corpora:
        return []
    root = eval_dir()
    gold_lines = _gold_file(task, split, root).read_text(encoding="utf-8").splitlines()
    input_lines = (work / f"{task}.input.jsonl").read_text(encoding="utf-8").splitlines()
    output_lines = output.read_text(encoding="utf-8").splitlines()
    out = []
    for key, name in corpora.items():
        folder = work / f"corpus-{key}"
        folder.mkdir(exist_ok=True)
        for suffix, lines in (("gold", gold_lines), ("input", input_lines)):
            kept = [line for line in lines if line.strip() and _corpus_of(line) == key]
            (folder / f"{key}.{suffix}.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
        predicted = folder / "output.jsonl"
        kept = [line for line in output_lines if line.strip() and _corpus_of(line) == key]
        predicted.write_text("\n".join(kept) + "\n", encoding="utf-8")
        result = score(task, predicted, str(folder), root)
        out.append(TaskResult(f"{task} ({name})", result.get("metrics", result), str(result.get("summary", "")),
                              len(kept), 0))
    return out
