"""Our word lists, kept as data in ``kg/patterns/*.jsonl`` and loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import srsly


@dataclass(frozen=True)
class HeadRule:
    """What a name ending in this word is: ``Council`` -> a government organization."""

    kind: str
    fine_type: str | None


def _rows(name: str) -> list[dict[str, Any]]:
    return list(srsly.read_jsonl(str(resources.files("kg") / "patterns" / f"{name}.jsonl")))


@cache
def titles() -> dict[str, bool]:
    """Titles that precede a name, mapped to whether the title names a post ("Minister": yes)."""
    return {row["title"]: bool(row["post"]) for row in _rows("titles")}


@cache
def entity_heads() -> dict[str, HeadRule]:
    """Final words that fix an entity's kind: "... Council" is an organization, "... Airport" a place."""
    return {row["head"]: HeadRule(row["kind"], row["fine_type"]) for row in _rows("entity_heads")}


@cache
def institutions() -> dict[str, str]:
    """Institutions a country has ("the Iraqi parliament"), mapped to their schema.org type."""
    return {row["phrase"]: row["fine_type"] for row in _rows("institutions")}
