"""The deaths an event is coded with: its sentence, the sentences that go on telling it, totals,
phrases without a number, and "no casualties"."""

from __future__ import annotations

import pytest

from sitrep.events.fatalities import count, sentences, telling
from sitrep.records import Analysis, Event, Place, Quantity, Span

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")


def _q(text: str, at: int, value: float, role: str | None, head: str | None) -> Quantity:
    return Quantity(span=Span(at, at + len(text)), text=text, value=value, unit="person", head=head, role=role)


def _sentences(text: str) -> list[Span]:
    return [Span(lo, hi) for lo, hi in sentences(text, 0, len(text))]


def _place(name: str, at: int, feature: str = "city") -> Place:
    return Place(span=Span(at, at + len(name)), text=name, name=name, lat=1.0, lon=1.0, country="XX",
                 feature=feature)


def test_a_total_wins_over_the_figures_it_sums_up() -> None:
    text = "Gunmen shot 2 guards. 2 guards died. 2 fatalities."
    qs = [_q("2 guards", 22, 2, "killed", "guards"), _q("2 fatalities", 37, 2, "killed", "fatalities")]
    assert count(_sentences(text), qs, text) == 2


def test_distinct_figures_add_up_and_a_part_of_a_group_does_not() -> None:
    text = "3 soldiers were killed. The army killed 4 rebels, including 1 commander."
    qs = [_q("3 soldiers", 0, 3, "killed", "soldiers"), _q("4 rebels", 40, 4, "killed", "rebels"),
          _q("1 commander", 60, 1, "killed", "commander")]
    assert count(_sentences(text), qs, text) == 7


def test_phrases_without_a_number() -> None:
    text = "Armed men attacked a taxi driver in his car. The driver later died in hospital."
    assert count(_sentences(text), [], text) == 1
    both = "Two drivers were shot at a checkpoint. Both drivers died."
    assert count(_sentences(both), [], both) == 2
    none = "A bomb went off near the market, without casualties."
    assert count([Span(0, len(none))], [], none) == 0
    fr = "Une roquette est tombée sur la ville, sans faire de victime."
    assert count([Span(0, len(fr))], [], fr) == 0
    assert count([Span(0, 20)], [], "Troops entered the town.") is None


def test_the_telling_stops_at_a_sentence_about_another_place() -> None:
    text = "Rebels attacked Alpha. A man was killed. In Beta, 5 people died."
    places = [_place("Alpha", 16), _place("Beta", 44)]
    stretch = telling(Span(0, 22), Span(0, len(text)), text, places)
    assert [text[s.start:s.end] for s in stretch] == ["Rebels attacked Alpha.", "A man was killed."]


def _main(a: Analysis) -> Event:
    assert a.events, "no event coded"
    return max(a.events, key=lambda e: e.confidence)


@pytest.mark.slow
def test_the_toll_told_after_the_event_sentence(run) -> None:
    a = run("On 3 May 2020, gunmen on a motorcycle shot a taxi driver in Marsabit. The driver died on the way "
            "to hospital.", lang="en", stages=STAGES)
    assert _main(a).fatalities == 1


@pytest.mark.slow
def test_the_killers_are_not_counted_among_the_dead(run) -> None:
    a = run("On 3 May 2020, two gunmen shot and killed a farmer near Kisumu.", lang="en", stages=STAGES)
    assert _main(a).fatalities == 1


@pytest.mark.slow
def test_several_groups_killed_in_one_sentence_add_up(run) -> None:
    a = run("Quatre soldats et deux civils ont été tués hier dans une attaque contre un poste de l'armée à "
            "Gao.", stages=STAGES)
    assert _main(a).fatalities == 6


def test_the_one_pass_test_finds_a_phrase_where_any_phrase_matches() -> None:
    from sitrep.events.fatalities import _any_phrase, _phrases

    texts = ["The victim died in hospital.", "Aucune victime n'est à déplorer.", "No casualties were reported.",
             "Le conducteur a été tué sur le coup.", "Protesters marched peacefully.", "Ils ont défilé dans le calme.",
             "killing him", "", "THE VICTIM DIED"]
    for text in texts:
        some = any(rx.search(text) for rx, _ in _phrases())
        assert bool(_any_phrase().search(text)) == some, text
    assert any(_any_phrase().search(t) for t in texts)
    assert not all(_any_phrase().search(t) for t in texts)
