"""Named entities on CrossNER politics: people, organisations and locations, exact spans.

The gold sentences (``dev.txt``: ``token<TAB>BIO-tag``, a blank line between sentences) are
given to each system already tokenised, so spans compare token for token. Both the gold and the
predicted labels are mapped onto three types, and the other gold types (election, event, misc)
are left out of the score:

    gold CrossNER                       spaCy (OntoNotes)          type
    person, politician                  PERSON                     PER
    organisation, politicalparty        ORG                        ORG
    country, location                   GPE, LOC, FAC              LOC

NORP ("Democrats", "Italian") is not mapped: CrossNER tags party members as a party and
nationality adjectives inside names as part of the name, and neither maps one to one. A
predicted span inside a gold span of an unscored type ("European Parliament" inside the election
"2004 European Parliament election") is not counted either way: the gold has no nested spans.

Rows: the bare spaCy model (loaded afresh, none of Tidings' components) and Tidings' parser
(the same model with Tidings' components), in the same run. Scores are micro-averaged P/R/F1 over
exact (start, end, type) spans, overall and per type.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import InputError
from .metrics import PRF

DEFAULT = Path("ner/crossner-politics/dev.txt")

GOLD_TYPES = {
    "person": "PER",
    "politician": "PER",
    "organisation": "ORG",
    "politicalparty": "ORG",
    "country": "LOC",
    "location": "LOC",
}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPES = ("PER", "ORG", "LOC")

# tokens, gold spans (start, end, type), spans of the unscored types (start, end)
Sentence = tuple[list[str], Counter, list[tuple[int, int]]]


def load(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL file with their gold spans, mapped to ``TYPES``."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, *_spans(tags)))
                tokens, tags = [], []
                continue
            token, sep, tag = line.rpartition("\t")
            if not sep:
                raise InputError(f"{path}:{number}", "expected 'token<TAB>tag'")
            tokens.append(token)
            tags.append(tag)
    if tokens:
        sentences.append((tokens, *_spans(tags)))
    return sentences


def _spans(tags: list[str]) -> tuple[Counter, list[tuple[int, int]]]:
    spans: Counter = Counter()
    other: list[tuple[int, int]] = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix != "I" or label != kind):
            mapped = GOLD_TYPES.get(kind or "")
            if mapped:
                spans[(start, i, mapped)] += 1
            else:
                other.append((start, i))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, label
    return spans, other


def predict(nlp, tokens: list[str]) -> Counter:
    """Entity spans of a pipeline on a pre-tokenised sentence, mapped to ``TYPES``."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=tokens, spaces=[True] * (len(tokens) - 1) + [False])
    for _, component in nlp.pipeline:
        doc = component(doc)
    return Counter(
        (ent.start, ent.end, SPACY_TYPES[ent.label_])
        for ent in doc.ents
        if ent.label_ in SPACY_TYPES
    )


def run(path: Path, *, settings: Settings, console: Console, show_errors: int = 0) -> dict:
    import spacy

    from ..errors import ResourceError
    from ..nlp import Parser

    sentences = load(path)
    try:
        bare = spacy.load(settings.model)
    except OSError as exc:
        raise ResourceError(f"spaCy model {settings.model!r} is not installed ({exc})") from None
    systems = {f"spaCy {settings.model} (bare)": bare, "tidings": Parser(settings.model).nlp}
    table = Table(title=f"CrossNER politics ({len(sentences)} sentences, exact spans)")
    for column in ("system", "type", "precision", "recall", "F1", "ms/sentence"):
        table.add_column(column, justify="left" if column in {"system", "type"} else "right")
    results: dict[str, float] = {}
    errors: list[str] = []
    for name, nlp in systems.items():
        overall = PRF()
        by_type = {t: PRF() for t in TYPES}
        started = time.perf_counter()
        for tokens, gold, unscored in sentences:
            predicted = _outside(predict(nlp, tokens), unscored)
            overall.add(predicted, gold)
            for kind in TYPES:
                by_type[kind].add(_only(predicted, kind), _only(gold, kind))
            if name == "tidings" and predicted != gold and len(errors) < show_errors:
                errors.append(_difference(tokens, predicted, gold))
        ms = 1000 * (time.perf_counter() - started) / max(1, len(sentences))
        for kind, score in [("all", overall), *by_type.items()]:
            table.add_row(
                name if kind == "all" else "",
                kind,
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
                f"{ms:.1f}" if kind == "all" else "",
            )
        results[name] = overall.f1
    console.print(table)
    for line in errors:
        console.print(line)
    return results


def _outside(spans: Counter, unscored: list[tuple[int, int]]) -> Counter:
    """Predicted spans that do not fall inside a gold span of an unscored type."""
    return Counter(
        {s: n for s, n in spans.items() if not any(a <= s[0] and s[1] <= b for a, b in unscored)}
    )


def _only(spans: Counter, kind: str) -> Counter:
    return Counter({s: n for s, n in spans.items() if s[2] == kind})


def _difference(tokens: list[str], predicted: Counter, gold: Counter) -> str:
    def show(spans: Counter) -> str:
        return ", ".join(f"{' '.join(tokens[a:b])}/{t}" for a, b, t in sorted(spans))

    return (
        f"{' '.join(tokens)}\n  missed: {show(gold - predicted)}\n  wrong: {show(predicted - gold)}"
    )
