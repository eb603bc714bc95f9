"""The PETRARCH unit-test suite: sentences with expected (source, target, CAMEO code) triples.

Each sentence is coded as a one-sentence article dated as the record says. Predicted triples are
every (actor, recipient) pair of an event, by CAMEO actor code; an event with several actors and
no recipient ("Arnor and Gondor clashed") counts as the reciprocal pairs among its actors.
Scores are micro-averaged over the suite: source-target pairs (ignoring the code), event codes
(ignoring the actors), and whole triples. Sentences whose record expects an error (discards,
bad parse) are scored as expecting no event.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path

from lxml import etree
from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..records import CodedDocument, RawDocument
from .metrics import PRF

DEFAULT = Path("events/petrarch/PETR.UnitTest.records.xml")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    date: str
    text: str
    triples: tuple[tuple[str, str, str], ...]


def load(path: Path) -> list[GoldSentence]:
    parser = etree.XMLParser(recover=True, remove_comments=True, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    out = []
    for node in root.iter("Sentence"):
        text = " ".join((node.findtext("Text") or "").split())
        triples = []
        for coding in node.iter("EventCoding"):
            source, target, code = (
                coding.get(k) for k in ("sourcecode", "targetcode", "eventcode")
            )
            if source and target and code:
                triples.append((source.strip('"'), target.strip('"'), code))
        date = node.get("date", "")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        out.append(GoldSentence(node.get("id", ""), iso or "", text, tuple(triples)))
    return out


def predicted_triples(coded: CodedDocument) -> Counter:
    triples: Counter = Counter()
    for event in coded.events:
        actors = [a.cameo or a.code for a in event.actor if a.cameo or a.code]
        recipients = [r.cameo or r.code for r in event.recipient if r.cameo or r.code]
        if recipients:
            pairs = [(a, r) for a in actors for r in recipients]
        else:
            pairs = list(permutations(actors, 2))
        triples.update((a, r, event.cameo) for a, r in pairs)
    return triples


def run(
    path: Path, *, settings: Settings, console: Console, show_errors: int = 0
) -> dict[str, PRF]:
    from ..run import Pipeline

    gold = load(path)
    pipeline = Pipeline(settings)
    raws = [
        RawDocument(g.id, f"{path.name}#{g.id}", text=g.text, date=g.date or None) for g in gold
    ]
    started = time.perf_counter()
    results = pipeline.code(raws)
    elapsed = time.perf_counter() - started
    scores = {"source-target pair": PRF(), "event code": PRF(), "triple": PRF()}
    errors = []
    for sentence, result in zip(gold, results, strict=True):
        predicted = predicted_triples(result) if isinstance(result, CodedDocument) else Counter()
        expected = Counter(sentence.triples)
        scores["source-target pair"].add(
            Counter({(a, t): n for (a, t, _), n in predicted.items()}),
            Counter({(a, t): n for (a, t, _), n in expected.items()}),
        )
        scores["event code"].add(
            Counter(c for _, _, c in predicted.elements()),
            Counter(c for _, _, c in expected.elements()),
        )
        scores["triple"].add(predicted, expected)
        if predicted != expected:
            errors.append((sentence, predicted))
    _print(console, scores, len(gold), sum(len(g.triples) for g in gold), elapsed)
    for sentence, predicted in errors[:show_errors]:
        console.print(f"[bold]{sentence.id}[/bold] {sentence.text}")
        console.print(f"   gold {sorted(sentence.triples)}\n   got  {sorted(predicted.elements())}")
    return scores


def _print(
    console: Console, scores: dict[str, PRF], sentences: int, triples: int, elapsed: float
) -> None:
    table = Table(
        title=f"PETRARCH unit suite: {sentences} sentences, {triples} gold triples "
        f"({sentences / elapsed:.0f} sentences/s)"
    )
    for column in ("measure", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for name, prf in scores.items():
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.tp),
            str(prf.fp),
            str(prf.fn),
        )
    console.print(table)
