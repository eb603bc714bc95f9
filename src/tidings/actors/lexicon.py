"""Actor knowledge: countries, organisations, people with dated roles, and role nouns.

All of it is data (``data/countries.tsv``, ``organisations.tsv``, ``people.tsv``, ``roles.tsv``);
this module only indexes it for look-up by surface form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ResourceError
from ..resources import read_tsv


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


class SurfaceIndex:
    """Exact look-up of surface forms, with a case-insensitive fallback for forms of 4+ letters.

    Short forms stay case-sensitive so that "US" is a country and "us" a pronoun, and the fallback
    needs a capital letter in the query so that "turkey" and "polish" stay common nouns while
    "TURKEY" (a shouted dateline) still matches.
    """

    def __init__(self) -> None:
        self._exact: dict[str, object] = {}
        self._folded: dict[str, object] = {}

    def add(self, form: str, value: object) -> None:
        self._exact.setdefault(form, value)
        if len(form) >= 4:
            self._folded.setdefault(form.casefold(), value)

    def get(self, form: str) -> object | None:
        form = form.strip()
        if form.startswith("the "):
            form = form[4:]
        found = self._exact.get(form)
        if found is None and len(form) >= 4 and not form.islower():
            found = self._folded.get(form.casefold())
        return found

    def __contains__(self, form: str) -> bool:
        return self.get(form) is not None


@dataclass(frozen=True, slots=True)
class Country:
    id: str
    iso3: str
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class CountryMatch:
    country: Country
    form: str  # name, alias, adjective or capital
    rule: str  # countries.tsv:<id>/<form>


class CountryLexicon:
    """Country names, aliases, adjectives and capitals, each resolving to a country."""

    def __init__(self, countries: list[Country], forms: list[tuple[str, str, Country]], path: str):
        self.countries = {c.iso3: c for c in countries}
        self.forms = forms
        self.index = SurfaceIndex()
        for surface, form, country in forms:
            self.index.add(surface, CountryMatch(country, form, f"{path}:{country.id}/{form}"))

    @classmethod
    def from_tsv(cls, path: Path) -> CountryLexicon:
        columns = ("id", "iso3", "name", "aliases", "adjectives", "capitals", "lat", "lon")
        countries, forms = [], []
        for line, row in read_tsv(path, columns):
            try:
                lat = float(row["lat"]) if row["lat"] else None
                lon = float(row["lon"]) if row["lon"] else None
            except ValueError:
                raise ResourceError(f"{path}:{line}: lat/lon must be numbers") from None
            country = Country(row["id"], row["iso3"], row["name"], lat, lon)
            countries.append(country)
            forms.append((row["name"], "name", country))
            forms += [(a, "alias", country) for a in _split(row["aliases"])]
            forms += [(a, "adjective", country) for a in _split(row["adjectives"])]
            forms += [(a, "capital", country) for a in _split(row["capitals"])]
        return cls(countries, forms, path.name)

    def get(self, form: str) -> CountryMatch | None:
        return self.index.get(form)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str  # ISO3, or "" for international bodies and transnational groups
    cameo: str  # the full CAMEO-style code: IGOUNO, NGOAMN, PSEREBHMS ...
    sector: tuple[str, ...]


def read_organisations(path: Path) -> list[Organisation]:
    columns = ("id", "name", "aliases", "country", "cameo", "sector")
    return [
        Organisation(
            row["id"],
            row["name"],
            _split(row["aliases"]),
            row["country"],
            row["cameo"],
            _split(row["sector"]),
        )
        for _, row in read_tsv(path, columns)
    ]


@dataclass(frozen=True, slots=True)
class Person:
    """One person in one role for one period (ISO dates; ``start`` inclusive, ``end``
    exclusive: the day the successor took over; "" = open)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: tuple[str, ...]
    role: str
    start: str
    end: str
    ref: str  # file:id or file:line, for resolved_by


_PEOPLE_COLUMNS = ("name", "aliases", "country", "sector", "role", "from", "to")


