"""`tidings eval places` on tiny self-written corpora in the LGL and GeoVirus formats."""

from __future__ import annotations

import pytest
from rich.console import Console

from tidings.config import Settings
from tidings.errors import InputError
from tidings.eval import places

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[Flooding closed roads in Aleppo and the Turkish border town of Kilis.]]></text>
<toponyms>
<toponym><start>25</start><end>31</end><phrase>Aleppo</phrase>
<gaztag geonameid="170063"><name>Aleppo</name><lat>36.2</lat><lon>37.16</lon>
<country geonameid="163843">Syria</country></gaztag></toponym>
<toponym><start>40</start><end>47</end><phrase>Turkish</phrase>
<gaztag geonameid="298795"><name>Turkey</name><lat>39</lat><lon>35</lon>
<country geonameid="298795">Turkey</country></gaztag></toponym>
<toponym><start>63</start><end>68</end><phrase>Kilis</phrase>
<gaztag geonameid="1"><name>Kilis</name><lat>36.72</lat><lon>37.12</lon>
<country geonameid="298795">Turkey</country></gaztag></toponym>
</toponyms></article></articles>
"""

GEOVIRUS = """<articles><article><text>Health workers in Lagos reported new cases.</text>
<locations><location><name>Lagos</name><start>18</start><end>23</end>
<lat>6.45</lat><lon>3.4</lon></location></locations></article></articles>
"""


def test_scores_recognition_and_resolution_per_corpus(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    (tmp_path / "GeoVirus.xml").write_text(GEOVIRUS, encoding="utf-8")
    console = Console(record=True, width=250)
    results = places.run(tmp_path, settings=Settings.load(), console=console)
    assert results["LGL:acc161_given"] == 1.0  # the demonym resolves to Turkey when given
    assert results["GeoVirus:acc161"] == 1.0 and results["GeoVirus:f1"] == 1.0
    assert results["LGL:f1"] > 0.5
    output = console.export_text()
    assert "TR-News.xml: missing" in output and "LGL" in output


def test_bad_toponym_names_the_file(tmp_path):
    bad = tmp_path / "lgl.xml"
    bad.write_text(LGL.replace("<start>25</start>", "<start>x</start>"), encoding="utf-8")
    with pytest.raises(InputError, match="lgl.xml: article 1"):
        places.load(bad)


def test_distance_is_great_circle():
    assert places.km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)


def test_country_accuracy_of_resolved_toponyms_leaves_unresolved_ones_out():
    from types import SimpleNamespace

    def gold(country):
        return places.Toponym("X", 0, 1, 36.2, 37.16, country)

    resolution = places.Resolution()
    aleppo = SimpleNamespace(lat=36.2, lon=37.16, country="SYR")
    resolution.add(gold("Syria"), aleppo, {"Syria": "SYR", "Turkey": "TUR"}.get)
    resolution.add(gold("Turkey"), aleppo, {"Syria": "SYR", "Turkey": "TUR"}.get)
    resolution.add(gold("Turkey"), None, {"Turkey": "TUR"}.get)  # recognised, unresolved
    assert resolution.country == pytest.approx(1 / 3)
    assert resolution.resolved_country == pytest.approx(1 / 2)
