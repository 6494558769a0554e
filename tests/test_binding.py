"""Binding an event to its own place: the town before its province, a town inside an actor's phrase,
and a name read in a country no other place of the sentence shares."""

from __future__ import annotations

import pytest

from sitrep.events.binding import _DIRECTION_OF, _kind_after, _strays
from sitrep.records import Analysis, Event, Place, Span

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")


def _place(name: str, at: int, country: str, feature: str = "city") -> Place:
    return Place(span=Span(at, at + len(name)), text=name, name=name, lat=1.0, lon=1.0, country=country,
                 feature=feature)


def _main(a: Analysis) -> Event:
    assert a.events, "no event coded"
    return max(a.events, key=lambda e: e.confidence)


def test_a_place_alone_in_its_country_among_places_that_agree_is_a_stray() -> None:
    odd, town, region = _place("Nima", 0, "CN"), _place("Accra", 10, "GH"), _place("Greater Accra", 20, "GH",
                                                                                   "admin1")
    assert _strays([odd, town, region]) == [odd]
    assert _strays([odd, town]) == []  # one against one: nothing says which is wrong


@pytest.mark.slow
def test_the_town_in_the_target_phrase_is_the_place(run) -> None:
    ev = _main(run("On 4 May 2020, soldiers attacked the positions of the rebels in Kismayo, Lower Juba.",
                   lang="en", stages=STAGES))
    assert ev.place is not None and ev.place.name == "Kismayo", ev.place


@pytest.mark.slow
def test_the_trigger_is_no_part_of_its_source(run) -> None:
    ev = _main(run("On 7 May 2020, about 80 workers of a cleaning company protested in Split, Croatia.",
                   lang="en", stages=STAGES))
    assert ev.source is not None and "protested" not in ev.source.text, ev.source
    assert ev.place is not None and ev.place.name == "Split", ev.place


def test_a_part_of_a_town_yields_to_the_town() -> None:
    from sitrep.events.binding import _part_of_town

    text = "Workers marched in the Koru area of Nakuru city on Monday."
    part, town = _place("Koru", 23, "KE"), _place("Nakuru", 36, "KE")
    assert _part_of_town(part, [part, town], text)
    assert not _part_of_town(town, [part, town], text)
    plain = "Workers marched in Koru and Nakuru on Monday."
    assert not _part_of_town(_place("Koru", 19, "KE"), [_place("Koru", 19, "KE"), _place("Nakuru", 28, "KE")], plain)


@pytest.mark.slow
def test_a_town_the_actor_phrase_names_after_in_is_where_it_acted(run) -> None:
    ev = _main(run("On 5 May 2020, a clash took place between two groups of farmers in Mehar town "
                   "(Dadu, Sindh), who attacked each other with sticks.", lang="en", stages=STAGES))
    assert ev.place is not None and ev.place.name == "Mehar", ev.place


def test_a_place_named_with_its_kind_is_no_modifier_of_an_actor_name() -> None:
    text = "Jets targeted Raghwan district (Marib) and the Luhansk People's Militia."
    district, city = _place("Raghwan", text.find("Raghwan"), "YE"), _place("Luhansk", text.find("Luhansk"), "UA")
    assert _kind_after(district, text) and not _kind_after(city, text)


def test_a_town_a_direction_is_taken_from_is_a_landmark() -> None:
    assert _DIRECTION_OF.search("fighting on the front north-east of ")
    assert _DIRECTION_OF.search("des tirs au nord de ")
    assert not _DIRECTION_OF.search("a sniper fired in the east of ")


def _at(name: str, text: str, country: str, feature: str = "city", admin1: str | None = None,
        lat: float = 1.0, lon: float = 1.0) -> Place:
    at = text.find(name)
    return Place(span=Span(at, at + len(name)), text=name, name=name, lat=lat, lon=lon, country=country,
                 feature=feature, admin1=admin1)


