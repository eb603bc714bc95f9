"""Quotes: quote marks in every typography, attributions from the parse, speakers resolved to
actors, the cue lexicon, and the PolNeAR scorer. The articles are invented
(``fixtures/quotes``)."""

from __future__ import annotations

import pytest

import tidings
from tidings import resources
from tidings.errors import ResourceError
from tidings.eval import quotes as quote_eval
from tidings.quotes import CueLexicon, find_marked
from tidings.records import Article

from .conftest import FIXTURES


def _attributions(pipeline, text: str) -> list[tuple]:
    """(cue, source span, content) of each quote the pipeline finds in ``text``."""
    coded = tidings.code_text(text, pipeline=pipeline)
    return [(q.cue, q.speaker_span.text, q.text) for q in coded.quotes]


QUOTES = FIXTURES / "quotes"


# -- quote marks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“We are ready,” she said.", ["We are ready"]),
        ('"We are ready," she said.', ["We are ready"]),
        ("He said: «We are ready.»", ["We are ready."]),
        ("He said: » We are ready « today.", ["We are ready"]),
        ("Er sagte: „Wir sind bereit.“", ["Wir sind bereit."]),
        ("''We are ready,'' she said.", ["We are ready"]),
        ("``We are ready,'' she said.", ["We are ready"]),
        ("“The plan ‘works’ well,” he said.", ["The plan ‘works’ well"]),
        ("“No,” she said, “not this year.”", ["No", "not this year."]),
        ("It's the farmers' choice, isn't it?", []),
    ],
)
def test_quote_marks_in_every_typography(text, quoted):
    assert [text[m.start : m.end] for m in find_marked(text)] == quoted


def test_a_quote_runs_over_paragraphs_that_reopen_with_a_quote_mark():
    text = "“First we build.\n\n“Then we talk,” he said.\n\nAfter that, “silence” fell."
    found = find_marked(text)
    assert [(text[m.start : m.end], m.paragraphs) for m in found] == [
        ("First we build.\n\n“Then we talk", 2),
        ("silence", 1),
    ]


def test_a_quote_that_never_closes_is_dropped():
    assert find_marked("“We will see.\n\nThe minister left.") == []


# -- the cue lexicon --------------------------------------------------------------------------


def test_speech_verbs_stay_the_coders_frozenset_of_reporting_verbs():
    verbs = resources.speech_verbs()
    assert isinstance(verbs, frozenset) and {"say", "tell", "announce"} <= verbs
    assert not {"think", "want", "according to", "urge"} & verbs  # quotes-only cues


def test_cue_lexicon_kinds_and_frames():
    cues = resources.cue_lexicon()
    assert (cues.get("say").kind, cues.get("say").id) == ("speech", "speech_verbs.tsv:say")
    assert cues.get("believe").kind == "belief" and cues.get("want").kind == "intent"
    assert [c.frame for c in cues.phrases["according"]] == ["source"]


def _lexicon(tmp_path, cues_rows: str):
    speech = tmp_path / "speech.tsv"
    speech.write_text("id\tlemma\tframe\tnote\nsay\tsay\tclause\t\n", encoding="utf-8")
    cues = tmp_path / "cues.tsv"
    cues.write_text("id\tcue\tkind\tframe\tnote\n" + cues_rows, encoding="utf-8")
    return speech, cues


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("hope\thope\twish\tclause\t\n", "cues.tsv:2: kind 'wish'"),
        ("hope\thope\tintent\tverb\t\n", "cues.tsv:2: frame 'verb'"),
        (
            "x\tthink\tbelief\tclause\t\nsay\tsay\tspeech\tclause\t\n",
            "cues.tsv:3: 'say' is already",
        ),
        ("hope\tHope\tintent\tclause\t\n", "cues.tsv:2: a cue is a lower-case lemma"),
    ],
)
def test_bad_cue_line_names_file_and_line(tmp_path, rows, message):
    with pytest.raises(ResourceError, match=message):
        CueLexicon.from_tsv(*_lexicon(tmp_path, rows))


