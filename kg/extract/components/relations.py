"""Relation components: titles and names become single tokens, then patterns find relations.

``kg_merge_names`` merges every entity and every run of title words ("deputy head", "Foreign
Minister") into one token, as spaCy's own ``merge_entities`` does, so that patterns can speak
of "a title, then 'of', then an organization, then a person". ``kg_relations`` runs the
patterns of ``kg/extract/patterns/relations.jsonl`` (linear ``.`` chains and dependency arcs, with
named roles) and stores what each match found (``RelationFound``, in character offsets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.components.arcs import ArcPattern
from kg.extract.components.findings import RelationFound, Role
from kg.knowledge.gazetteer import fold
from kg.knowledge.lexicon import (
    entity_heads,
    function_words,
    institutions,
    known_organizations,
    titles,
)
from kg.records import Relation

if not Token.has_extension("kg_title"):
    Token.set_extension("kg_title", default=False)
if not Token.has_extension("kg_rank"):
    Token.set_extension("kg_rank", default=False)
if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)

INITIALS = re.compile(r"[A-Z]\.?|(?:[A-Z]\.){2,3}")
"""A person's initials, as written before a surname: "D", "J.", "D.Y."."""
PORTFOLIO_WORD = re.compile(r"[A-Z][a-z]+|,|and|&")
"""A word of a portfolio's name: "Investment", ",", "and"."""
PORTFOLIO_HEADS = function_words("portfolio_head")
COMPANY_TITLE_FIRST = function_words("company_title_first")
COMPANY_TITLE_LAST = function_words("company_title_last")
TITLES = "kg_titles"
"""The ``doc.spans`` group of the title tokens ``kg_merge_names`` made."""


@Language.factory(
    "kg_merge_names",
    assigns=["token._.kg_title", "token._.kg_rank", "doc.spans"],
    requires=["doc.ents"],
)
def make_merge_names(nlp: Language, name: str) -> TitlesAndNames:
    return TitlesAndNames(nlp)


