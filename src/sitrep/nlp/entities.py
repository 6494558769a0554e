"""Named entities from the spaCy parse (corrections for news come later)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..records import Analysis, Entity, Span

if TYPE_CHECKING:
    from ..pipeline import Context

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC",
          "NORP": "MISC", "FAC": "LOC", "EVENT": "MISC"}


def entities_stage(analysis: Analysis, ctx: Context) -> Analysis:
    ents = tuple(
        Entity(Span(e.start_char, e.end_char), e.text, LABELS[e.label_])
        for e in analysis.doc.ents
        if e.label_ in LABELS
    )
    return replace(analysis, entities=ents)
