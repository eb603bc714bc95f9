"""Wire services, read from ``data/wires.tsv``: which agency a dateline, byline or credit names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..resources import read_tsv


@dataclass(frozen=True, slots=True)
class WireLexicon:
    pattern: re.Pattern[str]
    names: dict[str, str]  # surface form (as written, or lower-cased for long forms) → name

    @classmethod
    def from_tsv(cls, path: Path) -> WireLexicon:
        names: dict[str, str] = {}
        for _, row in read_tsv(path, ("id", "name", "aliases")):
            for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
                names[_key(form)] = row["name"]
        # Longest forms first, so "AP Photo" and "Associated Press" win over "AP".
        forms = sorted(names, key=len, reverse=True)
        alternatives = "|".join(
            re.escape(f) if f.isupper() or len(f) <= 4 else f"(?i:{re.escape(f)})" for f in forms
        )
        return cls(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), names)

    def find(self, text: str | None) -> str | None:
        """The agency named in ``text`` (a dateline tag, byline or credit line), if any."""
        if not text:
            return None
        match = self.pattern.search(text)
        return self.names.get(_key(match.group(0))) if match else None


def _key(form: str) -> str:
    return form if form.isupper() or len(form) <= 4 else form.lower()
