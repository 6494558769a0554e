"""The attribute ruler's faster matcher finds spaCy's matches and gives every token the same attributes.

Docs and rulers are built by hand on a blank pipeline (no model is loaded)."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.nlp.ruler import RulerMatcher, speed_up

PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBP"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "ferries", "TAG": "NNS"}]], "attrs": {"LEMMA": "ferry"}},  # later: overrides
    {"patterns": [[{"LOWER": {"REGEX": "^(?:is|was)$"}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"LOWER": {"REGEX": "tain$"}}]], "attrs": {"MORPH": "Animacy=Anim"}},  # found anywhere
    {"patterns": [[{"DEP": {"NOT_IN": ["", "punct"]}, "TAG": "."}]], "attrs": {"DEP": "punct"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", "NNS", "VBD", "VBZ", "."]}}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"TAG": {"IN": ["VBZ"]}}, {"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"MORPH": "Polarity=Neg"},
     "index": -1},
    {"patterns": [[{"POS": "VERB", "LOWER": "sailed"}]], "attrs": {"LEMMA": "sail"}},  # POS before the ruler ran
]
WORDS = ["The", "ferries", "sailed", "late", ";", "the", "captain", "is", "gon", "na", "wait", ",", "he", "does",
         "n't", "care", "\n", "Ferries", "was", "late", "."]
TAGS = ["DT", "NNS", "VBD", "RB", ":", "DT", "NN", "VBZ", "VBG", "TO", "VB", ",", "PRP", "VBZ", "RB", "VB", "_SP",
        "NNS", "VBD", "RB", "."]
DEPS = ["det", "nsubj", "ROOT", "advmod", "punct", "det", "nsubj", "aux", "ROOT", "aux", "xcomp", "", "nsubj",
        "aux", "neg", "ccomp", "dep", "nsubj", "ROOT", "advmod", "p"]


def make(patterns: list[dict[str, Any]]) -> tuple[Any, Any]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def doc_of(nlp: Any) -> Doc:
    heads = [2, 2, 2, 2, 2, 6, 8, 8, 8, 10, 8, 8, 15, 15, 15, 8, 15, 18, 18, 18, 18]
    return Doc(nlp.vocab, words=WORDS, spaces=[w not in {"gon", "does", "\n"} for w in WORDS], tags=TAGS,
               deps=DEPS, heads=heads, pos=["NOUN" if t.startswith("NN") else "VERB" if t.startswith("VB") else "X"
                                             for t in TAGS])


def attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_same_matches_in_the_same_order_as_spacys_matcher() -> None:
    nlp, ruler = make(PATTERNS)
    doc = doc_of(nlp)
    expected = ruler.match(doc)
    assert RulerMatcher(ruler)(doc) == expected
    assert len(expected) > len(WORDS)  # several patterns meet most tokens


def test_every_token_gets_the_same_attributes() -> None:
    nlp, ruler = make(PATTERNS)
    plain = attributes(ruler(doc_of(nlp)))
    assert speed_up(nlp)
    fast = attributes(ruler(doc_of(nlp)))
    assert fast == plain
    by_text = {row[0]: row for row in fast}
    assert by_text["ferries"][4] == "ferry" and by_text["gon"][4] == "go" and by_text["na"][4] == "to"
    assert by_text["n't"][3] == "Polarity=Neg" and by_text["was"][2] == "AUX"
    assert by_text["captain"][3] == "Animacy=Anim"
    assert fast == attributes(ruler(doc_of(nlp)))  # values worked out once per token kind, kept right


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "ferry", "OP": "+"}],
    [{"ORTH": "Ferries"}],
    [{"LENGTH": {">=": 3}}],
])
def test_a_ruler_with_another_kind_of_pattern_keeps_spacys_matcher(pattern: list[dict[str, Any]]) -> None:
    nlp, ruler = make([*PATTERNS[:3], {"patterns": [pattern], "attrs": {"LEMMA": "boat"}}])
    assert not speed_up(nlp)
    assert "match" not in vars(ruler)


def test_an_empty_doc() -> None:
    nlp, ruler = make(PATTERNS)
    assert RulerMatcher(ruler)(Doc(nlp.vocab, words=[])) == []
