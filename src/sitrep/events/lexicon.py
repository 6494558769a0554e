"""The event coder's lexicons, read from data files, and a matcher for them.

Every list of words the coder relies on lives in ``resources/<lang>/*.tsv``
(triggers, context cues, status cues, sector words, actor names, demonyms);
this module loads them once and finds their entries in a spaCy sentence.

An entry is one or more lemmas in order.  A word of the text matches an entry
word when its lemma or its lower-cased form (accents kept, apostrophes
straightened) equals it; the words of a multiword entry must come in order
with at most ``MAX_GAP`` other words between two of them, so "take control"
finds "took full control" and "prendre contrôle" finds "a pris le contrôle".
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

from ..errors import ResourceError
from ..resources import load_table

P = TypeVar("P")

MAX_GAP = 2
_SKIP = {"-", "–", "‑"}  # hyphens: "sit-in" is "sit in", "cessez-le-feu" is "cessez le feu"


def norm(word: str) -> str:
    """Lower case with straight apostrophes; accents are kept (French needs them)."""
    return word.replace("’", "'").replace("`", "'").strip().lower()


_FOLDED: dict[str, str] = {}
_FOLD_WORD = 200  # folds of strings up to this long are kept (words, names, phrases; not whole texts)
_FOLD_KEPT = 50_000


def fold(word: str) -> str:
    """Lower case without accents, for names ("Sergueï" ~ "serguei")."""
    hit = _FOLDED.get(word)
    if hit is not None:
        return hit
    if len(word) > _FOLD_WORD:
        return fold_text(word)
    nfkd = unicodedata.normalize("NFKD", word)
    out = "".join(c for c in nfkd if not unicodedata.combining(c)).casefold()
    if len(_FOLDED) >= _FOLD_KEPT:
        _FOLDED.clear()
    _FOLDED[word] = out
    return out


def fold_text(text: str) -> str:
    """``fold`` of a long string (a whole text): the marks dropped by one ``str.translate`` rather than
    letter by letter, and not kept."""
    nfkd = unicodedata.normalize("NFKD", text)
    return nfkd.translate({ord(c): None for c in set(nfkd) if unicodedata.combining(c)}).casefold()


def doc_text(doc: Any) -> str:
    """The Doc's text, built once: spaCy joins its tokens again at every ``doc.text``."""
    text = doc.user_data.get("sitrep_text")
    if text is None:  # doc.text joined from spaCy's arrays, without making a Token of each word
        from spacy.attrs import ORTH, SPACY

        strings = doc.vocab.strings
        text = "".join(strings[o] + " " if sp else strings[o] for o, sp in doc.to_array([ORTH, SPACY]).tolist())
        doc.user_data["sitrep_text"] = text
    return str(text)


def crosses_line(doc: Any, i: int, j: int) -> bool:
    """True when tokens ``i`` and ``j`` stand on different lines: a paragraph break is a hard
    boundary even where the parser let a sentence run across it."""
    if i < 0 or j < 0:  # counted from the end: read the text itself
        lo, hi = sorted((i, j))
        return "\n" in doc_text(doc)[doc[lo].idx:doc[hi].idx]
    lines = _doc_keys(doc).lines
    return bool(lines[i] != lines[j])


def sentence_bounds(doc: Any, i: int) -> tuple[int, int]:
    """Start and end (token indices) of the sentence that holds token ``i``: ``tok.sent``, kept per
    Doc (spaCy walks the tokens to the sentence's edges at every ``tok.sent``)."""
    if doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks:  # sentences of the user's own
        sent = doc[i].sent
        return sent.start, sent.end
    bounds = doc.user_data.get("sitrep_sent_bounds")
    if bounds is None:
        bounds = []
        for sent in doc.sents:
            bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
        doc.user_data["sitrep_sent_bounds"] = bounds
    return tuple(bounds[i])  # type: ignore[return-value]


