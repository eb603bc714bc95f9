"""Article metadata: the readability test pages (HTML) and PolNeAR's article table (plain text).

* readability (``extraction/readability/test/test-pages/*``): each ``source.html`` through the
  cleaner; title, byline and publication date against ``expected-metadata.json``.
* PolNeAR (``quotes/polnear/data``): each article text (its first line is the headline) through
  the plain-text cleaner; title and wire against ``metadata.tsv``. Its texts carry no dates or
  bylines, so those are not scored there; a wire story's dateline is scored as found or not (the
  table has no dateline column).

Normalisation: titles and bylines are compared lower-cased, as word tokens, after dropping a
site-name part after " | ", " - ", " – " or " — " on either side and a leading "By"; dates are
right when the calendar day matches. Rates are over the pages whose gold has the field.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import InputError
from ..records import Article, RawDocument

DEFAULT = Path(".")
READABILITY = Path("extraction/readability/test/test-pages")
POLNEAR = Path("quotes/polnear/data")

_WORD = re.compile(r"\w+")
_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


@dataclass
class Rate:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


def run(path: Path, *, settings: Settings, console: Console, show_errors: int = 0) -> dict:
    from .. import resources
    from ..clean import Cleaner

    cleaner = Cleaner(resources.furniture_rules(), wires=resources.wire_lexicon(), min_chars=0)
    results: dict[str, Rate] = {}
    errors: list[str] = []
    if (path / READABILITY).is_dir():
        results |= _readability(path / READABILITY, cleaner, errors)
    if (path / POLNEAR).is_dir():
        results |= _polnear(path / POLNEAR, cleaner, errors)
    if not results:
        raise InputError(str(path), "neither the readability pages nor PolNeAR are there")
    table = Table(title="Article metadata")
    for column in ("set", "field", "right", "of", "rate"):
        table.add_column(column, justify="left" if column in {"set", "field"} else "right")
    for name, rate in results.items():
        corpus, _, field = name.partition(" ")
        table.add_row(corpus, field, str(rate.right), str(rate.total), f"{rate.value:.3f}")
    console.print(table)
    for line in errors[:show_errors]:
        console.print(line)
    return {k: v.value for k, v in results.items()}


def _readability(root: Path, cleaner, errors: list[str]) -> dict[str, Rate]:
    title, byline, date = Rate(), Rate(), Rate()
    for page in sorted(p for p in root.iterdir() if (p / "source.html").is_file()):
        expected = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        html = (page / "source.html").read_text(encoding="utf-8", errors="replace")
        article = _clean(cleaner, RawDocument(page.name, page.name, html=html))
        if expected.get("title"):
            ok = article is not None and _same_title(article.title, expected["title"])
            title.add(ok)
            if not ok:
                errors.append(f"readability {page.name} title {_got(article, 'title')!r}")
        if expected.get("byline"):
            ok = article is not None and _same_name(article.byline, expected["byline"])
            byline.add(ok)
            if not ok:
                errors.append(f"readability {page.name} byline {_got(article, 'byline')!r}")
        if expected.get("publishedTime"):
            got = article.published if article else None
            ok = bool(got) and got[:10] == expected["publishedTime"][:10]
            date.add(ok)
            if not ok:
                errors.append(f"readability {page.name} date {got!r} ≠ {expected['publishedTime']}")
    return {"readability title": title, "readability byline": byline, "readability date": date}


def _polnear(root: Path, cleaner, errors: list[str]) -> dict[str, Rate]:
    title, wire, dateline = Rate(), Rate(), Rate()
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        compartment = row.get("compartment", "")
        path = root / compartment / "text" / f"{row['filename']}.txt"
        if not path.is_file():
            continue
        article = _clean(cleaner, RawDocument(path.name, str(path), text=path.read_text("utf-8")))
        ok = article is not None and _same_title(article.title, row["title"])
        title.add(ok)
        if not ok:
            errors.append(f"polnear {row['filename']} title {_got(article, 'title')!r}")
        gold_wire = row["wire"] if row["wire"] not in {"None", "NA", ""} else None
        got = article.wire if article else None
        ok = (got or "").lower() == (gold_wire or "").lower()
        wire.add(ok)
        if not ok:
            errors.append(f"polnear {row['filename']} wire {got!r} ≠ {gold_wire!r}")
        if gold_wire:
            ok = article is not None and article.dateline is not None
            dateline.add(ok)
            if not ok:
                errors.append(f"polnear {row['filename']} no dateline (a {gold_wire} story)")
    return {"polnear title": title, "polnear wire": wire, "polnear dateline": dateline}


def _clean(cleaner, raw: RawDocument) -> Article | None:
    try:
        return cleaner(raw, raw.source)
    except InputError:
        return None


def _got(article: Article | None, field: str):
    return getattr(article, field) if article else None


def _same_title(got: str | None, gold: str) -> bool:
    if not got:
        return False
    a, b = _tokens(got), _tokens(gold)
    return a == b or _tokens(_strip_site(got)) == _tokens(_strip_site(gold))


def _same_name(got: str | None, gold: str) -> bool:
    if not got:
        return False
    strip = re.compile(r"^\s*by\s+", re.I)
    return _tokens(strip.sub("", got)) == _tokens(strip.sub("", gold))


def _strip_site(title: str) -> str:
    parts = _SITE_SEPARATOR.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())
