"""Who said it: a speaker is the fullest name the document gives, or a description.

The speaker of a speech cue is its subject: before the verb (« Le ministre a
déclaré »), after it (« ... », a déclaré jeudi le ministre X), an inverted clitic
(« a-t-il poursuivi »), a relative pronoun (« qui reconnaît »: the noun before),
or the noun phrase after "selon"/"according to".  A pronoun is never a speaker:
it is resolved to the last speaker of its paragraph that agrees with it, else the
last person or group mentioned as a subject.  A role that introduced a name (« le
ministre ... Sergueï Lavrov ») later stands for that name (« le ministre a
ajouté »), a definite description of a person stands for the person last named,
and any name is replaced by its fullest form in the document (« M. Lavrov » ->
Sergueï Lavrov).
Unnamed sources stay descriptions: « un diplomate », "a security source".
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from ..records import Entity, Span
from .quote_cues import Cue, grammar, word
from .speaker_names import NameBook, Speaker, SpeakerTables, folded, token_gender

_NP_STOP_DEPS = {"acl:relcl", "acl", "relcl", "advcl", "parataxis", "ccomp", "dislocated", "conj", "cc"}
_SALIENT_WINDOW = 1500  # characters a pronoun or a role may reach back to its antecedent
_POSTVERBAL_SKIP = {"ADV", "ADP", "NUM", "PART", "SPACE"}


class TokenEntities:
    """The corrected entity (if any) each token belongs to."""

    def __init__(self, doc: Any, entities: tuple[Entity, ...]) -> None:
        self.of: list[Entity | None] = [None] * len(doc)
        self.first_token: dict[int, int] = {}  # entity start -> its first token
        k = 0
        ents = sorted(entities, key=lambda e: e.span.start)
        for tok in doc:
            while k < len(ents) and ents[k].span.end <= tok.idx:
                k += 1
            if k < len(ents) and ents[k].span.start < tok.idx + len(tok.text) and tok.idx < ents[k].span.end:
                self.of[tok.i] = ents[k]
                self.first_token.setdefault(ents[k].span.start, tok.i)


class SpeakerFinder:
    """Speakers of cues, with the document's names, roles and mentions."""

    def __init__(self, doc: Any, entities: tuple[Entity, ...], lang: str,
                 quoted_at: Callable[[int], bool] = lambda pos: False,
                 paragraph_of: Callable[[int], int] = lambda pos: 0, text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # spaCy rebuilds Doc.text on each access
        self.paragraph_of = paragraph_of
        self.quoted_at = quoted_at  # whether a character stands between quotation marks
        self.lang = lang
        self.tables = SpeakerTables.of(lang)
        self.ents = TokenEntities(doc, entities)
        self.names = NameBook(doc, entities, self.tables)
        self.mentions: list[tuple[int, Speaker]] = []  # (position, mention) in text order
        self._mention_at: list[int] = []
        self.said: list[tuple[int, Speaker]] = []  # speakers of reports and quotes, in text order

    # --- noun phrases -------------------------------------------------------------------------

    def np_bounds(self, head: Any) -> tuple[int, int]:
        """Token range [a, b] of the noun phrase headed by ``head``, without clauses or asides."""
        blocked: set[int] = set()
        for child in head.children:
            if child.dep_ in _NP_STOP_DEPS or (child.dep_ == "appos" and child.i > head.i
                                               and self.ents.of[child.i] is None):
                blocked.update(t.i for t in child.subtree)
        subtree = {t.i for t in head.subtree} - blocked
        a = b = head.i
        while a - 1 in subtree and not self._breaks(a - 1):
            a -= 1
        while b + 1 in subtree and not self._breaks(b + 1):
            b += 1
        return a, b

    def _breaks(self, i: int, participles: bool = False) -> bool:
        """Whether token ``i`` cannot be inside a speaker's noun phrase (``participles``: past
        participles may be, as in an apposition « alliée clé du régime »)."""
        tok = self.doc[i]
        if participles and tok.morph.get("VerbForm") == ["Part"] and tok.morph.get("Tense") == ["Past"]:
            return False
        if tok.is_space or tok.text in (",", ";", ":", "(", ")", "«", "»", "“", "”", '"', "—", "–", ".", "!", "?"):
            return True
        return tok.pos_ in ("VERB", "AUX") and self.ents.of[i] is None and tok.dep_ not in ("amod", "flat:name")

    def speaker_of_np(self, a: int, b: int, salient: bool = True) -> Speaker | None:
        """The speaker a noun phrase (tokens a..b) names: a person's fullest name, or the phrase."""
        doc = self.doc
        while a <= b and (doc[a].is_punct or doc[a].is_space):
            a += 1
        while b >= a and (doc[b].is_punct or doc[b].is_space) and doc[b].text not in (".", "!", "?", ")"):
            b -= 1
        if b < a:
            return None
        head = self._head(a, b)
        if head.pos_ == "PRON" or head.lower_ in self.tables.pronouns:
            return self.pronoun(head.i) if head.lower_ in self.tables.pronouns else None
        name = self._name_in(a, b)
        if name is None:
            name = self._apposed_name(b)
        span = Span(doc[a].idx, doc[b].idx + len(doc[b].text))
        number = "pl" if head.morph.get("Number") == ["Plur"] else "sg"
        gender = self._gender_of(head)
        if name is not None:
            return Speaker(name[0], span, name[1], "sg", True, salient)
        text = self.text[span.start:span.end]
        role = self._role_key(a, b)
        linked = self.names.for_role(role, span.start) if self._definite(a) else None
        if linked is not None:
            return Speaker(linked, span, gender, number, True, salient)
        if number == "sg" and any(doc[i].morph.get("Number") == ["Plur"] and doc[i].pos_ == "NOUN"
                                  for i in range(a, b + 1)):
            number = "pl"  # « une dizaine de délégués »: a group, « ils »
        anaphoric = self._definite(a) and role is not None and folded(head.text) in self.tables.person_nouns
        return Speaker(text, span, gender, number, False, salient, anaphoric, self.tables.family(role))

    def _head(self, a: int, b: int) -> Any:
        for i in range(a, b + 1):
            if not (a <= self.doc[i].head.i <= b) or self.doc[i].head.i == i:
                return self.doc[i]
        return self.doc[b]

    def _definite(self, a: int) -> bool:
        tok = self.doc[a]
        return tok.pos_ == "DET" and tok.morph.get("Definite") == ["Def"] and tok.morph.get("Poss") != ["Yes"]

    def _role_key(self, a: int, b: int) -> str | None:
        for i in range(a, b + 1):
            key = folded(self.doc[i].lemma_ or self.doc[i].text)
            if key in self.tables.person_nouns or folded(self.doc[i].text) in self.tables.person_nouns:
                return folded(self.doc[i].text) if folded(self.doc[i].text) in self.tables.person_nouns else key
        return None

    def _gender_of(self, tok: Any) -> str:
        return token_gender(tok, self.tables)

    def _name_in(self, a: int, b: int) -> tuple[str, str] | None:
        """A person's name inside tokens a..b (not one standing after "de": « la fille d'Ingrid B. »)."""
        doc = self.doc
        for i in range(a, b + 1):
            ent = self.ents.of[i]
            if ent is not None and ent.label == "PER" and ent.span.start == doc[i].idx:
                if i > a and word(doc[i - 1]) in grammar(self.lang, "genitive") and not (
                        i - 2 >= a and folded(doc[i - 2].text) in self.tables.honorifics):
                    continue  # « la fille d'Ingrid Betancourt » is not Ingrid Betancourt; « M. de Villepin » is
                return self.names.fullest(ent.text, ent.span.start)
        # a capitalised word after a title the model did not tag: « le substitut Weyland »
        for i in range(a + 1, b + 1):
            tok = doc[i]
            prev = doc[i - 1]
            titled = folded(prev.text) in self.tables.person_nouns or folded(prev.text) in self.tables.honorifics
            tagged = self.ents.of[i]
            if tok.pos_ == "PROPN" and titled and (tagged is None or tagged.label in ("PER", "MISC")):
                j = i
                while j + 1 <= b and doc[j + 1].pos_ == "PROPN":
                    j += 1
                return self.names.fullest(self.text[tok.idx:doc[j].idx + len(doc[j].text)], tok.idx)
        head = self._head(a, b)
        ent = self.ents.of[head.i]
        if head.pos_ == "PROPN" and (ent is None or ent.label in ("PER", "MISC")) and a == head.i:
            return self.names.fullest(head.text, head.idx)  # « Bernard affirme »: a bare name
        return None

    def _apposed_name(self, b: int) -> tuple[str, str] | None:
        """« le propriétaire, Jean Motsch »: a name set beside the phrase between commas."""
        doc = self.doc
        j = b + 1
        if j < len(doc) and doc[j].text == "," and j + 1 < len(doc):
            ent = self.ents.of[j + 1]
            if ent is not None and ent.label == "PER" and ent.span.start == doc[j + 1].idx:
                return self.names.fullest(ent.text, ent.span.start)
        return None

    # --- pronouns -----------------------------------------------------------------------------

    def pronoun(self, i: int) -> Speaker | None:
        """What the pronoun at token ``i`` stands for; None for "on", or when nothing fits."""
        word = self.doc[i].lower_.lstrip("-").removeprefix("t-")
        info = self.tables.pronouns.get(word)
        if info is None or info.kind == "impersonal":
            return None
        return self.resolve(self.doc[i].idx, info.gender, info.number)

    def _recent(self, pos: int, window: int) -> list[Speaker]:
        """Mentions noted before ``pos`` and at most ``window`` characters back, nearest first."""
        k = bisect.bisect_left(self._mention_at, pos)
        out = []
        while k > 0 and pos - self._mention_at[k - 1] <= window:
            k -= 1
            out.append(self.mentions[k][1])
        return out

    def resolve(self, pos: int, gender: str, number: str) -> Speaker | None:
        """What a pronoun at ``pos`` stands for: the last speaker of its paragraph that agrees, else the
        last salient mention, else the last named person."""
        paragraph = self.paragraph_of(pos)
        for at, m in reversed(self.said):
            if at >= pos:
                continue
            if self.paragraph_of(at) != paragraph:
                break
            if _agrees(m, gender, number, self.lang):
                return m
        for m in self._recent(pos, _SALIENT_WINDOW):
            if m.salient and _agrees(m, gender, number, self.lang):
                return m
        for mention in self.names.mentions_before(pos):
            if _agrees(mention, gender, number, self.lang):
                return mention
        return None

    def named_antecedent(self, speaker: Speaker, exclude: Span | None) -> Speaker:
        """« le président socialiste de l'Assemblée » -> the person last named as a subject before it.

        A person the reported statement itself names (``exclude``) is not its speaker: « Vaclav Havel
        a été hospitalisé, selon le porte-parole » keeps "le porte-parole".
        """
        if not speaker.anaphoric or speaker.span is None:
            return speaker
        for m in self._recent(speaker.span.start, _SALIENT_WINDOW):
            if not m.is_name or not m.salient or m.span is None:
                continue
            if exclude is not None and exclude.start <= m.span.start < exclude.end:
                continue
            offices = self.names.roles_of(m.text or "")
            if offices and speaker.role not in offices:
                continue  # « The envoy » is not the minister named before
            if _agrees(m, speaker.gender, "sg", self.lang):
                return Speaker(m.text, speaker.span, m.gender, "sg", True, True)
        return speaker

    def note(self, speaker: Speaker | None, at: int | None = None, said: bool = False) -> None:
        """Remember a speaker, mentioned at ``at`` (its own span by default), for later pronouns;
        ``said``: as the speaker of a report or a quote there."""
        if speaker is None or speaker.text is None or speaker.span is None:
            return
        pos = speaker.span.start if at is None else at
        if said:
            k = len(self.said)
            while k > 0 and self.said[k - 1][0] > pos:
                k -= 1
            self.said.insert(k, (pos, speaker))
        k = bisect.bisect_right(self._mention_at, pos)
        self._mention_at.insert(k, pos)
        self.mentions.insert(k, (pos, speaker))

    # --- the speaker of a cue -----------------------------------------------------------------

    def of_cue(self, cue: Cue, inverted: bool) -> Speaker | None:
        doc = self.doc
        if cue.clitic is not None:
            return self.pronoun(cue.clitic)
        if cue.kind == "source":
            return self.after_source(cue)
        verb = doc[cue.token]
        before = any(c.dep_ == "nsubj" and c.i < verb.i and not self.quoted_at(c.idx) for c in verb.children)
        if inverted and not (self.lang == "en" and before):  # English keeps its subject first: '"...", he said'
            after = self.postverbal(cue)
            if after is not None:
                return after
        return self.dep_subject(verb)

    def dep_subject(self, verb: Any) -> Speaker | None:
        """The subject the parse gives the verb, climbing from an infinitive or a gerund to its governor."""
        tok = verb
        gerund = any(word(c) in grammar(self.lang, "gerund") and c.dep_ == "mark" for c in verb.children)
        for _ in range(6):
            subjects = [c for c in tok.children if c.i != verb.i and not self.quoted_at(c.idx) and (
                c.dep_ in ("nsubj", "nsubj:outer") or (c.dep_ == "expl:subj" and c.lower_ in self.tables.pronouns))]
            if subjects:
                before = [c for c in subjects if c.i < tok.i]
                return self._from_subject(before[-1] if before else subjects[0], tok)
            if tok.morph.get("VerbForm") == ["Fin"] or any(c.dep_.startswith("aux") for c in tok.children):
                break  # a finite verb without a subject: its subject is not its governor's
            if tok.head.i == tok.i or tok.dep_ in ("nsubj", "nsubj:pass", "parataxis") or (
                    not gerund and tok.dep_.startswith("acl") and tok.head.pos_ in ("NOUN", "PROPN")):
                break  # at the root, or a participle describing a noun (« les mesures annoncées »)
            tok = tok.head
        if gerund:  # « X a créé la polémique ... en dénonçant ... »: the gerund's subject is the sentence's
            root = verb
            while root.head.i != root.i:
                root = root.head
            for c in root.children:
                if c.dep_ in ("nsubj", "expl:subj") and not self.quoted_at(c.idx):
                    return self._from_subject(c, root)
        return self.preverbal_np(tok if tok.pos_ in ("VERB", "AUX") else verb)

    def preverbal_np(self, verb: Any) -> Speaker | None:
        """A subject the parse missed: the noun phrase right before the verb group, maybe between
        commas (« Dans le Pays, le conseiller municipal, rejette ... »)."""
        doc = self.doc
        j = verb.i - 1
        group = grammar(self.lang, "verb_particle") | grammar(self.lang, "reflexive")
        while j >= 0 and (doc[j].pos_ in ("AUX", "ADV") or word(doc[j]) in group):
            j -= 1
        for _ in range(3):  # « La Russie, alliée clé du régime, a annoncé »: past an apposition to its noun
            if j >= 0 and doc[j].text == ",":
                j -= 1
            b = j
            a = b
            while a - 1 >= 0 and not self._breaks(a - 1, participles=True) and b - a < 12:
                a -= 1
            if a > b or b < 0 or self._breaks(b) or self.quoted_at(doc[b].idx):
                return None
            if doc[a].pos_ in ("DET", "PROPN") and self.plausible(a, b):
                return self.speaker_of_np(a, b)
            if a == 0 or doc[a - 1].text != "," or any(t.morph.get("VerbForm") == ["Fin"] for t in doc[a:b + 1]):
                return None
            j = a - 1
        return None

    def _from_subject(self, subj: Any, verb: Any) -> Speaker | None:
        text = word(subj)
        info = self.tables.pronouns.get(text)
        if info is not None and info.kind == "relative":
            if verb.dep_ in ("acl:relcl", "acl", "relcl") and verb.head.i != verb.i:
                a, b = self.np_bounds(verb.head)
                return self.speaker_of_np(a, b)
            return None
        if info is not None:
            return self.pronoun(subj.i)
        if subj.pos_ == "PRON" and text.split("'")[-1] not in grammar(self.lang, "one"):
            return None
        a, b = self.np_bounds(subj)
        return self.speaker_of_np(a, b)

    def postverbal(self, cue: Cue) -> Speaker | None:
        """The subject after the verb: « ..., a déclaré jeudi le ministre X, cité par ... »."""
        doc = self.doc
        j = cue.last + 1
        skipped = 0
        while j < len(doc) and skipped < 5:
            tok = doc[j]
            if tok.pos_ in ("DET", "PROPN") or tok.lower_ in self.tables.honorifics_lower:
                break
            if tok.pos_ in ("VERB", "AUX", "SCONJ") or tok.text in (".", ";", ":", "«", "»", "“", "”", '"', "!", "?"):
                return None
            if tok.pos_ not in _POSTVERBAL_SKIP and tok.pos_ != "NOUN" and tok.text != ",":
                return None
            if self.lang == "en" and tok.pos_ not in ("ADV", "SPACE"):
                return None  # "said on Thursday": no subject after the verb
            j += 1
            skipped += 1
        if j >= len(doc) or skipped >= 5:
            return None
        one_of = self._one_of(j)
        if one_of is not None:
            return one_of
        b = j
        while b + 1 < len(doc) and b - j < 14:
            nxt = doc[b + 1]
            if self._breaks(b + 1) or nxt.pos_ in ("SCONJ", "CCONJ") or (nxt.pos_ == "ADV" and nxt.ent_type_ == "") \
                    or word(nxt) in grammar(self.lang, "complementiser") or nxt.lower_ in self.tables.pronouns:
                break  # « soupirait un agent alors que ... », « ..., dit X qui ... »
                break
            if nxt.pos_ == "ADP" and word(nxt) not in grammar(self.lang, "genitive") and not (
                    b + 2 < len(doc) and doc[b + 2].pos_ == "PROPN"):
                break
            b += 1
        speaker = self.speaker_of_np(j, b)
        if speaker is None or not self.plausible(j, b):
            return None
        return speaker

    def _one_of(self, j: int) -> Speaker | None:
        """« l'un d'eux », "one of them": one of the group the pronoun stands for."""
        doc = self.doc
        k = j + 1 if word(doc[j]) in grammar(self.lang, "article") else j
        if k >= len(doc) or word(doc[k]) not in grammar(self.lang, "one"):
            return None
        k += 1
        if k < len(doc) and word(doc[k]) in grammar(self.lang, "of"):
            k += 1
        if k < len(doc):
            info = self.tables.pronouns.get(word(doc[k]).split("'")[-1])
            if info is not None and info.number == "pl" and info.kind == "personal":
                return self.pronoun(k)
        return None

    def plausible(self, a: int, b: int) -> bool:
        """Whether tokens a..b can name a speaker: a person or an organisation (not after a preposition),
        or a head word that names a source (« un diplomate », « le rapport »)."""
        doc = self.doc
        if b < a:
            return False
        head = self._head(a, b)
        if head.pos_ == "PROPN" or folded(head.text) in self.tables.source_nouns \
                or folded(head.lemma_) in self.tables.source_nouns:
            return True
        for i in range(a, b + 1):
            ent = self.ents.of[i]
            if ent is None or ent.span.start != doc[i].idx:
                continue
            if ent.label == "PER" or (ent.label == "ORG" and not (i > a and doc[i - 1].pos_ == "ADP")):
                return True
        return False

    def after_source(self, cue: Cue) -> Speaker | None:
        """The source a preposition names: « selon le porte-parole », « d'après lui »."""
        doc = self.doc
        j = cue.last + 1
        if j >= len(doc):
            return None
        b = j
        while b + 1 < len(doc) and b - j < 16 and doc[b + 1].text not in (",", ".", ";", ":", "«", "\n") \
                and not doc[b + 1].is_space:
            b += 1
        if doc[j].lower_ in self.tables.pronouns:
            return self.pronoun(j)
        return self.speaker_of_np(j, b)


def _agrees(m: Speaker, gender: str, number: str, lang: str) -> bool:
    if number != m.number:
        return False
    if gender in ("m", "f") and m.gender in ("m", "f") and m.gender != gender:
        return False
    return not (gender == "n" and m.is_name)
