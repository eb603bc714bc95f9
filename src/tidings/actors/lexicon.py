"""Actor knowledge: countries, organisations, people with dated roles, and role nouns.

All of it is data (``data/countries.tsv``, ``organisations.tsv``, ``people.tsv``, ``roles.tsv``);
this module only indexes it for look-up by surface form.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    code: str
    sector: tuple[str, ...]


class OrganisationLexicon:
    def __init__(self, orgs: list[tuple[Organisation, tuple[str, ...]]], path: str) -> None:
        self.path = path
        self.index = SurfaceIndex()
        for org, aliases in orgs:
            for form in (org.name, *aliases):
                self.index.add(form, org)

    @classmethod
    def from_tsv(cls, path: Path) -> OrganisationLexicon:
        orgs = []
        for _, row in read_tsv(path, ("id", "name", "aliases", "code", "sector")):
            org = Organisation(row["id"], row["name"], row["code"], _split(row["sector"]))
            orgs.append((org, _split(row["aliases"])))
        return cls(orgs, path.name)

    def get(self, form: str) -> Organisation | None:
        return self.index.get(form)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    country: str
    sector: tuple[str, ...]
    role: str
    start: str  # ISO date, "" = open
    end: str

    def holds_on(self, date: str | None) -> bool:
        """True when the role covers ``date`` (an undated article matches the current holder)."""
        if date is None:
            return not self.end
        day = date[:10]
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


class PeopleLexicon:
    """People with dated roles; one person may have several rows, one per role and period."""

    def __init__(self, people: list[tuple[Person, tuple[str, ...]]]) -> None:
        self._by_form: dict[str, list[Person]] = {}
        for person, aliases in people:
            for form in {person.name, *aliases}:
                self._by_form.setdefault(form.casefold(), []).append(person)

    @classmethod
    def from_tsv(cls, path: Path) -> PeopleLexicon:
        columns = ("id", "name", "aliases", "country", "sector", "role", "from", "to")
        people = []
        for _, row in read_tsv(path, columns):
            person = Person(
                row["id"],
                row["name"],
                row["country"],
                _split(row["sector"]),
                row["role"],
                row["from"],
                row["to"],
            )
            people.append((person, _split(row["aliases"])))
        return cls(people)

    def get(self, form: str, date: str | None) -> Person | None:
        """The person called ``form`` in the role they held on ``date``, if any."""
        candidates = self._by_form.get(form.strip().casefold(), [])
        for person in candidates:
            if person.holds_on(date):
                return person
        return None


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    term: str
    sector: str
    role: str


class RoleLexicon:
    """Role and sector nouns ("foreign minister", "troops", "rebels"), longest match first."""

    def __init__(self, roles: list[Role]) -> None:
        self._by_term = {r.term: r for r in roles}
        self.max_words = max((len(r.term.split()) for r in roles), default=1)
        # Words of person titles, kept out of names ("Foreign Minister Ana Morales").
        self.words = frozenset(w for r in roles if r.role for w in r.term.split())

    @classmethod
    def from_tsv(cls, path: Path) -> RoleLexicon:
        rows = read_tsv(path, ("id", "term", "sector", "role"))
        return cls([Role(r["id"], r["term"].lower(), r["sector"], r["role"]) for _, r in rows])

    def find(self, words: list[str]) -> Role | None:
        """The longest role term among the (lower-cased) words, preferring the rightmost."""
        for size in range(min(self.max_words, len(words)), 0, -1):
            for i in range(len(words) - size, -1, -1):
                role = self._by_term.get(" ".join(words[i : i + size]))
                if role:
                    return role
        return None
