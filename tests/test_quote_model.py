"""The learned cue scorer of the quotes stage: the brat reader it trains on, training, the model
file, and its use in the stage (a cue the lexicon lacks added, an unlikely one dropped). The
articles and annotations are invented (``fixtures/quotes/brat``)."""

from __future__ import annotations

import json

import pytest

from tidings import resources
from tidings.errors import InputError, ResourceError
from tidings.quotes import QuoteFinder
from tidings.quotes.brat import read_ann, read_folder
from tidings.quotes.learned import QuoteModel, examples, fit
from tidings.records import Article

from .conftest import FIXTURES

BRAT = FIXTURES / "quotes" / "brat"


def _parse(pipeline, text: str, name: str = "t"):
    return next(iter(pipeline.parser.pipe([Article(doc_id=name, source=name, text=text)])))


def _finder(model: QuoteModel | None = None) -> QuoteFinder:
    from tidings.config import Settings

    return QuoteFinder(
        resources.actor_resolver(Settings.load()), resources.cue_lexicon(), model=model
    )


# -- the brat reader ----------------------------------------------------------------------------


def test_a_folder_of_texts_beside_their_annotations_is_read_in_name_order():
    annotated = read_folder(BRAT)
    assert [a.name for a in annotated] == ["depot", "harbour_vote", "night_buses"]
    depot = annotated[0]
    [(start, end)] = depot.attributions[0].cue
    assert depot.text[start:end] == "mulled"
    [(start, end)] = depot.attributions[1].source
    assert depot.text[start:end] == "A spokeswoman"


def test_the_polnear_layout_takes_the_first_annotators_file(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text("Ames said no.", encoding="utf-8")
    (tmp_path / "attributions" / "a_2.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "a_1.ann").write_text(
        "T1\tCue 5 9\tsaid\nT2\tContent 10 12\tno\nE1\tAttribution-no-source:T1 Content:T2"
        " Cue:T1\n",
        encoding="utf-8",
    )
    [article] = read_folder(tmp_path)
    [attribution] = article.attributions
    assert attribution.content == ((10, 12),) and attribution.source == ()


@pytest.mark.parametrize(
    ("ann", "where", "message"),
    [
        ("T1\tCue five 9\tsaid\n", ":1", "unreadable"),
        ("T1\tCue 5 9\tsaid\nE1\tAttribution:T1 Content:T7 Cue:T1\n", ":2", "no span T7"),
        ("T1\tContent 5 900\tsaid\n", ":1", "outside the text"),
    ],
)
def test_a_bad_annotation_line_names_the_file_and_line(tmp_path, ann, where, message):
    path = tmp_path / "a.ann"
    path.write_text(ann, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_ann(path, "Ames said no.")
    assert str(caught.value).startswith(f"{path}{where}:")


def test_a_text_without_annotations_is_an_error_naming_it(tmp_path):
    (tmp_path / "lone.txt").write_text("Ames said no.", encoding="utf-8")
    with pytest.raises(InputError, match="lone.txt: no annotation file"):
        read_folder(tmp_path)


# -- training -----------------------------------------------------------------------------------


@pytest.mark.model
def test_gold_cues_are_the_positive_candidates(pipeline):
    finder = _finder()
    labelled = {}
    for item in read_folder(BRAT):
        parsed = _parse(pipeline, item.text, item.name)
        for facts, label in examples(finder, parsed, item.attributions):
            lemma = next(f for f in facts if f.startswith("lemma="))[6:]
            labelled.setdefault(lemma, set()).add(label)
    assert labelled["ponder"] == {True}  # not in the lexicon: a candidate all the same
    assert labelled["say"] == {True}
    assert labelled["repair"] == labelled["build"] == {False}  # objects, but no attributions


@pytest.mark.model
def test_a_trained_model_ranks_its_gold_cues_first_and_survives_the_file(pipeline, tmp_path):
    finder = _finder()
    annotated = read_folder(BRAT)
    model = fit(annotated, finder, pipeline.parser, name="fixture", threshold=0.5, veto=0.1)
    assert model.trained_on["texts"] == 3 and model.trained_on["attributions"] == 6
    rows = [
        row
        for item in annotated
        for row in examples(finder, _parse(pipeline, item.text, item.name), item.attributions)
    ]
    positive = [model.probability(f) for f, label in rows if label]
    negative = [model.probability(f) for f, label in rows if not label]
    assert min(positive) > max(negative)
    model.save(tmp_path / "m.json")
    again = QuoteModel.load(tmp_path / "m.json")
    assert (again.name, again.threshold, again.veto) == ("fixture", 0.5, 0.1)
    assert [round(again.probability(f), 4) for f, _ in rows] == [
        round(model.probability(f), 4) for f, _ in rows
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "not a quote model file"),
        (json.dumps({"format": 9}), "format 1"),
        (json.dumps({"format": 1, "name": "x", "bias": 0, "threshold": 0.5}), "weights"),
    ],
)
def test_a_bad_model_file_is_a_resource_error_naming_it(tmp_path, body, message):
    path = tmp_path / "m.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ResourceError, match=message) as caught:
        QuoteModel.load(path)
    assert str(path) in str(caught.value)


