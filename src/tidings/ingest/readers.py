"""Readers for every input format, with decoding and the bad-input guards."""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import logging
import sys
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError
from ..records import RawDocument, Rejected

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = {".txt", ".text"}
HTML_EXTENSIONS = {".html", ".htm"}
JSONL_EXTENSIONS = {".jsonl"}
KNOWN = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS
STDIN = "-"

Item = RawDocument | Rejected


def content_id(raw: RawDocument) -> str:
    """Stable, content-derived document id: the same bytes always get the same id."""
    body = raw.text if raw.text is not None else raw.html or ""
    digest = hashlib.blake2b(body.strip().encode("utf-8"), digest_size=8).hexdigest()
    return f"d{digest}"


def discover(inputs: Iterable[str]) -> Iterator[str]:
    """Expand files, directories (recursively, sorted), globs and ``-`` into input paths.

    A path that matches nothing is yielded as is, so that reading it reports it as missing.
    """
    for item in inputs:
        if item == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and not _hidden(p.relative_to(path)):
                    yield str(p)
        elif not path.exists() and any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item
            for match in matches:
                yield from discover([match])
        else:
            yield item


def read_inputs(inputs: Iterable[str], *, max_bytes: int) -> Iterator[Item]:
    """Read every input path into documents or rejections, never raising for one bad input."""
    for path in discover(inputs):
        yield from read_path(path, max_bytes=max_bytes)


def read_path(path: str, *, max_bytes: int) -> Iterator[Item]:
    try:
        data = sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
    except OSError as exc:
        yield Rejected(path, path, "ingest", f"cannot read: {exc.strerror or exc}")
        return
    origin = "<stdin>" if path == STDIN else path
    kind, data = _kind_and_payload(path, data, origin)
    if isinstance(kind, Rejected):
        yield kind
        return
    if kind == "jsonl":
        yield from _read_jsonl(data, origin, max_bytes=max_bytes)
        return
    try:
        text, encoding = decode(data, origin)
        _check_size(len(data), max_bytes, origin)
    except InputError as exc:
        yield Rejected(origin, origin, "ingest", exc.reason)
        return
    if kind == "html":
        yield RawDocument(origin, origin, html=text, encoding=encoding)
    else:
        yield RawDocument(origin, origin, text=text, encoding=encoding)


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """Decode bytes to text: UTF-8 first (BOM stripped), else the detected encoding.

    Raises InputError for empty and binary input; never raises UnicodeDecodeError.
    """
    if not data.strip():
        raise InputError(origin, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(origin, "invalid UTF-16 despite its byte-order mark") from None
    if _looks_binary(data):
        raise InputError(origin, "binary file (not text, HTML or JSON lines)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise InputError(origin, "cannot detect the text encoding")
    best = matches[0]
    # Short Western texts score the same in several code pages; prefer windows-1252, the most
    # common legacy encoding of web text (browsers read "latin-1" labels as windows-1252).
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - 0.01]
    best = next((m for m in tied if m.encoding == "cp1252"), best)
    return str(best), best.encoding


def _kind_and_payload(path: str, data: bytes, origin: str) -> tuple[str | Rejected, bytes]:
    name = path.lower()
    if name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            return Rejected(origin, origin, "ingest", f"corrupt gzip: {exc}"), data
        name = name.removesuffix(".gz")
    if path == STDIN:
        return _sniff(data), data
    suffix = Path(name).suffix
    if suffix in JSONL_EXTENSIONS:
        return "jsonl", data
    if suffix in HTML_EXTENSIONS:
        return "html", data
    if suffix in TEXT_EXTENSIONS:
        return "text", data
    expected = ", ".join(sorted(KNOWN))
    reason = (
        f"unknown extension {suffix or '(none)'!r}; expected one of {expected} (optionally .gz)"
    )
    return Rejected(origin, origin, "ingest", reason), data


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:512].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype", b"<html", b"<")):
        return "html"
    return "text"


def _read_jsonl(data: bytes, origin: str, *, max_bytes: int) -> Iterator[Item]:
    try:
        text, _ = decode(data, origin)
    except InputError as exc:
        yield Rejected(origin, origin, "ingest", exc.reason)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            yield _jsonl_record(line, where, max_bytes=max_bytes)
        except InputError as exc:
            yield Rejected(where, where, "ingest", exc.reason)


def _jsonl_record(line: str, where: str, *, max_bytes: int) -> RawDocument:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, found {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        found = ", ".join(sorted(obj)) or "nothing"
        raise InputError(where, f'no "text" or "html" string field (found: {found})')
    body = text if isinstance(text, str) else html
    if not body.strip():
        raise InputError(where, "empty document")
    _check_size(len(body.encode("utf-8")), max_bytes, where)
    source = str(obj["id"]) if obj.get("id") not in (None, "") else where
    return RawDocument(
        source=source,
        origin=where,
        text=text if isinstance(text, str) else None,
        html=None if isinstance(text, str) else html,
        date=_iso_date(obj.get("date"), where),
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        encoding="utf-8",
    )


def _iso_date(value: object, where: str) -> str | None:
    """Validate an ISO 8601 date; a bad one is dropped with a warning (the text may have one)."""
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).isoformat()
    except ValueError:
        log.warning("%s: ignoring date %r: not ISO 8601", where, value)
        return None


def _check_size(size: int, max_bytes: int, origin: str) -> None:
    if size > max_bytes:
        raise InputError(
            origin,
            f"too large: {size:,} bytes over the limit of {max_bytes:,} "
            "(raise it with --max-bytes or TIDINGS_MAX_BYTES)",
        )


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.05


def _hidden(path: Path) -> bool:
    return any(part.startswith(".") for part in path.parts)
