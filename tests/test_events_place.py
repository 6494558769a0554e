"""The event's own place (binding.bind_place), on sentences the team wrote."""

from __future__ import annotations

import pytest

from sitrep.events.binding import _part_words, _strays
from sitrep.records import Analysis, Event, Place, Span

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")


def by_trigger(analysis: Analysis, word: str) -> Event:
    text = analysis.article.text
    found = [e for e in analysis.events if e.trigger is not None and e.trigger.of(text) == word]
    assert found, [(e.type, e.trigger and e.trigger.of(text)) for e in analysis.events]
    return found[0]


def place_name(ev: Event) -> str | None:
    return ev.place.name if ev.place is not None else None


def test_qualifier_words_load() -> None:
    qualifier = _part_words()[2]
    assert qualifier.search("le chef pour ")
    assert qualifier.search("the UN envoy for ")
    assert qualifier.search("l'envoyé spécial pour la ")
    assert not qualifier.search("des combats à ")


def _place(name: str, at: int, country: str, feature: str = "city") -> Place:
    return Place(span=Span(at, at + len(name)), text=name, name=name, lat=0.0, lon=0.0, country=country,
                 feature=feature)


def test_a_name_said_twice_does_not_outvote_another_place() -> None:
    # one province read in the wrong country, named twice, leaves the town of the right country alone
    named_twice = [_place("Gujarat", 0, "PK", "admin1"), _place("Surat", 20, "IN"),
                   _place("Gujarat", 40, "PK", "admin1")]
    assert _strays(named_twice) == []
    # two different places agreeing on a country still single out the odd one
    town, region = _place("Kumasi", 30, "GH"), _place("Ashanti", 40, "GH", "admin1")
    odd = _place("Bantama", 0, "CN")
    assert _strays([odd, town, region]) == [odd]


@pytest.mark.slow
def test_event_told_in_a_quote_is_not_placed_where_it_was_said(run) -> None:
    a = run("Les combats ont cessé dans l'est de Homs, selon l'armée. «Il va y avoir un convoi d'évacuation "
            "de 3.000 blessés», a ajouté le ministre lors d'une conférence à Berlin.", stages=STAGES)
    assert place_name(by_trigger(a, "évacuation")) == "Homs"
    # a quote with no subject of its own tells the speaker's act: the sentence places it
    a = run("Des émeutes ont éclaté à Marseille. À Paris, le ministre a déclaré « avoir rencontré hier les "
            "préfets de toute la région ».", stages=STAGES)
    assert place_name(by_trigger(a, "rencontré")) == "Paris"


@pytest.mark.slow
def test_sentence_without_a_place_takes_the_paragraph_s_earlier_place(run) -> None:
    a = run("Des hommes armés ont enlevé deux ingénieurs dans le sud du Mali. Des soldats ont arrêté trois "
            "suspects. Leur famille doit rencontrer demain le ministre à Paris.", stages=STAGES)
    assert place_name(by_trigger(a, "arrêté")) == "Mali"
    assert place_name(by_trigger(a, "rencontrer")) == "Paris"


@pytest.mark.slow
def test_place_that_qualifies_a_person_is_not_the_event_s(run) -> None:
    a = run("La police a arrêté hier à Vienne l'envoyé pour la Syrie d'un groupe armé.", stages=STAGES)
    assert place_name(by_trigger(a, "arrêté")) == "Vienna"
    a = run("Madrid, 3 mai. La police espagnole a annoncé l'arrestation du chef pour l'Italie d'un réseau "
            "mafieux.", stages=STAGES)
    assert place_name(by_trigger(a, "arrestation")) == "Madrid"


@pytest.mark.slow
def test_place_of_a_relative_clause_yields_to_the_event_s_own(run) -> None:
    a = run("Les soldats de la brigade qui stationne à Lyon ont été attaqués hier à Grenoble.", stages=STAGES)
    assert place_name(by_trigger(a, "attaqués")) == "Grenoble"
    # alone, it is still where the actors acted
    a = run("Des manifestants, qui s'étaient rassemblés à Lyon, ont affronté la police.", stages=STAGES)
    assert place_name(by_trigger(a, "affronté")) == "Lyon"


@pytest.mark.slow
def test_part_of_a_town_named_after_the_town_yields_to_it(run) -> None:
    a = run("On 1 May 2020, in Recife, Pernambuco, a man was killed in a drive-by shooting in Boa Viagem "
            "neighborhood by an armed man.", lang="en", published="2020-05-03", stages=STAGES)
    assert place_name(by_trigger(a, "shooting")) == "Recife"


@pytest.mark.slow
def test_the_paragraph_s_place_comes_before_an_actor_s_nationality(run) -> None:
    a = run("On 30 April 2020, in Manaus, Amazonas, federal police forces dismantled a drug lab. Two Venezuelan "
            "men were arrested.", lang="en", published="2020-05-02", stages=STAGES)
    assert place_name(by_trigger(a, "arrested")) == "Manaus"