def read_people(path: Path) -> list[Person]:
    """People with dated roles from a TSV (the bundled format), CSV or YAML file.

    CSV and TSV have a header row with at least ``name`` and ``country`` (``id``, ``aliases``,
    ``sector``, ``role``, ``from``, ``to`` are optional); YAML is a list of mappings with the
    same keys, ``aliases`` either a list or ``|``-separated. Dates are ISO (``2015-11-24``).
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ResourceError(f"{path}: no such people file")
    if suffix in {".yaml", ".yml"}:
        rows = _yaml_rows(path)
    elif suffix == ".csv":
        rows = _delimited_rows(path, ",")
    else:
        rows = _delimited_rows(path, "\t")
    people = []
    for line, row in rows:
        where = f"{path}:{line}"
        name = str(row.get("name") or "").strip()
        country = str(row.get("country") or "").strip().upper()
        if not name:
            raise ResourceError(f"{where}: a person needs a name")
        aliases = row.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = _split(aliases)
        start, end = _iso(row.get("from"), where), _iso(row.get("to"), where)
        if start and end and end < start:
            raise ResourceError(f"{where}: 'to' ({end}) is before 'from' ({start})")
        sector = row.get("sector") or ("GOV" if row.get("role") else "")
        ident = str(row.get("id") or "").strip() or (
            line if isinstance(line, str) else f"line{line}"
        )
        people.append(
            Person(
                id=ident,
                name=name,
                aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
                country=country,
                sector=_split(sector) if isinstance(sector, str) else tuple(sector),
                role=str(row.get("role") or "").strip().lower(),
                start=start,
                end=end,
                ref=f"{path.name}:{ident}",
            )
        )
    return people


def _delimited_rows(path: Path, delimiter: str):
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        missing = {"name", "country"} - set(reader.fieldnames or ())
        if missing:
            raise ResourceError(f"{path}:1: the header lacks {', '.join(sorted(missing))}")
        unknown = set(reader.fieldnames or ()) - {"id", "note", *_PEOPLE_COLUMNS}
        if unknown:
            raise ResourceError(f"{path}:1: unknown column(s) {', '.join(sorted(unknown))}")
        for row in reader:
            if not any((v or "").strip() for v in row.values()) or (
                row.get("id") or row.get("name") or ""
            ).startswith("#"):
                continue
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _yaml_rows(path: Path):
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ResourceError(f"{path}:{line}: not valid YAML ({exc})") from None
    if isinstance(data, dict) and "people" in data:
        data = data["people"]
    if not isinstance(data, list):
        raise ResourceError(f"{path}:1: expected a list of people")
    for n, row in enumerate(data, 1):
        if not isinstance(row, dict):
            raise ResourceError(f"{path}: entry {n} is not a mapping")
        yield f"entry {n}", row


def _iso(value, where: str) -> str:
    """An ISO date from a YAML date, a string, or nothing."""
    if value is None or value == "":
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ResourceError(f"{where}: {text!r} is not an ISO date (YYYY-MM-DD)") from None


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    term: str
    sector: str
    role: str


class RoleLexicon:
    """Role and sector nouns ("foreign minister", "troops", "rebels")."""

    def __init__(self, roles: list[Role]) -> None:
        self.roles = roles
        # Words of person titles, kept out of names ("Foreign Minister Ana Morales").
        self.words = frozenset(w for r in roles if r.role for w in r.term.split())

    @classmethod
    def from_tsv(cls, path: Path) -> RoleLexicon:
        rows = read_tsv(path, ("id", "term", "sector", "role"))
        return cls([Role(r["id"], r["term"].lower(), r["sector"], r["role"]) for _, r in rows])


@dataclass(frozen=True, slots=True)
class Sector:
    code: str  # CAMEO three-letter agent code, Tidings' sector code
    plover: str  # the PLOVER/POLECAT sector name
    cameo: tuple[str, ...]  # CAMEO equivalents
    name: str


def read_sectors(path: Path) -> dict[str, Sector]:
    sectors = {}
    for line, row in read_tsv(path, ("code", "plover", "cameo", "name")):
        if row["code"] in sectors:
            raise ResourceError(f"{path}:{line}: sector {row['code']} listed twice")
        sectors[row["code"]] = Sector(
            row["code"], row["plover"], _split(row["cameo"]) or (row["code"],), row["name"]
        )
    return sectors
