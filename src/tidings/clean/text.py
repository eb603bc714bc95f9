"""Plain text: find the article in a page's text, classify the rest, read the metadata.

The text is cut into line units (a hard-wrapped paragraph is re-joined first) that remember their
paragraph and their offsets in the input. Each unit is then

1. labelled by shape: a timestamp, or one of the furniture patterns of ``data/furniture.tsv``
   (teaser, caption, credit, byline, legal, navigation, and ``section`` headings such as
   "Related stories" or "42 Comments" that open a part of the page that is not the story);
2. scored as story text or not: a unit that reads as prose (ends a sentence, or is long and
   punctuated like prose) scores its length in words, anything else (menus, headings, tag clouds,
   teaser cards written in Title Case, blurbs cut off with "...", cards glued with layout
   spaces, and any sentence the page prints twice, like gallery captions) scores
   ``-NOT_PROSE``; furniture scores 0 and a section heading is a barrier; a comments heading
   ("12 thoughts on “…”") below the start of the story ends it, since comments read as prose;
3. the article body is the run of units with the highest total score (a maximum-sum segment), so
   a story survives its own subheadings and interrupters while the page's menus, footers and
   teaser lists around it, which score negative, fall outside. Units outside it are kept as
   ``boilerplate``; furniture inside it is removed with its kind.

The headline is the heading-like unit nearest above the body (past bylines, timestamps and
captions); the dateline is read from the first body unit. The constants were set on the even half
of the Zyte benchmark pages (``tidings eval extraction``) and checked on the odd half. Everything
removed is returned as ``Removed`` records with offsets into the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..records import Dateline, Removed, Segment
from . import meta
from .furniture import FurnitureRule
from .repeats import line_key

_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")
_SPACES = re.compile(r"[\n\r\t\f\v]")
_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[.,;:!?。、，]")
_HEADLINE_MAX = 200
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]]*$""")
# A section label or kicker set on its own line in capitals: "ABSTRACT.", "FULL TEXT.", "LETTERS."
_LABEL = re.compile(r"^[A-Z][A-Z0-9&'’ -]{2,30}[.:]?$")
_SPEAKER = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}:\s")
_LAYOUT_GAP = re.compile(r"\S[ \t\u00a0]{6,}\S")
_TRUNCATED = re.compile(r"[\w,;]\s?(?:\.\.\.|…)$")
_PROSE_END = re.compile(r"""[.!?…:。！？]["'”’)\]]*$""")

# Scoring of units (see the module docstring).
NOT_PROSE = 10  # penalty of a unit that does not read as prose
LONG_UNIT = 40  # words from which an unfinished but punctuated unit still reads as prose
MAX_SCORE = 40  # one huge unit (a pasted disclaimer) may not outweigh a whole story
MIN_PUNCT = 0.04  # punctuation marks per word of prose; tag clouds and menus have none
BARRIER = -10_000
MOSTLY_REPEATED = 0.5  # share of a document's prose in its site's template that marks a copy
REPEAT_WORDS = 6  # a unit this long printed twice in a page is not story text
COMMENTS_AFTER = 50  # words of story above a comments heading for it to end the story
HEADLINE_LOOKBACK = 8
# A dateline may follow a standfirst of at most this many paragraphs and words.
STANDFIRST_BLOCKS = 4
STANDFIRST_WORDS = 60
# Capitalised function words inside the first words of a unit mark a Title Case headline (a teaser
# card: "Police Arrest Two After Death Of Student ..."), never a sentence.
_TITLE_CASE_WORDS = frozenset(
    [
        "Of",
        "In",
        "At",
        "To",
        "For",
        "With",
        "On",
        "After",
        "From",
        "And",
        "Is",
        "Are",
        "Over",
        "By",
        "Into",
        "As",
        "Be",
        "Was",
        "Will",
        "Has",
        "Have",
        "Not",
        "But",
        "Than",
        "About",
    ]
)


@dataclass(slots=True)
class Block:
    text: str
    start: int  # offset in the input
    kind: str | None = None  # None = body
    rule: str | None = None
    raw: str = ""  # the input text of the block, before whitespace normalisation
    paragraph: int = 0


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


