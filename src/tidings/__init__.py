"""Tidings: raw news text in, coded political events out.

The Python API mirrors the command line::

    import tidings
    doc = tidings.code_text("ANKARA, Turkey – Turkey and Russia agreed on Thursday ...")
    for event in doc.events:
        print(event.cameo, [a.cameo for a in event.actor], event.rule)

    summary = tidings.code_files(["articles/"], out="store")   # like `tidings code`
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .config import Settings
from .errors import ConfigError, InputError, ResourceError, TidingsError
from .records import (
    Actor,
    Article,
    CodedDocument,
    Event,
    Place,
    Quote,
    RawDocument,
    Rejected,
)
from .run import LocalExecutor, Pipeline, RunSummary

__all__ = [
    "Actor",
    "Article",
    "CodedDocument",
    "ConfigError",
    "Event",
    "InputError",
    "Pipeline",
    "Place",
    "Quote",
    "RawDocument",
    "Rejected",
    "ResourceError",
    "RunSummary",
    "Settings",
    "TidingsError",
    "code_files",
    "code_text",
    "code_texts",
]

__version__ = "0.1.0"


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline(Settings.load())


def code_text(
    text: str,
    *,
    date: str | None = None,
    url: str | None = None,
    source: str = "<text>",
    html: bool = False,
    pipeline: Pipeline | None = None,
) -> CodedDocument:
    """Code one article given as text (or HTML with ``html=True``).

    Raises InputError when the document is rejected (empty, no body after cleaning, ...).
    """
    result = code_texts([text], date=date, url=url, source=source, html=html, pipeline=pipeline)[0]
    if isinstance(result, Rejected):
        raise InputError(result.origin, result.reason)
    return result


def code_texts(
    texts: Iterable[str],
    *,
    date: str | None = None,
    url: str | None = None,
    source: str = "<text>",
    html: bool = False,
    pipeline: Pipeline | None = None,
) -> list[CodedDocument | Rejected]:
    """Code many texts in one batch; a bad one comes back as a ``Rejected`` record."""
    pipeline = pipeline or _default_pipeline()
    raws = [
        RawDocument(
            source=f"{source}#{i}" if source == "<text>" else source,
            origin=f"{source}#{i}",
            text=None if html else t,
            html=t if html else None,
            date=date,
            url=url,
        )
        for i, t in enumerate(texts)
    ]
    return pipeline.code(raws)


def code_files(
    inputs: Iterable[str | Path],
    *,
    out: str | Path,
    settings: Settings | None = None,
    jsonl: bool = False,
) -> RunSummary:
    """Code files, directories or globs into the store at ``out`` (resumable, like the CLI)."""
    from .store import Store

    settings = settings or Settings.load()
    store = Store(out)
    try:
        summary = LocalExecutor(Pipeline(settings), store, batch_size=settings.batch_size).run(
            [str(i) for i in inputs]
        )
        if jsonl:
            store.export_jsonl()
    finally:
        store.close()
    return summary
