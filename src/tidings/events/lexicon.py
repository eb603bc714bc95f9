"""The event lexicon: verbs and event nouns mapped to CAMEO codes (``data/verbs.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError
from ..resources import read_tsv


@dataclass(frozen=True, slots=True)
class VerbEntry:
    id: str
    lemma: str
    pos: str  # VERB or NOUN
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
    def from_tsv(cls, path: Path, cameo_codes=None) -> VerbLexicon:
        columns = ("id", "lemma", "pos", "particle", "object", "prep", "cameo")
        entries, seen = [], set()
        for line, row in read_tsv(path, columns):
            if row["pos"] not in {"VERB", "NOUN"}:
                raise ResourceError(
                    f"{path}:{line}: pos must be VERB or NOUN, found {row['pos']!r}"
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
        return cls(entries)

    def candidates(self, lemma: str, pos: str) -> list[VerbEntry]:
        return self._by_lemma.get((lemma, pos), [])

    def __len__(self) -> int:
        return sum(len(group) for group in self._by_lemma.values())
