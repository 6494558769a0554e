"""Numbers and quantities without a spaCy model: formats, fuzzy counts, bounds, ranges, percentages.

Sentences are the team's own.  Head nouns and roles read from the parse are in
test_quantities_roles.py.
"""

from __future__ import annotations

import pytest

from sitrep.extract.numbers import parse_digits, parse_number, parse_words
from sitrep.extract.numbers_grammar import find_counts
from sitrep.extract.quantities import fatalities, tag_quantities
from sitrep.records import Quantity, Span


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("8.000", "fr", 8000), ("8 000", "fr", 8000), ("8\u202f000", "fr", 8000), ("1,5", "fr", 1.5),
    ("60.082.000", "fr", 60082000), ("8,000", "en", 8000), ("1.5", "en", 1.5), ("1,234,567", "en", 1234567),
    ("0,38", "fr", 0.38),
])
def test_digits_in_each_language(text: str, lang: str, value: float) -> None:
    assert parse_digits(text, lang) == value


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("vingt-trois", "fr", 23), ("soixante-dix", "fr", 70), ("quatre-vingt-dix-sept", "fr", 97),
    ("quatre-vingts", "fr", 80), ("vingt et un", "fr", 21), ("deux cents", "fr", 200), ("trois mille", "fr", 3000),
    ("deux millions", "fr", 2_000_000), ("twenty-one", "en", 21), ("two hundred and five", "en", 205),
    ("three thousand", "en", 3000),
])
def test_number_words(text: str, lang: str, value: float) -> None:
    assert parse_words(text, lang) == value


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("1,5 million", "fr", 1_500_000), ("2.5 billion", "en", 2_500_000_000), ("12", "fr", 12), ("douze", "fr", 12)])
def test_number_with_scale(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang) == value


@pytest.mark.parametrize("text", ["8.0000", "1e400", "", "vingt banane", "9" * 30])
def test_bad_numbers_are_refused(text: str) -> None:
    assert parse_number(text, "fr") is None


def count(text: str, lang: str = "fr") -> tuple[str, float | None, float | None, float | None, bool, str | None]:
    found = find_counts(text, lang)
    assert len(found) == 1, [(text[c.start:c.end], c) for c in found]
    c = found[0]
    return text[c.start:c.end], c.value, c.low, c.high, c.approximate, c.unit


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("une soixantaine de blessés", "fr", ("une soixantaine", 60, None, None, True, None)),
    ("des dizaines de milliers de civils", "fr", ("des dizaines de milliers", 20000, 20000, 99999, True, None)),
    ("des milliers de civils", "fr", ("des milliers", 2000, 2000, 9999, True, None)),
    ("plusieurs centaines de soldats", "fr", ("plusieurs centaines", 200, 200, 999, True, None)),
    ("au moins 156 morts", "fr", ("au moins 156", 156, 156, None, False, None)),
    ("moins de 20 personnes", "fr", ("moins de 20", 20, None, 20, False, None)),
    ("environ 300 habitants", "fr", ("environ 300", 300, None, None, True, None)),
    ("entre 10 et 20 morts", "fr", ("entre 10 et 20", 10, 10, 20, True, None)),
    ("10 à 15.000 enfants", "fr", ("10 à 15.000", 10000, 10000, 15000, True, None)),
    ("2 à 3 millions de réfugiés", "fr", ("2 à 3 millions", 2e6, 2e6, 3e6, True, None)),
    ("15%", "fr", ("15%", 15, None, None, False, "percent")),
    ("85 %", "fr", ("85 %", 85, None, None, False, "percent")),
    ("15 pour cent", "fr", ("15 pour cent", 15, None, None, False, "percent")),
    ("at least 156 people", "en", ("at least 156", 156, 156, None, False, None)),
    ("more than 20 soldiers", "en", ("more than 20", 20, 20, None, False, None)),
    ("a dozen civilians", "en", ("a dozen", 12, None, None, True, None)),
    ("tens of thousands of people", "en", ("tens of thousands", 20000, 20000, 99999, True, None)),
    ("between 10 and 20 vehicles", "en", ("between 10 and 20", 10, 10, 20, True, None)),
    ("15 percent", "en", ("15 percent", 15, None, None, False, "percent")),
    ("$5 million", "en", ("$5 million", 5e6, None, None, False, "money")),
])
def test_count_forms(text: str, lang: str, expected: tuple) -> None:
    assert count(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Voir page 12.", "fr"), ("L'article 49 a été utilisé.", "fr"), ("La COVID-19 progresse.", "en"),
    ("Il a pris l'A10.", "fr"), ("See page 4.", "en"),
])
def test_identifiers_are_not_counts(text: str, lang: str) -> None:
    assert find_counts(text, lang) == []


def qs(text: str, lang: str = "fr") -> list[tuple[str, float | None, str, str | None]]:
    return [(q.text, q.value, q.unit, q.role) for q in tag_quantities(text, lang)]


def test_head_noun_and_unit_without_a_parse() -> None:
    assert qs("Une colonne de 8.000 personnes quittera la ville.") == [("8.000 personnes", 8000, "person", None)]
    assert qs("Les 193 pays de l'assemblée voteront.") == [("193 pays", 193, "country", None)]
    assert qs("The blast left 4 dead.", "en") == [("4 dead", 4, "person", "killed")]


def test_years_dates_times_and_durations_are_not_quantities() -> None:
    text = "En 2012, le 15 novembre à 18 h, pendant trois semaines, 12 soldats sont morts."
    assert [q.text for q in tag_quantities(text, "fr")] == ["12 soldats"]


def test_articles_are_not_counts_without_a_casualty_word() -> None:
    assert qs("Un soldat regarde une carte.") == []
    assert qs("L'attentat n'a fait aucun mort.") == [("aucun mort", 0, "person", "killed")]


def test_fractions_are_not_counts() -> None:
    assert qs("Les deux tiers des habitants sont partis.") == []


def test_ordinals_are_not_counts() -> None:
    assert qs("Le 2e régiment et la 3ème compagnie sont arrivés.") == []


def test_spans_point_into_the_text() -> None:
    text = "Bilan : au moins 12 morts et 30 blessés."
    for q in tag_quantities(text, "fr"):
        assert text[q.span.start:q.span.end] == q.text


@pytest.mark.parametrize("text", ["", "   ", "%%%", "1" * 5000, "de de de 5 5 5 à à à", "9" * 40 + " morts"])
def test_odd_input_gives_an_empty_or_sane_result(text: str) -> None:
    for q in tag_quantities(text, "fr"):
        assert q.value is None or q.value <= 1e15


def _q(start: int, end: int, value: float, role: str | None) -> Quantity:
    return Quantity(Span(start, end), "x", value, "person", role=role)


def test_fatalities_counts_killed_only_inside_the_span() -> None:
    found = [_q(0, 5, 12, "killed"), _q(10, 15, 30, "injured"), _q(100, 105, 4, "killed")]
    assert fatalities(found, Span(0, 50)) == 12
    assert fatalities(found) == 12
    assert fatalities(found, combine="sum") == 16
    assert fatalities(found, Span(20, 50)) is None
    assert fatalities([_q(0, 5, 0, "killed")]) == 0
