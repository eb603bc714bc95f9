"""Reading every input format, and every kind of bad input, without losing a document."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from tidings.ingest import content_id, discover, read_inputs
from tidings.records import RawDocument, Rejected

LIMIT = 10_000


def _read(*paths) -> list:
    return list(read_inputs([str(p) for p in paths], max_bytes=LIMIT))


def test_text_html_and_gzip_are_read_by_extension(tmp_path):
    (tmp_path / "a.txt").write_text("Some plain article text.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(b"<html><body><p>Zipped</p></body></html>"))
    docs = _read(tmp_path)
    assert [type(d) for d in docs] == [RawDocument] * 3
    assert docs[0].text == "Some plain article text."
    assert docs[1].html.startswith("<html>") and "Zipped" in docs[2].html


def test_jsonl_records_keep_id_date_and_url(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a1", "date": "2024-05-01T10:00:00Z", "url": "http://x/1", "text": "Body one."},
        {"id": "a2", "html": "<p>Body two.</p>"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first, second = _read(path)
    assert (first.source, first.date, first.url, first.text) == (
        "a1",
        "2024-05-01T10:00:00+00:00",
        "http://x/1",
        "Body one.",
    )
    assert second.source == "a2" and second.html == "<p>Body two.</p>" and second.text is None
    assert first.origin.endswith("feed.jsonl:1")


@pytest.mark.parametrize(
    ("name", "payload", "reason"),
    [
        ("empty.txt", b"  \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
        ("notes.pdf", b"%PDF-1.4 something", "unknown extension '.pdf'"),
        ("huge.txt", b"word " * 3000, "too large: 15,000 bytes"),
        ("broken.txt.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, payload, reason):
    (tmp_path / name).write_bytes(payload)
    (rejected,) = _read(tmp_path / name)
    assert isinstance(rejected, Rejected)
    assert reason in rejected.reason
    assert rejected.origin.endswith(name)


def test_malformed_jsonl_lines_name_file_and_line_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "ok1", "text": "First story."}\n'
        '{"id": "bad", "text": "unterminated\n'
        '["not", "an", "object"]\n'
        '{"id": "nobody", "body": "wrong field"}\n'
        '{"id": "ok2", "text": "Second story."}\n',
        encoding="utf-8",
    )
    items = _read(path)
    assert [i.source for i in items if isinstance(i, RawDocument)] == ["ok1", "ok2"]
    reasons = {i.origin.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Rejected)}
    assert reasons["feed.jsonl:2"].startswith("malformed JSON")
    assert "expected a JSON object" in reasons["feed.jsonl:3"]
    assert reasons["feed.jsonl:4"] == 'no "text" or "html" string field (found: body, id)'


def test_other_encodings_are_detected_and_decoded(tmp_path):
    text = "Le ministre a déclaré à Genève que la trêve était fragile. " * 4
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    latin, utf16 = _read(tmp_path / "latin.txt", tmp_path / "utf16.txt")
    assert latin.text == text and utf16.text == text


def test_truncated_html_is_read_not_crashed_on(tmp_path):
    (tmp_path / "cut.html").write_text("<html><body><p>The minister said", encoding="utf-8")
    (doc,) = _read(tmp_path / "cut.html")
    assert isinstance(doc, RawDocument) and "minister" in doc.html


def test_missing_path_is_rejected(tmp_path):
    (rejected,) = _read(tmp_path / "nope.txt")
    assert isinstance(rejected, Rejected) and "cannot read" in rejected.reason


def test_globs_and_directories_expand_sorted_and_skip_hidden_files(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.rsplit("/", 1)[-1] for p in discover([str(tmp_path)])] == ["a.txt", "b.txt", "c.txt"]
    assert len(list(discover([str(tmp_path / "*.txt")]))) == 2


def test_stdin_is_sniffed_as_jsonl(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(b'{"id": "s1", "text": "From a pipe."}\n'))
    monkeypatch.setattr(sys, "stdin", stream)
    (doc,) = list(read_inputs(["-"], max_bytes=LIMIT))
    assert doc.source == "s1" and doc.origin == "<stdin>:1"


def test_content_id_depends_on_content_only():
    a = RawDocument("x.txt", "x.txt", text="Same words.")
    b = RawDocument("y.txt", "y.txt", text="Same words.\n")
    c = RawDocument("x.txt", "x.txt", text="Other words.")
    assert content_id(a) == content_id(b) != content_id(c)
