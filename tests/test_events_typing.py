"""ACLED sub-types the coder reads from the words around a trigger: agreements and their
negotiation, a crowd's missiles, barricades; and the word classes of ``event_typing.tsv``.

Sentences written by the team; the main event is the one with the highest confidence.
"""

from __future__ import annotations

import pytest

from sitrep.events.lexicon import typing_words, words_of
from sitrep.records import Event

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")


def main_event(run, text: str, lang: str = "en") -> Event | None:
    analysis = run(text, lang=lang, published="2020-05-04", stages=STAGES)
    return max(analysis.events, key=lambda e: e.confidence, default=None)


def test_typing_words_are_read_per_language() -> None:
    assert "raid" in words_of("en", "raid") and "perquisitionner" in words_of("fr", "raid")
    assert "perquisitionner" not in words_of("en", "raid")
    assert words_of("en", "condemn") == frozenset()  # English keeps no "to sentence / to denounce" verb
    assert {"claim_prep", "any_word", "crowd_gear", "disrupt"} <= set(typing_words("fr"))


@pytest.mark.slow
def test_talks_over_a_border_dispute_are_an_agreement(run) -> None:
    ev = main_event(run, "The two foreign ministers held talks in Geneva on Monday over their long border dispute.")
    assert ev is not None and ev.type == "CONSULT" and ev.acled_subtype == "Agreement"


@pytest.mark.slow
def test_a_visit_is_no_negotiation(run) -> None:
    ev = main_event(run, "The Spanish king visited Berlin on Monday and met the German chancellor.")
    assert ev is not None and ev.acled_subtype is None


@pytest.mark.slow
def test_a_deal_reached_to_end_a_mutiny_is_an_agreement(run) -> None:
    ev = main_event(run, "The government said it had reached a deal with the mutineers to end the crisis in the north.")
    assert ev is not None and ev.type == "AGREE" and ev.acled_subtype == "Agreement"


@pytest.mark.slow
def test_leaving_a_treaty_is_about_an_agreement(run) -> None:
    ev = main_event(run, "The republic formally withdrew from the arms control treaty with its neighbour on Friday.")
    assert ev is not None and ev.type == "RETREAT" and ev.acled_subtype == "Agreement"


@pytest.mark.slow
def test_a_welcomed_ceasefire_is_an_agreement(run) -> None:
    ev = main_event(run, "The emirate welcomed the government's decision on a ceasefire in the southern provinces.")
    assert ev is not None and ev.type == "SUPPORT" and ev.acled_subtype == "Agreement"


@pytest.mark.slow
def test_sanctions_approved_are_no_agreement(run) -> None:
    ev = main_event(run, "The union approves new sanctions as its summit weighs the border crisis.")
    assert ev is None or ev.acled_subtype is None


@pytest.mark.slow
def test_petrol_bombs_thrown_by_rioters_are_a_violent_demonstration(run) -> None:
    ev = main_event(run, "Students rioted in the capital for a third night, attacking police with petrol bombs.")
    assert ev is not None and ev.acled_subtype == "Violent demonstration"


@pytest.mark.slow
def test_barricades_make_a_protest_violent_but_a_road_blocked_does_not(run) -> None:
    ev = main_event(run, "Taxi drivers barricaded the main road into the town to protest against fuel prices.")
    assert ev is not None and ev.acled_subtype == "Violent demonstration"
    ev = main_event(run, "Taxi drivers blocked the main road into the town to protest against fuel prices.")
    assert ev is not None and ev.acled_subtype == "Peaceful protest"


@pytest.mark.slow
def test_a_fire_exchange_is_a_battle(run) -> None:
    ev = main_event(run, "Soldiers have been engaged in a fire exchange with the rebels since dawn near the river.")
    assert ev is not None and ev.acled_subtype == "Armed clash"


@pytest.mark.slow
def test_fighters_charging_a_camp_assault_it(run) -> None:
    ev = main_event(run, "Rebel fighters charged an army camp outside the town on Monday night, wounding two guards.")
    assert ev is not None and ev.type == "ASSAULT" and ev.acled_type == "Battles"


@pytest.mark.slow
def test_a_minister_charged_with_fraud_is_no_assault(run) -> None:
    ev = main_event(run, "Prosecutors charged the former minister with fraud on Monday.")
    assert ev is None or ev.type != "ASSAULT"


@pytest.mark.slow
def test_a_few_people_burning_cars_destroy_property(run) -> None:
    ev = main_event(run, "Three people torched two delivery vans outside the depot on Wednesday morning.")
    assert ev is not None and ev.acled_subtype == "Looting/property destruction"


@pytest.mark.slow
def test_a_crowd_burning_cars_is_mob_violence(run) -> None:
    ev = main_event(run, "An angry mob torched two delivery vans outside the depot on Wednesday morning.")
    assert ev is not None and ev.acled_subtype == "Mob violence"


@pytest.mark.slow
def test_due_to_a_blast_is_a_cause_not_a_plan(run) -> None:
    ev = main_event(run, "Two farmers were hurt on Friday due to the explosion of a landmine planted by the rebels.")
    assert ev is not None and ev.status == "occurred" and ev.acled_subtype == "Remote explosive/landmine/IED"
    ev = main_event(run, "The two foreign ministers are due to meet in Vienna next week.")
    assert ev is not None and ev.status == "planned"


@pytest.mark.slow
def test_helicopters_destroyed_by_a_missile_are_no_air_strike(run) -> None:
    ev = main_event(run, "A rebel missile targeted the army's northern base, destroying several helicopters.")
    assert ev is not None and ev.acled_subtype == "Shelling/artillery/missile attack"


@pytest.mark.slow
def test_helicopters_that_strike_make_an_air_strike(run) -> None:
    ev = main_event(run, "The rebels in the valley suffered heavy losses in raids by army choppers.")
    assert ev is not None and ev.acled_subtype == "Air/drone strike"


@pytest.mark.slow
def test_a_kamikaze_going_off_is_a_suicide_bomb(run) -> None:
    ev = main_event(run, "Two kamikazes went off near the market on Sunday, killing five people.")
    assert ev is not None and ev.acled_subtype == "Suicide bomb"


@pytest.mark.slow
def test_ground_regained_by_the_army_is_territory(run) -> None:
    ev = main_event(run, "The army staged a counterattack and regained the hills north of the town on Friday.")
    assert ev is not None and ev.acled_subtype == "Government regains territory"


@pytest.mark.slow
def test_sanctions_that_target_officials_are_no_attack(run) -> None:
    ev = main_event(run, "The new sanctions target twelve senior officials and three banks.")
    assert ev is not None and ev.type == "SANCTION" and ev.acled_type is None
    ev = main_event(run, "Gunmen targeted twelve villagers on the road to the market.")
    assert ev is not None and ev.type == "ASSAULT"


@pytest.mark.slow
def test_police_attacking_a_human_chain_intervene_in_a_protest(run) -> None:
    ev = main_event(run, "Police attacked a peaceful human chain of teachers and arrested six of them.")
    assert ev is not None and ev.acled_subtype == "Protest with intervention"


@pytest.mark.slow
def test_men_attacking_a_rally_are_a_mob_not_the_rally(run) -> None:
    ev = main_event(run, "Ten marchers were hurt when a group of young men attacked a peaceful rally in the square.")
    assert ev is not None and ev.type == "ASSAULT" and ev.acled_subtype == "Mob violence"
