"""Dependency patterns followed from their root token, for the role and relation patterns.

The patterns are written in ``DependencyMatcher`` form (``RIGHT_ID``, ``LEFT_ID``, ``REL_OP``,
``RIGHT_ATTRS``) but our components know where a pattern can start (a trigger word, a title,
a person's name), so they follow the arcs from there instead of asking the
``DependencyMatcher`` to search the document: it tests every node of every pattern on every
token (most nodes are generic: "a preposition", "an object"), and was the largest cost of
the pipeline after spaCy's own models (the event component took 1.37 s of 15.3 s on 80 k
words with it, 0.24 s with this; the relation component 0.72 s, then 0.49 s).
Only the child (``>``) and head (``<``) relations and plain attribute values, ``IN`` or
``NOT_IN`` lists are needed and accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

TOKEN_ATTRS: dict[str, Callable[[Token], Any]] = {
    "ORTH": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "LEMMA": lambda t: t.lemma_,
    "POS": lambda t: t.pos_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
    "TAG": lambda t: t.tag_,
}
"""The token attributes a pattern may test (``DependencyMatcher`` names)."""

Test = tuple[Callable[[Token], Any], frozenset[Any], bool]
"""An attribute, its values, and whether the token's must be among them (``IN``) or not
(``NOT_IN``)."""


@dataclass(frozen=True)
class Node:
    """A node below the root: where it hangs from an earlier node, and what it must be."""

    name: str
    parent: str
    below: bool
    """``>``: a child of the parent node; ``<``: the parent node's head."""
    tests: tuple[Test, ...]

    def candidates(self, parent: Token) -> Iterator[Token]:
        if self.below:
            yield from parent.children
        elif parent.head.i != parent.i:
            yield parent.head


@dataclass(frozen=True)
class ArcPattern:
    """A dependency pattern: its root's tests and the nodes hanging from it, in order."""

    id: str
    root: str
    root_tests: tuple[Test, ...]
    nodes: tuple[Node, ...]

    @classmethod
    def from_nodes(cls, pattern_id: str, nodes: list[dict[str, Any]]) -> ArcPattern:
        """Read a pattern in ``DependencyMatcher`` form.

        Raises:
            ValueError: a relation or attribute this module does not follow.
        """
        root, *rest = nodes
        below = []
        for node in rest:
            if node.get("REL_OP") not in {">", "<"}:
                raise ValueError(f"Pattern {pattern_id!r}: unexpected {node.get('REL_OP')!r}")
            tests = _tests(pattern_id, node["RIGHT_ATTRS"])
            below.append(Node(node["RIGHT_ID"], node["LEFT_ID"], node["REL_OP"] == ">", tests))
        return cls(
            pattern_id, root["RIGHT_ID"], _tests(pattern_id, root["RIGHT_ATTRS"]), tuple(below)
        )

    def matches(self, root: Token) -> Iterator[dict[str, Token]]:
        """Every way the pattern fits with its root at this token: node name -> token."""
        if _passes(root, self.root_tests):
            yield from self._bind(0, {self.root: root})

    def _bind(self, at: int, bound: dict[str, Token]) -> Iterator[dict[str, Token]]:
        if at == len(self.nodes):
            yield bound
            return
        node = self.nodes[at]
        for token in node.candidates(bound[node.parent]):
            if _passes(token, node.tests):
                yield from self._bind(at + 1, {**bound, node.name: token})


def _passes(token: Token, tests: tuple[Test, ...]) -> bool:
    for get, values, among in tests:  # noqa: SIM110  (a loop, not a generator per token: hot path)
        if (get(token) in values) is not among:
            return False
    return True


def _tests(pattern_id: str, attrs: dict[str, Any]) -> tuple[Test, ...]:
    """One test per attribute; extension attributes (``"_"``) last, as they cost the most."""
    tests = []
    for attr, value in attrs.items():
        if attr == "_":
            continue
        if attr not in TOKEN_ATTRS:
            raise ValueError(f"Pattern {pattern_id!r}: unexpected attribute {attr!r}")
        tests.append((TOKEN_ATTRS[attr], *_allowed(value)))
    for name, value in attrs.get("_", {}).items():
        tests.append((_extension(name), *_allowed(value)))
    return tuple(tests)


def _allowed(value: Any) -> tuple[frozenset[Any], bool]:
    """The values a test names, and whether a token's must be among them."""
    if isinstance(value, dict) and "NOT_IN" in value:
        return frozenset(value["NOT_IN"]), False
    return frozenset(value["IN"] if isinstance(value, dict) else [value]), True


def _extension(name: str) -> Callable[[Token], Any]:
    return lambda token: token._.get(name)
