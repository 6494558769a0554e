"""Toponym recognition: which words of the article name places.

Sources, merged:

- the NER model's place entities (GPE, LOC, FAC), possessives and compass
  suffixes trimmed ("Alep-Est" is looked up as "Alep"); a list the model took
  for one name is split ("Thruxton, Hampshire");
- buildings, streets and sites the model tags, by their last or first word
  ("Royal Street", "Mount Chaambi"; ``place_cues`` kind facility), and
  numbered roads ("the A417"): the resolver places them in a town;
- places inside other entities: a name the model tagged as an organisation
  or a person in a place's position ("of Edmonton") or listed with places
  ("Gloucester and Cheltenham"), and the place named inside an organisation's
  name ("Kentucky State Police", "CBC Toronto");
- a scan of capitalised word runs outside any entity, against the gazetteer.

The last two are conservative: only countries, continents, divisions and
cities of 50,000 people or more (or a name the article shows to be a place:
a dateline, "Town, Division", "(Town)", a name tagged as a place elsewhere),
never a word on the stop list, never a word the article also writes in lower
case ("Mobile", "Reading"), so that ordinary capitalised words do not become
places.  Every step reads the text once or looks each name up once: the work
grows with the article's length, not its square (issue 3).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from ..records import Entity, Span
from ..resources import load_table
from .countries import is_demonym
from .gazetteer import Entry, Gazetteer, fold, is_abbreviation
from .kinds import bare_places, is_kind_word, with_kind
from .wording import (
    countries_named,
    dateline,
    district_cue,
    drop_overlaps,
    given_names,
    holder_names,
    holds,
    join_split_names,
    joined,
    person_words,
    scan_dateline,
    written_lower,
)

SCAN_MIN_POPULATION = 50_000
COUNTY_MIN_POPULATION = 200_000  # a one-word county this populous is taken by its name ("Kent")
ALIAS_MIN_POPULATION = 1_000_000  # a city this big is also found by its GeoNames alternate names
_STRONG_FEATURES = frozenset({"country", "continent", "admin1", "region"})
_WORD = re.compile(r"[A-ZÀ-Ý][\w'’.&-]*|[a-zà-ÿ]+['’]?")
_CAP_WORD = re.compile(r"[A-ZÀ-Ý][\w'’&]*(?:\.(?:[A-Z]\.?)*)?")
_ARTICLE = re.compile(r"^(?:(?:the|la|le|les)\s+|l['’]\s*)", re.IGNORECASE)  # not "Lebanon" -> "banon"
_POSSESSIVE = re.compile(r"(?<=\w)['’]s$")
_MAX_SCAN_WORDS = 5
# "Redeyef (Gafsa": the model may run a town and its province in brackets into one name
_LIST_SEPARATOR = re.compile(r",\s+|\s+(?:and|or|et|ou|&)\s+|\s*/\s*|\s*\(\s*|\s*\)\s*")


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    text: str  # the words as written
    lookup: str  # the name looked up in the gazetteer (may differ: "Alep-Est" -> "Alep")
    from_ner: bool  # the model tagged these words as a place
    district_cue: bool = False  # "le quartier de X": a part of the city the article is about
    suffix: bool = False  # "Alep-Est": a part of the place named
    inner: bool = False  # named inside an organisation's name ("Kentucky State Police")
    facility: bool = False  # a building, street or site ("Royal Street", "Cavan Institute")
    listed: bool = False  # found only by being listed with places ("Ingham or Townsville")


@lru_cache(maxsize=4)
def _cues(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    rows = load_table(lang, "place_cues")
    return (frozenset(r["word"].lower() for r in rows if r["kind"] == "district"),
            tuple(r["word"] for r in rows if r["kind"] == "suffix"))


@lru_cache(maxsize=4)
def _road_number(lang: str) -> re.Pattern[str] | None:
    """"the A417", "the I-95": a numbered road, from the letters the team lists (kind road)."""
    letters = [re.escape(r["word"]) for r in load_table(lang, "place_cues") if r["kind"] == "road"]
    return re.compile(rf"\b[Tt]he ((?:{'|'.join(letters)})\d{{1,4}})\b") if letters else None


@lru_cache(maxsize=4)
def _facility_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words that make a name a building, street or site: last ("Royal Street") or first ("Mount Chaambi")."""
    rows = load_table(lang, "place_cues")
    return (frozenset(r["word"].lower() for r in rows if r["kind"] == "facility"),
            frozenset(r["word"].lower() for r in rows if r["kind"] == "facility_first"))


