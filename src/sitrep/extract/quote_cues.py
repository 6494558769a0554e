"""Speech cues: the verbs and prepositions that introduce what someone said.

The lexicons are data (``resources/<lang>/speech_verbs.tsv``, ``source_cues.tsv``):
each verb says how it carries a statement (a que-clause, an infinitive, a noun
phrase, a direct quote) and what kind of statement it makes (announce, deny,
demand...), which the events stage reads through :func:`speech_act`.  A verb is
found by its lemma, or by an inflected form the lemmatiser missed where the
context shows a verb (« ... », note l'Institut: "note" tagged as a noun).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..errors import ResourceError
from ..resources import load_table

CueKind = Literal["verb", "source"]

_CLITIC_PREFIX = ("-t-", "-")
_QUOTE_CLOSERS = "»”\"’›"


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str  # as written in the table: "déclarer", "se défendre", "faire savoir"
    head: str  # the verb matched on: "déclarer", "défendre", "faire"
    reflexive: bool
    particle: str | None  # second word of a two-word cue: "savoir", "for"
    frames: frozenset[str]
    act: str


@dataclass(frozen=True, slots=True)
class SourceCue:
    words: tuple[str, ...]  # ("selon",), ("d'", "après")... compared on lower-cased tokens
    places: frozenset[str]  # "start", "end"
    needs_source: bool


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech verb or source preposition found in the document."""

    kind: CueKind
    lemma: str
    act: str
    frames: frozenset[str]
    first: int  # first token of the cue (the auxiliary for "a déclaré", the "d'" of "d'après")
    token: int  # the verb itself, or the last word of a source preposition
    last: int  # last token of the cue, clitic subject or particle included
    clitic: int | None = None  # index of an inverted clitic subject ("-il" in "a-t-il dit")
    places: frozenset[str] = frozenset()
    needs_source: bool = False


@dataclass(frozen=True)
class Lexicon:
    lang: str
    by_lemma: dict[str, tuple[VerbEntry, ...]]
    by_form: dict[str, tuple[VerbEntry, ...]]
    sources: tuple[SourceCue, ...]


def _fr_forms(lemma: str) -> set[str]:
    """Regular forms of a French -er verb (what a lemmatiser most often misses)."""
    if not lemma.endswith("er"):
        return set()
    stem = lemma[:-2]
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
    grave = re.sub(r"é([^aeiouyéèêàâîôû]+)$", r"è\1", stem)  # répéter -> répète
    forms = {grave + e for e in ("e", "es", "ent")}
    forms |= {stem + e for e in ("é", "ée", "és", "ées", "er", "era", "eront", "erait", "eraient", "èrent", "ez")}
    forms |= {soft + e for e in ("a", "ait", "aient", "ant")}
    return forms


