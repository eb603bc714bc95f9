"""Arrow schemas derived from the records' type hints, so ``records.py`` stays the one source.

A dataclass becomes a struct, ``tuple[X, ...]`` a list, ``X | None`` a nullable X.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache

import pyarrow as pa

from .. import records

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def arrow_type(hint) -> pa.DataType:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return arrow_type(args[0])
    if origin is tuple:
        return pa.list_(arrow_type(typing.get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        return pa.struct(_fields(hint))
    return _SCALARS[hint]


def _fields(cls) -> list[pa.Field]:
    hints = typing.get_type_hints(cls, vars(records))
    return [pa.field(f.name, arrow_type(hints[f.name])) for f in dataclasses.fields(cls)]


@cache
def table_schema(table: str) -> pa.Schema:
    """The schema of a store table: documents, events, quotes, places or actors."""
    if table == "documents":
        return pa.schema(_fields(records.Article))
    if table == "events":
        return pa.schema(_fields(records.Event))
    if table == "quotes":
        return pa.schema(_fields(records.Quote))
    if table == "places":
        mention = [f for f in _fields(records.PlaceMention) if f.name != "place"]
        return pa.schema(mention + _fields(records.Place))
    if table == "actors":
        mention = [f for f in _fields(records.ActorMention) if f.name != "actor"]
        return pa.schema(mention + _fields(records.Actor))
    raise KeyError(table)


TABLES = ("documents", "events", "quotes", "places", "actors")


def to_rows(coded: records.CodedDocument) -> dict[str, list[dict]]:
    """Plain dict rows for each table from one coded document."""
    places = [
        {"place_id": p.place_id, "doc_id": p.doc_id, **dataclasses.asdict(p.place)}
        for p in coded.places
    ]
    actors = []
    for m in coded.actors:
        row = {k: v for k, v in dataclasses.asdict(m).items() if k != "actor"}
        actors.append({**row, **dataclasses.asdict(m.actor)})
    return {
        "documents": [dataclasses.asdict(coded.article)],
        "actors": actors,
        "events": [dataclasses.asdict(e) for e in coded.events],
        "quotes": [dataclasses.asdict(q) for q in coded.quotes],
        "places": places,
    }
