"""Shared fixtures.  Tests that load a spaCy model are marked ``slow``; CI runs them too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep import Config, Context, RawDocument
from sitrep.pipeline import analyse, build_pipeline
from sitrep.records import Analysis

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def ctx() -> Context:
    """One Context for the whole session, so each spaCy model loads once."""
    return Context(Config())


@pytest.fixture(scope="session")
def run(ctx: Context):
    """``run(text, lang="fr", published="2016-12-09", stages=(...))`` -> Analysis."""

    def _run(text: str, lang: str = "fr", published: str | None = "2016-12-09",
             stages: tuple[str, ...] | None = None, doc_id: str = "t") -> Analysis:
        raw = RawDocument(id=doc_id, text=text, language=lang,
                          published=date.fromisoformat(published) if published else None, origin=doc_id)
        pipeline = build_pipeline(stages) if stages is not None else None
        return analyse(raw, ctx, pipeline)

    return _run


def shared_eval_or_skip() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is absent (the evaluation data lives beside the repository)")
    return SHARED_EVAL
