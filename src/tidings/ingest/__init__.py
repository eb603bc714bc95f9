"""Ingest: find input files and read them into ``RawDocument`` records.

Formats by extension (each also gzipped, ``.gz``): ``.txt``/``.text`` plain text, ``.html``/``.htm``
HTML, ``.jsonl`` one JSON object per line with ``id``, optional ``date`` (ISO 8601), optional
``url`` and ``text`` or ``html``. Standard input (``-``) is sniffed: JSON lines, HTML or text.

Nothing here raises for a bad document: ``read_inputs`` yields a ``Rejected`` record naming the
file (and line) and goes on with the rest.
"""

from .readers import content_id, discover, read_inputs, read_path

__all__ = ["content_id", "discover", "read_inputs", "read_path"]
