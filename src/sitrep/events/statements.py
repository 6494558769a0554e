"""Statements as events: what a speaker demands, threatens or accuses, with the quote as evidence.

The quotes stage finds who said what and through which verb; this step ties
those quotes to the events the coder found, in two ways:

* **support**: an event whose trigger is a quote's speech verb ("a exigé",
  "accused") is that statement; the quote's words join the event's evidence,
  and the quote's speaker (pronouns already resolved by the quotes stage)
  becomes the event's source when the coder found none or only a pronoun;
* **become**: a quote whose verb is an act of demand, threat or accusation
  (the ``act`` column of ``resources/<lang>/speech_verbs.tsv``) in a sentence
  where the coder found no event becomes an event of that kind, with the
  speaker as source and the quote as evidence.  Criticism, praise and
  rejection are left to the coder: alone, they are too often a tone of voice.

Plain saying ("a déclaré", "said") makes no event by itself: what was said may
hold one, which the coder finds in the quote's own words; a political act
named there with no doer of its own is the speaker's (violence is not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..records import Actor, Event, Quote, Span
from ..resources import load_table
from .actors import finish, strip_determiners
from .binding import ArticleFacts, bind_date, bind_place
from .lexicon import doc_text
from .participants import code_side

if TYPE_CHECKING:
    from ..records import Analysis

# a speech act of the verbs' lexicon -> the PLOVER type of the statement it makes
ACT_TYPES = {"demand": "REQUEST", "threaten": "THREATEN", "accuse": "ACCUSE"}
STATEMENT_CONFIDENCE = 0.45  # below a clause the coder found itself, above its weakest guesses


@lru_cache(maxsize=4)
def verb_acts(lang: str) -> dict[str, str]:
    """Speech verb lemma -> its act ("exiger" -> "demand"), from the speech verbs' lexicon."""
    return {row["lemma"]: row["act"] for row in load_table(lang, "speech_verbs") if row.get("act")}


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _covers(spans: Sequence[Span], inner: Span) -> bool:
    return any(s.start <= inner.start and inner.end <= s.end for s in spans)


def _pronoun(actor: Actor | None, doc: Any) -> bool:
    if actor is None or actor.span is None:
        return actor is None
    span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    return span is not None and all(t.pos_ == "PRON" or t.is_punct for t in span)


def speaker_actor(quote: Quote, doc: Any, lang: str, analysis: Analysis, place_country: str | None) -> Actor | None:
    """The quote's speaker as a coded actor: the words that name the speaker, coded like any actor.

    When the speaker was found through a pronoun ("a-t-il ajouté"), the quotes stage resolved it to
    a name said earlier; that earlier mention is the one coded.
    """
    if quote.speaker is None or quote.speaker_span is None:
        return None
    span = quote.speaker_span
    text = doc_text(doc)
    said = text[span.start:span.end]
    if said.strip().lower() != quote.speaker.strip().lower():
        earlier = text.rfind(quote.speaker, 0, span.start)
        if earlier >= 0:
            span = Span(earlier, earlier + len(quote.speaker))
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or len(words) == 0:
        return None
    root = words.root
    coded = code_side(doc, root.i, lang, analysis)
    if root.dep_ == "appos" and (coded is None or coded.actor.country is None):
        # "le ministre italien de la Défense, Paolo Ferri": the title says whom the name serves
        coded = code_side(doc, root.head.i, lang, analysis) or coded
    if coded is None:
        return None
    actor = finish(coded, place_country, None)
    if actor.name is None or actor.name == strip_determiners(actor.text):
        actor = replace(actor, name=quote.speaker)
    return actor


def _cue_token(doc: Any, quote: Quote) -> Any | None:
    if quote.cue_span is None:
        return None
    words = doc.char_span(quote.cue_span.start, quote.cue_span.end, alignment_mode="expand")
    return words.root if words is not None and len(words) else None


def support(events: list[Event], quotes: Sequence[Quote], doc: Any, lang: str, analysis: Analysis) -> list[Event]:
    """Each event made by a speech verb carries its quote as evidence and its speaker as source."""
    out = []
    for event in events:
        quote = next((q for q in quotes if q.cue_span is not None and event.trigger is not None
                      and _overlaps(q.cue_span, event.trigger)), None)
        if quote is None:
            out.append(event)
            continue
        evidence = event.evidence if _covers(event.evidence, quote.span) else event.evidence + (quote.span,)
        source = event.source
        if _pronoun(source, doc):
            place_country = event.place.country if event.place is not None else None
            source = speaker_actor(quote, doc, lang, analysis, place_country) or source
        out.append(replace(event, evidence=evidence, source=source))
    return out


def said_by_speaker(events: list[Event], quotes: Sequence[Quote], doc: Any, lang: str,
                    analysis: Analysis) -> list[Event]:
    """A political act named in a quote's words with no doer of its own ("« le plus urgent, c'est
    l'envoi des secours », a déclaré X") is the speaker's: who calls for it, offers it or refuses it.
    Violence is left alone: a witness who tells of an attack did not commit it."""
    out = []
    for event in events:
        quote = None
        if event.source is None and event.acled_type is None and event.trigger is not None:
            quote = next((q for q in quotes if q.speaker is not None and _covers((q.span,), event.trigger)), None)
        if quote is None:
            out.append(event)
            continue
        place_country = event.place.country if event.place is not None else None
        out.append(replace(event, source=speaker_actor(quote, doc, lang, analysis, place_country)))
    return out


def become(events: list[Event], quotes: Sequence[Quote], doc: Any, lang: str, analysis: Analysis,
           facts: ArticleFacts) -> list[Event]:
    """Statements of demand, threat or accusation in sentences where the coder found no event."""
    acts = verb_acts(lang)
    added: list[Event] = []
    for quote in quotes:
        kind = ACT_TYPES.get(acts.get(quote.verb or "", ""))
        cue = _cue_token(doc, quote)
        if kind is None or cue is None or quote.speaker is None or quote.cue_span is None:
            continue
        if any(e.trigger is not None and _overlaps(e.trigger, quote.cue_span) for e in events + added):
            continue
        sent = cue.sent
        line = Span(sent.start_char, sent.end_char)
        if any(_overlaps(s, line) for e in events + added for s in e.evidence):
            continue  # the coder already coded this sentence, from other words of it
        place, local = bind_place(doc, cue.i, facts, ())
        if not local:
            place = None  # where a statement was made is rarely the article's main place
        day, date_from = bind_date(doc, cue.i, facts)
        place_country = place.country if place is not None else None
        source = speaker_actor(quote, doc, lang, analysis, place_country)
        evidence = (line,) if _covers((line,), quote.span) else (line, quote.span)
        added.append(Event(type=kind, evidence=evidence, source=source, place=place, date=day,
                           date_from=date_from,  # type: ignore[arg-type]
                           status="occurred", trigger=quote.cue_span, confidence=STATEMENT_CONFIDENCE))
    return events + added


def with_statements(events: list[Event], analysis: Analysis, lang: str, facts: ArticleFacts) -> list[Event]:
    """The events, supported by their quotes, plus the statements that are events of their own."""
    doc = analysis.doc
    quotes = [q for q in analysis.quotes if q.cue_span is not None]
    if doc is None or not quotes:
        return events
    events = said_by_speaker(support(events, quotes, doc, lang, analysis), quotes, doc, lang, analysis)
    return become(events, quotes, doc, lang, analysis, facts)