# -- the stage, on an invented wire story ------------------------------------------------------


@pytest.fixture(scope="module")
def border(pipeline):
    text = (QUOTES / "border_talks.txt").read_text(encoding="utf-8")
    coded = tidings.code_text(text, source="border_talks.txt", pipeline=pipeline)
    return coded


def _find(coded, words: str):
    found = [q for q in coded.quotes if words in q.text]
    assert len(found) == 1, [q.text for q in coded.quotes]
    return found[0]


@pytest.mark.model
def test_every_quote_points_at_its_words_in_the_clean_text(border):
    text = border.article.text
    assert border.quotes
    for quote in border.quotes:
        assert text[quote.start : quote.end].startswith(quote.text[:20])
        assert text[quote.speaker_span.start : quote.speaker_span.end] == quote.speaker_span.text
        assert text[quote.cue_span.start : quote.cue_span.end] == quote.cue_span.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("words", "kind", "cue", "speaker", "shown"),
    [
        # attribution before the content; the speaker introduced with her title
        (
            "her government would reopen",
            "indirect",
            "say",
            "Ana Morales",
            "Chilean Foreign Minister",
        ),
        # direct quote, then its continuation in the next sentence
        ("waited long enough", "direct", "tell", "Ana Morales", "Morales"),
        ("cannot wait another season", "direct", "tell", "Ana Morales", "Morales"),
        # split by the attribution, pronoun speaker
        ("The border must be open", "direct", "say", "Ana Morales", "she"),
        ("the valley will lose", "direct", "say", "Ana Morales", "she"),
        # a role noun back to the person
        ("the first meeting would take place", "indirect", "add", "Ana Morales", "The minister"),
        # colon and guillemets
        ("Our door has always been open", "direct", "say", "Luis Varela", "Peruvian President"),
        # a quote of two paragraphs
        ("Nothing will be left to chance", "direct", "say", "Luis Varela", "Varela"),
        # "they" back to a group; "according to"; attribution after the content
        ("the closure had cost", "indirect", "say", "Peru", "They"),
        ("exports through the crossing", "indirect", "according to", "Chile", "trade ministry"),
        ("Exports would recover", "indirect", "say", "Chile", "Chilean officials"),
        # two apostrophes as quote marks, the speaker after the cue
        ("a good day for the valley", "direct", "say", "Rosa Quispe", "Rosa Quispe"),
    ],
)
def test_quotes_of_the_border_story(border, words, kind, cue, speaker, shown):
    quote = _find(border, words)
    assert (quote.kind, quote.cue, quote.speaker.name) == (kind, cue, speaker)
    assert shown in quote.speaker_span.text


@pytest.mark.model
def test_speakers_carry_the_actor_codes(border):
    morales = _find(border, "her government would reopen").speaker
    assert (morales.code, morales.role) == ("CHL", "foreign minister")
    assert morales.cameo.startswith("CHLGOV")
    assert _find(border, "the closure had cost").speaker.cameo.startswith("PER")


@pytest.mark.model
def test_split_quote_pieces_share_their_cue_and_multi_paragraph_text_is_one_line(border):
    first, second = _find(border, "border must be open"), _find(border, "valley will lose")
    assert first.cue_span == second.cue_span and first.end < second.start
    long = _find(border, "Nothing will be left")
    assert long.text.endswith("deserve an answer before the rains come.") and "\n" not in long.text


@pytest.mark.model
def test_scare_quotes_are_not_quotes(border):
    assert not [q for q in border.quotes if "border tax" in q.text]


@pytest.mark.model
def test_a_clause_on_the_side_is_its_own_attribution(pipeline):
    text = (
        "Foreign Minister Ana Morales of Chile said her country wanted to “deepen” trade, while "
        "President Luis Varela of Peru said the talks had “started well.”"
    )
    coded = tidings.code_text(text, pipeline=pipeline)
    got = [(q.speaker.name, q.kind, q.text) for q in coded.quotes]
    assert got == [
        ("Ana Morales", "mixed", "her country wanted to “deepen” trade"),
        ("Luis Varela", "mixed", "the talks had “started well.”"),
    ]