def split_units(text: str) -> list[Block]:
    """Non-empty lines with their offsets and paragraph numbers; hard-wrapped lines re-joined."""
    units: list[Block] = []
    pos = 0
    for paragraph, match in enumerate([*_BLOCK_SPLIT.finditer(text), None]):
        end = match.start() if match else len(text)
        line_pos = pos
        for piece in text[pos:end].split("\n"):
            stripped = piece.strip()
            if stripped:
                start = line_pos + len(piece) - len(piece.lstrip())
                last = units[-1] if units else None
                if (
                    last is not None
                    and last.paragraph == paragraph
                    and _wrapped(last.raw, stripped)
                ):
                    last.raw = text[last.start : start + len(stripped)]
                    last.text = _SPACES.sub(" ", last.raw)
                else:
                    units.append(Block(_SPACES.sub(" ", stripped), start, raw=stripped))
                    units[-1].paragraph = paragraph
            line_pos += len(piece) + 1
        pos = match.end() if match else len(text)
    return units


def _wrapped(previous: str, line: str) -> bool:
    """A line that continues the sentence of a hard-wrapped previous line."""
    return len(previous) >= 40 and not _PROSE_END.search(previous) and line[:1].islower()


def label(block: Block, rules: tuple[FurnitureRule, ...]) -> None:
    if meta.parse_timestamp(block.text) is not None:
        block.kind, block.rule = "timestamp", "timestamp"
        return
    for rule in rules:
        if rule.pattern.search(block.text):
            block.kind, block.rule = rule.kind, f"furniture.tsv:{rule.id}"
            return


