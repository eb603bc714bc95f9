"""What the event tasks share: gold sentences coded in one batch, the event that stands for a
sentence, and the table of label scores per split beside a baseline."""

from __future__ import annotations

import copy
import time
from collections.abc import Sequence

from rich.table import Table

from ..config import Settings
from ..records import CodedDocument, Event, RawDocument
from .metrics import Labels

SPLITS = ("dev", "test", "all")


def code_sentences(
    settings: Settings,
    sentences: Sequence[tuple[str, str, str | None]],
    name: str,
    *,
    head=None,
) -> tuple[list[CodedDocument | None], float]:
    """Code (id, text, date) sentences as one-sentence articles, all in one batch; with
    ``head`` (an ``events.learned.EventHead``), the event coder uses it.

    Returns a coded document per sentence (``None`` where the pipeline rejected it) and the
    seconds the coding took."""
    from .. import resources
    from ..run import Pipeline

    pipeline = Pipeline(settings)
    if head is not None:  # a copy: the pipeline may be shared (one per process in the tests)
        pipeline = copy.copy(pipeline)
        pipeline.events = copy.copy(pipeline.events)
        pipeline.events.head = head
        pipeline.events.encoder = resources.sentence_encoder(settings.embedding_model)
    raws = [
        RawDocument(id, f"{name}#{id}", text=text, date=date or None)
        for id, text, date in sentences
    ]
    started = time.perf_counter()
    results = pipeline.code(raws)
    elapsed = time.perf_counter() - started
    return [r if isinstance(r, CodedDocument) else None for r in results], elapsed


def top_event(coded: CodedDocument | None) -> Event | None:
    """The event of highest confidence (the first of equals), or ``None``."""
    if coded is None or not coded.events:
        return None
    return max(coded.events, key=lambda event: event.confidence)


def split_table(
    title: str,
    unit: str,
    systems: dict[str, dict[str, Labels]],
    labels: Sequence[str] | None = None,
) -> tuple[Table, dict]:
    """Accuracy, macro-F1 (over ``labels``, default the gold labels present) and coverage of
    each system on each split; the first system's row carries the split's size. Returns the
    table and the same figures as a dict: split → system's first word → measure."""
    table = Table(title=title)
    for column in ("split", unit, "system", "accuracy", "macro-F1", "coverage"):
        table.add_column(column, justify="left" if column in {"split", "system"} else "right")
    out: dict = {}
    for split in SPLITS:
        out[split] = {}
        for n, (name, scores) in enumerate(systems.items()):
            scored = scores[split]
            figures = {
                "accuracy": scored.accuracy,
                "macro_f1": scored.macro_f1(labels),
                "coverage": scored.coverage,
            }
            table.add_row(
                "" if n else split,
                "" if n else str(len(scored)),
                name,
                *(f"{v:.3f}" for v in figures.values()),
            )
            out[split][name.split()[0]] = figures
    return table, out
