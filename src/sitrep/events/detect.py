"""Find event triggers in the parse and group them into one draft per happening in a sentence.

A trigger is an entry of ``<lang>/event_triggers.tsv`` found with the right
part of speech.  Triggers of one sentence become drafts:

- political violence and protest triggers of one sentence make one event, as
  ACLED codes one event per report ("shelled the town, killing three"), unless
  one of them is the content of another act (below);
- a trigger that is an argument of another act's trigger ("a halt of air
  raids", "refused calls for a ceasefire", "threatened to attack") belongs to
  that act and is no event of its own;
- other triggers are events of their own.

Sentences that cannot be read as prose (headlines in capitals, table rows,
lists of figures) give no trigger: better no event than an invented one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexicon import Kind, Trigger, _doc_keys, crosses_line, doc_text, kinds, triggers

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}
VIOLENT_KINDS = {"arrest", "loot"}
VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN"}
ARGUMENT_PATH = 3  # a trigger at most this many arcs below another act's trigger is its content


@dataclass
class Mention:
    trigger: Trigger
    kind: Kind
    tokens: tuple[int, ...]
    head: int  # doc index of the word that carries the trigger
    sent: int  # sentence number

    @property
    def violent(self) -> bool:
        return self.kind.acled_type in VIOLENT_TYPES or self.kind.name in VIOLENT_KINDS


@dataclass
class Draft:
    """One event being built: its trigger mentions (the main one first) and its sentence."""

    mentions: list[Mention]
    sent: int
    content: list[Mention] = field(default_factory=list)  # acts it contains ("halt of [raids]")

    @property
    def main(self) -> Mention:
        return self.mentions[0]


def readable(sent: Any) -> bool:
    """False for a sentence that is not prose: capitals, a table row, a list of figures."""
    text = doc_text(sent.doc)[sent.start_char:sent.end_char]  # sent.text, without joining its tokens again
    letters = list(filter(str.isalpha, text))
    if len(letters) < 8:
        return False
    alpha, num, verb = _token_flags(sent.doc)
    lo, hi = sent.start, sent.end
    if sum(map(str.isupper, letters)) / len(letters) > 0.6 and sum(alpha[lo:hi]) >= 3:
        return False  # headline in capitals: the parse of such text is not to be trusted
    if "\t" in text or text.count("|") >= 2:
        return False
    digits = sum(num[lo:hi])
    if hi - lo >= 4 and digits / (hi - lo) > 0.4:
        return False
    # a list item or a table cell: no verb, and a label or a bullet ("- Attacks: 12")
    listed = text.lstrip()[:1] in {"-", "•", "*", "–", "·"} or ":" in text
    return not (listed and not any(verb[lo:hi]))


def _token_flags(doc: Any) -> tuple[list[bool], list[bool], list[bool]]:
    """Per token of the Doc: ``is_alpha``, ``like_num`` and a verb's part of speech, read once per Doc
    from spaCy's arrays."""
    found = doc.user_data.get("sitrep_detect_flags")
    if found is None or len(found[0]) != len(doc):
        from spacy.attrs import IS_ALPHA, LIKE_NUM, POS

        strings = doc.vocab.strings
        table = doc.to_array([IS_ALPHA, LIKE_NUM, POS])
        found = ((table[:, 0] != 0).tolist(), (table[:, 1] != 0).tolist(),
                 [strings[h] in VERB_POS for h in table[:, 2].tolist()])
        doc.user_data["sitrep_detect_flags"] = found
    return found  # type: ignore[no-any-return]


def find_mentions(doc: Any, lang: str, entity_tokens: set[int]) -> list[Mention]:
    """Every trigger of the document with a fitting part of speech, overlaps resolved longest first."""
    known = kinds()
    index = triggers(lang)
    out: list[Mention] = []
    for sent_no, sent in enumerate(doc.sents):
        if not readable(sent):
            continue
        taken: set[int] = set()
        matches = sorted(index.find(sent), key=lambda m: (-len(m.tokens), -m.payload.weight, m.start))
        for m in matches:
            if taken & set(m.tokens):
                continue
            if m.payload.kind == "none":  # "maison d'arrêt", "world war": no event, and no trigger inside
                taken.update(m.tokens)
                continue
            head = _head_of(doc, m.tokens, m.payload.pos, lang)
            if head is None or head in entity_tokens:
                continue
            if len(m.tokens) == 1 and doc[head].is_title and doc[head].ent_type_ == "DATE":
                continue  # "in March": a month, no march
            if lang == "en" and doc[head].dep_ == "amod" and doc[head].i < doc[head].head.i \
                    and m.payload.weight <= 0.9:
                continue  # "ousted president", "newly appointed minister": a description, not a report
            taken.update(m.tokens)
            out.append(Mention(m.payload, known[m.payload.kind], m.tokens, head, sent_no))
    return out


