"""The layout of plain-text articles: header lines, date line, dateline, boilerplate, wrapping."""

from __future__ import annotations

from datetime import datetime

import pytest

from kg.read.layout import is_boilerplate, parse_date_line, parse_layout, split_paragraphs

STORY = "Heavy rain flooded several towns on the coast on Monday, officials said."
HEADLINE = "Rapid expulsion of US forces boosts stability in Iraq: Iran's top security official"


@pytest.mark.parametrize(
    ("text", "headline", "published", "publisher"),
    [
        pytest.param(
            f"Iran Press TV\n\n{HEADLINE}\n\nIran Press TV\n\nMonday, 12 April 2021 2:36 PM\n\n"
            + STORY,
            HEADLINE,
            datetime(2021, 4, 12, 14, 36),
            "Iran Press TV",
            id="longest-title-line-is-the-headline-source-above-the-date",
        ),
        pytest.param(
            "Weapons of Mass Destruction (WMD)\n\n"
            "Floods hit the Kenyan coast after days of rain\n\n" + STORY,
            "Floods hit the Kenyan coast after days of rain",
            None,
            None,
            id="no-date-line-no-source",
        ),
        pytest.param(
            "Kenya and WFP launch emergency food aid\nTuesday, 14 May 2024 9:10 AM\n\n" + STORY,
            "Kenya and WFP launch emergency food aid",
            datetime(2024, 5, 14, 9, 10),
            None,
            id="date-line-right-under-the-headline",
        ),
        pytest.param(
            "Floods hit the coast\nHorn Press\nTuesday, 14 May 2024\n" + STORY,
            "Floods hit the coast",
            datetime(2024, 5, 14),
            "Horn Press",
            id="one-line-per-paragraph",
        ),
        pytest.param(
            "Economy | North Africa\nFloods hit the coast after days of rain\n"
            "Tuesday, 14 May 2024\n" + STORY,
            "Floods hit the coast after days of rain",
            datetime(2024, 5, 14),
            None,
            id="a-breadcrumb-of-sections-above-the-date-is-no-publisher",
        ),
        pytest.param(
            "Coast Daily News\nNATION & WORLD\n\nFloods hit the coast after days of rain\n\n"
            "Updated Jan 28, 2025\n\n" + STORY,
            "Floods hit the coast after days of rain",
            datetime(2025, 1, 28),
            "Coast Daily News",
            id="the-outlet-above-its-section-in-capitals-is-the-publisher",
        ),
        pytest.param(STORY, None, None, None, id="story-only"),
    ],
)
def test_header_lines(text, headline, published, publisher):
    layout = parse_layout(text)
    assert (layout.headline, layout.published, layout.publisher) == (
        headline,
        published,
        publisher,
    )
    assert layout.body == STORY


def test_a_date_line_under_a_one_sentence_standfirst_is_the_date_and_not_the_story():
    standfirst = "Towns are cut off after days of rain."
    layout = parse_layout(f"Floods hit the coast\n{standfirst}\nPublished On 14 May 2024\n{STORY}")
    assert layout.published == datetime(2024, 5, 14)
    assert layout.body == f"{standfirst}\n\n{STORY}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monday, 12 April 2021 2:36 PM", datetime(2021, 4, 12, 14, 36)),
        ("Tuesday, 14 May 2024 9:10 AM", datetime(2024, 5, 14, 9, 10)),
        ("April 12, 2021", datetime(2021, 4, 12)),
        ("2021-04-12", datetime(2021, 4, 12)),
        ("Iran Press TV", None),
        ("Weapons of Mass Destruction (WMD)", None),
        ("Monday", None),
        ("On 12 April 2021 the council met in Baghdad to discuss the budget.", None),
        ("Published On 3 Aug 2024", datetime(2024, 8, 3)),
        ("May 2, 2024  |  By News Desk", datetime(2024, 5, 2)),
        ("Writer Name  |12.12.2024 - Update : 12.12.2024", datetime(2024, 12, 12)),
        ("BY A WRITER - 07/27/23 9:52 PM ET", datetime(2023, 7, 27, 21, 52)),
        ("03/08/2024 - 14:05", datetime(2024, 8, 3)),
        ("Published 03/08/2024 10:18 PM ET", datetime(2024, 3, 8, 22, 18)),
    ],
)
def test_parse_date_line(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("first_paragraph", "place", "agency"),
    [
        ("TEHRAN (Tasnim) \N{EN DASH} ", "Tehran", "Tasnim"),
        ("BAGHDAD (Tigris News Agency) \N{EN DASH} ", "Baghdad", "Tigris News Agency"),
        ("NEW YORK, May 3 (Reuters) - ", "New York", "Reuters"),
        ("SHANGLA (Dunya News/Web Desk) \N{EN DASH} ", "Shangla", "Dunya News"),  # not its desk
        ("ABU DHABI \N{EN DASH} ", "Abu Dhabi", None),
        ("WASHINGTON — ", "Washington", None),
    ],
)
def test_dateline_is_stripped_with_place_and_agency(first_paragraph, place, agency):
    layout = parse_layout("Talks resume in the capital\n\n" + first_paragraph + STORY)
    assert layout.body == STORY
    assert (layout.dateline_place, layout.publisher) == (place, agency)