@lru_cache(maxsize=4)
def _stopwords(lang: str) -> frozenset[str]:
    """The team's list plus the language's function words ("But", "She", "More")."""
    import importlib

    words = {r["word"] for r in load_table(lang, "place_stopwords")}
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        words |= {w.capitalize() for w in module.STOP_WORDS}
    except ImportError:
        pass
    return frozenset(words)


@lru_cache(maxsize=4)
def _prepositions(lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?:^|\W){re.escape(r['word'])}\s*$")
                 for r in load_table(lang, "place_prepositions"))


def after_preposition(text: str, start: int, lang: str) -> bool:
    before = text[max(0, start - 12):start].lower()
    return any(p.search(before) for p in _prepositions(lang))


def strong(entries: list[Entry], piece: str, gaz: Gazetteer, aliases: bool = True) -> bool:
    """A name worth taking without the model's word: a country, a first-level division, a
    county named as one ("Orange County"), or a sizeable city by its own name, the team's
    name for it or, for a big city and with ``aliases``, one of its GeoNames alternate names."""
    key = fold(piece)
    for e in entries:
        own = fold(e.name) == key or key in gaz.team_names
        if e.feature in _STRONG_FEATURES:
            return True
        if e.feature == "admin2" and own and (" " in key or e.population >= COUNTY_MIN_POPULATION):
            return True  # "Metcalfe County", "Kent"
        if e.feature == "city" and e.population >= SCAN_MIN_POPULATION and (
                own or (aliases and e.population >= ALIAS_MIN_POPULATION)):
            return True
    return False


def _lookup_name(name: str, suffixes: tuple[str, ...]) -> tuple[str, bool]:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)], True
    return _ARTICLE.sub("", name), False


