"""ConfliBERT's CAMEO sets: sentence classes (``cameo_class``) and participant spans
(``cameo_ner``).

**Classes.** ``cameo_class/train.tsv`` has ``text<TAB>label`` lines; the label groups the CAMEO
root of the sentence's event into five classes (``CLASSES``): 0 = roots 01–02, 1 = 03–05,
2 = 06–08, 3 = 09–13 and 16, 4 = 14–15 and 17–20. Each sentence is coded as a one-sentence
article; its predicted class is the class of the CAMEO root of its highest-confidence event (the
first of equals). A sentence with no event has no class: it is wrong, and the coverage column is
the share of sentences with an event. Scores: macro-F1 over the five classes, accuracy, coverage,
and P/R/F1 per class. Baseline: the majority class of the dev half, predicted for every sentence.

**Spans.** ``cameo_ner/train.txt`` has ``token TAG`` lines, a blank line between sentences, BIO
tags over S (source), T (target) and R (reciprocal: a participant that is both). A sentence's
text is its tokens joined by single spaces. Tidings' spans are those of its highest-confidence
event: ``actor_spans`` are sources, ``recipient_spans`` targets, and when the event has no
recipient span and two or more actor spans, its actors are reciprocal (R). Tidings' spans are
character offsets into the cleaned text (``Article.text``); when that is not the input text, a
span is placed by finding its text in the input, nearest its offset (whitespace-insensitive as a
last resort), and spans that cannot be placed are counted and left out. A predicted span covers
the tokens its characters overlap. Matching is one to one and greedy (most shared tokens first,
the same role before a compatible one); a gold R may be matched by a predicted span of any role
and a predicted R may match a gold S, T or R. Scores per role and overall: exact spans (same
token boundaries) and overlapping spans (one shared token or more). Per role, precision is over
the predicted spans of that role and recall over the gold spans of that role. Baseline: the bare
spaCy model on the gold tokens: the noun chunk holding the ``nsubj`` of the ROOT as source, and
the noun chunk of its ``dobj`` (else the ``pobj`` of its first ``prep``) as target.

**Tagger.** With the learned extras, a span tagger (``events.spans``, a CRF over the parse of
the gold tokens and the lexicon run's event marks: ``event_marks``) is trained on the dev half of
the span file and printed as ``+ tagger``; its dev rows are training data, its test rows the
figure. It is never saved.

**Split.** Every sentence falls in ``dev`` or ``test`` by a hash of its text (``metrics.half``,
whitespace ignored, so a sentence of both sets falls in the same half). ``dev`` is for studying
errors and tuning the lexicons; ``test`` is held out: it is the figure to report. Both are
printed, with ``all`` beside them.

``--data`` may name the ``conflibert`` folder, the class file (the span file is then looked for
in ``../cameo_ner/train.txt`` beside it), or a span file alone (any file that is not ``.tsv``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import InputError, ResourceError, TidingsError
from ..events.spans import EventMarks, bio_spans
from ..records import CodedDocument, Span
from .coding import SPLITS, code_sentences, split_table, top_event
from .metrics import Labels, half, majority

DEFAULT = Path("events/conflibert/cameo_class/train.tsv")

CLASSES = ("0", "1", "2", "3", "4")
CLASS_ROOTS = {
    "0": "01–02 statement, appeal",
    "1": "03–05 intent, consult, cooperate",
    "2": "06–08 material cooperation, aid, yield",
    "3": "09–13, 16 investigate … threaten, reduce",
    "4": "14–15, 17–20 protest … mass violence",
}
# the learned head's classes: the roots each covers and the code of a model event of the class
HEAD_ROOTS = {
    "0": ("01", "02"),
    "1": ("03", "04", "05"),
    "2": ("06", "07", "08"),
    "3": ("09", "10", "11", "12", "13", "16"),
    "4": ("14", "15", "17", "18", "19", "20"),
}
HEAD_CODES = {"0": "010", "1": "040", "2": "070", "3": "110", "4": "190"}
ROLES = {"S": "source", "T": "target", "R": "reciprocal"}

# a gold or predicted span: first token, end token (exclusive), role S/T/R
TokenSpan = tuple[int, int, str]


def cameo_class(cameo: str | None) -> str | None:
    """The five-way class of a CAMEO code by its root, or ``None`` for a code with no root."""
    root = (cameo or "")[:2]
    if len(root) < 2 or not root.isdigit():
        return None
    number = int(root)
    if 1 <= number <= 2:
        return "0"
    if 3 <= number <= 5:
        return "1"
    if 6 <= number <= 8:
        return "2"
    if 9 <= number <= 13 or number == 16:
        return "3"
    if number in (14, 15) or 17 <= number <= 20:
        return "4"
    return None


# ---------------------------------------------------------------------------------------------
# Gold data


@dataclass(frozen=True, slots=True)
class ClassSentence:
    id: str
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class SpanSentence:
    id: str
    tokens: tuple[str, ...]
    spans: tuple[TokenSpan, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def load_classes(path: Path) -> list[ClassSentence]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, sep, label = line.rpartition("\t")
            if not sep or label.strip() not in CLASSES:
                raise InputError(f"{path}:{number}", "expected 'text<TAB>label' with label 0-4")
            out.append(ClassSentence(f"class-{number}", " ".join(text.split()), label.strip()))
    return out


def load_spans(path: Path) -> list[SpanSentence]:
    out: list[SpanSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    start_line = 1

    def flush() -> None:
        if tokens:
            out.append(SpanSentence(f"span-{start_line}", tuple(tokens), bio_spans(tags)))

    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                flush()
                tokens, tags, start_line = [], [], number + 1
                continue
            parts = line.rsplit(None, 1)
            if len(parts) != 2:
                raise InputError(f"{path}:{number}", "expected 'token TAG'")
            tokens.append(parts[0].strip())
            tags.append(parts[1])
    flush()
    return out


# ---------------------------------------------------------------------------------------------
# Span matching


def _compatible(predicted: str, gold: str) -> bool:
    return predicted == gold or "R" in (predicted, gold)


def match(
    predicted: list[TokenSpan] | tuple[TokenSpan, ...],
    gold: list[TokenSpan] | tuple[TokenSpan, ...],
    *,
    exact: bool,
) -> list[tuple[int, int]]:
    """One-to-one greedy matching: (predicted index, gold index) pairs.

    Exact: the same token boundaries; else one shared token or more. Roles must be compatible
    (equal, or either R). The pairs with most shared tokens go first, then those of equal roles,
    then by order."""
    candidates = []
    for i, (ps, pe, pr) in enumerate(predicted):
        for j, (gs, ge, gr) in enumerate(gold):
            if not _compatible(pr, gr):
                continue
            shared = min(pe, ge) - max(ps, gs)
            if shared > 0 and (not exact or (ps, pe) == (gs, ge)):
                candidates.append((-shared, pr != gr, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


@dataclass
class SpanScore:
    """Precision over predicted spans, recall over gold spans (equal counts when all roles are
    pooled, since matching is one to one)."""

    predicted: int = 0
    gold: int = 0
    right_predicted: int = 0
    right_gold: int = 0

    @property
    def precision(self) -> float:
        return self.right_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.right_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SpanScores:
    """Span scores per role (source, target, reciprocal) and over all roles (``all``)."""

    exact: bool
    roles: dict[str, SpanScore] = field(
        default_factory=lambda: {name: SpanScore() for name in (*ROLES.values(), "all")}
    )

    def add(self, predicted: list[TokenSpan], gold: list[TokenSpan] | tuple[TokenSpan, ...]):
        pairs = match(predicted, gold, exact=self.exact)
        right_p = {i for i, _ in pairs}
        right_g = {j for _, j in pairs}
        for i, (_, _, role) in enumerate(predicted):
            for name in (ROLES[role], "all"):
                self.roles[name].predicted += 1
                self.roles[name].right_predicted += i in right_p
        for j, (_, _, role) in enumerate(gold):
            for name in (ROLES[role], "all"):
                self.roles[name].gold += 1
                self.roles[name].right_gold += j in right_g


# ---------------------------------------------------------------------------------------------
# Predictions


def token_offsets(tokens: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
    """Character offsets of tokens joined by single spaces."""
    offsets, at = [], 0
    for token in tokens:
        offsets.append((at, at + len(token)))
        at += len(token) + 1
    return offsets


def locate(span: Span, cleaned: str, text: str) -> tuple[int, int] | None:
    """Character offsets in ``text`` of a span given in offsets of ``cleaned``."""
    if cleaned == text or text[span.start : span.end] == span.text:
        return span.start, span.end
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(span.text), text)]
    if not found and span.text.split():
        loose = r"\s*".join(re.escape(c) for c in "".join(span.text.split()))
        found = [(m.start(), m.end()) for m in re.finditer(loose, text)]
    if not found:
        return None
    return min(found, key=lambda se: abs(se[0] - span.start))


def to_tokens(start: int, end: int, offsets: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The tokens whose characters overlap [start, end), as (first, end exclusive)."""
    inside = [i for i, (ts, te) in enumerate(offsets) if ts < end and start < te]
    return (inside[0], inside[-1] + 1) if inside else None


