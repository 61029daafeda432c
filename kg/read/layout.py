"""The layout of a plain-text article: boilerplate lines, header lines, dateline and body.

Saved web pages and wire copy put the headline, the source and the date in short lines above
the story, and a dateline such as ``NAIROBI (Coast Wire) –`` in front of it. These functions find
them so the story text that reaches the extractor is the story and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources

import srsly
from dateutil import parser as date_parser

from kg.knowledge.gazetteer import fold, load_gazetteer, world_cities
from kg.knowledge.lexicon import function_words
from kg.read.furniture import (
    PROSE_MIN_WORDS,
    SENTENCE_END,
    is_prose,
    story_paragraphs,
    without_link_cards,
    without_repeats,
)

HEADER_MAX_LINES = 12
DATE_LINE_MAX_WORDS = 24
DATE_LOOKAHEAD = 3
"""Paragraphs after the header where a date line may still be (after a standfirst)."""
WRAP_WIDTH = 100
"""Text wrapped by hand has shorter lines than this; a page's one-paragraph lines are longer."""
WRAPPED_MIN_SHARE = 0.6
"""Every line of a wrapped paragraph but its last is at least this share of the longest."""
PUBLISHER_MAX_WORDS = 6

_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}\b")
_DATE_LINE_PARTS = re.compile(r"\s*[|•·]\s*|\s+[–—-]\s+")
_ALL_NUMBERS_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
_NORTH_AMERICAN_ZONE = re.compile(r"\b(?:E|C|M|P)[SD]?T\b")
_SOURCE_PARTS = re.compile(r"\s*[|•·/»›>]+\s*")
_SOURCE_LABEL = re.compile(r"^(?:by|source|from|editor|via)\b\s*:?\s*", re.IGNORECASE)
_SOURCE_CREDIT = re.compile(r"\s+(?:with|and)\s+", re.IGNORECASE)
_WEB_DOMAIN = re.compile(r"(?<=\w)\.(?:com|net|org|co\.uk|com\.au)$", re.IGNORECASE)
"""The generic end of a site's name given as its domain: "DW.COM" is DW."""
_DATE_LINE_PUNCTUATION = re.compile(r"[,:;|•·–—-]")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?)"  # TEHRAN, NEW YORK, ABU DHABI
    r"(?:,\s*(?P<region>[^()\n–—-]{2,40}?))?"  # optional ", Kenya", ", Monday" or ", May 3"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\))?"  # optional (Agency)
    r"\s*[–—-]+\s+"
)


@dataclass(frozen=True)
class ArticleLayout:
    """What the layout of a plain-text article tells, beside the story itself."""

    body: str
    headline: str | None = None
    published: datetime | None = None
    publisher: str | None = None
    dateline_place: str | None = None
    """The dateline's place, and its country where the dateline names one ("Dubai, United
    Arab Emirates")."""


@dataclass(frozen=True)
class _BoilerplateRule:
    pattern: re.Pattern[str]
    max_words: int


@cache
def _boilerplate_rules() -> tuple[_BoilerplateRule, ...]:
    path = resources.files("kg") / "read" / "boilerplate.jsonl"
    return tuple(
        _BoilerplateRule(
            re.compile(row["pattern"], 0 if row.get("case_sensitive") else re.IGNORECASE),
            int(row["max_words"]),
        )
        for row in srsly.read_jsonl(str(path))
    )


def is_boilerplate(line: str) -> bool:
    """Whether a short line is page furniture (donation banners, mailing-list prompts, menus).

    >>> is_boilerplate("Join the Example.org mailing list")
    True
    >>> is_boilerplate("The minister said donations to the fund had doubled since 2019 and "
    ...                "that the money was spent on clinics in the north.")
    False
    """
    n_words = len(line.split())
    return any(r.max_words >= n_words and r.pattern.search(line) for r in _boilerplate_rules())


def parse_date_line(line: str) -> datetime | None:
    """The date a short line states, if the line is nothing but a date (and time), perhaps
    with labels ("Published On", "Last Updated :") and, after a bar, more ("| By News Desk").

    >>> parse_date_line("Monday, 12 April 2021 2:36 PM")
    datetime.datetime(2021, 4, 12, 14, 36)
    >>> parse_date_line("Published 07/27/23 10:18 PM ET | Updated 07/27/23 10:41 PM ET")
    datetime.datetime(2023, 7, 27, 22, 18)
    >>> parse_date_line("PUBLISHED : 14 Aug 2024 at 15:42").date().isoformat()
    '2024-08-14'
    >>> parse_date_line("By Delta Wire  |  March 29, 2025").date().isoformat()
    '2025-03-29'
    >>> parse_date_line("Coast Wire Radio") is None
    True
    """
    if len(line.split()) > DATE_LINE_MAX_WORDS:
        return None
    parts = (_numbers_year_first(part, line) for part in _DATE_LINE_PARTS.split(line))
    return next(filter(None, map(_parse_date_part, parts)), None)


