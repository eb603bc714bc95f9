"""SQL over a store with DuckDB: one view per table, plus ``ledger`` (the SQLite ledger)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import ConfigError
from .ledger import Ledger
from .schema import TABLES, table_schema


def connect(root: Path | str) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with views ``documents``, ``events``, ``quotes``, ``places``, ``ledger``."""
    root = Path(root)
    if not (root / "ledger.sqlite").is_file():
        raise ConfigError(
            f"{root}: not a Tidings store (no ledger.sqlite); create one with `tidings code`"
        )
    con = duckdb.connect()
    for table in TABLES:
        if not any((root / table).glob("part-*.parquet")):
            con.register(table, table_schema(table).empty_table())
            continue
        pattern = str(root / table / "part-*.parquet").replace("'", "''")
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}', union_by_name=true)"
        )
    ledger = Ledger(root / "ledger.sqlite")
    rows = [_row(e) for e in ledger.rows()]
    ledger.close()
    schema = pa.schema(
        [(n, pa.string()) for n in ("origin", "doc_id", "source", "status", "stage", "reason")]
    )
    con.register("ledger", pa.Table.from_pylist(rows, schema=schema))
    return con


def _row(entry) -> dict:
    return {name: getattr(entry, name) for name in entry.__slots__}


def run_query(
    root: Path | str, sql: str, *, limit: int | None = None
) -> tuple[list[str], list[tuple]]:
    """Column names and rows (at most ``limit``) of a SQL query over a store."""
    con = connect(root)
    try:
        cursor = con.execute(sql)
    except duckdb.Error as exc:  # the user's SQL: a message, not a traceback
        con.close()
        raise ConfigError(f"query failed: {exc}") from None
    if cursor.description is None:
        return [], []
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
    con.close()
    return columns, rows


def export_query(root: Path | str, sql: str, path: Path) -> None:
    """Write a query's result to ``path`` as CSV (with header) or Parquet, by its suffix."""
    formats = {".csv": "FORMAT csv, HEADER", ".parquet": "FORMAT parquet, COMPRESSION zstd"}
    if path.suffix not in formats:
        raise ConfigError(f"{path}: output must end in .csv or .parquet")
    con = connect(root)
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({sql.rstrip().rstrip(';')}) TO '{target}' ({formats[path.suffix]})")
    con.close()
