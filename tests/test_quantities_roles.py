"""Head nouns, units and casualty roles read from the parse, with the real spaCy pipelines.

Sentences are the team's own.  A few fast tests build Docs by hand.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep import Config, Context, RawDocument
from sitrep.extract.quantities import fatalities, tag_quantities


@pytest.fixture(scope="module")
def quantities():
    """``quantities(text, lang)`` -> [(text, value, unit, role)] through the nlp and quantities stages."""
    from sitrep.pipeline import analyse, build_pipeline

    ctx = Context(Config(stages=("clean", "nlp", "quantities")))
    stages = build_pipeline(("nlp", "quantities"))

    def _run(text: str, lang: str = "fr"):
        analysis = analyse(RawDocument(id="t", text=text, language=lang, origin="t"), ctx, stages)
        return analysis

    return _run


def test_role_from_a_hand_built_passive() -> None:
    # "12 personnes ont été tuées": the count's noun is the subject of a passive "tuer".
    doc = Doc(Vocab(), words=["12", "personnes", "ont", "été", "tuées", "."], heads=[1, 4, 4, 4, 4, 4],
              deps=["nummod", "nsubj:pass", "aux:tense", "aux:pass", "ROOT", "punct"],
              pos=["NUM", "NOUN", "AUX", "AUX", "VERB", "PUNCT"],
              lemmas=["12", "personne", "avoir", "être", "tuer", "."])
    (q,) = tag_quantities(doc.text, "fr", doc)
    assert (q.text, q.value, q.unit, q.head, q.role) == ("12 personnes", 12, "person", "personnes", "killed")


def test_role_from_a_hand_built_object() -> None:
    doc = Doc(Vocab(), words=["Gunmen", "killed", "5", "soldiers"], heads=[1, 1, 3, 1],
              deps=["nsubj", "ROOT", "nummod", "dobj"], pos=["NOUN", "VERB", "NUM", "NOUN"],
              lemmas=["gunman", "kill", "5", "soldier"])
    (q,) = tag_quantities(doc.text, "en", doc)
    assert (q.text, q.unit, q.role) == ("5 soldiers", "person", "killed")


FRENCH = [
    ("Au moins 12 personnes ont été tuées dans l'attaque.", ("Au moins 12 personnes", 12, "person", "killed")),
    ("L'explosion a fait 3 morts.", ("3 morts", 3, "person", "killed")),
    ("Les soldats ont tué cinq civils près du village.", ("cinq civils", 5, "person", "killed")),
    ("Une soixantaine de manifestants ont été arrêtés.", ("Une soixantaine de manifestants", 60, "person", "arrested")),
    ("Quelque 2 000 habitants ont fui leurs maisons.", ("Quelque 2 000 habitants", 2000, "person", "displaced")),
    ("Deux policiers ont été blessés.", ("Deux policiers", 2, "person", "injured")),
    ("Un soldat a été tué samedi.", ("Un soldat", 1, "person", "killed")),
    ("Vingt-trois personnes sont mortes dans l'incendie.", ("Vingt-trois personnes", 23, "person", "killed")),
    ("Quinze combattants ont trouvé la mort.", ("Quinze combattants", 15, "person", "killed")),
    ("Il faut organiser l'évacuation de 8.000 personnes.", ("8.000 personnes", 8000, "person", "evacuated")),
    ("Les 28 pays membres ont voté.", ("28 pays", 28, "country", None)),
    ("Le projet coûtera 3 millions d'euros.", ("3 millions d'euros", 3e6, "money", None)),
    ("Trente camions ont franchi la frontière.", ("Trente camions", 30, "vehicle", None)),
]

ENGLISH = [
    ("Gunmen killed 5 soldiers on Monday.", ("5 soldiers", 5, "person", "killed")),
    ("More than 20 protesters were arrested.", ("More than 20 protesters", 20, "person", "arrested")),
    ("A dozen civilians died in the shelling.", ("A dozen civilians", 12, "person", "killed")),
    ("Tens of thousands of people have been displaced.", ("Tens of thousands of people", 20000, "person", "displaced")),
    ("The bombing killed one child.", ("one child", 1, "person", "killed")),
    ("Police detained 40.", ("40", 40, "person", "arrested")),
    ("The deaths of 12 migrants were reported.", ("12 migrants", 12, "person", "killed")),
    ("Between 10 and 15 vehicles were destroyed.", ("Between 10 and 15 vehicles", 10, "vehicle", None)),
    ("Turnout was 65 percent.", ("65 percent", 65, "percent", None)),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french_heads_units_roles(quantities, text: str, expected: tuple) -> None:
    found = [(q.text, q.value, q.unit, q.role) for q in quantities(text, "fr").quantities]
    assert found == [expected]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_heads_units_roles(quantities, text: str, expected: tuple) -> None:
    found = [(q.text, q.value, q.unit, q.role) for q in quantities(text, "en").quantities]
    assert found == [expected]


@pytest.mark.slow
def test_killed_and_injured_in_one_sentence(quantities) -> None:
    analysis = quantities("At least 156 people were killed and 300 injured.", "en")
    assert [(q.value, q.role) for q in analysis.quantities] == [(156, "killed"), (300, "injured")]
    assert fatalities(analysis.quantities) == 156


@pytest.mark.slow
def test_ranges_and_fuzzy_counts_keep_their_bounds(quantities) -> None:
    analysis = quantities("Des dizaines de milliers de civils sont pris au piège.")
    (q,) = analysis.quantities
    assert (q.unit, q.low, q.high, q.approximate) == ("person", 20000, 99999, True)
