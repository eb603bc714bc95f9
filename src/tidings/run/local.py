"""The local executor: read inputs, skip what the ledger has done, code in batches, commit.

Resume and idempotence come from the ledger: a document whose content id is already ``done``
is skipped (counted as ``skipped``), and a batch is only visible once its ledger transaction
commits, so a crash or a kill loses at most the batch in flight, which the rerun codes again.
Rejected documents are tried again on a rerun, since the fix may have been in Tidings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..ingest import content_id, read_inputs
from ..records import CodedDocument, RawDocument, Rejected
from ..store import LedgerEntry, Store
from .pipeline import Pipeline

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    read: int = 0
    coded: int = 0
    skipped: int = 0  # already done in an earlier run
    duplicates: int = 0  # same content as another document of this run or an earlier one
    rejected: list[Rejected] = field(default_factory=list)
    events: int = 0
    quotes: int = 0
    places: int = 0
    actors: int = 0  # actor mentions


class LocalExecutor:
    """Run a pipeline over inputs in this process, writing to a store batch by batch."""

    def __init__(self, pipeline: Pipeline, store: Store, *, batch_size: int = 64) -> None:
        self.pipeline = pipeline
        self.store = store
        self.batch_size = batch_size

    def run(
        self, inputs: Iterable[str], *, progress: Callable[[int], None] | None = None
    ) -> RunSummary:
        summary = RunSummary()
        done = self.store.ledger.done_ids()
        batch: list[RawDocument | Rejected] = []
        for item in read_inputs(inputs, max_bytes=self.pipeline.settings.max_bytes):
            summary.read += 1
            if isinstance(item, RawDocument) and content_id(item) in done:
                summary.skipped += 1
                if progress:
                    progress(1)
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                self._flush(batch, done, summary, progress)
                batch = []
        if batch:
            self._flush(batch, done, summary, progress)
        return summary

    def _flush(self, items, done: set[str], summary: RunSummary, progress) -> None:
        raws: dict[str, RawDocument] = {}  # content id -> document, first of its content wins
        entries: list[LedgerEntry] = []
        for item in items:
            if isinstance(item, Rejected):
                entries.append(_rejected_entry(item))
                summary.rejected.append(item)
                continue
            doc_id = content_id(item)
            if doc_id in done or doc_id in raws:
                first = (
                    raws[doc_id].origin if doc_id in raws else self.store.ledger.origin_of(doc_id)
                )
                entries.append(
                    LedgerEntry(
                        item.origin,
                        doc_id,
                        item.source,
                        "duplicate",
                        "ingest",
                        f"same content as {first}",
                    )
                )
                summary.duplicates += 1
                continue
            raws[doc_id] = item
        coded = []
        for result in self.pipeline.code(raws.values()):
            if isinstance(result, Rejected):
                entries.append(_rejected_entry(result))
                summary.rejected.append(result)
                continue
            coded.append(result)
            raw = raws[result.article.doc_id]
            entries.append(LedgerEntry(raw.origin, result.article.doc_id, raw.source, "done"))
            _count(result, summary)
        self.store.write_batch(coded, entries)
        done.update(doc.article.doc_id for doc in coded)
        if progress:
            progress(len(items))


def _rejected_entry(item: Rejected) -> LedgerEntry:
    return LedgerEntry(item.origin, item.doc_id, item.source, "rejected", item.stage, item.reason)


def _count(doc: CodedDocument, summary: RunSummary) -> None:
    summary.coded += 1
    summary.events += len(doc.events)
    summary.quotes += len(doc.quotes)
    summary.places += len(doc.places)
    summary.actors += len(doc.actors)
