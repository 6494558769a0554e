"""Reported event confidence: the coder's raw score, Platt-scaled so that it reads as a probability.

The raw score (``merge.confidence``) ranks events well but is not a probability: on the events_fr
dev split, events scored about 0.5 were right about 70% of the time.  The two parameters in
``resources/common/event_confidence.tsv`` map it onto the share of events that hand-made gold
confirms; ``eval/calibrate_confidence.py`` refits them and reports the error before and after.
The map is monotone, so the order of events (and which is an article's main event) is unchanged.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..resources import load_table

FLOOR, CEILING = 0.001, 0.999  # kept inside (0, 1) so that the three decimals of the output keep the order


@lru_cache(maxsize=1)
def parameters() -> tuple[float, float]:
    """(slope, intercept) of the scaling."""
    values = {r["parameter"]: float(r["value"]) for r in load_table("common", "event_confidence")}
    return values["slope"], values["intercept"]


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def calibrate(raw: float, slope: float | None = None, intercept: float | None = None) -> float:
    """The reported confidence of an event whose raw score is ``raw``."""
    if slope is None or intercept is None:
        slope, intercept = parameters()
    z = slope * logit(raw) + intercept
    return min(CEILING, max(FLOOR, 1.0 / (1.0 + math.exp(-z))))
