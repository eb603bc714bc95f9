"""Imported PETRARCH verb dictionaries and discard lists (invented fixtures, ``fixtures/petrarch``).

Reading is tested on its own; coding from text needs the statistical model."""

from __future__ import annotations

from pathlib import Path

import pytest

import tidings
from tidings import Pipeline, Settings
from tidings.errors import ResourceError
from tidings.events.lexicon import Slot
from tidings.events.petrarch import read_discards, read_verbs

PETRARCH = Path(__file__).parent / "fixtures" / "petrarch"


def test_verb_dictionary_forms_synsets_and_patterns():
    lexicon = read_verbs(PETRARCH / "coast.verbs.txt")
    # regular forms made, irregular ones as listed, multi-word verbs with their particle
    assert {f.group for f in lexicon.forms["IMPOUNDED"]} == {"SEIZE"}
    assert lexicon.forms["MET"][0].code == "040" and "MEETED" not in lexicon.forms
    (crack,) = lexicon.forms["CRACKED"]
    assert crack.after == ("DOWN",) and crack.code == "175"
    assert lexicon.forms["BLAMES"][0].code == "1121"  # a verb's own code beats the block's
    # synsets: plurals added unless the name ends in "_"; embedded synsets expanded
    assert ("FUEL", "OILS") in lexicon.synsets["&CARGO"]
    assert ("GRAIN",) in lexicon.synsets["&SUPPLIES"]
    assert ("BLANKETSES",) not in lexicon.synsets["&SUPPLIES"]
    # patterns: longest first, slots, "_" joins
    vessel = next(p for p in lexicon.patterns["SEIZE"] if p.code == "1712")
    assert vessel.after == ("VESSEL", "OF", Slot("target"))
    assert vessel.after_tight == (False, True, False)
    (hosted,) = [p for p in lexicon.patterns["MEET"] if p.code == "043:043"]
    assert hosted.before == (Slot("compound"),) and hosted.after == ()


def test_bad_verb_dictionary_lines_are_named(tmp_path):
    bad = tmp_path / "bad.verbs.txt"
    bad.write_text("--- SEIZE [171] ---\nSEIZE\n- * &NOWHERE [1711]\n")
    with pytest.raises(ResourceError, match="&NOWHERE"):
        read_verbs(bad)
    bad.write_text("--- SEIZE [171] ---\nSEIZE\n- * GRAIN\n")
    with pytest.raises(ResourceError, match=r"bad.verbs.txt:3: a pattern without a \[code\]"):
        read_verbs(bad)


def test_discard_list_separates_story_and_sentence_phrases():
    sentence, story = read_discards(PETRARCH / "coast.discards.txt")
    assert story == [("REGATTA", "RESULTS")] and sentence == [("HARBOUR", "FESTIVAL")]


@pytest.fixture(scope="module")
def coast_coder() -> Pipeline:
    return Pipeline(
        Settings.load(
            builtin_actors=False,
            builtin_verbs=False,
            builtin_discards=False,
            petrarch_actors=(PETRARCH / "coast.actors.txt",),
            petrarch_agents=(PETRARCH / "coast.agents.txt",),
            petrarch_verbs=(PETRARCH / "coast.verbs.txt",),
            discards_files=(PETRARCH / "coast.discards.txt",),
        )
    )


def _triples(pipeline, text: str) -> set[tuple[str, str, str]]:
    """(source, target, code); an event with several actors and no recipient is reciprocal."""
    coded = tidings.code_text(text, date="2016-05-02", pipeline=pipeline)
    out = set()
    for e in coded.events:
        others = e.recipient or e.actor
        out |= {(a.cameo, r.cameo, e.cameo) for a in e.actor for r in others if a != r}
    return out


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb's own code, the target the first coded phrase of its clause
        ("Velmar seized a trawler from Ostrana on Monday.", {("VLM", "OST", "171")}),
        # a synset member (plural made by the reader) picks the sub-code
        ("Velmar seized fuel oils bound for Ostrana.", {("VLM", "OST", "1711")}),
        # "_": "vessel of" must be adjacent; with a word between, the pattern fails
        ("Velmar impounded a vessel of Ostrana.", {("VLM", "OST", "1712")}),
        ("Velmar impounded a vessel owned by Ostrana.", {("VLM", "OST", "171")}),
        # "%": a compound before the verb, each side hosting the other ("A:B" codes)
        ("Velmar and Ostrana met in Port Arden.", {("VLM", "OST", "043"), ("OST", "VLM", "043")}),
        ("Velmar met with Ostrana on trade.", {("VLM", "OST", "036")}),
        # a synset inside a synset; a "---" pattern leaves the block's code, here none
        ("Velmar sent blankets to Ostrana.", {("VLM", "OST", "0233")}),
        ("Velmar sent warships toward Ostrana.", set()),
        # a multi-word verb, and passive voice swapping source and target
        ("Ostrana cracked down on the Kestrel Front.", {("OST", "VLMREBKST", "175")}),
        ("Ostrana was blamed by Velmar for the fire.", {("VLM", "OST", "1121")}),
        # "$" before the verb names the source
        ("Velmar also accused Ostrana of lying.", {("VLM", "OST", "111")}),
    ],
)
def test_imported_patterns_code_sentences(coast_coder, text, expected):
    assert _triples(coast_coder, text) == expected


@pytest.mark.model
def test_discards_drop_a_sentence_or_the_story(coast_coder):
    text = "Velmar seized a trawler from Ostrana. The harbour festival saw Velmar meet Ostrana."
    assert _triples(coast_coder, text) == {("VLM", "OST", "171")}
    story = text + " Regatta results follow below."
    assert _triples(coast_coder, story) == set()


def test_cameo_2_layout_reads_groups_as_their_words():
    lexicon = read_verbs(PETRARCH / "coast.cameo2.txt")
    codes = {p.code: p for p in lexicon.patterns["+SHIP_OFF"]}
    assert set(codes) == {"073", "0234"}  # the disjunction was skipped
    assert codes["073"].after == ("RELIEF", "GOODS", "TO", Slot("target"))
    assert lexicon.forms["SHIPPED"][0].after == ("OFF",)
    assert {f.group for f in lexicon.forms["RUSHED"]} == {"+SHIP_OFF"}


@pytest.mark.model
def test_cameo_2_dictionary_codes_text():
    pipeline = Pipeline(
        Settings.load(
            builtin_actors=False,
            builtin_verbs=False,
            petrarch_actors=(PETRARCH / "coast.actors.txt",),
            petrarch_verbs=(PETRARCH / "coast.cameo2.txt",),
        )
    )
    assert _triples(pipeline, "Velmar rushed a ferry to Ostrana.") == {("VLM", "OST", "0234")}
    assert _triples(pipeline, "Velmar dispatched relief goods to Ostrana.") == {
        ("VLM", "OST", "073")
    }
