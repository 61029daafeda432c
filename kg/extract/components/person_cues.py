"""Which names of a document are people, from what the text says around any of their mentions.

The small model types many African, Latin American and Asian names as organizations ("Nana
Akufo-Addo", "Gustavo Petro", "Wang"). One mention in context is enough to tell: a title or a
person noun right before it ("President-elect X", "Maj. Gen. X", "his counterpart X"), a post
taken up ("X became governor"), an
apposition that gives a person's post ("X, Colombia's first leftist president,", "X as
minister"), an age ("X, 85,") or "who" ("X, who lives in ..."); and the names listed with a
person so shown ("Justices A, B and C"). The verdict holds for every mention
of the name in the document, and for its surname alone ("Petro") and, as Chinese and Korean
names put the family name first, for its first word alone ("Wang" after "Wang Yi").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from kg.knowledge.gazetteer import fold
from kg.knowledge.lexicon import (
    entity_heads,
    function_words,
    name_particles,
    person_nouns,
    titles,
)

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
    names = [e for e in ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}]
    cued: list[Span] = []
    for ent in names:
        if _is_organization_name(ent):
            continue
        n_title = leading_title_length(ent)
        if (
            n_title
            or _titled(doc, ent.start)
            or _described_as_person(doc, ent)
            or _member_named_by_organization(doc, ent)
            or _given_a_post(ent)
            or _after_a_plural_post(ent)
        ):
            cued.append(ent[n_title:])
        elif ent.label_ == "PERSON" and len(ent.text.split()) > 1:
            # one word, if joined by hyphens ("Al-Haouz", "Rubavu-Rutsiro"), is a guess only
            typed |= _name_forms(ent)
    for name in (*cued, *_listed_with(cued, names)):
        shown |= _name_forms(name)
    return People(frozenset(shown), frozenset(typed))


def _listed_with(people: list[Span], names: list[Span]) -> Iterator[Span]:
    """Names in one list with a person ("Justices A, B and C"): people too, if they look it."""
    heads = {p.root.i for p in people}
    for ent in names:
        listed = {c.i for c in ent.root.conjuncts}  # "A, B and C": conjuncts, not possessors
        if (
            ent.root.i not in heads
            and listed & heads
            and len(ent) > 1
            and _is_personal_name(ent)
            and not _before_a_titled_name(ent)
        ):
            yield ent


def _before_a_titled_name(ent: Span) -> bool:
    """ "National Conference | leader Ana Lima": a post and a name after the name, which is
    then the post's organization or place, not a person of the list."""
    doc, end = ent.doc, ent.end
    return (
        end < len(doc)
        and doc[end].is_lower
        and _names_a_person(doc[end].lower_)
        and _titles_a_name(doc, end + 1)
    )


def leading_title_length(ent: Span) -> int:
    """How many tokens at the start of a name spell a title ("Gen | Zaw Min Tun", "Justices |
    Sanjiv Khanna"), leaving a capitalised name after it; 0 if none."""
    known = person_titles()
    for n in (3, 2, 1):
        if n >= len(ent) or not _is_personal_name(ent[n:]):
            continue
        spellings = title_spellings(ent[:n])
        if (spellings | {s.removesuffix("s") for s in spellings}) & known:
            return n
    return 0


def title_spellings(words: Span) -> set[str]:
    """The ways the titles lexicon may spell these words: "Lt. Gen." as "lt gen", "Maj-Gen" as
    "maj-gen" and "maj gen", "Inspector-General" as "inspector-general"."""
    spaced = " ".join(t.lower_.rstrip(".") for t in words)
    return {spaced, words.text.lower(), spaced.replace(" - ", " ")}


