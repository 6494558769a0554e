"""Which way a weekday points, from the tense of its clause.

The fast tests build spaCy Docs by hand (words, heads, dependencies,
morphology), so they test our reading of the parse, not the model.  The slow
ones run the real pipelines on sentences the team wrote.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep import Config, Context, RawDocument
from sitrep.extract.times import tag_times
from sitrep.extract.timex_lexicon import load_lexicon
from sitrep.extract.timex_tense import direction

FRIDAY = date(2016, 12, 9)

# (word, head index, dep, pos, lemma, morph)
Row = tuple[str, int, str, str, str, str]


def make_doc(rows: list[Row]) -> Doc:
    words = [r[0] for r in rows]
    return Doc(Vocab(), words=words, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], morphs=[r[5] for r in rows],
               sent_starts=[True] + [False] * (len(rows) - 1))


def direction_of(doc: Doc, word: str, lang: str = "fr") -> str | None:
    start = doc.text.index(word)
    return direction(doc, start, start + len(word), load_lexicon(lang))


PAST_PART = "Tense=Past|VerbForm=Part"
COND_3 = "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
PRES_3 = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"


def test_compound_past_points_back() -> None:
    doc = make_doc([("Il", 2, "nsubj", "PRON", "il", ""), ("a", 2, "aux:tense", "AUX", "avoir", PRES_3),
                    ("parlé", 2, "ROOT", "VERB", "parler", PAST_PART), ("jeudi", 2, "obl:mod", "NOUN", "jeudi", "")])
    assert direction_of(doc, "jeudi") == "past"


def test_conditional_read_from_the_form_when_the_model_says_imperfect() -> None:
    # The French model tags "tiendraient" Tense=Imp; the future stem "tiendr" + "aient" says conditional.
    doc = make_doc([("Elles", 1, "nsubj", "PRON", "elle", ""),
                    ("tiendraient", 1, "ROOT", "VERB", "tenir", "Mood=Ind|Number=Plur|Person=3|Tense=Imp|VerbForm=Fin"),
                    ("samedi", 1, "obl:mod", "NOUN", "samedi", "")])
    assert direction_of(doc, "samedi") == "future"


def test_imperfect_is_not_taken_for_a_conditional() -> None:
    doc = make_doc([("Il", 1, "nsubj", "PRON", "il", ""),
                    ("déclarait", 1, "ROOT", "VERB", "déclarer", COND_3),
                    ("mardi", 1, "obl:mod", "NOUN", "mardi", "")])
    assert direction_of(doc, "mardi") == "imperfect"


def test_modal_with_infinitive_points_forward() -> None:
    doc = make_doc([("Ils", 1, "nsubj", "PRON", "il", ""), ("doivent", 1, "ROOT", "VERB", "devoir", PRES_3),
                    ("voter", 1, "xcomp", "VERB", "voter", "VerbForm=Inf"),
                    ("vendredi", 2, "obl:mod", "NOUN", "vendredi", "")])
    assert direction_of(doc, "vendredi") == "future"


def test_present_passive_is_present_and_a_planning_verb_looks_forward() -> None:
    doc = make_doc([("Elle", 2, "nsubj:pass", "PRON", "elle", ""), ("est", 2, "aux:pass", "AUX", "être", PRES_3),
                    ("prévue", 2, "ROOT", "VERB", "prévoir", PAST_PART), ("lundi", 2, "obl:mod", "NOUN", "lundi", "")])
    assert direction_of(doc, "lundi") == "future"


def test_bare_past_participle_points_back() -> None:
    doc = make_doc([("Une", 1, "det", "DET", "un", ""), ("offensive", 1, "ROOT", "NOUN", "offensive", ""),
                    ("lancée", 1, "acl", "VERB", "lancer", PAST_PART), ("mardi", 2, "obl:mod", "NOUN", "mardi", "")])
    assert direction_of(doc, "mardi") == "past"


def test_since_points_back_whatever_the_tense() -> None:
    doc = make_doc([("Il", 1, "nsubj", "PRON", "il", ""), ("pleut", 1, "ROOT", "VERB", "pleuvoir", PRES_3),
                    ("depuis", 3, "case", "ADP", "depuis", ""), ("mardi", 1, "obl:mod", "NOUN", "mardi", "")])
    assert direction_of(doc, "mardi") == "past"


def test_a_headline_without_verb_has_no_direction() -> None:
    doc = make_doc([("Discussions", 0, "ROOT", "NOUN", "discussion", ""), ("samedi", 0, "nmod", "NOUN", "samedi", "")])
    assert direction_of(doc, "samedi") is None


def test_the_next_line_verb_does_not_govern_a_headline() -> None:
    doc = Doc(Vocab(), words=["Discussions", "samedi", "\n", "Il", "a", "parlé"], heads=[5, 0, 1, 5, 5, 5],
              deps=["obl", "nmod", "dep", "nsubj", "aux:tense", "ROOT"],
              pos=["NOUN", "NOUN", "SPACE", "PRON", "AUX", "VERB"],
              lemmas=["discussion", "samedi", "\n", "il", "avoir", "parler"],
              morphs=["", "", "", "", PRES_3, PAST_PART], sent_starts=[True, False, False, False, False, False])
    assert direction_of(doc, "samedi") is None


def test_english_will_and_past_tense() -> None:
    doc = make_doc([("Talks", 2, "nsubj", "NOUN", "talk", ""), ("will", 2, "aux", "AUX", "will", ""),
                    ("resume", 2, "ROOT", "VERB", "resume", ""), ("on", 2, "prep", "ADP", "on", ""),
                    ("Monday", 3, "pobj", "PROPN", "Monday", "")])
    assert direction_of(doc, "Monday", "en") == "future"
    past = make_doc([("Talks", 1, "nsubj", "NOUN", "talk", ""), ("resumed", 1, "ROOT", "VERB", "resume", ""),
                     ("on", 1, "prep", "ADP", "on", ""), ("Monday", 2, "pobj", "PROPN", "Monday", "")])
    past[1].tag_ = "VBD"
    assert direction_of(past, "Monday", "en") == "past"


def test_same_weekday_in_the_article_takes_the_explicit_date() -> None:
    doc = make_doc([("Rendez-vous", 0, "ROOT", "NOUN", "rendez-vous", ""),
                    ("samedi", 0, "nmod", "NOUN", "samedi", ""), ("17", 3, "nummod", "NUM", "17", ""),
                    ("décembre", 1, "nmod", "NOUN", "décembre", ""), (".", 0, "punct", "PUNCT", ".", ""),
                    ("Rendez-vous", 5, "ROOT", "NOUN", "rendez-vous", ""), ("samedi", 5, "nmod", "NOUN", "samedi", "")])
    found = tag_times(doc.text, "fr", FRIDAY, doc)
    assert [t.value for t in found] == ["2016-12-17", "2016-12-17"]


# The real pipelines
@pytest.fixture(scope="module")
def run():
    """``run(text, lang, published, stages)``: a Context configured with only the stages these tests need."""
    from sitrep.pipeline import analyse, build_pipeline

    ctx = Context(Config(stages=("clean", "nlp", "times", "quantities")))

    def _run(text: str, lang: str = "fr", published: str | None = "2016-12-09", stages=("nlp", "times")):
        raw = RawDocument(id="t", text=text, language=lang,
                          published=date.fromisoformat(published) if published else None, origin="t")
        return analyse(raw, ctx, build_pipeline(stages))

    return _run


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "value"), [
    ("Le ministre a déclaré jeudi soir que le convoi était prêt.", "jeudi soir", "2016-12-08TEV"),
    ("Des discussions se tiendraient samedi à Genève.", "samedi", "2016-12-10"),
    ("Les députés doivent voter vendredi sur le texte.", "vendredi", "2016-12-09"),
    ("Le président viendra mardi à Lyon.", "mardi", "2016-12-13"),
    ("Le président est venu mardi à Lyon.", "mardi", "2016-12-06"),
    ("La conférence est prévue le 3 janvier.", "le 3 janvier", "2017-01-03"),
])
def test_french_weekday_and_date_direction(run, text: str, word: str, value: str) -> None:
    analysis = run(text, lang="fr", stages=("nlp", "times"))
    assert {t.text: t.value for t in analysis.times}[word] == value


@pytest.mark.slow
def test_until_takes_the_nearest_date_whatever_the_tense(run) -> None:
    # Past tense alone would send 30 June back to the previous year; "jusqu'au" names a deadline.
    analysis = run("Le préfet a donné jusqu'au 30 juin aux habitants pour partir.", published="2016-05-21")
    assert [t.value for t in analysis.times] == ["2016-06-30"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "value"), [
    ("The minister said on Thursday that the convoy was ready.", "Thursday", "2016-12-08"),
    ("Officials will meet on Monday in Geneva.", "Monday", "2016-12-12"),
    ("The army shelled the town on Sunday night.", "Sunday night", "2016-12-04TNI"),
    ("Negotiators are expected to meet on Tuesday.", "Tuesday", "2016-12-13"),
])
def test_english_weekday_direction(run, text: str, word: str, value: str) -> None:
    analysis = run(text, lang="en", stages=("nlp", "times"))
    assert {t.text: t.value for t in analysis.times}[word] == value


@pytest.mark.slow
def test_today_in_a_present_statement_is_present_ref(run) -> None:
    analysis = run("Rien ne justifie aujourd'hui une intervention. Le ministre doit arriver aujourd'hui.",
                   stages=("nlp", "times"))
    assert [t.value for t in analysis.times] == ["PRESENT_REF", "2016-12-09"]


@pytest.mark.slow
def test_times_stage_without_publication_date_flags_no_anchor(run) -> None:
    analysis = run("Le maire a parlé jeudi soir.", published=None, stages=("nlp", "times"))
    (expr,) = analysis.times
    assert expr.value is None and expr.flags == ("no-anchor",)