def _head_of(doc: Any, idx: tuple[int, ...], pos: str, lang: str) -> int | None:
    """The token that carries the trigger, or None when the part of speech does not fit.

    A multiword noun is carried by its last noun in English ("air strike") and
    by its first in French ("frappe aérienne", "tir d'artillerie").
    """
    toks = [doc[i] for i in idx]
    if lang == "fr" and pos != "V":
        toks = list(reversed(toks))
    if pos == "V":
        verb = next((t for t in toks if t.pos_ in VERB_POS or _participle(t)), None)
        if verb is not None and verb.dep_ == "aux" and verb.head.pos_ in VERB_POS:
            verb = verb.head  # "must drop": the modal's verb carries the event
        return verb.i if verb is not None else None
    if pos == "N":
        noun = next((t for t in reversed(toks) if t.pos_ in NOUN_POS), None)
        if noun is None and len(toks) > 1:
            noun = toks[-1]  # a multiword noun whose last word the tagger got wrong
        return noun.i if noun is not None else None
    verb = next((t for t in toks if t.pos_ in VERB_POS), None)
    if verb is not None:
        return verb.i
    noun = next((t for t in reversed(toks) if t.pos_ in NOUN_POS or t.pos_ == "ADJ"), None)
    return noun.i if noun is not None else None


def _participle(tok: Any) -> bool:
    return tok.pos_ == "ADJ" and "Part" in tok.morph.get("VerbForm")


FUNCTION_ARCS = {"prep", "case", "conj", "cc", "aux", "aux:tense", "aux:pass", "mark"}


def _path_up(doc: Any, low: int, high: int, limit: int) -> int | None:
    """Content arcs from ``low`` up to its ancestor ``high`` (None when not an ancestor within ``limit``).

    Arcs through prepositions and conjunctions do not count: "a ban on marches and
    protests" puts "protests" as near to "ban" as "un arrêt des raids" puts "raids".
    """
    heads, deps = token_heads(doc), token_deps(doc)
    i = low + len(doc) if low < 0 else low
    steps = 0
    for _ in range(limit * 3):
        up = heads[i]
        if up == i:
            return None
        steps += deps[i] not in FUNCTION_ARCS
        if crosses_line(doc, i, up):
            return None
        i = up
        if i == high:
            return max(steps, 1)
        if steps > limit:
            return None
    return None


def group(doc: Any, mentions: list[Mention]) -> list[Draft]:
    """Drafts of one event each, from the mentions (see the module docstring)."""
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent, []).append(m)
    drafts: list[Draft] = []
    for sent_no in sorted(by_sent):
        drafts.extend(_group_sentence(doc, by_sent[sent_no], sent_no))
    return drafts


def _depth(doc: Any, i: int) -> int:
    heads, d = token_heads(doc), 0
    i = i + len(doc) if i < 0 else i
    while heads[i] != i and d < 50:
        i, d = heads[i], d + 1
    return d


def _group_sentence(doc: Any, mentions: list[Mention], sent_no: int) -> list[Draft]:
    ordered = sorted(mentions, key=lambda m: (_depth(doc, m.head), m.head))
    drafts: list[Draft] = []
    owner: dict[int, Draft] = {}  # mention head -> the draft it went to
    for m in ordered:
        gov = _governor(doc, m, [x for x in ordered if x is not m and x.head in owner])
        if gov is not None:
            draft = owner[gov.head]
            if gov is draft.main and not gov.violent and _participle_of(doc, m.head, gov.head):
                # "négociations rompues", "talks suspended": the participle is what happened to the noun's act
                draft.mentions[0] = m
                draft.content.append(gov)
                owner[m.head] = draft
                continue
            if gov.violent and m.violent and gov in draft.mentions:
                draft.mentions.append(m)  # one violent happening: "shelled ..., killing three"
            else:
                draft.content.append(m)  # the content of an act: "a halt of air raids"
            owner[m.head] = draft
            continue
        violent_draft = next((d for d in drafts if d.main.violent and not crosses_line(doc, d.main.head, m.head)),
                             None) if m.violent and not _in_relative(doc, m.head) else None
        if violent_draft is not None:
            violent_draft.mentions.append(m)
            owner[m.head] = violent_draft
            continue
        draft = Draft([m], sent_no)
        drafts.append(draft)
        owner[m.head] = draft
    for d in drafts:
        # a battle or a strike leads the violent event it is part of ("militants were killed and others
        # arrested during a firefight"); otherwise the highest trigger leads; an outcome ("killed")
        # yields to its cause ("airstrikes")
        d.mentions.sort(key=lambda x: (_outcome(x), x.kind.rank < DECISIVE_RANK, _depth(doc, x.head),
                                       -x.kind.rank))
    return _absorb_claims(doc, drafts)


