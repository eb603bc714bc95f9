"""Precision, recall and F1 over multisets, summed across items (micro-averaged); single-label
classification scores; the dev/test split by hash."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Counter, gold: Counter) -> None:
        hit = sum((predicted & gold).values())
        self.tp += hit
        self.fp += sum(predicted.values()) - hit
        self.fn += sum(gold.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def half(text: str) -> str:
    """``dev`` or ``test``: a stable split of a gold set by a hash of the sentence's text.

    The hash ignores whitespace, so that a sentence falls in the same half whether it is stored
    as running text or as space-joined tokens ("court 's" and "court's" are one key)."""
    key = "".join(text.split()).encode("utf-8")
    return ("dev", "test")[int(hashlib.blake2b(key, digest_size=8).hexdigest(), 16) % 2]


@dataclass
class Labels:
    """Single-label classification: one gold label and at most one predicted label per item.

    An item with no prediction (``None``) is wrong and counts against its gold label's recall,
    but against no label's precision."""

    pairs: list[tuple[str, str | None]] = field(default_factory=list)

    def add(self, gold: str, predicted: str | None) -> None:
        self.pairs.append((gold, predicted))

    def __len__(self) -> int:
        return len(self.pairs)

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    @property
    def coverage(self) -> float:
        """The share of items with a prediction."""
        return sum(p is not None for _, p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    def label(self, label: str) -> PRF:
        score = PRF()
        for gold, predicted in self.pairs:
            if gold == label and predicted == label:
                score.tp += 1
            elif predicted == label:
                score.fp += 1
            elif gold == label:
                score.fn += 1
        return score

    def macro_f1(self, labels: Iterable[str] | None = None) -> float:
        """The mean F1 of ``labels`` (default: the gold labels present)."""
        labels = sorted({g for g, _ in self.pairs}) if labels is None else list(labels)
        return sum(self.label(x).f1 for x in labels) / len(labels) if labels else 0.0


def majority(labels: Iterable[str]) -> str | None:
    """The most frequent label, the smallest of equals (the majority-class baseline)."""
    counts = Counter(labels)
    return min(counts, key=lambda label: (-counts[label], label)) if counts else None