def score(block: Block) -> int:
    if block.kind in {"section", "comments"}:
        return BARRIER
    if block.rule == "site-template":
        return -NOT_PROSE
    if block.kind is not None:
        return 0
    text = block.text
    words = max(len(_WORD.findall(text)), len(text) // 6)  # the length term counts CJK text too
    tokens = text.split()[:15]
    title_case = any(
        token in _TITLE_CASE_WORDS
        and tokens[i - 1][:1].isupper()
        and not _PROSE_END.search(tokens[i - 1])
        for i, token in enumerate(tokens)
        if i
    )
    if _TRUNCATED.search(text) or _LAYOUT_GAP.search(block.raw or text):
        # A teaser blurb cut at a fixed length ("…the easy to throw in..."), or a card whose
        # fields the scraper glued with layout spaces ("Jane Doe            Wednesday night, …").
        return -NOT_PROSE
    ends = bool(_PROSE_END.search(text)) and not title_case
    punctuated = len(_PUNCT.findall(text)) >= MIN_PUNCT * words
    if (ends and words >= 4) or (words >= LONG_UNIT and punctuated):
        return min(words, MAX_SCORE)
    return -NOT_PROSE


def _mark_template(units: list[Block], template: Callable[[str], bool]) -> None:
    """Mark the lines of the site's template as boilerplate, unless most of the document's prose
    is "template": then it is a copy or an update of a story the site already printed."""
    found = [u for u in units if u.kind is None and template(line_key(u.text))]
    prose = sum(max(score(u), 0) for u in units)
    shared = sum(max(score(u), 0) for u in found)
    if prose and shared > MOSTLY_REPEATED * prose:
        return
    for unit in found:
        unit.kind, unit.rule = "boilerplate", "site-template"


def _repeated_not_story(units: list[Block], scores: list[int]) -> list[int]:
    """A sentence the page prints twice is not story text: gallery captions, teasers shown in two
    widgets, pull quotes. Every copy scores as not prose (the story's own copy of a pull quote
    is then lost, a small price next to a gallery of captions joining the body); a copy next to
    a photo credit or a gallery counter is taken as a caption."""
    keys = [line_key(unit.text) for unit in units]
    seen: dict[str, int] = {}
    for key in keys:
        if key.count(" ") >= REPEAT_WORDS - 1:
            seen[key] = seen.get(key, 0) + 1
    out = list(scores)
    for i, (unit, key) in enumerate(zip(units, keys, strict=True)):
        if out[i] <= 0 or seen.get(key, 0) < 2:
            continue
        out[i] = -NOT_PROSE
        near = units[max(0, i - 1) : i + 2]
        if any(u.kind == "credit" or u.rule == "furniture.tsv:gallery-counter" for u in near):
            unit.kind, unit.rule = "caption", "repeated-caption"
    return out


def _before_comments(units: list[Block], scores: list[int]) -> list[int]:
    """Scores with everything from the comments heading on made a barrier, once the story has
    begun above it (``COMMENTS_AFTER`` words of prose): readers' comments are prose too, and a
    long thread would otherwise outweigh a short story. A comment counter above the story
    ("34 Comments" by the byline) is only a barrier."""
    prose = 0
    for i, (unit, value) in enumerate(zip(units, scores, strict=True)):
        if unit.kind == "comments" and prose >= COMMENTS_AFTER:
            return scores[:i] + [BARRIER] * (len(scores) - i)
        prose += max(value, 0)
    return scores


def body_region(scores: list[int]) -> tuple[int, int] | None:
    """The maximum-sum run of scores, as (first, last) indexes; None when nothing scores."""
    best, current, start = 0, 0, 0
    region = None
    for i, value in enumerate(scores):
        if current <= 0:
            current, start = value, i
        else:
            current += value
        if current > best:
            best, region = current, (start, i)
    return region


def clean_text(
    text: str,
    rules: tuple[FurnitureRule, ...],
    *,
    headline: bool = True,
    region: bool = True,
    template: Callable[[str], bool] | None = None,
) -> CleanText:
    """Separate the body of a plain-text article from its page furniture and read its metadata.

    ``headline=False`` when the title is already known and ``region=False`` when the text is
    already the main content (both for HTML, where trafilatura chose it). ``template`` tells
    the lines that the document's site prints on many pages (``clean.repeats``).
    """
    units = split_units(text)
    for unit in units:
        label(unit, rules)
    if template is not None:
        _mark_template(units, template)
    found = None
    if region:
        scores = _repeated_not_story(units, [score(u) for u in units])
        found = body_region(_before_comments(units, scores))
    if found is not None:
        first, last = found
        for i, unit in enumerate(units):
            if unit.kind is None and not first <= i <= last:
                unit.kind, unit.rule = "boilerplate", "outside-body"
    else:
        first = next((i for i, u in enumerate(units) if u.kind is None), len(units))
    if headline:
        _mark_headline(units, first)
    out = CleanText()
    body: list[Block] = []
    for unit in units:
        if unit.kind is None:
            if body and body[-1].paragraph == unit.paragraph:
                _join(body[-1], unit)
            else:
                body.append(unit)
        else:
            _take_metadata(unit, out)
            out.removed.append(
                Removed(unit.kind, unit.text, unit.start, unit.start + len(unit.text))
            )
    if body:
        body = _take_dateline(body, out)
    out.removed.sort(key=lambda r: r.start)
    pieces, pos = [], 0
    for block in body:
        pieces.append(block.text)
        out.segments.append(Segment(pos, block.start, len(block.text)))
        pos += len(block.text) + 2
    out.text = "\n\n".join(pieces)
    return out


def _join(last: Block, unit: Block) -> None:
    """Append a unit to the previous block of its paragraph; the gap becomes spaces, so that
    offsets in the joined text still map one to one onto the input."""
    gap = unit.start - (last.start + len(last.text))
    last.text = f"{last.text}{' ' * gap}{unit.text}"


def _take_metadata(block: Block, out: CleanText) -> None:
    if block.kind == "timestamp":
        label_, when = meta.parse_timestamp(block.text) or ("published", None)
        if label_ == "updated" and out.updated is None:
            out.updated = when
        elif label_ == "published" and out.published is None:
            out.published = when
    elif block.kind == "headline" and out.title is None:
        out.title = block.text
    elif block.rule == "title-paragraph" and out.title is not None:
        out.title = f"{out.title} {block.text}"  # a headline set over several lines
    elif block.kind == "caption" and block.text not in out.captions:
        out.captions.append(block.text)
    elif block.kind == "byline" and out.byline is None:
        out.byline = meta.parse_byline(block.text)
    elif block.rule == "furniture.tsv:copyright" and out.credit is None:
        out.credit = meta.parse_credit(block.text)


def _take_dateline(body: list[Block], out: CleanText) -> list[Block]:
    """Read the dateline off the story's first paragraph and return the body without what it
    displaced.

    Papers often set a standfirst (a one-sentence deck, or an "ABSTRACT." and "FULL TEXT." pair in
    archive dumps) between the headline and the datelined lede. A dateline in one of the first
    paragraphs, after no more than ``STANDFIRST_WORDS`` words, marks those paragraphs as the
    standfirst: they summarise the story and are removed as such, not coded twice. In a
    transcript, where paragraphs open with "SPEAKER:", a colon does not end a dateline.
    """
    speakers = sum(bool(_SPEAKER.match(block.text)) for block in body)
    before, at, found = 0, 0, None
    for block in body[: STANDFIRST_BLOCKS + 1]:
        found = meta.parse_dateline(block.text, colon=speakers < 2)
        if found is not None or (before := before + len(block.text.split())) > STANDFIRST_WORDS:
            break
        at += 1
    if found is None:
        return body
    block = body[at]
    for deck in body[:at]:
        out.removed.append(
            Removed("standfirst", deck.text, deck.start, deck.start + len(deck.text))
        )
    out.dateline, length = found
    words = block.text[:length].rstrip()
    out.removed.append(Removed("dateline", words, block.start, block.start + len(words)))
    block.text = block.text[length:]
    block.start += length
    return body[at:]


def _mark_headline(units: list[Block], first: int) -> None:
    """The headline is the heading-like unit nearest above the body.

    Walking up from the body past furniture (bylines, timestamps, captions, credits) and other
    headings (a standfirst), the earliest heading of that run is taken: pages put the headline
    above the standfirst. Menu items (one or two words) end the walk.
    """
    if first >= len(units):
        return
    chosen = None
    for i in range(first - 1, max(-1, first - 1 - HEADLINE_LOOKBACK), -1):
        unit = units[i]
        if unit.kind not in {None, "boilerplate"} or _LABEL.match(unit.text):
            continue
        words = len(unit.text.split())
        if words >= 3 and len(unit.text) <= _HEADLINE_MAX and not _SENTENCE_END.search(unit.text):
            chosen = unit
            continue
        break
    if chosen is not None:
        chosen.kind, chosen.rule = "headline", "headline"
        if chosen.text.endswith((";", ":", ",")):  # "Jobs report gives Democrats a lift;" + deck
            for unit in units[units.index(chosen) + 1 :]:
                if unit.paragraph != chosen.paragraph:
                    break
                if unit.kind in {None, "boilerplate"}:
                    unit.kind, unit.rule = "headline", "title-paragraph"
        return
    head = [u for u in units if u.paragraph == units[0].paragraph]
    labels = 0
    while len(head) + labels < len(units) and _LABEL.match(units[len(head) + labels].text):
        labels += 1
    rest = units[len(head) + labels :]
    if rest and first <= len(head) + labels and _title_paragraph(head, rest[0], labels > 0):
        for unit in head:
            unit.kind, unit.rule = "headline", "title-paragraph"


_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


def _title_paragraph(head: list[Block], following: Block, labelled: bool = False) -> bool:
    """A document's first paragraph is its headline even with a full stop when it is short and
    the story starts after it with a dateline or a section label ("ABSTRACT.", "LETTERS.",
    "TOP STORIES."); or, when it has no "said" and no weekday (ledes tell who said what and
    when), it is in Title Case or has at most 16 words above a longer paragraph."""
    words = " ".join(u.text for u in head).split()
    if not 3 <= len(words) <= 40 or any(u.kind not in {None, "boilerplate"} for u in head):
        return False
    long_words = [w for w in words if len(w) > 3]
    capitals = sum(w[:1].isupper() for w in long_words) / max(1, len(long_words))
    if labelled or meta.parse_dateline(following.text) is not None:
        return True
    if len(words) > 25:
        return False
    text = " ".join(words)
    if " said" in text or _WEEKDAY.search(text):
        return False
    return capitals >= 0.6 or (len(words) <= 16 and len(following.text.split()) > len(words))
