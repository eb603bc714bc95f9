"""The CrossNER scorer: label mapping, unscored gold types, and exact-span prediction."""

import spacy

from tidings.eval.ner import _outside, load, predict

CONLL = """\
The\tO
Harbour\tB-politicalparty
Party\tI-politicalparty
won\tO
the\tO
2019\tB-election
Norland\tI-election
general\tI-election
election\tI-election
under\tO
Ana\tB-politician
Reyes\tI-politician
in\tO
Norland\tB-country
.\tO

Ana\tB-person
spoke\tO
.\tO
"""


def test_gold_spans_are_mapped_and_other_types_set_aside(tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(CONLL, encoding="utf-8")
    (tokens, gold, unscored), (tokens2, gold2, _) = load(path)
    assert tokens[1:3] == ["Harbour", "Party"]
    assert sorted(gold) == [(1, 3, "ORG"), (10, 12, "PER"), (13, 14, "LOC")]
    assert unscored == [(5, 9)]
    assert list(gold2) == [(0, 1, "PER")]


def test_prediction_on_given_tokens_maps_spacy_labels(tmp_path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Harbour Party"},
            {"label": "GPE", "pattern": "Norland"},
            {"label": "NORP", "pattern": "Norlanders"},
        ]
    )
    tokens = [
        "The",
        "Harbour",
        "Party",
        "won",
        "the",
        "2019",
        "Norland",
        "general",
        "election",
        "in",
        "Norland",
        ".",
    ]
    predicted = predict(nlp, tokens)
    assert sorted(predicted) == [(1, 3, "ORG"), (6, 7, "LOC"), (10, 11, "LOC")]
    # "Norland" inside the gold election span is neither right nor wrong.
    assert sorted(_outside(predicted, [(5, 9)])) == [(1, 3, "ORG"), (10, 11, "LOC")]


def test_entity_fixer_trims_names_keeps_known_types_and_surnames():
    from tidings.nlp import EntityFixer

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": [{"LOWER": "the"}, {"TEXT": "Harbour"}, {"TEXT": "Party"}]},
            {"label": "PERSON", "pattern": [{"TEXT": "Ana"}, {"TEXT": "Reyes"}, {"TEXT": "'s"}]},
            {"label": "GPE", "pattern": [{"TEXT": "The"}, {"TEXT": "Hague"}]},
            {"label": "LANGUAGE", "pattern": [{"TEXT": "Velmora"}]},
            {"label": "ORG", "pattern": [{"TEXT": "Reyes"}]},
        ]
    )
    fixer = EntityFixer(names={"Velmora": "GPE"})
    doc = fixer(
        nlp("The Harbour Party backed Ana Reyes's plan in The Hague. Reyes flew to Velmora.")
    )
    # Sentence-initial "The" goes; "The" inside the sentence is part of the name. A known
    # place stays a place whatever the model says, and a surname stays a person.
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Harbour Party", "ORG"),
        ("Ana Reyes", "PERSON"),
        ("The Hague", "GPE"),
        ("Reyes", "PERSON"),
        ("Velmora", "GPE"),
    ]
