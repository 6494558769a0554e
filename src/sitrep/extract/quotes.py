"""Stage ``quotes``: who said what, as direct quotes and reported speech.

1. Quotation marks are paired (``quote_marks``), sentences found without letting
   a quote be cut (``quote_sentences``).
2. Speech cues (verbs, "selon"/"according to") are found outside quotes
   (``quote_cues``); each gets its speaker (``speakers``) and, when its frame
   carries one, the statement it reports, a quote of kind "indirect"
   (``quote_indirect``).
3. Each stretch between quotation marks is attributed: to the reported statement
   it stands in, to the cue next to it, to a cue of its sentence, to the subject
   before a colon, or to the speaker of the quotes just before.  Stretches that
   nothing attributes and that do not read as speech (a title, a name, a
   scare-quoted word) are not quotes.

A quote's span excludes its marks; its speaker is a name or a description, never
a pronoun; ``verb`` and ``cue_span`` give the speech verb for the events stage.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError
from ..records import Analysis, Entity, Quote, Span
from ..resources import load_column
from .quote_cues import Cue, find_cues
from .quote_indirect import Content, ContentFinder
from .quote_marks import Quoted, find_quoted
from .quote_sentences import Sentence, SentenceIndex, paragraphs, split_sentences
from .speaker_names import Speaker
from .speakers import SpeakerFinder

if TYPE_CHECKING:
    from ..pipeline import Context

SUPPORTED = ("fr", "en")
_CONTINUATION_SENTENCES = 3  # a quote standing alone keeps the speaker of quotes this close before it
_TITLE_MAX_WORDS = 6
_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "obl:agent", "agent", "nsubjpass", "ROOT"}


@dataclass
class _Report:
    cue: Cue
    speaker: Speaker | None
    content: Content | None
    sentence: int


@lru_cache(maxsize=4)
def _topic_markers(lang: str) -> tuple[tuple[str, ...], ...]:
    try:
        return tuple(tuple(m.lower().split()) for m in load_column(lang, "topic_markers"))
    except ResourceError:  # a language without the table: no topic markers
        return ()


def _nested(spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans that lie inside another (different) span of the set."""
    out = set()
    reach = -1
    for start, end in sorted(spans, key=lambda se: (se[0], -se[1])):
        if end <= reach:
            out.add((start, end))
        reach = max(reach, end)
    return out


class _TopQuotes:
    """Top-level quotes, to ask which one (if any) a character stands in."""

    def __init__(self, quoted: list[Quoted]) -> None:
        self.items = [q for q in quoted if q.depth == 0]
        self.starts = [q.open_at for q in self.items]

    def around(self, pos: int) -> Quoted | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.items[k].open_at <= pos < self.items[k].outer_end:
            return self.items[k]
        return None


