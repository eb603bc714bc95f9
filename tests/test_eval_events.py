"""The conflibert and plover eval tasks: loading, the hash split, the scoring helpers (on
hand-made predictions, so that they do not depend on the lexicons), and each task end to end on
small invented gold files."""

import importlib.util
import io
import json
from dataclasses import replace

import pytest
import spacy
from rich.console import Console
from spacy.tokens import Doc
from typer.testing import CliRunner

from tidings.cli import app
from tidings.config import Settings
from tidings.eval import TASKS, conflibert, plover
from tidings.eval.conflibert import (
    SpanScores,
    SpanSentence,
    baseline_spans,
    bio_spans,
    cameo_class,
    event_marks,
    load_classes,
    load_spans,
    locate,
    match,
    tidings_spans,
    to_tokens,
    token_offsets,
)
from tidings.eval.metrics import Labels, half, majority
from tidings.records import (
    Actor,
    ActorMention,
    Article,
    CodedDocument,
    Event,
    Span,
    TextInfo,
)

# Invented sentences: two fall in the dev half, two in the test half.
CLASS_TSV = (
    "The foreign minister of Norland said the talks would resume.\t0\r\n"
    "Velmora demanded that Norland withdraw its troops.\t3\r\n"
    "The Harbour Party accused the Velmoran government of fraud.\t3\r\n"
    "Rebels attacked an army post near the border.\t4\r\n"
)

SPAN_CONLL = """\
Velmora B-R
and O
Norland B-R
clashed O
near O
the O
border O
. O

The B-S
Harbour I-S
Party I-S
criticised O
Velmora B-T
. O
"""

PLOVER_RECORDS = [
    {"id": "DOC-1", "event": "DOCUMENT", "comment": "documentation, not an event"},
    {
        "id": "GSR-DEMAND-1",
        "date": "2001-05-02",
        "event": "DEMAND",
        "text": "Velmora demanded that Norland withdraw its troops.",
    },
    {
        "id": "GSR-FIGHT-1",
        "event": "FIGHT",
        "text": "Norland troops fought Velmoran rebels near the border on Sunday.",
    },
    {
        "id": "GSR-AGREE-1",
        "date": "2001-05-03",
        "event": "AGREE",
        "text": "Norland and Velmora agreed to reopen their embassies.",
    },
    {"id": "GSR-NOTEXT-1", "event": "PROTEST"},
]


@pytest.fixture
def shared_pipeline(pipeline, monkeypatch):
    """The tasks build their own pipeline; hand them the session's (the model loads once)."""
    monkeypatch.setattr("tidings.run.Pipeline", lambda settings=None: pipeline)
    return pipeline


def _console() -> Console:
    return Console(file=io.StringIO(), width=120, color_system=None)


# ---------------------------------------------------------------------------------------------
# Split, classes, scores


def test_hash_split_is_stable_and_ignores_whitespace():
    assert half("Velmora demanded that Norland withdraw its troops.") == "dev"
    assert half("Rebels attacked an army post near the border.") == "test"
    assert half("The Harbour Party criticised Velmora .") == "dev"
    assert half("The  Harbour Party\tcriticised Velmora.") == "dev"
    assert half("Velmora and Norland clashed near the border .") == "test"


def test_cameo_roots_map_onto_the_five_classes():
    expected = {
        "010": "0",
        "0211": "0",
        "036": "1",
        "046": "1",
        "057": "1",
        "061": "2",
        "0871": "2",
        "090": "3",
        "112": "3",
        "138": "3",
        "160": "3",
        "141": "4",
        "150": "4",
        "173": "4",
        "190": "4",
        "204": "4",
    }
    assert {code: cameo_class(code) for code in expected} == expected
    assert cameo_class("") is None
    assert cameo_class(None) is None
    assert cameo_class("21") is None
    assert cameo_class("X1") is None


def test_labels_count_a_missing_prediction_against_recall_only():
    scores = Labels()
    for gold, predicted in [("a", "a"), ("a", None), ("b", "a"), ("b", "b"), ("c", None)]:
        scores.add(gold, predicted)
    assert scores.accuracy == pytest.approx(2 / 5)
    assert scores.coverage == pytest.approx(3 / 5)
    a, b, c = scores.label("a"), scores.label("b"), scores.label("c")
    assert (a.tp, a.fp, a.fn) == (1, 1, 1)
    assert (b.tp, b.fp, b.fn) == (1, 0, 1)
    assert (c.tp, c.fp, c.fn) == (0, 0, 1)
    assert scores.macro_f1() == pytest.approx((0.5 + 2 / 3 + 0) / 3)
    # Over a fixed label set, a label with no gold and no prediction scores 0.
    assert scores.macro_f1(["a", "b", "c", "d"]) == pytest.approx((0.5 + 2 / 3) / 4)


