"""What a score says: precision, recall and F1 per part of the contract, and what was missed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PARTS = ("entities", "facts", "events", "event_slots", "statements")


@dataclass(frozen=True)
class PartScore:
    """Counts of one part; ``details`` names the misses (``missing``, ``not_in_gold``, ...)."""

    tp: int
    fp: int
    fn: int
    details: dict[str, list[str]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """F1 of the unrounded precision and recall, rounded to three places.

        >>> PartScore(tp=3, fp=1, fn=2).f1
        0.667
        """
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            **self.details,
        }


@dataclass(frozen=True)
class Report:
    """A graph scored against a gold file."""

    parts: dict[str, PartScore]
    duplicates: dict[str, int]
    """Gold entity id -> how many nodes stand for it, where more than one."""
    split_entities: list[str]
    """The ``single_node`` ids of the gold that the graph holds as several nodes."""

    @property
    def kg_f1(self) -> float:
        """The mean F1 of the five parts."""
        return round(sum(self.parts[p].f1 for p in PARTS) / len(PARTS), 3)

    def as_json(self) -> dict[str, Any]:
        """The report in the layout of the contract's ``score.py --json``."""
        return {
            **{part: self.parts[part].as_json() for part in PARTS},
            "duplicates": self.duplicates,
            "split_entities": self.split_entities,
            "kg_f1": self.kg_f1,
        }

    def as_text(self) -> str:
        """One line per part, the misses indented under it, ``kg_f1`` last."""
        lines = []
        for part in PARTS:
            s = self.parts[part]
            lines.append(
                f"{part:12} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
                f"   (tp {s.tp}, fp {s.fp}, fn {s.fn})"
            )
            lines += [f"    {key}: {'; '.join(items)}" for key, items in s.details.items() if items]
        if self.duplicates:
            lines.append(f"duplicated entities: {self.duplicates}")
        lines.append(f"kg_f1 {self.kg_f1:.3f}")
        return "\n".join(lines)