class _Extractor:
    def __init__(self, doc: Any, entities: tuple[Entity, ...], lang: str, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # spaCy rebuilds Doc.text on each access
        self.lang = lang
        self.quoted = find_quoted(self.text)
        self.top = _TopQuotes(self.quoted)
        self.sentences = split_sentences(self.text, self.quoted, lang)
        self.sindex = SentenceIndex(self.sentences)
        self.paragraph_starts = [p[0] for p in paragraphs(self.text)]
        self.speakers = SpeakerFinder(doc, entities, lang, lambda pos: self.top.around(pos) is not None,
                                      lambda pos: bisect.bisect_right(self.paragraph_starts, pos), text=self.text)
        self.contents = ContentFinder(doc, self.sentences, self.quoted, lang, text=self.text)
        self.cues = find_cues(doc, lang, lambda pos: self.top.around(pos) is not None)
        self.reports: list[_Report] = []
        self.said: list[tuple[int, int, Speaker]] = []  # (position, sentence, speaker) of reports and quotes

    def sentence_of(self, pos: int) -> int:
        k = self.sindex.at(pos)
        return 0 if k is None else k

    # --- mentions a pronoun may stand for -------------------------------------------------------

    def seed_mentions(self, entities: tuple[Entity, ...]) -> None:
        """Persons named as subjects, and topics (« Quant au ministre, il ... »)."""
        sp = self.speakers
        for ent in entities:
            if ent.label != "PER":
                continue
            i = sp.ents.first_token.get(ent.span.start)
            if i is None:
                continue
            head = self.doc[i]
            while head.head.i != head.i and sp.ents.of[head.head.i] is ent:
                head = head.head
            roles = {head.dep_}
            if head.dep_ in ("appos", "nmod", "flat:name", "obl:mod", "compound"):
                roles.add(head.head.dep_)  # « le ministre ... Dominique de Villepin a estimé »
            if roles & _SUBJECT_DEPS:
                full, gender = sp.names.fullest(ent.text, ent.span.start)
                sp.note(Speaker(full, ent.span, gender, "sg", True, True))
        markers = _topic_markers(self.lang)
        lowers = [t.lower_ for t in self.doc]  # once: every marker is compared at every token
        for tok in self.doc:
            for marker in markers:
                n = len(marker)
                if tok.i + n < len(self.doc) and tuple(lowers[tok.i:tok.i + n]) == marker:
                    a = tok.i + n
                    b = a
                    while b + 1 < len(self.doc) and self.doc[b + 1].text != "," and b - a < 12:
                        b += 1
                    sp.note(sp.speaker_of_np(a, b), said=True)  # the topic outranks earlier speakers

    # --- cues and reported speech ---------------------------------------------------------------

    def _subject_first(self, cue: Cue) -> int | None:
        """First token of a subject standing right before the verb group ('"...", the minister said')."""
        if self.lang != "en":
            return None  # French puts the subject after the verb in an attribution: « ... », dit le ministre
        verb = self.doc[cue.token]
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i < cue.first and not self.top.around(child.idx):
                b = child.right_edge.i  # with its apposition: '"...", their commander, Omar Haddad, said'
                while b + 1 < cue.first and self.doc[b + 1].is_punct:
                    b += 1
                if b >= cue.first - 1:
                    return child.left_edge.i
        return None

    def collect_reports(self) -> None:
        doc = self.doc
        for cue in self.cues:  # commas before a closing cue end the statements before them
            prev = cue.first - 1
            if prev >= 0 and doc[prev].text == "," and (cue.kind == "source" or cue.clitic is not None):
                self.contents.stops.append(doc[prev].idx)
        self.contents.stops.sort()
        for cue in self.cues:
            s = self.sentence_of(doc[cue.token].idx)
            sentence = self.sentences[s] if self.sentences else Sentence(0, len(self.text), 0)
            if cue.kind == "source":
                content = self.contents.for_source(cue, sentence)
                if content is None:
                    continue
                speaker = self.speakers.after_source(cue)
                if cue.needs_source and not self._names_source(cue):
                    continue
            else:
                content = self.contents.statement_before(cue, sentence, self._subject_first(cue))
                inverted = content is not None or self._attributes_quote(cue)
                verb = doc[cue.token]
                bare = verb.morph.get("VerbForm") == ["Part"] and cue.first == cue.token and cue.clitic is None
                speaker = None if bare and verb.morph.get("Tense") == ["Past"] else self.speakers.of_cue(cue, inverted)
                if content is None:
                    content = self.contents.statement_after(cue, sentence)
            if speaker is not None:
                exclude = Span(content.start, content.end) if content is not None else None
                speaker = self.speakers.named_antecedent(speaker, exclude)
                if cue.kind == "verb" and not self._plausible(speaker):
                    continue  # « Deux gaffes récentes témoignent ... »: no one speaks
            elif cue.kind == "verb" and cue.clitic is None and doc[cue.token].morph.get("VerbForm") != ["Fin"]:
                speaker = self._recent_speaker(doc[cue.token].idx, s)  # « Mais plaidant aussi ... »
            if speaker is not None and speaker.span is not None:
                self.speakers.note(speaker, doc[cue.first].idx, said=True)
            self.reports.append(_Report(cue, speaker, content, s))
            if speaker is not None and speaker.text is not None:
                self.said.append((doc[cue.token].idx, s, speaker))

    def _names_source(self, cue: Cue) -> bool:
        doc = self.doc
        b = cue.last + 1
        while b < len(doc) and doc[b].text != "," and b - cue.last < 10:
            b += 1
        return self.speakers.plausible(cue.last + 1, b - 1)

    def _attributes_quote(self, cue: Cue) -> bool:
        j = cue.first - 1
        while j >= 0 and (self.doc[j].is_space or self.doc[j].text == ","):
            j -= 1
        return j >= 0 and self.top.around(self.doc[j].idx) is not None

    def indirect_quotes(self) -> list[Quote]:
        out = []
        nested = _nested({(r.content.start, r.content.end) for r in self.reports if r.content is not None})
        for r in self.reports:
            c = r.content
            if c is None or self.contents.only_a_quote(c.start, c.end):
                continue
            if (c.start, c.end) in nested:
                continue  # a report inside a report: the outer statement is the quote
            out.append(self._quote(Span(c.start, c.end), "indirect", r.speaker, r.cue))
        return out

    def _quote(self, span: Span, kind: str, speaker: Speaker | None, cue: Cue | None) -> Quote:
        doc = self.doc
        cue_span = None
        if cue is not None:
            cue_span = Span(doc[cue.token].idx, doc[cue.token].idx + len(doc[cue.token].text))
        return Quote(span=span, text=self.text[span.start:span.end], kind=kind,  # type: ignore[arg-type]
                     speaker=speaker.text if speaker else None,
                     speaker_span=speaker.span if speaker and speaker.text else None,
                     verb=cue.lemma if cue is not None else None, cue_span=cue_span)

    # --- direct quotes --------------------------------------------------------------------------

    def index_reports(self) -> None:
        self.report_starts = [self.doc[r.cue.first].idx for r in self.reports]
        self.by_sentence: dict[int, list[_Report]] = {}
        for r in self.reports:
            self.by_sentence.setdefault(r.sentence, []).append(r)

    def _cue_right_after(self, q: Quoted) -> _Report | None:
        """« ... », a déclaré X / '"...," she said': the cue that follows the closing mark."""
        doc, text = self.doc, self.text
        end = q.outer_end
        k = bisect.bisect_left(self.report_starts, end)
        for r in self.reports[k:k + 2]:
            if r.cue.kind != "verb":
                continue
            start = doc[r.cue.first].idx
            subject = self._subject_first(r.cue)
            if subject is not None and doc[subject].idx >= end:
                start = doc[subject].idx
            between = text[end:start]
            if between.strip(" ,\u00a0") == "" and "\n" not in between:
                return r
        return None

    def _cue_right_before(self, q: Quoted, s: int) -> _Report | None:
        """« un chiffre que les pompiers jugent « sous-estimé » »: a verb just before the opening mark."""
        for r in reversed(self.by_sentence.get(s, [])):
            last = self.doc[r.cue.last]
            if last.idx >= q.open_at:
                continue
            between = self._tokens(last.idx + len(last.text), q.open_at)
            if r.cue.kind == "verb" and len(between) <= 2 and all(
                    t.pos_ in ("DET", "ADP", "SPACE") or t.text == ":" for t in between) and not self._title_like(q, s):
                return r
            return None
        return None

    def _cue_in_sentence(self, q: Quoted, s: int) -> tuple[_Report | None, bool]:
        """The cue of the quote's sentence: the nearest one before it (True), else after it (False)."""
        here = self.by_sentence.get(s, [])
        before = [r for r in here if self.doc[r.cue.last].idx < q.open_at]
        if before:
            return before[-1], True
        after = [r for r in here if self.doc[r.cue.first].idx >= q.outer_end]
        return (after[0], False) if after else (None, False)

    def _in_report(self, q: Quoted, s: int) -> _Report | None:
        """The reported statement (of the quote's sentence) the quote stands in."""
        for r in self.by_sentence.get(s, []):
            c = r.content
            if c is not None and c.start <= q.open_at and q.outer_end <= c.end + 1:
                return r
        return None

    def _tokens(self, start: int, end: int) -> list[Any]:
        return self.contents._tokens(start, end)

    def _title_like(self, q: Quoted, s: int) -> bool:
        """« Le Monde », « Les nuits de la pleine lune »: a capitalised name, no verb, inside a sentence."""
        inner = self.text[q.start:q.end]
        toks = [t for t in self._tokens(q.start, q.end) if not t.is_punct]
        if not inner[:1].isupper() or len(toks) > _TITLE_MAX_WORDS:
            return False
        if any(t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"] for t in toks):
            return False
        if any(t.morph.get("Person") == ["1"] or t.morph.get("Person") == ["2"] for t in toks):
            return False  # « Je ne sais pas »
        before = self.text[self.sentences[s].start:q.open_at].strip() if self.sentences else ""
        return not before.endswith((":", "—", "–"))

    def _plausible(self, speaker: Speaker | None) -> bool:
        if speaker is None or speaker.span is None or speaker.text is None:
            return False
        if speaker.is_name:
            return True
        a = self.contents._token_at(speaker.span.start)
        b = self.contents._token_at(speaker.span.end)
        return a is not None and b is not None and self.speakers.plausible(a, b - 1)

    def _colon_subject(self, q: Quoted, s: int) -> Speaker | None:
        """« Courbis se sait menacé : « ... » »: the subject of the clause before the colon."""
        start = self.sentences[s].start if self.sentences else 0
        before = self.text[start:q.open_at].rstrip()
        if not before.endswith(":"):
            return None
        toks = self._tokens(start, q.open_at)
        verbs = [t for t in toks if t.pos_ in ("VERB", "AUX") and not t.dep_.startswith("aux")]
        for verb in reversed(verbs):
            sp = self.speakers.dep_subject(verb)
            if self._plausible(sp):
                return self.speakers.named_antecedent(sp, None)  # type: ignore[arg-type]
        return None

    def _sentence_subject(self, q: Quoted, s: int) -> Speaker | None:
        """The subject of the quote's sentence, or the first person it names before the quote."""
        start = self.sentences[s].start if self.sentences else 0
        toks = self._tokens(start, q.open_at)
        for t in toks:
            if t.dep_ in ("nsubj", "expl:subj") and t.head.i >= toks[0].i:
                sp = self.speakers._from_subject(t, t.head)
                if self._plausible(sp):
                    return self.speakers.named_antecedent(sp, None)  # type: ignore[arg-type]
        for t in toks:
            ent = self.speakers.ents.of[t.i]
            if ent is not None and ent.label == "PER":
                full, gender = self.speakers.names.fullest(ent.text, ent.span.start)
                return Speaker(full, ent.span, gender, "sg", True)
        return None

    def _speech_like(self, q: Quoted) -> bool:
        """A full statement: a verb among four words or more, or the speaker's « je », « nous »."""
        toks = self._tokens(q.start, q.end)
        if any(t.pos_ == "PRON" and t.morph.get("Person") in (["1"], ["2"]) for t in toks):
            return True
        return len(toks) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in toks)

    def _recent_speaker(self, pos: int, s: int) -> Speaker | None:
        """The speaker of the last report or quote before ``pos``, if within a few sentences."""
        best: tuple[int, Speaker] | None = None
        for at, sent, speaker in self.said:
            if at < pos and s - sent <= _CONTINUATION_SENTENCES and (best is None or at > best[0]):
                best = (at, speaker)
        return best[1] if best else None

    def direct_quotes(self) -> list[Quote]:
        out: list[Quote] = []
        for q in self.top.items:
            s = self.sentence_of(q.open_at)
            report = self._cue_right_after(q) or self._cue_right_before(q, s) or self._in_report(q, s)
            speaker: Speaker | None = None
            attributed = report is not None
            if report is None:
                report, _ = self._cue_in_sentence(q, s)
                attributed = report is not None and not self._title_like(q, s)
            if attributed and report is not None:
                speaker = report.speaker
            elif q.closed and not self._title_like(q, s):
                report = None
                speaker = self._colon_subject(q, s)
                if speaker is None and self._starts_sentence(q, s):
                    speaker = self._recent_speaker(q.open_at, s)
                words = len(self._tokens(q.start, q.end))
                if speaker is None and words >= 3:
                    speaker = self._sentence_subject(q, s)
                if speaker is None:
                    speaker = self._recent_speaker(q.open_at, s) if s > 0 else None
                attributed = (speaker is not None and words >= 3) or self._speech_like(q)
            else:
                report = None
            if not attributed:
                continue
            end = q.end
            while end > q.start and self.text[end - 1] in ",;:":
                end -= 1  # '"We will win," he said': the comma belongs to the sentence, not the words
            out.append(self._quote(Span(q.start, end), "direct", speaker, report.cue if report else None))
            if speaker is not None and speaker.text is not None:
                self.said.append((q.open_at, s, speaker))
                self.speakers.note(speaker, q.open_at, said=True)
        return out

    def _starts_sentence(self, q: Quoted, s: int) -> bool:
        return not self.sentences or self.text[self.sentences[s].start:q.open_at].strip() == ""

    def run(self, entities: tuple[Entity, ...]) -> list[Quote]:
        self.seed_mentions(entities)
        self.collect_reports()
        self.index_reports()
        found = self.indirect_quotes() + self.direct_quotes()
        unique: dict[tuple[int, int, str], Quote] = {}
        for quote in found:
            unique.setdefault((quote.span.start, quote.span.end, quote.kind), quote)
        return sorted(unique.values(), key=lambda x: (x.span.start, x.span.end, x.kind))


def extract_quotes(doc: Any, entities: tuple[Entity, ...], lang: str) -> list[Quote]:
    """Direct and indirect quotes of a parsed document, with speakers."""
    if doc is None or lang not in SUPPORTED:
        return []
    text = doc.text  # built once: spaCy joins the tokens again at every access
    if not text.strip():
        return []
    return _Extractor(doc, entities, lang, text).run(entities)


def quotes_stage(analysis: Analysis, ctx: Context) -> Analysis:
    lang = analysis.article.language or "en"
    notes = analysis.notes
    if lang not in SUPPORTED:
        notes = (*notes, f"quotes: language {lang!r} is not supported; no quotes extracted")
    quotes = extract_quotes(analysis.doc, analysis.entities, lang)
    return replace(analysis, quotes=tuple(quotes), notes=notes)
