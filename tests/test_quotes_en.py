"""Quotes and speakers in English: the team's test set for the constructions the French gold covers."""

from datetime import date

import pytest

from sitrep import Config, Context, RawDocument
from sitrep.pipeline import analyse

pytestmark = pytest.mark.slow

STAGES = ("nlp", "entities", "quotes")

ARTICLE = "\n\n".join([
    'Talks on the northern corridor resume',
    '"The ceasefire will hold," the foreign minister, John Carver, said on Thursday. "We need more '
    'trucks and more time," he added.',
    'Carver said that the talks would resume in Geneva on Saturday. Mr Carver also told reporters '
    'the first convoy had crossed the border at dawn.',
    'The army denied that its jets had struck the market in Dalton. According to a security source, '
    'at least 12 people were killed in the strike.',
    'At least 40 houses were destroyed, according to local officials.',
    '"It is too little, too late," said one diplomat. The envoy called for a "renewal of political '
    'talks" after the meeting.',
    'The film "Desert Wind" opened in Paris on Friday, and the so-called "safe zones" were shelled '
    'again overnight.',
    'Maria Lopez, the mayor of Dalton, accused the militia of blocking the aid trucks. She '
    "threatened to close the city's markets if the roads stayed shut. “Our people are hungry,” she "
    'said.',
    'The rebels, who hold the hills above the city, claimed they had shot down a drone. “We will '
    'defend every street,” their commander, Omar Haddad, told the local radio station.',
]) + "\n"

SECOND = "\n\n".join([
    'The health ministry said on Monday that 35 patients had been evacuated from the hospital in '
    'Ravenna.',
    'Dr Helen Marsh, who runs the clinic, described the situation as "desperate". "We have no fuel, '
    'no water and no more beds," Marsh said. "Every night we lose someone.',
    '"We cannot go on like this."',
    'Her deputy, Paul Okoro, warned that supplies would run out within days.',
    '"There was no attack," said police spokesman Tom Reed. Mr Reed denied that officers had fired '
    'on the crowd.',
]) + "\n"


@pytest.fixture(scope="module")
def extract():
    ctx = Context(Config(stages=STAGES))

    def _extract(text):
        raw = RawDocument(id="t", text=text, language="en", published=date(2020, 5, 1), origin="t")
        return analyse(raw, ctx).quotes

    return _extract


@pytest.fixture(scope="module")
def quotes(extract):
    return extract(ARTICLE)


def find(quotes, words, kind):
    hits = [q for q in quotes if words in q.text and q.kind == kind]
    assert hits, f"no {kind} quote with {words!r}: {[(q.kind, q.text) for q in quotes]}"
    return hits[0]


def test_subject_before_said_with_apposed_name(quotes):
    q = find(quotes, "The ceasefire will hold", "direct")
    assert q.text == "The ceasefire will hold"  # the comma before the closing mark is not the speaker's
    assert q.speaker == "John Carver"
    assert q.verb == "say"


def test_pronoun_after_quote(quotes):
    q = find(quotes, "We need more trucks", "direct")
    assert q.speaker == "John Carver" and q.verb == "add"


def test_that_clause_and_bare_clause(quotes):
    q = find(quotes, "the talks would resume", "indirect")
    assert q.text == "the talks would resume in Geneva on Saturday"
    assert q.speaker == "John Carver"
    q = find(quotes, "the first convoy had crossed the border", "indirect")
    assert q.speaker == "John Carver" and q.verb == "tell"


def test_denial_by_an_organisation(quotes):
    q = find(quotes, "its jets had struck the market", "indirect")
    assert q.speaker == "The army" and q.verb == "deny"


def test_according_to_before_and_after(quotes):
    q = find(quotes, "at least 12 people were killed", "indirect")
    assert q.speaker == "a security source"
    q = find(quotes, "At least 40 houses were destroyed", "indirect")
    assert q.text == "At least 40 houses were destroyed"
    assert q.speaker == "local officials"


def test_inverted_said_and_unnamed_source(quotes):
    q = find(quotes, "It is too little, too late", "direct")
    assert q.speaker == "one diplomat"


def test_partial_quote_keeps_a_description_of_another_person(quotes):
    q = find(quotes, "renewal of political talks", "direct")
    assert q.speaker == "The envoy"  # not the minister named before: another office


def test_titles_and_scare_quotes_are_not_quotes(quotes):
    texts = {q.text for q in quotes}
    assert "Desert Wind" not in texts and "safe zones" not in texts


def test_accusation_threat_and_she(quotes):
    assert find(quotes, "the militia of blocking the aid trucks", "indirect").speaker == "Maria Lopez"
    threat = find(quotes, "to close the city's markets", "indirect")
    assert threat.speaker == "Maria Lopez" and threat.verb == "threaten"
    assert find(quotes, "Our people are hungry", "direct").speaker == "Maria Lopez"


def test_relative_clause_does_not_make_a_statement(quotes):
    q = find(quotes, "they had shot down a drone", "indirect")
    assert q.speaker == "The rebels"
    assert not [x for x in quotes if "who hold the hills" in x.text]
    assert find(quotes, "We will defend every street", "direct").speaker == "Omar Haddad"


def test_second_article(extract):
    quotes = extract(SECOND)
    assert find(quotes, "35 patients had been evacuated", "indirect").speaker == "The health ministry"
    assert find(quotes, "desperate", "direct").speaker == "Helen Marsh"
    assert find(quotes, "We have no fuel", "direct").speaker == "Helen Marsh"
    # a quote carried over a paragraph break by a repeated opening mark
    carried = find(quotes, "Every night we lose someone.", "direct")
    assert "We cannot go on like this." in carried.text and carried.speaker == "Helen Marsh"
    assert find(quotes, "supplies would run out", "indirect").speaker == "Paul Okoro"
    assert find(quotes, "There was no attack", "direct").speaker == "Tom Reed"
    assert find(quotes, "officers had fired on the crowd", "indirect").speaker == "Tom Reed"


def test_no_quotes_and_unbalanced_marks(extract):
    assert extract("The convoy reached the city at dawn. Roads to the north remain closed.") == ()
    quotes = extract('He said "the talks\n\nwill fail. Another paragraph follows with no marks at all.')
    assert all("\n" not in q.text for q in quotes)
