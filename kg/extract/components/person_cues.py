"""Which names of a document are people, from what the text says around any of their mentions.

The small model types many African, Latin American and Asian names as organizations ("Nana
Akufo-Addo", "Gustavo Petro", "Wang"). One mention in context is enough to tell: a title or a
person noun right before it ("President-elect X", "Maj. Gen. X", "his counterpart X"), an
apposition that gives a person's post ("X, Colombia's first leftist president,"), an age ("X,
85,") or "who" ("X, who lives in ..."). The verdict holds for every mention
of the name in the document, and for its surname alone ("Petro") and, as Chinese and Korean
names put the family name first, for its first word alone ("Wang" after "Wang Yi").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from kg.knowledge.gazetteer import fold
from kg.knowledge.lexicon import entity_heads, function_words, person_nouns, titles

APPOSITION_MAX_TOKENS = 8
"""How far after "X," a person's post may come ("X, the country's first leftist president")."""


@dataclass(frozen=True)
class People:
    """Folded name forms (whole name, surname, first word, first and last word) of people."""

    shown: frozenset[str]
    """Names the text shows to be people's (a title, an apposition, an age, "who")."""
    typed: frozenset[str]
    """Names of several words the model typed as a person's."""

    def __contains__(self, form: str) -> bool:
        return form in self.shown or form in self.typed


def people_by_context(doc: Doc, ents: Iterable[Span]) -> People:
    """The people of a document: whom the text shows to be people, whom the model says are."""
    shown: set[str] = set()
    typed: set[str] = set()
    for ent in ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP", "LOC"}:
            continue
        if _is_organization_name(ent):
            continue
        if _titled(doc, ent.start) or _described_as_person(doc, ent):
            shown |= _name_forms(ent)
        elif ent.label_ == "PERSON" and len(ent) > 1:  # one word is the model's guess only
            typed |= _name_forms(ent)
    return People(frozenset(shown), frozenset(typed))


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


@cache
def person_titles() -> frozenset[str]:
    """Titles that only a person bears, lower case: posts, ranks and honorifics, and nouns only a
    person is ("counterpart", "lawyer")."""
    return (frozenset(titles()) - function_words("title_modifier")) | person_nouns()


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
    """ "X, 85,", "X, who" or "X, Colombia's first leftist president,": an age, a relative
    pronoun only people take, or a post or person noun in apposition."""
    end = ent.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    if doc[end + 1].like_num and end + 2 < len(doc) and doc[end + 2].text == ",":
        return True
    if doc[end + 1].lower_ == "who":
        return True
    for token in doc[end + 1 : end + 1 + APPOSITION_MAX_TOKENS]:
        if token.lower_ in function_words("apposition_end") or token.pos_ in {"VERB", "AUX"}:
            return False
        if token.is_lower and _names_a_person(token.lower_):
            return True
    return False


def _names_a_person(word: str) -> bool:
    title = titles().get(word)
    return (title is not None and title.post) or word in person_nouns()
