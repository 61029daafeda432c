"""Dates in the text, normalized against the article's publication date.

A date is kept only as precise as the text makes it: a day (``2020-01-03``), a month
(``2020-01``) or a year (``2020``). Weekdays ("on Monday") and "yesterday" need the
publication date; without it they give nothing. Nothing is invented.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil import parser as date_parser

from kg.knowledge.lexicon import function_words

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = {m[:3]: n for n, m in enumerate(MONTHS, 1)} | {"sept": 9}
"""Months as news abbreviates them ("Oct. 7", "Sept 11"); the dot is gone before lookup."""
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_DAY = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")


def normalize_date(text: str, *, published: date | None, future: bool = False) -> str | None:
    """The ISO value of a date expression, or None when the text does not fix one.

    Args:
        text: the date as written ("on Monday", "January 3, 2020", "May 2023", "2019").
        published: the article's date, against which weekdays and "yesterday" resolve.
        future: the event is ahead ("will meet on Tuesday"): weekdays resolve forwards.

    >>> normalize_date("Monday", published=date(2021, 4, 12))
    '2021-04-12'
    >>> normalize_date("Saturday", published=date(2021, 4, 12))
    '2021-04-10'
    >>> normalize_date("Saturday", published=None) is None
    True
    >>> normalize_date("January 3, 2020", published=None)
    '2020-01-03'
    >>> normalize_date("January 2020", published=None)
    '2020-01'
    >>> normalize_date("in September", published=date(2024, 11, 1))
    '2024-09'
    >>> normalize_date("in 2019", published=None), normalize_date("two days", published=None)
    ('2019', None)
    >>> normalize_date("last year", published=date(2025, 3, 19))
    '2024'
    >>> normalize_date("last month", published=date(2025, 1, 9))
    '2024-12'
    """
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    if (period := _period(words, published)) is not None:
        return period
    words = [w for w in words if w not in function_words("date_filler")]
    if not words:
        return None
    if len(words) == 1 and words[0] in WEEKDAYS:
        return _weekday(WEEKDAYS.index(words[0]), published, future=future)
    if words in (["yesterday"], ["today"], ["tomorrow"]):
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[words[0]]
        return (published + timedelta(days=offset)).isoformat() if published else None
    return _calendar(text, words, published, future=future)


PERIOD_OFFSETS = {"period_before": -1, "period_current": 0, "period_after": 1}


def _period(words: list[str], published: date | None) -> str | None:
    """ "last year", "this month", "next year": the year or month the words count from the
    article's ("in the last year", a span of time, fixes none)."""
    if published is None or len(words) != 2 or words[1] not in {"year", "month"}:
        return None
    offset = next((n for r, n in PERIOD_OFFSETS.items() if words[0] in function_words(r)), None)
    if offset is None:
        return None
    if words[1] == "year":
        return str(published.year + offset)
    months = published.year * 12 + published.month - 1 + offset
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _weekday(weekday: int, published: date | None, *, future: bool) -> str | None:
    if published is None:
        return None
    if future:
        return (published + timedelta(days=(weekday - published.weekday()) % 7 or 7)).isoformat()
    return (published - timedelta(days=(published.weekday() - weekday) % 7)).isoformat()


def _calendar(
    text: str, words: list[str], published: date | None, *, future: bool = False
) -> str | None:
    month = next((_month(w) for w in words if _month(w) is not None), None)
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    day_words = [w for w in words if _DAY.fullmatch(w) and not _YEAR.fullmatch(w)]
    if month is None:
        only_year = year is not None and all(_YEAR.fullmatch(w) for w in words)
        return str(year) if only_year else None
    if year is None:
        if published is None:
            return None
        if not day_words:  # "in September": the last September, or the next one ahead
            return f"{_year_of_month(month, published, future=future):04d}-{month:02d}"
        year = published.year
    if not day_words:
        return f"{year:04d}-{month:02d}"
    try:
        day = date_parser.parse(f"{month} {day_words[0]} {year}", dayfirst=False).date()
    except (ValueError, OverflowError):
        return None
    if published is not None and year_match is None and day > published:
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February of a year after a leap year
            return None
    return day.isoformat()


def _month(word: str) -> int | None:
    """The number of a month named in full or abbreviated.

    >>> _month("october"), _month("oct"), _month("sept"), _month("octopus")
    (10, 10, 9, None)
    """
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return MONTH_ABBREVIATIONS.get(word)


def _year_of_month(month: int, published: date, *, future: bool) -> int:
    """The year of a month named without one: the last such month up to the article's, or
    for an event ahead the next one from it.

    >>> november = date(2024, 11, 1)
    >>> _year_of_month(9, november, future=False), _year_of_month(12, november, future=False)
    (2024, 2023)
    >>> _year_of_month(2, date(2024, 11, 1), future=True)
    2025
    """
    if future:
        return published.year + (month < published.month)
    return published.year - (month > published.month)


def duration_days(text: str) -> int | None:
    """Days in a short duration ("two days", "a week"), for "two days after the attack".

    >>> duration_days("two days"), duration_days("3 weeks"), duration_days("recent years")
    (2, 21, None)
    """
    words = text.lower().split()
    if len(words) != 2 or words[1] not in UNIT_DAYS:
        return None
    count = NUMBERS.get(words[0]) or (int(words[0]) if words[0].isdigit() else None)
    return count * UNIT_DAYS[words[1]] if count else None


def shift(value: str, days: int) -> str | None:
    """A day-precision ISO date moved by some days; coarser dates cannot be moved exactly.

    >>> shift("2020-01-03", 2), shift("2020-01", 2)
    ('2020-01-05', None)
    """
    if len(value) != 10:
        return None
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
