"""One event per happening: repeated mentions merged; a confidence that ranks the main event first.

News repeat their main event: in the headline, the lead and again further
down.  Two coded events are one happening when they have the same type and
nothing tells them apart: the same or no place, the same or no date from the
text, the same or no source country; for acts of speech and diplomacy, which
differ by their content more than by their place, the same source is needed
as well.  The merged event keeps every evidence span, the first one first.

Confidence grows with the trigger's weight, the kind's weight in political
violence coding, the sentence's place in the article (the lead states the
main event), the number of mentions, and shrinks for events that did not
(or not yet) happen.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Actor, Event
from .lexicon import fold

STATUS_FACTOR = {"occurred": 1.0, "ongoing": 0.97, "announced": 0.9, "planned": 0.85, "hypothetical": 0.6,
                 "denied": 0.45}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}


W_WEIGHT = 0.25  # how surely the trigger word reports an event
W_PROMINENCE = 0.12  # per level: the sentence's main verb, then its direct dependents


def confidence(weight: float, rank: int, sentence_no: int, prominence: int, status: str, has_actor: bool,
               acled: bool) -> float:
    """prominence: 2 for the sentence's main verb, 1 for its direct dependent, 0 deeper."""
    position = 1.0 / (1.0 + 0.35 * sentence_no)
    score = 0.2 + W_WEIGHT * weight + 0.1 * min(rank, 90) / 90 + 0.3 * position
    score += W_PROMINENCE * prominence * position  # a later sentence's main verb does not outrank the lead
    score += 0.03 if has_actor else 0.0
    score += 0.04 if acled else 0.0
    return max(0.01, min(0.99, score * STATUS_FACTOR.get(status, 0.8)))


def _same_happening(a: Event, b: Event, text: str = "") -> bool:
    if a.type != b.type or (a.status != b.status and {a.status, b.status} != {"planned", "announced"}):
        return False
    if a.acled_type != b.acled_type and {a.acled_type, b.acled_type} != {"Protests", "Riots"}:
        return False
    if a.place is not None and b.place is not None and a.place.name != b.place.name:
        return False
    if a.date_from == "text" and b.date_from == "text" and a.date != b.date:
        return False
    ca = a.source.country if a.source else None
    cb = b.source.country if b.source else None
    if ca and cb and ca != cb:
        return False
    if a.acled_type in {"Protests", "Riots"} or b.acled_type in {"Protests", "Riots"}:
        return True  # one crowd: a protest that turns violent is one riot
    if a.acled_type is not None:
        return a.acled_subtype == b.acled_subtype  # ACLED's own unit: one kind of act, one place, one day
    targets = a.target is None or b.target is None or _same_actor(a.target, b.target)
    # acts of speech and diplomacy: the same source, and no different target; a court's sentence
    # told over consecutive sentences ("condamné ... une peine de") needs no named source, nor does
    # the same word said again of an unnamed doer ("les faits qui lui sont reprochés")
    if a.source is None or b.source is None:
        return targets and ((a.type in {"SANCTION", "COERCE"} and _near(a, b))
                            or (a.source is None and b.source is None and _same_word(a, b, text)))
    return targets and _same_actor(a.source, b.source)


def _same_actor(a: Actor, b: Actor) -> bool:
    """The same name, one name inside the other ("l'Agence" and "le conseil de l'Agence"), or the same
    country and sector."""
    na, nb = fold(a.name or a.text), fold(b.name or b.text)
    if na and nb and (na == nb or (min(len(na), len(nb)) >= 4 and (na in nb or nb in na))):
        return True
    if a.country is not None and a.country == b.country and a.sector == b.sector:
        return True
    return a.country is None and b.country is None and not (na and nb)


def _same_word(a: Event, b: Event, text: str) -> bool:
    """Both events were told with the same trigger word ("reprochés" ... "reprochés")."""
    if a.trigger is None or b.trigger is None or not text:
        return False
    wa, wb = fold(a.trigger.of(text)), fold(b.trigger.of(text))
    return len(wa) >= 4 and wa[:5] == wb[:5]


PROTEST_GRADE = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2}


def _near(a: Event, b: Event, chars: int = 400) -> bool:
    """The two events' evidence lie close together in the text."""
    return any(abs(x.start - y.start) <= chars for x in a.evidence for y in b.evidence)


