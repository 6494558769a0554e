"""Finding who acted: pronouns glued to a full stop, subjects the sentence splitter cut off, the
author of an operation named in a 'while' clause, claims of an attack, event nouns as subjects."""

from __future__ import annotations

import pytest

from sitrep.records import Analysis, Event

STAGES = ("nlp", "entities", "times", "quantities", "quotes", "places", "events")


def _event(a: Analysis, plover: str) -> Event:
    found = [e for e in a.events if e.type == plover]
    assert found, [(e.type, e.source) for e in a.events]
    return found[0]


@pytest.mark.slow
def test_a_pronoun_glued_to_the_previous_full_stop_still_stands_for_its_antecedent(run) -> None:
    text = ("Le premier ministre Tony Blair a parlé longuement devant les députés .Il a rejeté toute "
            "participation de son pays à la mission.")
    ev = _event(run(text, stages=STAGES), "REJECT")
    assert ev.source is not None and ev.source.country == "GBR", ev.source


@pytest.mark.slow
def test_the_author_of_an_operation_in_a_while_clause_did_the_killing(run) -> None:
    text = ("Quatre villageois ont été tués mardi dans la province alors que l'armée nigériane menait une "
            "opération contre les insurgés.")
    ev = next(e for e in run(text, stages=STAGES).events if e.acled_type is not None)
    assert ev.source is not None and ev.source.country == "NGA" and ev.source.sector == "MIL", ev.source


@pytest.mark.slow
def test_an_attack_without_author_takes_the_one_who_claims_it_later_in_the_paragraph(run) -> None:
    text = ("Cette longue opération n'a pas empêché un tir de roquette sur la ville de Kandahar. "
            "Ces tirs sont revendiqués le plus souvent par les talibans.")
    ev = next(e for e in run(text, stages=STAGES).events if e.acled_type is not None)
    assert ev.source is not None and ev.source.country == "AFG", ev.source
    assert "opération" not in ev.source.text


@pytest.mark.slow
def test_an_operation_is_no_doer_and_no_claim_means_no_named_author(run) -> None:
    text = "Cette longue opération n'a pas empêché un tir de roquette sur la ville de Kandahar."
    ev = next(e for e in run(text, stages=STAGES).events if e.acled_type is not None)
    assert ev.source is None or "opération" not in ev.source.text, ev.source


@pytest.mark.slow
def test_a_subject_cut_off_at_a_comma_by_the_sentence_splitter(run) -> None:
    text = ("Les rebelles retiennent trois otages dans le sud du Pérou. Plus de 3.000 policiers péruviens, "
            "appuyés par des hélicoptères, participent à cette chasse à l'homme.")
    a = run(text, stages=STAGES)
    ev = next((e for e in a.events if e.source is not None and "policiers" in e.source.text), None)
    assert ev is not None and ev.source is not None and ev.source.country == "PER", [
        (e.type, e.source) for e in a.events]


@pytest.mark.slow
def test_who_a_relative_pronoun_stands_for_is_not_a_bare_noun_after_en(run) -> None:
    text = ("Les policiers ont arrêté un homme armé déguisé en policier qui avait ouvert le feu sur des "
            "passants à Marseille.")
    ev = next(e for e in run(text, stages=STAGES).events if e.type == "ASSAULT")
    assert ev.source is not None and "homme" in ev.source.text, ev.source


@pytest.mark.slow
def test_a_sentence_passed_before_a_court_names_the_court_as_its_author(run) -> None:
    text = ("L'affaire a connu son épilogue hier devant le tribunal correctionnel de Nancy : les trois "
            "pilleurs ont été conduits en prison après leurs condamnations à des peines de prison ferme.")
    ev = _event(run(text, stages=STAGES), "SANCTION")
    assert ev.source is not None and "tribunal" in ev.source.text and ev.source.sector == "JUD", ev.source


@pytest.mark.slow
def test_a_relative_of_a_known_person_shares_the_country_and_not_the_office(run) -> None:
    text = ("La femme de Hosni Moubarak a exhorté les manifestants à rentrer chez eux. "
            "La femme doit rencontrer aujourd'hui à Paris le président Chirac.")
    a = run(text, stages=STAGES)
    ev = _event(a, "REQUEST")
    assert ev.source is not None and ev.source.country == "EGY" and ev.source.sector == "CVL", ev.source
    assert ev.source.name != "Hosni Mubarak"
    meet = _event(a, "CONSULT")
    assert meet.source is not None and meet.source.country == "EGY", meet.source


@pytest.mark.slow
def test_an_unnamed_police_serves_the_country_the_article_is_about(run) -> None:
    text = ("Une bombe a explosé hier à Bogota devant le siège de la police colombienne, sans faire de "
            "victime, à Bogota.\nLa police a d'autre part annoncé l'arrestation du chef pour le Venezuela "
            "d'un réseau qui voulait frapper à Caracas.")
    ev = _event(run(text, stages=STAGES), "COERCE")
    assert ev.source is not None and ev.source.country == "COL" and ev.source.sector == "COP", ev.source


