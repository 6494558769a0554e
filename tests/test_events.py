"""The event coder: lexicons, codes, status and the coding of team-written sentences."""

from __future__ import annotations

import pytest

from sitrep.events.codes import alpha3, country_name, country_names
from sitrep.events.lexicon import crosses_line, demonyms, kinds, roles, sentence_bounds, token_keys, triggers
from sitrep.records import Analysis, Event

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")
PLOVER = {"AGREE", "ACCUSE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
          "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"}
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Shelling/artillery/missile attack", "Air/drone strike",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


# --- data files ----------------------------------------------------------------------------


def test_event_kinds_use_plover_and_acled_strings() -> None:
    for kind in kinds().values():
        if kind.name == "none":
            continue
        assert kind.plover in PLOVER, kind
        if kind.acled_type is not None:
            assert kind.acled_subtype in ACLED[kind.acled_type], kind


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_trigger_tables_load_for_both_languages(lang: str) -> None:
    index = triggers(lang)
    assert len(index) > 200


def test_actor_roles_have_sectors() -> None:
    assert roles()["military"].sector == "MIL" and roles()["military"].armed
    assert roles()["protesters"].template == "Protesters ({country})"


def test_demonyms_cover_plurals_and_feminines() -> None:
    fr = demonyms("fr")
    assert fr["syrien"] == fr["syriennes"] == "SYR"
    assert fr["iraniens"] == "IRN"
    assert demonyms("en")["ukrainians"] == "UKR"


def test_country_codes_and_names() -> None:
    assert alpha3("SY") == "SYR" and alpha3("syr") == "SYR" and alpha3("ZZ") is None
    assert country_name("USA") == "United States"
    assert country_names("fr")["allemagne"] == "DEU"
    assert country_names("en")["russia"] == "RUS"


# --- coding sentences (spaCy models) --------------------------------------------------------


def main(analysis: Analysis) -> Event | None:
    return max(analysis.events, key=lambda e: e.confidence, default=None)


@pytest.mark.slow
def test_shelling_with_actor_and_country(run) -> None:
    a = run("On 3 May 2020, Ukrainian forces shelled the village of Pisky.", lang="en",
            published="2020-05-05", stages=STAGES)
    ev = main(a)
    assert ev is not None and ev.type == "ASSAULT"
    assert ev.acled_subtype == "Shelling/artillery/missile attack"
    assert ev.source is not None and ev.source.country == "UKR" and ev.source.sector == "MIL"
    assert ev.source.name == "Military Forces of Ukraine"
    assert ev.evidence and ev.evidence[0].of(a.article.text).startswith("On 3 May 2020")


@pytest.mark.slow
def test_french_title_and_demonym_give_the_actor(run) -> None:
    ev = main(run("Le président syrien a refusé les appels à un cessez-le-feu.", stages=STAGES))
    assert ev is not None and ev.type == "REJECT"
    assert ev.source is not None and (ev.source.country, ev.source.sector) == ("SYR", "GOV")


@pytest.mark.slow
def test_denied_event_is_marked_denied_and_has_no_acled_type(run) -> None:
    ev = main(run("L'armée dément avoir bombardé le village.", stages=STAGES))
    assert ev is not None and ev.status == "denied" and ev.acled_type is None


@pytest.mark.slow
def test_negated_event_is_not_reported_as_occurred(run) -> None:
    a = run("The army did not attack the town.", lang="en", stages=STAGES)
    assert all(e.status != "occurred" for e in a.events)


@pytest.mark.slow
def test_conditional_event_is_hypothetical(run) -> None:
    a = run("If the talks fail, the rebels will attack the capital.", lang="en", stages=STAGES)
    attack = [e for e in a.events if e.type in {"ASSAULT", "THREATEN"}]
    assert attack and all(e.status == "hypothetical" and e.acled_type is None for e in attack)


@pytest.mark.slow
def test_reported_plan_is_planned_or_announced(run) -> None:
    ev = main(run("M. Lavrov a annoncé que des discussions se tiendraient samedi à Genève.", stages=STAGES))
    assert ev is not None and ev.type == "CONSULT" and ev.status in {"planned", "announced"}
    assert ev.date == "2016-12-10" and ev.date_from == "text"


@pytest.mark.slow
@pytest.mark.parametrize("text,lang", [
    ("The weather was mild and the shops opened as usual on Monday.", "en"),
    ("Le marché de Noël ouvrira ses portes samedi place Stanislas.", "fr"),
    ("REBELS ATTACK TOWN IN THE NORTH", "en"),
    ("Attacks\t12\t15\t9\nArrests\t4\t3\t2", "en"),
    ("Weekly figures\n- Attacks: 12\n- Arrests: 4\n- Protests: 9", "en"),
])
def test_no_event_is_invented(run, text: str, lang: str) -> None:
    assert run(text, lang=lang, stages=STAGES).events == ()


