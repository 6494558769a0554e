"""Named entities from the spaCy parse, with corrections for the models' known faults on news.

The French and English pipelines make a handful of systematic mistakes on
news text; each correction below is a small, general rule:

- an entity never crosses a paragraph break (chrome glued to a name);
- a role title is not an organisation ("ministre russe des Affaires");
- a name cut in two around a particle is one name ("Staffan" + "de" + "Mistura");
- a name cut after a connector is one name ("Organisation pour la ... en" + "Europe");
- a place glued to the name that follows it is split off ("Syrie Staffan de Mistura"),
  when the same words stand alone as a place elsewhere in the article;
- an Arabic-style name with a particle ("Bachar al-Assad") is a person, not a place;
- a trailing nationality adjective is not part of the name ("Hezbollah libanais").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ResourceError
from ..records import Analysis, Entity, Span
from ..resources import load_column, load_table

if TYPE_CHECKING:
    from ..pipeline import Context

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC",
          "NORP": "MISC", "FAC": "LOC", "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC",
          "WORK_OF_ART": "MISC", "LANGUAGE": "MISC"}

# Words after which an organisation's name goes on ("... pour la coopération en" + "Europe").
_CONNECTORS = {"fr": {"en", "de", "du", "des", "pour", "et", "d'", "la", "sur", "contre"},
               "en": {"of", "for", "and", "on", "the", "against"}}
_WORD = re.compile(r"[\w'’-]+")
_ARABIC_PARTICLE_NAME = re.compile(r"^[A-Z][\w-]+ (?:al|el|ben|bin|ibn|abu|abou)-[A-Z]\w+$")


@dataclass
class _Ent:
    start: int
    end: int
    label: str


@lru_cache(maxsize=4)
def _titles(lang: str) -> tuple[str, ...]:
    return tuple(sorted((r["title"].lower() for r in load_table(lang, "titles") if r["kind"] == "role"),
                        key=len, reverse=True))


@lru_cache(maxsize=4)
def _particles(lang: str) -> frozenset[str]:
    return frozenset(p.lower() for p in load_column(lang, "name_particles"))


@lru_cache(maxsize=4)
def _demonyms(lang: str) -> frozenset[str]:
    try:
        rows = load_table(lang, "demonyms")
    except ResourceError:
        return frozenset()
    if not rows:
        return frozenset()
    first = next(iter(rows[0]))
    return frozenset(r[first].lower() for r in rows if r.get(first))


def _cut_at_breaks(ents: list[_Ent], text: str) -> list[_Ent]:
    out = []
    for e in ents:
        piece = text[e.start:e.end]
        if "\n" in piece:
            # keep the part before the break: what follows a break is another block
            cut = piece.index("\n")
            e = _Ent(e.start, e.start + len(piece[:cut].rstrip()), e.label)
        if e.end > e.start and _WORD.search(text[e.start:e.end]):
            out.append(e)
    return out


def _strip_titles(ents: list[_Ent], text: str, lang: str) -> list[_Ent]:
    titles = _titles(lang)
    out: list[_Ent] = []
    for e in ents:
        piece = text[e.start:e.end]
        if e.label in ("ORG", "MISC") and piece[:1].islower():
            title = next((t for t in titles if piece.lower().startswith(t + " ")), None)
            if title is not None:
                rest = piece[len(title) + 1:]
                if not rest[:1].isupper():
                    continue  # "ministre russe des Affaires": a role, not an organisation
                # "spokesman Tom": the title introduces a person's name
                e = _Ent(e.start + len(title) + 1, e.end, "PER")
        if out and e.label == "PER" and out[-1].label == "PER" and text[out[-1].end:e.start] == " ":
            out[-1] = _Ent(out[-1].start, e.end, "PER")  # a name cut in two at a space
            continue
        out.append(e)
    return out


def _merge_split(ents: list[_Ent], text: str, lang: str) -> list[_Ent]:
    particles, connectors = _particles(lang), _CONNECTORS.get(lang, set())
    out: list[_Ent] = []
    for e in ents:
        if out:
            prev = out[-1]
            gap = text[prev.end:e.start]
            prev_words = _WORD.findall(text[prev.start:prev.end])
            last = prev_words[-1].lower() if prev_words else ""
            # "Staffan" + " de " + "Mistura": one person's name
            if (gap.strip().lower() in particles and gap.startswith(" ") and gap.endswith(" ")
                    and len(gap) <= 6 and prev_words and prev_words[-1][:1].isupper()
                    and " " not in text[e.start:e.end] and text[e.start:e.start + 1].isupper()):
                out[-1] = _Ent(prev.start, e.end, "PER")
                continue
            # "... la coopération en" + " " + "Europe": one organisation's name
            if gap == " " and last in connectors and prev.label == "ORG":
                out[-1] = _Ent(prev.start, e.end, prev.label)
                continue
        out.append(e)
    return out


def _split_place_prefix(ents: list[_Ent], text: str) -> list[_Ent]:
    places = {text[e.start:e.end] for e in ents if e.label == "LOC"}
    out: list[_Ent] = []
    for e in ents:
        piece = text[e.start:e.end]
        if e.label in ("PER", "ORG"):
            words = piece.split(" ")
            for n in range(1, len(words)):
                head, tail = " ".join(words[:n]), " ".join(words[n:])
                if head in places and tail[:1].isupper():
                    cut = e.start + len(head) + 1
                    out.append(_Ent(e.start, e.start + len(head), "LOC"))
                    e = _Ent(cut, e.end, "PER" if e.label == "PER" or len(words) - n >= 2 else e.label)
                    break
        out.append(e)
    return out


def _relabel_people(ents: list[_Ent], text: str) -> list[_Ent]:
    for e in ents:
        if e.label in ("LOC", "ORG") and _ARABIC_PARTICLE_NAME.match(text[e.start:e.end]):
            e.label = "PER"
    return ents


def _trim_demonyms(ents: list[_Ent], text: str, lang: str) -> list[_Ent]:
    demonyms = _demonyms(lang)
    for e in ents:
        piece = text[e.start:e.end]
        words = piece.split(" ")
        if len(words) > 1 and words[-1].islower() and words[-1].lower() in demonyms:
            e.end = e.start + len(piece) - len(words[-1]) - 1
    return ents


def correct_entities(spans: list[tuple[int, int, str]], text: str, lang: str) -> list[Entity]:
    """Apply the corrections to (start, end, label) spans over ``text``."""
    ents = [_Ent(s, e, LABELS[label]) for s, e, label in spans if label in LABELS]
    ents = _cut_at_breaks(ents, text)
    ents = _strip_titles(ents, text, lang)
    ents = _merge_split(ents, text, lang)
    ents = _split_place_prefix(ents, text)
    ents = _relabel_people(ents, text)
    ents = _trim_demonyms(ents, text, lang)
    return [Entity(Span(e.start, e.end), text[e.start:e.end], e.label) for e in ents if e.end > e.start]


def entities_stage(analysis: Analysis, ctx: Context) -> Analysis:
    doc = analysis.doc
    lang = analysis.article.language or "en"
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    # the article's text is the Doc's (spaCy would join every token again to give doc.text)
    return replace(analysis, entities=tuple(correct_entities(spans, analysis.article.text, lang)))
