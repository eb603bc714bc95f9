"""Places: the gazetteer cache, toponym recognition and resolution, event locations."""

from __future__ import annotations

import pytest

from tidings import resources
from tidings.errors import ResourceError
from tidings.places import gazetteer as gz
from tidings.places.finder import Mention, PlaceFinder, PlaceOffices
from tidings.records import Dateline, RawDocument
from tidings.resources import data_path

from .conftest import FIXTURES


def _build(directory, aliases=None, min_population=15000, points=None, regions=None):
    return gz.load(
        directory,
        min_population=min_population,
        countries_file=data_path("countries.tsv"),
        aliases_file=aliases or data_path("place_aliases.tsv"),
        points_file=points or data_path("place_points.tsv"),
        regions_file=regions or data_path("regions.tsv"),
    )


def test_cache_is_built_once_then_loaded_and_rebuilt_when_broken(tmp_path):
    first = _build(tmp_path)
    [cached] = tmp_path.glob("gazetteer-*.pickle")
    again = _build(tmp_path)
    assert again.index == first.index and len(again.entries) == len(first.entries)
    cached.write_bytes(b"not a pickle")
    rebuilt = _build(tmp_path)
    assert [e.name for e, _ in rebuilt.candidates("Ankara")][:1] == ["Ankara"]
    assert list(tmp_path.glob("*.tmp")) == []


def test_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gz.cache_dir(None) == tmp_path / "tidings"
    assert gz.cache_dir(tmp_path / "mine") == tmp_path / "mine"