class _Recognizer:
    def __init__(self, text: str, gaz: Gazetteer, lang: str) -> None:
        self.text, self.gaz, self.lang = text, gaz, lang
        self.districts, self.suffixes = _cues(lang)
        self.facility_last, self.facility_first = _facility_words(lang)
        self.generic = frozenset(r["word"].lower() for r in load_table(lang, "place_cues") if r["kind"] == "generic")
        self.currency = frozenset(r["word"].lower() for r in load_table(lang, "place_cues") if r["kind"] == "currency")
        self.stop = _stopwords(lang)
        self.person_words: frozenset[str] = frozenset()
        self.placed: frozenset[str] = frozenset()  # names the article shows to be places somewhere
        self.mentions: list[Mention] = []
        self.countries: frozenset[str] = frozenset()  # the countries the article's entities name
        self.words = frozenset(re.findall(r"\w+", text))
        self.particles = frozenset(r["word"] for r in load_table(lang, "place_cues") if r["kind"] == "particle")

    def allowed(self, piece: str) -> bool:
        """Words that may be taken as a place without the model's word for it."""
        if piece in self.stop or piece in self.person_words or is_demonym(piece, self.lang):
            return False
        return not is_abbreviation(piece) or piece in self.gaz.abbreviations

    def add(self, start: int, end: int, lookup: str, from_ner: bool, suffix: bool = False,
            inner: bool = False, facility: bool = False, listed: bool = False) -> None:
        after = _NEXT_WORD.match(self.text, end)
        if after is not None and after.group(1).lower() in self.currency:
            return  # "the US dollar", "Hong Kong dollars": money, not a place
        self.mentions.append(Mention(Span(start, end), self.text[start:end], lookup, from_ner,
                                     district_cue(self.text, start, self.districts), suffix, inner, facility,
                                     listed))

    def split_list(self, ent: Entity) -> bool:
        """A list the model took for one name ("Thruxton, Hampshire", "Ingham or Townsville",
        "Haris and Varzaqan"): each known part is a place of its own.  Returns True when taken."""
        core = _POSSESSIVE.sub("", _ARTICLE.sub("", ent.text))
        if self.gaz.known(core):
            return False  # "Bosnia and Herzegovina", "Trinidad and Tobago"
        base = ent.span.start + ent.text.find(core)
        parts, last = [], 0
        for sep in _LIST_SEPARATOR.finditer(core):
            parts.append((last, sep.start()))
            last = sep.end()
        parts.append((last, len(core)))
        names = [(base + a, base + b) for a, b in parts if b > a]
        if not 2 <= len(names) <= 3 or not all(self.text[a].isupper() and len(self.text[a:b].split()) <= 4
                                               for a, b in names):
            return False
        known = [(a, b) for a, b in names if self.allowed(self.text[a:b]) and self.gaz.known(self.text[a:b])]
        for a, b in known:
            self.add(a, b, self.text[a:b], ent.label == "LOC", listed=True)
        return bool(known)

    def facility(self, ent: Entity) -> bool:
        """A building, street or site the model tagged ("Cloverhill District Court", "the Air Balloon
        roundabout"), unless the gazetteer knows the whole name: taken as a place inside the town
        it names or the article's town.  Returns True when it was taken."""
        name = _ARTICLE.sub("", _POSSESSIVE.sub("", ent.text))
        words = name.split()
        after = re.match(r" ([a-z]+)\b", self.text[ent.span.end:ent.span.end + 20])
        head = (len(words) > 1 and (words[-1].lower() in self.facility_last
                                    or words[0].lower() in self.facility_first))
        if not head and not (after and after.group(1) in self.facility_last):
            return False
        if self.gaz.known(name) or len(words) > 6 or not words[0][:1].isupper() or not self.allowed(name):
            return False
        if head and all(_POSSESSIVE.sub("", w).rstrip(".").lower() in self.generic for w in words[:-1]):
            return False  # "Supreme Court", "Catholic Church": a kind of building, not a named one
        start = ent.span.start + ent.text.find(name)  # "the Air Balloon" -> "Air Balloon"
        end = start + len(name)
        inner = self.inner_name(start, end)
        self.add(start, end, inner or name, ent.label == "LOC", facility=True)
        return True

    def inner_name(self, start: int, end: int) -> str | None:
        """The longest run of capitalised words in [start, end) that the gazetteer knows, leaving
        out the words that make it a facility ("Colchester" in "Colchester General Hospital")."""
        words = [(m.start() + start, m.end() + start) for m in _CAP_WORD.finditer(self.text[start:end])
                 if m.group().lower() not in self.facility_last | self.facility_first]
        best: str | None = None
        for i in range(len(words)):
            for j in range(min(len(words), i + _MAX_SCAN_WORDS), i, -1):
                piece = self.text[words[i][0]:words[j - 1][1]]
                if joined(self.text, words[i:j]) and self.allowed(piece) and self.gaz.known(piece):
                    if best is None or len(piece) > len(best):
                        best = piece
                    break
        return best

    def place_entity(self, ent: Entity) -> None:
        lead = _LEADING_ARTICLE.match(ent.text) if self.lang == "fr" else None
        if lead is not None:  # the model took "au Caire" whole: the place is "Caire", after "au "
            start = ent.span.start + lead.end()
            ent = Entity(Span(start, ent.span.end), self.text[start:ent.span.end], ent.label)
        core = _POSSESSIVE.sub("", ent.text)  # "Canada's" names Canada
        name, has_suffix = _lookup_name(core, self.suffixes)
        if (is_abbreviation(name) and name not in self.gaz.abbreviations) or is_demonym(name, self.lang):
            return  # "BA": an abbreviation the team does not list as a place; "Spanish": who, not where
        if name in self.stop and not any(e.feature in ("country", "continent") or e.country in self.countries
                                         for e in self.gaz.lookup(name)):
            return  # "the South", "the Centre": a common word, not a division of a country not named
        cut = re.match(r"-[a-z]{1,3} [A-ZÀ-Ý][\w'’-]+", self.text[ent.span.end:ent.span.end + 40])
        if cut and core == ent.text and not any(e.feature in ("country", "continent") for e in self.gaz.lookup(name)):
            whole = ent.text + cut.group()  # "Nawa-e Barakzayi": the model stopped at the hyphen of one name
            if self.gaz.known(whole):
                self.add(ent.span.start, ent.span.end + cut.end(), whole, True)
            return
        joined = re.match(r" (?:and|et|&) [A-ZÀ-Ý][\w'’-]+", self.text[ent.span.end:ent.span.end + 40])
        if joined and core == ent.text and self.gaz.known(ent.text + joined.group()):
            # "Trinidad and Tobago", "Antigua and Barbuda": the model stopped at the first name
            self.add(ent.span.start, ent.span.end + joined.end(), ent.text + joined.group(), True)
            return
        if self.gaz.known(name) or bare_places(self.gaz, name):  # "Kyauktaw Township"
            self.add(ent.span.start, ent.span.start + len(core), name, True, has_suffix)
            return
        first, _, rest = name.partition(" ")
        if first in self.particles and self.gaz.known(rest):  # "Ar Ribe", known as "Ribe"
            self.add(ent.span.start, ent.span.start + len(core), rest, True)
            return
        county = f"{name} County"
        if "-" in name and any(e.feature == "admin2" for e in self.gaz.lookup(county)):
            self.add(ent.span.start, ent.span.start + len(core), county, True)  # "Miami-Dade"
            return
        inner = re.search(r"(?:\bd['’]|\bde |\bof )([A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)*)$", ent.text)
        if inner and self.gaz.known(inner.group(1)):
            self.add(ent.span.start, ent.span.end, inner.group(1), True, True)  # "Vieille ville d'Alep"
            return
        found = self.inner_places(ent.span.start, ent.span.end, multiword=True)
        if not found:  # unknown to the gazetteer: kept, the resolver may place it in the article's city
            self.add(ent.span.start, ent.span.end, name, True, has_suffix)

    def inner_places(self, start: int, end: int, multiword: bool = False) -> bool:
        """Places named inside the words [start, end): the longest runs of capitalised words that
        name a strong place (or, with ``multiword``, any known place of two words or more)."""
        words = [(m.start() + start, m.end() + start) for m in _CAP_WORD.finditer(self.text[start:end])]
        found, i = False, 0
        while i < len(words):
            for j in range(min(len(words), i + _MAX_SCAN_WORDS), i, -1):
                s, e = words[i][0], words[j - 1][1]
                piece = _POSSESSIVE.sub("", self.text[s:e])
                if not joined(self.text, words[i:j]) or not self.allowed(piece):
                    continue
                entries = self.gaz.lookup(piece)
                # inside an organisation's name, a big city's other names are too often ordinary
                # words ("White House" is one of Casablanca's): its own names only
                if entries and (strong(entries, piece, self.gaz, aliases=False) or piece in self.placed
                                or (multiword and j - i > 1)):
                    self.add(s, s + len(piece), piece, False, inner=True)
                    found, i = True, j - 1
                    break
            i += 1
        return found

    def mislabelled(self, ent: Entity) -> bool:
        """A place the model tagged as an organisation, a person or MISC ("of Edmonton" as ORG)."""
        if ent.text in self.placed:
            return True  # the same name stands as a place elsewhere in the article
        entries = self.gaz.lookup(ent.text) or bare_places(self.gaz, ent.text)  # "Rakhine State"
        if entries and self.held(ent.text, entries, ent.span.end):
            return True  # "Talana town (Ribe LGA, Sonder)": whatever the model took it for
        if self.kind_after(ent):
            return True  # "Talana district west of Ribe": a name with its kind is a place
        if ent.label == "PER" and self.text[ent.span.start - 1:ent.span.start] == "(" and any(
                e.feature in _STRONG_FEATURES or e.population >= ALIAS_MIN_POPULATION for e in entries):
            return self.allowed(ent.text)  # "(Khartoum North)": a big place in brackets, not a person
        if not self.allowed(ent.text) or not strong(entries, ent.text, self.gaz):
            return False
        if ent.label == "PER":
            return (after_preposition(self.text, ent.span.start, self.lang)
                    or any(e.feature in _STRONG_FEATURES and fold(e.name) == fold(ent.text) for e in entries))
        return (any(e.feature in _STRONG_FEATURES for e in entries)
                or after_preposition(self.text, ent.span.start, self.lang)
                or dateline(self.text, ent.span.start, ent.span.end))

    def contained(self, entries: list[Entry], end: int) -> bool:
        """True when a name of the chain after ", " or in brackets is a division or country holding one
        of these places ("Thruxton, Hampshire", "Wainwright, Alta.", "Redeyef (Gafsa)", "Haflong town
        (Dima Hasao district, Assam)"): how news writes a town."""
        return any(self.allowed(name) and holds(self.gaz, name, entries) for name in holder_names(self.text, end))

    def kind_after(self, ent: Entity) -> bool:
        """The entity is followed by a word naming its kind, in lower case or an acronym ("Talana
        district", "Ribe LGA"), the gazetteer has a place of that name and kind, and the divisions
        written after it, if any, hold one ("Talana district, Sonder")."""
        after = _NEXT_WORD.match(self.text, ent.span.end)
        if after is None or after.group(0)[:2] != " " + after.group(1)[:1]:
            return False
        word = after.group(1)
        if not ((word.islower() or word.isupper()) and is_kind_word(word) and self.allowed(ent.text)):
            return False
        entries = bare_places(self.gaz, f"{ent.text} {word}")
        return bool(entries) and (not holder_names(self.text, ent.span.end)
                                  or self.contained(entries, ent.span.end))

    def held(self, name: str, entries: list[Entry], end: int) -> bool:
        """A name the chain after it shows to be a place of a division it names ("Talana town (Ribe
        district, Sonder)"), even where the model took the name for a person's: no ordinary word, no
        demonym, no abbreviation the team does not list."""
        if name in self.stop or is_demonym(name, self.lang) or (is_abbreviation(name)
                                                                and name not in self.gaz.abbreviations):
            return False
        return self.contained([e for e in entries if e.feature in ("city", "admin2")], end)

    def holders(self, entities: tuple[Entity, ...]) -> None:
        """A known name the model tagged as a person or an organisation, in brackets or after a comma
        right after a place ("Al Hishah (Misrata)", "near Khutir Vilny, Luhansk"): how news writes
        the division that holds a town."""
        taken = {(m.span.start, m.span.end) for m in self.mentions}
        ends = sorted(m.span.end for m in self.mentions)
        ends += [e.span.end for e in entities  # a place, or a name standing where a place stands ("near X")
                 if e.label == "LOC" or after_preposition(self.text, e.span.start, self.lang)]
        for ent in entities:
            s, e = ent.span.start, ent.span.end
            if (s, e) in taken or ent.label == "LOC" or not self.allowed(ent.text):
                continue
            name = ent.text
            if self.text[e:e + 1] == "." and self.gaz.known(name + "."):
                name, e = name + ".", e + 1  # "Gatineau, Que.": the agency's abbreviation, with its dot
            lead = re.search(r"(?:\(|, )$", self.text[max(0, s - 2):s])
            if lead is None or not (self.gaz.known(name) or bare_places(self.gaz, name)):
                continue
            if any(0 <= s - end <= 40 and re.fullmatch(_HOLDER_GAP, self.text[end:s]) for end in ends):
                self.add(s, e, name, False)
                taken.add((s, e))
                ends.append(e)

    def coordinated(self, entities: tuple[Entity, ...]) -> None:
        """Known names listed with places ("from Gloucester and Cheltenham", "Žilina, Nitra and
        Košice") are places too, whatever the model's label; repeated so that a list is read
        from either end."""
        for _ in range(2):
            spans = {(m.span.start, m.span.end) for m in self.mentions}
            ends = {e for _, e in spans}
            starts = {s for s, _ in spans}
            for ent in entities:
                s, e = ent.span.start, ent.span.end
                if (s, e) in spans or ent.label == "LOC" or not self.allowed(ent.text):
                    continue
                before = re.search(r"(?:,| and| or|, and|, or|&) $", self.text[max(0, s - 6):s])
                after = re.match(r"(?:,| and | or |, and |, or | & )", self.text[e:e + 6])
                linked = (before is not None and s - len(before.group()) in ends) or (
                    after is not None and e + len(after.group()) in starts)
                if linked and len(ent.text) > 3 and self.gaz.known(ent.text):
                    self.add(s, e, ent.text, False, listed=True)
                    spans.add((s, e))

    def find_placed(self, entities: tuple[Entity, ...]) -> frozenset[str]:
        """Names that stand as places at least once: tagged as one by the model, after "in",
        "near", "à"... or as a dateline.  One sense per article: their other mentions are
        places too, whatever the model's label ("born in Churchill" ... "a Churchill doctor")."""
        placed = set()
        for ent in entities:
            if ent.text in placed or not self.allowed(ent.text) or not self.gaz.known(ent.text):
                continue
            if (ent.label == "LOC" or after_preposition(self.text, ent.span.start, self.lang)
                    or dateline(self.text, ent.span.start, ent.span.end)):
                placed.add(ent.text)
        return frozenset(placed)

    def scan(self, covered: bytearray) -> None:
        """Capitalised runs outside every entity that name a strong place.  ``covered`` marks
        the characters inside entities (one byte each: a lookup per run, not a search through
        every entity, so that long documents take time in proportion to their length)."""
        text = self.text
        for line in re.finditer(r"[^\n]+", text):
            words = [(m.start() + line.start(), m.end() + line.start())
                     for m in _CAP_WORD.finditer(line.group())
                     if m.start() == 0 or not line.group()[m.start() - 1].isalnum()]
            i = 0
            while i < len(words):
                taken = self._scan_at(words, i, covered)
                i = taken if taken else i + 1

    def _name_tail(self, prev: tuple[int, int], word: tuple[int, int], entries: list[Entry]) -> bool:
        """True when ``word`` ends a longer name: joined to a capitalised word before it that opens no
        sentence and is no function word, demonym or sizeable place ("Maiduguri Borno State" is two
        places); a country is taken even so."""
        if not joined(self.text, [prev, word]) or any(x.feature in ("country", "continent") for x in entries):
            return False
        before = self.text[prev[0]:prev[1]]
        if re.search(r"(?:^|[a-zà-ÿ0-9)\"”»][.!?]|[:;\"“«(\n])\s*$", self.text[max(0, prev[0] - 4):prev[0]]):
            return False  # "Overall Edmonton received...": capitalised because it opens the sentence
        return not (before in self.stop or is_demonym(before, self.lang)
                    or strong(self.gaz.lookup(before), before, self.gaz))

    def _scan_at(self, words: list[tuple[int, int]], i: int, covered: bytearray) -> int:
        for j in range(min(len(words), i + _MAX_SCAN_WORDS), i, -1):
            if not joined(self.text, words[i:j]):
                continue
            s, e = words[i][0], words[j - 1][1]
            piece = self.text[s:e]
            if piece.endswith(".") and len(piece) > 4 and not self.gaz.known(piece):
                e, piece = e - 1, piece[:-1]  # "Donetsk." ending a sentence, not an abbreviation ("Mo.")
            if not self.allowed(piece) or covered.find(1, s, e) >= 0:
                continue
            entries = self.gaz.lookup(piece)
            if entries and (scan_dateline(self.text, s, e) or self.contained(entries, e)
                            or (self.text[e:e + 1] == ")" and _IN_BRACKETS.search(self.text, max(0, s - 60), s))):
                self.add(s, e, piece, False)  # "TORRINGTON —", "Rockingham, Northamptonshire", "(X, Maywood)"
                covered[s:e] = b"\x01" * (e - s)
                return j
            if j - i == 1 and written_lower(self.words, piece):
                continue  # the same word in lower case elsewhere: an ordinary word
            if i and self._name_tail(words[i - 1], words[i], entries):
                continue  # "Darraz Gard", "Virgin Islands": the end of a longer name
            if piece in self.placed or strong(entries, piece, self.gaz):
                self.add(s, e, piece, False)
                covered[s:e] = b"\x01" * (e - s)
                return j
        return 0


