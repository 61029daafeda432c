"""Dates normalized against the publication date: weekdays, full dates, months, years, durations."""

from __future__ import annotations

from datetime import date

import pytest

from kg.knowledge.temporal import duration_days, normalize_date, shift

PUBLISHED = date(2024, 3, 13)
"""A Wednesday."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday", "2024-03-11"),
        ("on Tuesday", "2024-03-12"),
        ("Wednesday", "2024-03-13"),  # the publication day itself
        ("Thursday", "2024-03-07"),
        ("last Friday", "2024-03-08"),
        ("on Saturday", "2024-03-09"),
        ("Sunday", "2024-03-10"),
    ],
)
def test_weekday_is_the_last_such_day_up_to_publication(text, expected):
    assert normalize_date(text, published=PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday", "2024-03-14"),
        ("on Friday", "2024-03-15"),
        ("Saturday", "2024-03-16"),
        ("Sunday", "2024-03-17"),
        ("Monday", "2024-03-18"),
        ("Tuesday", "2024-03-19"),
        ("Wednesday", "2024-03-20"),  # "will meet on Wednesday", written on a Wednesday: next week
    ],
)
def test_future_weekday_is_the_next_such_day(text, expected):
    assert normalize_date(text, published=PUBLISHED, future=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yesterday", "2024-03-12"), ("today", "2024-03-13"), ("tomorrow", "2024-03-14")],
)
def test_relative_day_words(text, expected):
    assert normalize_date(text, published=PUBLISHED) == expected


@pytest.mark.parametrize(
    "text",
    [
        "January 3, 2020",
        "3 January 2020",
        "on 3 January, 2020",
        "January 3rd, 2020",
        "Friday, January 3, 2020",
    ],
)
@pytest.mark.parametrize("published", [None, PUBLISHED])
def test_full_date_in_any_order(text, published):
    assert normalize_date(text, published=published) == "2020-01-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("January 2020", "2020-01"), ("in May 2023", "2023-05"), ("early October 2021", "2021-10")],
)
def test_month_and_year_give_a_month(text, expected):
    assert normalize_date(text, published=PUBLISHED) == expected


@pytest.mark.parametrize(("text", "expected"), [("2019", "2019"), ("in 2019", "2019")])
def test_year_alone_gives_a_year(text, expected):
    assert normalize_date(text, published=PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 5", "2024-03-05"),
        ("5 March", "2024-03-05"),
        ("March 13", "2024-03-13"),  # the publication day is not "after" it
        ("March 14", "2023-03-14"),  # after the publication date: last year's
        ("December 28", "2023-12-28"),
        ("28th December", "2023-12-28"),
    ],
)
def test_month_day_without_year_takes_the_last_such_day(text, expected):
    assert normalize_date(text, published=PUBLISHED) == expected


def test_february_29_after_publication_has_no_previous_year_date():
    """Last year had no 29 February: nothing to give, and nothing to crash on."""
    assert normalize_date("February 29", published=date(2024, 2, 28)) is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("last year", PUBLISHED, "2023"),
        ("this year", PUBLISHED, "2024"),
        ("next year", PUBLISHED, "2025"),
        ("last month", date(2024, 1, 9), "2023-12"),
        ("this month", PUBLISHED, "2024-03"),
        ("next month", date(2024, 12, 1), "2025-01"),
        ("in the last year", PUBLISHED, None),  # a span of time, not a year
        ("last week", PUBLISHED, None),
        ("last year", None, None),
    ],
)
def test_a_year_or_month_counted_from_the_article(text, published, expected):
    assert normalize_date(text, published=published) == expected


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Monday", None),
        ("on Friday", None),
        ("yesterday", None),
        ("March 5", None),
        ("two days", PUBLISHED),
        ("recent years", PUBLISHED),
        ("in March", None),
        ("last week", PUBLISHED),
        ("", PUBLISHED),
    ],
)
def test_no_date_is_invented(text, published):
    assert normalize_date(text, published=published) is None


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("in March", False, "2024-03"),
        ("in September", False, "2023-09"),
        ("in September", True, "2024-09"),
        ("in January", True, "2025-01"),
    ],
)
def test_a_month_alone_is_the_last_one_or_for_an_event_ahead_the_next(text, future, expected):
    """ "They last met in September", read on 13 March 2024: September 2023; as a weekday is
    resolved against the article's date, so is a month named without its year."""
    assert normalize_date(text, published=PUBLISHED, future=future) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two days", 2),
        ("a day", 1),
        ("ten days", 10),
        ("3 weeks", 21),
        ("a week", 7),
        ("recent years", None),
        ("two months", None),
        ("several days", None),
        ("days", None),
    ],
)
def test_duration_days(text, expected):
    assert duration_days(text) == expected


@pytest.mark.parametrize(
    ("value", "days", "expected"),
    [
        ("2020-01-03", 2, "2020-01-05"),
        ("2024-02-28", 2, "2024-03-01"),
        ("2024-01-01", -1, "2023-12-31"),
        ("2020-01", 2, None),
        ("2020", 2, None),
    ],
)
def test_shift_moves_only_days(value, days, expected):
    assert shift(value, days) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct. 7", "2023-10-07"),
        ("Sept. 11, 2001", "2001-09-11"),
        ("Feb 2024", "2024-02"),
        ("Nov. 14", "2023-11-14"),
    ],
)
def test_abbreviated_months(text, expected):
    assert normalize_date(text, published=PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Monday night", "2024-03-11"), ("early Sunday morning", "2024-03-10")],
)
def test_a_part_of_the_day_keeps_its_day(text, expected):
    assert normalize_date(text, published=PUBLISHED) == expected


def test_a_time_of_day_alone_is_no_date():
    assert normalize_date("this morning", published=PUBLISHED) is None
