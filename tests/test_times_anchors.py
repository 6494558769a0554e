"""A timex rule is skipped only when its text cannot match: the anchors read from each pattern are right."""

from __future__ import annotations

import re

import pytest

from sitrep.extract.timex_anchors import UNSAFE, anchors, folded, may_match
from sitrep.extract.timex_grammar import _scan
from sitrep.extract.timex_lexicon import load_lexicon


def test_anchors_of_hand_written_patterns() -> None:
    assert anchors(re.compile(r"(?<!\w)(?:in|since) (?P<y>1[0-8]\d{2})(?!\w)", re.I)) == {"in", "since"}
    assert anchors(re.compile(r"(?:last )?(?P<m>march|may|june)(?: \d+)?", re.I)) == {"march", "may", "june"}
    assert anchors(re.compile(r"\d+ days? ago", re.I)) == {" day"}  # a longest required run (the s is optional)
    assert anchors(re.compile(r"(?:\d+|few) weeks", re.I)) == {" weeks"}
    assert anchors(re.compile(r"\d+(?:st|nd)?", re.I)) is None  # nothing required but digits
    assert anchors(re.compile(r"(?:x|\d)+", re.I)) is None
    assert anchors(re.compile(r"may", 0)) is None  # case-sensitive patterns are not read


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_match_of_every_rule_holds_one_of_its_anchors(lang: str) -> None:
    texts = {"en": "On Tuesday, March 3, 2015, at 10 a.m., two days ago, in the 1990s, every week since 1850; "
                   "CHRISTMAS EVE, the past few MONTHS, last spring, per day, at noon, the 19th century.",
             "fr": "Le mardi 3 mars 2015 à 10 h 30, il y a deux jours, dans les années 1990, chaque semaine depuis "
                   "1850 ; à NOËL, ces trois derniers MOIS, au printemps dernier, le lendemain, au XIXe siècle."}
    seen = 0
    for rule in load_lexicon(lang).rules:
        for m in rule.regex.finditer(texts[lang]):
            seen += 1
            assert may_match(rule.anchors, m.group(0).lower()), (rule.name, m.group(0))
    assert seen > 10


def test_lower_casing_stands_for_ignorecase_on_every_anchor_character() -> None:
    chars = {ch for lang in ("en", "fr") for rule in load_lexicon(lang).rules for a in rule.anchors or () for ch in a}
    either = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)
    for point in range(0x80, 0x20000):
        ch = chr(point)
        if either.fullmatch(ch) and ch not in UNSAFE:
            assert ch.lower() in chars, f"U+{point:04X} matches an anchor under IGNORECASE but lower-cases apart"


def test_a_text_with_an_unsafe_character_tries_every_rule() -> None:
    assert folded("Mardi") == "mardi" and folded("Sunday ſ") is None
    assert may_match(frozenset({"sunday"}), None)
    lex = load_lexicon("en")
    assert [(m.start, m.end) for m in _scan("They left on ſunday.", lex)] == \
        [(m.start, m.end) for m in _scan("They left on sunday.", lex)]
