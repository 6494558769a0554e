"""A surname alone in the actor dictionary ("Clinton") names its person, not a namesake with another first name."""

import pytest

from sitrep.events.actors import another_person, dictionary_match


@pytest.mark.parametrize("text,lang", [
    ("George Clinton a donné un concert à Détroit.", "fr"),
    ("Bobby Fischer won the game in twelve moves.", "en"),
    ("Chelsea Clinton opened the new library.", "en"),
])
def test_another_first_name_is_another_person(text, lang):
    assert dictionary_match(text, lang) is None


@pytest.mark.parametrize("text,lang", [
    ("le président Clinton a reçu les négociateurs", "fr"),
    ("Selon Clinton, un accord reste possible.", "fr"),
    ("President Clinton met the negotiators.", "en"),
    ("M. Fischer a défendu la position allemande.", "fr"),
    ("When Clinton arrived, the talks resumed.", "en"),
    ("Clinton a signé le texte.", "fr"),
])
def test_a_title_or_a_common_word_before_the_surname_keeps_the_person(text, lang):
    entry = dictionary_match(text, lang)
    assert entry is not None and entry.name in ("Bill Clinton", "Joschka Fischer")


def test_the_full_name_still_matches():
    assert dictionary_match("Joschka Fischer est arrivé à Paris.", "fr").name == "Joschka Fischer"


def test_the_word_before_decides():
    assert another_person("George Clinton", 7, "en")
    assert not another_person("President Clinton", 10, "en")
    assert not another_person("the president, Clinton", 16, "en")  # a comma between: no first name