@pytest.mark.slow
def test_a_name_given_after_its_title_takes_the_title_s_office_and_the_article_s_country(run) -> None:
    text = ("Les électeurs allemands votent aujourd'hui en Allemagne : à Berlin, le chancelier Schröder espère "
            "l'emporter.\n"
            "Quant à la ministre de la Justice, Anna Weber, elle a provoqué une polémique en comparant les "
            "méthodes du président américain George W. Bush à celles d'un dictateur, selon Washington.")
    ev = next(e for e in run(text, stages=STAGES).events if e.source is not None and "Weber" in e.source.text)
    assert ev.source is not None and ev.source.country == "DEU" and ev.source.sector == "GOV", ev.source


@pytest.mark.slow
def test_a_relative_pronoun_the_parser_made_a_clause_of_its_own_stands_for_the_noun_before(run) -> None:
    text = ("Les frappes de l'aviation visent surtout les talibans, qui s'opposent à l'appel à une trêve "
            "lancé vendredi par le président.")
    ev = _event(run(text, stages=STAGES), "REJECT")
    assert ev.source is not None and ev.source.text != "qui" and ev.source.country == "AFG", ev.source


@pytest.mark.slow
def test_an_act_named_in_a_quote_with_no_doer_is_the_speaker_s_but_violence_is_not(run) -> None:
    text = ("« Le plus urgent, c'est une aide humanitaire pour les sinistrés », a déclaré hier Kofi Annan à New York. "
            "« Il y a eu une attaque contre le convoi ce matin », a déclaré un témoin.")
    a = run(text, stages=STAGES)
    aid = next((e for e in a.events if e.type in {"AID", "REQUEST"}), None)
    assert aid is not None and aid.source is not None and aid.source.country == "UNO", [
        (e.type, e.source) for e in a.events]
    for e in a.events:
        if e.acled_type is not None:
            assert e.source is None or "témoin" not in e.source.text, e.source


@pytest.mark.slow
def test_an_actor_in_an_article_with_no_place_takes_the_country_its_known_actors_name(run) -> None:
    text = ("Les parents d'enfants handicapés ont dénoncé hier le « scandale » des écoles fermées. "
            "Pour eux, les mesures annoncées par la ministre Ségolène Royal sont insuffisantes.")
    ev = _event(run(text, stages=STAGES), "ACCUSE")
    assert ev.source is not None and ev.source.country == "FRA", ev.source


@pytest.mark.slow
def test_the_noun_a_passive_participle_is_said_of_is_its_target(run) -> None:
    ev = _event(run("Deux journalistes français détenus par les rebelles depuis un mois.", stages=STAGES), "COERCE")
    assert ev.target is not None and "journalistes" in ev.target.text and ev.target.country == "FRA", ev.target
    assert ev.source is not None and "rebelles" in ev.source.text, ev.source


def _countries_by_plain_scan(text: str, lang: str) -> list[tuple[int, str]]:
    """What ``_dictionary_countries`` finds, each pattern tried on the whole text without the word filter."""
    from sitrep.events.actors import dictionary_patterns
    from sitrep.events.codes import alpha3
    from sitrep.events.lexicon import fold

    taken: list[tuple[int, int]] = []
    out = []
    for _literal, rx, entry in sorted(dictionary_patterns(lang), key=lambda x: -len(x[0])):
        code = alpha3(entry.country) if entry.country else None
        if code is None:
            continue
        for m in rx.finditer(text if entry.exact_case else fold(text)):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                out.append((m.start(), code))
    return out


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The State Department said pro-Free Syrian Army fighters and the Syrian Democratic Forces met.\n"
           "A spokesman of the Muslim Brotherhood (EGYPT) denied it; the Foreign Office, too."),
    ("en", "state department officials; STATE DEPARTMENT; the Free Syrian Armys; anti-Free Syrian Army"),
    ("fr", "Le Département d'État et le Département d'Etat ont reçu l'Armée syrienne libre.\n"
           "Les Forces démocratiques syriennes, pro-Armée syrienne libre ? Non."),
])
def test_the_article_countries_of_dictionary_actors_skip_no_naming(lang: str, text: str) -> None:
    from sitrep.events.participants import _dictionary_countries

    found = _dictionary_countries(text, lang)
    assert found, text  # the texts name actors with a country
    assert found == _countries_by_plain_scan(text, lang)


@pytest.mark.parametrize("text", ["Le Département d'État s'inquiète : « Où ? » Ça‑va, naïve Ǆ ﬁn ½ Straße",
                                  "plain ASCII text", "", "e\u0301\u0327 combined marks"])
def test_a_whole_text_folds_as_fold_folds_it(text: str) -> None:
    from sitrep.events.lexicon import fold, fold_text

    assert fold_text(text) == fold(text)