def test_bad_alias_names_file_and_line(tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text(
        "id\talias\tcountry\tadmin1\tnote\n"
        "ok\tCalif.\tUSA\tCalifornia\t\n"
        "bad\tAtl.\tUSA\tAtlantis\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ResourceError, match=r"aliases.tsv:3: USA Atlantis"):
        _build(tmp_path / "cache", aliases)


def test_place_points_move_a_country_and_a_state_and_name_bad_rows(tmp_path):
    points = tmp_path / "points.tsv"
    points.write_text(
        "iso3\tadmin1\tlat\tlon\tnote\n"
        "CHN\t\t35.0\t104.0\tbetween two references\n"
        "USA\tNew York\t43.0\t-75.5\tupstate, not the city\n",
        encoding="utf-8",
    )
    gazetteer = _build(tmp_path / "cache", points=points)
    china = gazetteer.candidates("China")[0][0]
    state = next(e for e, _ in gazetteer.candidates("New York") if e.resolution == "admin1")
    assert (china.lat, china.lon) == (35.0, 104.0)
    assert (state.lat, state.lon) == (43.0, -75.5)
    points.write_text(
        "iso3\tadmin1\tlat\tlon\tnote\nUSA\tNew Yrok\t43.0\t-75.5\ttypo\n", encoding="utf-8"
    )
    with pytest.raises(ResourceError, match=r"points.tsv:2: USA New Yrok"):
        _build(tmp_path / "other", points=points)


def test_a_bad_region_row_names_file_and_line(tmp_path):
    regions = tmp_path / "regions.tsv"
    regions.write_text(
        "name\taliases\tiso3\tlat\tlon\tcode\tnote\n"
        "Lowlands\t\t\t52.0\t5.0\tRGN\t\n"
        "Nowhere Sea\t\t\t95.0\t10.0\tSEA\tlatitude past the pole\n",
        encoding="utf-8",
    )
    with pytest.raises(ResourceError, match=r"regions.tsv:3: 95.0, 10.0 is not a point"):
        _build(tmp_path / "cache", regions=regions)


def test_a_county_sits_among_its_towns_else_at_its_state(tmp_path):
    from tidings.eval.places import km

    gazetteer = _build(tmp_path)
    [(gwinnett, _)] = gazetteer.candidates("Gwinnett County")  # no town called Gwinnett
    seat = next(e for e, _ in gazetteer.candidates("Lawrenceville") if e.admin1 == "Georgia")
    assert gwinnett.resolution == "admin2" and gwinnett.admin1 == "Georgia"
    assert km(gwinnett.lat, gwinnett.lon, seat.lat, seat.lon) < 30
    state = next(e for e, _ in gazetteer.candidates("Georgia") if e.resolution == "admin1")
    assert km(gwinnett.lat, gwinnett.lon, state.lat, state.lon) > 150
    [(kalawao, _)] = gazetteer.candidates("Kalawao County")  # no town of 1,000 people
    hawaii = gazetteer.candidates("Hawaii")[0][0]
    assert (kalawao.admin1, kalawao.lat, kalawao.lon) == ("Hawaii", hawaii.lat, hawaii.lon)


def test_a_bad_town_row_for_county_points_names_file_and_line(tmp_path, monkeypatch):
    towns = tmp_path / "towns.csv"
    towns.write_text(
        "lat,lon,name,admin1,admin2,cc\n"
        "33.96,-83.99,Lawrenceville,Georgia,Gwinnett County,US\n"
        "north,-84.14,Duluth,Georgia,Gwinnett County,US\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(gz, "_RG_CITIES", str(towns))
    with pytest.raises(ResourceError, match=r"towns.csv:3: unreadable town row"):
        gz._county_middles()


@pytest.fixture(scope="module")
def finder():
    return PlaceFinder(resources.country_lexicon(), resources.gazetteer())


def _resolve(finder, *names, dateline=None, joined=False):
    """Resolve names as if written in one article: "A, B" when joined (B qualifies A), else
    apart."""
    mentions, offset = [], 0
    for name in names:
        mentions.append(Mention(name, offset, offset + len(name), 0, "GPE"))
        offset += len(name) + (2 if joined else 10)
    return finder.resolve(mentions, [], dateline)


def test_priors_country_then_state_then_biggest_city(finder):
    syria, aleppo = _resolve(finder, "Syria", "Aleppo")
    [paris], [texas] = _resolve(finder, "Paris"), _resolve(finder, "Texas")
    assert (syria.country, syria.resolution, syria.feature_code) == ("SYR", "country", "PCLI")
    assert (aleppo.country, aleppo.resolution, aleppo.admin1) == ("SYR", "city", "Aleppo")
    assert paris.country == "FRA"
    assert _resolve(finder, "Paris", "Texas", joined=True)[0].country == "USA"
    assert _resolve(finder, "Paris", "Dallas", "Texas")[0].admin1 == "Texas"  # context
    assert (texas.country, texas.resolution) == ("USA", "admin1")


def test_context_picks_georgia_and_a_qualifier_picks_the_town(finder):
    georgia = _resolve(finder, "Atlanta", "Georgia")[1]
    assert (georgia.country, georgia.resolution) == ("USA", "admin1")
    georgia = _resolve(finder, "Tbilisi", "Georgia")[1]
    assert (georgia.country, georgia.resolution) == ("GEO", "country")
    alexandria, louisiana = _resolve(finder, "Alexandria", "La.", joined=True)
    assert (alexandria.country, alexandria.admin1) == ("USA", "Louisiana")
    assert louisiana.name == "Louisiana"
    assert _resolve(finder, "Alexandria")[0].country == "EGY"


def test_a_state_name_stays_the_state_among_another_states_towns(finder):
    # Kansas, Illinois (a village) has the state's name; "Ill." and "Illinois" named twice
    # must not pull "Kansas" there: a name that is a subdivision's reads as the subdivision.
    kansas = _resolve(finder, "Ill.", "Illinois", "Kansas")[-1]
    assert (kansas.name, kansas.resolution, kansas.admin1) == ("Kansas", "admin1", "Kansas")
    duluth = _resolve(finder, "Minn.", "Minnesota", "Duluth")[-1]
    assert (duluth.resolution, duluth.admin1) == ("city", "Minnesota")  # towns still gain


def test_a_part_of_a_place_resolves_to_the_place(finder):
    north, west = _resolve(finder, "North Texas", "West Africa")
    assert (north.name, north.resolution) == ("Texas", "admin1")
    assert (west.name, west.resolution) == ("Africa", "continent")
    georgia = _resolve(finder, "Atlanta", "Northeast Georgia")[1]
    assert (georgia.country, georgia.resolution) == ("USA", "admin1")
    sichuan, city = _resolve(finder, "Sichuan province", "city of Aleppo")
    assert (sichuan.country, sichuan.resolution) == ("CHN", "admin1")
    assert (city.country, city.resolution) == ("SYR", "city")
    [nowhere] = _resolve(finder, "North Blorpshire")
    assert nowhere.resolution is None


def test_regions_islands_and_seas_beat_their_namesake_towns(finder):
    darfur, pacific, sumatra = _resolve(finder, "Darfur", "Pacific", "Sumatra")
    assert (darfur.resolution, darfur.country, darfur.feature_code) == ("region", "SDN", "RGN")
    assert (pacific.resolution, pacific.country, pacific.feature_code) == ("region", None, "OCN")
    assert (sumatra.country, sumatra.feature_class) == ("IDN", "T")
    chechnya = _resolve(finder, "Chechnya")[0]  # an alias of the Chechen Republic, not a town
    assert (chechnya.country, chechnya.resolution) == ("RUS", "admin1")
    # Kenya's provinces until 2013, which the package lacks; beside Kigali, Nyanza is the
    # Rwandan town.
    assert _resolve(finder, "Nyanza", "Kisumu")[0].country == "KEN"
    assert _resolve(finder, "Nyanza", "Kigali")[0].country == "RWA"


def _resolve_text(finder, text, *names):
    """Resolve the names as found, in order, in a sentence of ``text``."""
    mentions, offset = [], 0
    for name in names:
        start = text.index(name, offset)
        mentions.append(Mention(name, start, start + len(name), 0, "GPE"))
        offset = start + len(name)
    return finder.resolve(mentions, [], None, text)


def test_a_list_is_of_like_places_and_state_of_names_the_state(finder):
    # In a list the commas are not qualifiers: Washington is not the town in West Virginia.
    text = "Sales stopped in Utah, Virginia, Washington, West Virginia and Wyoming."
    states = _resolve_text(
        finder, text, "Utah", "Virginia", "Washington", "West Virginia", "Wyoming"
    )
    assert [p.resolution for p in states] == ["admin1"] * 5
    assert states[2].admin1 == "Washington"
    text = "The cow came from a farm in Washington state."
    [state] = _resolve_text(finder, text, "Washington")
    assert (state.resolution, state.admin1) == ("admin1", "Washington")
    [city] = _resolve_text(finder, "The bill passed in Washington on Tuesday.", "Washington")
    assert city.resolution == "city"


def test_a_qualifier_is_the_area_that_holds_the_town(finder):
    # "Georgia" alone is the country; after "Atlanta," it is the state that holds Atlanta.
    assert _resolve(finder, "Georgia")[0].country == "GEO"
    text = "Samples from Tbilisi went to the lab in Atlanta, Georgia, for the test."
    _, atlanta, georgia = _resolve_text(finder, text, "Tbilisi", "Atlanta", "Georgia")
    assert (georgia.country, georgia.resolution) == ("USA", "admin1")
    assert (atlanta.country, atlanta.admin1) == ("USA", "Georgia")


def test_a_town_the_gazetteer_lacks_takes_its_qualifier(finder):
    # No Stroud lies in Ontario (the gazetteer has Stroud, England): the place is Ontario's.
    text = "The truck overturned near Stroud, Ontario, on Highway 11."
    stroud, ontario = _resolve_text(finder, text, "Stroud", "Ontario")
    assert (stroud.country, stroud.resolution, ontario.country) == ("CAN", "admin1", "CAN")
    [nowhere, state] = _resolve_text(
        finder, "He lives in Blorptown, Okla., now.", "Blorptown", "Okla."
    )
    assert (nowhere.admin1, nowhere.resolution) == ("Oklahoma", "admin1")
    # A full stop ends the qualifying: "Lincoln. Capital" is two sentences.
    text = "They met in Lincoln. Capital gains were small."
    lincoln, _ = _resolve_text(finder, text, "Lincoln", "Capital")
    assert lincoln.country == "USA"
    # A country is not qualified by the next country: "in Russia, U.S. officials said".
    text = "He looked into the deals in Russia, U.S. officials said on Friday."
    assert _resolve_text(finder, text, "Russia", "U.S.")[0].country == "RUS"


def test_three_names_with_commas_only_are_a_town_qualified_twice(finder):
    # Without "and" the commas qualify: Surrey is the English county's, not Surrey, B.C.
    text = "The virus came from a lab in Guildford, Surrey, UK, officials said."
    guildford, surrey, uk = _resolve_text(finder, text, "Guildford", "Surrey", "UK")
    assert (surrey.country, uk.country, guildford.country) == ("GBR", "GBR", "GBR")
    text = "Cases rose in Guildford, Surrey and Vancouver."
    assert _resolve_text(finder, text, "Guildford", "Surrey", "Vancouver")[1].country == "CAN"


def test_names_that_lie_together_pick_each_other(finder):
    # Spatial minimality: Paris, Tennessee lies in Henry County, Tennessee; Dublin, Ohio next to
    # Columbus. Alone, each name is its biggest namesake.
    paris, henry = _resolve(finder, "Paris", "Henry County")
    assert (paris.admin1, henry.admin1) == ("Tennessee", "Tennessee")
    assert _resolve(finder, "Dublin", "Columbus")[0].admin1 == "Ohio"
    assert [p.country for p in _resolve(finder, "Paris", "Dublin")] == ["FRA", "IRL"]


def test_a_second_pass_lets_a_qualified_town_pull_its_neighbour(finder):
    # "Bethel, Vt." is settled by its qualifier in the first pass; in the second, Hanover, New
    # Hampshire, across the river from it, beats the bigger Hanover, Maryland.
    text = "A couple died in Hanover on Monday. Their son lives in Bethel, Vt., police said."
    hanover, bethel, _ = _resolve_text(finder, text, "Hanover", "Bethel", "Vt.")
    assert (hanover.admin1, bethel.admin1) == ("New Hampshire", "Vermont")
    # Georgia, yielding to the state in the first pass, votes for the state in the second:
    # Atlanta is then Georgia's, not Atlanta, Texas.
    georgia, _, atlanta = _resolve(finder, "Georgia", "Texas", "Atlanta")
    assert (georgia.resolution, atlanta.admin1) == ("admin1", "Georgia")


def test_a_country_nothing_else_supports_yields_to_a_namesake_among_the_places(finder):
    # Lebanon, Indiana is the seat of Boone County; with Beirut named, Lebanon is the country.
    lebanon, boone = _resolve(finder, "Lebanon", "Boone County")
    assert (lebanon.country, lebanon.admin1, boone.admin1) == ("USA", "Indiana", "Indiana")
    assert _resolve(finder, "Lebanon", "Boone County", "Beirut")[0].country == "LBN"
    assert _resolve(finder, "Lebanon")[0].country == "LBN"
    # "North Georgia" is Georgia itself, no support for the country: with Atlanta, the state.
    georgia, _, north = _resolve(finder, "Georgia", "Atlanta", "North Georgia")
    assert (georgia.country, georgia.resolution, north.resolution) == ("USA", "admin1", "admin1")


def test_one_sense_per_document_and_the_dateline(finder):
    places = _resolve(finder, "London", "Ont.", "London", dateline=Dateline("Toronto"), joined=True)
    assert [p.country for p in places] == ["CAN", "CAN", "CAN", "CAN"]
    assert places[0].geonameid == places[2].geonameid
    assert places[-1].chosen_by == "dateline" and places[-1].start is None


def _written(pipeline, name: str, text: str) -> dict:
    """The places ``tidings code`` finds in ``text``, by the words written."""
    doc = pipeline.code_one(RawDocument(name, name, text=text))
    return {doc.article.text[r.place.start : r.place.end]: r.place for r in doc.places}


def test_wire_story_places_and_event_locations(pipeline):
    text = (FIXTURES / "places" / "border_wire.txt").read_text(encoding="utf-8")
    doc = pipeline.code_one(RawDocument("border_wire.txt", "border_wire.txt", text=text))
    places = [row.place for row in doc.places]
    written = {doc.article.text[p.start : p.end]: p for p in places if p.start is not None}
    for name, country in [
        ("Syria", "SYR"),
        ("Moscow", "RUS"),
        ("Aleppo", "SYR"),
        ("Turkey", "TUR"),
        ("Russia", "RUS"),
        ("Ankara", "TUR"),
        ("Geneva", "CHE"),
    ]:
        assert written[name].country == country, name
        assert written[name].lat is not None and written[name].geonameid
    assert "Turkish" not in written and "Syrian" not in written  # demonyms are not places
    assert written["Moscow"].feature_code == "PPLC" and written["Geneva"].resolution == "city"
    assert places[-1].chosen_by == "dateline" and places[-1].name == "Ankara"
    located = {e.text_info.trigger.text: e.event_loc for e in doc.events}
    assert (located["shelled"].name, located["shelled"].chosen_by) == ("Aleppo", "trigger")
    assert located["backs"].chosen_by == "dateline"  # "Turkey backs …": an actor, not a place
    assert all(e.event_loc is None or e.event_loc.name != "Toronto" for e in doc.events)


def test_a_place_leading_an_office_name_is_the_place(pipeline):
    text = (
        "MOUNT PLEASANT, Texas (AP) - Deputies from the Titus County Jail searched a home on "
        "West Tyler Street on Monday, officials said.\n"
    )
    written = _written(pipeline, "local.txt", text)
    assert (written["Titus County"].resolution, written["Titus County"].admin1) == (
        "admin2",
        "Texas",
    )
    assert "West" not in written  # a street is not in a place called West


def test_a_county_or_state_leading_an_organisation_is_a_place(pipeline):
    # Without the parish and the state, "Alexandria" is Alexandria, Egypt.
    text = (
        "Firefighters from the Rapides Parish Fire District 2 put out a blaze near Alexandria "
        "on Sunday, and the Louisiana Department of Health sent two nurses. The Chicago "
        "Tribune reported the story.\n"
    )
    written = _written(pipeline, "parish.txt", text)
    assert (written["Rapides Parish"].resolution, written["Rapides Parish"].admin1) == (
        "admin2",
        "Louisiana",
    )
    assert written["Louisiana"].resolution == "admin1"
    assert (written["Alexandria"].country, written["Alexandria"].admin1) == ("USA", "Louisiana")
    assert "Chicago" not in written  # a town leading a name is the name's, not a place


def test_a_country_name_stays_the_country_in_a_story_about_it(finder):
    # Mexico City is also called "Mexico"; its country's context supports the country as much.
    mexico = _resolve(finder, "Guerrero", "Mexico City", "Acapulco", "Mexico")[-1]
    assert (mexico.resolution, mexico.country) == ("country", "MEX")


def test_a_town_leading_its_own_public_office_is_the_town(pipeline):
    # "Hanover Police Department" and "Bloomfield Town Council" name the towns, and Kansas City
    # Airport is Kansas City's; a newspaper is no office of its town.
    text = (
        "Officers of the Hanover Police Department met members of the Bloomfield Town Council "
        "on Monday. They flew out of Kansas City Airport. The Chicago Tribune reported it.\n"
    )
    written = _written(pipeline, "office.txt", text)
    assert set(written) == {"Hanover", "Bloomfield", "Kansas City"}
    assert written["Bloomfield"].country == "USA"


def test_a_bad_office_word_row_names_file_and_line(tmp_path):
    words = tmp_path / "offices.tsv"
    words.write_text("word\tkind\tnote\npolice\toffice\t\nmoat\tcastle\t\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"offices.tsv:3: kind must be"):
        PlaceOffices.from_tsv(words)


def test_a_place_name_the_model_cut_from_a_street_is_no_place(pipeline, finder):
    # Had the model tagged only "Wichita" in "Wichita Street", Wichita, Kansas would pull
    # Franklin County to Kansas; "Wichita" followed by "Street" is the street's name.
    from spacy.tokens import Span as SpacySpan

    from tidings.nlp import ParsedArticle
    from tidings.records import Article

    text = "Crews closed Wichita Street in Franklin County on Tuesday."
    article = Article(doc_id="street", source="test", text=text)
    parsed = pipeline.parser(article)
    doc = parsed.doc
    doc.ents = [SpacySpan(doc, 2, 3, "GPE"), SpacySpan(doc, 5, 7, "GPE")]
    mentions, _ = finder.recognise(ParsedArticle(article, doc))
    assert [m.text for m in mentions] == ["Franklin County"]


def test_a_direction_and_a_feature_word_name_a_feature_not_a_town(finder):
    # "North Texas" is Texas, but "North Street" is a street, not Street in Somerset
    assert finder.candidates("North Street") == []
    assert finder.candidates("South Avenue") == []
    assert finder.candidates("North Texas")[0][0].admin1 == "Texas"


def test_an_upper_case_dateline_left_in_the_text_is_a_place(pipeline, finder):
    # Raw text keeps its dateline; "UPDATE —" is no place, and the gazetteer knows no "UPDATE".
    from tidings.nlp import ParsedArticle
    from tidings.records import Article

    text = "Council votes on budget. MANSFIELD — The council met on Monday. UPDATE — It voted."
    article = Article(doc_id="dateline", source="test", text=text)
    doc = pipeline.parser(article).doc
    doc.ents = []  # as if the model had missed it
    mentions, _ = finder.recognise(ParsedArticle(article, doc))
    assert [(m.text, m.label) for m in mentions] == [("MANSFIELD", "GAZ")]


def test_namesake_subdivisions_rank_by_their_countrys_size():
    """Florida the state and Florida the Uruguayan department share a kind and so a prior; the
    tie-break by country population ranks the state first (issue 7)."""
    found = [e for e, _ in resources.gazetteer().candidates("Florida") if e.resolution == "admin1"]
    uruguay = next(e for e in found if e.country == "URY")
    assert found[0].country == "USA" and found[0].prior > uruguay.prior