def test_majority_prefers_the_smallest_of_equals():
    assert majority(["3", "0", "3", "0", "4"]) == "0"
    assert majority(["REJECT", "AGREE", "REJECT"]) == "REJECT"
    assert majority([]) is None


# ---------------------------------------------------------------------------------------------
# Gold files


def test_class_file_reads_crlf_lines(tmp_path):
    path = tmp_path / "train.tsv"
    path.write_bytes(CLASS_TSV.encode())
    sentences = load_classes(path)
    assert [s.label for s in sentences] == ["0", "3", "3", "4"]
    assert sentences[3].text == "Rebels attacked an army post near the border."


def test_span_file_reads_roles(tmp_path):
    path = tmp_path / "train.txt"
    path.write_text(SPAN_CONLL, encoding="utf-8")
    first, second = load_spans(path)
    assert first.text == "Velmora and Norland clashed near the border ."
    assert first.spans == ((0, 1, "R"), (2, 3, "R"))
    assert second.spans == ((0, 3, "S"), (4, 5, "T"))
    # an I- tag with no B- before it opens a span; a change of role closes one
    assert bio_spans(["O", "I-S", "I-S", "I-T", "O"]) == ((1, 3, "S"), (3, 4, "T"))


def test_plover_records_skip_documentation_and_map_old_labels(tmp_path):
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    records = plover.load(path)
    assert [(r.id, r.original, r.label, r.date) for r in records] == [
        ("GSR-DEMAND-1", "DEMAND", "REQUEST", "2001-05-02"),
        ("GSR-FIGHT-1", "FIGHT", "ASSAULT", None),
        ("GSR-AGREE-1", "AGREE", "AGREE", "2001-05-03"),
    ]
    assert plover.LABELS["DISAPPROVE"] == plover.LABELS["INVESTIGATE"] == "ACCUSE"


# ---------------------------------------------------------------------------------------------
# Span matching and span prediction


def test_exact_and_overlap_matching_with_reciprocal_roles():
    gold = [(0, 3, "S"), (4, 5, "T"), (7, 9, "R")]
    predicted = [(1, 3, "S"), (4, 5, "S"), (7, 9, "T"), (10, 11, "T")]
    # exact: only (7, 9) has the same boundaries, and a gold R accepts a predicted T
    assert match(predicted, gold, exact=True) == [(2, 2)]
    # overlap: (1, 3) shares tokens with (0, 3); a predicted S cannot match a gold T
    assert match(predicted, gold, exact=False) == [(0, 0), (2, 2)]
    # one to one: the span sharing the most tokens wins, the other goes unmatched
    assert match([(0, 2, "S"), (0, 5, "S")], [(0, 5, "S")], exact=False) == [(1, 0)]
    # a predicted R matches a gold S or T, preferring an equal role when overlaps tie
    assert match([(0, 2, "R")], [(0, 2, "T"), (0, 2, "R")], exact=True) == [(0, 1)]


def test_span_scores_per_role_and_overall():
    exact = SpanScores(exact=True)
    overlap = SpanScores(exact=False)
    gold = ((0, 3, "S"), (4, 5, "T"), (7, 9, "R"))
    predicted = [(1, 3, "S"), (4, 5, "T"), (7, 8, "R"), (8, 9, "R")]
    exact.add(predicted, gold)
    overlap.add(predicted, gold)
    assert (exact.roles["target"].precision, exact.roles["target"].recall) == (1.0, 1.0)
    assert exact.roles["source"].f1 == 0.0
    assert (exact.roles["all"].right_predicted, exact.roles["all"].gold) == (1, 3)
    # overlap: the gold R takes one of the two predicted R halves, one to one
    assert overlap.roles["reciprocal"].precision == 0.5
    assert overlap.roles["reciprocal"].recall == 1.0
    assert overlap.roles["all"].precision == pytest.approx(3 / 4)
    assert overlap.roles["all"].recall == 1.0


def test_character_spans_map_onto_gold_tokens():
    tokens = ("The", "Harbour", "Party", "criticised", "Velmora", ".")
    offsets = token_offsets(tokens)
    assert offsets[1] == (4, 11)
    assert to_tokens(4, 17, offsets) == (1, 3)
    assert to_tokens(5, 6, offsets) == (1, 2)  # a partial token counts as the token
    assert to_tokens(11, 12, offsets) is None  # a space alone
    text = " ".join(tokens)
    # Cleaned text that differs from the input: the span is found by its text instead.
    cleaned = "  " + text.replace("Harbour Party", "Harbour  Party")
    assert locate(Span(2, 7, "The H"), text, text) == (2, 7)
    assert locate(Span(6, 22, "Harbour  Party"), cleaned, text) == (4, 17)
    assert locate(Span(26, 33, "Velmora"), cleaned, text) == (29, 36)
    assert locate(Span(0, 5, "Gondor"), cleaned, text) is None


