"""Places: toponyms in the article, resolved against the gazetteer.

First pass (issue 2): GPE, LOC and FAC entities and the dateline city, resolved against the
country lexicon (country names and capitals, capitals with coordinates). Nationality adjectives
("Turkish") are actors' attributes, not places, and are skipped. The full gazetteer comes with
the places issue.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from .actors.lexicon import CountryLexicon
from .records import Place, PlaceMention, Span

_LABELS = {"GPE", "LOC", "FAC"}


class PlaceFinder:
    def __init__(self, countries: CountryLexicon) -> None:
        self.countries = countries

    def __call__(self, parsed) -> list[Place]:
        places = []
        for number, sent in enumerate(parsed.sentences):
            for ent in sent.ents:
                if ent.label_ in _LABELS:
                    place = self.resolve(ent.text, ent.start_char, ent.end_char, number)
                    if place is not None:
                        places.append(place)
        dateline = parsed.article.dateline
        if dateline and dateline.place:
            city = dateline.place.split(",")[0].strip()
            found = self.resolve(city, None, None, None) or Place(name=city)
            places.append(replace(found, name=dateline.place, chosen_by="dateline"))
        return places

    def resolve(self, name: str, start, end, sequence) -> Place | None:
        match = self.countries.get(name)
        if match is None:
            return Place(name=name, start=start, end=end, sequence=sequence)
        country = match.country
        if match.form == "adjective":
            return None
        if match.form == "capital":
            return Place(
                name=name,
                start=start,
                end=end,
                sequence=sequence,
                lat=country.lat,
                lon=country.lon,
                country=country.iso3,
                feature_class="P",
                feature_code="PPLC",
                resolution="city",
            )
        return Place(
            name=country.name,
            start=start,
            end=end,
            sequence=sequence,
            country=country.iso3,
            feature_class="A",
            feature_code="PCLI",
            resolution="country",
        )


def place_rows(doc_id: str, places: list[Place]) -> tuple[PlaceMention, ...]:
    rows = []
    for place in places:
        key = f"{doc_id}|{place.name}|{place.start}|{place.chosen_by}"
        place_id = "p" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
        rows.append(PlaceMention(place_id, doc_id, place))
    return tuple(rows)


def event_location(
    sent, places: list[Place], article, participants: list[Span], trigger=None
) -> Place | None:
    """First place in the sentence that is not a participant ("Russia backs ..." names an
    actor, not a location), else the dateline. ``trigger`` is the event's predicate token, for
    rules that follow the event's own words ("in Aleppo"). The places issue refines this."""
    for place in places:
        if place.start is None or not sent.start_char <= place.start < sent.end_char:
            continue
        if any(p.start <= place.start < p.end for p in participants):
            continue
        return replace(place, chosen_by="sentence")
    if article.dateline and article.dateline.place:
        dateline = next((p for p in places if p.chosen_by == "dateline"), None)
        return dateline or Place(name=article.dateline.place, chosen_by="dateline")
    return None
