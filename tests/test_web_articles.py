"""Team-written articles, analysed by hand, for the API, web and report tests.

The events are invented; the places are real.  Each fact's span is found by
looking its words up in the text, so the offsets are those a stage would give.
The tests at the bottom check that the builders themselves are right.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitrep.records import Actor, Analysis, Article, Event, Place, Quantity, Quote, Span, TimeExpr


def find(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def sentence_of(text: str, phrase: str) -> Span:
    """The sentence holding ``phrase`` (up to the next full stop)."""
    span = find(text, phrase)
    stop, newline = text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start)
    start = max(stop + 2 if stop >= 0 else 0, newline + 1)
    end = text.find(".", span.end)
    return Span(start, end + 1 if end >= 0 else len(text))


def place(text: str, phrase: str, name: str, lat: float, lon: float, country: str, admin1: str | None = None,
          feature: str = "city") -> Place:
    return Place(find(text, phrase), phrase, name, lat, lon, country, feature, admin1=admin1)


ALEPPO = (36.2021, 37.1343, "SY", "Aleppo Governorate")


def aleppo_army() -> Analysis:
    text = ("Army takes a district of Aleppo\n"
            "Government forces took control of the Tariq al-Bab district of Aleppo on Sunday, the army said. "
            "At least 12 civilians were killed in the shelling of the Shaar quarter, according to a local doctor. "
            "\"We will not leave our homes,\" said Ahmad Khalil, a teacher who lives in the eastern quarters. "
            "Rebels still hold 40% of the territory they held in the east in the summer.")
    aleppo = place(text, "Aleppo", "Aleppo", *ALEPPO[:3], ALEPPO[3])
    aleppo2 = Place(find(text, "Aleppo", 1), "Aleppo", "Aleppo", *ALEPPO[:3], "city", admin1=ALEPPO[3])
    killed = Quantity(find(text, "12 civilians"), "12 civilians", 12, "person", head="civilians", role="killed")
    share = Quantity(find(text, "40%"), "40%", 40, "percent", head="territory")
    sunday = TimeExpr(find(text, "on Sunday"), "on Sunday", "DATE", "2016-12-04", anchored=True)
    quote_text = "We will not leave our homes,"
    quote = Quote(find(text, quote_text), quote_text, "direct", speaker="Ahmad Khalil",
                  speaker_span=find(text, "Ahmad Khalil"), verb="say")
    taking = Event("ASSAULT", (sentence_of(text, "took control"),), "Battles", "Government regains territory",
                   source=Actor("Government forces", find(text, "Government forces"), "Syrian army", "SYR", "MIL"),
                   target=None, place=aleppo2, date="2016-12-04", date_from="text",
                   trigger=find(text, "took control"), confidence=0.8)
    shelling = Event("ASSAULT", (sentence_of(text, "12 civilians"),), "Explosions/Remote violence",
                     "Shelling/artillery/missile attack", place=aleppo2, date="2016-12-04", date_from="text",
                     fatalities=12, quantities=(killed,), confidence=0.7)
    article = Article("al-army-1", text, title="Army takes a district of Aleppo", published=date(2016, 12, 5),
                      language="en", url="https://news.example.org/aleppo-district", site="news.example.org")
    return Analysis(article, places=(aleppo, aleppo2), quantities=(killed, share), times=(sunday,),
                    quotes=(quote,), events=(taking, shelling))


def aleppo_evacuation_fr() -> Analysis:
    text = ("Évacuations à Alep\n"
            "Plus de 3 000 personnes ont été évacuées d'Alep lundi, selon la Croix-Rouge. "
            "« Les convois reprendront demain matin si les armes se taisent », a déclaré Marianne Gasser, "
            "cheffe de la délégation à Damas.")
    alep = place(text, "Alep", "Aleppo", *ALEPPO[:3], ALEPPO[3])
    damas = place(text, "Damas", "Damascus", 33.5102, 36.2913, "SY", "Damascus Governorate")
    evacuated = Quantity(find(text, "Plus de 3 000 personnes"), "Plus de 3 000 personnes", None, "person",
                         head="personnes", low=3000, role="evacuated")
    monday = TimeExpr(find(text, "lundi"), "lundi", "DATE", "2016-12-12", anchored=True)
    said = "Les convois reprendront demain matin si les armes se taisent"
    quote = Quote(find(text, said), said, "direct", speaker="Marianne Gasser",
                  speaker_span=find(text, "Marianne Gasser"), verb="déclarer")
    evac = Event("AID", (sentence_of(text, "évacuées"),), place=Place(find(text, "Alep", 1), "Alep", "Aleppo",
                 *ALEPPO[:3], "city", admin1=ALEPPO[3]), date="2016-12-12", date_from="text",
                 source=Actor("la Croix-Rouge", find(text, "la Croix-Rouge"), "ICRC", None, "NGO"),
                 quantities=(evacuated,), confidence=0.6)
    article = Article("al-evac-fr", text, title="Évacuations à Alep", published=date(2016, 12, 13), language="fr",
                      site="journal.example.fr", url="https://journal.example.fr/alep")
    return Analysis(article, places=(alep, damas), quantities=(evacuated,), times=(monday,), quotes=(quote,),
                    events=(evac,))


def aleppo_evacuation_en() -> Analysis:
    text = ("About 8,000 people were evacuated from eastern Aleppo on Wednesday, the UN envoy Staffan de Mistura "
            "said. Rebels now hold less than 5% of the territory. Two buses were shelled near Ramouseh, "
            "killing 3 people.")
    aleppo = place(text, "Aleppo", "Aleppo", *ALEPPO[:3], ALEPPO[3])
    evacuated = Quantity(find(text, "About 8,000 people"), "About 8,000 people", 8000, "person", head="people",
                         approximate=True, role="evacuated")
    share = Quantity(find(text, "5%"), "5%", None, "percent", head="territory", high=5)
    killed = Quantity(find(text, "3 people"), "3 people", 3, "person", head="people", role="killed")
    wednesday = TimeExpr(find(text, "on Wednesday"), "on Wednesday", "DATE", "2016-12-14", anchored=True)
    evac = Event("AID", (sentence_of(text, "evacuated"),), place=aleppo, date="2016-12-14", date_from="text",
                 source=Actor("the UN", None, "United Nations", "UNO", "IGO"), quantities=(evacuated,),
                 confidence=0.65)
    buses = Event("ASSAULT", (sentence_of(text, "buses"),), "Explosions/Remote violence",
                  "Shelling/artillery/missile attack", place=aleppo, date="2016-12-14", date_from="text",
                  fatalities=3, quantities=(killed,), confidence=0.55)
    article = Article("al-evac-en", text, title="Thousands leave eastern Aleppo", published=date(2016, 12, 14),
                      language="en", site="wire.example.com")
    return Analysis(article, places=(aleppo,), quantities=(evacuated, share, killed), times=(wednesday,),
                    events=(evac, buses))


def gao_clash() -> Analysis:
    text = "Des affrontements ont opposé l'armée malienne à des hommes armés près de Gao mardi, faisant 4 morts."
    gao = place(text, "Gao", "Gao", 16.2717, -0.0447, "ML", "Gao")
    dead = Quantity(find(text, "4 morts"), "4 morts", 4, "person", head="morts", role="killed")
    clash = Event("ASSAULT", (Span(0, len(text)),), "Battles", "Armed clash",
                  source=Actor("l'armée malienne", find(text, "l'armée malienne"), "Malian army", "MLI", "MIL"),
                  target=Actor("des hommes armés", find(text, "des hommes armés"), None, None, "REB"),
                  place=gao, date="2024-05-14", date_from="text", fatalities=4, quantities=(dead,), confidence=0.9)
    article = Article("gao-1", text, title="Affrontements près de Gao", published=date(2024, 5, 15), language="fr")
    return Analysis(article, places=(gao,), quantities=(dead,), events=(clash,))


XSS_TEXT = ("Protest in Dhaka <script>alert('xss')</script> and an image <img src=x onerror=alert(2)> "
            "while students marched in Dhaka on Monday, the police said.")


def xss_article() -> Analysis:
    """An article whose text, title and URL carry script payloads: they must be shown inert."""
    text = XSS_TEXT
    dhaka = Place(find(text, "Dhaka", 1), "Dhaka", "Dhaka", 23.7104, 90.4074, "BD", "city")
    protest = Event("PROTEST", (sentence_of(text, "students marched"),), "Protests", "Peaceful protest",
                    source=Actor("students <b onmouseover=alert(3)>", find(text, "students")), place=dhaka,
                    date="2024-07-15", date_from="text", confidence=0.7)
    quote = Quote(find(text, "<script>alert('xss')</script>"), "<script>alert('xss')</script>", "direct",
                  speaker="<img src=x onerror=alert(4)>")
    article = Article("xss-1", text, title="<script>alert('title')</script>Dhaka", published=date(2024, 7, 16),
                      language="en", url="javascript:alert(5)", site="<i>evil</i>")
    return Analysis(article, places=(dhaka,), quotes=(quote,), events=(protest,))


def fill_store(db: Path, analyses: list[Analysis]) -> None:
    """Write analyses into a new store at ``db`` through the store's own writer."""
    from sitrep.store import write_analyses

    assert set(write_analyses(db, analyses)) == {"stored"}


