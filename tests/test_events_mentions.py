"""One event per happening: titles, nouns that point back and an act's aim are no events of their own.

Sentences written by the team.  Each test runs the parser, so they are marked slow.
"""

from __future__ import annotations

import pytest

from sitrep.records import Analysis, Event

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")

pytestmark = pytest.mark.slow


def events(run, text: str, lang: str = "fr") -> tuple[Event, ...]:
    analysis: Analysis = run(text, lang=lang, published="2020-05-04", stages=STAGES)
    return analysis.events


def of_type(evs: tuple[Event, ...], plover: str) -> list[Event]:
    return [e for e in evs if e.type == plover]


def test_a_title_and_the_body_report_one_arrest(run) -> None:
    text = ("Militant arrêté à Lyon.\n"
            "La police a annoncé hier l'arrestation d'un militant armé dans le centre de Lyon.")
    arrests = of_type(events(run, text), "COERCE")
    assert len(arrests) == 1
    assert len(arrests[0].evidence) == 2 and arrests[0].evidence[0].start == 0
    assert arrests[0].status == "occurred"  # an announced arrest was made


def test_a_demonstrative_noun_is_the_event_told_before(run) -> None:
    text = ("Les ministres des deux pays ont tenu lundi à Genève une réunion sur la frontière. "
            "Cette réunion a duré trois heures, selon un diplomate.")
    meetings = of_type(events(run, text), "CONSULT")
    assert len(meetings) == 1
    assert any(s.of(text).startswith("Cette réunion") for s in meetings[0].evidence)


def test_an_arrest_leaves_out_the_shooting_told_in_its_relative_clause(run) -> None:
    text = "L'armée a arrêté lundi un tireur qui avait ouvert le feu sur des soldats près du village."
    evs = events(run, text)
    arrest = of_type(evs, "COERCE")
    shooting = of_type(evs, "ASSAULT")
    assert arrest and shooting
    assert "ouvert le feu" not in arrest[0].evidence[0].of(text)
    assert "ouvert le feu" in shooting[0].evidence[0].of(text)


def test_the_aim_of_a_request_is_part_of_it(run) -> None:
    evs = events(run, "Les syndicats ont demandé lundi une réunion du gouvernement pour dénoncer la réforme.")
    assert of_type(evs, "REQUEST")
    assert not of_type(evs, "ACCUSE")


def test_an_idiom_is_no_trigger(run) -> None:
    evs = events(run, "Le maire a agi en accord avec ses engagements, a-t-il expliqué.")
    assert not of_type(evs, "AGREE")


def test_a_sports_report_holds_no_political_meeting(run) -> None:
    text = ("L'entraîneur de l'équipe a défendu ses choix après le match. "
            "Au stade, les joueurs ont salué les supporters après la rencontre avec Lyon.")
    evs = events(run, text)
    assert not [e for e in evs if e.acled_type is None]


def test_what_an_operation_did_not_prevent_happened(run) -> None:
    evs = events(run, "L'opération de l'armée n'a pas empêché lundi un tir de roquette sur la ville de Sdérot.")
    assaults = of_type(evs, "ASSAULT")
    assert assaults and assaults[0].status == "occurred"


def test_a_weak_noun_with_no_doer_is_no_request(run) -> None:
    evs = events(run, "En été, la demande augmente dans les kiosques de la ville.")
    assert not of_type(evs, "REQUEST")


def test_a_protest_called_violent_is_a_violent_demonstration(run) -> None:
    evs = events(run, "On 3 May, violent protests broke out in the capital over fuel prices.", lang="en")
    assert evs and evs[0].acled_subtype == "Violent demonstration"


def test_talks_broken_off_are_a_halt_of_talks(run) -> None:
    evs = events(run, "Les deux partis ont confirmé lundi les négociations rompues avec le gouvernement.")
    assert of_type(evs, "SANCTION")


def test_fighting_poverty_is_no_battle(run) -> None:
    evs = events(run, "Le programme du parti promet un ordre juste pour combattre la précarité et le chômage.")
    assert not of_type(evs, "ASSAULT")


def test_a_chemical_plant_that_exploded_is_an_accident(run) -> None:
    evs = events(run, "Six people were killed on Thursday when a chemical plant exploded north of the city.", lang="en")
    assert not [e for e in evs if e.acled_type]


def test_a_drone_that_captured_footage_took_nothing(run) -> None:
    evs = events(run, "A drone captured footage of the landslides in the south of the country on Monday.", lang="en")
    assert not [e for e in evs if e.acled_type]
