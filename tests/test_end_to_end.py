"""Raw articles in, store rows out: the CLI, the store, rerun idempotence and resume."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import tidings
from tidings.cli import app
from tidings.run import LocalExecutor
from tidings.store import Store, run_query
from tidings.store.ledger import Ledger

from .conftest import EXAMPLES, FIXTURES

pytestmark = pytest.mark.model
runner = CliRunner()


def _count(store_dir, table: str) -> int:
    return run_query(store_dir, f"SELECT count(*) FROM {table}")[1][0][0]


def test_code_examples_writes_every_table_and_jsonl(tmp_path):
    out = tmp_path / "store"
    result = runner.invoke(
        app, ["code", str(EXAMPLES), "--out", str(out), "--format", "jsonl", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert _count(out, "documents") == 7  # 2 text files, 1 HTML page, 4 JSONL records
    assert _count(out, "events") >= 20
    for table in ("documents", "events", "quotes", "places"):
        lines = (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == _count(out, table)
        json.loads(lines[0])
    sources = {json.loads(line)["source"] for line in (out / "documents.jsonl").open()}
    assert {"wf-20240322-001", "wf-20240417-002"} <= sources  # JSONL ids become sources


def test_events_in_the_store_are_traceable_to_their_sentence(tmp_path):
    out = tmp_path / "store"
    runner.invoke(app, ["code", str(FIXTURES / "wire_story.txt"), "--out", str(out), "-q"])
    columns, rows = run_query(
        out,
        "SELECT e.cameo, e.actor[1].cameo, e.recipient[1].cameo, e.text_info.sentence,"
        " e.text_info.trigger.start, e.text_info.trigger.text, d.text, e.rule"
        " FROM events e JOIN documents d USING (doc_id)",
    )
    coded = {(r[0], r[1], r[2]) for r in rows}
    assert {("057", "CHL", None), ("040", "CHLGOV", "PERGOV"), ("112", "PER", "ECU")} <= coded
    for _cameo, _a, _r, sentence, start, trigger, text, rule in rows:
        assert text[start : start + len(trigger)] == trigger and trigger in sentence
        assert rule.startswith(("verbs.tsv:", "speech_verbs.tsv:"))
    assert ("010", "CHLGOV") in {(r[0], r[1]) for r in rows if r[7].startswith("speech")}
    assert not any(r[1] is None and r[2] is None for r in rows)


def test_negated_future_event_in_reported_speech(tmp_path):
    doc = tidings.code_text((FIXTURES / "wire_story.txt").read_text(encoding="utf-8"))
    (sanction,) = [e for e in doc.events if e.cameo == "163"]
    assert sanction.negated and sanction.modality == "intended"
    assert sanction.actor[0].cameo == "PERGOV"  # "Lima"
    assert sanction.reported_by.name == "Ana Morales"


def test_teasers_and_captions_yield_no_events(tmp_path):
    doc = tidings.code_text((FIXTURES / "wire_story.txt").read_text(encoding="utf-8"))
    sentences = " ".join(e.text_info.sentence for e in doc.events)
    assert "Valparaiso" not in sentences and "patrol boat" not in sentences


def test_rerun_skips_done_documents_and_never_duplicates_rows(tmp_path):
    out = tmp_path / "store"
    first = tidings.code_files([EXAMPLES], out=out)
    events = _count(out, "events")
    second = tidings.code_files([EXAMPLES], out=out)
    assert (second.coded, second.skipped) == (0, first.coded)
    assert _count(out, "events") == events and _count(out, "documents") == first.coded


def test_duplicate_content_under_another_name_is_recorded_not_recoded(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(FIXTURES / "wire_story.txt", inputs / "a.txt")
    shutil.copy(FIXTURES / "wire_story.txt", inputs / "b.txt")
    summary = tidings.code_files([inputs], out=tmp_path / "store")
    assert (summary.coded, summary.duplicates) == (1, 1)
    _, rows = run_query(
        tmp_path / "store", "SELECT status, reason FROM ledger WHERE status = 'duplicate'"
    )
    assert rows[0][1].startswith("same content as") and rows[0][1].endswith("a.txt")


def test_bad_inputs_are_rejected_reported_and_the_batch_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(FIXTURES / "dallas_wire.txt", inputs / "good.txt")
    (inputs / "empty.txt").write_text("")
    (inputs / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (inputs / "feed.jsonl").write_text('{"id": "x", "text": "Egypt praised Jordan."}\n{broken\n')
    out = tmp_path / "store"
    result = runner.invoke(app, ["code", str(inputs), "--out", str(out), "-q"])
    assert result.exit_code == 1  # something was rejected
    assert "feed.jsonl:2: malformed JSON" in result.output.replace("\n", "")
    _, rows = run_query(out, "SELECT origin, status FROM ledger ORDER BY origin")
    statuses = {origin.rsplit("/", 1)[-1]: status for origin, status in rows}
    assert statuses == {
        "empty.txt": "rejected",
        "feed.jsonl:1": "done",
        "feed.jsonl:2": "rejected",
        "good.txt": "done",
        "photo.jpg": "rejected",
    }


def test_a_crash_mid_run_loses_nothing_and_the_rerun_resumes(tmp_path, pipeline, monkeypatch):
    out = tmp_path / "store"
    store = Store(out)
    calls = {"n": 0}
    real_commit = Ledger.commit

    def commit_then_die(self, batch, entries):
        calls["n"] += 1
        if calls["n"] == 3:  # parts of the third batch are on disk, its ledger commit never happens
            raise KeyboardInterrupt
        return real_commit(self, batch, entries)

    monkeypatch.setattr(Ledger, "commit", commit_then_die)
    with pytest.raises(KeyboardInterrupt):
        LocalExecutor(pipeline, store, batch_size=1).run([str(EXAMPLES)])
    store.close()
    monkeypatch.setattr(Ledger, "commit", real_commit)

    reopened = Store(out)
    assert reopened.removed_orphans == 5  # one part per table of the uncommitted batch
    summary = LocalExecutor(pipeline, reopened, batch_size=1).run([str(EXAMPLES)])
    reopened.close()
    assert summary.skipped == 2 and summary.coded == 5
    _, rows = run_query(out, "SELECT count(*), count(DISTINCT doc_id) FROM documents")
    assert rows[0] == (7, 7)
    _, rows = run_query(out, "SELECT count(*), count(DISTINCT event_id) FROM events")
    assert rows[0][0] == rows[0][1]


def test_query_prints_and_exports(tmp_path):
    out = tmp_path / "store"
    runner.invoke(app, ["code", str(FIXTURES / "dallas_wire.txt"), "--out", str(out), "-q"])
    printed = runner.invoke(app, ["query", str(out), "SELECT title FROM documents"])
    assert "Police arrest dozens" in printed.output
    csv = tmp_path / "docs.csv"
    assert (
        runner.invoke(
            app, ["query", str(out), "SELECT doc_id, title FROM documents", "-o", str(csv)]
        ).exit_code
        == 0
    )
    assert csv.read_text().startswith("doc_id,title")


def test_explain_shows_metadata_events_and_rules():
    result = runner.invoke(app, ["explain", str(FIXTURES / "wire_story.txt")])
    assert result.exit_code == 0
    text = result.output
    assert "Santiago, Chile" in text and "The Canadian Press" in text
    assert "verbs.tsv:accuse" in text and "teaser" in text


def test_public_api_is_pinned():
    assert tidings.__all__ == [
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


def test_html_pages_sharing_paragraphs_both_keep_their_body(pipeline):
    body = "<p>Egypt and Jordan condemned the attack on the aid convoy near the border town.</p>"
    pages = [
        f"<html><body><article>{body}<p>Edition {n}.</p></article></body></html>" for n in (1, 2)
    ]
    first, second = tidings.code_texts(pages, html=True, pipeline=pipeline)
    assert "condemned the attack" in first.article.text
    assert "condemned the attack" in second.article.text
