"""Named areas made of whole divisions (Kashmir, Darfur, Sinai) and the middle of a division's towns."""

import math

import pytest

from sitrep.geo import gazetteer
from sitrep.geo.sources import TRIM_EVERY, _middle
from sitrep.geo.stage import find_places
from sitrep.records import Entity, Span


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def resolved(text, gaz, locs, lang):
    ents = sorted((Entity(Span(text.index(p), text.index(p) + len(p)), p, "LOC") for p in locs),
                  key=lambda e: e.span.start)
    found = find_places(text, tuple(ents), lang, gaz)
    return [(c.mention.text, c.entry.name, c.entry.country, c.feature) for c in found]


def km(a, b):
    p = math.pi / 180
    h = (math.sin((b[0] - a[0]) * p / 2) ** 2
         + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def test_french_and_english_names_of_an_area_give_one_region(gaz):
    fr = resolved("Des affrontements ont éclaté au Cachemire et au Darfour.", gaz, ("Cachemire", "Darfour"), "fr")
    en = resolved("Clashes broke out in Kashmir and in Darfur.", gaz, ("Kashmir", "Darfur"), "en")
    assert [(g[1], g[2], g[3]) for g in fr] == [("Kashmir", "IN", "region"), ("Darfur", "SD", "region")]
    assert [(g[1], g[2], g[3]) for g in en] == [("Kashmir", "IN", "region"), ("Darfur", "SD", "region")]


def test_the_state_keeps_its_own_name(gaz):
    got = resolved("Le gouverneur du Jammu-et-Cachemire a démissionné.", gaz, ("Jammu-et-Cachemire",), "fr")
    assert got[0][2:] == ("IN", "admin1")


def test_an_area_lies_among_its_divisions(gaz):
    sinai = [e for e in gaz.lookup("Sinaï") if e.feature == "region"]
    assert sinai and sinai[0].country == "EG"  # not the hamlet of that name in Ecuador
    north = [e for e in gaz.lookup("North Sinai") if e.feature == "admin1"][0]
    south = [e for e in gaz.lookup("South Sinai") if e.feature == "admin1"][0]
    assert min(north.lat, south.lat) <= sinai[0].lat <= max(north.lat, south.lat)
    kashmir = [e for e in gaz.lookup("Kashmir") if e.feature == "region"][0]
    srinagar = max((e for e in gaz.lookup("Srinagar") if e.country == "IN"), key=lambda e: e.population)
    assert km((kashmir.lat, kashmir.lon), (srinagar.lat, srinagar.lon)) < 150


def test_one_misfiled_town_does_not_move_a_division():
    towns = [(48.0 + i / 100, 37.0 + (i % 20) / 10) for i in range(200)]
    assert _middle(towns) == pytest.approx(_middle(towns + [(48.5, 33.0)]), abs=0.05)
    assert _middle([(0.0, 0.0), (2.0, 4.0)]) == (1.0, 2.0)  # few towns: the whole extent
    assert TRIM_EVERY >= 50
