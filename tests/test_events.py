"""Event and actor rules on sentences we wrote; each test fails if its rule is removed."""

from __future__ import annotations

import pytest

import tidings
from tidings import resources
from tidings.config import Settings
from tidings.errors import ResourceError
from tidings.events.cameo import CameoTable
from tidings.resources import data_path
from tidings.run import Pipeline

pytestmark = pytest.mark.model


def _events(pipeline, text: str, date: str = "2024-03-14T09:00:00"):
    return tidings.code_text(text, date=date, pipeline=pipeline).events


def _triples(events):
    return {
        (tuple(a.cameo for a in e.actor), tuple(r.cameo for r in e.recipient), e.cameo)
        for e in events
    }


def test_subject_verb_object_with_country_adjective_and_sector(pipeline):
    events = _events(pipeline, "Russian troops attacked Ukrainian positions on Tuesday.")
    assert _triples(events) == {(("RUSMIL",), ("UKR",), "190")}
    (event,) = events
    assert event.event == "ASSAULT" and event.quad_class == 4 and event.goldstein == -10.0
    assert event.date == "2024-03-12"  # the Tuesday before publication
    assert event.text_info.trigger.text == "attacked" and event.rule == "verbs.tsv:attack"


def test_capital_stands_for_the_government(pipeline):
    (event,) = _events(pipeline, "Ankara accused Moscow of violating the agreement.")
    assert [a.cameo for a in event.actor] == ["TURGOV"]
    assert [r.cameo for r in event.recipient] == ["RUSGOV"]


def test_compound_actors_are_coded_together(pipeline):
    (event,) = _events(pipeline, "Egypt and Jordan condemned the attack on the convoy.")
    assert [a.code for a in event.actor] == ["EGY", "JOR"]


def test_prepositional_recipient_of_a_reciprocal_verb(pipeline):
    (event,) = _events(pipeline, "Chile met with Peru in Santiago on Monday.")
    assert _triples([event]) == {(("CHL",), ("PER",), "040")}


def test_passive_voice_swaps_actor_and_recipient(pipeline):
    (event,) = _events(pipeline, "Kenya was criticized by Uganda over the border closure.")
    assert _triples([event]) == {(("UGA",), ("KEN",), "111")}


def test_negation_is_kept_as_a_field(pipeline):
    (event,) = _events(pipeline, "Peru did not accuse Chile of spying.")
    assert event.negated and event.cameo == "112"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Brazil will support Argentina at the summit.", "intended"),
        ("Brazil wants to support Argentina at the summit.", "wanted"),
        ("Brazil would support Argentina in a crisis.", "hypothetical"),
        ("Brazil supported Argentina at the summit.", "asserted"),
        ("Brazil supported Argentina at the summit in 2019.", "historical"),
    ],
)
def test_modality(pipeline, text, modality):
    (event,) = _events(pipeline, text)
    assert event.modality == modality
    assert event.date == ("2019" if modality == "historical" else "2024-03-14")


def test_reported_speech_carries_the_speaker(pipeline):
    text = "Foreign Minister Ana Morales of Chile said Peru attacked a Chilean patrol boat."
    events = _events(pipeline, text)
    attack = next(e for e in events if e.cameo.startswith("19"))
    assert attack.actor[0].code == "PER"
    assert attack.reported_by is not None and attack.reported_by.code == "CHL"


def test_title_introduced_person_is_remembered_by_surname(pipeline):
    text = (
        "Chilean Foreign Minister Ana Morales arrived in Lima on Monday.\n\n"
        "Morales criticized Peru for the delay."
    )
    (event,) = _events(pipeline, text)
    actor = event.actor[0]
    assert (actor.name, actor.code, actor.cameo, actor.role) == (
        "Ana Morales",
        "CHL",
        "CHLGOV",
        "foreign minister",
    )
    assert actor.resolved_by.startswith("document:")


