"""English wordings of fighting and killing that name no usual verb ("an operation against", "left dead")."""

import pytest

import sitrep
from sitrep.config import Config
from sitrep.pipeline import Context


@pytest.fixture(scope="module")
def ctx():
    return Context(Config(language="en"))


def events(text, ctx):
    return sitrep.extract(text, lang="en", published="2021-03-08", context=ctx).events


@pytest.mark.parametrize("text", [
    "On 5 March 2021, the army carried out an operation against rebels near Kadugli.",
    "On 4 March 2021, government troops responded to rebel fire near Kadugli.",
])
def test_operations_and_returned_fire_are_armed_clashes(text, ctx):
    got = events(text, ctx)
    assert [(e.type, e.acled_type, e.acled_subtype) for e in got][:1] == [("ASSAULT", "Battles", "Armed clash")]


def test_an_explosion_that_left_people_dead_is_a_killing(ctx):
    got = events("A car bomb exploded in the market on Friday, leaving four people dead.", ctx)
    assert got and got[0].type == "ASSAULT" and got[0].fatalities == 4


def test_bodies_found_report_a_killing(ctx):
    got = events("Two bodies were found near the river on Monday.", ctx)
    assert [(e.type, e.acled_type) for e in got] == [("ASSAULT", "Violence against civilians")]


def test_an_operation_for_a_patient_is_no_event(ctx):
    assert events("The hospital said the operation on his knee went well.", ctx) == ()