def _en_forms(lemma: str) -> set[str]:
    word = lemma.split()[0]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return {word, word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    if word.endswith("e"):
        return {word, word + "s", word + "d", word[:-1] + "ing"}
    suffix = "es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s"
    return {word, word + suffix, word + "ed", word + "ing"}


def _entry(row: dict[str, str], lang: str) -> VerbEntry:
    lemma = row["lemma"].strip()
    words = lemma.split()
    reflexive = False
    if lang == "fr" and (words[0] == "se" or words[0].startswith(("s'", "s’"))):
        reflexive = True
        words = words[1:] if words[0] == "se" else [words[0][2:], *words[1:]]
    head, particle = words[0], (words[1] if len(words) > 1 else None)
    frames = frozenset(f.strip() for f in row["frames"].split(",") if f.strip())
    return VerbEntry(lemma, head, reflexive, particle, frames, row.get("act") or "say")


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    """The speech lexicon of a language, loaded once."""
    by_lemma: dict[str, list[VerbEntry]] = {}
    by_form: dict[str, list[VerbEntry]] = {}
    for row in load_table(lang, "speech_verbs"):
        entry = _entry(row, lang)
        by_lemma.setdefault(entry.head, []).append(entry)
        forms = {f.strip().lower() for f in (row.get("forms") or "").split(",") if f.strip()}
        forms |= _fr_forms(entry.head) if lang == "fr" else _en_forms(entry.head)
        for form in forms:
            by_form.setdefault(form, []).append(entry)
    sources = []
    for row in load_table(lang, "source_cues"):
        words = tuple(_split_cue(row["cue"].lower()))
        places = frozenset(p.strip() for p in row["place"].split(",") if p.strip())
        sources.append(SourceCue(words, places, row.get("needs") == "source"))
    return Lexicon(lang, {k: tuple(v) for k, v in by_lemma.items()},
                   {k: tuple(v) for k, v in by_form.items()}, tuple(sources))


def _split_cue(cue: str) -> list[str]:
    """Cue words as spaCy tokenises them: "d'après" -> ["d'", "après"]."""
    out: list[str] = []
    for word in cue.split():
        if "'" in word[:-1]:
            k = word.index("'") + 1
            out += [word[:k], word[k:]]
        else:
            out.append(word)
    return out


@lru_cache(maxsize=32)
def grammar(lang: str, role: str) -> frozenset[str]:
    """Function words of ``resources/<lang>/quote_grammar.tsv`` with a role ("complementiser"...),
    apostrophes straightened; compare them with :func:`word`."""
    try:
        rows = load_table(lang, "quote_grammar")
    except ResourceError:
        return frozenset()
    return frozenset(r["word"].lower() for r in rows if r["role"] == role)


def word(tok: Any) -> str:
    """A token as the grammar tables write it: lower case, straight apostrophe."""
    return str(tok.lower_).replace("’", "'")


def speech_act(lang: str, lemma: str | None) -> str | None:
    """The kind of statement a speech verb makes ("announce", "deny", "demand"...), for events."""
    if not lemma:
        return None
    for entries in lexicon(lang).by_lemma.values():
        for e in entries:
            if e.lemma == lemma or e.head == lemma:
                return e.act
    return "say" if lemma in {"selon", "d'après", "according to"} else None


# --- finding cues in a parsed document ------------------------------------------------------

def _is_clitic_subject(tok: Any) -> bool:
    text = tok.text.lower()
    return text.startswith("-") and text.lstrip("-t").lstrip("-") in {"il", "elle", "ils", "elles", "on"} \
        or text in {"-il", "-elle", "-ils", "-elles", "-on"}


def _clitic_after(doc: Any, i: int) -> int | None:
    """The clitic subject right after token ``i`` ("dit-elle", "a-t-il")."""
    for j in (i + 1, i + 2):
        if j < len(doc) and _is_clitic_subject(doc[j]):
            return j
        if j < len(doc) and doc[j].text not in ("-t", "-t-", "t"):
            break
    return None


def _auxiliaries(doc: Any, i: int, lang: str = "fr") -> int:
    """First token of the verb group ending at ``i``: auxiliaries, clitics, adverbs and asides between.

    « a-t-il déclaré », « s'est défendu », « ont, pour la première fois, demandé », « a fini par démentir ».
    """
    first = min([i, *(c.i for c in doc[i].children if c.dep_.startswith("aux") and 0 < i - c.i <= 8)])
    reflexive, particles = grammar(lang, "reflexive"), grammar(lang, "verb_particle")
    j = first - 1
    while j >= 0 and i - j <= 8:
        tok = doc[j]
        if tok.pos_ == "AUX" or _is_clitic_subject(tok) or tok.text in ("-t", "-t-") or word(tok) in reflexive:
            first = j
        elif tok.pos_ in ("ADV", "PART") or word(tok) in particles:
            pass
        elif tok.pos_ == "VERB" and tok.lemma_ in grammar(lang, "governor"):
            first = j  # "a fini par démentir", "vient de déclarer"
        elif word(tok) in grammar(lang, "before_infinitive") and doc[j + 1].pos_ in ("VERB", "AUX"):
            pass
        elif tok.text == ",":
            k = _aside_start(doc, j)
            if k is None:
                break
            j = k  # skip the aside back to its opening comma
        else:
            break
        j -= 1
    return first


def _aside_start(doc: Any, j: int) -> int | None:
    """For a comma at ``j`` closing an aside (« ont, pour la première fois, demandé »), its opening comma,
    when an auxiliary stands right before it."""
    k = j - 1
    while k >= 0 and j - k <= 7 and doc[k].text != ",":
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", ";", ":", "«", "»"):
            return None
        k -= 1
    if k > 0 and doc[k].text == "," and doc[k - 1].pos_ == "AUX":
        return k
    return None


def _has_reflexive(doc: Any, first: int, i: int, lang: str) -> bool:
    marks = grammar(lang, "reflexive")
    return any(word(doc[j]) in marks for j in range(max(0, first - 2), i))


def _after_statement(doc: Any, first: int) -> bool:
    """The verb group follows a quote or a comma: "« ... », note ..." (a context where only verbs stand);
    in English its subject may stand between: '"...," he added'."""
    j = first - 1
    if j >= 0 and doc[j].dep_ == "nsubj" and doc[j].head.i >= first and doc[j].lang_ == "en":
        j = doc[j].left_edge.i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j >= 0 and (doc[j].text in (",", ":") or doc[j].text[-1:] in _QUOTE_CLOSERS)


def _subject_before(tok: Any, lang: str, inside_quote: Callable[[int], bool]) -> bool:
    """The verb has its subject before it, outside quotes (French inverts it after a statement)."""
    return lang == "fr" and any(c.dep_ in ("nsubj", "expl:subj") and c.i < tok.i and not inside_quote(c.idx)
                                for c in tok.children)


def _quote_follows(doc: Any, i: int, lang: str) -> bool:
    """A quotation mark right after the verb, maybe after "de"/"comme" (« qualifiés d'« officiers » »)."""
    links = grammar(lang, "of") | grammar(lang, "comparison")
    for j in range(i + 1, min(len(doc), i + 3)):
        if doc[j].text[:1] in "«“\"„‹":
            return True
        if word(doc[j]) not in links:
            return False
    return False


def _conjoined_with_aux(tok: Any) -> bool:
    """« a salué ... et souhaité que »: a participle sharing the auxiliary of the verb it is joined to."""
    return tok.dep_ == "conj" and any(c.dep_.startswith("aux") for c in tok.head.children)


def _verb_entries(doc: Any, i: int, lex: Lexicon) -> tuple[VerbEntry, ...]:
    tok = doc[i]
    if tok.pos_ in ("VERB", "AUX"):
        found = lex.by_lemma.get(tok.lemma_.lower()) or lex.by_form.get(tok.lower_)
        if found:
            return found
    if tok.pos_ in ("NOUN", "ADJ", "PROPN", "VERB"):  # a verb the tagger took for a noun ("note", "juge")
        found = lex.by_form.get(tok.lower_)
        nxt = word(doc[i + 1]) if i + 1 < len(doc) else ""
        if found and (_after_statement(doc, _auxiliaries(doc, i, lex.lang)) or _clitic_after(doc, i) is not None
                      or (nxt in grammar(lex.lang, "complementiser") and doc[i - 1].pos_ in ("NOUN", "PROPN", "ADJ"))):
            return found
    return ()


def _verb_cue(doc: Any, i: int, lex: Lexicon, inside_quote: Callable[[int], bool]) -> Cue | None:
    entries = _verb_entries(doc, i, lex)
    if not entries:
        return None
    tok = doc[i]
    if i > 0 and doc[i - 1].text in ("-", "‑") and doc[i - 1].idx + 1 == tok.idx:
        return None  # "so-called", « soi-disant »: part of a compound word
    first = _auxiliaries(doc, i, lex.lang)
    reflexive = _has_reflexive(doc, first, i, lex.lang)
    for entry in entries:
        if entry.reflexive != reflexive:
            continue  # "se défendre" is not "défendre"; "se dire favorable" is not "dire"
        last = i
        if entry.particle is not None:
            ahead = [doc[j].lower_ for j in range(i + 1, min(len(doc), i + 3))]
            if entry.particle not in ahead:
                continue
            last = i + 1 + ahead.index(entry.particle)
        clitic = _clitic_after(doc, i)
        if clitic is None:
            clitic = next((j for j in range(first, i) if _is_clitic_subject(doc[j])), None)
        if clitic is not None and clitic > last:
            last = clitic
        if "inv" in entry.frames and not (clitic is not None or (_after_statement(doc, first)
                                                                 and not _subject_before(tok, lex.lang, inside_quote))):
            continue  # "poursuivre", "lancer": speech only in « ... », poursuit-il
        if tok.morph.get("VerbForm") == ["Part"] and first == i and tok.morph.get("Tense") == ["Past"] \
                and clitic is None and not _quote_follows(doc, i, lex.lang) and not _conjoined_with_aux(tok):
            continue  # « les mesures annoncées par ... », « reconnu coupable »: a participle used as an adjective
        if any(word(doc[j]) in grammar(lex.lang, "comparison") for j in range(max(0, first - 2), first)):
            continue  # « comme le souhaite X »: a comparison, not a statement
        return Cue("verb", entry.lemma, entry.act, entry.frames, first, i, last, clitic)
    return None


def _source_cue(doc: Any, i: int, lex: Lexicon, lowers: list[str] | None = None) -> Cue | None:
    """The source preposition starting at token ``i``; ``lowers``: the tokens' lower-cased texts, "’" as "'"."""
    if lowers is None:
        lowers = [t.lower_.replace("’", "'") for t in doc]
    for src in lex.sources:
        n = len(src.words)
        if i + n > len(doc):
            continue
        if tuple(lowers[i:i + n]) == src.words:
            lemma = " ".join(src.words).replace("' ", "'")
            return Cue("source", lemma, "say", frozenset(), i, i + n - 1, i + n - 1,
                       places=src.places, needs_source=src.needs_source)
    return None


def find_cues(doc: Any, lang: str, inside_quote: Callable[[int], bool]) -> list[Cue]:
    """Speech verbs and source prepositions of ``doc`` outside direct quotes.

    ``inside_quote(char_index) -> bool`` says whether a character stands between
    quotation marks: a speech verb there belongs to the quoted speaker's words.
    """
    lex = lexicon(lang)
    lowers = [t.lower_.replace("’", "'") for t in doc]  # once: the source cues are compared on every token
    firsts = {src.words[0] for src in lex.sources}  # a source cue starts with one of these words
    cues: list[Cue] = []
    taken = -1
    for i, tok in enumerate(doc):
        if i <= taken or tok.is_space or inside_quote(tok.idx):
            continue
        source = _source_cue(doc, i, lex, lowers) if lowers[i] in firsts else None
        cue = source or _verb_cue(doc, i, lex, inside_quote)
        if cue is not None:
            cues.append(cue)
            taken = cue.last if cue.kind == "source" else i
    return cues
