"""Quote building blocks that need no spaCy model: quotation marks, sentences, lexicons."""

import pytest

from sitrep.extract.quote_cues import grammar, lexicon, speech_act
from sitrep.extract.quote_marks import MAX_QUOTE_CHARS, find_quoted
from sitrep.extract.quote_sentences import paragraphs, split_sentences
from sitrep.extract.quotes import _nested, extract_quotes
from sitrep.resources import load_table


def inner(text):
    return [(text[q.start:q.end], q.depth, q.closed) for q in find_quoted(text)]


@pytest.mark.parametrize("text, expected", [
    ("Il a dit «oui» hier.", "oui"),
    ("Il a dit « oui » hier.", "oui"),
    ("She said “yes” today.", "yes"),
    ('She said "yes" today.', "yes"),
    ("Er sagte „ja“ heute.", "ja"),
    ("Il a dit ‹ peut-être › hier.", "peut-être"),
    ("She said ‘maybe’ today.", "maybe"),
])
def test_every_convention_gives_the_words_without_marks(text, expected):
    assert inner(text) == [(expected, 0, True)]


def test_apostrophes_are_not_quotation_marks():
    assert inner("It’s the ‘best’ plan, they don’t say.") == [("best", 0, True)]
    assert inner("L’armée n’a rien dit.") == []


def test_a_quote_inside_a_quote_has_depth_one():
    assert inner("Il a dit « j'ai lu “la fin” hier » puis il est parti.") == [
        ("j'ai lu “la fin” hier", 0, True), ("la fin", 1, True)]


def test_an_unbalanced_mark_stops_at_its_paragraph_end():
    text = "Il a dit « oui sans fin\n\nLe paragraphe suivant reste hors de la citation. « Autre » fin."
    found = inner(text)
    assert found[0] == ("oui sans fin", 0, False)
    assert ("Autre", 0, True) in found


def test_a_quote_carried_over_paragraphs_by_a_repeated_mark():
    text = "« Premier paragraphe.\n« Second paragraphe. » Fin."
    assert inner(text) == [("Premier paragraphe.\n« Second paragraphe.", 0, True)]


def test_no_quote_runs_past_the_length_cap():
    text = "« " + "mot " * (MAX_QUOTE_CHARS // 2)
    (quote,) = find_quoted(text)
    assert quote.end - quote.start <= MAX_QUOTE_CHARS + 1 and not quote.closed


def test_five_hundred_paragraphs_of_unbalanced_marks_stay_in_their_paragraphs():
    paras = [f"Ligne {i} « ouverte sans fin" if i % 2 else f"Ligne {i} « fermée » ici." for i in range(500)]
    text = "\n\n".join(paras)
    found = find_quoted(text)
    assert len(found) == 500
    for q in found:
        assert "\n" not in text[q.start:q.end]


def test_text_without_marks_has_no_quotes():
    assert find_quoted("") == []
    assert find_quoted("Rien à citer ici. Ni là.") == []


def test_sentences_keep_a_quoted_statement_with_its_attribution():
    text = "« Nous partons. Tout est fini », a dit M. Durand. Le convoi est parti.\nNouveau paragraphe."
    sents = [text[s.start:s.end] for s in split_sentences(text, find_quoted(text), "fr")]
    assert sents == ["« Nous partons. Tout est fini », a dit M. Durand.", "Le convoi est parti.",
                     "Nouveau paragraphe."]


def test_sentences_never_cross_a_paragraph():
    text = "Titre sans point\n\nPremière phrase. Deuxième phrase"
    spans = split_sentences(text, [], "fr")
    assert [text[s.start:s.end] for s in spans] == ["Titre sans point", "Première phrase.", "Deuxième phrase"]
    assert [s.paragraph for s in spans] == [0, 1, 1]
    assert paragraphs("a\n\n  b \n") == [(0, 1), (5, 6)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_speech_lexicons_load_with_known_frames(lang):
    known = {"clause", "inf", "to_inf", "np", "np_of", "np_to", "quote", "inv"}
    lex = lexicon(lang)
    entries = [e for group in lex.by_lemma.values() for e in group]
    assert len(entries) > 50
    for entry in entries:
        assert entry.frames and entry.frames <= known, entry
        assert entry.act
    assert lex.sources


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["speech_verbs", "source_cues", "source_nouns", "speaker_pronouns",
                                  "sentence_abbreviations", "topic_markers", "quote_grammar"])
def test_quote_resources_are_tables(lang, name):
    assert load_table(lang, name)


def test_inflected_forms_are_derived_for_regular_verbs():
    forms = lexicon("fr").by_form
    assert any(e.lemma == "répéter" for e in forms["répète"])
    assert any(e.lemma == "annoncer" for e in forms["annonçait"])
    assert any(e.lemma == "deny" for e in lexicon("en").by_form["denied"])


def test_speech_acts_for_events():
    assert speech_act("fr", "démentir") == "deny"
    assert speech_act("fr", "menacer") == "threaten"
    assert speech_act("en", "demand") == "demand"
    assert speech_act("fr", "selon") == "say"
    assert speech_act("fr", None) is None


def test_grammar_words_by_role():
    assert "que" in grammar("fr", "complementiser")
    assert "that" in grammar("en", "complementiser")
    assert grammar("fr", "no such role") == frozenset()


def test_nested_reports_are_found():
    assert _nested({(0, 100), (10, 20), (50, 100), (200, 210)}) == {(10, 20), (50, 100)}


def test_no_document_no_quotes():
    assert extract_quotes(None, (), "fr") == []