def tidings_spans(coded: CodedDocument | None, sentence: SpanSentence) -> tuple[list, int]:
    """Token spans of the highest-confidence event, and how many spans could not be placed."""
    event = top_event(coded)
    if event is None or coded is None:
        return [], 0
    info = event.text_info
    if not info.recipient_spans and len(info.actor_spans) >= 2:
        roled = [(s, "R") for s in info.actor_spans]
    else:
        roled = [(s, "S") for s in info.actor_spans] + [(s, "T") for s in info.recipient_spans]
    text = sentence.text
    offsets = token_offsets(sentence.tokens)
    spans, lost = [], 0
    for span, role in roled:
        chars = locate(span, coded.article.text, text)
        tokens = to_tokens(*chars, offsets) if chars else None
        if tokens is None:
            lost += 1
        elif (*tokens, role) not in spans:
            spans.append((*tokens, role))
    return spans, lost


def event_marks(coded: CodedDocument | None, sentence: SpanSentence) -> EventMarks:
    """What Tidings said about a sentence, in its tokens, for the span tagger: the spans of its
    highest-confidence event (as ``tidings_spans``), the trigger's token, and every actor
    mention of the sentence (``A`` resolved, ``U`` not)."""
    spans, _ = tidings_spans(coded, sentence)
    if coded is None:
        return EventMarks(tuple(spans))
    offsets = token_offsets(sentence.tokens)
    cleaned = coded.article.text

    def tokens(start: int, end: int) -> tuple[int, int] | None:
        chars = locate(Span(start, end, cleaned[start:end]), cleaned, sentence.text)
        return to_tokens(*chars, offsets) if chars else None

    actors = []
    for mention in coded.actors:
        placed = tokens(mention.start, mention.end)
        if placed is not None:
            coded_actor = mention.actor.code or mention.actor.cameo
            actors.append((*placed, "A" if coded_actor else "U"))
    event = top_event(coded)
    trigger = tokens(event.text_info.trigger.start, event.text_info.trigger.end) if event else None
    return EventMarks(tuple(spans), trigger[0] if trigger else None, tuple(actors))