class _DocKeys:
    """A Doc's tokens as the lexicons read them, built once per Doc: each token's keys, text, head
    and sentence start, and for each lexicon the entries its tokens may open."""

    __slots__ = ("keys", "texts", "heads", "starts", "opened", "lemmas", "lines")

    def __init__(self, doc: Any) -> None:
        import numpy
        from spacy.attrs import HEAD, IDX, LANG, LEMMA, ORTH, SENT_START

        strings = doc.vocab.strings
        table = doc.to_array([ORTH, LEMMA, LANG, HEAD, SENT_START, IDX])
        self.texts: list[str] = [strings[h] for h in table[:, 0].tolist()]
        self.lemmas: list[str] = [strings[h] for h in table[:, 1].tolist()]
        langs = [strings[h] for h in table[:, 2].tolist()]
        self.keys: list[tuple[str, ...]] = [_keys_of(*k) for k in zip(self.texts, self.lemmas, langs, strict=True)]
        # the heads as token indices (the table holds offsets), sentence starts as spaCy's is_sent_start
        self.heads: list[int] = (table[:, 3].astype(numpy.int64) + numpy.arange(len(doc))).tolist()
        self.starts: list[bool] = (table[:, 4].astype(numpy.int64) == 1).tolist()
        # per token, how many line breaks the text holds before it
        text = doc_text(doc)
        breaks: list[int] = []
        at = text.find("\n")
        while at >= 0:
            breaks.append(at)
            at = text.find("\n", at + 1)
        self.lines: list[int] = numpy.searchsorted(numpy.array(breaks, dtype=numpy.int64), table[:, 5].astype(
            numpy.int64), side="left").tolist() if breaks else [0] * len(doc)
        # id(index) -> (the index, per token the entries it may open, the tokens that open any)
        self.opened: dict[int, tuple[Any, list[tuple[Any, ...]], list[int]]] = {}

    def entries(self, index: PhraseIndex[Any]) -> tuple[list[tuple[Any, ...]], list[int]]:
        hit = self.opened.get(id(index))
        if hit is None or hit[0] is not index:
            opened = index._opened
            per_token: list[tuple[Any, ...]] = []
            for keys in self.keys:
                found = opened.get(keys)
                per_token.append(found if found is not None else index.opening(keys))
            hit = (index, per_token, [i for i, e in enumerate(per_token) if e])
            self.opened[id(index)] = hit
        return hit[1], hit[2]


def _doc_keys(doc: Any) -> _DocKeys:
    """The Doc's ``_DocKeys``, built at the first look (a Doc's lemmas are those of its parse)."""
    found = doc.user_data.get("sitrep_doc_keys")
    if found is None or len(found.keys) != len(doc):
        found = doc.user_data["sitrep_doc_keys"] = _DocKeys(doc)
    return found  # type: ignore[no-any-return]


def token_keys(tok: Any) -> tuple[str, ...]:
    """The forms under which a token can match an entry word: its lemma, its lower-cased form,
    and that form without a plural ending where the lemmatiser left one ("armés", "attentats-suicides").
    Kept per Doc: every lexicon looks at the same tokens many times."""
    known = _doc_keys(tok.doc)
    i = tok.i
    if known.lemmas[i] == tok.lemma_:
        return known.keys[i]
    return _token_keys(tok)


def _token_keys(tok: Any) -> tuple[str, ...]:
    return _keys_of(tok.text, tok.lemma_, tok.lang_)


@lru_cache(maxsize=1 << 15)
def _keys_of(text: str, lemma_: str, lang: str) -> tuple[str, ...]:
    lower = norm(text)
    lemma = norm(lemma_) if lemma_ else lower
    keys = [lemma] if lemma == lower else [lemma, lower]
    singular = "-".join(p[:-1] if len(p) > 3 and p[-1] in "sx" else p for p in lower.split("-"))
    if singular not in keys:
        keys.append(singular)
    if "/" in lower:  # "projectiles/explosions/shots": each word counts
        keys.extend(p[:-1] if len(p) > 3 and p.endswith("s") else p for p in lower.split("/") if p)
    if lang == "en" and lemma == lower and len(lower) > 5:
        # the English lemmatiser leaves some forms alone or gets them wrong ("raped" -> "rap")
        if lower.endswith("ed"):
            keys.extend((lower[:-1], lower[:-2]))
        elif lower.endswith("ing"):
            keys.extend((lower[:-3], lower[:-3] + "e"))
    elif lang == "en" and lower.endswith("ed") and len(lower) > 4 and lemma != lower[:-1]:
        keys.append(lower[:-1])
    return tuple(keys)


@dataclass(frozen=True)
class Match(Generic[P]):
    tokens: tuple[int, ...]  # doc indices of the matched words
    payload: P

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


_OPENED_KEPT = 50_000