def _is_personal_name(span: Span) -> bool:
    """Capitalised words (and surname particles) only, none an organization's head word:
    "Thura Aung", "Ali al-Hashimi"; not "Directorate of Mining", not "Motors Corporation"."""
    heads = entity_heads()
    return span[0].is_title and all(
        (t.is_title or t.lower_ in name_particles() or not t.is_alpha) and t.lower_ not in heads
        for t in span
    )


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
        if words[-1].pos_ in {"VERB", "AUX"}:
            continue  # "who heads | X"
        if words[-1].dep_ == "amod" and words[-1].head.i > start:
            continue  # "the rival | X gang": an adjective of the noun after the name
        spellings = title_spellings(words)
        if words[0].is_title:
            spellings |= {s.removesuffix("s") for s in spellings}  # "Justices | X"
        if spellings & known:
            return True
    return False


def _member_named_by_organization(doc: Doc, ent: Span) -> bool:
    """ "Labour's Carmel Sepuloni", "Hamas's Ismail Haniyeh": a name of two or three
    capitalised words after an organization's possessive is one of its people."""
    return (
        ent.start >= 2
        and doc[ent.start - 1].text in function_words("possessive")
        and doc[ent.start - 2].ent_type_ == "ORG"
        and 2 <= len(ent) <= 3
        and _is_personal_name(ent)
    )


def _after_a_plural_post(ent: Span) -> bool:
    """ "chief ministers Ana Lima of X, Rui Costa of Y": a name of capitalised words in
    apposition to a lower-case plural post right before it (whose singular is a title)."""
    head = ent.root.head
    return (
        ent.root.dep_ == "appos"
        and head.i == ent.start - 1
        and head.is_lower
        and head.lower_ != head.lemma_
        and _names_a_person(head.lemma_)
        and _is_personal_name(ent)
    )


def _given_a_post(ent: Span) -> bool:
    """ "X became governor of the bank", "X was elected president": the subject of a verb of
    taking up a post, whose complement is a person's post with no article (an office one
    holds; "the party became a member" is no person's)."""
    root = ent.root
    if root.dep_ not in {"nsubj", "nsubjpass"} or root.head.lemma_ not in function_words(
        "post_verb"
    ):
        return False
    return any(
        c.dep_ in {"attr", "oprd"}
        and _names_a_person(c.lower_)
        and not any(d.dep_ in {"det", "poss"} for d in c.children)
        for c in root.head.children
    )


def _described_as_person(doc: Doc, ent: Span) -> bool:
    """ "X, 85,", "X, who", "X, Colombia's first leftist president," or "X as minister": an
    age, a relative pronoun only people take, a post or person noun in apposition or after
    "as"."""
    end = ent.end
    if end + 1 >= len(doc) or doc[end].text not in {",", "as"}:
        return False
    if doc[end + 1].like_num and end + 2 < len(doc) and doc[end + 2].text == ",":
        return True
    if doc[end + 1].lower_ == "who":
        return True
    if doc[end].lower_ == "as":  # "appointed X as minister", "X as PM's Office Minister"
        return any(_names_a_person(t.lower_) for t in doc[end + 1 : end + 1 + 4])
    for token in doc[end + 1 : end + 1 + APPOSITION_MAX_TOKENS]:
        if token.lower_ in function_words("apposition_end") or token.pos_ in {"VERB", "AUX"}:
            return False
        possessor = token.i + 1 < len(doc) and doc[token.i + 1].text in function_words("possessive")
        if token.is_lower and _names_a_person(token.lower_) and not possessor:
            return not _titles_a_name(doc, token.i + 1)
            # not "X, the prime minister's residence": the minister's, not X; nor "Tamil
            # Nadu, party president Ana Lima": the next item of a list, Ana Lima's post
    return False


def _names_a_person(word: str) -> bool:
    title = titles().get(word)
    return (title is not None and title.post) or word in person_nouns()


def _titles_a_name(doc: Doc, i: int) -> bool:
    """Whether a capitalised name begins at ``i``, right after a post: the post is that
    name's title ("president Ana Lima"), not an apposition to a name before it."""
    return i < len(doc) and doc[i].is_title and doc[i].is_alpha and not doc[i].is_sent_start
