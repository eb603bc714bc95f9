"""The embedded default store: a directory of Parquet tables plus the SQLite ledger.

Layout of ``DIR``::

    documents/part-<batch>.parquet   one file per table per batch (zstd)
    events/part-<batch>.parquet
    quotes/part-<batch>.parquet
    places/part-<batch>.parquet
    ledger.sqlite                    documents seen, their status, committed batches
    <table>.jsonl                    with --format jsonl: the whole table, one record per line

Each table directory is a Parquet dataset that pandas, polars, R (arrow) and DuckDB read
directly, e.g. ``pd.read_parquet("DIR/events")``. Every batch writes all four tables, empty or
not, so that each dataset exists and has its schema from the first batch on.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import CodedDocument
from .ledger import Ledger, LedgerEntry
from .schema import TABLES, table_schema, to_rows


class Store:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            (self.root / table).mkdir(exist_ok=True)
        self.ledger = Ledger(self.root / "ledger.sqlite")
        self.removed_orphans = self._sweep_orphans()

    def close(self) -> None:
        self.ledger.close()

    def write_batch(self, coded: Iterable[CodedDocument], entries: Iterable[LedgerEntry]) -> str:
        """Write one batch: Parquet parts first (atomically renamed), then the ledger commit."""
        batch = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        rows: dict[str, list[dict]] = {table: [] for table in TABLES}
        for doc in coded:
            for table, table_rows in to_rows(doc).items():
                rows[table].extend(table_rows)
        for table in TABLES:
            arrow = pa.Table.from_pylist(rows[table], schema=table_schema(table))
            final = self.root / table / f"part-{batch}.parquet"
            tmp = final.with_name(f".{final.name}.tmp")
            pq.write_table(arrow, tmp, compression="zstd")
            os.replace(tmp, final)
        self.ledger.commit(batch, entries)
        return batch

    def table(self, name: str) -> pa.Table:
        """A whole table, read from its committed parts."""
        parts = self.parts(name)
        if not parts:
            return table_schema(name).empty_table()
        return pa.concat_tables(pq.read_table(p, schema=table_schema(name)) for p in parts)

    def parts(self, name: str) -> list[Path]:
        return sorted((self.root / name).glob("part-*.parquet"))

    def export_jsonl(self) -> list[Path]:
        """Write ``<table>.jsonl`` for every table from the committed Parquet parts."""
        written = []
        for name in TABLES:
            final = self.root / f"{name}.jsonl"
            tmp = final.with_name(f".{final.name}.tmp")
            with tmp.open("w", encoding="utf-8") as handle:
                for batch in self.table(name).to_batches():
                    for row in batch.to_pylist():
                        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            os.replace(tmp, final)
            written.append(final)
        return written

    def _sweep_orphans(self) -> int:
        """Delete parts of batches that never reached the ledger (a crash mid-batch)."""
        committed = self.ledger.committed_batches()
        removed = 0
        for table in TABLES:
            for path in (self.root / table).iterdir():
                batch = path.name.removeprefix("part-").removesuffix(".parquet")
                if path.name.endswith(".tmp") or (
                    path.name.startswith("part-") and batch not in committed
                ):
                    path.unlink()
                    removed += 1
        return removed