def _absorb(keep: Event, other: Event) -> Event:
    """``keep`` with ``other``'s evidence and the facts ``keep`` lacked."""
    evidence = keep.evidence + tuple(s for s in other.evidence if s not in keep.evidence)
    subtype, acled_type = keep.acled_subtype, keep.acled_type
    if keep.acled_type == "Protests" and other.acled_type == "Riots":
        acled_type, subtype = other.acled_type, other.acled_subtype  # the crowd turned violent later on
    elif keep.acled_type == "Protests" and PROTEST_GRADE.get(other.acled_subtype or "", -1) > PROTEST_GRADE.get(
            subtype or "", 0):
        subtype = other.acled_subtype  # "Police dispersed the protesters" later on: a protest with intervention
    return replace(
        keep,
        acled_type=acled_type,
        acled_subtype=subtype,
        evidence=evidence,
        source=keep.source or other.source,
        target=keep.target or other.target,
        place=keep.place or other.place,
        date=keep.date if keep.date_from == "text" or other.date_from != "text" else other.date,
        date_from=keep.date_from if keep.date_from == "text" or other.date_from != "text" else other.date_from,
        fatalities=keep.fatalities if keep.fatalities is not None else other.fatalities,
        quantities=keep.quantities + tuple(q for q in other.quantities if q not in keep.quantities),
        confidence=min(0.99, max(keep.confidence, other.confidence) + 0.03),
    )


def merge_mentions(events: list[Event], title_end: int = 0, anaphoric: dict[int, bool] | None = None,
                   text: str = "", sentences: list[int] | None = None) -> list[Event]:
    """Fold repeated mentions of one happening into its first mention (article order kept).

    Beside the general rule (``_same_happening``), some mentions are repeats by their form or place:
    an event of the title (evidence before ``title_end``) is the article's first later event of its
    type, whatever place, date or status the two sentences let the coder bind; an event named by a
    noun that points back ("cette réunion", "ces tirs", "l'explosion": indices in ``anaphoric``,
    True for a demonstrative) is the nearest earlier event of its type (of its status too, when only
    a definite article points back); and two acts of the same type in one sentence (``sentences``:
    each event's sentence number) that are not political violence are one act told twice ("a
    déclaré lors d'une conférence de presse à l'issue d'une réunion").
    """
    anaphoric = anaphoric or {}
    out: list[Event] = []
    where: list[int] = []  # sentence of each kept event
    titled: list[int] = []  # positions in ``out`` of title events not yet matched to a body event
    for n, ev in enumerate(events):
        sent = sentences[n] if sentences is not None else -1 - n
        in_title = bool(ev.evidence) and ev.evidence[0].start < title_end
        if n in anaphoric:
            i = next((i for i in range(len(out) - 1, -1, -1) if out[i].type == ev.type and (
                anaphoric[n] or out[i].status == ev.status)), None)
            if i is not None:
                out[i] = _absorb(out[i], ev)
                continue
        if not in_title:
            i = next((i for i in titled if out[i].type == ev.type), None)
            if i is not None:
                titled.remove(i)
                out[i] = _absorb(_restate(ev, out[i]), out[i])
                where[i] = sent
                continue
        if ev.acled_type is None:
            i = next((i for i in range(len(out)) if where[i] == sent and out[i].type == ev.type
                      and out[i].acled_type is None and _one_line(out[i], ev, text)), None)
            if i is not None:
                out[i] = _absorb(out[i], ev)
                continue
        for i, kept in enumerate(out):
            if _same_happening(kept, ev, text):
                out[i] = _absorb(kept, ev)
                break
        else:
            if in_title:
                titled.append(len(out))
            out.append(ev)
            where.append(sent)
    return out


def _one_line(a: Event, b: Event, text: str) -> bool:
    """No line break between the two events' evidence (a heading the parser ran into the next sentence)."""
    if not a.evidence or not b.evidence:
        return False
    lo, hi = sorted((a.evidence[0].start, b.evidence[0].start))
    return "\n" not in text[lo:hi]


def _restate(body: Event, title: Event) -> Event:
    """The body's account of a title's event, with the title's evidence first."""
    return replace(body, evidence=title.evidence + tuple(s for s in body.evidence if s not in title.evidence))
