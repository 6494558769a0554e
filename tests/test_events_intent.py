"""What an actor says it will do, and which act of a sentence is its main event.

Sentences written by the team; the main event is the one with the highest confidence.
"""

from __future__ import annotations

import pytest

from sitrep.records import Event

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")

pytestmark = pytest.mark.slow


def main_event(run, text: str, lang: str = "en") -> Event | None:
    analysis = run(text, lang=lang, published="2020-05-04", stages=STAGES)
    return max(analysis.events, key=lambda e: e.confidence, default=None)


def test_a_withdrawal_on_a_condition_is_a_threat(run) -> None:
    ev = main_event(run, "Nigeria announced that it will withdraw its troops unless the rebels agree to a truce.")
    assert ev is not None and ev.type == "THREATEN"


def test_help_someone_is_ready_to_give_is_an_agreement(run) -> None:
    ev = main_event(run, "France is ready to contribute 3,000 troops to the mission, the defence minister said.")
    assert ev is not None and ev.type == "AGREE"


def test_a_blockade_to_be_tightened_is_a_threat(run) -> None:
    ev = main_event(run, "The alliance said on Monday it would tighten the naval blockade of the port.")
    assert ev is not None and ev.type == "THREATEN"


def test_a_crowd_inside_a_denunciation_is_not_its_protest(run) -> None:
    ev = main_event(run, "Albania on Friday denounced Serbia's suppression of ethnic Albanian unrest in Montenegro.")
    assert ev is not None and ev.type == "ACCUSE"


def test_a_demand_put_as_an_obligation_was_made(run) -> None:
    ev = main_event(run, "The president issued a reminder to the government that it must release the prisoners.")
    assert ev is not None and ev.type == "REQUEST" and ev.status == "occurred"


def test_who_the_fighters_are_is_background(run) -> None:
    ev = main_event(run, "The government granted asylum to five officers fleeing the fighting in the capital.")
    assert ev is not None and ev.type == "AID"


def test_troops_driving_militants_out_regain_territory(run) -> None:
    ev = main_event(run, "On Monday, army troops drove the militants out of the village after a night of fighting.")
    assert ev is not None and ev.acled_subtype == "Government regains territory"


def test_peace_talks_are_an_agreement_for_acled_and_a_meeting_for_plover(run) -> None:
    ev = main_event(run, "Peace talks between the government and the rebels started on Monday in the capital.")
    assert ev is not None and ev.type == "CONSULT" and ev.acled_subtype == "Agreement"


def test_a_protest_beside_another_act_keeps_its_demand(run) -> None:
    ev = main_event(run, "On 2 May, residents set up a tent camp and protested, demanding the mayor's resignation.")
    assert ev is not None and ev.type == "PROTEST"


def test_sanctions_that_target_a_country_are_no_attack(run) -> None:
    analysis = run("The government targeted the neighbouring country with new sanctions on Monday.", lang="en",
                   published="2020-05-04", stages=STAGES)
    assert not [e for e in analysis.events if e.type == "ASSAULT"]


def test_mortars_fired_at_positions_are_a_battle(run) -> None:
    ev = main_event(run, "On 9 May, rebel forces fired mortars and machine guns at army positions near the village.")
    assert ev is not None and ev.acled_type == "Battles"


def test_militants_attacking_forces_fight_a_battle(run) -> None:
    ev = main_event(run, "On 5 May, militants attacked government forces in the district.")
    assert ev is not None and ev.acled_subtype == "Armed clash"


def test_an_attack_that_damages_offices_destroys_property(run) -> None:
    ev = main_event(run, "On 3 May, unknown gunmen attacked and damaged the offices of a radio station in the city.")
    assert ev is not None and ev.acled_subtype == "Looting/property destruction"


def test_police_seizing_drugs_hidden_on_a_highway_take_no_territory(run) -> None:
    analysis = run("On 4 May, police forces seized two tons of cannabis hidden in a lorry on the highway.", lang="en",
                   published="2020-05-04", stages=STAGES)
    assert not [e for e in analysis.events if e.acled_type == "Battles"]


def test_a_crackdown_on_demonstrators_is_force_against_a_protest(run) -> None:
    ev = main_event(run, "The government stepped up its violent crackdown on peaceful demonstrators in the capital.")
    assert ev is not None and ev.acled_type == "Protests"


def test_diplomats_expelled_for_a_protest_are_no_protest(run) -> None:
    ev = main_event(run, "The ministry said it had expelled three diplomats for taking part in protests.")
    assert ev is not None and ev.acled_type is None


def test_fire_opened_on_militants_is_a_battle(run) -> None:
    ev = main_event(run, "On 5 May, the army opened fire on militants who were trying to cross the border.")
    assert ev is not None and ev.acled_subtype == "Armed clash"