class PhraseIndex(Generic[P]):
    """Entries (tuples of words) indexed by their first word."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], P]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], P]]] = {}
        for words, payload in entries:
            if words:
                self._by_first.setdefault(words[0], []).append((words, payload))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda e: -len(e[0]))  # longest entries first

        self._opened: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], P], ...]] = {}

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def opening(self, keys: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], P], ...]:
        """The entries a token with these keys may open, in the order of its keys (kept)."""
        found: tuple[tuple[tuple[str, ...], P], ...] = ()
        for key in keys:
            bucket = self._by_first.get(key)
            if bucket:
                found += tuple(bucket)
        if len(self._opened) >= _OPENED_KEPT:
            self._opened.clear()
        self._opened[keys] = found
        return found

    def find(self, tokens: Sequence[Any]) -> list[Match[P]]:
        """Every entry found in ``tokens`` (a sentence or a span), longest first at each start."""
        doc, ids = _token_ids(tokens)
        if doc is None:
            return []
        known = _doc_keys(doc)
        per_token, opening = known.entries(self)
        found: list[Match[P]] = []
        if isinstance(ids, range):  # a span: only the tokens that open an entry are looked at
            lo, hi = ids.start, ids.stop
            at = bisect_left(opening, lo)
            positions = ((d - lo, d) for d in opening[at:bisect_left(opening, hi, at)])
        else:
            positions = ((k, d) for k, d in enumerate(ids) if per_token[d])
        for k, d in positions:
            for words, payload in per_token[d]:
                if len(words) == 1:
                    found.append(Match((d,), payload))
                    continue
                idx = _match_rest(known, ids, k, words)
                if idx is not None:
                    found.append(Match(tuple(ids[j] for j in idx), payload))
        return found


def _token_ids(tokens: Sequence[Any]) -> tuple[Any, Sequence[int]]:
    """The Doc of ``tokens`` and their indices in it (a range for a Doc or a span)."""
    if type(tokens) is not list:
        start = getattr(tokens, "start", None)
        if isinstance(start, int) and hasattr(tokens, "doc"):  # a Span
            return tokens.doc, range(start, getattr(tokens, "end"))  # noqa: B009
        if hasattr(tokens, "user_data"):  # a Doc
            return tokens, range(len(tokens))
    toks = list(tokens)
    if not toks:
        return None, ()
    return toks[0].doc, [t.i for t in toks]


_STOPS = {".", ";", "!", "?"}


def _linked(known: _DocKeys, tok: int, matched: list[int]) -> bool:
    """A word found after a gap belongs to the phrase only when the parse ties it to it
    ("took full control": "control" hangs on "took"; not "driving a vehicle carried out")."""
    heads = known.heads
    head = heads[tok]
    return head in matched or heads[head] in matched or any(heads[m] == tok for m in matched)


def _match_rest(known: _DocKeys, ids: Sequence[int], i: int, words: tuple[str, ...]) -> list[int] | None:
    """Positions in ``ids`` of the rest of an entry whose first word is at ``i``, or None."""
    texts, keys, starts = known.texts, known.keys, known.starts
    idx = [i]
    pos = i
    n = len(ids)
    for word in words[1:]:
        for j in range(pos + 1, min(n, pos + 2 + MAX_GAP + 1)):
            d = ids[j]
            if texts[d] in _SKIP:
                continue
            if word in keys[d]:
                gap = any(texts[ids[k]] not in _SKIP for k in range(pos + 1, j))
                if gap and not _linked(known, d, [ids[k] for k in idx]):
                    return None
                idx.append(j)
                pos = j
                break
            if starts[d] or texts[d] in _STOPS:
                return None
        else:
            return None
    return idx


def _variants(phrase: str) -> list[tuple[str, ...]]:
    """An entry's words, and for a multiword entry the same words hyphen-joined as one token
    ("cessez le feu" is also "cessez-le-feu", which the French tokeniser keeps whole)."""
    words = _words(phrase)
    out = [words]
    if len(words) > 1 and not any(w.endswith("'") for w in words):
        out.append(("-".join(words),))
    return out


def _words(phrase: str) -> tuple[str, ...]:
    """An entry's words: hyphens and apostrophes split as the tokenisers split them."""
    text = norm(phrase).replace("-", " ")
    out: list[str] = []
    for w in text.split():
        if "'" in w and not w.endswith("'"):
            head, _, tail = w.partition("'")
            out.extend([head + "'", tail] if tail else [head + "'"])
        else:
            out.append(w)
    return tuple(out)


# ---------------------------------------------------------------------------
# tables


@dataclass(frozen=True)
class Kind:
    name: str
    plover: str
    acled_type: str | None
    acled_subtype: str | None
    rank: int


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # V, N or *
    kind: str
    weight: float


def _table(lang: str, name: str) -> tuple[dict[str, str], ...]:
    try:
        return load_table(lang, name)
    except ResourceError:
        return ()


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    out = {}
    for r in load_table("common", "event_kinds"):
        out[r["kind"]] = Kind(r["kind"], r["plover"], r["acled_type"] or None, r["acled_subtype"] or None,
                              int(r["rank"] or 0))
    return out


@lru_cache(maxsize=4)
def triggers(lang: str) -> PhraseIndex[Trigger]:
    known = kinds()
    entries: list[tuple[tuple[str, ...], Trigger]] = []
    for r in load_table(lang, "event_triggers"):
        if r["kind"] not in known:
            raise ResourceError(f"{lang}/event_triggers.tsv: unknown kind {r['kind']!r} for {r['lemma']!r}")
        t = Trigger(r["lemma"], r["pos"] or "*", r["kind"], float(r["weight"] or 0.5))
        entries.extend((words, t) for words in _variants(r["lemma"]))
    return PhraseIndex(entries)


