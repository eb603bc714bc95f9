"""Precision, recall and F1 over multisets, summed across items (micro-averaged)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


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
