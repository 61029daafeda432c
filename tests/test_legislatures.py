"""The houses of the world's legislatures and the marks that place a story in a country."""

from __future__ import annotations

import pytest

from kg.knowledge.legislatures import chamber_named, chamber_of_key, country_cues


@pytest.mark.parametrize(
    ("name", "country", "label"),
    [
        ("the House", "US", "United States House of Representatives"),
        ("Senate", "US", "United States Senate"),
        ("Congress", "US", "United States Congress"),
        ("House", "KE", "National Assembly of Kenya"),
        ("Senate", "BR", "Federal Senate of Brazil"),
        ("Diet", "JP", "National Diet"),
        ("parliament", "JP", "National Diet"),
        ("lower house", "JP", "House of Representatives of Japan"),
    ],
)
def test_a_house_is_known_by_its_names_its_role_and_its_short_name(name, country, label):
    chamber = chamber_named(name, country)
    assert chamber is not None and chamber.name == label


@pytest.mark.parametrize(("name", "country"), [("Congress", "IN"), ("Senate", "IQ"), ("Lok", "IN")])
def test_no_house_where_the_country_has_none_of_that_name(name, country):
    assert chamber_named(name, country) is None


def test_an_institution_key_is_the_house_of_that_role():
    assert chamber_of_key("congress@US").name == "United States Congress"
    assert chamber_of_key("parliament@JP").name == "National Diet"
    assert chamber_of_key("country@US") is None


@pytest.mark.parametrize(
    ("text", "dateline", "cues"),
    [
        ("Sen. Mike Lee, R-Utah, and Rep. Adam Smith (D-Wash.) spoke.", None, {"US": 2}),
        ("Chuck Schumer, D-N.Y.", None, {"US": 1}),
        ("The R-Series and a D-Day parade, a T-Rex.", None, {}),
        ("The House voted.", "MANILA, Philippines", {"PH": 2}),
        ("The House voted.", "NAIROBI", {"KE": 2}),
    ],
)
def test_party_and_state_tags_and_datelines_place_a_story(text, dateline, cues):
    assert dict(country_cues(text, dateline)) == cues
