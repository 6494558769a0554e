"""Entity corrections, on spans written by hand (no model needed)."""

from sitrep.nlp.entities import correct_entities


def ents(text, spans, lang="fr"):
    found = []
    for piece, label in spans:
        start = text.index(piece)
        found.append((start, start + len(piece), label))
    return [(e.text, e.label) for e in correct_entities(found, text, lang)]


def test_name_split_around_particle_is_one_person():
    text = "Hier, le médiateur Jean de Villeneuve a parlé."
    assert ents(text, [("Jean", "PER"), ("Villeneuve", "ORG")]) == [("Jean de Villeneuve", "PER")]


def test_title_is_not_an_organisation():
    text = "Le ministre belge des Finances Paul Martin a signé."
    assert ents(text, [("ministre belge des Finances", "ORG"), ("Paul Martin", "PER")]) == [("Paul Martin", "PER")]


def test_organisation_cut_after_connector_is_merged():
    text = "La Conférence pour la paix en Afrique a ouvert ses portes."
    result = ents(text, [("Conférence pour la paix en", "ORG"), ("Afrique", "LOC")])
    assert result == [("Conférence pour la paix en Afrique", "ORG")]


def test_place_glued_to_a_name_is_split_when_known_elsewhere():
    text = "L'émissaire pour le Mali Karim Sow est arrivé au Mali lundi."
    first = text.index("Mali")
    second = text.index("Mali", first + 1)
    spans = [(first, text.index(" est"), "ORG"), (second, second + 4, "LOC")]
    result = [(e.text, e.label) for e in correct_entities(spans, text, "fr")]
    assert result == [("Mali", "LOC"), ("Karim Sow", "PER"), ("Mali", "LOC")]


def test_arabic_particle_name_is_a_person():
    text = "Le régime de Hassan al-Khatib a répondu."
    assert ents(text, [("Hassan al-Khatib", "LOC")]) == [("Hassan al-Khatib", "PER")]


def test_entity_never_crosses_a_paragraph_break():
    text = "Voir le site web\n\nNouvelles du jour"
    assert ents(text, [("web\n\nNouvelles", "MISC")]) == [("web", "MISC")]


def test_english_title_rule():
    text = "The spokesman Tom Reed said the talks failed."
    assert ents(text, [("spokesman Tom", "ORG"), ("Reed", "PER")], "en") == [("Tom Reed", "PER")]