def parse_tokens(nlp, sentences: list[SpanSentence]):
    """Docs of the given tokens through every component of a spaCy pipeline."""
    from spacy.tokens import Doc

    docs = (
        Doc(nlp.vocab, words=list(s.tokens), spaces=[True] * (len(s.tokens) - 1) + [False])
        for s in sentences
    )
    return nlp.pipe(docs)


def baseline_spans(doc) -> list[TokenSpan]:
    """Source: the noun chunk holding the ROOT's nsubj; target: that of its dobj, else of the
    pobj of its first prep. A word in no noun chunk stands alone."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    chunks = list(doc.noun_chunks)

    def chunk(token) -> tuple[int, int]:
        found = next((c for c in chunks if c.start <= token.i < c.end), None)
        return (found.start, found.end) if found is not None else (token.i, token.i + 1)

    spans: list[TokenSpan] = []
    subject = next((t for t in root.children if t.dep_ == "nsubj"), None)
    if subject is not None:
        spans.append((*chunk(subject), "S"))
    target = next((t for t in root.children if t.dep_ == "dobj"), None)
    if target is None:
        prep = next((t for t in root.children if t.dep_ == "prep"), None)
        if prep is not None:
            target = next((t for t in prep.children if t.dep_ == "pobj"), None)
    if target is not None:
        span = (*chunk(target), "T")
        if span[:2] not in [s[:2] for s in spans]:
            spans.append(span)
    return spans


# ---------------------------------------------------------------------------------------------
# The task


def _paths(path: Path) -> tuple[Path | None, Path | None]:
    if path.is_dir():
        classes, spans = path / "cameo_class" / "train.tsv", path / "cameo_ner" / "train.txt"
        return (classes if classes.is_file() else None), (spans if spans.is_file() else None)
    if path.suffix == ".tsv":
        spans = path.parent.parent / "cameo_ner" / "train.txt"
        return path, (spans if spans.is_file() else None)
    return None, path


def run(path: Path, *, settings: Settings, console: Console, show_errors: int = 0) -> dict:
    class_path, span_path = _paths(path)
    if class_path is None and span_path is None:
        raise InputError(str(path), "no cameo_class/train.tsv or cameo_ner/train.txt")
    classes = load_classes(class_path) if class_path else []
    span_sentences = load_spans(span_path) if span_path else []
    items = [(s.id, s.text, None) for s in classes] + [(s.id, s.text, None) for s in span_sentences]
    coded, elapsed = code_sentences(settings, items, path.name)
    results: dict = {}
    console.print(
        f"ConfliBERT: {len(items)} sentences coded in {elapsed:.1f} s "
        f"({len(items) / max(elapsed, 1e-9):.0f} sentences/s); test is held out, dev is for study"
    )
    runs = {"tidings": coded}
    head = _dev_head(classes, coded[: len(classes)], settings, console) if classes else None
    if head is not None:
        runs["head"], elapsed = code_sentences(settings, items, path.name, head=head)
        console.print(f"  … and with the head in {elapsed:.1f} s")
    if classes:
        results["classes"] = _classes(
            classes, {k: v[: len(classes)] for k, v in runs.items()}, console, show_errors
        )
    if span_sentences:
        results["spans"] = _spans(
            span_sentences, {k: v[len(classes) :] for k, v in runs.items()}, settings, console
        )
    return results


def _dev_head(gold: list[ClassSentence], coded, settings: Settings, console):
    """A learned head (``events.learned``) trained on the dev half only, so that the test half
    scores it on sentences it never saw; ``None`` (with a note) where the learned extras are
    not installed. The head is the eval's own: it is never saved."""
    from .. import resources
    from ..events.learned import train_head

    try:
        encoder = resources.sentence_encoder(settings.embedding_model)
    except TidingsError as exc:
        console.print(f"[yellow]no learned head: {exc}[/yellow]")
        return None
    train = [(s, doc) for s, doc in zip(gold, coded, strict=True) if half(s.text) == "dev"]
    lexicon = []
    for _, doc in train:
        event = top_event(doc)
        lexicon.append((cameo_class(event.cameo), event.confidence) if event else (None, 0.0))
    vectors = encoder.encode([s.text for s, _ in train])
    try:
        return train_head(
            "conflibert-dev",
            vectors,
            lexicon,
            [s.label for s, _ in train],
            roots=HEAD_ROOTS,
            codes=HEAD_CODES,
        )
    except TidingsError as exc:
        console.print(f"[yellow]no learned head: {exc}[/yellow]")
        return None