def test_a_weapon_named_later_in_the_paragraph_codes_the_attack(run) -> None:
    ev = main_event(run, "Attacks were launched in eleven villages of the province on Friday night. "
                         "Most of the attacks were carried out with grenades.")
    assert ev is not None and ev.acled_subtype == "Grenade"


def test_protests_held_in_a_country_are_street_protests(run) -> None:
    ev = main_event(run, "Anti-government protests were held in several towns of the kingdom on Monday night.")
    assert ev is not None and ev.type == "PROTEST"


def test_fighters_who_retook_a_town_took_territory(run) -> None:
    ev = main_event(run, "Opposition fighters retook a strategic town from government forces on Thursday.")
    assert ev is not None and ev.acled_type == "Battles"


def test_a_protest_after_an_arrest_met_no_intervention(run) -> None:
    ev = main_event(run, "A peaceful protest took place in the town on Monday following the arrest of a local leader.")
    assert ev is not None and ev.acled_subtype == "Peaceful protest"


def test_jets_destroying_a_weapons_depot_are_an_air_strike(run) -> None:
    ev = main_event(run, "On Sunday, military jets destroyed weapon depots used by the rebels near the border.")
    assert ev is not None and ev.acled_subtype == "Air/drone strike"


def test_gunmen_opening_fire_on_a_cafe_attack_civilians(run) -> None:
    ev = main_event(run, "On Monday, unidentified gunmen opened fire on a teahouse in the old district of the city.")
    assert ev is not None and ev.acled_type == "Violence against civilians"


def test_protesters_who_demand_are_a_protest(run) -> None:
    ev = main_event(run, "On 2 May, protesters demanded better health services in the district.")
    assert ev is not None and ev.type == "PROTEST"


def test_shelling_answered_with_fire_is_a_battle(run) -> None:
    ev = main_event(run, "On 2 May, rebel forces shelled army positions near the town. The soldiers fired back.")
    assert ev is not None and ev.acled_type == "Battles"


def test_a_protest_against_measures_to_battle_a_virus_stays_peaceful(run) -> None:
    ev = main_event(run, "On 1 May, about 20 people protested against the measures imposed to battle the virus.")
    assert ev is not None and ev.acled_subtype == "Peaceful protest"


def test_looted_funds_a_crowd_wants_back_are_no_looting(run) -> None:
    ev = main_event(run, "On 29 April, protesters gathered in the square demanding the return of the looted funds.")
    assert ev is not None and ev.acled_type == "Protests"


def test_mortars_with_fire_both_ways_later_are_a_battle(run) -> None:
    ev = main_event(run, "On 3 May, militia fighters fired mortars at army positions near the river. "
                         "Monitors counted 40 explosions in both directions of the front line.")
    assert ev is not None and ev.acled_type == "Battles"


def test_a_capitalised_mine_in_a_place_name_is_no_landmine(run) -> None:
    ev = main_event(run, "On 3 May, monitors recorded 15 bursts of fire involving small arms near Pivdenna Mine.")
    assert ev is not None and ev.acled_subtype != "Remote explosive/landmine/IED"


def test_a_crowd_burning_things_after_its_protest_is_a_riot(run) -> None:
    ev = main_event(run, "On 6 May, residents demonstrated in the town centre against water cuts. "
                         "The crowd then set tyres on fire across the main road.")
    assert ev is not None and ev.acled_type == "Riots"


def test_heavy_machine_guns_fired_at_positions_are_shelling(run) -> None:
    ev = main_event(run, "On 3 May, rebel forces fired heavy machine guns at army positions near the village.")
    assert ev is not None and ev.acled_type == "Explosions/Remote violence"


def test_an_off_duty_officer_shot_by_gunmen_is_a_civilian_victim(run) -> None:
    ev = main_event(run, "On 5 May, gunmen shot and killed an off-duty police officer outside his home in the town.")
    assert ev is not None and ev.acled_type == "Violence against civilians"


def test_a_victim_the_report_names_a_gang_member_makes_a_battle(run) -> None:
    text = "On 5 May, two armed men shot a man dead near the market. The victim was a member of a local gang."
    ev = main_event(run, text)
    assert ev is not None and ev.acled_type == "Battles"


def test_victims_not_involved_in_the_drug_trade_stay_civilians(run) -> None:
    text = ("On 5 May, two armed men shot a man dead near the market. Police say the district sees "
            "fights over drug trafficking, but the victim was not involved in it.")
    ev = main_event(run, text)
    assert ev is not None and ev.acled_type == "Violence against civilians"


def test_fighters_freed_by_a_government_are_a_strategic_development(run) -> None:
    ev = main_event(run, "On 5 May, the government released 80 Taliban prisoners from a prison near the capital.")
    assert ev is not None and ev.acled_type == "Strategic developments"