def _numbers_year_first(part: str, line: str) -> str:
    """A date of numbers rewritten year first: "07/27/23" is 2023-07-27, "12.12.2024" is
    2024-12-12; "03/08/2024" is read day first (as most of the world writes it) unless the
    line gives a North American time zone.

    >>> _numbers_year_first("03/08/2024", ""), _numbers_year_first("03/08/2024", "9 PM ET")
    ('2024-08-03', '2024-03-08')
    """
    match = _ALL_NUMBERS_DATE.search(part)
    if match is None:
        return part
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    year += 2000 if year < 100 else 0
    month_first = second > 12 or (first <= 12 and bool(_NORTH_AMERICAN_ZONE.search(line)))
    month, day = (first, second) if month_first else (second, first)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return part
    return f"{part[: match.start()]}{year:04d}-{month:02d}-{day:02d}{part[match.end() :]}"


def _parse_date_part(part: str) -> datetime | None:
    if len(part.split()) > 10 or not (_YEAR.search(part) or _NUMERIC_DATE.search(part)):
        return None
    try:
        parsed, skipped = date_parser.parse(part, fuzzy_with_tokens=True, ignoretz=True)
    except (ValueError, OverflowError):
        return None
    leftover = [
        word
        for word in _DATE_LINE_PUNCTUATION.sub(" ", " ".join(skipped)).split()
        if word.lower() not in function_words("date_label")
    ]
    return parsed if len(leftover) <= 2 else None


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: blank-line separated blocks, else one per line.

    A block of header lines that holds a date line (a headline, then the date on the next
    line) is not a wrapped paragraph, nor is a block of lines that are sentences: their
    lines stay apart.

    >>> split_paragraphs("A line\\nwrapped.\\n\\nNext one.")
    ['A line wrapped.', 'Next one.']
    >>> split_paragraphs("One.\\nTwo.")
    ['One.', 'Two.']
    >>> split_paragraphs("Sealing the deal required the written approval of\\nall members.\\nNext.")
    ['Sealing the deal required the written approval of all members.', 'Next.']
    >>> split_paragraphs("Floods hit the coast\\nTuesday, 14 May 2024\\n\\nRain fell.")
    ['Floods hit the coast', 'Tuesday, 14 May 2024', 'Rain fell.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n\s*\n", text):
        blocks = re.split(r"\n\s*\n", text)
        return [p for b in blocks if b.strip() for p in _block_paragraphs(b)]
    return _rejoin_broken([" ".join(line.split()) for line in text.split("\n") if line.strip()])


def _rejoin_broken(lines: list[str]) -> list[str]:
    """Lines with a sentence broken across them joined again: a line that starts in lower case
    continues a line of prose that stops mid-sentence ("... Erdogan's" / "consent"), not a
    short header line ("Tuesday, June 25" / "by Jane Doe")."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and line[:1].islower()
            and len(joined[-1].split()) >= PROSE_MIN_WORDS
            and not SENTENCE_END.search(joined[-1])
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _block_paragraphs(block: str) -> list[str]:
    """A block's lines as one wrapped paragraph, or apart: header lines with a date line,
    sentences on lines longer than any wrap (pages that put one paragraph on each line), and
    lists of short lines (related stories, tags)."""
    lines = [" ".join(line.split()) for line in block.split("\n") if line.strip()]
    joined = " ".join(lines)
    if len(lines) > 1 and not is_prose(joined) and any(map(parse_date_line, lines)):
        return lines
    if sum(map(is_prose, lines)) >= 2 and max(map(len, lines)) > WRAP_WIDTH:
        return _rejoin_broken(lines)
    if _is_list(lines):
        return lines
    return [joined]


def _is_list(lines: list[str]) -> bool:
    """Lines of a list (related stories, tags, labels): ragged, or three or more that each start
    as an item does (a capital or a digit), or lines in capitals beside lines that are not (an
    outlet's name over its section), and none continues the one before in lower case as a
    wrapped sentence does.

    >>> _is_list(["Related News", "Markets slip as rates rise", "18h | World"])
    True
    >>> _is_list(["Latest news on Acme", "09/17 Acme: Equita cuts target", "09/12 Rivals slip"])
    True
    >>> _is_list(["Coast Daily News", "NATION & WORLD"])
    True
    >>> _is_list(["Heavy rain flooded several towns", "on the coast on Monday,", "officials said."])
    False
    """
    longest = max(map(len, lines))
    ragged = any(len(line) < WRAPPED_MIN_SHARE * longest for line in lines[:-1])
    items = len(lines) >= 3 and all(line[:1].isupper() or line[:1].isdigit() for line in lines)
    cased = len({line.isupper() for line in lines}) > 1
    return (ragged or items or cased) and not any(line[:1].islower() for line in lines[1:])


def parse_layout(text: str) -> ArticleLayout:
    """Separate the header, dateline and boilerplate of a plain-text article from its story.

    >>> layout = parse_layout("Floods hit the coast\\n\\nTuesday, 14 May 2024\\n\\n"
    ...     "NAIROBI (Horn Press) - Heavy rain flooded several towns on the coast on Monday.")
    >>> layout.headline, layout.published.date().isoformat(), layout.dateline_place
    ('Floods hit the coast', '2024-05-14', 'Nairobi')
    >>> layout.publisher, layout.body
    ('Horn Press', 'Heavy rain flooded several towns on the coast on Monday.')
    """
    paragraphs = without_repeats(
        [without_link_cards(p) for p in split_paragraphs(text) if not is_boilerplate(p)]
    )
    n_header = next((i for i, p in enumerate(paragraphs) if is_prose(p)), len(paragraphs))
    n_header = min(n_header, HEADER_MAX_LINES)
    header, body = paragraphs[:n_header], paragraphs[n_header:]
    headline, published, publisher, above_date = _read_header(header)
    date_lines = [line for line in header if parse_date_line(line)]
    if published is None:  # a standfirst sentence above the date line ended the header early
        dated = next((i for i, p in enumerate(body[:DATE_LOOKAHEAD]) if parse_date_line(p)), None)
        if dated is not None:
            date_lines.append(body.pop(dated))
            published = parse_date_line(date_lines[-1])
    body = story_paragraphs(body)
    place = next(filter(None, map(_place_of_date_line, date_lines)), above_date)
    if body and (match := _DATELINE.match(body[0])):
        place = match["place"].strip().title()
        region = (match["region"] or "").split(",")[0].strip()
        if region and load_gazetteer().country(region):
            place = f"{place}, {region}"  # "DUBAI, United Arab Emirates (AP) —"
        publisher = publisher or (publisher_name(match["agency"]) if match["agency"] else None)
        body[0] = body[0][match.end() :]
    return ArticleLayout("\n\n".join(body), headline, published, publisher, place)


def _place_of_date_line(line: str) -> str | None:
    """The place a date line names beside its date ("May 15, 2024 - São Paulo"): a part of
    the line, between dashes or bars, that is a country or a city of the gazetteer or of the
    world's cities, and no date.

    >>> _place_of_date_line("May 15, 2024 - São Paulo"), _place_of_date_line("May 15, 2024")
    ('São Paulo', None)
    """
    for part in (p.strip() for p in _DATE_LINE_PARTS.split(line)):
        if _parse_date_part(part) is None and _is_place_name(part):
            return part
    return None


def _read_header(
    lines: list[str],
) -> tuple[str | None, datetime | None, str | None, str | None]:
    """Headline (the longest title line), date (a date line), source (the line above the date)
    and place (a place's name right above the date, the source then above it)."""
    dated = [(i, d) for i, line in enumerate(lines) if (d := parse_date_line(line)) is not None]
    titles = [(i, line) for i, line in enumerate(lines) if i not in {j for j, _ in dated}]
    headline_at, headline = max(titles, key=lambda t: len(t[1].split()), default=(None, None))
    published = dated[0][1] if dated else None
    publisher = None
    place = None
    if dated:
        above = [line for i, line in titles if i < dated[0][0] and i != headline_at]
        if above and _is_place_name(above[-1]):
            place = above.pop()  # "AFP | Marrakesh | Published: ...": the place, then the source
        while above and _is_section(above[-1]):
            above.pop()  # "Coast Daily News / NATION & WORLD": the source above its section
        if above and len(above[-1].split()) <= PUBLISHER_MAX_WORDS:
            publisher = publisher_name(above[-1])
    return headline, published, publisher, place


def _is_place_name(line: str) -> bool:
    """A country or city of the gazetteer or of the world's cities, capitalised."""
    gazetteer = load_gazetteer()
    return line[:1].isupper() and bool(
        gazetteer.country(line) or gazetteer.city(line) or fold(line) in world_cities()
    )


def _is_section(text: str) -> bool:
    """A section's label, its words all section words ("NATION & WORLD", "Latest news")."""
    sections = function_words("section_word")
    words = [w for w in re.split(r"[\s&,]+", text.lower()) if w and w != "and"]
    return text.strip().lower() in sections or (bool(words) and all(w in sections for w in words))


def publisher_name(line: str) -> str | None:
    """The outlet a source line names, without sections, desks, labels and credits.

    >>> publisher_name("DW | Politics | Germany"), publisher_name("Dunya News/Web Desk")
    ('DW', 'Dunya News')
    >>> publisher_name("by DAILY SABAH WITH AA"), publisher_name("Source: Xinhua | Editor: X")
    ('DAILY SABAH', 'Xinhua')
    >>> publisher_name("Home >> World") is None, publisher_name("Economy | North Africa") is None
    (True, True)
    >>> publisher_name("TAG24 > Politics > Politicians"), publisher_name("DW.COM")
    ('TAG24', 'DW')
    >>> publisher_name("NATION & WORLD") is None
    True

    """
    parts = _SOURCE_PARTS.split(line)
    if len(parts) > 1 and _is_section(parts[0]):
        return None  # a breadcrumb of sections: what follows its first section is one more
    for part in parts:
        name = _SOURCE_LABEL.sub("", part).strip()
        name = _SOURCE_CREDIT.split(name)[0].strip()
        name = name if " " in name else _WEB_DOMAIN.sub("", name)
        if name and not _is_section(name) and any(c.isalpha() for c in name):
            return name
    return None
