"""The store's event queries as the HTTP API uses them: paging cut from the events alone,
undated events filtered by their article's day, the text search, and a page past the end.

Analyses are built by hand (tests/test_web_articles.py), so no model is loaded.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sitrep.store import close, query, write_analyses

from .test_web_articles import all_articles, gao_clash


def _undated_gao():  # type: ignore[no-untyped-def]
    """The Gao clash with no date of its own, published on 2024-05-20, under another id."""
    a = gao_clash()
    article = replace(a.article, id="gao-undated", published=date(2024, 5, 20),
                      text=a.article.text.replace("mardi", "hier"))
    return replace(a, article=article, events=tuple(replace(e, date=None, date_from=None) for e in a.events))


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "store.duckdb"
    write_analyses(path, [*all_articles(), _undated_gao()])
    yield path
    close(path)


def test_an_undated_event_is_found_by_its_articles_day(db: Path) -> None:
    items, total = query.events(db, date_from="2024-05-19", date_to="2024-05-21")
    assert total == 1 and [e["article_id"] for e in items] == ["gao-undated"]
    assert query.events(db, date_from="2024-05-14", date_to="2024-05-14")[1] == 1  # the dated one only
    assert query.events(db, date_to="2016-12-31")[1] == 5
    rows, total = query.event_counts(db, by=("place", "type"), date_from="2024-05-19")
    assert total == 2  # the undated clash and the Dhaka protest
    assert [(r["place"], r["type"], r["count"]) for r in rows if r["place"] == "Gao"] == [("Gao", "ASSAULT", 1)]


def test_pages_cover_every_event_once_in_order(db: Path) -> None:
    every, total = query.events(db, limit=1000)
    assert total == len(every) == 8
    keys = [(e["date"] or "", e["article_id"]) for e in every]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1]), reverse=True)
    paged = [e for off in range(0, total, 2) for e in query.events(db, limit=2, offset=off)[0]]
    assert paged == every


def test_a_page_past_the_end_still_gives_the_total(db: Path) -> None:
    assert query.events(db, limit=5, offset=50) == ([], 8)
    assert query.events(db, type="ASSAULT", limit=5, offset=50) == ([], 5)
    assert query.events(db, type="CONCEDE") == ([], 0)
    assert query.events(db, limit=0) == ([], 8)


def test_text_search_reads_the_evidence_only(db: Path) -> None:
    items, total = query.events(db, text="BUSES")  # case-insensitive, in the evidence sentence
    assert total == 1 and "buses" in items[0]["evidence_text"]
    # "Ahmad Khalil" is in the army article, but in no event's evidence.
    assert query.events(db, text="Ahmad Khalil") == ([], 0)
    items, total = query.events(db, text="buses", type="ASSAULT", place="Aleppo", date_from="2016-12-14")
    assert total == 1 and items[0]["published"] and items[0]["title"]


def test_every_item_carries_its_articles_evidence_text_and_metadata(db: Path) -> None:
    texts = {a.article.id: a.article for a in [*all_articles(), _undated_gao()]}
    for e in query.events(db, limit=1000)[0]:
        art = texts[e["article_id"]]
        assert e["evidence_text"] == art.text[e["evidence"]["start"]:e["evidence"]["end"]]
        assert e["title"] == art.title and e["published"] == (art.published.isoformat() if art.published else None)


def test_article_and_place_lists_count_events_of_their_page(db: Path) -> None:
    counts = {a["id"]: a["events"] for a in query.articles(db, limit=1000)[0]}
    assert counts["al-army-1"] == 2 and counts["gao-undated"] == 1
    one_page = query.articles(db, limit=1, offset=1)
    assert one_page[1] == 6 and len(one_page[0]) == 1
    places, total = query.places(db, limit=1)
    assert len(places) == 1 and total >= 2 and places[0]["name"] == "Aleppo" and places[0]["events"] == 5
