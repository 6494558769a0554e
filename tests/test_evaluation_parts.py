"""Mixed tasks are also scored per corpus, and the README table shows those rows."""

from __future__ import annotations

import json

from sitrep.evaluation import TaskResult, _corpus_of
from sitrep.output.readme import render_table


def test_the_corpus_is_the_second_field_of_the_id():
    assert _corpus_of(json.dumps({"id": "geo-trnews-1050001"})) == "trnews"
    assert _corpus_of(json.dumps({"id": "geo-gwn-7"})) == "gwn"
    assert _corpus_of(json.dumps({"id": "seed"})) == ""
    assert _corpus_of(json.dumps({"text": "no id"})) == ""


def test_parts_get_their_own_rows_and_summary_lines():
    part = TaskResult("geo (TR-News)", {"toponym_f1": 0.5, "acc_161km": 0.75}, "geo: n=2 toponym_f1=0.500", 2, 0)
    whole = TaskResult("geo", {"toponym_f1": 0.25, "acc_161km": 0.5}, "geo: n=3 toponym_f1=0.250", 3, 0, (part,))
    table = render_table([whole])
    assert "| geo | 3 | toponym_f1 0.250, acc_161km 0.500 |" in table
    assert "| geo (TR-News) | 2 | toponym_f1 0.500, acc_161km 0.750 |" in table
    assert "[geo (TR-News)] geo: n=2 toponym_f1=0.500" in table
