"""Quotes feed events: a statement of demand, threat or accusation is an event with its quote."""

from __future__ import annotations

import pytest

from sitrep.events.binding import make_context
from sitrep.events.statements import ACT_TYPES, become, support, verb_acts

pytestmark = pytest.mark.slow


def _facts(an):
    a = an.article
    return make_context(an.places, an.times, an.quantities, a.published, a.text, a.title)


def _quotes(an):
    return [q for q in an.quotes if q.cue_span is not None]


def test_every_statement_act_is_in_both_lexicons():
    for lang in ("fr", "en"):
        acts = set(verb_acts(lang).values())
        assert set(ACT_TYPES) <= acts, lang


def test_a_demand_with_no_event_becomes_a_request_by_its_speaker(run):
    text = ("La maire de Rennes, Claire Morvan, a exigé jeudi « des moyens supplémentaires pour les "
            "hôpitaux de la ville ».")
    an = run(text, stages=("clean", "nlp", "entities", "times", "quantities", "quotes", "places"))
    quotes = _quotes(an)
    assert quotes and quotes[0].verb == "exiger"
    events = become([], quotes, an.doc, "fr", an, _facts(an))
    assert [e.type for e in events] == ["REQUEST"]
    event = events[0]
    assert event.source is not None and event.source.country == "FRA" and event.source.sector == "GOV"
    assert any(s.start <= quotes[0].span.start and quotes[0].span.end <= s.end for s in event.evidence)
    assert event.date == "2016-12-08"  # "jeudi" before a Friday publication


def test_an_english_threat_becomes_a_threaten_event(run):
    text = 'The union leader, Maria Lopez, threatened on Monday "to shut every depot in the region".'
    an = run(text, lang="en", stages=("clean", "nlp", "entities", "times", "quantities", "quotes", "places"))
    events = become([], _quotes(an), an.doc, "en", an, _facts(an))
    assert [e.type for e in events] == ["THREATEN"]


def test_plain_saying_makes_no_event(run):
    text = "« La réunion a duré trois heures », a déclaré le porte-parole du syndicat."
    an = run(text, stages=("clean", "nlp", "entities", "times", "quantities", "quotes", "places"))
    assert _quotes(an)
    assert become([], _quotes(an), an.doc, "fr", an, _facts(an)) == []


def test_a_sentence_already_coded_gets_no_second_event(run):
    text = "Le syndicat a exigé « le retrait immédiat du projet de loi »."
    an = run(text)
    coded = list(an.events)
    again = become(coded, _quotes(an), an.doc, "fr", an, _facts(an))
    assert len(again) == len(coded)


def test_a_pronoun_source_takes_the_quote_speaker(run):
    text = ("Le ministre italien de la Défense, Paolo Ferri, est arrivé mardi à Bruxelles.\n\n"
            "« Nous demandons l'arrêt immédiat des tirs », a-t-il exigé devant la presse.")
    an = run(text)
    quotes = _quotes(an)
    statement = [q for q in quotes if q.verb == "exiger"]
    assert statement and statement[0].speaker and "Ferri" in statement[0].speaker
    requests = [e for e in support(list(an.events), quotes, an.doc, "fr", an) if e.type == "REQUEST"]
    assert requests, [e.type for e in an.events]
    event = requests[0]
    assert any(s.start <= statement[0].span.start and statement[0].span.end <= s.end for s in event.evidence)
    assert event.source is not None and event.source.country == "ITA"


def test_the_pipeline_events_carry_their_quotes(run):
    text = "Le gouvernement allemand a accusé mercredi « les passeurs d'exploiter la détresse des migrants »."
    an = run(text)
    accusations = [e for e in an.events if e.type == "ACCUSE"]
    assert accusations
    quote = _quotes(an)[0]
    assert any(s.start <= quote.span.start and quote.span.end <= s.end for s in accusations[0].evidence)