def test_dateline_agency_does_not_replace_the_source_line():
    header = "Talks on the nuclear deal resume\n\nIran Press TV\n\n12 April 2021\n\n"
    text = header + "TEHRAN (Tasnim) \N{EN DASH} " + STORY
    assert parse_layout(text).publisher == "Iran Press TV"


@pytest.mark.parametrize(
    "line",
    [
        "UNITED24 - Make a charitable donation in support of Ukraine!",
        "Donate now",
        "Support our journalism",
        "Join the GlobalSecurity.org mailing list",
        "Sign up for our newsletter to get daily updates",
        "Home | World | Business | Sport",
        "Home > World > Africa",
        "© 2024 Sahel Daily Media. All rights reserved.",
        "Copyright 2021 Example News",
        "We use cookies to improve your experience.",
        "Follow us on Twitter",
        "Read more: Floods in Kenya",
        "Share this article",
    ],
)
def test_boilerplate_lines_are_dropped(line):
    assert is_boilerplate(line)
    layout = parse_layout(f"Floods hit the coast\n\n{line}\n\n{STORY}\n\n{line}")
    assert layout.headline == "Floods hit the coast"
    assert layout.body == STORY


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said donations to the fund had doubled since 2019 and would rise again.",
        "Aid agencies appealed for donations after the floods destroyed thousands of homes.",
        "The president urged citizens to make a donation to the flood victims, his office said.",
        "The Red Cross asked the public to donate now rather than wait for the government's plan.",
        "Residents were told to register for flood alerts on the county website, officials said.",
        "Copyright law was changed by parliament in a vote on Tuesday, the minister said.",
        "Home affairs minister Daniel Ochieng said the plan would start on Monday in Nairobi.",
        "Share prices fell in Nairobi on Monday as investors sold bank stocks, traders said.",
        "More in the north than in the south voted for the ruling party, the commission said.",
    ],
)
def test_ordinary_sentences_are_kept(sentence):
    assert not is_boilerplate(sentence)
    assert parse_layout(f"Floods hit the coast\n\n{STORY}\n\n{sentence}").body == (
        f"{STORY}\n\n{sentence}"
    )


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        (
            "Heavy rain flooded several towns\non the coast on Monday,\nofficials said.\n\n"
            "Roads were closed.",
            [STORY, "Roads were closed."],
        ),
        ("One line.\r\nwrapped.\r\n\r\nNext.", ["One line. wrapped.", "Next."]),
        ("One.\nTwo.", ["One.", "Two."]),
        ("  spaced   out  \n\n\n\nnext  ", ["spaced out", "next"]),
        (
            "A headline over\ntwo lines\n\nMonday, 12 April 2021\n\nStory.",
            ["A headline over two lines", "Monday, 12 April 2021", "Story."],
        ),
    ],
)
def test_hard_wrapped_paragraphs_are_joined(text, paragraphs):
    assert split_paragraphs(text) == paragraphs


def test_wrapped_story_reaches_the_body_in_one_paragraph():
    text = "Floods hit the coast\n\nHeavy rain flooded several towns\non the coast on Monday,"
    text += "\nofficials said."
    assert parse_layout(text).body == STORY
