"""Event component: triggers from a lexicon, roles from DependencyMatcher patterns.

``kg_events`` marks trigger words (``kg/patterns/event_triggers.jsonl``: a lemma, its part of
speech, the event class, and words it needs nearby, so that a labour "strike" is no air
strike), then runs the role patterns of ``kg/patterns/event_roles.jsonl``: each names a
``trigger`` and a ``filler`` node, and says which role the filler plays for each base class.
What it finds goes to ``doc._.kg_events`` in character offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

if not Token.has_extension("kg_trigger"):
    Token.set_extension("kg_trigger", default=False)
if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=None)

DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
RELATIVE_DATE_HEADS = frozenset({"after", "before", "later", "earlier"})
PLACE_WINDOW = 12


def _rows(name: str) -> list[dict[str, Any]]:
    return list(srsly.read_jsonl(str(resources.files("kg") / "patterns" / f"{name}.jsonl")))


@cache
def event_triggers() -> dict[tuple[str, str], dict[str, Any]]:
    """Trigger rows by (lemma, part of speech)."""
    return {(row["lemma"], row["pos"]): row for row in _rows("event_triggers")}


@Language.factory(
    "kg_events", assigns=["token._.kg_trigger", "doc._.kg_events"], requires=["token.dep", "token.lemma"]
)
def make_events(nlp: Language, name: str) -> EventPatterns:
    return EventPatterns(nlp)


class EventPatterns:
    """Finds events: a trigger, its class, and the role each neighbour plays."""

    def __init__(self, nlp: Language) -> None:
        self.triggers = event_triggers()
        self.matcher = DependencyMatcher(nlp.vocab)
        self.roles: dict[str, dict[str, str]] = {}
        for row in _rows("event_roles"):
            self.roles[row["id"]] = row["roles"]
            self.matcher.add(row["id"], [row["pattern"]])
        self.filler_at = {row["id"]: [n["RIGHT_ID"] for n in row["pattern"]].index("filler")
                          for row in _rows("event_roles")}

    def __call__(self, doc: Doc) -> Doc:
        found = {token.i: row for token in doc if (row := self.trigger_of(token)) is not None}
        for i in found:
            doc[i]._.kg_trigger = True
        doc._.kg_events = [self._event(doc[i], row) for i, row in found.items()]
        self._add_roles(doc, {doc[i].idx: event for i, event in zip(found, doc._.kg_events)})
        for i, event in zip(found, doc._.kg_events):
            if event["base"] == "Meeting" and not any(r[0] == "place" for r in event["roles"]):
                event["roles"].extend(_place_after(doc[i]))
        return doc

    def trigger_of(self, token: Token) -> dict[str, Any] | None:
        """The trigger row for a token, if it is a trigger here (its required words nearby)."""
        row = self.triggers.get((token.lemma_.lower(), token.pos_))
        if row is None or token.ent_type_:
            return None
        needs = row.get("requires")
        if needs is None:
            return row
        children = list(token.children)
        lemmas = set(needs.get("child_lemmas", ()))
        types = set(needs.get("child_ent_types", ()))
        ok = any(c.lemma_.lower() in lemmas or c.ent_type_ in types for c in children)
        return row if ok else None

    @staticmethod
    def _event(token: Token, row: dict[str, Any]) -> dict[str, Any]:
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in token.children)
        content = next((c for c in token.children if c.dep_ == "ccomp"), None)
        sent = token.sent
        span = (content.left_edge.idx, content.right_edge.idx + len(content.right_edge)) if content else (
            sent.start_char, sent.end_char)
        return {
            "class": row["class"],
            "base": row["base"],
            "trigger": [token.idx, token.idx + len(token.text), token.text],
            "definite": definite,
            "future": any(c.lower_ in {"will", "'ll", "shall"} for c in token.children),
            "content": list(span),
            "roles": [],
        }

    def _add_roles(self, doc: Doc, events: dict[int, dict[str, Any]]) -> None:
        for match_id, token_ids in self.matcher(doc):
            pattern = doc.vocab.strings[match_id]
            trigger = doc[token_ids[0]]
            event = events.get(trigger.idx)
            role = self.roles[pattern].get(event["base"]) if event is not None else None
            if event is None or role is None:
                continue
            filler = doc[token_ids[self.filler_at[pattern]]]
            for token in _with_coordinated(filler):
                entry = [role, token.idx, token.idx + len(token.text), token.text]
                if entry not in event["roles"]:
                    event["roles"].append(entry)
                if role == "date":
                    event["roles"].extend(_relative_anchor(token))


def _with_coordinated(filler: Token) -> list[Token]:
    """The filler and what is coordinated with it, also through an apposition: "the
    commander ..., Qassem Soleimani, and ... Abu Mahdi al-Muhandis"."""
    appositions = [c for c in filler.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    found = [filler, *filler.conjuncts]
    for appos in appositions:
        found += [appos, *appos.conjuncts]
    return list(dict.fromkeys(found))


def _place_after(trigger: Token) -> Iterator[list[Any]]:
    """ "a meeting with X in Tehran": the parse often hangs the place on X, not the meeting."""
    window = trigger.doc[trigger.i + 1 : min(trigger.i + 1 + PLACE_WINDOW, trigger.sent.end)]
    for prep, place in zip(window, window[1:]):
        if prep.lower_ in {"in", "at"} and place.ent_type_ in {"GPE", "FAC", "LOC"}:
            yield ["place", place.idx, place.idx + len(place.text), place.text]
            return


def _relative_anchor(date: Token) -> Iterator[list[Any]]:
    """ "two days after the assassination": the event the duration counts from."""
    head = date.head
    if head.lower_ not in RELATIVE_DATE_HEADS:
        return
    for anchor in head.children:
        if anchor.dep_ == "pobj" and anchor._.kg_trigger:
            yield ["anchor", anchor.idx, anchor.idx + len(anchor.text), f"{head.lower_}"]
