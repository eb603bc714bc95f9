"""Toponym recognition and resolution: the places of one parsed article.

Recognition takes the GPE, LOC and FAC entities of the entity stage and adds gazetteer matches
the statistical model missed (a capitalised name the gazetteer knows, accepted when it names a
country, a subdivision or a large city, follows a locative preposition: "in Sakhour", or is an
upper-case dateline left in the text: "COLUMBUS —"). Nationality adjectives ("Syrian",
"Turkish") are actors' attributes, never places. An entity the gazetteer does not know but that
starts with a place ("Titus County Jail") is that place, and so is a county, subdivision or
country leading an organisation's name ("DeKalb County Commission") and a town leading its own
public office ("Paris Police Department"; the words are ``data/place_offices.tsv``). A place
entity the model cut from a road's or river's name ("Wichita" of "Wichita Street") is none.

Resolution picks, for each distinct name, one gazetteer entry for the whole document (one sense
per document), scoring each candidate by its prior (``gazetteer._prior``: country > continent >
region > subdivision > city by population) plus the document's own context: the countries and
subdivisions that the unambiguous names, the nationality adjectives and the dateline point to,
the other names with a sense near a town (spatial minimality: "Paris" with "Henry County" is
Paris, Tennessee), a qualifier written next to the name ("Alexandria, La."), the kind of the
other names in a list ("Utah, Virginia, Washington"), and "state" written with the name. It
runs twice, the first choices counting as near senses in the second. A country nothing else
in the document supports yields to a namesake the other names support ("Lebanon" with "Boone
County"), and a town with no namesake in its qualifier takes the qualifier ("Stroud, Ontario").
A name the gazetteer lacks is looked up without a leading direction ("North Texas") or a kind
word ("Sichuan province").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..actors.lexicon import CountryLexicon
from ..errors import ResourceError
from ..records import Place
from .gazetteer import ADMIN1_PRIOR, ALTERNATE_PENALTY, Entry, Gazetteer, normalise

_LABELS = {"GPE", "LOC", "FAC"}
OFFICE = "OFFICE"  # the label of a town found leading its own office ("Paris Police")
# The eight points of the compass, as words before a place ("north of Aleppo", "North Texas").
COMPASS = frozenset(
    ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
)
# Words after which a capitalised gazetteer name is read as a place.
LOCATIVE = COMPASS | frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "from",
        "to",
        "into",
        "toward",
        "towards",
        "across",
        "around",
        "via",
        "between",
        "through",
        "throughout",
        "neighbouring",
        "neighboring",
    ]
)
_CONNECTORS = frozenset(
    [
        "al",
        "el",
        "de",
        "del",
        "la",
        "le",
        "of",
        "upon",
        "on",
        "ad",
        "as",
        "ash",
        "ar",
        "an",
        "-",
        "'",
        "du",
        "des",
        "da",
        "di",
    ]
)
# A direction or part before a place name: "North Texas" is in Texas.
_PARTS = COMPASS | frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "central",
        "upper",
        "lower",
        "greater",
        "inner",
        "outer",
        "coastal",
        "far",
    ]
)
# Words that make a name a place of its own kind (a street, a river, a township), whose
# leading words are then not the place meant: "West Tyler Street" is not in "West".
_FEATURE_WORDS = frozenset(
    [
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "parkway",
        "drive",
        "lane",
        "way",
        "highway",
        "river",
        "creek",
        "lake",
        "bay",
        "valley",
        "hills",
        "hill",
        "park",
        "beach",
        "coast",
        "island",
        "islands",
        "mountain",
        "mountains",
        "township",
        "colony",
        "area",
        "farm",
        "cemetery",
        "garden",
        "gardens",
        "square",
        "bridge",
        "harbor",
        "harbour",
        "port",
        "st.",
    ]
)
# Roads and rivers: a place name before one of these words is the road's or river's name.
_WAYS = frozenset(
    ["street", "avenue", "road", "boulevard", "drive", "lane", "parkway", "river", "creek"]
)
# A kind word written with a name: "Sichuan province", "Puge county", "the city of Turkey".
_KIND_WORD = re.compile(
    r"\s+(province|county|state|region|district|prefecture|governorate|municipality)$"
    r"|^(city|province|state|county|region) of\s+",
    re.IGNORECASE,
)
_AREAS = frozenset(["country", "admin1", "continent", "region"])
# What may lead an organisation's name as a place: "Rapides Parish Fire District", "Texas
# Department of Transportation", but not a town ("Boston Red Sox", "Chicago Tribune").
_ORG_PLACES = frozenset(["admin2", "admin1", "country"])
_MAX_TOKENS = 5
BIG_CITY = 100_000  # a gazetteer-only city match needs this population or a locative word

# Context weights (tuned on the development corpora, docs/evaluation.md): a candidate gains
# COUNTRY_CONTEXT times the share of the document's evidence that points to its country, and
# ADMIN1_CONTEXT when its subdivision is named; a qualifier next to the name is decisive.
COUNTRY_CONTEXT = 5.0
ADMIN1_CONTEXT = 3.0
QUALIFIER = 8.0
AMBIGUOUS_SPREAD = 8
KIND = 6.0  # a list's kind, or "state of": the entry of that kind gains this
# Spatial minimality: a town or county gains NEAR for each other name of the document with a
# sense within NEAR_KM of it (at most NEAR_NAMES names), scaled by how likely that sense is
# against its name's best one, so the senses that lie together win together ("Paris" and
# "Henry County" are Paris, Tennessee, in Henry County, Tennessee).
NEAR = 1.5
NEAR_KM = 50.0  # the grid of whole degrees below finds neighbours up to about 75 km
NEAR_NAMES = 2
# A country no other name supports yields to its namesake in a country holding this share of
# the document's evidence (see _unsupported_country).
YIELD_SHARE = 0.5
# Resolution runs twice: in the second pass each name's first choice counts in full as a near
# sense (a town settled by its qualifier pulls its neighbours), and a name whose first choice
# is a clear sense other than its prior's (Georgia the state) votes for that choice.
PASSES = 2
_POINTS = frozenset(["city", "admin2"])
_LIST_GAP = re.compile(r"\s*(,|(,\s*)?(and|or))\s*")


@dataclass(frozen=True, slots=True)
class PlaceOffices:
    """Words after which a town names one of its own public offices ("Paris Police
    Department", "Huntsville High School"), and the words that may stand between ("Dublin City
    Council"), from ``place_offices.tsv``."""

    offices: frozenset[str]
    between: frozenset[str]

    @classmethod
    def from_tsv(cls, path: Path) -> PlaceOffices:
        from ..resources import read_tsv

        found: dict[str, set[str]] = {"office": set(), "town": set()}
        for line, row in read_tsv(path, ("word", "kind", "note")):
            if row["kind"] not in found or not row["word"]:
                raise ResourceError(f"{path}:{line}: kind must be office or town, with a word")
            found[row["kind"]].add(row["word"].lower())
        return cls(frozenset(found["office"]), frozenset(found["town"]))


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    sequence: int
    label: str  # the entity label, GAZ for a gazetteer match, OFFICE for a town's office


class PlaceFinder:
    """Find the toponyms of a parsed article and resolve them against the gazetteer."""

    def __init__(
        self,
        countries: CountryLexicon,
        gazetteer: Gazetteer,
        *,
        offices: PlaceOffices | None = None,
    ) -> None:
        from .. import resources

        self.countries = countries
        self.gazetteer = gazetteer
        self.offices = offices if offices is not None else resources.place_offices()

    def __call__(self, parsed) -> list[Place]:
        mentions, demonyms = self.recognise(parsed)
        places = self.resolve(mentions, demonyms, parsed.article.dateline, parsed.article.text)
        return places

    # -- recognition --------------------------------------------------------------------------

    def recognise(self, parsed) -> tuple[list[Mention], list[str]]:
        """Toponym mentions in text order, and the countries (ISO3) of nationality adjectives."""
        mentions: list[Mention] = []
        demonyms: list[str] = []
        for number, sent in enumerate(parsed.sentences):
            taken = set()
            for ent in sent.ents:
                match = self.countries.get(ent.text)
                if match is not None and match.form == "adjective":
                    demonyms.append(match.country.iso3)
                    taken.update(range(ent.start, ent.end))
                    continue
                if ent.label_ in _LABELS or self._mislabelled(ent):
                    found = self._entity(ent, number)
                    mentions += found
                    taken.update(range(ent.start, ent.end))
                elif ent.label_ != "NORP":
                    mentions += self._organisation(ent, number)
                    taken.update(range(ent.start, ent.end))
            mentions += self._scan(sent, number, taken)
        mentions.sort(key=lambda m: m.start)
        return mentions, demonyms

    def _mislabelled(self, ent) -> bool:
        """A PERSON/ORG/NORP entity that is a known place after a locative word ("in Sakhour")."""
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        return (
            ent.label_ in {"PERSON", "ORG", "NORP"}
            and before is not None
            and before.lower_ in LOCATIVE
            and ent.text in self.gazetteer
        )

    def _entity(self, ent, number: int) -> list[Mention]:
        tokens = list(ent)
        while tokens and tokens[0].lower_ == "the":
            tokens = tokens[1:]
        while tokens and tokens[-1].text in {"'s", "’s", "'", "’"}:
            tokens = tokens[:-1]
        if not tokens or _feature_follows(ent):
            return []
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = ent.doc.text[start:end]
        if "," in text and text not in self.gazetteer:  # "Pandi, Bulacan": two places
            parts, offset = [], start
            for piece in text.split(","):
                lead = len(piece) - len(piece.lstrip())
                word = piece.strip()
                if word:
                    parts.append(
                        Mention(word, offset + lead, offset + lead + len(word), number, ent.label_)
                    )
                offset += len(piece) + 1
            if all(p.text in self.gazetteer for p in parts):
                return parts
        dotted = text + "." if ent.doc.text[end : end + 1] == "." else None
        if dotted and text not in self.gazetteer and dotted in self.gazetteer:
            return [Mention(dotted, start, end + 1, number, ent.label_)]  # "U.S" at a sentence end
        if ent.label_ == "FAC" and text not in self.gazetteer:
            return []  # a building or a road: not a place Tidings can put on a map
        if not self.candidates(text):
            prefix = self._prefix(tokens)
            if prefix is not None:
                end = prefix[-1].idx + len(prefix[-1].text)
                return [Mention(ent.doc.text[start:end], start, end, number, ent.label_)]
        return [Mention(text, start, end, number, ent.label_)]

    def _organisation(self, ent, number: int) -> list[Mention]:
        """The county, subdivision or country leading an organisation's name ("DeKalb County
        Commission", "Rapides Parish Fire District 2"); the gold corpora mark these."""
        tokens = list(ent)
        while tokens and tokens[0].lower_ == "the":
            tokens = tokens[1:]
        if ent.label_ != "ORG" or len(tokens) < 2 or self.gazetteer.candidates(ent.text):
            return []
        prefix = self._town_office(tokens)
        if prefix:
            start, end = prefix[0].idx, prefix[-1].idx + len(prefix[-1].text)
            return [Mention(ent.doc.text[start:end], start, end, number, OFFICE)]
        prefix = self._prefix(tokens)
        if prefix:
            start, end = prefix[0].idx, prefix[-1].idx + len(prefix[-1].text)
            if self.gazetteer.candidates(ent.doc.text[start:end])[0][0].resolution in _ORG_PLACES:
                return [Mention(ent.doc.text[start:end], start, end, number, ent.label_)]
        return []

    def _town_office(self, tokens) -> list | None:
        """A town leading the name of its own public office ("Paris Police Department",
        "Huntsville High School", "Dublin City Council"): any town the gazetteer names."""
        for size in range(len(tokens) - 1, 0, -1):
            word, after = tokens[size].lower_, tokens[size + 1 : size + 2]
            if word in self.offices.between:  # "Dublin City Council", not "Kansas City Airport"
                word = after[0].lower_ if after else ""
            if word not in self.offices.offices or not _capital(tokens[size - 1]):
                continue
            text = tokens[0].doc.text[tokens[0].idx : tokens[size - 1].idx + len(tokens[size - 1])]
            found = self.gazetteer.candidates(text)
            if not found or found[0][1] or not any(e.resolution == "city" for e, _ in found):
                continue
            if found[0][0].prior >= ADMIN1_PRIOR:
                return None  # "Georgia Public Service Commission": the state's (see _prefix)
            return tokens[:size]
        return None

    def _prefix(self, tokens) -> list | None:
        """The longest leading place name of an unknown name ("Titus County Sheriff's Office",
        "North Las Vegas Police Department"): an area, or a town of BIG_CITY people."""
        if any(t.lower_ in _FEATURE_WORDS for t in tokens[1:]):
            return None  # "West Tyler Street", "Bay Area", "Sacramento River": a feature itself
        for size in range(len(tokens) - 1, 0, -1):
            if not _capital(tokens[size]) or all(t.lower_ in _PARTS for t in tokens[:size]):
                continue
            found = self.gazetteer.candidates(
                tokens[0].doc.text[tokens[0].idx : tokens[size - 1].idx + len(tokens[size - 1])]
            )
            if found and not found[0][1]:
                best = found[0][0]
                if best.resolution in _AREAS | {"admin2"} or best.population >= BIG_CITY:
                    return tokens[:size]
        return None

    def _scan(self, sent, number: int, taken: set[int]) -> list[Mention]:
        found: list[Mention] = []
        i = sent.start
        while i < sent.end:
            match = None
            if i not in taken and _capital(sent.doc[i]):
                for size in range(min(_MAX_TOKENS, sent.end - i), 0, -1):
                    span = sent.doc[i : i + size]
                    if any(t.i in taken for t in span) or not _capital(span[-1]):
                        continue
                    if not all(_capital(t) or t.lower_ in _CONNECTORS for t in span):
                        continue
                    if self._accept(span, sent):
                        match = span
                        break
            if match is None:
                i += 1
                continue
            found.append(Mention(match.text, match.start_char, match.end_char, number, "GAZ"))
            i = match.end
        return found

    def _accept(self, span, sent) -> bool:
        candidates = self.gazetteer.candidates(span.text)
        if not candidates:
            return False
        doc = span.doc
        before = doc[span.start - 1] if span.start > sent.start else None
        after = doc[span.end] if span.end < sent.end else None
        if (before is not None and _capital(before) and before.text not in {"-"}) or (
            after is not None and _capital(after)
        ):
            return False  # part of a longer name the gazetteer does not know ("Mark Smith")
        if _dateline(span, before, after):
            return not candidates[0][1]
        if len(span) == 1 and (span[0].is_stop or span[0].pos_ not in {"PROPN", "NOUN"}):
            return False
        best, alternate = candidates[0]
        if alternate:
            return before is not None and before.lower_ in LOCATIVE
        if best.resolution in _AREAS and span.start > sent.start:
            return True
        if before is not None and before.lower_ in LOCATIVE:
            return True
        return best.resolution == "city" and best.population >= BIG_CITY and len(span) > 1

    # -- resolution ---------------------------------------------------------------------------

    def candidates(self, text: str) -> list[tuple[Entry, bool]]:
        """Gazetteer entries for a name; a part of a known place that the gazetteer does not
        list ("North Texas", "Southern Sudan", "West Africa") takes the whole place's entries
        (but "North Street" is a street, not Street in Somerset), and a
        name with a kind word the gazetteer lacks ("Sichuan province") the bare name's; both by
        primary names only ("North Las" is not Lāsh, Afghanistan)."""
        found = self.gazetteer.candidates(text)
        if found:
            return found
        rest = text
        while not found and rest.partition(" ")[0].lower() in _PARTS:
            rest = rest.partition(" ")[2]
            if rest.lower() in _FEATURE_WORDS:
                return []  # "North Street", "West Lake": a feature's name, not Street, Somerset
            found = self.gazetteer.candidates(rest) if rest[:1].isupper() else []
        if not found and _KIND_WORD.search(text):
            found = self.gazetteer.candidates(_KIND_WORD.sub("", text))
        return [(entry, alternate) for entry, alternate in found if not alternate]

    def _own_key(self, name: str) -> str:
        """The key of a name's votes, which never count as context for the name itself: a part
        of a place the gazetteer does not list ("North Georgia") votes as the place."""
        words = name.split()
        while len(words) > 1 and words[0].lower() in _PARTS and name not in self.gazetteer:
            words = words[1:]
        return normalise(" ".join(words))

    def resolve(
        self, mentions: list[Mention], demonyms: list[str], dateline, text: str = ""
    ) -> list[Place]:
        """One place per mention; the dateline place, if any, last (``chosen_by="dateline"``).
        ``text``, the article's, lets the words around the names count (lists, "state of")."""
        options = {m.text: self.candidates(m.text) for m in mentions}
        date_parts = [p.strip() for p in (dateline.place or "").split(",")] if dateline else []
        date_parts = [p for p in date_parts if p]
        for part in date_parts:
            options.setdefault(part, self.candidates(part))
        keys = {name: self._own_key(name) for name in options}
        evidence = _evidence(mentions, options, demonyms, date_parts, keys)
        lists = _lists(mentions, options, text)
        kinds = {m.text: kind for m, kind in lists.items()}
        for mention in mentions:
            if _state_word(text, mention):
                kinds[mention.text] = "admin1"
        unlisted = [m for m in mentions if m not in lists]
        qualifiers = _qualifiers(unlisted, options, evidence["*"], text)
        chosen: dict[str, Entry | None] = {}
        for _ in range(PASSES):
            if chosen:
                evidence = _evidence(mentions, options, demonyms, date_parts, keys, chosen)
            near = _nearness(options, chosen)
            picks: dict[str, Entry | None] = {}
            for name, found in options.items():
                own = evidence.get(keys[name], Counter())
                context = evidence["*"] - own
                picks[name] = _choose(
                    found, context, qualifiers.get(name, []), kinds.get(name), near.get(name, {})
                )
            chosen = picks
        places = [_place(m.text, chosen[m.text], m) for m in mentions]
        if date_parts:
            entry = chosen[date_parts[0]]
            place = _place(date_parts[0], entry, None)
            places.append(
                replace(
                    place,
                    name=dateline.place if entry is None else place.name,
                    chosen_by="dateline",
                )
            )
        return places


def _feature_follows(ent) -> bool:
    """Whether the entity is the start of a feature's name the model cut short: "Wichita" in
    "Wichita Street", "Catawba" in "Catawba River" is no town."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and _capital(after) and after.lower_ in _WAYS


def _dateline(span, before, after) -> bool:
    """An upper-case place opening a sentence before a dash, bracket or comma: a dateline left
    in the text ("COLUMBUS — The council …", "BEIRUT (AP) -")."""
    return (
        span.text.isupper()
        and len(span.text) > 2
        and (before is None or before.is_punct or before.is_space)
        and after is not None
        and after.text in {"-", "—", "–", "(", ","}
    )


def _capital(token) -> bool:
    return token.text[:1].isupper()


def _evidence(mentions, options, demonyms, date_parts, keys, chosen=None) -> dict[str, Counter]:
    """Votes for countries ("C:SYR") and subdivisions ("A:USA:Louisiana"), by name key;
    ``"*"`` holds the total. A name whose best candidate is clear (a country, a subdivision, a
    city of a million, or the only candidate) votes 1 for it; an ambiguous name spreads one
    half-vote over its candidates, so that towns named together pull each other into the state
    they share; the dateline votes 2. ``chosen``, an earlier pass's choices, replaces a name's
    best candidate where the choice is itself clear."""
    votes: dict[str, Counter] = {}
    total: Counter = Counter()

    def vote(key: str, entry: Entry, weight: float) -> None:
        counter = votes.setdefault(key, Counter())
        for label in _labels(entry):
            counter[label] += weight
            total[label] += weight

    for text in {m.text for m in mentions}:
        if options[text] and options[text][0][0].country is None:
            continue  # a continent: its namesake towns ("África", Mexico) must not vote
        found = [e for e, alternate in options[text] if not alternate and e.country]
        if not found:
            continue
        best = found[0]
        pick = (chosen or {}).get(text)
        if pick is not None and pick is not best and _clear(pick, found):
            best = pick  # the first pass took a clear sense other than the prior's (Georgia)
        if _clear(best, found):
            vote(keys[text], best, 1.0)
        else:
            for entry in found[:AMBIGUOUS_SPREAD]:
                vote(keys[text], entry, 0.5 / min(len(found), AMBIGUOUS_SPREAD))
    for part in date_parts:
        found = options.get(part)
        if found and found[0][0].country:
            vote(keys[part], found[0][0], 2.0)
    for code in demonyms:
        total[f"C:{code}"] += 0.5
    votes["*"] = total
    return votes


def _clear(entry: Entry, found) -> bool:
    return entry.resolution in {"country", "admin1"} or len(found) == 1 or entry.population >= 1e6


def _labels(entry: Entry) -> list[str]:
    labels = [f"C:{entry.country}"]
    if entry.resolution != "country" and entry.admin1:
        labels.append(f"A:{entry.country}:{entry.admin1}")
    return labels


def _qualifiers(mentions: list[Mention], options, total: Counter, text: str = "") -> dict:
    """ "Alexandria, La.": the area named right after another name, separated by a comma,
    qualifies it, and is itself the area of that name that holds a place of the first name:
    "Atlanta, Georgia" is the state, not the country, as no Atlanta lies in the country. When
    none holds one ("Fort Detrick, Maryland", a place the gazetteer lacks), the area is the one
    in the country with most of the document's evidence (``total``)."""
    found: dict[str, list[Entry]] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        if not (0 < second.start - first.end <= 2 and options[second.text]):
            continue
        if text and text[first.end : second.start].strip() != ",":
            continue  # "in Lincoln. Capital Steel said": a new sentence, not a qualifier
        if options[first.text] and options[first.text][0][0].resolution in {"country", "continent"}:
            continue  # "in Russia, U.S. officials said": a country is not qualified
        areas = [
            e for e, alternate in options[second.text] if e.resolution in {"country", "admin1"}
        ]
        first_area = options[second.text][0][0]
        if not areas or first_area.resolution not in {"country", "admin1"}:
            continue
        if _prefer_city(first_area, options[second.text]).resolution == "city":
            continue  # "Moscow, Kiev, Minsk": Minsk is the city, not its region
        places = [e for e, alternate in options[first.text] if not alternate]
        holding = [a for a in areas if any(_holds(a, e) for e in places)]
        area = holding[0] if holding else max(areas, key=lambda a: total[f"C:{a.country}"])
        found.setdefault(first.text, []).append(area)
        if holding:
            found.setdefault(second.text, []).append(area)
    return found


def _may_hold(area: Entry, entry: Entry) -> bool:
    """Whether a country or subdivision may hold a town: outside the US a town's subdivision is
    an approximation (gazetteer module), so only its country is sure."""
    return area.country == entry.country and (area.country != "USA" or _holds(area, entry))


def _holds(area: Entry, entry: Entry) -> bool:
    """Whether a country or subdivision holds another entry."""
    if entry is area or entry.country != area.country or entry.resolution == "country":
        return False
    return area.resolution == "country" or entry.admin1 == area.admin1


def _lists(mentions: list[Mention], options, text: str) -> dict[Mention, str]:
    """Members of lists of three or more names ("Mexico, China, Japan and Brazil"; "Utah,
    Virginia, Washington, West Virginia") whose best entries are mostly of one kind, with that
    kind: a list is of like things, and its commas are not qualifiers."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.sequence == mention.sequence
            and _LIST_GAP.fullmatch(text[last.end : mention.start])
        ):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    kinds: dict[Mention, str] = {}
    for run in runs:
        if len(run) < 3 or (len(run) == 3 and not _conjoined(run, text)):
            continue  # "Guildford, Surrey, UK" is a town qualified twice, not a list
        found = Counter(options[m.text][0][0].resolution for m in run if options[m.text])
        kind, count = found.most_common(1)[0] if found else (None, 0)
        if kind is not None and count * 3 >= len(run) * 2:
            kinds.update((m, kind) for m in run)
    return kinds


def _conjoined(run: list[Mention], text: str) -> bool:
    """Whether "and" or "or" joins two names of a run."""
    return any(
        _LIST_GAP.fullmatch(text[a.end : b.start]).group(3)
        for a, b in zip(run, run[1:], strict=False)
    )


def _state_word(text: str, mention: Mention) -> bool:
    """'Washington state', 'the state of Washington': the subdivision, not the city."""
    after = text[mention.end : mention.end + 7]
    return (
        after[:6] == " state"
        and not after[6:].isalpha()
        or (text[max(0, mention.start - 9) : mention.start] == "state of ")
    )


def _nearness(options, chosen=None) -> dict[str, dict[Entry, float]]:
    """Per name, the bonus of each of its towns and counties for the other names of the
    document that have a sense near it (see NEAR). A nearby sense counts by its likelihood
    against its name's best sense, exp(prior - best prior): a village namesake of a big city
    is weak evidence; a sense ``chosen`` in an earlier pass counts in full. Names of one key
    ("Paris", "paris") do not support each other."""
    grid: dict[tuple[int, int], list[tuple[str, Entry, float]]] = {}
    for name, found in options.items():
        senses = [e for e, alternate in found if not alternate]
        if not senses:
            continue
        best = max(e.prior for e in senses)
        for entry in senses:
            if entry.resolution in _POINTS:
                weight = 1.0 if (chosen or {}).get(name) == entry else math.exp(entry.prior - best)
                grid.setdefault(_cell(entry), []).append((normalise(name), entry, weight))
    bonus: dict[str, dict[Entry, float]] = {}
    for name, found in options.items():
        key = normalise(name)
        points = [e for e, alternate in found if not alternate and e.resolution in _POINTS]
        if len(found) < 2 or not points:
            continue
        for entry in points:
            support: dict[str, float] = {}
            row, column = _cell(entry)
            for cell in ((row + i, column + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
                for other, sense, weight in grid.get(cell, ()):
                    if other != key and _km(entry, sense) <= NEAR_KM:
                        support[other] = max(support.get(other, 0.0), weight)
            if support:
                total = sum(sorted(support.values(), reverse=True)[:NEAR_NAMES])
                bonus.setdefault(name, {})[entry] = NEAR * total
    return bonus


def _cell(entry: Entry) -> tuple[int, int]:
    return (math.floor(entry.lat), math.floor(entry.lon))


def _km(a: Entry, b: Entry) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _choose(
    found,
    context: Counter,
    qualifiers: list[Entry],
    kind: str | None = None,
    near: dict[Entry, float] | None = None,
) -> Entry | None:
    """The best entry: prior, plus the share of the context for its country, plus the named
    subdivision for a subdivision and its towns; a name that is a country's gives that
    country's towns no context, which supports the country as much ("Mexico" in a Mexican
    story is not Mexico City, also called "Mexico"). A name that is also a subdivision of some
    country ("Kansas", "Minnesota") gives that country's towns of the name no subdivision
    bonus: Kansas, Illinois must not beat the state because Illinois is named."""
    if not found:
        return qualifiers[0] if qualifiers else None  # "Thackerville, Okla.": in Oklahoma
    countries = sum(v for k, v in context.items() if k.startswith("C:")) or 1.0
    states = {(e.country, e.admin1) for e, alternate in found if e.resolution == "admin1"}
    nations = {e.country for e, alternate in found if e.resolution == "country" and not alternate}
    best, best_score = None, float("-inf")
    for entry, alternate in found:
        score = entry.prior - (ALTERNATE_PENALTY if alternate else 0.0)
        if entry.resolution != "country" and entry.country not in nations:
            score += COUNTRY_CONTEXT * context.get(f"C:{entry.country}", 0.0) / countries
            named = context.get(f"A:{entry.country}:{entry.admin1}", 0.0)
            if entry.resolution == "admin1" or (
                entry.resolution in {"city", "admin2"}
                and not any(country == entry.country for country, _ in states)
            ):
                score += ADMIN1_CONTEXT * min(named, 2.0)
        if entry.resolution == kind:
            score += KIND
        score += (near or {}).get(entry, 0.0)
        for qualifier in qualifiers:
            if qualifier.country == entry.country and (
                qualifier.resolution == "country" or qualifier.admin1 == entry.admin1
            ):
                score += QUALIFIER
        if score > best_score:
            best, best_score = entry, score
    if best is not None and best.resolution == "country":
        best = _unsupported_country(best, found, context, near or {}, countries)
    if (
        qualifiers
        and best.resolution in _POINTS
        and not any(_may_hold(q, best) for q in qualifiers)
    ):
        return qualifiers[0]  # "Stroud, Ontario": a town the gazetteer lacks, in Ontario
    return best if kind == "admin1" else _prefer_city(best, found)


def _unsupported_country(best: Entry, found, context: Counter, near, countries: float) -> Entry:
    """A country that nothing else in the document points to, in a story whose places are
    mostly in another country, yields to its namesake there that the other names support: the
    state whose towns are named ("Georgia" among Atlanta and Decatur), or a town near other
    named places ("Lebanon" with Myerstown and Grantville is Lebanon, Pennsylvania)."""
    if context.get(f"C:{best.country}", 0.0) > 0:
        return best
    fallback, fallback_support = best, 0.0
    for entry, alternate in found:
        if alternate or context.get(f"C:{entry.country}", 0.0) < YIELD_SHARE * countries:
            continue
        if entry.resolution == "admin1":
            support = context.get(f"A:{entry.country}:{entry.admin1}", 0.0)
        else:
            support = near.get(entry, 0.0)
        if support > fallback_support:
            fallback, fallback_support = entry, support
    return fallback


def _prefer_city(best: Entry, found) -> Entry:
    """A subdivision with the very name of a large city of its country, or of a national
    capital ("Aleppo", "Geneva", "Washington"), is in news the city; "Quebec" (the city is
    "Québec") stays the province."""
    if best.resolution != "admin1":
        return best
    for entry, _ in found:
        if entry.resolution == "country" and entry.country == best.country:
            return entry  # "Mexico" in a Mexican story is the country, not the state
    for entry, alternate in found:
        if alternate or entry.resolution != "city" or entry.country != best.country:
            continue
        if entry.feature_code == "PPLC" or (
            entry.name == best.name and entry.population >= BIG_CITY
        ):
            return entry
    return best


def _place(text: str, entry: Entry | None, mention: Mention | None) -> Place:
    where = {}
    if mention is not None:
        where = {"start": mention.start, "end": mention.end, "sequence": mention.sequence}
    if entry is None:
        return Place(name=text, **where)
    return Place(
        name=entry.name,
        geonameid=entry.geonameid,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        country=entry.country,
        admin1=entry.admin1,
        feature_class=entry.feature_class,
        feature_code=entry.feature_code,
        resolution=entry.resolution,
        **where,
    )