def _coded(text: str, *events: tuple[float, tuple, tuple]) -> CodedDocument:
    article = Article("doc", "test", text)
    info = TextInfo(0, 0, len(text), text)
    return CodedDocument(
        article,
        events=tuple(
            Event(
                f"e{i}",
                "doc",
                tuple(Actor(s.text) for s in actors),
                tuple(Actor(s.text) for s in recipients),
                "ACCUSE",
                "112",
                TextInfo(
                    info.sequence,
                    info.start,
                    info.end,
                    info.sentence,
                    actor_spans=actors,
                    recipient_spans=recipients,
                ),
                "test",
                confidence=confidence,
            )
            for i, (confidence, actors, recipients) in enumerate(events)
        ),
    )


def test_tidings_spans_come_from_the_most_confident_event_and_reciprocal_actors():
    sentence = SpanSentence(
        "s", ("The", "Harbour", "Party", "criticised", "Velmora", "."), ((0, 3, "S"), (4, 5, "T"))
    )
    text = sentence.text
    party, velmora = Span(0, 17, "The Harbour Party"), Span(29, 36, "Velmora")
    coded = _coded(text, (0.5, (velmora,), ()), (0.9, (party,), (velmora,)), (0.9, (velmora,), ()))
    assert tidings_spans(coded, sentence) == ([(0, 3, "S"), (4, 5, "T")], 0)
    # no recipient and two actors: both are reciprocal
    coded = _coded(text, (0.7, (party, velmora), ()))
    assert tidings_spans(coded, sentence) == ([(0, 3, "R"), (4, 5, "R")], 0)
    # one actor and no recipient stays a source; a span not in the text is counted as lost
    coded = _coded(text, (0.7, (party, Span(50, 56, "Gondor")), (Span(60, 61, "X"),)))
    assert tidings_spans(coded, sentence) == ([(0, 3, "S")], 2)
    assert tidings_spans(_coded(text), sentence) == ([], 0)
    assert tidings_spans(None, sentence) == ([], 0)


def test_event_marks_place_the_trigger_and_every_actor_mention_in_the_tokens():
    sentence = SpanSentence(
        "s", ("The", "Harbour", "Party", "criticised", "Velmora", "."), ((0, 3, "S"), (4, 5, "T"))
    )
    text = sentence.text
    party, velmora = Span(0, 17, "The Harbour Party"), Span(29, 36, "Velmora")
    coded = _coded(text, (0.9, (party,), (velmora,)))
    event = replace(
        coded.events[0],
        text_info=replace(coded.events[0].text_info, trigger=Span(18, 28, "criticised")),
    )
    mentions = (
        ActorMention("m1", "doc", Actor("The Harbour Party"), 0, 17, 0),
        ActorMention("m2", "doc", Actor("Velmora", code="VLM"), 29, 36, 0),
    )
    marks = event_marks(replace(coded, events=(event,), actors=mentions), sentence)
    assert marks.spans == ((0, 3, "S"), (4, 5, "T"))
    assert marks.trigger == 3
    assert marks.actors == ((0, 3, "U"), (4, 5, "A"))
    assert event_marks(None, sentence).trigger is None


