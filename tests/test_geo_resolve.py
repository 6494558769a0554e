"""Resolution rules that read the words around a name: a kind word, a list, a county named in full.

Team-written sentences; entities given by hand, as in test_geo.
"""

import pytest

from sitrep.geo import gazetteer
from sitrep.geo.stage import find_places
from sitrep.records import Entity, Span


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def resolved(text, gaz, locs, lang="en"):
    ents = []
    for piece in locs:
        start = 0
        while (i := text.find(piece, start)) >= 0:
            ents.append(Entity(Span(i, i + len(piece)), piece, "LOC"))
            start = i + len(piece)
    ents.sort(key=lambda e: e.span.start)
    return [(c.mention.text, c.entry.name, c.entry.country, c.entry.feature, c.precision,
             getattr(gaz.admin1_of(c.entry), "name", None)) for c in find_places(text, tuple(ents), lang, gaz)]


def test_a_kind_word_after_the_name_picks_the_division(gaz):
    text = "Soldiers patrolled the hills of Kasserine governorate after the attack, officials in Tunisia said."
    got = resolved(text, gaz, ("Kasserine", "Tunisia"))
    assert got[0][1:4] == ("Kasserine", "TN", "admin1")


def test_without_the_kind_word_the_town_stays(gaz):
    text = "Soldiers patrolled the streets of Kasserine after the attack, officials in Tunisia said."
    got = resolved(text, gaz, ("Kasserine", "Tunisia"))
    assert got[0][1:4] == ("Kasserine", "TN", "city")


def test_state_of_names_the_state(gaz):
    text = "The bill was signed into law by the governor of the State of Washington on Friday in Olympia."
    got = resolved(text, gaz, ("Washington", "Olympia"))
    assert got[0][2:4] == ("US", "admin1")


def test_a_name_listed_with_states_is_a_state(gaz):
    text = "Workers are moving to Texas from coastal states such as Oregon or Washington, a survey found."
    got = resolved(text, gaz, ("Texas", "Oregon", "Washington"))
    assert [g[3] for g in got] == ["admin1", "admin1", "admin1"]


def test_a_division_listed_with_divisions_of_its_country(gaz):
    text = "The river water is shared among Tamil Nadu, Karnataka and Puducherry, the court said."
    got = resolved(text, gaz, ("Tamil Nadu", "Karnataka", "Puducherry"))
    assert got[-1][1:4] == ("Puducherry", "IN", "admin1")


def test_the_capital_written_with_its_district_is_no_list(gaz):
    text = "Tickets are sold in Washington, D.C., and in Oregon, the company said."
    got = resolved(text, gaz, ("Washington", "D.C.", "Oregon"))
    assert got[0][1:4] == ("Washington", "US", "city")


def test_a_bare_name_is_the_county_the_article_names(gaz):
    text = ("Police in Suffolk County, New York, searched the shore for a missing fisherman. "
            "Suffolk detectives asked witnesses to call.")
    got = resolved(text, gaz, ("Suffolk County", "New York", "Suffolk"))
    bare = [g for g in got if g[0] == "Suffolk"]
    assert bare and bare[0][1:4] == ("Suffolk County", "US", "admin2")
    county = next(g for g in got if g[0] == "Suffolk County")
    assert bare[0][1:3] == county[1:3]


def test_a_bare_name_keeps_its_town_inside_the_named_county(gaz):
    text = "Crews cleared roads across Dallas County on Monday. Dallas officials opened two shelters."
    got = resolved(text, gaz, ("Dallas County", "Dallas"))
    assert got[-1][1:4] == ("Dallas", "US", "city")


def test_a_court_district_of_a_state_is_the_state(gaz):
    text = ("The case was heard in Boston. He pleaded guilty in U.S. District Court, District of "
            "Massachusetts, last week.")
    got = resolved(text, gaz, ("Boston", "Massachusetts"))
    state = next(g for g in got if g[0].endswith("Massachusetts"))
    assert state[1:5] == ("Massachusetts", "US", "admin1", "exact")


def test_a_namesake_abroad_bigger_than_all_of_the_country_s(gaz):
    text = "Diplomats from the United States met in Venice on Tuesday to discuss the trade rules."
    got = resolved(text, gaz, ("United States", "Venice"))
    assert got[-1][1:4] == ("Venice", "IT", "city")


def test_a_namesake_near_the_article_s_places_stays(gaz):
    text = "Storms flooded roads in Sarasota and Venice, Florida officials said on Tuesday."
    got = resolved(text, gaz, ("Sarasota", "Venice", "Florida"))
    venice = next(g for g in got if g[0] == "Venice")
    assert venice[1:4] == ("Venice", "US", "city")


def test_a_neighbour_beats_a_bigger_namesake_farther_away(gaz):
    text = "A crash closed the road between Danbury and New Milford for three hours on Friday."
    got = resolved(text, gaz, ("Danbury", "New Milford"))
    assert (got[-1][1], got[-1][2], got[-1][5]) == ("New Milford", "US", "Connecticut")


def test_a_division_that_holds_most_of_its_country_says_little(gaz):
    text = ("Washington - The former agent had worked for years in London and was once hired by a sports "
            "body in England, his lawyers said.")
    got = resolved(text, gaz, ("Washington", "London", "England"))
    assert got[0][1:3] == ("Washington", "US")


def test_a_state_that_holds_the_article_s_towns_beats_a_country_of_its_name(gaz):
    text = ("Athens - The University of Georgia will host a forum on water rights; officials from Atlanta "
            "and Macon attended.")
    got = resolved(text, gaz, ("Athens", "Georgia", "Atlanta", "Macon"))
    state = next(g for g in got if g[0] == "Georgia")
    assert state[1:4] == ("Georgia", "US", "admin1")


def test_a_city_named_like_its_province_stays_the_city(gaz):
    text = "Shelling hit Aleppo and the nearby town of Azaz on Monday, residents said."
    got = resolved(text, gaz, ("Aleppo", "Azaz"))
    assert got[0][1:4] == ("Aleppo", "SY", "city")


def test_a_district_cue_keeps_a_division_only_of_the_article_s_country(gaz):
    text = "Cincinnati - He pleaded guilty in U.S. District Court, Southern District of Ohio, on Monday."
    got = resolved(text, gaz, ("Cincinnati", "Southern District", "Ohio"))
    court = next(g for g in got if g[0] == "Southern District")
    assert court[2] == "US"  # not Hong Kong's Southern District


def test_a_plural_kind_word_after_a_list_makes_each_name_a_county(gaz):
    text = "Atlanta - Officials in Fulton and DeKalb counties said the count would finish by Friday."
    got = resolved(text, gaz, ("Atlanta", "Fulton", "DeKalb"))
    counties = {g[0]: g for g in got if g[0] in ("Fulton", "DeKalb")}
    assert counties["Fulton"][1:4] == ("Fulton County", "US", "admin2") and counties["Fulton"][5] == "Georgia"
    assert counties["DeKalb"][1:4] == ("DeKalb County", "US", "admin2") and counties["DeKalb"][5] == "Georgia"


def test_a_plural_after_names_the_model_missed_still_counts(gaz):
    text = "Atlanta - Voters in Cobb and Gwinnett counties waited for hours on Tuesday."
    got = resolved(text, gaz, ("Atlanta", "Cobb"))
    assert got[-1][1:4] == ("Cobb County", "US", "admin2")
