"""What the event tasks share: gold sentences coded in one batch, and the event that stands for
a sentence."""

from __future__ import annotations

import time
from collections.abc import Sequence

from ..config import Settings
from ..records import CodedDocument, Event, RawDocument


def code_sentences(
    settings: Settings, sentences: Sequence[tuple[str, str, str | None]], name: str
) -> tuple[list[CodedDocument | None], float]:
    """Code (id, text, date) sentences as one-sentence articles, all in one batch.

    Returns a coded document per sentence (``None`` where the pipeline rejected it) and the
    seconds the coding took."""
    from ..run import Pipeline

    pipeline = Pipeline(settings)
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