def test_baseline_takes_noun_chunks_of_subject_and_object():
    vocab = spacy.blank("en").vocab

    def doc(words, heads, deps, pos):
        return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)

    transitive = doc(
        ["The", "Harbour", "Party", "criticised", "the", "Velmoran", "army", "."],
        [2, 2, 3, 3, 6, 6, 3, 3],
        ["det", "compound", "nsubj", "ROOT", "det", "amod", "dobj", "punct"],
        ["DET", "PROPN", "PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"],
    )
    assert baseline_spans(transitive) == [(0, 3, "S"), (4, 7, "T")]
    prepositional = doc(
        ["Velmora", "appealed", "to", "the", "council", "."],
        [1, 1, 1, 4, 2, 1],
        ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
        ["PROPN", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
    )
    assert baseline_spans(prepositional) == [(0, 1, "S"), (3, 5, "T")]


# ---------------------------------------------------------------------------------------------
# The tasks end to end


def test_tasks_are_registered():
    assert TASKS["conflibert"] is conflibert
    assert TASKS["plover"] is plover
    assert str(conflibert.DEFAULT) == "events/conflibert/cameo_class/train.tsv"
    assert str(plover.DEFAULT) == "events/plover/PLOVER_GSR_CAMEO.txt"


def test_plover_run_scores_splits_beside_the_majority_baseline(tmp_path, shared_pipeline):
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    records = plover.load(path)
    # the DEMAND record is the dev half; the others are held out
    assert [half(r.text) for r in records] == ["dev", "test", "test"]
    console = _console()
    scores = plover.run(path, settings=Settings.load(), console=console)
    baseline = "REQUEST"  # the dev half's majority, mapped from DEMAND
    assert scores["dev"]["majority"]["accuracy"] == 1.0
    assert scores["test"]["majority"]["accuracy"] == 0.0
    assert scores["all"]["majority"]["accuracy"] == pytest.approx(1 / 3)
    assert scores["all"]["majority"]["macro_f1"] == pytest.approx((1 / 2) / 3)
    assert scores["all"]["majority"]["coverage"] == 1.0
    for split in ("dev", "test", "all"):
        assert 0.0 <= scores[split]["tidings"]["accuracy"] <= scores[split]["tidings"]["coverage"]
    printed = console.file.getvalue()
    assert f"majority {baseline}" in printed
    assert "REQUEST (+ DEMAND)" in printed
    assert "ASSAULT (+ FIGHT)" in printed


def test_conflibert_run_on_a_folder_scores_classes_and_spans(tmp_path, shared_pipeline):
    (tmp_path / "cameo_class").mkdir()
    (tmp_path / "cameo_ner").mkdir()
    (tmp_path / "cameo_class" / "train.tsv").write_bytes(CLASS_TSV.encode())
    (tmp_path / "cameo_ner" / "train.txt").write_text(SPAN_CONLL, encoding="utf-8")
    console = _console()
    scores = conflibert.run(tmp_path, settings=Settings.load(), console=console, show_errors=5)
    classes = scores["classes"]
    # dev holds classes 0 and 3: the baseline predicts 0 (the smaller of equals) everywhere
    assert classes["dev"]["majority"]["accuracy"] == 0.5
    assert classes["dev"]["majority"]["macro_f1"] == pytest.approx((2 / 3) / 5)
    assert classes["test"]["majority"]["accuracy"] == 0.0
    assert classes["all"]["majority"]["accuracy"] == 0.25
    for split in ("dev", "test", "all"):
        tidings = classes[split]["tidings"]
        assert 0.0 <= tidings["accuracy"] <= tidings["coverage"] <= 1.0
    spans = scores["spans"]
    assert (spans["dev"]["sentences"], spans["test"]["sentences"]) == (1, 1)
    # the baseline's parse is the model's, but its scores are well-formed per role
    for role in ("source", "target", "reciprocal", "all"):
        assert 0.0 <= spans["all"]["spacy"][role]["exact_f1"] <= 1.0
        assert (
            spans["all"]["tidings"][role]["exact_f1"] <= spans["all"]["tidings"][role]["overlap_f1"]
        )
    # the span tagger is trained on the dev sentence and scored beside the others
    if importlib.util.find_spec("pycrfsuite") is not None:
        for role in ("source", "target", "all"):
            assert 0.0 <= spans["test"]["tagger"][role]["exact_f1"] <= 1.0
    printed = console.file.getvalue()
    assert "majority class 0" in printed
    assert "held out" in printed


def test_cli_runs_plover_with_data_option(tmp_path, shared_pipeline):
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(PLOVER_RECORDS), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "plover", "--data", str(path)])
    assert result.exit_code == 0, result.output
    assert "PLOVER gold records (3 texts" in result.output


def test_petrarch_baseline_takes_the_first_two_coded_actors_in_order():
    from tidings.eval.petrarch import baseline_triples

    article = Article(doc_id="doc", source="test", text="Velmora and Ostrava met Korin.")
    mentions = (
        ActorMention("m3", "doc", Actor("Korin", cameo="KOR"), 24, 29, 0),
        ActorMention("m1", "doc", Actor("Velmora", cameo="VLM"), 0, 7, 0),
        ActorMention("m2", "doc", Actor("Ostrava"), 12, 19, 0),  # uncoded: skipped
    )
    coded = CodedDocument(article=article, actors=mentions)
    assert dict(baseline_triples(coded, "041")) == {("VLM", "KOR", "041"): 1}
    assert not baseline_triples(CodedDocument(article=article, actors=mentions[:1]), "041")
    assert not baseline_triples(None, "041")
