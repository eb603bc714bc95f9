"""The PETRARCH unit-test suite: sentences with expected (source, target, CAMEO code) triples.

Each sentence is coded as a one-sentence article dated as the record says. Predicted triples are
every (actor, recipient) pair of an event, by CAMEO actor code; an event with several actors and
no recipient ("Arnor and Gondor clashed") counts as the reciprocal pairs among its actors.
Scores are micro-averaged over the suite: source-target pairs (ignoring the code), event codes
(ignoring the actors), and whole triples. Sentences whose record expects an error (discards,
bad parse) are scored as expecting no event.

The suite runs on its own dictionaries, imported from the files its ``<Environment>`` names
(``PETR.Validate.actors.txt``, ``PETR.Validate.agents.txt``), without Tidings' bundled actors.

The actor part isolates actor coding from event detection: for each expected triple, is its
source code among the codes of the actor mentions Tidings found in the sentence, and its target
code? Both must be, for the triple to count. The suite writes ``---`` for a missing target
("a senior official said"); that one needs no actor.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, replace
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


def dictionaries(path: Path) -> dict[str, tuple[Path, ...]]:
    """The suite's own dictionaries, as its <Environment> names them, beside the records."""
    parser = etree.XMLParser(recover=True, remove_comments=True, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    env = root.find("Environment")
    found = {}
    tags = (
        ("Actorfile", "petrarch_actors"),
        ("Agentfile", "petrarch_agents"),
        ("Verbfile", "petrarch_verbs"),
        ("Discardfile", "discards_files"),
    )
    for tag, setting in tags:
        name = (env.findtext(tag) if env is not None else None) or ""
        if name.strip() and (path.parent / name.strip()).is_file():
            found[setting] = (path.parent / name.strip(),)
    return found


def _codes(actors) -> list[str]:
    """CAMEO codes of actors; a phrase that names several actors (A/B) counts as each, and a
    phrase no dictionary codes is the suite's "---"."""
    return [code for a in actors for code in (a.cameo or a.code or "---").split("/")]


def predicted_triples(coded: CodedDocument) -> Counter:
    triples: Counter = Counter()
    for event in coded.events:
        actors = _codes(event.actor)
        recipients = _codes(event.recipient)
        if recipients:  # an actor is not its own target (PETRARCH drops such pairs too)
            pairs = [(a, r) for a in actors for r in recipients if a != r]
        else:
            pairs = [(a, r) for a, r in permutations(actors, 2) if a != r]
        triples.update((a, r, event.cameo) for a, r in pairs)
    return triples


def baseline_triples(coded: CodedDocument | None, code: str) -> Counter:
    """The plain baseline printed beside Tidings: the sentence's first coded actor mention acts
    on its second (as PETRARCH's positional fallback would), with the suite's most frequent
    code; no verb is read. Nothing where the sentence names fewer than two coded actors."""
    if coded is None:
        return Counter()
    mentions = sorted(coded.actors, key=lambda m: m.start)
    codes = list(dict.fromkeys(c for m in mentions for c in _codes([m.actor]) if c != "---"))
    return Counter({(codes[0], codes[1], code): 1}) if len(codes) >= 2 else Counter()


def run(
    path: Path, *, settings: Settings, console: Console, show_errors: int = 0
) -> dict[str, PRF]:
    from ..run import Pipeline

    gold = load(path)
    own = dictionaries(path)
    if own:  # the suite's fictional actors need its own dictionaries, and only those
        settings = replace(
            settings, builtin_actors=False, builtin_verbs=False, builtin_discards=False, **own
        )
        console.print("dictionaries: " + ", ".join(p.name for paths in own.values() for p in paths))
    pipeline = Pipeline(settings)
    raws = [
        RawDocument(g.id, f"{path.name}#{g.id}", text=g.text, date=g.date or None) for g in gold
    ]
    started = time.perf_counter()
    results = pipeline.code(raws)
    elapsed = time.perf_counter() - started
    scores = {"source-target pair": PRF(), "event code": PRF(), "triple": PRF()}
    base = {name: PRF() for name in scores}
    common = Counter(c for g in gold for _, _, c in g.triples).most_common(1)
    common_code = common[0][0] if common else "010"
    actor_part = Counter()
    errors, actor_errors = [], []
    for sentence, result in zip(gold, results, strict=True):
        coded = result if isinstance(result, CodedDocument) else None
        predicted = predicted_triples(coded) if coded else Counter()
        found = set(_codes(m.actor for m in coded.actors)) if coded else set()
        found.add("---")  # the suite's code for "no actor": nothing to find
        for source, target, _ in sentence.triples:
            actor_part["triples"] += 1
            actor_part["source"] += source in found
            actor_part["target"] += target in found
            actor_part["both"] += source in found and target in found
            if not (source in found and target in found):
                actor_errors.append((sentence, source, target, found))
        expected = Counter(sentence.triples)
        _score(scores, predicted, expected)
        _score(base, baseline_triples(coded, common_code), expected)
        if predicted != expected:
            errors.append((sentence, predicted))
    _print(
        console, scores, len(gold), sum(len(g.triples) for g in gold), elapsed, base, common_code
    )
    _print_actors(console, actor_part)
    for sentence, source, target, found in actor_errors[:show_errors]:
        console.print(f"[bold]{sentence.id}[/bold] {sentence.text}")
        console.print(f"   actors: gold {source} → {target}; found {sorted(found)}")
    for sentence, predicted in errors[:show_errors]:
        console.print(f"[bold]{sentence.id}[/bold] {sentence.text}")
        console.print(f"   gold {sorted(sentence.triples)}\n   got  {sorted(predicted.elements())}")
    return scores | {f"baseline {name}": prf for name, prf in base.items()}


def _score(scores: dict[str, PRF], predicted: Counter, expected: Counter) -> None:
    scores["source-target pair"].add(
        Counter({(a, t): n for (a, t, _), n in predicted.items()}),
        Counter({(a, t): n for (a, t, _), n in expected.items()}),
    )
    scores["event code"].add(
        Counter(c for _, _, c in predicted.elements()),
        Counter(c for _, _, c in expected.elements()),
    )
    scores["triple"].add(predicted, expected)


def _print_actors(console: Console, counts: Counter) -> None:
    total = counts["triples"] or 1
    table = Table(
        title="Actor part: the expected source and target codes among the sentence's actors"
    )
    for column in ("measure", "right", "of", "rate"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for name in ("source", "target", "both"):
        table.add_row(
            name, str(counts[name]), str(counts["triples"]), f"{counts[name] / total:.3f}"
        )
    console.print(table)


def _print(
    console: Console,
    scores: dict[str, PRF],
    sentences: int,
    triples: int,
    elapsed: float,
    base: dict[str, PRF],
    common_code: str,
) -> None:
    table = Table(
        title=f"PETRARCH unit suite: {sentences} sentences, {triples} gold triples "
        f"({sentences / elapsed:.0f} sentences/s); baseline: first coded actor → second, "
        f"code {common_code} (the suite's most frequent)"
    )
    for column in ("system", "measure", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column not in {"system", "measure"} else "left")
    for system, rows in (("tidings", scores), ("baseline", base)):
        for number, (name, prf) in enumerate(rows.items()):
            table.add_row(
                system if number == 0 else "",
                name,
                f"{prf.precision:.3f}",
                f"{prf.recall:.3f}",
                f"{prf.f1:.3f}",
                str(prf.tp),
                str(prf.fp),
                str(prf.fn),
            )
    console.print(table)