@pytest.mark.model
def test_beliefs_and_intentions_are_attributions_with_their_kind(pipeline):
    coded = tidings.code_text(
        "Chilean officials believe the border will reopen in May. "
        "Peru wants to sign the agreement before the harvest.",
        pipeline=pipeline,
    )
    got = [(q.cue, q.cue_kind, q.speaker.name, q.text) for q in coded.quotes]
    assert got == [
        ("believe", "belief", "Chile", "the border will reopen in May"),
        ("want", "intent", "Peru", "to sign the agreement before the harvest"),
    ]


# -- the PolNeAR scorer -------------------------------------------------------------------------


def test_brat_attributions_are_read_as_word_characters(tmp_path):
    text = "“We will win,” said Ames. Ames said that the vote was close."
    ann = tmp_path / "a_x.ann"
    ann.write_text(
        "T1\tContent 0 14\t“We will win,”\n"
        "T2\tCue 15 19\tsaid\n"
        "T3\tSource 20 24\tAmes\n"
        "E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n"
        "T4\tContent 36 59;59 60\tthat the vote was close.\n"
        "T5\tCue 31 35\tsaid\n"
        "E2\tAttribution-no-source:T5 Content:T4 Cue:T5\n",
        encoding="utf-8",
    )
    first, second = quote_eval.read_ann(ann, text)
    assert "".join(text[i] for i in sorted(first.content)) == "Wewillwin"
    assert "".join(text[i] for i in sorted(first.source)) == "Ames"
    assert second.source == frozenset() and second.text.startswith("that the vote")


def test_pairs_are_one_to_one_by_largest_overlap():
    gold = [
        quote_eval.Gold(frozenset(range(0, 10)), frozenset(), "a"),
        quote_eval.Gold(frozenset(range(20, 30)), frozenset(), "b"),
    ]
    predicted = [
        quote_eval.Predicted(frozenset(range(0, 25)), frozenset(), "ab"),
        quote_eval.Predicted(frozenset(range(8, 12)), frozenset(), "a-edge"),
    ]
    pairs = quote_eval.pair(gold, predicted)
    assert [(g.text, p.text) for g, p in pairs] == [("a", "ab")]  # "a-edge" pairs with nothing


