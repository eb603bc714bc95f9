"""The Zyte article extraction benchmark: article bodies from HTML pages, and from their text.

Two inputs per page, scored with the benchmark's own metric (``eval.shingles``):

* ``html``: the page (``html/<id>.html.gz``) through Tidings' cleaner, beside trafilatura's
  ``extract`` with its defaults, run here on the same pages (the benchmark's anchor);
* ``text``: the full page text that html-text produced (``output/html-text.json``, what a scraper
  that kept no markup hands over) through Tidings' plain-text cleaner, beside that full text
  itself.

The plain-text constants of ``clean.text`` were set on the even-numbered pages (ids sorted); the
table reports the odd half separately as held-out pages.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import InputError
from ..records import RawDocument
from .shingles import CorpusScore, score_corpus, score_document

DEFAULT = Path("extraction/zyte-aeb")


def run(path: Path, *, settings: Settings, console: Console, show_errors: int = 0) -> dict:
    import trafilatura

    from .. import resources
    from ..clean import Cleaner

    gold = {k: v.get("articleBody", "") for k, v in _load(path / "ground-truth.json").items()}
    full_text = {
        k: v.get("articleBody", "") for k, v in _load(path / "output/html-text.json").items()
    }
    ids = sorted(gold)
    cleaner = Cleaner(resources.furniture_rules(), min_chars=0)
    predictions: dict[str, dict[str, str]] = {
        "tidings html": {},
        "trafilatura html": {},
        "tidings text": {},
    }
    seconds = dict.fromkeys(predictions, 0.0)
    for key in ids:
        html = gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        inputs = {
            "tidings html": RawDocument(key, key, html=html),
            "trafilatura html": html,
            "tidings text": RawDocument(key, key, text=full_text.get(key, "")),
        }
        for name, given in inputs.items():
            start = time.perf_counter()
            if isinstance(given, RawDocument):
                predictions[name][key] = _body(cleaner, given, key)
            else:
                predictions[name][key] = trafilatura.extract(given, include_comments=False) or ""
            seconds[name] += time.perf_counter() - start
    predictions["full page text"] = {k: full_text.get(k, "") for k in ids}

    table = Table(title=f"Zyte article extraction benchmark ({len(ids)} pages)")
    for column in ("system", "input", "pages", "precision", "recall", "F1", "ms/page"):
        table.add_column(column, justify="left" if column in {"system", "input"} else "right")
    results = {}
    halves = {"all": ids, "even (tuning)": ids[::2], "odd (held out)": ids[1::2]}
    for name, predicted in predictions.items():
        system, _, kind = name.rpartition(" ")
        for half, keys in halves.items():
            if half != "all" and name != "tidings text":
                continue
            score = _score(gold, predicted, keys)
            results[f"{name} {half}"] = score
            per_page = f"{1000 * seconds[name] / len(ids):.1f}" if name in seconds else "—"
            table.add_row(
                system,
                kind if half == "all" else f"{kind}, {half}",
                str(score.documents),
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
                per_page if half == "all" else "",
            )
    console.print(table)
    if show_errors:
        _print_worst(console, gold, predictions["tidings html"], ids, show_errors)
    return results


def _body(cleaner, raw: RawDocument, key: str) -> str:
    try:
        return cleaner(raw, key).text
    except InputError:
        return ""


def _score(gold: dict[str, str], predicted: dict[str, str], keys: list[str]) -> CorpusScore:
    return score_corpus([score_document(gold[k], predicted.get(k, "")) for k in keys])


def _print_worst(console: Console, gold, predicted, ids, count: int) -> None:
    scores = {k: score_document(gold[k], predicted[k]) for k in ids}
    worst = sorted(ids, key=lambda k: (scores[k].precision or 0) + (scores[k].recall or 0))
    for key in worst[:count]:
        s = scores[key]
        console.print(f"{key[:12]}  P {s.precision or 0:.2f}  R {s.recall or 0:.2f}")


def _load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and set(data) == {"version", "output"}:
        data = data["output"]
    return data
