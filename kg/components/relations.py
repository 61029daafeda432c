"""Relation components: titles and names become single tokens, then patterns find relations.

``kg_merge_names`` merges every entity and every run of title words ("deputy head", "Foreign
Minister") into one token, as spaCy's own ``merge_entities`` does, so that patterns can speak
of "a title, then 'of', then an organization, then a person". ``kg_relations`` runs the
``DependencyMatcher`` patterns of ``kg/patterns/relations.jsonl`` (linear ``.`` chains and
dependency arcs, with named roles) and stores what each match found as character spans.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import DependencyMatcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.lexicon import titles

if not Token.has_extension("kg_title"):
    Token.set_extension("kg_title", default=False)
if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)

RoleSpans = list[tuple[str, int, int, str]]
"""(role, start_char, end_char, text) for each named node of a match."""


@Language.factory("kg_merge_names", assigns=["token._.kg_title"], requires=["doc.ents"])
def make_merge_names(nlp: Language, name: str) -> TitlesAndNames:
    return TitlesAndNames(nlp)


class TitlesAndNames:
    """Merges entities and title phrases into single tokens and marks the titles."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        posts = [phrase for phrase, title in titles().items() if title.post]
        self.matcher.add("TITLE", [nlp.make_doc(phrase) for phrase in posts])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """Maximal runs of title words outside entities: "deputy head", "Foreign Minister"."""
        found = [s for s in self.matcher(doc, as_spans=True) if not any(t.ent_type_ for t in s)]
        runs: list[Span] = []
        for span in sorted(filter_spans(found), key=lambda s: s.start):
            if runs and runs[-1].end == span.start:
                runs[-1] = doc[runs[-1].start : span.end]
            else:
                runs.append(span)
        return runs

    @staticmethod
    def set_annotations(doc: Doc, title_runs: list[Span]) -> None:
        where = [(s.start_char, s.end_char) for s in title_runs]
        with doc.retokenize() as retokenizer:
            for span in filter_spans([*doc.ents, *title_runs]):
                if len(span) > 1:
                    retokenizer.merge(span)
        for start, end in where:
            merged = doc.char_span(start, end)
            if merged is not None and len(merged) == 1:
                merged[0]._.kg_title = True


@Language.factory("kg_relations", assigns=["doc._.kg_relations"], requires=["token._.kg_title"])
def make_relations(nlp: Language, name: str) -> RelationPatterns:
    return RelationPatterns(nlp)


class RelationPatterns:
    """Finds relations with the DependencyMatcher patterns in ``kg/patterns/relations.jsonl``."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = DependencyMatcher(nlp.vocab)
        self.patterns: dict[str, tuple[str, list[str]]] = {}
        for row in _pattern_rows():
            for n, version in enumerate(expand_optional(row["pattern"])):
                key = f"{row['id']}#{n}"
                self.patterns[key] = (row["relation"], [node["RIGHT_ID"] for node in version])
                self.matcher.add(key, [version])

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_relations = list(self.match(doc))
        return doc

    def match(self, doc: Doc) -> Iterator[tuple[str, RoleSpans]]:
        seen = set()
        for match_id, token_ids in self.matcher(doc):
            relation, role_names = self.patterns[doc.vocab.strings[match_id]]
            roles = [
                (role, doc[i].idx, doc[i].idx + len(doc[i].text), doc[i].text)
                for role, i in zip(role_names, token_ids, strict=True)
            ]
            key = (relation, tuple(roles))
            if key not in seen:
                seen.add(key)
                yield relation, roles


@cache
def _pattern_rows() -> tuple[dict[str, Any], ...]:
    return tuple(srsly.read_jsonl(str(resources.files("kg") / "patterns" / "relations.jsonl")))


def expand_optional(pattern: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    """Every version of a pattern with or without its ``optional`` nodes.

    A skipped node's successor attaches to the node before it, which keeps a linear
    ``.`` chain a chain.

    >>> chain = {"REL_OP": ".", "RIGHT_ATTRS": {}}
    >>> nodes = [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}},
    ...          {**chain, "LEFT_ID": "a", "RIGHT_ID": "b", "optional": True},
    ...          {**chain, "LEFT_ID": "b", "RIGHT_ID": "c"}]
    >>> [[n["RIGHT_ID"] for n in p] for p in expand_optional(nodes)]
    [['a', 'b', 'c'], ['a', 'c']]
    """
    optional = [n["RIGHT_ID"] for n in pattern if n.get("optional")]
    for keep in itertools.product([True, False], repeat=len(optional)):
        skipped = {rid for rid, kept in zip(optional, keep, strict=True) if not kept}
        parent = {n["RIGHT_ID"]: n.get("LEFT_ID") for n in pattern}
        version = []
        for node in pattern:
            if node["RIGHT_ID"] in skipped:
                continue
            node = {k: v for k, v in node.items() if k != "optional"}
            left = node.get("LEFT_ID")
            while left in skipped:
                left = parent[left]
            if left is not None:
                node["LEFT_ID"] = left
            version.append(node)
        yield version
