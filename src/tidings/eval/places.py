"""Toponym recognition and resolution on LGL, GeoVirus and TR-News.

The gold files (``lgl.xml``, ``GeoVirus.xml``, ``TR-News.xml`` in the ``geo`` folder) give each
article's text and its toponyms with character offsets and gold coordinates (LGL and TR-News in
a ``<gaztag>`` with GeoNames' id and country; GeoVirus as bare ``<lat>``/``<lon>``). Each text
is parsed by Tidings' parser (no cleaning, so offsets stay the gold's) and given to the
``PlaceFinder``. Scored per corpus:

- recognition: P/R/F1 of predicted toponym spans against gold spans, a prediction matching a
  gold span it overlaps (one to one). Gold toponyms written as nationality adjectives
  ("Turkish", annotated as the country in LGL and TR-News) are left out, since Tidings keeps
  demonyms apart from places by design; their number is shown;
- resolution (recognised): the gold toponyms with coordinates that recognition found; a match
  with no coordinates counts as wrong. Accuracy within 161 km (100 miles), median error in km,
  and country accuracy (LGL and TR-News, whose gold names the country);
- resolution (given): every gold toponym with coordinates, its span handed to the resolver
  directly (demonyms as their country), so that recognition errors do not mask resolution.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import InputError
from ..records import Article
from .metrics import PRF

DEFAULT = Path("geo")
CORPORA = {"LGL": "lgl.xml", "GeoVirus": "GeoVirus.xml", "TR-News": "TR-News.xml"}
RADIUS_KM = 161.0


@dataclass(frozen=True, slots=True)
class Toponym:
    phrase: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    country: str | None  # the gold country's name, where given


def load(path: Path) -> list[tuple[str, list[Toponym]]]:
    """(text, toponyms) per article of one corpus file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(str(path), f"not readable XML: {exc}") from None
    articles = []
    for number, article in enumerate(root.iter("article"), 1):
        text = article.findtext("text")
        if text is None:
            raise InputError(f"{path}: article {number}", "no <text>")
        toponyms = [_toponym(t, path, number) for t in article.iter("toponym")]
        toponyms += [_toponym(t, path, number) for t in article.iter("location")]
        articles.append((text, toponyms))
    return articles


def _toponym(node, path: Path, number: int) -> Toponym:
    gaz = node.find("gaztag")
    source = gaz if gaz is not None else node
    try:
        start, end = int(node.findtext("start")), int(node.findtext("end"))
        lat = source.findtext("lat")
        lon = source.findtext("lon")
        return Toponym(
            (node.findtext("phrase") or node.findtext("name") or "").strip(),
            start,
            end,
            float(lat) if lat else None,
            float(lon) if lon else None,
            gaz.findtext("country") if gaz is not None else None,
        )
    except (TypeError, ValueError) as exc:
        raise InputError(f"{path}: article {number}", f"bad toponym ({exc})") from None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


class Resolution:
    """Errors in km (None: no coordinates) and country hits of one corpus and mode."""

    def __init__(self) -> None:
        self.errors: list[float | None] = []
        self.countries: list[bool] = []
        self.resolved_countries: list[bool] = []  # the same, over resolved toponyms only

    def add(self, gold: Toponym, place, country_of) -> None:
        if place is None or place.lat is None:
            self.errors.append(None)
        else:
            self.errors.append(km(gold.lat, gold.lon, place.lat, place.lon))
        if gold.country:
            right = place is not None and place.country == country_of(gold.country)
            self.countries.append(right)
            if place is not None and place.country:
                self.resolved_countries.append(right)

    @property
    def accuracy(self) -> float:
        hits = sum(1 for e in self.errors if e is not None and e <= RADIUS_KM)
        return hits / len(self.errors) if self.errors else 0.0

    @property
    def median(self) -> float:
        known = [e if e is not None else 20038.0 for e in self.errors]  # unresolved: half the earth
        return statistics.median(known) if known else 0.0

    @property
    def country(self) -> float | None:
        return sum(self.countries) / len(self.countries) if self.countries else None

    @property
    def resolved_country(self) -> float | None:
        """Country accuracy over the toponyms Tidings resolved (issue 7's measure: "country of
        each resolved toponym"); ``country`` also counts the unresolved ones as wrong."""
        hits = self.resolved_countries
        return sum(hits) / len(hits) if hits else None