def test_possessive_country_points_to_the_last_person(pipeline):
    text = "Chilean Foreign Minister Ana Morales said her country will support Peru."
    # intended support is CAMEO's intent to cooperate diplomatically (032)
    support = next(e for e in _events(pipeline, text) if e.cameo == "032")
    assert support.actor[0].code == "CHL" and support.actor[0].resolved_by.startswith("coref:")


def test_subject_attached_to_the_previous_object_is_recovered(pipeline):
    text = "Russia backs the government and Turkey supports the rebels in the north."
    triples = _triples(_events(pipeline, text))
    assert (("TUR",), ("---REB",), "051") in triples
    assert all("TUR" not in recipients for _, recipients, _ in triples)


def test_no_event_without_a_resolved_actor(pipeline):
    assert _events(pipeline, "The committee praised the new library on Friday.") == ()


def test_predicate_adjective_is_the_asserters_accusation(pipeline):
    doc = tidings.code_text(
        "Egypt's foreign minister said on Monday: \"We know that the Libyan government is "
        'responsible for the shelling of the border town."',
        date="2024-03-14T09:00:00",
        pipeline=pipeline,
    )
    (accusation,) = [e for e in doc.events if e.cameo == "112"]
    assert [a.code for a in accusation.actor] == ["EGY"]
    assert [r.cameo for r in accusation.recipient] == ["LBYGOV"]
    assert accusation.rule == "verbs.tsv:responsible-for"
    assert accusation.reported_by is not None and accusation.reported_by.code == "EGY"
    # the writer's own statement of a duty is nobody's event
    assert _events(pipeline, "The Libyan government is responsible for the roads.") == ()


@pytest.mark.parametrize(
    ("text", "cameo", "plover", "mode"),
    [
        ("Egypt refused to meet Libyan envoys in Cairo.", "125", "REJECT", "consult"),
        ("Egypt threatened to attack Libyan positions.", "190", "THREATEN", "assault"),
        ("Egypt will release Libyan prisoners next week.", "0353", "AGREE", "concede"),
        ("Egypt did not agree with Libya on the border.", "019", "REJECT", "agree"),
        ("Egypt said Libya must release the prisoners.", "0841", "REQUEST", "concede"),
        ("Egypt released Libyan prisoners on Monday.", "0841", "CONCEDE", None),
    ],
)
def test_plover_reads_intent_threat_demand_and_refusal(pipeline, text, cameo, plover, mode):
    (event,) = [e for e in _events(pipeline, text) if e.cameo == cameo]
    assert (event.event, event.mode) == (plover, mode)


def test_pronoun_subject_of_a_reported_clause_is_the_reporter(pipeline):
    events = _events(pipeline, "Japan said on Tuesday it had halted economic aid to Serbia.")
    (halt,) = [e for e in events if e.cameo != "010"]
    assert [a.code for a in halt.actor] == ["JPN"] and [r.code for r in halt.recipient] == ["SRB"]
    assert halt.text_info.actor_spans[0].text == "it"
    assert halt.reported_by is not None and halt.reported_by.code == "JPN"


def test_agentless_passive_keeps_its_target_without_an_actor(pipeline):
    (event,) = _events(pipeline, "Two Israeli soldiers were killed in Gaza on Monday.")
    assert event.actor == () and [r.cameo for r in event.recipient] == ["ISRMIL"]
    assert event.cameo.startswith("18") and event.event == "ASSAULT"
    # no known target either: nothing to code
    assert _events(pipeline, "The library was closed on Monday.") == ()


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Kurdish activists staged rallies against the Turkish government.", "141"),  # "stag"
        ("The Egyptian minister stepped down on Monday.", "0831"),  # "down" tagged ADV
        ("Qatar launched a mediation effort between Egypt and Libya.", "045"),  # compound noun
    ],
)
def test_parser_quirks_do_not_hide_events(pipeline, text, cameo):
    assert cameo in {e.cameo for e in _events(pipeline, text)}


def _top(events):
    return max(events, key=lambda e: e.confidence)


