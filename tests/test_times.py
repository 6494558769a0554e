"""Time expressions without a spaCy model: spans, TIMEX3 values, anchoring, bad input.

Sentences are the team's own.  Tense-dependent cases are in test_times_tense.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.times import tag_times
from sitrep.extract.timex_grammar import TimeSpec, find_mentions
from sitrep.extract.timex_lexicon import load_lexicon
from sitrep.extract.timex_resolve import duration_value, resolve

FRIDAY = date(2016, 12, 9)  # a Friday


def tags(text: str, lang: str = "fr", published: date | None = FRIDAY) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in tag_times(text, lang, published)]


def one(text: str, lang: str = "fr", published: date | None = FRIDAY) -> tuple[str, str, str | None]:
    found = tags(text, lang, published)
    assert len(found) == 1, found
    return found[0]


# French: explicit dates and the span conventions of FR-TimeBank ("le" in, prepositions out)
@pytest.mark.parametrize(("text", "expected"), [
    ("L'offensive a commencé le 15 novembre.", ("le 15 novembre", "DATE", "2016-11-15")),
    ("Le vote aura lieu le 3 janvier.", ("le 3 janvier", "DATE", "2017-01-03")),
    ("Le texte date du 10 mars 1993.", ("10 mars 1993", "DATE", "1993-03-10")),
    ("Il est né le 2 avril 87.", ("le 2 avril 87", "DATE", "1987-04-02")),
    ("La réunion du 15/12/2016 est annulée.", ("15/12/2016", "DATE", "2016-12-15")),
    ("Les rebelles tiennent la ville depuis 2012.", ("2012", "DATE", "2012")),
    ("Le chantier reprendra début décembre.", ("début décembre", "DATE", "2016-12")),
    ("Les faits remontent à fin septembre 2015.", ("fin septembre 2015", "DATE", "2015-09")),
    ("La ville a été fondée en 1604.", ("1604", "DATE", "1604")),
    ("La mode des années 80 revient.", ("années 80", "DATE", "198X")),
    ("C'était au début des années 60.", ("début des années 60", "DATE", "196X")),
    ("Le cours a lieu mardi 13 décembre.", ("mardi 13 décembre", "DATE", "2016-12-13")),
])
def test_french_explicit_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Le maire est arrivé hier.", ("hier", "DATE", "2016-12-08")),
    ("Le maire partira demain.", ("demain", "DATE", "2016-12-10")),
    ("Deux voitures ont brûlé hier soir.", ("hier soir", "TIME", "2016-12-08TEV")),
    ("Le match a été reporté ce matin.", ("ce matin", "TIME", "2016-12-09TMO")),
    ("Il a pris la parole mardi dernier.", ("mardi dernier", "DATE", "2016-12-06")),
    ("Le tribunal rendra son avis vendredi prochain.", ("vendredi prochain", "DATE", "2016-12-16")),
    ("Les négociations reprendront la semaine prochaine.", ("la semaine prochaine", "DATE", "2016-W50")),
    ("Le taux a baissé l'an dernier.", ("l'an dernier", "DATE", "2015")),
    ("Les travaux finiront l'année prochaine.", ("l'année prochaine", "DATE", "2017")),
    ("Le budget sera voté le mois prochain.", ("le mois prochain", "DATE", "2017-01")),
    ("Le bilan sera connu à la fin de l'année.", ("la fin de l'année", "DATE", "2016")),
    ("Le camp a été évacué il y a trois jours.", ("il y a trois jours", "DATE", "2016-12-06")),
    ("Les élections ont eu lieu le 6 mai dernier.", ("le 6 mai dernier", "DATE", "2016-05-06")),
    ("Le verdict est attendu le 1er septembre prochain.", ("le 1er septembre prochain", "DATE", "2017-09-01")),
])
def test_french_relative_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Le siège a duré pendant trois semaines.", ("trois semaines", "DURATION", "P3W")),
    ("Il a été condamné à 10 ans de prison.", ("10 ans", "DURATION", "P10Y")),
    ("La grève a duré plus de vingt ans.", ("plus de vingt ans", "DURATION", "P20Y")),
    ("La panne a duré environ une heure.", ("environ une heure", "DURATION", "PT1H")),
    ("Le tir a duré vingt minutes.", ("vingt minutes", "DURATION", "PT20M")),
    ("Il attend depuis quelques mois.", ("quelques mois", "DURATION", "PXM")),
    ("Le pays vit en guerre depuis des années.", ("des années", "DURATION", "PXY")),
    ("Le programme s'étale sur un an et demi.", ("un an et demi", "DURATION", "P1.5Y")),
    ("Des convois partent chaque jour.", ("chaque jour", "SET", "P1D")),
    ("Le marché se tient tous les ans.", ("tous les ans", "SET", "P1Y")),
    ("La population croît de 2 % par an.", ("an", "SET", "P1Y")),
    ("La bibliothèque ouvre uniquement le mercredi.", ("le mercredi", "SET", "XXXX-WXX-3")),
])
def test_french_durations_and_sets(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(("text", "value"), [
    ("Le pays est actuellement en crise.", "PRESENT_REF"),
    ("Il avait refusé jusqu'à présent toute trêve.", "PRESENT_REF"),
    ("L'armée contrôle désormais la vieille ville.", "PRESENT_REF"),
    ("Ces villages ont été récemment bombardés.", "PAST_REF"),
])
def test_french_reference_words(text: str, value: str) -> None:
    assert one(text)[2] == value


def test_clock_time_takes_the_date_of_its_sentence() -> None:
    found = tags("La séance est fixée au jeudi 15 décembre, à 18 h et à 19 h 30.")
    assert found == [("jeudi 15 décembre", "DATE", "2016-12-15"), ("18 h", "TIME", "2016-12-15T18:00"),
                     ("19 h 30", "TIME", "2016-12-15T19:30")]


def test_clock_time_without_a_date_takes_the_publication_date() -> None:
    assert tags("Les manifestants se sont réunis à 14 h devant la mairie.") == [
        ("14 h", "TIME", "2016-12-09T14:00")]


def test_same_day_refers_to_the_last_date() -> None:
    found = tags("Un mariage aura lieu samedi 17 décembre à 15 h. Le même jour, un autre à 16 h.")
    assert ("Le même jour", "DATE", "2016-12-17") in found


def test_coordinated_days_share_the_month() -> None:
    assert tags("Le scrutin aura lieu les 6 et 13 avril prochains.") == [
        ("les 6", "DATE", "2017-04-06"), ("13 avril prochains", "DATE", "2017-04-13")]


# What is not a time expression
@pytest.mark.parametrize("text", [
    "Une fillette de 6 ans s'est noyée.",
    "Jean Dupont, 54 ans, a été blessé.",
    "La jeune fille, âgée de 17 ans, est rentrée.",
    "L'accord du Vendredi saint est menacé.",
    "Il a été élu président de la région.",
    "Un jour, il reviendra.",
    "Il y a 8.000 personnes dans le camp.",
    "Le Printemps de Bourges ouvre ses portes.",
])
def test_french_non_times(text: str) -> None:
    assert tags(text) == []


def test_years_are_not_read_inside_numbers() -> None:
    assert tags("La ville compte 1.995 habitants et 2016,5 hectares.") == []


# English: same kinds
@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen attacked the village on 9 May 2020.", ("9 May 2020", "DATE", "2020-05-09")),
    ("The ceasefire began on May 3, 2020.", ("May 3, 2020", "DATE", "2020-05-03")),
    ("The convoy left yesterday.", ("yesterday", "DATE", "2016-12-08")),
    ("The talks started two days ago.", ("two days ago", "DATE", "2016-12-07")),
    ("Troops will withdraw next week.", ("next week", "DATE", "2016-W50")),
    ("Prices rose last year.", ("last year", "DATE", "2015")),
    ("The camp was shelled last Tuesday.", ("last Tuesday", "DATE", "2016-12-06")),
    ("Shots were heard yesterday morning.", ("yesterday morning", "TIME", "2016-12-08TMO")),
    ("The curfew starts tonight.", ("tonight", "TIME", "2016-12-09TNI")),
    ("The siege lasted for three weeks.", ("three weeks", "DURATION", "P3W")),
    ("Food is delivered every day.", ("every day", "SET", "P1D")),
    ("The city has been held since 2011.", ("2011", "DATE", "2011")),
    ("Fighting peaked in early March 2019.", ("early March 2019", "DATE", "2019-03")),
    ("The region is currently calm.", ("currently", "DATE", "PRESENT_REF")),
    ("The border was closed in the 1990s.", ("the 1990s", "DATE", "199X")),
    ("The meeting was postponed to 15/12/2016.", ("15/12/2016", "DATE", "2016-12-15")),
])
def test_english_kinds(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text, "en") == expected


@pytest.mark.parametrize("text", [
    "The 38-year-old driver was arrested.",
    "The victim was 45 years old.",
    "You may leave the room.",
    "Troops march towards the border.",
])
def test_english_non_times(text: str) -> None:
    assert tags(text, "en") == []


# Anchoring and bad input
def test_no_publication_date_leaves_relative_values_unresolved() -> None:
    found = tag_times("Le maire est arrivé hier, mardi.", "fr", None)
    assert [(t.text, t.value, t.flags) for t in found] == [("hier", None, ("no-anchor",)),
                                                           ("mardi", None, ("no-anchor",))]
    assert not any(t.anchored for t in found)


def test_no_publication_date_keeps_absolute_values() -> None:
    assert tags("Il est arrivé le 9 mai 2020 et restera trois jours.", published=None) == [
        ("le 9 mai 2020", "DATE", "2020-05-09"), ("trois jours", "DURATION", "P3D")]


def test_day_without_year_and_without_anchor_is_underspecified() -> None:
    (expr,) = tag_times("Le vote a eu lieu le 15 novembre.", "fr", None)
    assert (expr.value, expr.flags) == ("XXXX-11-15", ("no-anchor",))


@pytest.mark.parametrize("text", ["Rendez-vous le 31 février.", "Rendez-vous le 31 février 2016.",
                                  "It happened on 30 February 2019."])
def test_impossible_dates_have_no_value(text: str) -> None:
    lang = "en" if text.startswith("It") else "fr"
    (expr,) = tag_times(text, lang, FRIDAY)
    assert expr.value is None and "invalid-date" in expr.flags


def test_anchored_flag_says_the_publication_date_was_used() -> None:
    found = {t.text: t for t in tag_times("Hier, en 2012, pendant deux jours.", "fr", FRIDAY)}
    assert found["Hier"].anchored and not found["2012"].anchored and not found["deux jours"].anchored


@pytest.mark.parametrize("text", ["", " ", "\n\n", "¤¤¤", "12345678901234567890", "h h h 99 h 99"])
def test_odd_input_gives_an_empty_or_sane_result(text: str) -> None:
    for expr in tag_times(text, "fr", FRIDAY):
        assert 0 <= expr.span.start < expr.span.end <= len(text)


def test_unsupported_language_gives_nothing() -> None:
    assert tag_times("gestern", "de", FRIDAY) == []


def test_long_input_stays_fast() -> None:
    text = "Le convoi est parti hier soir avec 8.000 personnes. " * 2000
    found = tag_times(text, "fr", FRIDAY)
    assert len(found) == 2000 and {t.value for t in found} == {"2016-12-08TEV"}


# Resolution, directly
def test_weekday_direction_past_future_nearest() -> None:
    thursday = TimeSpec("date", weekday=4)
    assert resolve(thursday, FRIDAY, "past").value == "2016-12-08"
    assert resolve(thursday, FRIDAY, "future").value == "2016-12-15"
    assert resolve(thursday, FRIDAY, None).value == "2016-12-08"
    saturday = TimeSpec("date", weekday=6)
    assert resolve(saturday, FRIDAY, None).value == "2016-12-10"
    assert resolve(saturday, FRIDAY, "past").value == "2016-12-03"
    assert resolve(TimeSpec("date", weekday=5), FRIDAY, "future").value == "2016-12-09"


def test_day_month_year_follows_direction() -> None:
    jan_15 = TimeSpec("date", month=1, day=15)
    assert resolve(jan_15, FRIDAY, None).value == "2017-01-15"
    assert resolve(jan_15, FRIDAY, "past").value == "2016-01-15"
    assert resolve(TimeSpec("date", month=11, day=15), FRIDAY, "future").value == "2017-11-15"


def test_weekday_helps_pick_the_year() -> None:
    # 1 June was a Tuesday in 1999: "mardi 1er juin" written in May 1999.
    assert resolve(TimeSpec("date", month=6, day=1, weekday=2), date(1999, 5, 30)).value == "1999-06-01"


@pytest.mark.parametrize(("unit", "amount", "value"), [
    ("W", 3, "P3W"), ("Y", 1.5, "P1.5Y"), ("H", 2, "PT2H"), ("MIN", 20, "PT20M"), ("D", None, "PXD")])
def test_duration_values(unit: str, amount: float | None, value: str) -> None:
    assert duration_value(unit, amount) == value


# Holidays, centuries, noon and parts of the day named alone
@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Le village fera la fête à la Pentecôte 1999.", "fr", ("Pentecôte 1999", "DATE", "1999-05-23")),
    ("Les magasins ouvriront à Noël.", "fr", ("Noël", "DATE", "2016-12-25")),
    ("La trêve court jusqu'à Pâques.", "fr", ("Pâques", "DATE", "2017-04-16")),
    ("Cette église date du XIIe siècle.", "fr", ("XIIe siècle", "DATE", "11")),
    ("The church was built in the 19th century.", "en", ("the 19th century", "DATE", "18")),
    ("The markets close on Easter Monday.", "en", ("Easter Monday", "DATE", "2017-04-17")),
])
def test_holidays_and_centuries(text: str, lang: str, expected: tuple[str, str, str]) -> None:
    assert one(text, lang) == expected


def test_a_holiday_name_before_a_surname_is_a_person() -> None:
    assert tags("Noël Mamère a pris la parole.") == []


def test_noon_and_a_part_of_day_alone() -> None:
    assert tags("Le cortège partira à midi.") == [("midi", "TIME", "2016-12-09T12:00")]
    assert tags("Le courant est revenu au cours de la nuit.") == [("la nuit", "TIME", "2016-12-09TNI")]
    assert tags("Le Midi de la France a voté.") == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ces dernières années, la ville a changé.", "fr", ("Ces dernières années", "DURATION", "PXY")),
    ("Prices rose in recent weeks.", "en", ("recent weeks", "DURATION", "PXW")),
    ("Fighting grew over the past few days.", "en", ("the past few days", "DURATION", "PXD")),
])
def test_vague_recent_periods(text: str, lang: str, expected: tuple[str, str, str]) -> None:
    assert one(text, lang) == expected


def test_mentions_of_the_same_text_asked_twice_are_the_same_and_each_caller_gets_its_own_list() -> None:
    lex = load_lexicon("fr")
    text = "Le convoi est arrivé mardi 3 mai, trois semaines après le départ."
    first = find_mentions(text, lex)
    assert [(m.start, m.end) for m in first] == [(21, 32), (34, 48)]
    first.clear()  # the times stage's list is its own: the quantities stage still gets every mention
    again = find_mentions(text, lex)
    assert [(m.start, m.end, m.rule) for m in again] == [(m.start, m.end, m.rule) for m in find_mentions(text, lex)]
    assert len(again) == 2
    other = "Le convoi est arrivé mercredi."
    assert [m.start for m in find_mentions(other, lex)] == [21]
