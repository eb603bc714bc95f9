"""The event lexicon: verbs and event nouns mapped to CAMEO codes (``data/verbs.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError
from ..resources import read_tsv

# VERB: a verb; NOUN: an event noun carried by a light verb ("held talks"); ADJ: a predicate
# adjective whose asserter accuses its subject ("X is responsible for"); STATE: a participle or
# adjective after "be" whose subject acts ("Israel is opposed to the plan"), looked up by the
# word as written.
POS = ("VERB", "NOUN", "ADJ", "STATE")


@dataclass(frozen=True, slots=True)
class VerbEntry:
    id: str
    lemma: str
    pos: str  # one of POS
    particle: str
    objects: frozenset[str]  # required direct-object lemmas; empty = any
    prep: str  # preposition introducing the recipient; empty = direct object
    cameo: str
    source: str  # file name, for Event.rule

    @property
    def rule(self) -> str:
        return f"{self.source}:{self.id}"

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.particle) + bool(self.prep)


class VerbLexicon:
    """Entries by lemma, most specific first (object constraint, then particle, then preposition)."""

    def __init__(self, entries: list[VerbEntry]) -> None:
        self._by_lemma: dict[tuple[str, str], list[VerbEntry]] = {}
        for entry in entries:
            self._by_lemma.setdefault((entry.lemma, entry.pos), []).append(entry)
        for group in self._by_lemma.values():
            group.sort(key=lambda e: -e.specificity)

    @classmethod
    def from_files(cls, paths: list[Path], cameo_codes=None) -> VerbLexicon:
        """Entries of several files; an id seen in an earlier file replaces later ones."""
        entries: dict[str, VerbEntry] = {}
        for path in paths:
            for entry in cls._read(path, cameo_codes):
                entries.setdefault(entry.id, entry)
        return cls(list(entries.values()))

    @classmethod
    def from_tsv(cls, path: Path, cameo_codes=None) -> VerbLexicon:
        return cls(cls._read(path, cameo_codes))

    @staticmethod
    def _read(path: Path, cameo_codes=None) -> list[VerbEntry]:
        columns = ("id", "lemma", "pos", "particle", "object", "prep", "cameo")
        entries, seen = [], set()
        for line, row in read_tsv(path, columns):
            if row["pos"] not in POS:
                raise ResourceError(
                    f"{path}:{line}: pos must be one of {', '.join(POS)}, found {row['pos']!r}"
                )
            if row["id"] in seen:
                raise ResourceError(f"{path}:{line}: duplicate id {row['id']!r}")
            if cameo_codes is not None and row["cameo"] not in cameo_codes:
                raise ResourceError(f"{path}:{line}: unknown CAMEO code {row['cameo']!r}")
            seen.add(row["id"])
            objects = frozenset(o.strip().lower() for o in row["object"].split("|") if o.strip())
            entries.append(
                VerbEntry(
                    row["id"],
                    row["lemma"].lower(),
                    row["pos"],
                    row["particle"].lower(),
                    objects,
                    row["prep"].lower(),
                    row["cameo"],
                    path.name,
                )
            )
        return entries

    def candidates(self, lemma: str, pos: str) -> list[VerbEntry]:
        return self._by_lemma.get((lemma, pos), [])

    def __len__(self) -> int:
        return sum(len(group) for group in self._by_lemma.values())


# -- surface patterns (imported PETRARCH / TABARI verb dictionaries) ----------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """A noun phrase in a pattern: its role (``source`` $, ``target`` +, ``compound`` %: both at
    once, ``skip`` ^: any phrase, not used)."""

    role: str


# A pattern element: a word (upper case), a synset name ("&CURRENCY") or a noun-phrase slot.
Element = str | Slot


@dataclass(frozen=True, slots=True)
class SurfacePattern:
    """Words around the verb: ``before`` in text order up to the verb, ``after`` from it on.
    Elements match in order; other words may come between two of them unless the dictionary
    joined them with "_" (``tight``: ``before_tight[k]`` joins element k to what follows it,
    ``after_tight[k]`` element k to what precedes it, the verb included)."""

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str  # "---" = no event of its own; "A:B" = A from source to target, B back
    rule: str
    before_tight: tuple[bool, ...] = ()
    after_tight: tuple[bool, ...] = ()

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@dataclass(frozen=True, slots=True)
class VerbForm:
    """One inflected form of a dictionary verb; a multi-word verb needs its other words right
    before (``WIRE tap``) or after (``break DOWN``) it."""

    word: str
    group: str  # the verb block whose patterns apply
    code: str  # the verb's own code when no pattern matches; "---" = none
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    rule: str = ""


@dataclass
class SurfaceLexicon:
    """Verb forms, each block's patterns (longest first) and synsets of one or more files."""

    forms: dict[str, list[VerbForm]]
    patterns: dict[str, list[SurfacePattern]]
    synsets: dict[str, list[tuple[str, ...]]]

    def merged(self, other: SurfaceLexicon) -> SurfaceLexicon:
        """This lexicon with ``other``'s entries after its own (the first file wins a form)."""
        forms = {k: list(v) for k, v in self.forms.items()}
        for word, entries in other.forms.items():
            forms.setdefault(word, []).extend(entries)
        patterns = {k: list(v) for k, v in self.patterns.items()}
        for group, entries in other.patterns.items():
            patterns.setdefault(group, []).extend(entries)
        synsets = {**other.synsets, **self.synsets}
        return SurfaceLexicon(forms, patterns, synsets)

    def lookup(self, word: str, lemma: str) -> list[VerbForm]:
        """Forms for a verb token, by its text, else its lemma (irregular forms a file left
        out are still found: "met" → MEET)."""
        return self.forms.get(word.upper()) or self.forms.get(lemma.upper(), [])