DECISIVE_RANK = 70  # battles, territory taken, remote violence (common/event_kinds.tsv ranks)


def _outcome(m: Mention) -> bool:
    """A trigger that reports the result of violence ("killed"), or one too weak to lead another."""
    return m.kind.name == "kill" or m.trigger.weight < 0.5


CLAIM_KINDS = {"request", "reject", "accuse"}
CROWD_KINDS = {"protest", "riot"}


def _absorb_claims(doc: Any, drafts: list[Draft]) -> list[Draft]:
    """What protesters demand, reject or denounce is the protest's claim, not an event of its own;
    a crowd inside what someone denounces ("denounced the suppression of the unrest") is no protest
    whose claim that is."""
    protest = next((d for d in drafts if d.main.kind.name in CROWD_KINDS), None)
    if protest is None:
        return drafts
    out = []
    for d in drafts:
        if d is not protest and d.main.kind.name in CLAIM_KINDS \
                and not _inside_claim(doc, protest.main.head, d.main.head):
            protest.content.extend(d.mentions)
            continue
        out.append(d)
    return out


def _participle_of(doc: Any, low: int, high: int) -> bool:
    """``low`` is a past participle that qualifies the noun ``high``."""
    tok = doc[low]
    return tok.head.i == high and tok.dep_ in {"amod", "acl"} and doc[high].pos_ in NOUN_POS \
        and "Part" in tok.morph.get("VerbForm") and "Pres" not in tok.morph.get("Tense")


def _inside_claim(doc: Any, crowd: int, claim: int) -> bool:
    """The crowd word stands in what the claim verb is about ("denounced the suppression of the
    unrest"), not as its subject ("protesters demanded ...")."""
    tok = doc[crowd]
    while tok.head.i != tok.i:
        if tok.head.i == claim:
            return not tok.dep_.startswith("nsubj")
        tok = tok.head
    return False


def _governor(doc: Any, m: Mention, placed: list[Mention]) -> Mention | None:
    """The already placed mention whose argument ``m`` is, if any (nearest first)."""
    best: tuple[int, Mention] | None = None
    for g in placed:
        steps = _path_up(doc, m.head, g.head, ARGUMENT_PATH)
        if steps is None:
            continue
        mtok = doc[m.head]
        if mtok.dep_ == "conj" and mtok.pos_ in VERB_POS and mtok.head.i == g.head and not (g.violent and m.violent):
            continue  # "set up a camp and protested": two acts side by side, neither the other's content
        if g.violent and m.violent:
            if _through_relative(doc, m.head, g.head):
                continue  # "arrested a gunman who had opened fire": two happenings
        elif steps > 2 and doc[m.head].pos_ in VERB_POS and not _complement(doc, m.head, g.head):
            continue  # a clause of its own further down
        elif not g.violent and mtok.dep_ in {"nsubj", "nsubj:pass"} and mtok.head.i == g.head:
            continue  # "protesters demanded ...": the doer of an act is not what it is about
        elif not g.violent and purpose(doc, m.head, g.head):
            pass  # "demander une réunion pour dénoncer les massacres": the aim is part of the act
        elif not g.violent and adjunct(doc, m.head, g.head):
            continue  # "depuis le début d'une offensive, il a refusé": a circumstance, not what was refused
        if best is None or steps < best[0]:
            best = (steps, g)
    return best[1] if best else None


ADJUNCT_DEPS = {"obl:mod", "advcl", "advmod", "obl", "npadvmod", "dep"}
ADJUNCT_PREPS = {"during", "after", "before", "since", "amid", "despite", "following", "in", "at", "with", "as",
                 "depuis", "après", "avant", "pendant", "lors", "malgré", "dans", "avec", "à", "en"}


REASONS = {"response", "retaliation", "reprisal", "connection", "réponse", "représailles"}


