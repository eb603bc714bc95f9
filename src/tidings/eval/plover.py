"""The PLOVER gold standard records (``PLOVER_GSR_CAMEO.txt``): one sentence, one event type.

The file is a JSON array of records; records whose ``event`` is ``DOCUMENT`` (the file's own
documentation) or that have no ``text`` are skipped. The gold label is the record's ``event``,
with the labels of the older PLOVER version mapped onto the current ones (``LABELS``):
DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE, FIGHT → ASSAULT. Each text is coded
as one article, dated as the record's ``date`` where it has one; the prediction is the PLOVER
``event`` of its highest-confidence event (the first of equals). A text with no event is wrong,
and the coverage column is the share of texts with an event.

Scores: event-type accuracy and macro-F1 over the gold labels present, on the ``dev`` and
``test`` halves (by a hash of the text, ``metrics.half``) and on all. ``test`` is held out: it
is the figure to report; ``dev`` is for studying errors. Baseline: the majority label of the dev
half, predicted for every text. A per-label table gives, over all records, the gold count, the
right predictions and their share, and how often Tidings predicted the label.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import InputError
from .coding import SPLITS, code_sentences, split_table, top_event
from .metrics import Labels, half, majority

DEFAULT = Path("events/plover/PLOVER_GSR_CAMEO.txt")

# older PLOVER labels → the current ones
LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: str | None
    label: str
    original: str  # the record's own label, before ``LABELS``


def load(path: Path) -> list[GoldRecord]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not JSON ({exc})") from None
    if not isinstance(records, list):
        raise InputError(str(path), "expected a JSON array of records")
    out = []
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        event, text = record.get("event"), record.get("text")
        if not event or event == "DOCUMENT" or not isinstance(text, str) or not text.strip():
            continue
        out.append(
            GoldRecord(
                str(record.get("id") or f"record-{number}"),
                " ".join(text.split()),
                record.get("date") or None,
                LABELS.get(event, event),
                event,
            )
        )
    return out


def run(path: Path, *, settings: Settings, console: Console, show_errors: int = 0) -> dict:
    gold = load(path)
    coded, elapsed = code_sentences(settings, [(g.id, g.text, g.date) for g in gold], path.name)
    halves = [half(g.text) for g in gold]
    baseline = majority(g.label for g, h in zip(gold, halves, strict=True) if h == "dev")
    baseline = baseline or majority(g.label for g in gold)
    tidings = {split: Labels() for split in SPLITS}
    majority_scores = {split: Labels() for split in SPLITS}
    predicted_counts: Counter = Counter()
    errors = []
    for record, split, doc in zip(gold, halves, coded, strict=True):
        event = top_event(doc)
        predicted = event.event if event else None
        predicted_counts[predicted] += 1
        for name in (split, "all"):
            tidings[name].add(record.label, predicted)
            majority_scores[name].add(record.label, baseline)
        if split == "dev" and predicted != record.label:
            errors.append((record, event))
    table, out = split_table(
        f"PLOVER gold records ({len(gold)} texts, {len(gold) / max(elapsed, 1e-9):.0f} "
        "texts/s): event type of the highest-confidence event",
        "texts",
        {"tidings": tidings, f"majority {baseline}": majority_scores},
    )
    console.print(table)
    console.print("dev is for study; test is held out")
    _print_labels(console, gold, tidings["all"], predicted_counts)
    for record, event in errors[:show_errors]:
        console.print(f"[bold]{record.id}[/bold] {record.text}")
        got = f"{event.event} (cameo {event.cameo}, rule {event.rule})" if event else "no event"
        console.print(f"   gold {record.label}, predicted {got}")
    return out


def _print_labels(
    console: Console, gold: list[GoldRecord], scores: Labels, predicted: Counter
) -> None:
    originals: dict[str, set[str]] = {}
    for record in gold:
        originals.setdefault(record.label, set()).add(record.original)
    table = Table(title="Tidings per gold label (all texts)")
    for column in ("label", "gold", "right", "accuracy", "predicted"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label in sorted(originals):
        score = scores.label(label)
        total = score.tp + score.fn
        older = sorted(originals[label] - {label})
        name = f"{label} (+ {', '.join(older)})" if older else label
        table.add_row(
            name, str(total), str(score.tp), f"{score.tp / total:.3f}", str(predicted[label])
        )
    others = {k: n for k, n in predicted.items() if k is not None and k not in originals}
    if others:
        table.add_row(
            "other predictions",
            "",
            "",
            "",
            ", ".join(f"{k} {n}" for k, n in sorted(others.items())),
        )
    table.add_row("no event", "", "", "", str(predicted[None]))
    console.print(table)
