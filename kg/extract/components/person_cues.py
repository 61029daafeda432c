"""Which names of a document are people, from what the text says around any of their mentions.

The small model types many African, Latin American and Asian names as organizations ("Nana
Akufo-Addo", "Gustavo Petro", "Wang"). One mention in context is enough to tell: a title right
before it ("President-elect X", "Maj. Gen. X"), an apposition that gives a person's post ("X,
Colombia's first leftist president,") or an age ("X, 85,"). The verdict holds for every mention
of the name in the document, and for its surname alone ("Petro") and, as Chinese and Korean
names put the family name first, for its first word alone ("Wang" after "Wang Yi").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from kg.knowledge.gazetteer import fold
from kg.knowledge.lexicon import entity_heads, titles

APPOSITION_MAX_TOKENS = 8
"""How far after "X," a person's post may come ("X, the country's first leftist president")."""
_STOPS = frozenset({",", ".", ";", ":", "of", "which", "who", "whose", "that", "and", "(", ")"})
_MODIFIERS = frozenset({"former", "late", "acting", "interim", "top", "senior", "official"})


def people_by_context(doc: Doc, ents: Iterable[Span]) -> set[str]:
    """Folded names (whole, surname and first word) that the text shows to be people's."""
    names: set[str] = set()
    for ent in ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "LOC"}:
            continue
        if _is_organization_name(ent):
            continue
        if ent.label_ == "PERSON":
            if len(ent) > 1:  # a one-word PERSON is the model's guess, not evidence
                names |= _name_forms(ent)
        elif _titled(doc, ent.start) or _described_as_person(doc, ent):
            names |= _name_forms(ent)
    return names


def _name_forms(ent: Span) -> set[str]:
    words = fold(ent.text).split()
    forms = {" ".join(words)}
    if len(words) > 1:
        forms |= {words[-1], words[0], name_ends(ent.text)}
    return forms


def name_ends(name: str) -> str:
    """A name's first and last words, which a longer form with middle names keeps.

    >>> name_ends("Nana Addo Dankwa Akufo-Addo") == name_ends("Nana Akufo-Addo")
    True
    """
    words = fold(name).split()
    return f"{words[0]} … {words[-1]}" if words else ""


def _is_organization_name(ent: Span) -> bool:
    rule = entity_heads().get(ent[-1].lower_)
    return rule is not None and rule.kind == "Organization"


def person_titles() -> frozenset[str]:
    """Titles that only a person bears, lower case: posts, ranks and honorifics."""
    return frozenset(t for t in titles() if t not in _MODIFIERS)


def _titled(doc: Doc, start: int) -> bool:
    """A title right before ``start``: "President-elect | X", "Maj. Gen. | X", "Mr | X"."""
    known = person_titles()
    for n in (3, 2, 1):
        if start - n < 0:
            continue
        words = doc[start - n : start]
        spaced = " ".join(t.lower_.rstrip(".") for t in words)
        if spaced in known or words.text.lower() in known:
            return True
    return False


def _described_as_person(doc: Doc, ent: Span) -> bool:
    """ "X, 85," or "X, Colombia's first leftist president,": an age or a post in apposition."""
    end = ent.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    if doc[end + 1].like_num and end + 2 < len(doc) and doc[end + 2].text == ",":
        return True
    known = person_titles()
    for token in doc[end + 1 : end + 1 + APPOSITION_MAX_TOKENS]:
        if token.lower_ in _STOPS or token.pos_ in {"VERB", "AUX"}:
            return False
        if token.is_lower and token.lower_ in known and titles()[token.lower_].post:
            return True
    return False
