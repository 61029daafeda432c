"""The country and city gazetteer: valid ISO codes, no ambiguous names, look-ups."""

from __future__ import annotations

import re
from collections import defaultdict

import pycountry
import pytest
import srsly

from kg.knowledge.gazetteer import fold, load_gazetteer
from tests.conftest import ROOT

DATA = ROOT / "kg" / "knowledge" / "data"
COUNTRIES = list(srsly.read_jsonl(DATA / "countries.jsonl"))
CITIES = list(srsly.read_jsonl(DATA / "cities.jsonl"))
NOT_IN_ISO = {"XK"}  # Kosovo: a user-assigned code, not (yet) in ISO 3166-1


def test_country_codes_are_iso_alpha_2():
    codes = [row["code"] for row in COUNTRIES]
    assert [
        c for c in codes if c not in NOT_IN_ISO and not pycountry.countries.get(alpha_2=c)
    ] == []
    assert len(codes) > 190


def test_each_country_once():
    codes = [row["code"] for row in COUNTRIES]
    assert len(codes) == len(set(codes))


def folded_owners(rows, fields):
    owners = defaultdict(set)
    for row in rows:
        for field in fields:
            values = row.get(field) or []
            for name in [values] if isinstance(values, str) else values:
                owners[fold(name)].add(row["code"])
    return {name: codes for name, codes in owners.items() if len(codes) > 1}


@pytest.mark.parametrize("fields", [("name", "aliases"), ("demonyms",)])
def test_no_folded_name_means_two_countries(fields):
    assert folded_owners(COUNTRIES, fields) == {}


def test_every_city_is_in_a_known_country():
    codes = {row["code"] for row in COUNTRIES}
    assert [c["name"] for c in CITIES if c["country"] not in codes] == []


def test_no_folded_city_name_means_two_cities():
    owners = defaultdict(set)
    for city in CITIES:
        for name in (city["name"], *city.get("aliases", [])):
            owners[fold(name)].add((city["name"], city["country"]))
    assert {name: c for name, c in owners.items() if len(c) > 1} == {}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("U.S.", "US"),
        ("US", "US"),
        ("the United States", "US"),
        ("America", "US"),
        ("Iran", "IR"),
        ("Islamic Republic of Iran", "IR"),
        ("UAE", "AE"),
        ("Kosovo", "XK"),
        ("Iranians", None),
        ("Baghdad", None),
    ],
)
def test_country(name, code):
    country = load_gazetteer().country(name)
    assert (country.code if country else None) == code


@pytest.mark.parametrize(
    ("word", "code"),
    [("Iranians", "IR"), ("Iranian", "IR"), ("Americans", "US"), ("Iraqi", "IQ"), ("Iran", None)],
)
def test_country_of_demonym(word, code):
    country = load_gazetteer().country_of_demonym(word)
    assert (country.code if country else None) == code


@pytest.mark.parametrize(
    ("name", "city", "country"),
    [
        ("Baghdad", "Baghdad", "IQ"),
        ("Basrah", "Basra", "IQ"),
        ("Teheran", "Tehran", "IR"),
        ("Washington, D.C.", "Washington", "US"),
        ("Iraq", None, None),
    ],
)
def test_city(name, city, country):
    found = load_gazetteer().city(name)
    assert ((found.name, found.country) if found else (None, None)) == (city, country)


@pytest.mark.parametrize(
    ("name", "code"), [("Baghdad", "IQ"), ("Tehran", "IR"), ("Basra", None), ("Iraq", None)]
)
def test_country_of_capital(name, code):
    country = load_gazetteer().country_of_capital(name)
    assert (country.code if country else None) == code


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the U.S.", "US"),
        ("Hashd al-Sha\N{RIGHT SINGLE QUOTATION MARK}abi", "hashd al sha'abi"),
        ("São Paulo", "sao paulo"),
        ("  New   York ", "new york"),
    ],
)
def test_fold(a, b):
    assert fold(a) == fold(b)


SUBDIVISIONS = list(srsly.read_jsonl(DATA / "subdivisions.jsonl"))
ORGANIZATIONS = list(srsly.read_jsonl(DATA / "known_organizations.jsonl"))
QID = re.compile(r"Q[1-9][0-9]*")


def test_subdivision_codes_are_iso_3166_2():
    codes = [row["code"] for row in SUBDIVISIONS]
    assert [c for c in codes if not pycountry.subdivisions.get(code=c)] == []
    assert len(codes) == len(set(codes))


def test_wikidata_items_are_well_formed_and_name_one_thing_each():
    items = [
        row["wikidata"]
        for rows in (COUNTRIES, SUBDIVISIONS, CITIES, ORGANIZATIONS)
        for row in rows
        if "wikidata" in row
    ]
    assert [q for q in items if not QID.fullmatch(q)] == []
    assert sorted(q for q in set(items) if items.count(q) > 1) == []


def test_every_country_and_over_a_hundred_international_organizations_have_wikidata_items():
    assert [row["code"] for row in COUNTRIES if "wikidata" not in row] == []
    international = [r for r in ORGANIZATIONS if r["kind"] == "international organization"]
    assert len([r for r in international if "wikidata" in r]) >= 100
    kinds = {r["kind"] for r in ORGANIZATIONS if "wikidata" in r}
    assert kinds == {"international organization"}


@pytest.mark.parametrize(
    ("name", "item"),
    [("Iran", "Q794"), ("Iraq", "Q796"), ("Georgia", "Q230"), ("Republic of the Congo", "Q971")],
)
def test_country_items(name, item):
    assert load_gazetteer().country(name).wikidata == item


@pytest.mark.parametrize(("name", "item"), [("Baghdad", "Q1530"), ("Tehran", "Q3616")])
def test_city_items(name, item):
    assert load_gazetteer().city(name).wikidata == item


def test_subdivisions_named():
    gazetteer = load_gazetteer()
    assert [s.code for s in gazetteer.subdivisions_named("Georgia")] == ["US-GA"]
    assert gazetteer.subdivisions_named("Texas")[0].wikidata == "Q1439"
    assert gazetteer.subdivisions_named("Iraq") == ()
