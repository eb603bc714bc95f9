"""The ledger: a small SQLite file of every document seen, its status, and committed batches.

A batch is committed in one transaction after its Parquet files are in place, so the ledger is
the truth about what the store holds: Parquet parts whose batch is not in ``batches`` are left
over from a crash and are deleted when the store opens, and their documents are coded again.

Tables:
    documents(origin PRIMARY KEY, doc_id, source, status, stage, reason, batch, updated)
        doc_id is content-derived, so "same doc_id" means "same content"
        status is one of ``done``, ``rejected``, ``duplicate`` (same content as a done document)
    batches(batch PRIMARY KEY, committed, documents)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    origin TEXT PRIMARY KEY, doc_id TEXT, source TEXT, status TEXT NOT NULL,
    stage TEXT, reason TEXT, batch TEXT, updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents(doc_id);
CREATE TABLE IF NOT EXISTS batches (batch TEXT PRIMARY KEY, committed TEXT NOT NULL, documents INTEGER);
"""


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    origin: str
    doc_id: str | None
    source: str
    status: str
    stage: str | None = None
    reason: str | None = None


class Ledger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.executescript(_SCHEMA)
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def done_ids(self) -> set[str]:
        rows = self.db.execute("SELECT doc_id FROM documents WHERE status = 'done'")
        return {doc_id for (doc_id,) in rows}

    def origin_of(self, doc_id: str) -> str | None:
        row = self.db.execute(
            "SELECT source FROM documents WHERE doc_id = ? AND status = 'done'", (doc_id,)
        ).fetchone()
        return row[0] if row else None

    def committed_batches(self) -> set[str]:
        return {batch for (batch,) in self.db.execute("SELECT batch FROM batches")}

    def commit(self, batch: str, entries: Iterable[LedgerEntry]) -> None:
        """Record a batch and the status of its documents, atomically."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        entries = list(entries)
        with self.db:
            self.db.execute("INSERT INTO batches VALUES (?, ?, ?)", (batch, now, len(entries)))
            self.db.executemany(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.origin, e.doc_id, e.source, e.status, e.stage, e.reason, batch, now)
                    for e in entries
                ],
            )

    def rows(self, status: str | None = None) -> list[LedgerEntry]:
        query = "SELECT origin, doc_id, source, status, stage, reason FROM documents"
        args: tuple = ()
        if status:
            query += " WHERE status = ?"
            args = (status,)
        return [
            LedgerEntry(*row) for row in self.db.execute(query + " ORDER BY updated, origin", args)
        ]
