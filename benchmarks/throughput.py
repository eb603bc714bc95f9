"""Throughput of `tidings code` on the bundled examples, as a ratio to a baseline in the same run.

The baseline is the bare spaCy pipeline (``nlp.pipe``) over the same clean texts: the part of the
cost Tidings cannot remove. The report gives documents per second for both, the ratio, and the
share of each stage, after one warm-up pass, over several repeats (median). The event stage
(actors resolved, then events coded, on texts already parsed) is reported as a share of the bare
parse time on the same texts.

    python benchmarks/throughput.py [--repeats 5] [--copies 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tidings import Pipeline, Settings
from tidings.ingest import content_id, read_inputs
from tidings.records import RawDocument

EXAMPLES = Path(__file__).parents[1] / "examples" / "articles"


def _documents(copies: int) -> list[RawDocument]:
    docs = [
        d for d in read_inputs([str(EXAMPLES)], max_bytes=2_000_000) if isinstance(d, RawDocument)
    ]
    # Distinct copies, so nothing is cached by content.
    return [
        RawDocument(
            f"{d.source}#{i}",
            d.origin,
            text=(d.text + f"\n\nCopy {i}.") if d.text else None,
            html=d.html.replace("</body>", f"<p>Copy {i}.</p></body>") if d.html else None,
            date=d.date,
            url=d.url,
        )
        for i in range(copies)
        for d in docs
    ]


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()

    pipeline = Pipeline(Settings.load())
    docs = _documents(args.copies)
    articles = [pipeline.cleaner(d, content_id(d)) for d in docs]
    texts = [a.text for a in articles]
    pipeline.code(docs[:10])  # warm-up

    parsed = list(pipeline.parser.pipe(articles))

    def actors():
        return [pipeline.actors.document(p) for p in parsed]

    def events():
        for p in parsed:
            pipeline.events(p, [], pipeline.actors.document(p))

    full, bare, clean, actor_times, event_times = [], [], [], [], []
    for _ in range(args.repeats):
        full.append(_time(lambda: pipeline.code(docs)))
        bare.append(_time(lambda: list(pipeline.parser.nlp.pipe(texts, batch_size=16))))
        clean.append(_time(lambda: [pipeline.cleaner(d, "x") for d in docs]))
        actor_times.append(_time(actors))
        event_times.append(_time(events))
    n = len(docs)
    t_full, t_bare, t_clean, t_actors, t_events = (
        statistics.median(x) for x in (full, bare, clean, actor_times, event_times)
    )
    words = sum(len(t.split()) for t in texts)
    print(f"documents: {n} ({words / n:.0f} words each on average), repeats: {args.repeats}")
    print(f"tidings code (clean+parse+code): {n / t_full:8.1f} docs/s")
    print(f"baseline spaCy nlp.pipe only:    {n / t_bare:8.1f} docs/s")
    print(f"ratio tidings / baseline time:   {t_full / t_bare:8.2f}")
    print(f"cleaning share of the full run:  {t_clean / t_full:8.1%}")
    print(f"actors stage / bare parse time:  {t_actors / t_bare:8.1%}")
    print(f"actors+events / bare parse time: {t_events / t_bare:8.1%}")


if __name__ == "__main__":
    main()