def _classes(
    gold: list[ClassSentence],
    runs: dict[str, list[CodedDocument | None]],
    console: Console,
    show_errors: int,
) -> dict:
    halves = [half(s.text) for s in gold]
    baseline = majority([s.label for s, h in zip(gold, halves, strict=True) if h == "dev"])
    baseline = baseline or majority([s.label for s in gold])
    scores = {name: {split: Labels() for split in SPLITS} for name in runs}
    majority_scores = {split: Labels() for split in SPLITS}
    errors = []
    for n, (sentence, split) in enumerate(zip(gold, halves, strict=True)):
        for name, coded in runs.items():
            event = top_event(coded[n])
            predicted = cameo_class(event.cameo) if event else None
            for part in (split, "all"):
                scores[name][part].add(sentence.label, predicted)
            if name == "tidings" and split == "dev" and predicted != sentence.label:
                errors.append((sentence, predicted, event))
        for part in (split, "all"):
            majority_scores[part].add(sentence.label, baseline)
    systems = {"tidings (lexicon)": scores["tidings"]}
    if "head" in scores:
        systems["head: lexicon + embeddings, trained on dev (its dev row is training data)"] = (
            scores["head"]
        )
    systems[f"majority class {baseline}"] = majority_scores
    table, out = split_table(
        f"ConfliBERT CAMEO classes ({len(gold)} sentences): predicted class = the CAMEO "
        "root of the highest-confidence event",
        "sentences",
        systems,
        CLASSES,
    )
    console.print(table)
    tidings = scores["tidings"]
    per_class = Table(title="Tidings per class")
    for column in ("class", "CAMEO roots", "split", "gold", "P", "R", "F1"):
        per_class.add_column(
            column, justify="right" if column in {"gold", "P", "R", "F1"} else "left"
        )
    for label in CLASSES:
        for split in ("dev", "test"):
            score = tidings[split].label(label)
            per_class.add_row(
                label if split == "dev" else "",
                CLASS_ROOTS[label] if split == "dev" else "",
                split,
                str(score.tp + score.fn),
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
            )
    console.print(per_class)
    for sentence, predicted, event in errors[:show_errors]:
        console.print(f"[bold]{sentence.id}[/bold] {sentence.text}")
        detail = f"cameo {event.cameo}, {event.event}, rule {event.rule}" if event else "no event"
        console.print(f"   gold {sentence.label}, predicted {predicted or '-'} ({detail})")
    return out


