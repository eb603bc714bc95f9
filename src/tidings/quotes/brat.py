"""Attributions annotated in brat standoff, as PolNeAR has them: the training data of the
learned cue scorer (``learned``) and the gold of ``tidings eval quotes``.

An ``.ann`` file beside its text holds text-bound spans (``T1<TAB>Cue 113 119<TAB>mocked``, a span
in pieces as ``start end;start end``) and events tying them together
(``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``; ``Attribution-no-source`` has no
source). Other lines (notes, relations) are skipped. A folder of annotations is either
PolNeAR's layout, ``text/NAME.txt`` with ``attributions/NAME_<annotator>.ann`` (the first file
in name order is the gold where several annotators did an article), or ``NAME.txt`` beside
``NAME.ann``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_SPAN = re.compile(r"^(?P<label>\S+) (?P<spans>\d+ \d+(?:;\d+ \d+)*)$")

Pieces = tuple[tuple[int, int], ...]  # [start, end) character spans of one annotation


def word_chars(text: str, spans) -> frozenset[int]:
    """The word characters (letters and digits) of ``text`` inside ``spans``: what two
    attributions are compared by, so that quote marks, spaces and edge punctuation do not count
    (the eval's pairing and the cue scorer's training labels)."""
    return frozenset(i for a, b in spans for i in range(a, min(b, len(text))) if text[i].isalnum())


@dataclass(frozen=True, slots=True)
class Attribution:
    """One annotated attribution: its content, cue and source (empty when it has none)."""

    content: Pieces
    cue: Pieces
    source: Pieces


@dataclass(frozen=True, slots=True)
class Annotated:
    name: str
    text: str
    attributions: tuple[Attribution, ...]


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one ``.ann`` file; a span past the end of ``text``, an unreadable
    span line or an event naming a missing span is an ``InputError`` naming the file and line."""
    spans: dict[str, Pieces] = {}
    events: list[tuple[int, dict[str, str]]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    for number, line in enumerate(lines, 1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            match = _SPAN.match(fields[1])
            if match is None:
                raise InputError(f"{path}:{number}", f"unreadable text-bound annotation {line!r}")
            pieces = tuple(
                (int(a), int(b)) for a, b in (p.split() for p in match["spans"].split(";"))
            )
            if any(a > b or b > len(text) for a, b in pieces):
                raise InputError(f"{path}:{number}", f"span outside the text ({len(text)} chars)")
            spans[fields[0]] = pieces
        elif line.startswith("E") and len(fields) >= 2:
            args = dict(a.split(":", 1) for a in fields[1].split() if ":" in a)
            events.append((number, {re.sub(r"\d+$", "", k): v for k, v in args.items()}))
    found = []
    for number, args in events:
        if "Content" not in args:
            continue
        for role in ("Content", "Cue", "Source"):
            if role in args and args[role] not in spans:
                raise InputError(f"{path}:{number}", f"no span {args[role]}")
        found.append(
            Attribution(
                spans[args["Content"]],
                spans.get(args.get("Cue", ""), ()),
                spans.get(args.get("Source", ""), ()),
            )
        )
    return found


def read_folder(root: Path) -> list[Annotated]:
    """Every annotated text of a folder, in name order (layouts in the module docstring)."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "not a folder of brat annotations")
    polnear = (root / "text").is_dir()
    texts = sorted((root / "text" if polnear else root).glob("*.txt"))
    if not texts:
        raise InputError(str(root), "no .txt files (expected text/*.txt or NAME.txt + NAME.ann)")
    out = []
    for text_path in texts:
        if polnear:
            annotations = sorted((root / "attributions").glob(text_path.stem + "_*.ann"))
        else:
            annotations = [p for p in [text_path.with_suffix(".ann")] if p.is_file()]
        if not annotations:
            raise InputError(str(text_path), "no annotation file for this text")
        text = text_path.read_text(encoding="utf-8")
        out.append(Annotated(text_path.stem, text, tuple(read_ann(annotations[0], text))))
    return out
