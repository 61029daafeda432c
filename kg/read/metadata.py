"""Metadata fields and text as the reader accepts them, checked per document.

A field of the wrong kind (a list as a publisher, ``2024-13-45`` as a date) is left out with
one warning naming the file, the line and the field; the document is read without it. Text
loses the characters XML 1.0 forbids (control characters such as NUL or ESC; a form feed or
vertical tab becomes a line break), so that no export can be broken by them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from dateutil import parser as date_parser

from kg.errors import InputError
from kg.safe_io import xml_text

_PAGE_BREAK = re.compile("[\x0b\x0c]")


def clean_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids; page breaks become line breaks.

    >>> clean_text("Rain\\x0cfell\\x1b[0m in Lima\\x00.")
    'Rain\\nfell[0m in Lima.'
    """
    return xml_text(_PAGE_BREAK.sub("\n", text))


class TextDatesLoader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text, so that a bad one (``2024-13-45``) is a
    field to report, not an exception in the middle of parsing."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Fields:
    """The metadata of one document (front matter, a JSONL row, an HTML page's), read field
    by field; ``warn`` is told of each field left out."""

    values: dict[str, Any]
    path: str | Path
    warn: Callable[[InputError], None]
    where: str = "front matter"
    line_of: Callable[[str], int | None] = lambda key: None

    def text(self, *keys: str) -> str | None:
        """The first of ``keys`` given: text, or a number written as text."""
        key, value = self._first(keys)
        if key is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and (cleaned := " ".join(clean_text(value).split())):
            return cleaned
        self._left_out(key, f"is not text ({type(value).__name__})")
        return None

    def published(self, *keys: str) -> date | datetime | None:
        """The first of ``keys`` given, as a day (or a moment) the calendar has."""
        key, value = self._first(keys)
        if key is None:
            return None
        if isinstance(value, date):
            return value
        if not isinstance(value, str | int):
            self._left_out(key, f"is not a date ({type(value).__name__})")
            return None
        text = str(value).strip()
        try:
            return date.fromisoformat(text) if len(text) == 10 else date_parser.parse(text)
        except (ValueError, OverflowError) as e:
            self._left_out(key, f"is not a date: {text!r} ({e})")
            return None

    def _first(self, keys: tuple[str, ...]) -> tuple[str | None, Any]:
        for key in keys:
            if self.values.get(key) not in (None, ""):
                return key, self.values[key]
        return None, None

    def _left_out(self, key: str, reason: str) -> None:
        message = f"{self.where} field {key!r} {reason}; the article is read without it"
        self.warn(InputError(self.path, message, line=self.line_of(key)))
