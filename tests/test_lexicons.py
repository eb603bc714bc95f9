"""Lexicons and code tables: bundled files load, and a bad line is named by file and line."""

from __future__ import annotations

import pytest

from tidings import resources
from tidings.errors import ResourceError
from tidings.events import VerbLexicon, quad_class


def test_bad_lexicon_line_names_file_and_line(tmp_path):
    path = tmp_path / "verbs.tsv"
    path.write_text(
        "id\tlemma\tpos\tparticle\tobject\tprep\tcameo\tnote\n"
        "accuse\taccuse\tVERB\t\t\t\t112\t\n"
        "oops\tpraise\tADV\t\t\t\t051\t\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ResourceError, match=r"verbs\.tsv:3: pos must be one of VERB, NOUN, ADJ, STATE"
    ):
        VerbLexicon.from_tsv(path)


def test_unknown_cameo_code_in_a_user_lexicon_is_refused(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(
        "id\tlemma\tpos\tparticle\tobject\tprep\tcameo\tnote\nx\tpraise\tVERB\t\t\t\t999\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ResourceError, match=r"mine\.tsv:2: unknown CAMEO code '999'"):
        VerbLexicon.from_tsv(path, resources.cameo_table().codes)


def test_wrong_field_count_is_reported(tmp_path):
    path = tmp_path / "roles.tsv"
    path.write_text("id\tterm\tsector\trole\tnote\nr1\ttroops\tMIL\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"roles\.tsv:2: expected 5 fields, found 3"):
        list(resources.read_tsv(path, ("id", "term", "sector", "role")))


def test_bundled_verb_lexicon_covers_all_twenty_cameo_roots():
    lexicon = resources.verb_lexicon()
    roots = {e.cameo[:2] for group in lexicon._by_lemma.values() for e in group}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_cameo_table_has_goldstein_quad_class_and_plover_for_every_code():
    table = resources.cameo_table()
    assert len(table.codes) > 300
    ceasefire = table["0871"]
    assert (ceasefire.goldstein, ceasefire.quad_class, ceasefire.plover) == (9.0, 2, "RETREAT")
    assert table["112"].plover == "ACCUSE" and table["190"].plover == "ASSAULT"
    assert all(code.plover for code in table.codes.values())


@pytest.mark.parametrize(
    ("code", "quad"), [("010", 1), ("057", 1), ("073", 2), ("112", 3), ("190", 4)]
)
def test_quad_class_follows_gdelt(code, quad):
    assert quad_class(code) == quad


def test_country_lexicon_resolves_names_adjectives_and_capitals_case_safely():
    countries = resources.country_lexicon()
    assert countries.get("Turkish").country.iso3 == "TUR"
    assert countries.get("Moscow").form == "capital"
    assert countries.get("U.S.").country.iso3 == "USA"
    assert countries.get("TURKEY").country.iso3 == "TUR"  # shouted dateline
    assert countries.get("turkey") is None  # the bird
    assert countries.get("us") is None  # the pronoun


def test_people_roles_depend_on_the_article_date():
    dictionary = resources.actor_dictionary()

    def coding(name, date):
        entry, _, _ = dictionary.find_actor(name.split())
        return entry.coding(date)

    assert coding("Erdogan", "2016-12-01").role == "president"
    assert coding("Erdogan", "2010-06-01").role == "prime minister"
    assert coding("Cavusoglu", "2024-01-01").cameo == "TURELI"  # left office in 2023
    assert coding("Cavusoglu", "2024-01-01").role == "former foreign minister"


def test_actor_data_files_agree_with_each_other():
    """Every sector code is in sectors.tsv; every country is a country of countries.tsv (or, for
    people of international bodies, an organisation's CAMEO code)."""
    sectors = set(resources.sector_table())
    countries = set(resources.country_lexicon().countries)
    org_codes = {org.cameo for org in resources.organisations()}
    for role in resources.role_lexicon().roles:
        assert role.sector in sectors, role.id
    for org in resources.organisations():
        assert set(org.sector) <= sectors and org.country in countries | {""}, org.id
    for person in resources.people():
        assert set(person.sector) <= sectors, person.id
        assert person.country in countries | org_codes, person.id


def test_frames_load_and_a_bad_frame_line_is_named(tmp_path):
    from tidings.events.frames import Frames

    bundled = resources.event_frames()
    assert bundled.modality("ready") == "intended" and ("engage", "in") in bundled.carrier
    path = tmp_path / "frames.tsv"
    path.write_text(
        "word\tframe\tvalue\tnote\nhold\tlight\t\t\nplan\tmodal\tmaybe\t\n", encoding="utf-8"
    )
    with pytest.raises(ResourceError, match=r"frames\.tsv:3: a modal's value must be"):
        Frames.from_tsv(path)