def all_articles() -> list[Analysis]:
    return [aleppo_army(), aleppo_evacuation_fr(), aleppo_evacuation_en(), gao_clash(), xss_article()]


def test_spans_cover_the_words_they_name() -> None:
    for analysis in all_articles():
        text = analysis.article.text
        for q in analysis.quantities:
            assert q.span.of(text) == q.text
        for p in analysis.places:
            assert p.span.of(text) == p.text
        for quote in analysis.quotes:
            assert quote.span.of(text) == quote.text
        for event in analysis.events:
            assert all(0 <= s.start < s.end <= len(text) for s in event.evidence)


def test_sentence_of_stops_at_the_full_stop() -> None:
    text = aleppo_army().article.text
    s = sentence_of(text, "12 civilians").of(text)
    assert s.startswith("At least 12 civilians") and s.endswith("local doctor.")


# --- a reader over analysed articles held in memory ----------------------------------------------
# It answers the HTTP layer's Reader protocol (sitrep.api.reader) the plain way, so the API can be
# tested apart from the store, and the store's reader can be checked against it.


class MemoryReader:
    def __init__(self, analyses: list[Analysis]) -> None:
        from sitrep.output.contract import to_contract

        self.articles_by_id = {a.article.id: to_contract(a) for a in analyses}
        self.ingested: list[dict] = []

    def _events(self, f):  # type: ignore[no-untyped-def]
        out = []
        for aid, art in self.articles_by_id.items():
            for e in art["events"]:
                start, end = e["evidence"]["start"], e["evidence"]["end"]
                out.append({**e, "article_id": aid, "evidence_text": art["text"][start:end],
                            "published": art["published"], "title": art["title"]})

        def keep(e: dict) -> bool:
            place = e.get("place") or {}
            names = {str(place.get(k) or "").casefold() for k in ("name", "text", "admin1")}
            day = e.get("date") or e.get("published") or ""
            actors = " ".join(str((e.get(k) or {}).get(x) or "")
                              for k in ("source", "target") for x in ("name", "text"))
            return ((not f.place or f.place.casefold() in names)
                    and (not f.type or e["type"] == f.type)
                    and (not f.date_from or day[:10] >= f.date_from.isoformat())
                    and (not f.date_to or day[:10] <= f.date_to.isoformat())
                    and (not f.actor or f.actor.casefold() in actors.casefold())
                    and (not f.text or f.text.casefold() in e["evidence_text"].casefold())
                    and (not f.bbox or (place.get("lat") is not None
                                        and f.bbox[0] <= place["lon"] <= f.bbox[2]
                                        and f.bbox[1] <= place["lat"] <= f.bbox[3])))

        return sorted((e for e in out if keep(e)), key=lambda e: (e.get("date") or "", e["article_id"]), reverse=True)

    def events(self, f):  # type: ignore[no-untyped-def]
        items = self._events(f)
        return items[f.offset:f.offset + f.limit], len(items)

    def timeline(self, f):  # type: ignore[no-untyped-def]
        from collections import Counter

        items = self._events(f)
        counts = Counter((e.get("date") or e["published"], e["type"]) for e in items)
        return [{"date": d, "type": t, "count": n} for (d, t), n in sorted(counts.items())], len(items)

    def map_points(self, f):  # type: ignore[no-untyped-def]
        from collections import Counter

        items = self._events(f)
        counts = Counter((e["place"]["name"], e["place"]["lat"], e["place"]["lon"], e["place"]["country"], e["type"])
                         for e in items if e.get("place"))
        return [{"place": p, "lat": la, "lon": lo, "country": c, "type": t, "count": n}
                for (p, la, lo, c, t), n in sorted(counts.items())], len(items)

    def articles(self, f):  # type: ignore[no-untyped-def]
        rows = [{"id": a["id"], "title": a["title"], "published": a["published"], "site": a["site"],
                 "language": a["language"], "url": a["url"], "events": len(a["events"])}
                for a in self.articles_by_id.values()
                if (not f.text or f.text.casefold() in a["text"].casefold())]
        return rows[f.offset:f.offset + f.limit], len(rows)

    def article(self, article_id):  # type: ignore[no-untyped-def]
        return self.articles_by_id.get(article_id)

    def places(self, f):  # type: ignore[no-untyped-def]
        seen: dict[str, dict] = {}
        for a in self.articles_by_id.values():
            for p in a["places"]:
                row = seen.setdefault(p["name"], {k: p[k] for k in ("name", "lat", "lon", "country", "feature")}
                                      | {"events": 0, "mentions": 0})
                row["mentions"] += 1
            for e in a["events"]:
                if e.get("place") and e["place"]["name"] in seen:
                    seen[e["place"]["name"]]["events"] += 1
        rows = sorted(seen.values(), key=lambda r: -r["mentions"])
        return rows[f.offset:f.offset + f.limit], len(rows)

    def quotes(self, f):  # type: ignore[no-untyped-def]
        rows = [{**q, "article_id": a["id"], "published": a["published"]} for a in self.articles_by_id.values()
                for q in a["quotes"] if not f.speaker or f.speaker.casefold() in (q["speaker"] or "").casefold()]
        return rows[f.offset:f.offset + f.limit], len(rows)

    def report_inputs(self, f, max_events):  # type: ignore[no-untyped-def]
        from sitrep.api.params import Filters
        from sitrep.report.from_store import report_inputs

        scope = Filters(place=f.place, date_from=f.date_from, date_to=f.date_to)

        def page(limit, offset):  # type: ignore[no-untyped-def]
            items = self._events(scope)
            return items[offset:offset + limit], len(items)

        return report_inputs(page, self.article, max_events)

    def ingest(self, documents, ctx):  # type: ignore[no-untyped-def]
        self.ingested.extend(documents)
        return [{"id": d["id"], "events": 0} for d in documents], []