def _spans(
    gold: list[SpanSentence],
    runs: dict[str, list[CodedDocument | None]],
    settings: Settings,
    console,
) -> dict:
    import spacy

    try:
        bare = spacy.load(settings.model)
    except OSError as exc:
        raise ResourceError(f"spaCy model {settings.model!r} is not installed ({exc})") from None
    docs = list(parse_tokens(bare, gold))
    marks = [
        event_marks(coded, sentence) for coded, sentence in zip(runs["tidings"], gold, strict=True)
    ]
    tagger = _dev_tagger(gold, docs, marks, console)
    systems = (*runs, *(["tagger"] if tagger is not None else []), "spacy")
    scores = {
        (system, split, exact): SpanScores(exact)
        for system in systems
        for split in SPLITS
        for exact in (True, False)
    }
    lost = 0
    with_event = Counter()
    for n, (sentence, parsed) in enumerate(zip(gold, docs, strict=True)):
        split = half(sentence.text)
        predictions = []
        for name, coded in runs.items():
            predicted, missing = tidings_spans(coded[n], sentence)
            predictions.append(predicted)
            if name == "tidings":
                lost += missing
                with_event[split] += top_event(coded[n]) is not None
        if tagger is not None:
            predictions.append(list(tagger.spans(parsed, marks[n])))
        predictions.append(baseline_spans(parsed))
        for system, spans in zip(systems, predictions, strict=True):
            for name in (split, "all"):
                for exact in (True, False):
                    scores[(system, name, exact)].add(spans, sentence.spans)
    counts = Counter(half(s.text) for s in gold)
    counts["all"] = len(gold)
    with_event["all"] = with_event["dev"] + with_event["test"]
    out: dict = {split: {system: {} for system in systems} for split in SPLITS}
    headers = {"tidings": "tidings", "head": "+ head", "tagger": "+ tagger", "spacy": "spaCy"}
    for exact in (True, False):
        table = Table(
            title=f"ConfliBERT CAMEO spans, {'exact' if exact else 'overlapping'}: Tidings' "
            f"highest-confidence event (lexicon; with the head trained on dev; the lexicon's "
            f"spans refined by a tagger trained on dev, whose dev rows are training data) "
            f"beside bare spaCy {settings.model}"
        )
        table.add_column("split")
        table.add_column("role")
        for system in systems:
            for n, column in enumerate(("P", "R", "F1")):
                table.add_column(f"{headers[system] if not n else ''}\n{column}", justify="right")
        for split in SPLITS:
            for role in ("source", "target", "reciprocal", "all"):
                row = [f"{split} ({counts[split]})" if role == "source" else "", role]
                for system in systems:
                    score = scores[(system, split, exact)].roles[role]
                    row += _figures(score)
                    out[split][system].setdefault(role, {})[
                        "exact_f1" if exact else "overlap_f1"
                    ] = score.f1
                table.add_row(*row, end_section=role == "all")
        console.print(table)
    for split in SPLITS:
        out[split]["sentences"] = counts[split]
        out[split]["coverage"] = with_event[split] / counts[split] if counts[split] else 0.0
    coverage = ", ".join(f"{split} {out[split]['coverage']:.3f}" for split in SPLITS)
    console.print(f"sentences with an event (Tidings, lexicon): {coverage}")
    if lost:
        console.print(f"{lost} predicted spans could not be placed in the gold tokens")
    return out


def _dev_tagger(gold: list[SpanSentence], docs, marks: list[EventMarks], console):
    """A span tagger (``events.spans``) trained on the dev half of the span file, over the
    lexicon's event marks, so that the test half scores it on sentences it never saw; ``None``
    (with a note) without the learned extras or dev sentences. It is never saved."""
    from ..events.spans import train_span_tagger

    dev = [
        (doc, mark, sentence.spans)
        for sentence, doc, mark in zip(gold, docs, marks, strict=True)
        if half(sentence.text) == "dev"
    ]
    try:
        return train_span_tagger(dev)
    except TidingsError as exc:
        console.print(f"[yellow]no span tagger: {exc}[/yellow]")
        return None


def _figures(score: SpanScore) -> list[str]:
    """P, R, F1; P and F1 are undefined ("–") for a role the system never predicts."""
    if not score.predicted:
        return ["–", f"{score.recall:.3f}", "–"]
    return [f"{x:.3f}" for x in (score.precision, score.recall, score.f1)]