class TitlesAndNames:
    """Merges entities, title phrases and the ranks before a name into single tokens, and
    marks the titles (``kg_title``) and the ranks ("Dr.", "Lt. Col.": ``kg_rank``)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        posts = [phrase for phrase, title in titles().items() if title.post]
        self.matcher.add("TITLE", [nlp.make_doc(phrase) for phrase in posts])
        self.company_posts = Matcher(nlp.vocab)
        between = {"IS_ALPHA": True, "ENT_TYPE": ""}
        self.company_posts.add(  # "Chief Financial and Operating Officer"
            "TITLE",
            [
                [
                    {"LOWER": {"IN": sorted(COMPANY_TITLE_FIRST)}},
                    *[between] * n,
                    {"LOWER": {"IN": sorted(COMPANY_TITLE_LAST)}},
                ]
                for n in (1, 2, 3)
            ],
        )
        self.ranks = frozenset(phrase for phrase, title in titles().items() if not title.post)

    def __call__(self, doc: Doc) -> Doc:
        title_runs = self.match(doc)
        inside = {t.i for run in title_runs for t in run}
        portfolios = {ent.start for ent in doc.ents if _is_portfolio(ent, inside)}
        if portfolios or any(t.i in inside for ent in doc.ents for t in ent):
            doc.ents = [
                ent for ent in doc.ents if ent.start not in inside and ent.start not in portfolios
            ]
        self.set_annotations(doc, title_runs, self.ranks_before_names(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """Maximal runs of title words: "deputy head", "Foreign Minister", and a company's
        "Chief ... Officer". A title may hold a whole entity the NER saw in it ("Defense
        Minister": "Defense" is no organization), never part of one."""
        found = [s for s in self.matcher(doc, as_spans=True) if _holds_whole_entities(s)]
        found += self.company_posts(doc, as_spans=True)
        runs: list[Span] = []
        for span in sorted(filter_spans(found), key=lambda s: s.start):
            if runs and runs[-1].end == span.start:
                runs[-1] = doc[runs[-1].start : span.end]
            else:
                runs.append(span)
        return runs

    def ranks_before_names(self, doc: Doc) -> list[Span]:
        """ "Gen." and "Lt. Col." right before a person's name, and the initials the NER left
        out of it ("Chief Justice D Y Chandrachud"): between a title and the name, they should
        not break the patterns."""
        found = []
        for ent in doc.ents:
            start = ent.start
            while (
                start > 0
                and (
                    doc[start - 1].lower_.rstrip(".") in self.ranks
                    or INITIALS.fullmatch(doc[start - 1].text) is not None
                    or (
                        doc[start - 1].text == "."
                        and start > 1
                        and doc[start - 2].lower_ in self.ranks
                    )
                )
                and not doc[start - 1].ent_type_
            ):
                start -= 1
            if ent.label_ == "PERSON" and start < ent.start:
                found.append(doc[start : ent.start])
        return found

    @staticmethod
    def set_annotations(doc: Doc, title_runs: list[Span], ranks: list[Span]) -> None:
        where = {(s.start_char, s.end_char): "kg_title" for s in title_runs}
        where |= {(s.start_char, s.end_char): "kg_rank" for s in ranks}
        with doc.retokenize() as retokenizer:
            for span in filter_spans([*doc.ents, *title_runs, *ranks]):
                if len(span) > 1:
                    retokenizer.merge(span)
        titles = []
        for (start, end), mark in where.items():
            merged = doc.char_span(start, end)
            if merged is not None and len(merged) == 1:
                merged[0]._.set(mark, True)
                titles += [merged] if mark == "kg_title" else []
        doc.spans[TITLES] = titles


def _post(posts: str | dict[str, str], word: str) -> str:
    """The post a pattern's title word stands for."""
    return posts if isinstance(posts, str) else posts[word]


def _is_portfolio(ent: Span, titles: set[int]) -> bool:
    """An organization the NER saw in a portfolio, right before a title that takes one:
    "Digital Minister X", "the Investment, Trade and Industry Minister". A name with an
    organization's head word ("Finance Ministry"), an institution or a known organization
    before the title owns it instead ("Congress president")."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent.end >= len(doc) or ent.end not in titles:
        return False
    if doc[ent.end].lower_ not in PORTFOLIO_HEADS:
        return False
    named = " ".join(t.lower_ for t in ent)
    return (
        all(PORTFOLIO_WORD.fullmatch(t.text) for t in ent)
        and ent[-1].lower_ not in entity_heads()
        and named not in institutions()
        and known_organizations().get(fold(ent.text)) is None
    )


def _holds_whole_entities(span: Span) -> bool:
    """The span has a word outside entities, and every entity it touches lies inside it and
    is no institution ("Army Chief": the army is one)."""
    if not any(t.ent_type_ for t in span):
        return True
    doc = span.doc
    starts_clean = span[0].ent_iob_ != "I"
    ends_clean = span.end == len(doc) or doc[span.end].ent_iob_ != "I"
    named = " ".join(t.lower_ for t in span if t.ent_type_)
    return (
        starts_clean
        and ends_clean
        and any(not t.ent_type_ for t in span)
        and named not in institutions()
    )


@Language.factory("kg_relations", assigns=["doc._.kg_relations"], requires=["token._.kg_title"])
def make_relations(nlp: Language, name: str) -> RelationPatterns:
    return RelationPatterns(nlp)


class RelationPatterns:
    """Finds relations with the patterns in ``kg/extract/patterns/relations.jsonl``.

    A pattern is written as ``DependencyMatcher`` nodes with named roles. One that is a plain
    chain of adjacent tokens (every ``REL_OP`` is ``.``; ``optional`` nodes allowed) runs on
    the token ``Matcher``, whose alignments give each token's role: many times faster than a
    dependency search. The others are followed from each token that fits their root
    (``kg.extract.components.arcs``). Every pattern that asks for a title (``kg_title``) needs
    one, so the chains that do run only on the sentences that have one (``doc.spans["kg_titles"]``):
    the ``Matcher`` reads an extension attribute of every token it is given, which was two
    thirds of its time.
    """

    def __init__(self, nlp: Language) -> None:
        self.tokens = Matcher(nlp.vocab)
        self.titled = Matcher(nlp.vocab)
        self.arcs: list[ArcPattern] = []
        self.patterns: dict[str, tuple[Relation, list[str]]] = {}
        self.titles: dict[str, str | dict[str, str]] = {}
        """The post a pattern's "title" word stands for ("led" by: "leader"), or one post per
        word where one pattern serves several verbs ("leads": "leader", "heads": "head")."""
        for row in _pattern_rows():
            self.patterns[row["id"]] = (_relation(row), [n["RIGHT_ID"] for n in row["pattern"]])
            if "title" in row:
                self.titles[row["id"]] = row["title"]
            chain = as_token_pattern(row["pattern"])
            if chain is not None:
                titled = any(node.get("_", {}).get("kg_title") for node in chain)
                (self.titled if titled else self.tokens).add(row["id"], [chain])
            elif any(n.get("optional") for n in row["pattern"]):
                raise ValueError(f"Unexpected optional node in dependency pattern {row['id']!r}")
            else:
                self.arcs.append(ArcPattern.from_nodes(row["id"], row["pattern"]))

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, list(dict.fromkeys(self.match(doc))))
        return doc

    def match(self, doc: Doc) -> Iterator[RelationFound]:
        """Every match (the same roles may be found by two patterns of a relation)."""
        for pattern_id, tokens in self._matches(doc):
            relation, role_names = self.patterns[pattern_id]
            post = self.titles.get(pattern_id)
            roles = (
                Role(
                    role_names[n],
                    doc[i].idx,
                    doc[i].idx + len(doc[i].text),
                    _post(post, doc[i].lower_)
                    if post is not None and role_names[n] == "title"
                    else doc[i].text,
                )
                for n, i in tokens
            )
            yield RelationFound(relation, tuple(roles))

    @staticmethod
    def set_annotations(doc: Doc, found: list[RelationFound]) -> None:
        doc._.kg_relations = found

    def matched_patterns(self, doc: Doc) -> set[str]:
        """The ids of the patterns that match somewhere in the document."""
        return {pattern_id for pattern_id, _ in self._matches(doc)}

    def _matches(self, doc: Doc) -> Iterator[tuple[str, list[tuple[int, int]]]]:
        """(pattern id, [(pattern node number, token index)]) for every match."""
        titled = {title.sent.start: title.sent for title in doc.spans.get(TITLES, ())}
        for matcher, part in [(self.tokens, doc[:]), *((self.titled, s) for s in titled.values())]:
            for match in matcher(part, with_alignments=True):
                match_id, start, end, alignment = match  # type: ignore[misc]  # stubs lack them
                tokens = range(part.start + start, part.start + end)
                yield doc.vocab.strings[match_id], list(zip(alignment, tokens, strict=True))
        found = [(p, bound) for token in doc for p in self.arcs for bound in p.matches(token)]
        for pattern in self.arcs:  # pattern by pattern, as the token matches above
            _, names = self.patterns[pattern.id]
            for bound in (bound for p, bound in found if p is pattern):
                yield pattern.id, [(n, bound[name].i) for n, name in enumerate(names)]


def _relation(row: dict[str, Any]) -> Relation:
    try:
        return Relation(row["relation"])
    except ValueError:
        raise ValueError(
            f"kg/extract/patterns/relations.jsonl: pattern {row['id']!r} states an unknown "
            f"relation {row['relation']!r}"
        ) from None


@cache
def _pattern_rows() -> tuple[dict[str, Any], ...]:
    return tuple(
        srsly.read_jsonl(str(resources.files("kg") / "extract" / "patterns" / "relations.jsonl"))
    )


def as_token_pattern(nodes: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """A chain of adjacent nodes as a token ``Matcher`` pattern, or None for a dependency one.

    >>> chain = {"REL_OP": ".", "RIGHT_ATTRS": {"LOWER": "of"}}
    >>> as_token_pattern([{"RIGHT_ID": "a", "RIGHT_ATTRS": {"POS": "NOUN"}},
    ...                   {**chain, "LEFT_ID": "a", "RIGHT_ID": "b", "optional": True}])
    [{'POS': 'NOUN'}, {'LOWER': 'of', 'OP': '?'}]
    """
    tokens = []
    for previous, node in zip([None, *nodes], nodes, strict=False):
        if previous is not None and (
            node.get("REL_OP") != "." or node.get("LEFT_ID") != previous["RIGHT_ID"]
        ):
            return None
        attrs = dict(node["RIGHT_ATTRS"])
        tokens.append({**attrs, "OP": "?"} if node.get("optional") else attrs)
    return tokens