@pytest.mark.parametrize(
    ("text", "event", "triple"),
    [
        # a state its subject is in: the subject acts (not the passive's target)
        (
            "Chile is opposed to Bolivian mediation in the dispute with Peru.",
            "REJECT",
            (("CHL",), ("BOL",), "120"),
        ),
        # an adjective of readiness carries its subject and makes the act intended
        (
            "Iraq's government announced that it is prepared to impose martial law.",
            "THREATEN",
            (("IRQGOV",), (), "1724"),
        ),
        # a reported "must" is the speaker's demand on the clause's subject
        (
            "Norway said on Tuesday that Sweden must return the fishing boat.",
            "REQUEST",
            (("NOR",), ("SWE",), "100"),
        ),
        # a consequence under "unless" is a threat
        (
            "Ghana announced that it will withdraw its troops from Mali unless the junta "
            "holds elections.",
            "THREATEN",
            (("GHA",), ("MLI",), "0874"),
        ),
        # a "re-" verb takes the verb's entry
        ("Israel reimposed a blockade on Gaza.", "COERCE", (("ISR",), ("PSE",), "191")),
        # the main clause outranks a circumstantial participle
        (
            "Kenyan students rioted in Nairobi, setting fire to two buses.",
            "PROTEST",
            (("KENEDU",), (), "145"),
        ),
        # "mediation efforts" are the mediation
        ("Egypt halted its mediation efforts.", "SANCTION", (("EGY",), (), "165")),
        # a dative is the recipient of a "to" entry
        (
            "Finland will give Tanzania a grant of ten million euros.",
            "AGREE",
            (("FIN",), ("TZA",), "0331"),
        ),
        # "would" reported by a speech verb is the future of the past: a threat here
        (
            "Serbian farmers said they would blockade Belgrade.",
            "THREATEN",
            (("SRB",), ("SRBGOV",), "191"),
        ),
        # "failed to" negates a cooperative act
        ("Peru and Chile failed to reach an agreement.", "REJECT", (("PER", "CHL"), (), "127")),
        # a cooperative act under a condition is an offer
        (
            "Malian rebels said they would meet the envoy of Algeria if the army withdrew.",
            "AGREE",
            (("MLIREB",), ("DZAGOV",), "036"),
        ),
        # a demand is made of its clause's subject; the "US" is not "us"
        (
            "Cuba demanded that the US lift the embargo.",
            "REQUEST",
            (("CUB",), ("USA",), "100"),
        ),
        # a quantity of the object: tons of food aid are the aid
        (
            "Japan provided 9,000 tons of food aid to Haiti.",
            "AID",
            (("JPN",), ("HTI",), "070"),
        ),
        # a date is no recipient: "staged a hunger strike on Sunday"
        ("Turkish students staged a hunger strike on Sunday.", "PROTEST", (("TUREDU",), (), "143")),
        # "remained on alert" carries its event noun
        ("Greek troops remained on alert.", "MOBILIZE", (("GRCMIL",), (), "152")),
    ],
)
def test_frames_of_the_plover_reading(pipeline, text, event, triple):
    top = _top(_events(pipeline, text))
    assert top.event == event
    assert _triples([top]) == {triple}


def test_a_thing_attacked_stands_for_its_owner(pipeline):
    events = _events(pipeline, "Settlers set fire to the offices of the Palestinian Authority.")
    assert [r.code for e in events for r in e.recipient] == ["PSE"]


def test_an_effort_compound_keeps_its_recipients(pipeline):
    events = _events(pipeline, "Qatar launched a mediation effort between Chad and Sudan.")
    assert _triples(events) == {(("QAT",), ("TCD", "SDN"), "045")}


