"""A learned span tagger: participant spans in a sentence's tokens, from its parse and its event.

Gold sets mark an event's participants by their own conventions: whole noun phrases with their
appositions, quantities and places ("more than 500 civilians in the rebel-held east"), and at
times a participant the coder leaves out because it names no actor. The tagger learns such a
convention from sentences tagged with it (BIO over S source, T target, R reciprocal) and applies
it to new ones. It is a linear-chain CRF (python-crfsuite, the ``learned`` extra) over features
of each token: its words and parse (POS, dependency, entity type), where it stands from the
event's predicate (the argument slot through which it hangs from the trigger, else from the
sentence's root), and whether the coder put it in the event's source or target span.

It refines what the coder found; it is never part of the default pipeline. ``tidings eval
conflibert`` trains one on the dev half of its span file and scores it on the test half (Tidings
ships no tagger trained on that set); a user can train one on their own BIO data the same way
(``train_span_tagger``) and keep it (``SpanTagger.save`` / ``SpanTagger.load``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError

ROLES = ("S", "T", "R")

# a participant span in token offsets: first token, end token (exclusive), role S/T/R
TokenSpan = tuple[int, int, str]

# how far the argument-slot feature climbs from a token towards the predicate
_MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class EventMarks:
    """What the coder said about a sentence, in its tokens: the spans of its event's
    participants (role S, T or R) and the trigger's token (``None``: no event)."""

    spans: tuple[TokenSpan, ...] = ()
    trigger: int | None = None
    # the sentence's actor mentions (the actors table), role "A" when resolved to a code, "U"
    # when not
    actors: tuple[TokenSpan, ...] = ()


def bio_tags(length: int, spans: Iterable[TokenSpan]) -> list[str]:
    """BIO tags over ``length`` tokens for spans; a later span does not overwrite an earlier."""
    tags = ["O"] * length
    for start, end, role in spans:
        if any(tag != "O" for tag in tags[start:end]):
            continue
        tags[start : min(end, length)] = [f"B-{role}"] + [f"I-{role}"] * (end - start - 1)
    return tags


def bio_spans(tags: Sequence[str]) -> tuple[TokenSpan, ...]:
    """Spans of BIO tags over S/T/R; an I- tag with no B- before it opens a span."""
    spans: list[TokenSpan] = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix != "I" or label != kind):
            if kind in ROLES:
                spans.append((start, i, kind))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, label
    return tuple(spans)


def _argument(token, anchor):
    """The anchor's child whose subtree holds the token (``None``: none does)."""
    node = token
    for _ in range(_MAX_DEPTH + 1):
        if node.head == anchor and node != anchor:
            return node
        if node.head == node:
            return None
        node = node.head
    return None


def _under(doc, spans: tuple[TokenSpan, ...]) -> list[str]:
    """For each token, the role of the nearest coder's span whose root is the token or one of
    its ancestors ("-": none): the words a phrase's modifiers add to the coder's mention."""
    roots = {doc[start:end].root.i: role for start, end, role in spans}
    out = []
    for token in doc:
        node, role = token, "-"
        for _ in range(_MAX_DEPTH + 1):
            if node.i in roots:
                role = roots[node.i]
                break
            if node.head == node:
                break
            node = node.head
        out.append(role)
    return out


def _overlap(a: TokenSpan, b: TokenSpan) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _slot(token, anchor) -> str:
    """How the token hangs from the anchor (trigger or root): the dependency of its ancestor
    that is the anchor's child, with that child's preposition ("prep:against"), and a depth."""
    if token == anchor:
        return "anchor"
    node, depth = token, 0
    while node.head != node and depth < _MAX_DEPTH:
        if node.head == anchor:
            label = node.dep_
            if node.dep_ == "prep":
                label += ":" + node.lower_
            return f"{label}/{min(depth, 3)}"
        node, depth = node.head, depth + 1
    if token.is_ancestor(anchor):
        return "above"
    return "apart"


def _inner_slot(token, anchor) -> str:
    """The dependency one step below the anchor's argument on the way to the token: "pobj" for
    the object of a preposition, "appos" for an apposition."""
    chain = []
    node = token
    while node.head != node and node != anchor and len(chain) < _MAX_DEPTH:
        chain.append(node)
        if node.head == anchor:
            break
        node = node.head
    if len(chain) >= 2 and chain[-1].head == anchor:
        return chain[-2].dep_
    return "-"


