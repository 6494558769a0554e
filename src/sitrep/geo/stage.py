"""The places stage, and ``explain`` for the CLI's ``--explain``."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..records import Analysis, Place
from . import gazetteer
from .countries import nationalities
from .recognize import recognize
from .resolve import Choice, resolve

if TYPE_CHECKING:
    from ..pipeline import Context


def _gazetteer(ctx: Context) -> gazetteer.Gazetteer:
    gaz: gazetteer.Gazetteer = ctx.resource("gazetteer", gazetteer.load)
    return gaz


def _place(choice: Choice, gaz: gazetteer.Gazetteer) -> Place:
    e = choice.entry
    division = gaz.admin1_of(e) if e.admin1 else None
    admin1 = division.name if division is not None else None
    return Place(
        span=choice.mention.span,
        text=choice.mention.text,
        name=e.name,
        lat=round(e.lat, 5),
        lon=round(e.lon, 5),
        country=e.country or None,
        feature=choice.feature,
        geonameid=e.geonameid,
        admin1=admin1,
        precision=choice.precision,
        population=e.population or None,
    )


def find_places(text: str, entities: tuple[Any, ...], lang: str, gaz: gazetteer.Gazetteer) -> list[Choice]:
    return resolve(text, recognize(text, entities, gaz, lang), gaz, nationalities(text, lang))


def places_stage(analysis: Analysis, ctx: Context) -> Analysis:
    gaz = _gazetteer(ctx)
    text = analysis.article.text
    choices = find_places(text, analysis.entities, analysis.article.language or "en", gaz)
    return replace(analysis, places=tuple(_place(c, gaz) for c in choices))


def explain(analysis: Analysis, ctx: Context) -> list[dict[str, Any]]:
    """For each place mention: the candidates considered, their scores and why one won."""
    gaz = _gazetteer(ctx)
    text = analysis.article.text
    out = []
    for c in find_places(text, analysis.entities, analysis.article.language or "en", gaz):
        out.append({
            "text": c.mention.text, "start": c.mention.span.start, "end": c.mention.span.end,
            "looked_up": c.mention.lookup, "chosen": f"{c.entry.name} ({c.entry.country}, {c.feature})",
            "precision": c.precision,
            "candidates": [{"name": e.name, "country": e.country, "feature": e.feature,
                            "population": e.population, "score": round(s, 2), "why": why}
                           for e, s, why in c.candidates[:10]],
        })
    return out