@pytest.mark.parametrize(
    ("text", "cameo", "plover", "mode", "rule"),
    [
        # an offered act is CAMEO's intent to do it; PLOVER keeps the act as the mode
        ("Norway is willing to send food aid to Yemen.", "033", "AGREE", "aid", "send-aid+agree"),
        # a refused act is CAMEO's refusal of it
        (
            "Serbia refused to lift the sanctions on Kosovo.",
            "1244",
            "REJECT",
            "concede",
            "lift-sanctions+reject",
        ),
    ],
)
def test_a_stance_on_an_act_takes_cameos_stance_code(pipeline, text, cameo, plover, mode, rule):
    (event,) = [e for e in _events(pipeline, text) if e.cameo == cameo]
    assert (event.event, event.mode, event.rule) == (plover, mode, f"verbs.tsv:{rule}")


def test_stance_table_checks_its_codes(tmp_path):
    table = resources.cameo_table()
    assert table.stance("AGREE", "0841") == "0353"  # longest prefix: 084
    assert table.stance("REJECT", "043") == "125"  # root: 04
    assert table.stance("AGREE", "190") is None  # an attack has no intent code
    bad = tmp_path / "stances.tsv"
    bad.write_text("reading\tact\tcode\tnote\nAGREE\t073\t1243\t\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"stances.tsv:2: a AGREE code must be under 03"):
        CameoTable.from_tsv(data_path("cameo.tsv"), data_path("plover.tsv"), bad)


def test_a_name_no_dictionary_knows_still_acts_unless_switched_off(pipeline):
    text = "The Ogaden National Liberation Front declared a unilateral ceasefire on Sunday."
    (event,) = _events(pipeline, text)
    assert event.cameo == "0871" and event.actor[0].resolved_by == "unresolved"
    assert event.actor[0].name == "Ogaden National Liberation Front" and event.confidence < 0.75
    strict = Pipeline(Settings.load(code_unresolved=False))
    assert _events(strict, text) == ()


@pytest.mark.parametrize(
    ("text", "cameo", "recipient"),
    [
        ("Japan lifted its sanctions against Peru on Friday.", "085", "Peru"),
        ("Chile rejected the accusations by Bolivia.", "016", "Bolivia"),
        ("Kenya cancelled a planned visit to Ghana.", "160", "Ghana"),
        ("Nepal declared a truce in the northern province.", "0871", "the northern province"),
        ("Japan lifted a travel ban imposed on Kenyan citizens.", "081", "Kenyan citizens"),
        ("Peru rejected Chile's demand for new talks.", "124", "Chile's demand"),
    ],
)
def test_an_event_noun_object_gives_the_target_it_is_aimed_at(pipeline, text, cameo, recipient):
    """The object names the event ("sanctions"); its preposition names the target (issue 5)."""
    (event,) = _events(pipeline, text)
    assert event.cameo == cameo
    assert [s.text for s in event.text_info.recipient_spans] == [recipient]


def test_a_preposition_of_the_verb_names_the_target_when_the_object_is_a_sum(pipeline):
    """ "lent $2 billion to Kenya": the sum is no participant, Kenya is the target (issue 5)."""
    (event,) = _events(pipeline, "Japan lent $2 billion to Kenya last year.")
    assert _triples([event]) == {(("JPN",), ("KEN",), "071")}


def test_an_aimed_target_does_not_change_which_event_ranks_first(pipeline):
    """With the target's weight the opening would outrank the agreement (0.85 against 0.75)."""
    events = _events(pipeline, "Egypt agreed to open its borders to Somali refugees.")
    top = max(events, key=lambda e: e.confidence)
    assert top.cameo == "030"
    (opened,) = [e for e in events if e.cameo == "0356"]  # intent to open (0872)
    assert [s.text for s in opened.text_info.recipient_spans] == ["Somali refugees"]


def test_a_negated_appeal_stays_a_request_and_negates_its_infinitive(pipeline):
    """ "not asking" rejects nothing; and what was not asked for did not happen either."""
    events = _events(pipeline, "Egypt did not call on Libya to close the border.")
    (call,) = [e for e in events if e.cameo == "020"]
    assert (call.event, call.negated) == ("REQUEST", True)
    (close,) = [e for e in events if e.cameo == "191"]
    assert close.negated