@pytest.mark.model
def test_quotes_reach_the_store_with_speaker_and_cue(tmp_path):
    from typer.testing import CliRunner

    from tidings.cli import app
    from tidings.store import run_query

    out = tmp_path / "store"
    result = CliRunner().invoke(app, ["code", str(QUOTES / "border_talks.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    _, rows = run_query(
        out,
        "SELECT q.kind, q.speaker.name, q.speaker.code, q.cue_span.text, q.rule,"
        ' substr(d.text, q.start + 1, q."end" - q.start) = q.text'
        " FROM quotes q JOIN documents d USING (doc_id) WHERE q.text LIKE 'It is a good day%'",
    )
    # "a farmer from Tacna": the apposition places her in Peru
    assert rows == [("direct", "Rosa Quispe", "PER", "said", "speech_verbs.tsv:say", True)]


# -- rules added for PolNeAR's wider notion of attribution ---------------------------------------


@pytest.mark.model
def test_a_paragraph_opening_with_a_name_and_a_colon_is_that_name_speaking(pipeline):
    text = (
        "SANTIAGO — The two ministers spoke to reporters in Santiago on Monday.\n\n"
        "Morales: Chile will reopen the northern border in May.\n\n"
        "The talks resume on Friday: both ministers will attend."
    )
    coded = tidings.code_text(text, pipeline=pipeline)
    got = [(q.cue, q.speaker_span.text, q.text) for q in coded.quotes if q.cue == ":"]
    assert got == [(":", "Morales", "Chile will reopen the northern border in May")]


@pytest.mark.model
def test_a_relative_pronoun_is_the_source_and_its_antecedent_the_speaker(pipeline):
    coded = tidings.code_text(
        "The talks were attended by Ana Morales, who said the border would reopen in May.",
        pipeline=pipeline,
    )
    (quote,) = coded.quotes
    assert quote.speaker_span.text == "who"
    assert quote.speaker is not None and quote.speaker.name == "Ana Morales"
    assert quote.text == "the border would reopen in May"


@pytest.mark.model
def test_adjective_and_stance_cues(pipeline):
    coded = tidings.code_text(
        "Ana Morales was confident that the border would reopen in May. "
        "Luis Varela supports the new trade agreement.",
        pipeline=pipeline,
    )
    got = [(q.cue, q.cue_kind, q.speaker_span.text, q.text) for q in coded.quotes]
    assert got == [
        ("confident", "belief", "Ana Morales", "that the border would reopen in May"),
        ("support", "stance", "Luis Varela", "the new trade agreement"),
    ]


@pytest.mark.model
def test_a_second_speech_verb_of_the_same_speaker_is_its_own_attribution(pipeline):
    coded = tidings.code_text(
        "Varela says he respects Morales and calls her a reliable partner.", pipeline=pipeline
    )
    got = [(q.cue, q.text) for q in coded.quotes]
    assert got == [("say", "he respects Morales"), ("call", "her a reliable partner")]


@pytest.mark.model
def test_a_passive_cue_with_an_agent_reports_its_subject(pipeline):
    got = _attributions(
        pipeline,
        "The new border plan was first reported by the Santiago Herald on Monday.",
    )
    assert got == [("report", "the Santiago Herald", "The new border plan")]


@pytest.mark.model
def test_a_gerund_cue_takes_its_source_from_the_clause_or_noun_it_hangs_on(pipeline):
    got = _attributions(
        pipeline,
        "Ana Morales opened the talks by saying that the border would reopen in May. "
        "Farmers demanding lower tariffs marched through Santiago on Tuesday.",
    )
    assert got == [
        ("say", "Ana Morales", "that the border would reopen in May"),
        ("demand", "Farmers", "lower tariffs"),
    ]


@pytest.mark.model
def test_a_finite_cue_the_parser_left_without_a_subject_takes_the_name_before_it(pipeline):
    # the small model attaches "Varela" elsewhere and gives "said" no subject
    got = _attributions(
        pipeline,
        "Tuesday in Lima, while on the campaign trail for his sister, former president Luis "
        "Varela said the border was ready.",
    )
    assert got == [("say", "former president Luis Varela", "the border was ready")]


@pytest.mark.model
def test_a_cue_noun_reports_the_object_of_its_topic_preposition(pipeline):
    got = _attributions(
        pipeline,
        "Luis Varela's comments about the border drew applause in Lima. "
        "Farmers waited for news about the harvest.",
    )
    assert got == [("comment", "Luis Varela's", "the border")]


# -- round three: false positives -------------------------------------------------------------


def test_a_bad_label_word_names_file_and_line(tmp_path):
    labels = tmp_path / "labels.tsv"
    labels.write_text("word\tnote\nnote\t\nEditor Note\t\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="labels.tsv:3: a label word is one lower-case word"):
        CueLexicon.from_tsv(*_lexicon(tmp_path, ""), labels)


@pytest.mark.model
def test_embedded_post_markup_gives_no_quotes(pipeline):
    text = (
        "Ana Morales answered her critics online.\n\n"
        '<tweet id="1" author="@AnaMorales" datetime="2016-05-02">The border reopens in May, '
        "as we promised the farmers of the north.</tweet>.\n\n"
        "Luis Varela said the date was too early."
    )
    got = _attributions(pipeline, text)
    assert got == [("say", "Luis Varela", "the date was too early")]


def _stage(pipeline, text: str):
    """The quotes stage on ``text`` as it stands, without cleaning (as ``tidings eval quotes``
    runs it): cleaning would take some page furniture away first."""
    parsed = pipeline.parser(Article(doc_id="t", source="t", text=text))
    return pipeline.quotes(parsed)


@pytest.mark.model
def test_page_labels_before_a_colon_are_not_speakers(pipeline):
    text = (
        "The Latest: Chile and Peru resume border talks in Lima.\n\n"
        "Editor’s Note: The following is the second of three reports from the border.\n\n"
        "CORRECTION: An earlier version misspelled the name of the northern border town.\n\n"
        "Morales: Chile will reopen the northern border in May."
    )
    got = [(q.speaker_span.text, q.text) for q in _stage(pipeline, text)]
    assert got == [("Morales", "Chile will reopen the northern border in May")]


@pytest.mark.model
def test_continue_reports_only_what_it_hangs_off(pipeline):
    text = (
        "“The border will reopen in May,” Morales said. “The farmers have waited long enough,” "
        "she continued.\n\n"
        "Trade between the two countries continues to grow."
    )
    got = _attributions(pipeline, text)
    assert got == [
        ("say", "Morales", "The border will reopen in May"),
        ("continue", "she", "The farmers have waited long enough"),
    ]


# -- round three: wider frames and sources -----------------------------------------------------


@pytest.mark.model
def test_new_cue_verbs_and_adjectives_with_their_prepositions(pipeline):
    coded = tidings.code_text(
        "Ana Morales was interested in the northern trade route. "
        "Luis Varela branded the tariff plan a disaster for farmers.",
        pipeline=pipeline,
    )
    got = [(q.cue, q.cue_kind, q.speaker_span.text, q.text) for q in coded.quotes]
    assert got == [
        ("interested", "belief", "Ana Morales", "the northern trade route"),
        ("brand", "speech", "Luis Varela", "the tariff plan a disaster for farmers"),
    ]


@pytest.mark.model
def test_a_cue_noun_in_a_prepositional_phrase_takes_the_verbs_subject(pipeline):
    got = _attributions(
        pipeline,
        "Luis Varela came out on Monday with a statement that the border would reopen in May.",
    )
    assert got == [("statement", "Luis Varela", "that the border would reopen in May")]


# -- content frames of the fifth round ----------------------------------------------------------


@pytest.mark.model
def test_an_indirect_question_is_what_was_asked(pipeline):
    got = _attributions(
        pipeline,
        "Ana Morales asked the farmers if the new tariffs had hurt their exports.",
    )
    assert got == [("ask", "Ana Morales", "if the new tariffs had hurt their exports")]


@pytest.mark.model
def test_a_cue_noun_before_a_copula_takes_the_clause_after_it(pipeline):
    coded = tidings.code_text(
        "Her view is that the border will reopen in May. "
        "The claim was that Peru had closed the road.",
        pipeline=pipeline,
    )
    got = [(q.cue, q.speaker_span.text if q.speaker_span else None, q.text) for q in coded.quotes]
    assert got == [
        ("view", "Her", "that the border will reopen in May"),
        ("claim", None, "that Peru had closed the road"),
    ]


@pytest.mark.model
def test_a_listed_preposition_of_a_cue_verb_gives_its_content(pipeline):
    coded = tidings.code_text(
        "The border will reopen in May, Morales said, referring to the northern crossing. "
        "Varela responded to the farmers on Tuesday.",
        pipeline=pipeline,
    )
    got = [(q.cue, q.speaker_span.text, q.text) for q in coded.quotes if q.cue == "refer"]
    assert got == [("refer", "Morales", "the northern crossing")]
    assert not [q for q in coded.quotes if q.cue == "respond"]  # "to" is listed verb by verb


def test_a_bad_cue_preposition_names_file_and_line(tmp_path):
    prepositions = tmp_path / "preps.tsv"
    prepositions.write_text("cue\tpreposition\tnote\nsay\tabout\t\nmumble\tto\t\n")
    speech, cues = _lexicon(tmp_path, "")
    with pytest.raises(ResourceError, match="preps.tsv:3: 'mumble' is not a cue"):
        CueLexicon.from_tsv(speech, cues, None, prepositions)