_IN_BRACKETS = re.compile(r"\((?:[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*)*, )*$")  # "(Maywood", "(Nyabihanga, "
# between a place and the name that holds it: a kind word, a bracket or a comma, other names of the chain
_HOLDER_GAP = re.compile(r"(?: [a-z]+)?(?:, | \()(?:[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*)*, )*")
_LEADING_ARTICLE = re.compile(r"(?:au|aux|du|des) (?=[A-ZÀ-Ý])")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")


def recognize(text: str, entities: tuple[Entity, ...], gaz: Gazetteer, lang: str) -> list[Mention]:
    """Place mentions in reading order, from the entities and a scan of the text."""
    r = _Recognizer(text, gaz, lang)
    entities = join_split_names(entities, text, gaz, r.particles)
    r.countries = countries_named(entities, gaz, r.stop)
    given = given_names(entities, text)
    r.person_words = person_words(entities) | given
    r.placed = r.find_placed(entities)
    labels = Counter((e.text, e.label) for e in entities)
    covered = bytearray(len(text))
    for ent in entities:
        covered[ent.span.start:ent.span.end] = b"\x01" * (ent.span.end - ent.span.start)
        if r.split_list(ent) or r.facility(ent):
            continue
        if ent.label == "LOC":
            if labels[(ent.text, "PER")] > labels[(ent.text, "LOC")] or ent.text in given:
                continue  # the article mostly names a person so ("Georgia began skating...")
            r.place_entity(ent)
        elif r.mislabelled(ent):
            r.add(ent.span.start, ent.span.end, ent.text, False)
        elif ent.label in ("ORG", "MISC"):
            r.inner_places(ent.span.start, ent.span.end)
    r.scan(covered)
    r.coordinated(entities)
    r.holders(entities)
    road = _road_number(lang)
    for m in road.finditer(text) if road is not None else ():
        r.add(m.start(1), m.end(1), m.group(1), False, facility=True)  # placed in the article's town
    r.mentions.sort(key=lambda m: m.span.start)
    return [m if m.facility else replace(m, lookup=with_kind(gaz, m.lookup, text, m.span.end))
            for m in drop_overlaps(r.mentions)]