def _shape(text: str) -> str:
    out = []
    for char in text[:6]:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def _own(token, tags: list[str], actors: list[str]) -> dict[str, str]:
    return {
        "w": token.lower_,
        "pos": token.pos_,
        "dep": token.dep_,
        "ent": f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O",
        "tid": tags[token.i],
        "act": actors[token.i],
    }


def token_features(doc, marks: EventMarks) -> list[list[str]]:
    """CRF features of each token of a parsed sentence, given the coder's event marks."""
    tags = bio_tags(len(doc), marks.spans)
    roots = [t for t in doc if t.head == t]
    anchor = doc[marks.trigger] if marks.trigger is not None else (roots[0] if roots else None)
    actors = bio_tags(len(doc), marks.actors)
    own = [_own(token, tags, actors) for token in doc]
    under = _under(doc, marks.spans)
    rows = []
    for token in doc:
        i = token.i
        row = [
            "bias",
            f"event={marks.trigger is not None}",
            f"shape={_shape(token.text)}",
            f"suf3={token.lower_[-3:]}",
            f"tag={token.tag_}",
            f"headdep={token.head.dep_}",
            f"headpos={token.head.pos_}",
            f"title={token.is_title}",
            *(f"{key}={value}" for key, value in own[i].items()),
            f"tid+dep={own[i]['tid']}|{token.dep_}",
            f"under={under[i]}",
        ]
        if anchor is not None:
            slot = _slot(token, anchor)
            argument = _argument(token, anchor)
            if argument is not None:
                row += [
                    f"arg.pos={argument.pos_}",
                    f"arg.ent={argument.ent_type_ or '-'}",
                    f"arg.act={actors[argument.i]}",
                    f"arg.under={under[argument.i]}",
                ]
            row += [
                f"slotdep={slot.partition('/')[0]}",
                f"slot={slot}",
                f"inner={_inner_slot(token, anchor)}",
                f"side={'before' if i < anchor.i else 'after' if i > anchor.i else 'at'}",
                f"slot+tid={slot}|{own[i]['tid']}",
                f"anchor={anchor.lemma_.lower()}",
            ]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(doc):
                row += [f"{offset}:{key}={value}" for key, value in own[j].items()]
            else:
                row.append(f"{offset}:edge")
        rows.append(row)
    return rows


class SpanTagger:
    """A trained CRF span tagger (see the module docstring)."""

    def __init__(self, model: bytes) -> None:
        import pycrfsuite

        self.model = model
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(model)

    def tags(self, doc, marks: EventMarks) -> list[str]:
        return list(self._tagger.tag(token_features(doc, marks)))

    def spans(self, doc, marks: EventMarks) -> tuple[TokenSpan, ...]:
        """The tagged spans; where the tagger gives no target at all, the coder's targets that
        overlap no tagged span are kept. (The tagger learns that many of the coder's targets
        are not the gold set's and drops some that are; keeping them raised target F1 in
        cross-validation on the ConfliBERT dev half: overlap 0.680 → 0.712, exact 0.510 →
        0.519, with the sources unchanged.)"""
        tagged = list(bio_spans(self.tags(doc, marks)))
        if not any(role in {"T", "R"} for _, _, role in tagged):
            tagged += [
                span
                for span in marks.spans
                if span[2] == "T" and not any(_overlap(span, other) for other in tagged)
            ]
        return tuple(sorted(tagged))

    def save(self, path: Path) -> None:
        Path(path).write_bytes(self.model)

    @classmethod
    def load(cls, path: Path) -> SpanTagger:
        return cls(Path(path).read_bytes())


def train_span_tagger(
    examples: Iterable[tuple[object, EventMarks, Sequence[TokenSpan]]],
    *,
    c1: float = 0.1,
    c2: float = 0.01,
    iterations: int = 100,
) -> SpanTagger:
    """Train a tagger on (parsed sentence, the coder's marks, gold spans) examples.

    c1/c2 (L1/L2 weights) and the iteration count were chosen among five settings by
    cross-validation on the ConfliBERT dev half (``tidings eval conflibert``); all five were
    within 0.015 exact F1 of each other. The test half was never used."""
    try:
        import pycrfsuite
    except ImportError:
        raise ResourceError(
            "the span tagger needs python-crfsuite: pip install 'tidings[learned]'"
        ) from None
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for doc, marks, gold in examples:
        trainer.append(token_features(doc, marks), bio_tags(len(doc), gold))
        count += 1
    if not count:
        raise ResourceError("no sentences to train the span tagger on")
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spans.crfsuite"
        trainer.train(str(path))
        return SpanTagger(path.read_bytes())
