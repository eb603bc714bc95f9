"""Store: Parquet tables, the SQLite ledger, and SQL over them (see ``store.parquet``)."""

from .ledger import Ledger, LedgerEntry
from .parquet import Store
from .query import connect, export_query, run_query
from .schema import TABLES, table_schema

__all__ = [
    "TABLES",
    "Ledger",
    "LedgerEntry",
    "Store",
    "connect",
    "export_query",
    "run_query",
    "table_schema",
]
