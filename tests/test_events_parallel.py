"""French and English reports of the same event get the same coding.

``tests/data/parallel_events.tsv`` holds team-written sentence pairs; the main
event (highest confidence) of each side is compared on PLOVER type, ACLED
sub-type and status.  The two languages must agree on at least 90% of pairs,
and the coding must match the pair's expected type and sub-type on most of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.records import Analysis, Event

DATA = Path(__file__).resolve().parent / "data" / "parallel_events.tsv"
STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")


def read_pairs() -> list[dict[str, str]]:
    rows = [line.split("\t") for line in DATA.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    return [dict(zip(header, r, strict=True)) for r in body]


def main_event(analysis: Analysis) -> Event | None:
    return max(analysis.events, key=lambda e: e.confidence, default=None)


def coding(event: Event | None) -> tuple[str | None, str | None, str | None]:
    if event is None:
        return (None, None, None)
    return (event.type, event.acled_subtype, event.status)


def test_parallel_file_is_well_formed() -> None:
    pairs = read_pairs()
    assert len(pairs) >= 100
    assert len({p["id"] for p in pairs}) == len(pairs)
    assert all(p["en"] and p["fr"] and p["type"] for p in pairs)


@pytest.mark.slow
def test_french_and_english_codings_agree(run) -> None:
    pairs = read_pairs()
    agree = right = 0
    disagreements = []
    for p in pairs:
        en = coding(main_event(run(p["en"], lang="en", published="2020-05-04", stages=STAGES)))
        fr = coding(main_event(run(p["fr"], lang="fr", published="2020-05-04", stages=STAGES)))
        if en == fr:
            agree += 1
        else:
            disagreements.append((p["id"], en, fr))
        expected = (p["type"], None if p["acled"] == "-" else p["acled"])
        right += (en[0], en[1]) == expected
    share = agree / len(pairs)
    assert share >= 0.9, f"codings agree on {share:.2f} of pairs; first disagreements: {disagreements[:10]}"
    assert right / len(pairs) >= 0.75, f"English codings match the expected type on {right / len(pairs):.2f}"
