"""Page furniture: a saved page's story is kept; the lists, credits and tags around it are not."""

from __future__ import annotations

import pytest

from kg.read.furniture import is_story, story_paragraphs, without_repeats
from kg.read.layout import is_boilerplate, parse_layout

LEAD = "Heavy rain flooded three towns on the coast on Monday, the regional governor said."
SECOND = "Rescue teams reached the last of the towns late on Tuesday, officials said."


def test_a_list_of_other_stories_after_the_story_is_dropped() -> None:
    body = [
        LEAD,
        SECOND,
        "01:10",
        "Polls open in the capital as voters queue",
        "Watch video",
        "Dockers strike over pay at the main port",
        "US unveils visa curbs",
    ]
    assert story_paragraphs(body) == [LEAD, SECOND]


def test_a_tag_list_after_the_story_is_dropped() -> None:
    layout = parse_layout(f"Floods hit the coast\n\n{LEAD}\n\n{SECOND}\n\nTags\n\nKenya\n\nFloods")
    assert layout.body == f"{LEAD}\n\n{SECOND}"


def test_a_capitalised_headline_inserted_in_the_story_is_dropped() -> None:
    body = [LEAD, "MARKETS FALL FOR A THIRD DAY AS OIL PRICES CLIMB", SECOND]
    assert story_paragraphs(body) == [LEAD, SECOND]


def test_a_run_of_title_lines_inside_the_story_is_dropped_but_a_subheading_stays() -> None:
    related = ["Related", "Dockers strike over pay", "Court frees two reporters"]
    assert story_paragraphs([LEAD, *related, SECOND]) == [LEAD, SECOND]
    assert story_paragraphs([LEAD, "What comes next", SECOND]) == [LEAD, "What comes next", SECOND]


def test_an_embedded_tweet_stays() -> None:
    tweet = ["We declare the winner of the vote 🇬🇭", "— Electoral Board (@ElectBoard) May 2, 2021"]
    assert story_paragraphs([LEAD, *tweet, SECOND]) == [LEAD, *tweet, SECOND]


def test_a_repeated_lead_is_read_once() -> None:
    assert without_repeats([LEAD, LEAD, SECOND]) == [LEAD, SECOND]


def test_a_cut_short_last_paragraph_is_story() -> None:
    cut = "The ministry said the roads to the three towns would stay closed until engineers had"
    assert is_story(cut + " checked every bridge on the coast road and the rail line that")
    assert story_paragraphs([LEAD, cut + " checked every bridge on the coast road and"]) == [
        LEAD,
        cut + " checked every bridge on the coast road and",
    ]


def test_a_photo_credit_before_the_date_line_leaves_the_date_in_the_header() -> None:
    text = (
        "Floods hit the coast\n\n"
        "Photo: Amina Yusuf / AFP via Getty Images. Water covers a road near the port.\n\n"
        "Tuesday, 14 May 2024 05:41 PM EDT\n\n"
        f"{LEAD}"
    )
    layout = parse_layout(text)
    assert layout.published is not None and layout.published.date().isoformat() == "2024-05-14"
    assert layout.body == LEAD


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Reuters",
        "By Amina Yusuf | Lagos",
        "Reporting by Jane Doe; Editing by John Roe",
        "Kofi Mensah/AFP",
        "00:57",
        "Scroll to top",
        "Watch video",
        "3 min read",
        "Image: the port at dawn",
        "(Reporting by Jane Doe and John Roe; Editing by Mary Major)",
        "Associated Press writer Jane Doe contributed to this report.",
        "By Reuters",
        "Proofreading by Jane Doe, copy editor at Example.co.ke.",
        "By Daily News with AA",
        "Featured image via Screenshot/Twitter",
        "Our Standards: The Example Trust Principles.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the day, the river had burst its banks.",
        "By Monday the water had gone down.",
        "Reporters by the dozen waited at the gate of the court.",
        "Video from the scene showed the bridge had collapsed into the river.",
    ],
)
def test_story_lines_are_not_furniture(line: str) -> None:
    assert not is_boilerplate(line)


def test_a_page_with_one_paragraph_a_line_keeps_its_story() -> None:
    """Single lines, no blank line between them, among a byline, an image line and a
    subscription block: the story's lines stay apart and stay."""
    text = (
        "Parliament passes the budget\n"
        "By Jane Doe\n"
        "Image\n"
        f"{LEAD} The vote came after a debate that lasted two full days in the chamber.\n"
        f"{SECOND} They brought food, water and medicine to the families who had stayed.\n"
        "\n"
        "Subscribe to our newsletter for daily updates on the stories that matter to you.\n"
    )
    layout = parse_layout(text)
    assert LEAD in layout.body and SECOND in layout.body
    assert "Jane Doe" not in layout.body and "newsletter" not in layout.body


def test_a_block_of_short_list_lines_is_not_one_wrapped_paragraph() -> None:
    text = f"{LEAD}\n\nRelated News\nMarkets slip as rates rise in the capital\n18h | World\n"
    text += "Dockers strike over pay at the main port\n1d | Business"
    assert parse_layout(text).body == LEAD


def test_a_link_card_after_a_name_is_no_story() -> None:
    text = (
        "Senators pass the defense bill\n\n"
        '"We did our job," Senate Majority Leader Ana LimaAna LimaLima tees up vote on'
        " AI briefings for senators MORE (D-N.Y.) said on the floor of the chamber on Thursday."
    )
    assert "Leader Ana Lima (D-N.Y.) said" in parse_layout(text).body