def adjunct(doc: Any, low: int, high: int) -> bool:
    """True when the path from ``high`` down to ``low`` leaves ``high`` through an adjunct
    (a time, a place, a cause), not through an argument (an object, a complement)."""
    heads = token_heads(doc)
    i = low + len(doc) if low < 0 else low
    while heads[i] != high:
        if heads[i] == i:
            return False
        i = heads[i]
    tok = doc[i]
    if tok.dep_ in ADJUNCT_DEPS:
        return True
    kids = children_ids(doc, i)
    if tok.dep_ == "prep":
        if tok.lower_ == "in" and any(doc[g].lemma_ in REASONS for g in kids):
            return False  # "sanctions in response to the attack": the reason is the act's content
        return tok.lower_ in ADJUNCT_PREPS
    deps = token_deps(doc)
    case = next((doc[c] for c in kids if deps[c] == "case"), None)
    return tok.dep_.startswith(("obl", "nmod")) and case is not None and case.lower_ in ADJUNCT_PREPS \
        and tok.dep_ != "obl:arg"


PURPOSE_MARKS = {"pour", "afin", "to", "order"}


def purpose(doc: Any, low: int, high: int) -> bool:
    """True when ``low`` is an infinitive that says what ``high`` is done for ("pour s'opposer à",
    "afin de dénoncer", "to denounce")."""
    tok = doc[low]
    if tok.head.i != high or tok.dep_ not in {"advcl", "xcomp", "acl"} or tok.pos_ not in VERB_POS:
        return False
    if "Inf" not in tok.morph.get("VerbForm") and tok.tag_ != "VB":
        return False
    return any(c.dep_ in {"mark", "aux", "case"} and c.lower_ in PURPOSE_MARKS for c in tok.children) \
        and tok.i > high


def _in_relative(doc: Any, i: int) -> bool:
    tok = doc[i]
    for _ in range(6):
        if tok.dep_ in {"relcl", "acl:relcl"}:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _through_relative(doc: Any, low: int, high: int) -> bool:
    tok = doc[low]
    while tok.i != high and tok.head.i != tok.i:
        if tok.dep_ in {"relcl", "acl:relcl"}:
            return True
        tok = tok.head
    return False


def _complement(doc: Any, low: int, high: int) -> bool:
    """True when ``low`` is the (infinitive) complement of ``high``: "threatened to attack"."""
    return doc[low].head.i == high and doc[low].dep_ in {"xcomp", "ccomp", "obj", "dobj", "obl", "nmod"}


def token_texts(doc: Any) -> list[str]:
    """Every token's text, kept per Doc."""
    return _doc_keys(doc).texts


def token_heads(doc: Any) -> list[int]:
    """Every token's head as a token index, kept per Doc."""
    return _doc_keys(doc).heads


def token_strings(doc: Any, attr: str) -> list[str]:
    """Every token's string attribute ``attr`` ("DEP", "LOWER", ...), read once per Doc from spaCy's
    arrays and kept in ``doc.user_data``."""
    key = f"sitrep_{attr.lower()}"
    found = doc.user_data.get(key)
    if found is None or len(found) != len(doc):
        from spacy import attrs

        strings = doc.vocab.strings
        found = doc.user_data[key] = [strings[h] for h in doc.to_array(getattr(attrs, attr)).tolist()]
    return found  # type: ignore[no-any-return]


def token_deps(doc: Any) -> list[str]:
    """Every token's ``dep_``."""
    return token_strings(doc, "DEP")


def children_ids(doc: Any, i: int) -> list[int]:
    """The indices of token ``i``'s children in order (``tok.children``, without spaCy's walk), from the
    kept heads; kept per Doc as two flat lists (children grouped by head, and where each head's start),
    not a list per token, so that a Doc kept in memory adds few objects for the garbage collector."""
    found = doc.user_data.get("sitrep_children")
    if found is None or len(found[0]) != len(doc) + 1:
        heads = _doc_keys(doc).heads
        starts = [0] * (len(heads) + 1)
        for j, h in enumerate(heads):
            if h != j:
                starts[h + 1] += 1
        for k in range(len(heads)):
            starts[k + 1] += starts[k]
        order, fill = [0] * starts[-1], starts[:-1]
        for j, h in enumerate(heads):
            if h != j:
                order[fill[h]] = j
                fill[h] += 1
        found = doc.user_data["sitrep_children"] = (starts, order)
    starts, order = found
    return order[starts[i]:starts[i + 1]]  # type: ignore[no-any-return]
