"""Regenerate the README's evaluation table from score.py results (never typed by hand)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..evaluation import TaskResult

START = "<!-- eval:start -->"
END = "<!-- eval:end -->"

# The headline metrics shown per task (score.py computes many more; `sitrep eval --json` has all).
HEADLINE: dict[str, tuple[str, ...]] = {
    "seed": ("must_recall", "should_recall", "quotes_precision", "times_precision", "places_precision"),
    "extract": ("precision", "recall", "f1", "accuracy"),
    "timex_fr": ("strict_f1", "relaxed_f1", "value_f1", "type_accuracy"),
    "quotes_fr": ("quote_f1", "direct_f1", "indirect_f1", "speaker_acc", "place_f1", "place_25km",
                  "place_country_acc"),
    "events_fr": ("event_f1", "typed_f1", "type_acc", "source_country_acc", "place_50km", "date_acc",
                  "status_acc"),
    "geo": ("toponym_f1", "acc_161km", "geonameid_exact", "median_error_km"),
    "plover": ("event_type_acc", "source_country_acc", "source_sector_acc", "target_country_acc"),
    "case2021": ("subtype_micro_f1", "subtype_macro_f1", "unseen_none_acc", "acled_type_acc"),
    "acled": ("event_type_acc", "sub_event_type_acc", "actor1_match", "location_25km", "date_exact",
              "fatalities_exact"),
}


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def render_table(results: list[TaskResult]) -> str:
    lines = [f"Measured with `sitrep eval --write-readme README.md` on {date.today().isoformat()} "
             "(dev splits of `../shared/eval`, scored by its `score.py`).", "",
             "| task | docs | headline metrics (score.py names) |", "|---|---|---|"]
    rows = [row for r in results for row in (r, *r.parts)]
    for r in rows:
        keys = HEADLINE.get(r.task.split(" (")[0], tuple(r.metrics)[:6])
        shown = ", ".join(f"{k} {_fmt(r.metrics.get(k))}" for k in keys if k in r.metrics)
        lines.append(f"| {r.task} | {r.documents} | {shown} |")
    lines.append("")
    lines.append("score.py summary lines:")
    lines.append("")
    lines.append("```")
    lines.extend(f"[{r.task}] {r.summary}" if " (" in r.task else r.summary for r in rows)
    lines.append("```")
    return "\n".join(lines)


def update_readme(path: Path, results: list[TaskResult]) -> None:
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise ConfigError(f"{path} has no {START} ... {END} markers to write the table between")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{render_table(results)}\n{END}{tail}", encoding="utf-8")