def run(path: Path, *, settings: Settings, console: Console, show_errors: int = 0) -> dict:
    from .. import resources
    from ..nlp import Parser
    from ..places import PlaceFinder

    countries = resources.country_lexicon(settings.countries_file)
    gazetteer = resources.gazetteer(
        settings.gazetteer_cache, settings.min_population, settings.countries_file
    )
    finder = PlaceFinder(countries, gazetteer)
    parser = Parser(settings.model)
    table = Table(title="Toponyms: recognition (overlap) and resolution (within 161 km)")
    for column in (
        "corpus",
        "articles",
        "gold",
        "demonyms",
        "P",
        "R",
        "F1",
        "acc@161 (recognised)",
        "median km",
        "country",
        "country (resolved)",
        "acc@161 (given)",
        "median km (given)",
        "country (given)",
        "ms/article",
    ):
        table.add_column(column, justify="left" if column == "corpus" else "right")
    results: dict[str, float] = {}
    errors: list[str] = []
    for corpus, name in CORPORA.items():
        file = path / name
        if not file.is_file():
            console.print(f"[yellow]{file}: missing, {corpus} skipped[/yellow]")
            continue
        articles = load(file)
        started = time.perf_counter()
        scores = _score(articles, parser, finder, countries, gazetteer, errors, show_errors)
        ms = 1000 * (time.perf_counter() - started) / max(1, len(articles))
        prf, demonyms, found, given = scores
        table.add_row(
            corpus,
            str(len(articles)),
            str(prf.tp + prf.fn),
            str(demonyms),
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            f"{found.accuracy:.3f} ({len(found.errors)})",
            f"{found.median:.0f}",
            "" if found.country is None else f"{found.country:.3f}",
            ""
            if found.resolved_country is None
            else f"{found.resolved_country:.3f} ({len(found.resolved_countries)})",
            f"{given.accuracy:.3f} ({len(given.errors)})",
            f"{given.median:.0f}",
            "" if given.country is None else f"{given.country:.3f}",
            f"{ms:.0f}",
        )
        results[f"{corpus}:f1"] = prf.f1
        results[f"{corpus}:acc161"] = found.accuracy
        results[f"{corpus}:acc161_given"] = given.accuracy
        if found.country is not None:
            results[f"{corpus}:country"] = found.country
            results[f"{corpus}:country_resolved"] = found.resolved_country
    console.print(table)
    for line in errors:
        console.print(line)
    return results


def _score(articles, parser, finder, countries, gazetteer, errors, show_errors):
    from ..places.finder import Mention

    def country_of(name: str) -> str | None:
        found = gazetteer.candidates(name)
        return next((e.country for e, _ in found if e.resolution == "country"), None)

    prf, demonyms = PRF(), 0
    found, given = Resolution(), Resolution()
    docs = parser.pipe(
        Article(doc_id=f"a{i}", source="eval", text=t) for i, (t, _) in enumerate(articles)
    )
    for (text, gold), parsed in zip(articles, docs, strict=True):
        adjective = {
            id(t): countries.get(t.phrase)
            for t in gold
            if countries.get(t.phrase) is not None and countries.get(t.phrase).form == "adjective"
        }
        places = [p for p in finder(parsed) if p.start is not None]
        scored = [t for t in gold if id(t) not in adjective]
        demonyms += len(gold) - len(scored)
        matched = _match(scored, places)
        prf.tp += len(matched)
        prf.fp += len(places) - len(matched)
        prf.fn += len(scored) - len(matched)
        for toponym in scored:
            if toponym.lat is not None and id(toponym) in matched:
                place = matched[id(toponym)]
                found.add(toponym, place, country_of)
                _note(errors, show_errors, text, toponym, place)
        mentions = [
            Mention(
                adjective[id(t)].country.name if id(t) in adjective else t.phrase,
                t.start,
                t.end,
                0,
                "GOLD",
            )
            for t in gold
        ]
        resolved = finder.resolve(mentions, [], None, text)
        for toponym, place in zip(gold, resolved, strict=True):
            if toponym.lat is not None:
                given.add(toponym, place, country_of)
    return prf, demonyms, found, given


def _match(gold: list[Toponym], places: list) -> dict[int, object]:
    """Gold toponym (by id) → the predicted place whose span overlaps it, one to one."""
    matched: dict[int, object] = {}
    used: set[int] = set()
    for toponym in gold:
        for number, place in enumerate(places):
            if number not in used and place.start < toponym.end and toponym.start < place.end:
                matched[id(toponym)] = place
                used.add(number)
                break
    return matched


def _note(errors: list[str], limit: int, text: str, gold: Toponym, place) -> None:
    if len(errors) >= limit:
        return
    if place.lat is not None and km(gold.lat, gold.lon, place.lat, place.lon) <= RADIUS_KM:
        return
    where = f"{place.name} {place.country} {place.resolution} ({place.lat}, {place.lon})"
    context = text[max(0, gold.start - 60) : gold.end + 60].replace("\n", " ")
    errors.append(f"{gold.phrase!r} gold ({gold.lat}, {gold.lon}) → {where}\n   …{context}…")