def test_an_armed_group_handing_out_food_changes_its_activity(run) -> None:
    ev = main_event(run, "On 2 May, members of a local gang delivered boxes of food to families in the district.")
    assert ev is not None and ev.acled_subtype == "Change to group/activity"


def test_fighters_surrendering_is_an_agreement_for_acled(run) -> None:
    ev = main_event(run, "A local radio says 40 rebel fighters surrendered to the army in the northern town.")
    assert ev is not None and ev.type == "RETREAT" and ev.acled_subtype == "Agreement"


def test_an_attack_launched_on_a_base_is_a_battle(run) -> None:
    ev = main_event(run, "An attack was launched on an army base in the district on Sunday, officials said.")
    assert ev is not None and ev.acled_type == "Battles"


def test_shots_at_a_car_at_a_checkpoint_stay_an_attack_on_civilians(run) -> None:
    ev = main_event(run, "On 6 May, soldiers opened fire on a civilian car at a checkpoint, wounding the driver.")
    assert ev is not None and ev.acled_type == "Violence against civilians"


def test_a_rocket_propelled_grenade_is_shelling_not_a_grenade(run) -> None:
    ev = main_event(run, "On 4 May, a rocket-propelled grenade hit the car of a district official, killing his driver.")
    assert ev is not None and ev.acled_subtype == "Shelling/artillery/missile attack"


def test_the_month_of_march_is_no_protest_march(run) -> None:
    ev = main_event(run, "The two governments began talks in March over the disputed border area.")
    assert ev is None or ev.type != "PROTEST"


def test_a_march_on_a_day_in_march_is_still_a_protest(run) -> None:
    ev = main_event(run, "On 3 March, thousands of students march through the capital against the reform.")
    assert ev is not None and ev.type == "PROTEST"


def test_villages_freed_by_an_army_are_regained_by_the_government(run) -> None:
    ev = main_event(run, "On 4 May, the army freed three villages from the militants in the northern district.")
    assert ev is not None and ev.acled_subtype == "Government regains territory"


def test_troops_reinforced_change_a_group_s_activity(run) -> None:
    ev = main_event(run, "On 4 May, the border troops were reinforced ahead of the planned exercises.")
    assert ev is not None and ev.acled_subtype == "Change to group/activity"


def test_poison_gas_used_by_fighters_is_a_chemical_weapon(run) -> None:
    ev = main_event(run, "Villagers fell ill after being exposed to poisonous gas used by the rebels near the river.")
    assert ev is not None and ev.acled_subtype == "Chemical weapon"


def test_gas_leaking_from_a_factory_is_no_chemical_attack(run) -> None:
    ev = main_event(run, "Dozens of people fell ill after inhaling toxic gas leaked from a fertiliser factory.")
    assert ev is None or ev.acled_subtype != "Chemical weapon"


def test_police_firing_tear_gas_on_a_crowd_is_a_protest_with_intervention(run) -> None:
    ev = main_event(run, "On 4 May, police fired tear gas at hundreds of traders gathered outside the town hall.")
    assert ev is not None and ev.acled_subtype == "Protest with intervention"


def test_police_shooting_dead_a_suspect_is_no_protest(run) -> None:
    ev = main_event(run, "On 4 May, police shot dead a robbery suspect in the market.")
    assert ev is not None and ev.acled_type != "Protests"


def test_riot_police_are_no_riot(run) -> None:
    ev = main_event(run, "On 4 May, riot police chased demonstrators during a protest against fuel prices in the town.")
    assert ev is not None and ev.acled_subtype == "Protest with intervention"


def test_a_car_chase_in_a_protest_story_is_no_intervention(run) -> None:
    ev = main_event(run, "Hundreds of residents marched peacefully on Sunday over a police officer's role "
                         "in a car chase.")
    assert ev is not None and ev.acled_subtype == "Peaceful protest"


def test_bombs_identified_on_a_beach_are_disrupted_weapons(run) -> None:
    ev = main_event(run, "Two old mortar bombs were identified by fishermen on the beach on Monday, police said.")
    assert ev is not None and ev.acled_subtype == "Disrupted weapons use"


def test_residents_seizing_a_thief_are_a_mob(run) -> None:
    ev = main_event(run, "On 7 May, a group of residents captured a thief in the market, tied him to a tree "
                         "and beat him.")
    assert ev is not None and ev.acled_subtype == "Mob violence"


def test_strikers_occupying_a_factory_still_protest(run) -> None:
    ev = main_event(run, "On 7 May, striking workers occupied the factory to demand unpaid wages.")
    assert ev is not None and ev.acled_type == "Protests"
