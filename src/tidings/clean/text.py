"""First cleaning pass for plain text: split into blocks, classify furniture, keep the body.

A block is a paragraph (text between blank lines); a text without blank lines is split by line.
Each block is matched against the furniture patterns of ``data/furniture.tsv`` and the timestamp
shape; the headline is the first short, unpunctuated block before the body. What is removed is
kept as ``Removed`` records with offsets into the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Dateline, Removed, Segment
from . import meta
from .furniture import FurnitureRule

_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")
_SPACES = re.compile(r"[\n\r\t\f\v]")
_HEADLINE_MAX = 200
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")


@dataclass(slots=True)
class Block:
    text: str
    start: int  # offset in the input
    kind: str | None = None  # None = body
    rule: str | None = None
    raw: str = ""  # the input text of the block, before whitespace normalisation


@dataclass(slots=True)
class CleanText:
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    credit: str | None = None
    captions: list[str] = field(default_factory=list)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs with their offsets; single-newline text is split into lines instead."""
    separator = _BLOCK_SPLIT if _BLOCK_SPLIT.search(text) else re.compile(r"\n")
    blocks, pos = [], 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            # Same-length whitespace replacement keeps every offset valid in the input.
            blocks.append(Block(_SPACES.sub(" ", stripped), pos + lead, raw=stripped))
        pos = match.end() if match else len(text)
    return blocks


def classify(
    blocks: list[Block], rules: tuple[FurnitureRule, ...], *, headline: bool = True
) -> list[Block]:
    """Label every furniture block; a paragraph whose own lines are furniture is split first.

    Scrapes often join a timestamp and an "Updated:" line, or a teaser and a credit, with single
    newlines; a paragraph that is body text as a whole but has a furniture line is cut there.
    """
    out: list[Block] = []
    for block in blocks:
        _label(block, rules)
        lines = _lines(block) if block.kind is None and "\n" in block.raw else [block]
        if len(lines) > 1:
            for line in lines:
                _label(line, rules)
            lines = _merge_body_lines(lines)
        out.extend(lines)
    if headline:
        _mark_headline(out)
    return out


def _label(block: Block, rules: tuple[FurnitureRule, ...]) -> None:
    if meta.parse_timestamp(block.text) is not None:
        block.kind, block.rule = "timestamp", "timestamp"
        return
    for rule in rules:
        if rule.pattern.search(block.text):
            block.kind, block.rule = rule.kind, f"furniture.tsv:{rule.id}"
            return


def _lines(block: Block) -> list[Block]:
    lines, pos = [], 0
    for piece in block.raw.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            lines.append(Block(_SPACES.sub(" ", stripped), block.start + pos + lead, raw=stripped))
        pos += len(piece) + 1
    return lines


def _merge_body_lines(lines: list[Block]) -> list[Block]:
    """Re-join runs of body lines into one block (the text between them is kept verbatim)."""
    merged: list[Block] = []
    for line in lines:
        last = merged[-1] if merged else None
        if line.kind is None and last is not None and last.kind is None:
            gap = line.start - (last.start + len(last.text))
            last.text = f"{last.text}{' ' * gap}{line.text}"
        else:
            merged.append(line)
    return merged


def clean_text(text: str, rules: tuple[FurnitureRule, ...], *, headline: bool = True) -> CleanText:
    """Separate the body of a plain-text article from its page furniture and read its metadata.

    ``headline=False`` when the title is already known (HTML), so that no block is taken for it.
    """
    blocks = split_blocks(text)
    blocks = classify(blocks, rules, headline=headline)
    out = CleanText()
    body: list[Block] = []
    for block in blocks:
        if block.kind is None:
            body.append(block)
        else:
            _take_metadata(block, out)
            out.removed.append(
                Removed(block.kind, block.text, block.start, block.start + len(block.text))
            )
    if body:
        _take_dateline(body[0], out)
    pieces, pos = [], 0
    for block in body:
        pieces.append(block.text)
        out.segments.append(Segment(pos, block.start, len(block.text)))
        pos += len(block.text) + 2
    out.text = "\n\n".join(pieces)
    return out


def _take_metadata(block: Block, out: CleanText) -> None:
    if block.kind == "timestamp":
        label, when = meta.parse_timestamp(block.text) or ("published", None)
        if label == "updated" and out.updated is None:
            out.updated = when
        elif label == "published" and out.published is None:
            out.published = when
    elif block.kind == "headline" and out.title is None:
        out.title = block.text
    elif block.kind == "caption":
        out.captions.append(block.text)
    elif block.kind == "byline" and out.byline is None:
        out.byline = meta.parse_byline(block.text)
    elif block.rule == "furniture.tsv:copyright" and out.credit is None:
        out.credit = meta.parse_credit(block.text)


def _take_dateline(first: Block, out: CleanText) -> None:
    found = meta.parse_dateline(first.text)
    if found is None:
        return
    out.dateline, length = found
    words = first.text[:length].rstrip()
    out.removed.append(Removed("dateline", words, first.start, first.start + len(words)))
    first.text = first.text[length:]
    first.start += length


def _mark_headline(blocks: list[Block]) -> None:
    """The headline is the first short block without final punctuation that precedes body text."""
    for i, block in enumerate(blocks):
        if block.kind is not None:
            continue
        is_heading = len(block.text) <= _HEADLINE_MAX and not _SENTENCE_END.search(block.text)
        has_body_after = any(b.kind is None for b in blocks[i + 1 :])
        if is_heading and has_body_after:
            block.kind, block.rule = "headline", "headline"
        return
