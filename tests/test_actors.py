"""Coding the actors of events: demonyms inside words, the article's country for an actor nothing
else places, and the doer named on a participle of a noun trigger."""

from __future__ import annotations

import pytest

from sitrep.events.actors import demonym_parts
from sitrep.events.lexicon import demonyms
from sitrep.records import Analysis, Event

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")


def _main(a: Analysis) -> Event:
    assert a.events, "no event coded"
    return max(a.events, key=lambda e: e.confidence)


def test_demonyms_inside_a_word() -> None:
    fr = demonyms("fr")
    assert [fr[p] for p in demonym_parts("interpalestinienne", fr)] == ["PSE"]
    assert {fr[p] for p in demonym_parts("russo-americaines", fr)} >= {"RUS", "USA"}
    assert demonym_parts("internationale", fr) == []


@pytest.mark.slow
def test_an_actor_nothing_places_belongs_to_the_country_of_its_paragraph(run) -> None:
    text = ("Les autorités colombiennes ont renforcé la sécurité dans le sud de la Colombie.\n"
            "Les rebelles exigent le retrait de l'armée.")
    ev = next(e for e in run(text, stages=STAGES).events if e.type == "REQUEST")
    assert ev.source is not None and ev.source.country == "COL"


@pytest.mark.slow
def test_the_doer_named_on_a_participle_of_the_trigger(run) -> None:
    ev = _main(run("L'attaque menée mardi par des soldats maliens contre un camp a fait trois morts.",
                   stages=STAGES))
    assert ev.source is not None and ev.source.country == "MLI", ev


@pytest.mark.slow
def test_a_subject_the_parser_hung_on_a_fronted_place(run) -> None:
    ev = _main(run("On 8 May 2020, in Lakeview, Northland, Kenyan soldiers and rebels clashed near the river.",
                   lang="en", stages=STAGES))
    assert ev.source is not None and ev.source.country == "KEN" and ev.source.sector == "MIL", ev.source


@pytest.mark.slow
def test_the_doer_named_in_an_adjunct_of_a_passive(run) -> None:
    ev = _main(run("On 2 May 2020, two rebels were killed during an operation by Somali police forces in "
                   "Baidoa.", lang="en", stages=STAGES))
    assert ev.source is not None and ev.source.country == "SOM" and ev.source.sector == "COP", ev.source


@pytest.mark.slow
def test_no_number_or_event_noun_as_the_doer_and_unnamed_attackers_are_armed(run) -> None:
    ev = _main(run("On 2 May 2020, a trader was shot dead in Kisumu by individuals on a motorcycle.",
                   lang="en", stages=STAGES))
    assert ev.source is not None and ev.source.name == "Unidentified Armed Group (Kenya)", ev.source
    ev = _main(run("On 3 May 2020, a clash took place between two villages in Kisumu.", lang="en",
                   stages=STAGES))
    assert ev.source is None or "clash" not in (ev.source.text or ""), ev.source


@pytest.mark.slow
def test_the_author_of_an_attack_others_repelled_is_the_source(run) -> None:
    ev = _main(run("On 4 May 2020, Kenyan soldiers repelled an attack by Al Shabaab militants near Lamu.",
                   lang="en", stages=STAGES))
    assert ev.source is not None and ev.source.name == "Al Shabaab", ev.source
    assert ev.target is not None and ev.target.country == "KEN", ev.target


@pytest.mark.slow
def test_a_name_the_tokenizer_cut_is_read_whole_and_acronyms_in_a_phrase_alone(run) -> None:
    ev = _main(run("On 9 May 2020, Saudi-led coalition airstrikes hit a market in Saada.", lang="en",
                   stages=STAGES))
    assert ev.source is not None and "coalition" in (ev.source.name or ""), ev.source
    ev = _main(run("On 9 May 2020, SSPDF attacked rebel positions near Yei.", lang="en", stages=STAGES))
    assert ev.source is not None and ev.source.country == "SSD", ev.source


@pytest.mark.slow
def test_a_pronominal_verb_is_active_and_celui_ci_finds_its_antecedent(run) -> None:
    text = ("Le président a nommé hier Jean-Pierre Raffarin à Matignon. Celui-ci s'est aussitôt lancé dans les "
            "consultations pour former son gouvernement.")
    talks = [e for e in run(text, stages=STAGES).events if e.type == "CONSULT"]
    assert talks and talks[0].source is not None and "Raffarin" in (talks[0].source.name or ""), talks


@pytest.mark.slow
def test_a_crowd_in_no_known_country_keeps_the_kind_of_its_name(run) -> None:
    a = run("About 40 bakers protested outside the town hall on Monday.", lang="en", published="2020-05-05",
            stages=STAGES)
    protest = [e for e in a.events if e.type == "PROTEST"]
    assert protest and protest[0].source is not None and protest[0].source.name == "Protesters", protest


def _matches_by_every_pattern(text: str, lang: str, exact_ok: bool) -> list[tuple[int, object]]:
    """What ``dictionary_matches`` returns, found the slow way: every pattern searched in the phrase."""
    from sitrep.events.actors import _dictionary
    from sitrep.events.lexicon import fold

    out: list[tuple[int, object]] = []
    for _, rx, entry in _dictionary(lang):
        if entry.exact_case and not exact_ok:
            continue
        m = rx.search(text if entry.exact_case else fold(text))
        if m and not any(o <= m.start() < o + len(e.pattern) for o, e in out):
            out.append((m.start(), entry))
    return sorted(out, key=lambda x: x[0])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_quick_dictionary_lookup_finds_what_every_pattern_finds(lang: str) -> None:
    from sitrep.events.actors import dictionary_matches
    from sitrep.events.lexicon import actor_entries

    names = [e.pattern for e in actor_entries(lang)][::7]
    phrases = ["", "des hommes armés", "the protesters"]
    for i, name in enumerate(names):
        other = names[(i + 3) % len(names)]
        phrases += [name, f"pro-{name} fighters", f"anti-{name}", f"les {name.upper()} et {other}",
                    f"{other}, allied with {name}", f"x{name}", f"{name}s"]
    for text in phrases:
        for exact_ok in (True, False):
            assert dictionary_matches(text, lang, exact_ok) == _matches_by_every_pattern(text, lang, exact_ok), text
