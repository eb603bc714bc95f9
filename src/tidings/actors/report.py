"""The actors of a corpus, for curation: ``tidings actors``.

One row per resolved actor (same normalised name and CAMEO code), with its mention and document
counts, the forms it was written in and the source that resolved it; then the unresolved names,
most frequent first. That second list is what a user adds to a people file or a PETRARCH actor
dictionary (``data/README.md``) before coding the corpus again.
"""

from __future__ import annotations

from pathlib import Path

from ..store.query import connect

RESOLVED = """
SELECT name, cameo, code, array_to_string(any_value(sector), '|') AS sector,
       any_value(role) AS role,
       split_part(split_part(any_value(resolved_by), '+', 1), ':', 1) AS source,
       count(*) AS mentions, count(DISTINCT doc_id) AS documents,
       array_to_string(list(DISTINCT entity_text ORDER BY entity_text)[1:5], ' | ') AS forms
FROM actors WHERE resolved_by <> 'unresolved'
GROUP BY name, cameo, code
ORDER BY mentions DESC, name
"""

UNRESOLVED = """
SELECT name, count(*) AS mentions, count(DISTINCT doc_id) AS documents,
       array_to_string(list(DISTINCT entity_text ORDER BY entity_text)[1:5], ' | ') AS forms
FROM actors WHERE resolved_by = 'unresolved'
GROUP BY name
ORDER BY mentions DESC, name
"""

CURATION = f"""
SELECT 'resolved' AS status, name, cameo, code, sector, role, source, mentions, documents, forms
FROM ({RESOLVED})
UNION ALL
SELECT 'unresolved', name, NULL, NULL, NULL, NULL, NULL, mentions, documents, forms
FROM ({UNRESOLVED})
"""


def actor_lists(store: Path) -> tuple[tuple[list[str], list[tuple]], tuple[list[str], list[tuple]]]:
    """(columns, rows) of the resolved actors and of the unresolved names of a store."""
    con = connect(store)
    try:
        out = []
        for sql in (RESOLVED, UNRESOLVED):
            cursor = con.execute(sql)
            out.append(([d[0] for d in cursor.description], cursor.fetchall()))
        return out[0], out[1]
    finally:
        con.close()


def write_curation(store: Path, path: Path) -> None:
    """Both lists in one CSV (``status`` says which), for a spreadsheet."""
    from ..store.query import export_query

    export_query(store, CURATION, path)
