"""Quotes on PolNeAR dev: attribution contents (exact and overlap F1) and source accuracy.

PolNeAR (``quotes/polnear/data/dev``) annotates attributions in brat standoff: an
``Attribution`` event links a ``Content`` span (possibly in pieces, ``start end;start end``), a
``Cue`` and, unless it is ``Attribution-no-source``, a ``Source``. Its notion is wider than
speech: beliefs, intentions and evidence ("polls show") are attributions too, which is why the
cue lexicon has those kinds. Where several annotators did an article, the first annotation file
in name order is the gold.

Each text is parsed with Tidings' parser as an ``Article`` built directly from the file, so the
gold offsets hold; the actors and quotes stages run as in ``tidings code``. Predicted quotes with
the same cue span are one attribution, its content the union of their pieces.

* Content: each attribution is the set of its content's word characters (letters and digits),
  so quote marks, spaces and edge punctuation do not count. Gold and predicted attributions are
  paired one to one, greedily by the most shared word characters. **Overlap**: a pair shares at
  least one word character. **Exact**: a pair has the same word characters.
* Source accuracy: over the overlap pairs whose gold attribution has a source, the share whose
  predicted speaker span shares a word character with the gold source span (the gold source is
  often a pronoun or a role noun: the span is what is scored, not the resolved actor).

Two systems are scored: the rules alone (the default stage) and the rules with the learned cue
scorer (``quotes.learned``): the model file named by ``TIDINGS_QUOTE_MODEL``, or else one trained
here, at eval time, on the ``train`` folder beside the scored one (PolNeAR's train split when dev
is scored; no model row when train itself is scored).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .. import resources
from ..actors import ActorResolver
from ..config import Settings
from ..errors import TidingsError
from ..nlp import Parser
from ..quotes import QuoteFinder, brat
from ..quotes.brat import read_folder, word_chars
from ..records import Article
from .metrics import PRF

DEFAULT = Path("quotes/polnear/data/dev")


@dataclass
class Gold:
    content: frozenset[int]
    source: frozenset[int]  # empty when the attribution has no source
    text: str


@dataclass
class Predicted:
    content: frozenset[int]
    source: frozenset[int]
    text: str


def load(root: Path) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold attributions) for each article of a PolNeAR compartment."""
    return [(a.name, a.text, [_gold(g, a.text) for g in a.attributions]) for a in read_folder(root)]


def read_ann(path: Path, text: str) -> list[Gold]:
    """The attributions of a brat ``.ann`` file, as word-character sets of ``text``."""
    return [_gold(g, text) for g in brat.read_ann(path, text)]


def _gold(attribution: brat.Attribution, text: str) -> Gold:
    shown = " … ".join(text[a:b] for a, b in attribution.content)
    return Gold(word_chars(text, attribution.content), word_chars(text, attribution.source), shown)


def predict(finders: list[QuoteFinder], actors: ActorResolver, parser: Parser, articles):
    """Predicted attributions per finder, per article in ``articles`` order (each article is
    parsed once for all the finders)."""
    texts = [Article(doc_id=name, source=name, text=text) for name, text, _ in articles]
    out: list[list[list[Predicted]]] = [[] for _ in finders]
    for parsed in parser.pipe(texts):
        memory = actors.document(parsed)
        for n, finder in enumerate(finders):
            out[n].append(_predicted(finder(parsed, memory), parsed.article.text))
    return out


def _predicted(quotes, text: str) -> list[Predicted]:
    grouped: dict[tuple, list] = {}
    for quote in quotes:
        key = (quote.cue_span.start, quote.cue_span.end) if quote.cue_span else quote.start
        grouped.setdefault(key, []).append(quote)
    predicted = []
    for pieces in grouped.values():
        spans = [(q.start, q.end) for q in pieces]
        speaker = pieces[0].speaker_span
        source = word_chars(text, [(speaker.start, speaker.end)]) if speaker else frozenset()
        shown = " … ".join(q.text for q in pieces)
        predicted.append(Predicted(word_chars(text, spans), source, shown))
    return predicted


