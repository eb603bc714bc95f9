"""The learned span tagger (events.spans) on hand-built parses of sentences we wrote."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from tidings.events.spans import (
    EventMarks,
    SpanTagger,
    bio_spans,
    bio_tags,
    token_features,
    train_span_tagger,
)

VOCAB = spacy.blank("en").vocab


def _clause(subject: list[str], verb: str, obj: list[str], place: str | None = None) -> Doc:
    """A parse of "<subject> <verb> the <obj...> [in <place>] .": the last word of the subject
    and of the object are their heads."""
    v, o = len(subject), len(subject) + 1 + len(obj)
    words = [*subject, verb, "the", *obj]
    heads = [v - 1] * (v - 1) + [v] + [v] + [o] * len(obj) + [v]
    deps = ["compound"] * (v - 1) + ["nsubj", "ROOT", "det"] + ["amod"] * (len(obj) - 1)
    deps.append("dobj")
    pos = ["PROPN"] * v + ["VERB", "DET"] + ["ADJ"] * (len(obj) - 1) + ["NOUN"]
    if place is not None:
        at = len(words)
        words += ["in", place]
        heads += [o, at]
        deps += ["prep", "pobj"]
        pos += ["ADP", "PROPN"]
    words.append(".")
    heads.append(v)
    deps.append("punct")
    pos.append("PUNCT")
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos)


def test_bio_tags_and_spans_round_trip():
    spans = ((0, 2, "S"), (3, 6, "T"))
    tags = bio_tags(7, spans)
    assert tags == ["B-S", "I-S", "O", "B-T", "I-T", "I-T", "O"]
    assert bio_spans(tags) == spans
    assert bio_tags(3, [(0, 2, "S"), (1, 3, "T")]) == ["B-S", "I-S", "O"]  # no overwriting


def test_features_say_how_a_token_hangs_from_the_trigger_and_what_the_coder_marked():
    doc = _clause(["Velmora"], "shelled", ["northern", "villages"], place="Ostrana")
    assert [t.text for t in doc] == [
        *("Velmora", "shelled", "the", "northern", "villages", "in", "Ostrana", "."),
    ]
    marks = EventMarks(spans=((0, 1, "S"), (4, 5, "T")), trigger=1, actors=((0, 1, "A"),))
    rows = token_features(doc, marks)
    assert "slot=nsubj/0" in rows[0] and "act=B-A" in rows[0] and "tid=B-S" in rows[0]
    assert "slot=dobj/0" in rows[4] and "tid=B-T" in rows[4]
    # the determiner and the place are outside the coder's span but under its head
    assert "slot=dobj/1" in rows[2] and "under=T" in rows[2] and "tid=O" in rows[2]
    assert "inner=prep" in rows[5] and "under=T" in rows[6]
    # without an event, the root is the anchor
    assert "slot=dobj/0" in token_features(doc, EventMarks())[4]


def test_tagger_learns_a_boundary_convention_the_coder_does_not_follow():
    """The gold marks whole objects ("the northern villages"); the coder marks the noun alone.
    Trained on such sentences, the tagger widens the coder's span on a sentence it never saw."""
    pytest.importorskip("pycrfsuite")
    subjects = [["Velmora"], ["Ostrana"], ["Harbour", "Party"], ["Kelvar"], ["Dunmere"]]
    objects = [["northern", "villages"], ["border", "posts"], ["old", "harbour"], ["convoy"]]
    examples = []
    for subject in subjects:
        for obj in objects:
            doc = _clause(subject, "attacked", obj)
            s_end, head = len(subject), len(doc) - 2
            marks = EventMarks(((0, s_end, "S"), (head, head + 1, "T")), trigger=s_end)
            gold = ((0, s_end, "S"), (s_end + 1, head + 1, "T"))
            examples.append((doc, marks, gold))
    tagger = train_span_tagger(examples)
    new = _clause(["Marrow"], "attacked", ["eastern", "depots"])
    marks = EventMarks(((0, 1, "S"), (4, 5, "T")), trigger=1)
    assert tagger.spans(new, marks) == ((0, 1, "S"), (2, 5, "T"))


def test_a_saved_tagger_loads_and_tags_the_same(tmp_path):
    pytest.importorskip("pycrfsuite")
    doc = _clause(["Velmora"], "attacked", ["convoy"])
    marks = EventMarks(((0, 1, "S"), (3, 4, "T")), trigger=1)
    tagger = train_span_tagger([(doc, marks, ((0, 1, "S"), (2, 4, "T")))] * 3)
    tagger.save(tmp_path / "spans.crfsuite")
    loaded = SpanTagger.load(tmp_path / "spans.crfsuite")
    assert loaded.tags(doc, marks) == tagger.tags(doc, marks)


def test_the_coders_target_is_kept_where_the_tagger_gives_none():
    """Trained on sentences whose gold has no target, the tagger tags none; the coder's target
    that overlaps no tagged span stays."""
    pytest.importorskip("pycrfsuite")
    examples = []
    for subject in (["Velmora"], ["Ostrana"], ["Kelvar"]):
        doc = _clause(subject, "attacked", ["convoy"])
        examples.append((doc, EventMarks(((0, 1, "S"),), trigger=1), ((0, 1, "S"),)))
    tagger = train_span_tagger(examples * 3)
    doc = _clause(["Marrow"], "attacked", ["convoy"])
    marks = EventMarks(((0, 1, "S"), (3, 4, "T")), trigger=1)
    assert "B-T" not in tagger.tags(doc, marks)
    assert tagger.spans(doc, marks) == ((0, 1, "S"), (3, 4, "T"))
