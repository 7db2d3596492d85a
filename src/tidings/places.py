"""Place stage: where an event happened, from an offline gazetteer.

A place phrase in the event's scope ("in Tokyo", "at a summit in Stockholm")
is looked up in ``data/gazetteer.tsv`` (cities, regions) and then in the
country table; a city wins over a country. Ambiguous names prefer a place in
a country taking part in the event, then a capital, then the larger place.
"""

from __future__ import annotations

from spacy.tokens import Token

from .knowledge import Knowledge
from .records import Event, Place

_LOC_PREPS = {"in", "at", "near", "outside", "inside", "across", "into", "on"}


def _candidates(scope: list[Token]) -> list[tuple[str, Token]]:
    out, seen = [], set()
    for t in scope:
        if t.dep_ != "pobj" or t.head.lower_ not in _LOC_PREPS:
            continue
        ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and ent.start not in seen:
            seen.add(ent.start)
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            out.append((text, t))
        elif t.pos_ == "PROPN" and t.i not in seen:
            seen.add(t.i)
            out.append((t.text, t))
    return out


def place_event(event: Event, k: Knowledge) -> None:
    parties = {e.code for e in event.actor + event.recipient if e.code}
    country_hit: Place | None = None
    for text, _tok in _candidates(event.scope):
        options = k.places.get(text)
        if options:
            best = sorted(options, key=lambda p: (p.country not in parties,))[0]
            event.place = Place(name=best.name, country=best.country, lat=best.lat, lon=best.lon,
                                feature=best.feature or None, text=text, how="gazetteer")
            return
        for s in k.surfaces.get(text, []):
            if s.kind == "country" and country_hit is None:
                country_hit = Place(name=s.name, country=s.code, lat=None, lon=None, feature="country",
                                    text=text, how="country table (no coordinates for a whole country)")
    event.place = country_hit


def country_of(text: str | None, k: Knowledge) -> str | None:
    """The country of a place name as a dateline writes it ("SAN FRANCISCO" -> USA), if known."""
    if not text:
        return None
    for form in (text, text.title(), text.capitalize()):
        if form in k.places:
            code = k.places[form][0].country  # a territory's actors belong to its sovereign (GIB -> GBR)
            return code if code in k.countries else k.code_aliases.get(code, code)
        for s in k.surfaces.get(form, []):
            if s.kind in ("country", "metonym"):
                return s.code
    return None