def pair(gold: list[Gold], predicted: list[Predicted]) -> list[tuple[Gold, Predicted]]:
    """One-to-one pairs of overlapping attributions, the largest overlaps first."""
    candidates = [
        (len(g.content & p.content), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if g.content & p.content
    ]
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def run(path: Path, *, settings: Settings, console: Console, show_errors: int = 0) -> dict:
    began = time.perf_counter()
    articles = load(path)
    actors = resources.actor_resolver(settings)
    parser = Parser(settings.model)
    rules = QuoteFinder(actors, resources.cue_lexicon())
    finders, titles = [rules], ["rules"]
    model, note = _model(path, settings, rules, parser, console)
    if model is not None:
        finders.append(QuoteFinder(actors, resources.cue_lexicon(), model=model))
        titles.append("rules + model")
    runs = predict(finders, actors, parser, articles)
    about = f"; {titles[-1]}: {note}" if model is not None else ""
    table = Table(title=f"quotes: PolNeAR {path.name}, {len(articles)} articles{about}")
    for column in ("system", "content", "P", "R", "F1", "pairs/gold, predicted", "source acc."):
        table.add_column(column)
    results = {}
    for name, predictions in zip(titles, runs, strict=True):
        overlap, exact, accuracy, (right, sources), misses = _score(articles, predictions)
        for label, score in (("overlap", overlap), ("exact", exact)):
            table.add_row(
                name if label == "overlap" else "",
                label,
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
                f"{score.tp}/{score.tp + score.fn}, {score.tp + score.fp}",
                f"{accuracy:.3f} ({right}/{sources})" if label == "overlap" else "",
            )
        results[name] = {"overlap": overlap, "exact": exact, "source accuracy": accuracy}
        if name == "rules":
            shown = misses
    console.print(table)
    console.print("[dim]source accuracy: overlap pairs whose gold attribution has a source[/dim]")
    console.print(f"[dim]{time.perf_counter() - began:.0f} s[/dim]")
    for line in shown[:show_errors]:
        console.print(line, markup=False)
    return {**results["rules"], "systems": results}


def _model(path: Path, settings: Settings, rules: QuoteFinder, parser: Parser, console):
    """The learned cue scorer to score beside the rules, and its row title: the file of
    ``TIDINGS_QUOTE_MODEL`` where one is named, else one trained here on the ``train`` folder
    beside ``path`` (never on the articles scored)."""
    if settings.quote_model is not None:
        return resources.quote_model(settings.quote_model), f"the file {settings.quote_model}"
    train = path.parent / "train"
    if not train.is_dir() or train.resolve() == path.resolve():
        console.print("[yellow]no model row: no train folder beside the scored one[/yellow]")
        return None, ""
    from ..quotes.learned import fit

    began = time.perf_counter()
    try:
        with console.status(f"training the cue scorer on {train}"):
            model = fit(read_folder(train), rules, parser, name="polnear-train")
    except TidingsError as exc:
        console.print(f"[yellow]no model row: {exc}[/yellow]")
        return None, ""
    console.print(
        f"[dim]cue scorer trained on {model.trained_on['texts']} train articles in "
        f"{time.perf_counter() - began:.0f} s[/dim]"
    )
    return (
        model,
        f"a cue scorer trained at eval time on {train.name} ({len(model.weights)} weights)",
    )


def _score(articles, predictions):
    overlap, exact = PRF(), PRF()
    sources = right = 0
    misses: list[str] = []
    for (name, _, gold), predicted in zip(articles, predictions, strict=True):
        pairs = pair(gold, predicted)
        overlap.tp += len(pairs)
        overlap.fp += len(predicted) - len(pairs)
        overlap.fn += len(gold) - len(pairs)
        same = sum(g.content == p.content for g, p in pairs)
        exact.tp += same
        exact.fp += len(predicted) - same
        exact.fn += len(gold) - same
        for g, p in pairs:
            if g.source:
                sources += 1
                right += bool(g.source & p.source)
        paired = {id(g) for g, _ in pairs}
        misses += [f"{name}: missed {g.text[:100]!r}" for g in gold if id(g) not in paired]
        found = {id(p) for _, p in pairs}
        misses += [f"{name}: spurious {p.text[:100]!r}" for p in predicted if id(p) not in found]
    accuracy = right / sources if sources else 0.0
    return overlap, exact, accuracy, (right, sources), misses