@pytest.mark.slow
def test_repeated_mentions_are_one_event(run) -> None:
    text = ("Des combattants ont attaqué la caserne de Kidal lundi.\n\n"
            "L'attaque contre la caserne de Kidal a duré deux heures, selon un officier.")
    assaults = [e for e in run(text, stages=STAGES).events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and len(assaults[0].evidence) == 2


@pytest.mark.slow
def test_protest_with_police_intervention(run) -> None:
    ev = main(run("Police fired tear gas to disperse hundreds of protesters in Nairobi on Tuesday.",
                  lang="en", stages=STAGES))
    assert ev is not None and ev.type == "PROTEST" and ev.acled_subtype == "Protest with intervention"
    assert ev.date == "2016-12-06"


# --- the lexicon's per-Doc tables (kept for speed; they must read the parse as spaCy does) ----------


@pytest.mark.slow
def test_lexicon_finds_the_same_entries_in_a_span_a_token_list_and_the_doc(run) -> None:
    text = ("Rebel fighters took full control of the northern town on Monday.\n\n"
            "Government troops later shelled their positions and arrested two commanders.")
    doc = run(text, lang="en", stages=("nlp",)).doc
    index = triggers("en")
    by_sentence = [m for sent in doc.sents for m in index.find(sent)]
    assert by_sentence == [m for sent in doc.sents for m in index.find(list(sent))]
    assert {m.payload.kind for m in by_sentence} >= {"territory", "shelling", "arrest"}
    control = next(m for m in by_sentence if m.payload.lemma == "take control")
    assert [doc[i].text for i in control.tokens] == ["took", "control"]  # "full" between them
    assert index.find([]) == [] and index.find(doc[0:0]) == []
    whole = index.find(doc)
    assert {(m.tokens, m.payload) for m in by_sentence} <= {(m.tokens, m.payload) for m in whole}


@pytest.mark.slow
def test_line_breaks_and_sentence_edges_read_as_the_text_and_spacy_say(run) -> None:
    text = "Des soldats ont attaqué le camp. Trois morts.\n\nLa police a arrêté deux hommes lundi à Gao."
    doc = run(text, stages=("nlp",)).doc
    for i in range(len(doc)):
        assert sentence_bounds(doc, i) == (doc[i].sent.start, doc[i].sent.end)
        for j in range(len(doc)):
            lo, hi = sorted((i, j))
            assert crosses_line(doc, i, j) == ("\n" in text[doc[lo].idx:doc[hi].idx])


@pytest.mark.slow
def test_token_keys_follow_a_lemma_changed_after_the_doc_was_read(run) -> None:
    doc = run("Les rebelles ont attaqué la ville.", stages=("nlp",)).doc
    tok = next(t for t in doc if t.text == "attaqué")
    assert "attaquer" in token_keys(tok)
    tok.lemma_ = "assaillir"
    assert "assaillir" in token_keys(tok) and "attaquer" not in token_keys(tok)


@pytest.mark.slow
def test_per_doc_arrays_read_as_spacy_tokens_say(run) -> None:
    from sitrep.events.binding import _layout
    from sitrep.events.detect import _token_flags, children_ids, token_deps, token_heads, token_texts
    from sitrep.events.lexicon import doc_text
    from sitrep.events.status import _lowers

    text = "Si les pourparlers échouent, les rebelles qui tiennent la ville attaqueront.\n\n- Morts : 12"
    doc = run(text, stages=("nlp",)).doc
    lay, (alpha, num, verb) = _layout(doc), _token_flags(doc)
    for t in doc:
        assert (lay.idx[t.i], lay.ends[t.i], lay.pos[t.i], lay.dep[t.i]) == (t.idx, t.idx + len(t), t.pos_, t.dep_)
        assert (alpha[t.i], num[t.i], verb[t.i]) == (t.is_alpha, t.like_num, t.pos_ in {"VERB", "AUX"})
        assert children_ids(doc, t.i) == [c.i for c in t.children]
        assert (_lowers(doc)[t.i], token_texts(doc)[t.i]) == (t.lower_, t.text)
        assert (token_heads(doc)[t.i], token_deps(doc)[t.i]) == (t.head.i, t.dep_)
    assert doc_text(doc) == doc.text == text
