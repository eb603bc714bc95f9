"""Furniture rules: the line shapes of page furniture, read from ``data/furniture.tsv``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError
from ..resources import read_tsv

KINDS = {"teaser", "navigation", "legal", "credit", "caption", "byline", "section", "comments"}


@dataclass(frozen=True, slots=True)
class FurnitureRule:
    id: str
    kind: str
    pattern: re.Pattern[str]


def load_furniture(path: Path) -> tuple[FurnitureRule, ...]:
    rules = []
    for line, row in read_tsv(path, ("id", "kind", "pattern")):
        if row["kind"] not in KINDS:
            raise ResourceError(
                f"{path}:{line}: unknown kind {row['kind']!r}; use one of {sorted(KINDS)}"
            )
        try:
            pattern = re.compile(row["pattern"])
        except re.error as exc:
            raise ResourceError(f"{path}:{line}: bad pattern: {exc}") from None
        rules.append(FurnitureRule(row["id"], row["kind"], pattern))
    return tuple(rules)