@lru_cache(maxsize=4)
def cues(lang: str) -> PhraseIndex[str]:
    return PhraseIndex((w, r["cue"]) for r in load_table(lang, "event_cues") for w in _variants(r["lemma"]))


@lru_cache(maxsize=4)
def typing_words(lang: str) -> dict[str, frozenset[str]]:
    """Word class -> its words (``<lang>/event_typing.tsv``): the words that refine a coding once
    its trigger and cues are known (a police raid, a surrender, a preposition for a protest's aim)."""
    out: dict[str, set[str]] = {}
    for r in _table(lang, "event_typing"):
        if r.get("class") and r.get("word"):
            out.setdefault(r["class"], set()).add(norm(r["word"]))
    return {k: frozenset(v) for k, v in out.items()}


def words_of(lang: str, name: str) -> frozenset[str]:
    """The words of one class of ``typing_words`` (empty when the language has none)."""
    return typing_words(lang).get(name, frozenset())


def doc_lang(doc: Any) -> str:
    """The lexicon language of a Doc: French, or English for anything else."""
    return "fr" if doc.lang_ == "fr" else "en"


@dataclass(frozen=True)
class StatusCue:
    kind: str  # neg, deny, cond, modal, future, announce, ongoing, past
    status: str


@lru_cache(maxsize=4)
def status_cues(lang: str) -> PhraseIndex[StatusCue]:
    return PhraseIndex((w, StatusCue(r["kind"], r["status"]))
                       for r in load_table(lang, "event_status") for w in _variants(r["cue"]))


@dataclass(frozen=True)
class Role:
    name: str
    sector: str
    template: str
    armed: bool


@lru_cache(maxsize=1)
def roles() -> dict[str, Role]:
    return {r["role"]: Role(r["role"], r["sector"], r["name"], r["armed"] == "yes")
            for r in load_table("common", "actor_roles")}


@lru_cache(maxsize=4)
def sector_words(lang: str) -> PhraseIndex[str]:
    return PhraseIndex((w, r["role"]) for r in load_table(lang, "actor_sectors") for w in _variants(r["word"]))


@lru_cache(maxsize=4)
def title_sectors(lang: str) -> PhraseIndex[str]:
    """Role titles of ``<lang>/titles.tsv`` (the entities stage's table) that carry a sector."""
    return PhraseIndex((_words(r["title"]), r["sector"]) for r in _table(lang, "titles")
                       if r.get("kind") == "role" and r.get("sector"))


@dataclass(frozen=True)
class ActorEntry:
    pattern: str
    name: str
    country: str | None
    sector: str | None
    role: str | None
    exact_case: bool  # an all-capital acronym: matched case-sensitively


@lru_cache(maxsize=4)
def actor_entries(lang: str) -> tuple[ActorEntry, ...]:
    """Dictionary actors for a language (its own table first, then the common one), longest first."""
    out = []
    for table in (_table(lang, "actors"), load_table("common", "actors")):
        for r in table:
            pat = r["pattern"]
            out.append(ActorEntry(pat, r["name"] or pat, r["country"] or None, r["sector"] or None,
                                  r["role"] or None, pat.upper() == pat and any(c.isalpha() for c in pat)))
    out.sort(key=lambda e: -len(e.pattern))
    return tuple(out)


@lru_cache(maxsize=4)
def demonyms(lang: str) -> dict[str, str]:
    """Demonym (folded, singular and plural) -> ISO alpha-3.

    The event coder's own table first; the geoparser's ``demonyms.tsv``, when it
    exists, adds the forms it knows (its country column may be alpha-2 or alpha-3).
    """
    from .codes import alpha3

    out: dict[str, str] = {}
    rows = list(_table(lang, "event_demonyms"))
    for r in _table(lang, "demonyms"):
        keys = list(r)
        word = r.get("demonym") or r.get(keys[0], "")
        code = next((r[k] for k in ("country", "iso3", "alpha3", "country_code", "iso2", "code") if r.get(k)), "")
        if word and code:
            rows.append({"demonym": word, "country": code})
    for r in rows:
        code3 = alpha3(r["country"])
        word = fold(r["demonym"])
        if not code3 or not word:
            continue
        for form in _plural_forms(word, lang):
            out.setdefault(form, code3)
    return out


def _plural_forms(word: str, lang: str) -> tuple[str, ...]:
    if word.endswith(("s", "x")):
        return (word,)
    if lang == "fr" and word.endswith("al"):
        return (word, word + "s", word[:-2] + "aux")
    return (word, word + "s")