def test_a_town_the_holder_after_it_cannot_hold_yields_to_the_holder() -> None:
    from sitrep.events.binding import ArticleFacts
    from sitrep.events.chain import chain_checked

    text = "In Oldtown, Newport, Eastshire, a bank was robbed."
    misread = _at("Oldtown", text, "AR")  # a namesake abroad
    town = _at("Newport", text, "CL", admin1="Eastshire")
    division = _at("Eastshire", text, "CL", "admin1", admin1="Eastshire")
    facts = ArticleFacts((misread, town, division), (), (), None, None, (), text)
    assert chain_checked(misread, facts.places_at, facts.text) is town
    # the chain after the holder disagrees with it too: nothing says which is wrong
    other = _at("Eastshire", text, "AR", "admin1", admin1="Eastshire")
    facts = ArticleFacts((misread, town, other), (), (), None, None, (), text)
    assert chain_checked(misread, facts.places_at, facts.text) is misread


def test_a_town_of_the_same_country_is_held_by_a_division_or_a_town_near_it() -> None:
    from sitrep.events.binding import ArticleFacts
    from sitrep.events.chain import chain_checked

    text = "In Oldtown, Eastshire, a bank was robbed. In Lowtown, Newport, shots were fired."
    town = _at("Oldtown", text, "CL", admin1="Westshire")  # the note may name the wrong division
    division = _at("Eastshire", text, "CL", "admin1", admin1="Eastshire")
    low = _at("Lowtown", text, "CL", admin1="Westshire", lat=-33.0, lon=-70.0)
    near = _at("Newport", text, "CL", admin1="Eastshire", lat=-33.5, lon=-70.5)
    facts = ArticleFacts((town, division, low, near), (), (), None, None, (), text)
    assert chain_checked(town, facts.places_at, facts.text) is town
    assert chain_checked(low, facts.places_at, facts.text) is low
    far = _at("Newport", text, "CL", admin1="Eastshire", lat=-40.0, lon=-72.0)
    facts = ArticleFacts((town, division, low, far), (), (), None, None, (), text)
    assert chain_checked(low, facts.places_at, facts.text) is far


def test_a_town_opening_a_longer_name_names_a_body() -> None:
    from sitrep.events.chain import opens_a_name as _opens_a_name

    text = "Shells hit the positions of the Luhansk People's Militia near Rakhine State and Jammu city."
    assert _opens_a_name(_place("Luhansk", text.find("Luhansk"), "UA"), text)
    assert not _opens_a_name(_place("Rakhine", text.find("Rakhine"), "MM"), text)  # its kind word
    assert not _opens_a_name(_place("Jammu", text.find("Jammu"), "IN"), text)



def test_a_name_written_as_a_holder_is_no_more_precise_than_what_it_holds() -> None:
    from sitrep.events.binding import ArticleFacts
    from sitrep.events.chain import held_by

    text = "Shells fell on the Oldtown (Oldtown, Newport) front and near Lowtown."
    district = _at("Oldtown", text, "CL", "admin2")
    again = Place(span=Span(text.find("Oldtown", 25), text.find("Oldtown", 25) + 7), text="Oldtown", name="Oldtown",
                  lat=1.0, lon=1.0, country="CL", feature="admin2")
    holder = _at("Newport", text, "CL")  # read as a town
    alone = _at("Lowtown", text, "CL")
    facts = ArticleFacts((district, again, holder, alone), (), (), None, None, (), text)
    found = held_by(facts.places, facts.places_at, facts.text)
    assert found == {id(again): district, id(holder): again}


def test_the_holder_check_passes_a_name_of_the_chain_that_is_no_known_place() -> None:
    from sitrep.events.binding import ArticleFacts
    from sitrep.events.chain import chain_checked

    text = "Hundreds of Oldtown residents (Midvale, Newport) marched on Monday."
    misread = _at("Oldtown", text, "GB")
    town = _at("Newport", text, "KE", admin1="Eastshire")
    facts = ArticleFacts((misread, town), (), (), None, None, (), text)
    assert chain_checked(misread, facts.places_at, facts.text) is town
    text = "Hundreds of Oldtown residents met Midvale Jones and Newport officials."
    facts = ArticleFacts((_at("Oldtown", text, "GB"), _at("Newport", text, "KE")), (), (), None, None, (), text)
    assert chain_checked(facts.places[0], facts.places_at, facts.text) is facts.places[0]
