"""Ingest works in batches: documents parsed together, articles written together.  Batching must change
nothing a document gets: the same records, the same errors for the same documents, the same outcomes
when written.  These tests build the stages and records by hand (no model is loaded)."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

import pytest

from sitrep.cli import ingest_cmd
from sitrep.cli.ingest_cmd import BATCH, BATCH_CHARS, _batches, ingest_documents
from sitrep.config import Config
from sitrep.errors import StageError
from sitrep.pipeline import Context, Stage, run_stages, run_stages_many
from sitrep.records import Analysis, Article, Quarantined, RawDocument
from sitrep.store import StoreWriter, close, connection


def article(i: int, text: str | None = None) -> Analysis:
    return Analysis(article=Article(id=f"a{i}", text=text or f"The ferry to the island number {i} sailed late.",
                                    language="en"))


def _tag(analysis: Analysis, ctx: Context) -> Analysis:
    if "capsize" in analysis.article.text:
        raise ValueError("cannot read this one")
    return dataclasses.replace(analysis, notes=(*analysis.notes, f"tagged {analysis.article.id}"))


def _tag_all(analyses: list[Analysis], ctx: Context) -> list[Analysis]:
    return [_tag(a, ctx) for a in analyses]  # one bad document spoils the whole batch


def _count(analysis: Analysis, ctx: Context) -> Analysis:
    return dataclasses.replace(analysis, notes=(*analysis.notes, f"{len(analysis.notes)} note(s) before"))


STAGES = [Stage("tag", ("article",), ("doc",), _tag, _tag_all), Stage("count", ("doc",), ("times",), _count)]


def test_a_batch_gives_each_document_what_it_gets_alone() -> None:
    ctx = Context(Config())
    analyses = [article(i) for i in range(5)]
    batched = run_stages_many(analyses, STAGES, ctx, [a.article.id for a in analyses])
    assert batched == [run_stages(a, STAGES, ctx, a.article.id) for a in analyses]
    assert batched[3] == dataclasses.replace(analyses[3], notes=("tagged a3", "1 note(s) before"))


def test_a_document_that_fails_in_a_batch_fails_alone() -> None:
    ctx = Context(Config())
    analyses = [article(0), article(1, "The ferry may capsize in the storm."), article(2)]
    results = run_stages_many(analyses, STAGES, ctx, ["first", "second", "third"])
    assert isinstance(results[1], StageError) and results[1].origin == "second"
    assert "stage 'tag' failed: ValueError: cannot read this one" in str(results[1])
    assert [r.notes for r in results if isinstance(r, Analysis)] == [("tagged a0", "1 note(s) before"),
                                                                     ("tagged a2", "1 note(s) before")]


def test_batches_are_cut_by_count_and_by_length_and_keep_unreadable_inputs_in_order() -> None:
    short = [RawDocument(id=f"s{i}", text="A short text.") for i in range(BATCH + 3)]
    bad = Quarantined("broken.txt", "the input is empty", "E101")
    batches = list(_batches([short[0], bad, *short[1:]]))
    assert [len(b) for b in batches] == [BATCH + 1, 3]  # the unreadable input does not count
    assert batches[0][1] is bad and [d for b in batches for d in b if d is not bad] == short
    long = [RawDocument(id=f"l{i}", html="<p>" + "word " * (BATCH_CHARS // 10) + "</p>") for i in range(4)]
    assert [len(b) for b in _batches(long)] == [2, 2]


def test_a_run_of_articles_written_at_once_keeps_each_outcome(tmp_path: Path) -> None:
    path = tmp_path / "batch.duckdb"
    first, second = article(1), article(2)
    with StoreWriter(path) as writer:
        assert writer.write_analyses([first]) == ["stored"]
        same_text = dataclasses.replace(first, article=dataclasses.replace(first.article, id="a1-again"))
        taken_id = article(2, "Another text under the id a2.")
        outcomes = writer.write_analyses([second, same_text, taken_id, second, article(3)])
    assert outcomes == ["stored", "duplicate", "conflict", "duplicate", "stored"]
    cur = connection(path)
    assert [r[0] for r in cur.execute("SELECT id FROM articles ORDER BY ingested_at").fetchall()] == ["a1", "a2",
                                                                                                       "a3"]
    assert cur.execute("SELECT doc_id, stage FROM quarantine").fetchall() == [("a2", "store")]
    close(path)


def test_a_run_that_fails_stores_none_of_its_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.store.writer as writer_module
    from sitrep.store import StoreError

    path = tmp_path / "atomic.duckdb"
    real = writer_module._insert_columns

    def failing(cur, table, names, rows):  # type: ignore[no-untyped-def]
        if table == "articles" and len(rows) > 1:
            raise RuntimeError("disk full (simulated)")
        real(cur, table, names, rows)

    monkeypatch.setattr(writer_module, "_insert_columns", failing)
    with StoreWriter(path) as writer:
        with pytest.raises(StoreError, match="disk full"):
            writer.write_analyses([article(1), article(2)])
        assert writer.write_analyses([article(3)]) == ["stored"]
    assert connection(path).execute("SELECT id FROM articles").fetchall() == [("a3",)]
    close(path)


def test_a_run_freezes_the_heap_once_a_model_is_in_and_gives_it_back_at_the_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frozen_at_each_batch: list[int] = []
    analyse = ingest_cmd.process_many

    def with_a_model(raws: list[RawDocument], ctx: Context, known: set[str]) -> list[ingest_cmd.Result]:
        frozen_at_each_batch.append(gc.get_freeze_count())
        ctx.resource("model", lambda: [{"weights": i} for i in range(1000)])  # loaded by the first batch
        return analyse(raws, ctx, known)

    monkeypatch.setattr(ingest_cmd, "process_many", with_a_model)
    docs = [RawDocument(id=f"d{i}", text=f"The ferry number {i} left the harbour of Brest on time today.")
            for i in range(2 * BATCH + 1)]
    counts = ingest_documents(docs, str(tmp_path / "s.duckdb"), Config(stages=("clean",)))
    assert counts["stored"] == len(docs)
    assert len(frozen_at_each_batch) == 3 and frozen_at_each_batch[0] == 0
    assert all(n > 1000 for n in frozen_at_each_batch[1:])  # the model's objects among the frozen ones
    assert gc.get_freeze_count() == 0
