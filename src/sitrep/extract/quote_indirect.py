"""What a speech cue reports: the content of reported speech (quotes of kind "indirect").

The content is what the verb's frame says it takes, and runs to the end of the
clause (never past its sentence):

- a statement placed before the cue: « Le plan a échoué, a déclaré le ministre »
  (from the sentence start to the comma);
- a que-clause (« a annoncé que ... »; English "said (that) ...");
- an infinitive (« a reconnu avoir tiré »), de + infinitive (« a menacé de ... »),
  object + de/à + infinitive (« a accusé l'armée d'avoir ... »), or a noun phrase
  (« a annoncé un cessez-le-feu »);
- a source preposition: « Selon X, ... » or « ..., selon X. ».

A statement that is nothing but one direct quote is left to the direct quote.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from .quote_cues import Cue, grammar, word
from .quote_marks import Quoted
from .quote_sentences import Sentence

_OPENING = "«“„‹\"‘"
_CLOSING = "»”›\"’"
_MAX_CONTENT = 1500
_ADJUNCT_DEPS = {"obl:mod", "obl:tmod", "npadvmod", "advmod", "nmod:tmod"}


@dataclass(frozen=True, slots=True)
class Content:
    start: int
    end: int
    before: bool  # the statement stands before its cue (« ..., a déclaré X »)


def _finite(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX") and (tok.morph.get("VerbForm") == ["Fin"] or tok.tag_ in (
        "VBD", "VBZ", "VBP", "MD"))


def _nonfinite_verb(tok: Any) -> bool:
    """An infinitive or a present participle (« souhaitant »); past participles are often adjectives."""
    return tok.pos_ in ("VERB", "AUX") and (tok.morph.get("VerbForm") == ["Inf"] or (
        tok.morph.get("VerbForm") == ["Part"] and tok.morph.get("Tense") == ["Pres"]) or tok.tag_ == "VBG")


def _negated(verb: Any, lang: str) -> bool:
    negation = grammar(lang, "negation")
    return any(c.dep_ == "neg" or c.morph.get("Polarity") == ["Neg"] or word(c) in negation for c in verb.children)


def _infinitive(tok: Any, lang: str) -> bool:
    if lang == "en":
        return tok.tag_ == "VBG" or (tok.tag_ == "VB" and tok.pos_ in ("VERB", "AUX"))
    return tok.pos_ in ("VERB", "AUX") and tok.morph.get("VerbForm") == ["Inf"]


class ContentFinder:
    def __init__(self, doc: Any, sentences: list[Sentence], quoted: list[Quoted], lang: str,
                 text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # spaCy rebuilds Doc.text on each access
        self.lang = lang
        self.sentences = sentences
        self.quoted = [q for q in quoted if q.depth == 0]
        self._opens = [q.open_at for q in self.quoted]
        self.stops: list[int] = []  # commas before cues that close a statement; set by the stage

    # --- helpers ------------------------------------------------------------------------------

    def in_quote(self, pos: int) -> Quoted | None:
        k = bisect.bisect_right(self._opens, pos) - 1
        if k >= 0 and self.quoted[k].open_at <= pos < self.quoted[k].outer_end:
            return self.quoted[k]
        return None

    def only_a_quote(self, start: int, end: int) -> bool:
        """Whether [start, end) is one direct quote, give or take an article or a preposition before it."""
        k = bisect.bisect_left(self._opens, start)
        if k < len(self.quoted) and self.quoted[k].outer_end <= end + 1:
            q = self.quoted[k]
            outside = (self.text[start:q.open_at] + " " + self.text[q.outer_end:end]).strip(" ,.;:!?\u00a0")
            return len(outside.split()) <= 1 and len(outside) <= 5
        return False

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ",;:-–—"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.-–—"):
            end -= 1
        return start, end

    def clause_end(self, start: int, sentence: Sentence, soft: bool) -> int:
        """Where a statement starting at ``start`` stops: its sentence's end, a colon before a quote,
        a semicolon, a cue closing the sentence; for ``soft`` clauses also a comma before an aside."""
        text = self.text
        end = sentence.end
        for stop in self.stops:
            if start < stop < end:
                end = stop
                break
        i = start
        while i < end:
            ch = text[i]
            q = self.in_quote(i) if ch in _OPENING else None
            if q is not None and q.open_at == i:
                i = q.outer_end
                continue
            if ch == ";":
                return i
            if ch == ":":
                k = i + 1
                while k < end and text[k].isspace():
                    k += 1
                if k < end and text[k] in _OPENING:
                    return i
            if soft and ch == "," and self._aside_after(i):
                return i
            i += 1
        return end

    def _aside_after(self, i: int) -> bool:
        """A comma followed by a preposition or a subordinating word: « ..., au bout de deux jours »."""
        doc = self.doc
        k = self._token_at(i + 1)
        while k is not None and k < len(doc) and doc[k].is_space:
            k += 1
        if k is None or k >= len(doc):
            return False
        tok = doc[k]
        if tok.pos_ in ("VERB", "AUX") and _nonfinite_verb(tok):
            return True  # « ..., souhaitant que ... »
        return tok.pos_ in ("ADP", "SCONJ") and word(tok) not in grammar(self.lang, "of")

    def _token_at(self, pos: int) -> int | None:
        doc = self.doc
        lo, hi = 0, len(doc)
        while lo < hi:
            mid = (lo + hi) // 2
            if doc[mid].idx < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(doc) else None

    def _skip_adjuncts(self, j: int, limit: int) -> int:
        """Skip adverbs, time words and comma-bounded asides after a verb (« a estimé hier, à Paris, que »)."""
        doc = self.doc
        times = grammar(self.lang, "time")
        while j < limit:
            tok = doc[j]
            if tok.pos_ in ("ADV", "PART") and word(tok) not in grammar(self.lang, "complementiser") \
                    and word(tok) not in grammar(self.lang, "to_infinitive") or tok.is_space or word(tok) in times:
                j += 1
            elif tok.pos_ == "ADP" and j + 1 < limit and word(doc[j + 1]) in times:
                j += 2  # "announced on Sunday"
            elif tok.dep_ in _ADJUNCT_DEPS and tok.pos_ in ("NOUN", "PROPN") \
                    and tok.i - tok.left_edge.i <= 1 and tok.right_edge.i - tok.i <= 2:
                j = tok.right_edge.i + 1  # « jeudi soir », "on Monday"
            elif tok.text == ",":
                k = j + 1
                while k < limit and k - j < 10 and doc[k].text != ",":
                    k += 1
                if k < limit and doc[k].text == ",":
                    j = k + 1
                else:
                    return j
            else:
                return j
        return j

    # --- the cue's statement ------------------------------------------------------------------

    def statement_before(self, cue: Cue, sentence: Sentence, subject_first: int | None) -> Content | None:
        """« ... », a déclaré X / « ..., a-t-il dit »: the statement from the sentence start to the cue."""
        doc = self.doc
        verb = doc[cue.token]
        if cue.first == cue.token and cue.clitic is None and verb.morph.get("VerbForm") in (["Part"], ["Inf"]):
            return None  # « ..., qualifiés de ... »: a participle, not an inverted attribution
        first = cue.first if subject_first is None else subject_first
        if cue.clitic is None and any(c.dep_ == "nsubj" and c.i < first and not c.lower_.startswith("-")
                                      and self.in_quote(c.idx) is None for c in verb.children):
            return None  # the subject stands before the statement: « X, qui ..., a déclaré »
        j = first - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        if j < 0 or doc[j].idx < sentence.start:
            return None
        nxt = cue.last + 1
        if nxt < len(doc) and (word(doc[nxt]) in grammar(self.lang, "complementiser") or doc[nxt].text == ":"):
            return None
        mark = doc[j].text
        if not (mark in (",", ":") or mark[-1:] in _CLOSING or cue.clitic is not None):
            return None
        end = doc[j].idx if mark in (",", ":") else doc[j].idx + len(mark)
        start, end = self._trim(self.after_colon(sentence.start, end), end)
        if end <= start:
            return None
        if not any(_finite(t) for t in self._tokens(start, end)) and not self._quoted_at(start, end):
            return None  # « Le président, Robert X, a estimé ... »: a noun phrase, not a statement
        return Content(start, end, True)

    def after_colon(self, start: int, end: int) -> int:
        """Start of a statement that closes its sentence: after the last colon outside quotes, if any."""
        i = end - 1
        while i > start:
            ch = self.text[i]
            if ch == ":" and self.in_quote(i) is None:
                return i + 1
            i -= 1
        return start

    def _quoted_at(self, start: int, end: int) -> bool:
        q = self.in_quote(max(start - 1, 0)) or self.in_quote(start)
        return q is not None and q.outer_end >= end

    def _tokens(self, start: int, end: int) -> list[Any]:
        k = self._token_at(start)
        out = []
        while k is not None and k < len(self.doc) and self.doc[k].idx < end:
            out.append(self.doc[k])
            k += 1
        return out

    def statement_after(self, cue: Cue, sentence: Sentence) -> Content | None:
        """The statement the verb's frame takes after it, if any."""
        doc, lang, frames = self.doc, self.lang, cue.frames
        verb = doc[cue.token]
        if lang == "fr" and verb.morph.get("VerbForm") == ["Part"] and verb.morph.get("Tense") == ["Pres"] \
                and not (cue.first > 0 and doc[cue.first - 1].lower_ == "en"):
            return None  # « ..., souhaitant que ... »: a participle aside, not a report (« en assurant que » is)
        limit = self._sentence_token_end(sentence)
        j = self._skip_adjuncts(cue.last + 1, limit)
        if j >= limit:
            return None
        if "clause" in frames:
            found = self._complementiser(cue.last + 1, limit)
            if found is not None:
                return self._content(doc[found].idx + len(doc[found].text), sentence, soft=False)
            if lang == "en":
                ccomp = next((c for c in doc[cue.token].children if c.dep_ == "ccomp" and c.i > cue.token), None)
                if ccomp is not None and ccomp.left_edge.i > cue.last and not self.in_quote(ccomp.left_edge.idx):
                    return self._content(ccomp.left_edge.idx, sentence, soft=False)
        tok = doc[j]
        if _negated(verb, lang):
            return None  # « n'a pas demandé de dommages »: no demand was made
        if "to_inf" in frames and word(tok) in grammar(lang, "to_infinitive") and j + 1 < limit \
                and _infinitive(doc[self._skip_adjuncts(j + 1, limit)], lang):
            return self._content(tok.idx, sentence, soft=True)
        if "inf" in frames and _infinitive(tok, lang):
            start = j
            while start - 1 > cue.last and word(doc[start - 1]) in grammar(lang, "verb_particle"):
                start -= 1  # « assure n'avoir reçu aucune alerte »: the negation is part of the statement
            return self._content(doc[start].idx, sentence, soft=True)
        nominal = tok.pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ") or (tok.ent_type_ != "" and tok.is_title)
        if not nominal or word(tok) in grammar(lang, "complementiser"):
            return None
        if "np_of" in frames and self._object_then(j, limit, grammar(lang, "of")):
            return self._content(tok.idx, sentence, soft=True)
        if "np_to" in frames and self._object_then(j, limit, grammar(lang, "to")):
            return self._content(tok.idx, sentence, soft=True)
        if "np" in frames and tok.pos_ != "ADJ":
            return self._content(tok.idx, sentence, soft=True)
        return None

    def _sentence_token_end(self, sentence: Sentence) -> int:
        k = self._token_at(sentence.end)
        return len(self.doc) if k is None else k

    def _complementiser(self, j: int, limit: int) -> int | None:
        doc = self.doc
        for k in range(j, min(limit, j + 16)):
            tok = doc[k]
            if word(tok) in grammar(self.lang, "complementiser") and tok.pos_ in ("SCONJ", "PRON", "ADP", "DET"):
                if self.lang == "en" and tok.pos_ in ("PRON", "DET") and tok.dep_ not in ("mark",):
                    return None
                return k
            if _finite(tok) or _nonfinite_verb(tok) or tok.text in (";", ":", ".", "«", "“", '"'):
                return None  # another verb owns what follows (« ..., souhaitant que ... »)
        return None

    def _object_then(self, j: int, limit: int, preps: frozenset[str]) -> bool:
        """A short object followed by the preposition and an infinitive or gerund."""
        doc = self.doc
        for k in range(j + 1, min(limit, j + 10)):
            tok = doc[k]
            if word(tok) in preps and k + 1 < limit and _infinitive(doc[self._skip_adjuncts(k + 1, limit)], self.lang):
                return True
            if _finite(tok) or tok.text in (",", ";", ":", "."):
                return False
        return False

    def _content(self, start: int, sentence: Sentence, soft: bool) -> Content | None:
        end = self.clause_end(start, sentence, soft)
        start, end = self._trim(start, end)
        if end - start < 2 or end - start > _MAX_CONTENT:
            return None
        return Content(start, end, False)

    def for_source(self, cue: Cue, sentence: Sentence) -> Content | None:
        """« Selon X, ... » (the rest of the sentence) or « ..., selon X. » (what comes before)."""
        doc = self.doc
        limit = self._sentence_token_end(sentence)
        first = doc[cue.first]
        lead = self._tokens(sentence.start, first.idx)
        opens = all(t.pos_ in ("CCONJ", "ADV", "PUNCT") or t.is_space for t in lead)
        if "start" in cue.places and opens:
            for k in range(cue.last + 1, min(limit, cue.last + 22)):
                if doc[k].text == ",":
                    return self._content(doc[k].idx + 1, sentence, soft=False)
                if doc[k].text in (";", ":", ".") or _finite(doc[k]):
                    return None
            return None
        prev = cue.first - 1
        if "end" in cue.places and prev >= 0 and doc[prev].text == ",":
            rest = [doc[k] for k in range(cue.last + 1, limit)]
            if len(rest) > 28 or any(_finite(t) or t.text in (",", ";", ":") for t in rest):
                return None  # « Le bilan, selon un décompte, fait état de ... »: an aside, not the sentence's end
            start, end = self._trim(self.after_colon(sentence.start, doc[prev].idx), doc[prev].idx)
            if end - start < 2:
                return None
            return Content(start, end, True)
        return None
