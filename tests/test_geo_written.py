"""Recognition of places by how news writes them: a town before the divisions that hold it, a kind
word after a name, a name the model cut short.  Team-written sentences, entities given by hand as
the model tagged similar ones (often as people)."""

import pytest

from sitrep.geo import gazetteer
from sitrep.geo.stage import find_places
from sitrep.geo.wording import given_names, holder_names
from sitrep.records import Entity, Span


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def found(text, gaz, tagged):
    """(written words, GeoNames name, country) of each place; ``tagged``: (words, label) as the model gave them."""
    ents = []
    for piece, label in tagged:
        start = 0
        while (i := text.find(piece, start)) >= 0:
            ents.append(Entity(Span(i, i + len(piece)), piece, label))
            start = i + len(piece)
    ents.sort(key=lambda e: e.span.start)
    return [(c.mention.text, c.entry.name, c.entry.country) for c in find_places(text, tuple(ents), "en", gaz)]


def test_town_taken_for_a_person_is_a_place_when_the_chain_after_it_holds_it(gaz):
    text = "Shopkeepers marched in Ratodero town (Larkana, Sindh) against power cuts."
    got = found(text, gaz, [("Ratodero", "PER"), ("Larkana", "PER"), ("Sindh", "LOC")])
    assert ("Ratodero", "Ratodero", "PK") in got


def test_a_person_before_an_unrelated_division_stays_a_person(gaz):
    text = "Ratodero Khan spoke to reporters (Sindh) on Monday."
    got = found(text, gaz, [("Ratodero Khan", "PER"), ("Sindh", "LOC")])
    assert [g[0] for g in got] == ["Sindh"]


def test_kind_word_before_the_chain(gaz):
    text = "Two farmers were hurt near Kandhkot (Kandhkot district, Sindh) on Sunday."
    got = found(text, gaz, [("Kandhkot", "MISC"), ("Sindh", "LOC")])
    assert [g[:2] for g in got if g[0] == "Kandhkot"] == [("Kandhkot", "Kandhkot")] * 2


def test_kind_word_tagged_as_a_surname_leaves_the_town_a_place(gaz):
    text = "Traders closed their shops in Gboko (Gboko LGA, Benue) on Friday."
    got = found(text, gaz, [("Gboko", "LOC"), ("LGA", "PER"), ("Benue", "LOC")])
    assert got[0] == ("Gboko", "Gboko", "NG") and ("Benue", "Benue", "NG") in got


def test_given_name_stays_a_given_name_unless_the_article_writes_a_kind_word_after_it():
    text = "Jhelum Rashid spoke. Later Jhelum city was calm."
    ents = (Entity(Span(0, 6), "Jhelum", "LOC"), Entity(Span(7, 13), "Rashid", "PER"),
            Entity(Span(27, 33), "Jhelum", "LOC"))
    assert given_names(ents, text) == frozenset()
    plain = "Jhelum Rashid spoke. Later Jhelum was calm."
    ents = ents[:2] + (Entity(Span(27, 33), "Jhelum", "LOC"),)
    assert given_names(ents, plain) == frozenset({"Jhelum"})


def test_name_cut_short_by_the_model_is_widened_to_the_known_place(gaz):
    text = "In Santa Cruz do Sul, Rio Grande do Sul, a bank was robbed. Shells later fell on Ar Raqqah."
    got = found(text, gaz, [("Santa Cruz", "LOC"), ("Rio Grande do Sul", "LOC"), ("Raqqah", "PER")])
    assert ("Santa Cruz do Sul", "Santa Cruz do Sul", "BR") in got
    assert ("Ar Raqqah", "Ar Raqqah", "SY") in got


def test_holder_chain_reads_kind_words_and_stops_at_ordinary_words():
    text = "at Ratodero town (Larkana district, Sindh) on Monday"
    assert holder_names(text, len("at Ratodero")) == ["Larkana district", "Larkana", "Sindh"]
    text = "in Ratodero, Sindh killed two"
    assert holder_names(text, len("in Ratodero")) == ["Sindh"]
    assert holder_names("in Ratodero when Sindh", len("in Ratodero")) == []


def test_a_particle_the_model_left_out_opens_the_name(gaz):
    text = "Shells fell on the road between Mocha and Ad Dali on Monday."
    got = found(text, gaz, [("Mocha", "LOC"), ("Dali", "PER")])
    assert ("Ad Dali", "Aḑ Ḑāli‘", "YE") in got


def test_kind_word_after_a_name_picks_among_its_places(gaz):
    text = "Flags were raised across Merida state while police waited in Jammu city."
    got = found(text, gaz, [("Merida", "LOC"), ("Jammu", "LOC")])
    by = {g[0]: g for g in got}
    assert by["Merida"][2] == "VE"  # the state, not the Mexican municipality
    hunan = found("In the Hunan city of Yueyang, rivers rose.", gaz, [("Hunan", "LOC"), ("Yueyang", "LOC")])
    assert hunan[0][1] != "Hunan"  # the province: "the Hunan city of" names a town of it


def test_name_with_its_kind_word_is_a_place_unless_the_division_after_it_cannot_hold_it(gaz):
    text = "Gunfire was heard in Mudiyah district north of the coast on Friday."
    got = found(text, gaz, [("Mudiyah", "MISC")])
    assert [(g[0], g[2]) for g in got] == [("Mudiyah", "YE")]
    wrong = "Officials said Naudero district, Punjab, had no rain while Naudero district, Sindh, had floods."
    got = found(wrong, gaz, [("Naudero", "MISC"), ("Punjab", "LOC"), ("Sindh", "LOC")])
    assert [g[0] for g in got] == ["Punjab", "Naudero", "Sindh"]  # the Sindh town, not read before Punjab


def test_a_particle_the_gazetteer_leaves_out_is_dropped_to_look_the_name_up(gaz):
    text = "A roadside bomb went off south of As Sumayl on Tuesday."
    got = found(text, gaz, [("As Sumayl", "LOC")])
    assert [(g[0], g[2]) for g in got] == [("As Sumayl", "IQ")]