# -- the model in the stage ---------------------------------------------------------------------

PONDER = QuoteModel("hand", {"lemma=ponder": 4.0, "lemma=say": 4.0}, bias=-2.0, veto=0.5)


@pytest.mark.model
def test_a_cue_the_lexicon_lacks_is_added_with_its_provenance(pipeline):
    text = "Councillor Ben Arlo pondered whether the buses could run all night."
    parsed = _parse(pipeline, text)
    assert _finder()(parsed) == []  # the rules alone: "ponder" is no cue
    [quote] = _finder(PONDER)(parsed)
    assert quote.text == "whether the buses could run all night"
    assert (quote.cue, quote.cue_kind, quote.rule) == ("ponder", "other", "model:hand")
    assert quote.speaker_span.text == "Councillor Ben Arlo"
    assert quote.confidence == pytest.approx(0.8808, abs=1e-3)


@pytest.mark.model
def test_an_unlikely_lexicon_cue_is_vetoed_and_a_likely_one_kept_with_its_rule(pipeline):
    text = "Ames said that the depot would close. Ames stressed that the jobs would stay."
    parsed = _parse(pipeline, text)
    assert [q.cue for q in _finder()(parsed)] == ["say", "stress"]
    [kept] = _finder(PONDER)(parsed)  # "stress" has no weight: 0.12 is under the veto
    assert (kept.cue, kept.rule) == ("say", "speech_verbs.tsv:say")
    assert kept.confidence == pytest.approx(0.8808, abs=1e-3)


@pytest.mark.model
def test_tidings_code_reads_the_model_named_in_the_environment(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from tidings.cli import app
    from tidings.store import run_query

    PONDER.save(tmp_path / "hand.json")
    article = tmp_path / "arlo.txt"
    article.write_text(
        "Night buses\n\nCouncillor Ben Arlo pondered whether the buses could run all night.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TIDINGS_QUOTE_MODEL", str(tmp_path / "hand.json"))
    out = tmp_path / "store"
    result = CliRunner().invoke(app, ["code", str(article), "--out", str(out)])
    assert result.exit_code == 0, result.output
    _, rows = run_query(out, "SELECT text, cue, rule, round(confidence, 2) FROM quotes")
    assert rows == [("whether the buses could run all night", "ponder", "model:hand", 0.88)]


@pytest.mark.model
def test_train_quotes_writes_a_model_the_stage_can_read(tmp_path):
    from typer.testing import CliRunner

    from tidings.cli import app

    result = CliRunner().invoke(app, ["train-quotes", str(BRAT), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    model = resources.quote_model(tmp_path / "m.json")
    assert model.name == "m" and model.trained_on["candidates"] > 6


@pytest.mark.model
def test_the_quotes_eval_scores_the_rules_and_a_model_trained_on_the_train_folder(tmp_path):
    import shutil

    from rich.console import Console

    from tidings.config import Settings
    from tidings.eval import quotes as quote_eval

    for split in ("train", "dev"):
        shutil.copytree(BRAT, tmp_path / split)
    console = Console(record=True, width=200)
    results = quote_eval.run(tmp_path / "dev", settings=Settings.load(), console=console)
    assert set(results["systems"]) == {"rules", "rules + model"}
    assert results["overlap"] is results["systems"]["rules"]["overlap"]  # the rules stay the figure
    model = results["systems"]["rules + model"]["overlap"]
    assert model.tp + model.fn == 6  # the same six gold attributions of dev
    assert "cue scorer trained on 3 train articles" in console.export_text()
