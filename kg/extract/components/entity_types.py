"""Entity types from context: the component that trims names and corrects their kinds.

It runs after the other entity components (``kg.extract.components.entities``) and keeps to
``doc.ents``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.components.entities import (
    APOSTROPHES,
    ARTICLES,
    DANGLING_WORDS,
    NAME_LABELS,
    PLACE_LABELS,
    POSSESSIVES,
    kind_by_head,
    set_ents,
)
from kg.extract.components.person_cues import (
    People,
    leading_title_length,
    name_ends,
    people_by_context,
    person_titles,
    title_spellings,
)
from kg.knowledge.gazetteer import fold, load_gazetteer, world_cities
from kg.knowledge.given_names import given_names
from kg.knowledge.lexicon import (
    entity_heads,
    function_words,
    known_organizations,
    name_particles,
    peoples,
    place_words,
    strip_particles,
    titles,
)

MEASURE_LABELS = frozenset({"MONEY", "CARDINAL", "QUANTITY"})
"""Labels the model gives a share spelled "per cent" (``_is_percentage``)."""
COMPASS = place_words("compass")
"""Words of a part of a region: "the central Sahel"."""
ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z&]{1,5}")
"""Initials as an owner's name: "BoG", "IMF", "KFTC" (two capitals or more, six letters at most)."""


@Language.factory("kg_entity_types", assigns=["doc.ents"], requires=["doc.ents", "token.dep"])
def make_entity_types(nlp: Language, name: str) -> EntityTypeRules:
    return EntityTypeRules(common_nouns=_common_nouns(nlp))


def _common_nouns(nlp: Language) -> frozenset[str]:
    """The nouns of the pipeline's lemmatizer tables (WordNet's, some proper ones among
    them), or none if it has no such table."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


class EntityTypeRules:
    """Trims names and corrects their types from the words around them.

    - titles and articles are not part of a name ("General Tunde Bello", "the Border Force");
    - a name's last word ("Council", "Airport") and its context fix its kind: the X in "the
      chairman of X", in "X, a militant group" or in "the X group" is an organization;
    - a lone word that is the surname of a person named in the document is that person;
    - a capitalised common word at the start of a sentence ("Solidarity among ...") and a
      proper adjective ("Takfiri terrorism") are not names.
    """

    def __init__(self, *, common_nouns: frozenset[str] = frozenset()) -> None:
        self.common_nouns = common_nouns
        self.given_names = given_names()
        self.gazetteer = load_gazetteer()
        self.titles = titles()
        self.org_nouns = {w for w, rule in entity_heads().items() if rule.kind == "Organization"}
        self.world_cities = world_cities()  # read once, before any worker is forked

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, *self.match(doc))
        return doc

    @staticmethod
    def set_annotations(doc: Doc, keep: list[Span], drop: list[Span]) -> None:
        set_ents(doc, keep, drop=drop)

    def match(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        keep: list[Span] = []
        drop: list[Span] = []
        lowercase_words = {t.text for t in doc if t.is_lower}
        surnames = self._surnames(doc)
        people = people_by_context(doc, doc.ents)
        shown = self._kinds_shown(doc.ents, people)
        aliased = {end for alias in doc._.kg_aliases or () for end in (alias.long, alias.short)}
        ents, parts = _joined_names(doc)
        named = {fold(e.text) for e in doc.ents if e.label_ in NAME_LABELS}
        longer = {tuple(t.text for t in e) for e in doc.ents if len(e) > 1}
        drop.extend(parts)
        keep.extend(_places_listed_after_a_colon(doc))
        for ent in ents:
            if ent.label_ in MEASURE_LABELS and _is_percentage(ent):
                keep.append(Span(doc, ent.start, ent.end, "PERCENT"))
                drop.append(ent)
                continue
            if ent.label_ not in NAME_LABELS | {"NORP"}:
                continue
            apart = (
                self._officer_inside(ent)
                or _split_names(ent)
                or _split_owner(ent)
                or _listed_initialled_people(ent)
            )
            if apart:
                keep.extend(apart)
                drop.append(ent)
                continue
            places = self._listed_places(ent)
            if places:
                keep.extend(places)
                drop.append(ent)
                continue
            span = self._trim(ent)
            if (
                span is None
                or self._is_common_word(span, lowercase_words)
                or self._is_adjective(span)
                or self._is_joined_adjective(span)
                or self._is_common_noun(span, people)
                or self._is_bare_title(span)
                or _is_party_and_state(span)
                or self._is_portfolio(span)
                or self._is_bill(span)
                or self._is_joined_pair(span, named)
                or span.text.lower() in function_words("time_zone")
                or span.text.startswith("@")  # "(@DKShivakumar)": an account, no name
            ):
                drop.append(ent)
                continue
            span = _with_known_rest(self._with_surname(span), longer)
            if kind_by_head(joined := _with_particle_tail(span)) == "ORG":
                span = joined  # "Octava División | del Ejército Nacional": one organization
            defined = (span.start_char, span.end_char) in aliased or _named_in_brackets(span)
            label = self._label(span, surnames, people, shown, defined=defined)
            if label == "PERSON":
                span = _with_hyphened_tail(span)
                span = _with_initials(
                    self._with_given_name(_with_hyphened_head(span[leading_title_length(span) :]))
                )
            if label in {"PERSON", "GPE", "LOC"}:
                span = _with_particle_tail(span)
            if label == "GPE":
                span = _with_first_word(span)
            if label == "ORG":
                span = _with_titled_owner(span)
            keep.append(Span(doc, span.start, span.end, label))
            if (span.start, span.end) != (ent.start, ent.end):
                drop.append(ent)
        return keep, drop

    def _trim(self, ent: Span) -> Span | None:
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end:
            if doc[start].lower_ in ARTICLES or _is_lower_modifier(doc[start]):
                start += 1  # "the next European Commission"
            elif doc[start].text in POSSESSIVES:
                start += 1  # "the ministry | 's Department of Health": the owner is no name
            elif ent.label_ == "PERSON" and (n := self._title_length(doc, start, end)):
                start += n
            else:
                break
        while end > start and (
            doc[end - 1].text in POSSESSIVES | APOSTROPHES or doc[end - 1].lower_ in DANGLING_WORDS
        ):
            end -= 1  # "the African Department of | the IMF": the parser split one name
        slash = next((t.i for t in doc[start + 1 : end] if t.text == "/"), None)
        if slash is not None and doc[slash + 1 : end].text.lower() in function_words(
            "section_word"
        ):
            end = slash  # "Dunya News/Web Desk": the outlet, not its desk
        n = self._title_length(doc, start, end) if ent.label_ == "ORG" else 0
        if n and doc[start + n].lower_ == "of":  # "Inspector-General of the NPS": the NPS
            start += n + 1 + (doc[start + n + 1].lower_ == "the")
        return Span(doc, start, end, ent.label_) if end > start else None

    def _officer_inside(self, ent: Span) -> list[Span]:
        """An organization's name the model ran into its officer's: "National Assembly Speaker
        Moses | Wetang'ula" is the National Assembly and its speaker, Moses Wetang'ula (the
        words before the title end on an organization's head word, or are an acronym)."""
        doc = ent.doc
        if ent.label_ != "ORG":
            return []
        for i in range(ent.start + 1, ent.end):
            n = next(
                (
                    n
                    for n in (3, 2, 1)
                    if i + n < ent.end + 1 and self._is_post_title(doc[i : i + n])
                ),
                0,
            )
            if not n or i + n >= len(doc):
                continue
            end = i + n
            while end < len(doc) and _is_name_word(doc[end]) and doc[end].ent_type_ in {"", "ORG"}:
                end += 1
            organization = doc[ent.start : i]
            if (
                end > i + n
                and end >= ent.end
                and _is_personal(doc[i + n : end])
                and (kind_by_head(organization) == "ORG" or organization.text.isupper())
            ):
                return [Span(doc, ent.start, i, "ORG"), Span(doc, i + n, end, "PERSON")]
            return []
        return []

    def _is_post_title(self, words: Span) -> bool:
        title = next((self.titles[s] for s in title_spellings(words) if s in self.titles), None)
        return title is not None and title.post and words[0].is_title

    def _with_given_name(self, span: Span) -> Span:
        """A capitalised name word the model left out before a person's name: "Hany | Shokry,
        deputy director" (not a title, a rank, a person noun such as "Witness", an organization
        word such as "Police", or another entity)."""
        doc, start = span.doc, span.start
        before = doc[start - 1] if start > 0 else None
        if (
            before is None
            or before.pos_ != "PROPN"
            or not before.is_title
            or before.ent_type_
            or {before.lower_.rstrip("."), before.lower_.removesuffix("s")} & person_titles()
            or before.lower_ in entity_heads()  # "Inspector General of Police | X"
            or (start > 1 and doc[start - 2].pos_ == "PROPN")  # part of another name
        ):
            return span
        return doc[start - 1 : span.end]

    def _title_length(self, doc: Doc, start: int, end: int) -> int:
        """How many tokens at ``start`` spell a title ("Crown Prince", "Lt.", "General")."""
        for n in (3, 2, 1):
            span = doc[start : min(start + n, end)]
            if start + n < end and title_spellings(span) & self.titles.keys():
                return n
        return 0

    @staticmethod
    def _is_common_word(span: Span, lowercase_words: set[str]) -> bool:
        token = span[0]
        return (
            len(span) == 1 and bool(token.is_sent_start) and token.text.lower() in lowercase_words
        )

    def _is_adjective(self, span: Span) -> bool:
        """A single capitalised word used as a modifier of a common noun: "Takfiri terrorism"
        (not a known organization's name: "Houthi rebels" are the Houthis')."""
        token = span[0]
        return (
            len(span) == 1
            and span.label_ in {"ORG", "NORP"}
            and not token.text.isupper()
            and token.dep_ in {"amod", "compound"}
            and token.head.is_lower
            and token.head.pos_ == "NOUN"
            and token.head.lower_ not in self.org_nouns
            and self.gazetteer.country_of_demonym(token.text) is None
            and fold(token.text) not in known_organizations()  # "Houthi rebels", "Hamas fighters"
        )

    def _label(
        self,
        span: Span,
        surnames: set[str],
        people: People,
        shown: dict[str, str] | None = None,
        *,
        defined: bool = False,
    ) -> str:
        """The label of a name; ``shown``: the kinds the text shows names to be at one of
        their mentions (``_kinds_shown``); ``defined``: the text equates it with another name
        (an acronym and its expansion), whose kind it keeps ("National Regeneration Movement
        (Morena)" is no town)."""
        if _is_party_by_its_members(span):
            return "ORG"
        if self.gazetteer.country_of_demonym(span.text) is not None:
            return "NORP"
        if fold(span.text) in peoples() and fold(span.text) not in people.shown:
            return "NORP"  # "Tamils", "a Bedouin girl": a people, no one in particular
        if self.gazetteer.country(span.text) or self.gazetteer.city(span.text):
            return "GPE"
        if _is_river(span) and fold(span.text) not in people.shown:
            return "LOC"  # "water sharing from the Tigris and Euphrates": no organization
        if fold(span.text) in known_organizations():
            return "ORG"
        if self._is_subdivision(span, people):
            return "GPE"
        if (shown or {}).get(fold(span.text)) and span.label_ in NAME_LABELS | {"NORP"}:
            return (shown or {})[fold(span.text)]
        name = span[leading_title_length(span) :]  # "Gen | Thura Aung"
        if span.label_ != "PERSON" and (
            _surname_key(name.text) in surnames
            or fold(name.text) in people
            or (len(name) > 2 and name_ends(name.text) in people)
        ):
            return "PERSON"
        by_head = kind_by_head(span)
        if by_head is not None:
            return by_head
        if span.label_ == "ORG" and _is_venue(span):
            return "FAC"
        before_a_post = self._before_a_post(span)
        if before_a_post is not None:
            return before_a_post
        if span.label_ == "PERSON" and len(span) > 1 and span[-1].lower_ in place_words("division"):
            return "GPE"  # "Shan State": no one's name ends on a division
        if not defined and self._begins_with_a_given_name(span):
            return "PERSON"
        if span.label_ == "ORG" and self._named_after_a_title(span):
            return "PERSON"
        if fold(span.text) in people.shown:
            return "PERSON"  # no context word retypes a person the text shows to be one
        if not defined and self._is_world_city(span, people):
            return "GPE"
        if span.label_ in {"PERSON", "GPE", "NORP"} and self._named_as_organization(span):
            return "ORG"
        if span.label_ in {"PERSON", "GPE", "LOC", "FAC"} and _after_its_seat(span):
            return "ORG"  # "Lima-based Minera Huascarán"
        if span.label_ in {"PERSON", "ORG"} and (
            self._named_as_place(span) or _named_as_site(span)
        ):
            return "GPE"
        if span.label_ in {"LOC", "FAC"} and _modifies(span, function_words("party_context")):
            return "ORG"  # "the governing Morena party", "the X ticket"
        return span.label_

    def _kinds_shown(self, ents: Sequence[Span], people: People) -> dict[str, str]:
        """The kind a context only a place or an organization fits shows a name to be at one
        of its mentions ("the town of X", "X district"; "X's board", "chief executive of X",
        "the X gang"): it holds for every mention of the name in the document, as a person's
        title does for a person. Not for a name the text or the model gives a person (as a
        person of several words), nor one that two contexts show to be both.
        A name listed with an organization so shown ("Los A, Los B and C") is one too, unless
        the text shows a person by that name."""
        kinds: dict[str, set[str]] = {}
        listed: list[Span] = []
        for ent in ents:
            if ent.label_ not in NAME_LABELS | {"NORP"}:
                continue
            span = ent[1:] if len(ent) > 1 and ent[0].lower_ in ARTICLES else ent
            name = fold(span.text)
            if span.text.isupper() or self._is_place_name(span.text) or name in people.shown:
                continue
            listed.append(span)
            if name in people or ent.label_ == "NORP":
                continue
            found = kinds.setdefault(name, set())
            if self._placed_by_context(span):
                found.add("GPE")
            if (
                self._named_as_organization(span)
                or _run_by_a_company_post(span)
                or _after_its_seat(span)
            ):
                found.add("ORG")
        shown = {name: found.pop() for name, found in kinds.items() if len(found) == 1}
        organizations = {s.root.i for s in listed if shown.get(fold(s.text)) == "ORG"}
        for span in listed:
            conjuncts = {c.i for c in span.root.conjuncts}
            if not kinds.get(fold(span.text)) and conjuncts & organizations:
                shown[fold(span.text)] = "ORG"
        return shown

    def _before_a_post(self, span: Span) -> str | None:
        """The kind of a name right before a post and a person's name: a place's before a
        place's post ("Negros Occidental Governor X"), an organization's before a company's
        ("Minera Huascarán chief executive X"); None elsewhere."""
        doc = span.doc
        if span.label_ not in {"PERSON", "ORG"} or fold(span.text) in known_organizations():
            return None
        for n in (3, 2, 1):
            words = doc[span.end : span.end + n]
            after = span.end + n
            if len(words) < n or after >= len(doc) or doc[after].ent_type_ != "PERSON":
                continue
            spellings = title_spellings(words)
            if spellings & place_words("place_title") and words[0].is_title:
                return "GPE"
            if spellings & function_words("company_title") and span.label_ == "PERSON":
                return "ORG"
        return None

    def _is_portfolio(self, span: Span) -> bool:
        """Common nouns in capitals before a post and its holder: the post's portfolio,
        "Business Development | Officer X" (no organization; "Qantas CEO X" keeps Qantas)."""
        doc = span.doc
        if span.label_ != "ORG" or kind_by_head(span) is not None or not self.common_nouns:
            return False
        nouns = all(t.is_title and t.lower_ in self.common_nouns for t in span)
        after = next((n for n in (2, 1) if self._is_post_title(doc[span.end : span.end + n])), 0)
        holder = span.end + after < len(doc) and doc[span.end + after].ent_type_ == "PERSON"
        return nouns and bool(after) and holder and fold(span.text) not in known_organizations()

    def _is_joined_pair(self, span: Span, named: set[str]) -> bool:
        """Two names joined by a hyphen before a common noun: "the Rubavu-Rutsiro road",
        "Paris-Berlin trains" (each part a place or a name the document gives; no name of
        its own, as "Bosnia-Herzegovina" is)."""
        words = [t for t in span if t.text != "-"]
        joined = len(words) == 2 and len(span) == 3 and span[1].text == "-"
        return (
            joined
            and not any(t.whitespace_ for t in span[:-1])
            and all(
                t.is_title and (fold(t.text) in named or self._is_place_name(t.text)) for t in words
            )
            and not self._is_place_name(span.text)
            and fold(span.text) not in known_organizations()
            and _modifies(span, frozenset(), common=True)
        )

    def _is_bill(self, span: Span) -> bool:
        """A bill the model took for a person: "the Finance Bill", "anti-Finance | Bill" (a
        capitalised common noun before "Bill"; "Bill Gates" is a person)."""
        doc = span.doc
        last = span[-1]
        if span.label_ != "PERSON" or last.lower_ not in function_words("law_head"):
            return False
        before = doc[last.i - 1] if last.i > 0 else None
        return (
            before is not None
            and before.is_title
            and before.lower_ in self.common_nouns
            and before.ent_type_ in {"", "PERSON"}
        )

    def _with_surname(self, span: Span) -> Span:
        """A given name alone whose surname the model left out: "Burak | Yılmaz, said" (the
        next word capitalised, in no entity, no common noun nor head word)."""
        doc, end = span.doc, span.end
        if (
            len(span) != 1
            or span.label_ not in {"PERSON", "ORG"}
            or not self.common_nouns
            or fold(span.text) not in self.given_names
            or end >= len(doc)
        ):
            return span
        after = doc[end]
        if (
            after.is_title
            and after.is_alpha
            and not after.ent_type_
            and not after.is_sent_start
            and span[0].whitespace_
            and after.lower_ not in self.common_nouns
            and after.lower_ not in entity_heads()
            and not self._is_place_name(after.text)
        ):
            return Span(doc, span.start, end + 1, span.label_)
        return span

    def _begins_with_a_given_name(self, span: Span) -> bool:
        """Two or three capitalised words that begin with a given name of some language
        ("Winston Peters's party"), that the model typed an organization's: no word
        of an organization's or a place's name, no common noun at either end ("Villa
        Alemana", "Ford Motor"), no known name."""
        words = list(span)
        return (
            span.label_ == "ORG"
            and bool(self.common_nouns)  # no lexicon to tell common words: no guess
            and 2 <= len(words) <= 3
            and all(t.is_title and t.is_alpha for t in words)
            and fold(words[0].text) in self.given_names
            and words[0].lower_ not in self.common_nouns
            and words[-1].lower_ not in self.common_nouns  # "Ford Motor"
            and not any(t.lower_ in entity_heads() or self._is_place_name(t.text) for t in words)
            and self.gazetteer.country_of_demonym(words[-1].text) is None
            and fold(span.text) not in known_organizations()
            and not self._is_place_name(span.text)
        )

    def _is_joined_adjective(self, span: Span) -> bool:
        """A joined adjective that begins with a combining form and modifies a common noun:
        "Franco-German friendship", "Euro-Atlantic security" (no name of its own)."""
        parts = [t for t in span if t.text != "-"]
        joined = all(not t.whitespace_ for t in span[:-1]) and len(parts) > 1
        return (
            joined
            and span.label_ in {"ORG", "GPE", "LOC", "NORP"}
            and parts[0].lower_ in function_words("combining_form")
            and _modifies(span, frozenset(), common=True)
            and span.root.head.lower_ not in self.org_nouns
        )

    def _is_common_noun(self, span: Span, people: People) -> bool:
        """One word at a sentence's start that is a common noun: "Anger has been stoked",
        "Turnout was 44 percent" (a capital the sentence gives, not a name). The tagger says
        so, or the word is a noun of the lexicon that the document never capitalises inside a
        sentence and that names no known organization, place or person of the document."""
        token = span[0]
        if len(span) != 1 or not token.is_sent_start or token.text.isupper():
            return False
        name = fold(token.text)
        if name in known_organizations() or name in people or self._is_place_name(token.text):
            return False
        if token.tag_ in {"NN", "NNS"}:
            return True
        inside = any(t.text == token.text and not t.is_sent_start for t in token.doc)
        return token.lower_ in self.common_nouns and not inside

    def _is_subdivision(self, span: Span, people: People) -> bool:
        """A state or province of the gazetteer ("Khyber Pakhtunkhwa"), unless the text shows
        a person by that name or the model took one word for a person's ("Alberta")."""
        if not self.gazetteer.subdivisions_named(span.text) or fold(span.text) in people.shown:
            return False
        return span.label_ != "PERSON" or len(span) > 1

    def _is_bare_title(self, span: Span) -> bool:
        """A title with no name ("Rear Admiral", "Foreign Secretary"): nobody in particular."""
        spaced = " ".join(t.lower_.rstrip(".") for t in span if t.text != ".")
        return spaced in self.titles or spaced.removesuffix("s") in self.titles

    def _listed_places(self, ent: Span) -> list[Span]:
        """Places the model ran into one name with a comma ("Mombasa, Kisumu"), each a place of
        the gazetteer or a world city, and the one the list ends with ("... and Eldoret")."""
        doc = ent.doc
        parts = _comma_parts(ent)
        if not parts or not all(part and self._is_place_name(part.text) for part in parts):
            return []
        tail = ent.end + (ent.end < len(doc) and doc[ent.end].text == ",")
        if tail + 1 < len(doc) and doc[tail].lower_ == "and" and not doc[tail + 1].ent_type_:
            last = doc[tail + 1 : tail + 2]
            if last[0].is_title and self._is_place_name(last.text):
                parts.append(last)
        return [Span(doc, part.start, part.end, "GPE") for part in parts]

    def _is_place_name(self, name: str) -> bool:
        gazetteer = self.gazetteer
        return bool(
            gazetteer.country(name) or gazetteer.city(name) or fold(name) in self.world_cities
        )

    def _is_world_city(self, span: Span, people: People) -> bool:
        """A title-case name of a city the model took for a person or organization, that no
        person of the document bears (the model's own guess that this name is a person's does
        not count; a surname of a person it names does)."""
        name = fold(span.text)
        borne = name in people.shown or (len(span) == 1 and name in people.typed)
        return (
            span.label_ in {"PERSON", "ORG"}
            and span.text.istitle()
            and not borne
            and name not in entity_heads()  # "Police" is a town in Poland, and no place here
            and name in self.world_cities
        )

    def _named_after_a_title(self, span: Span) -> bool:
        """A name of two or three words in apposition to a post: "the bloc's foreign policy
        chief, Kaja Lind, said" (the model took the name for an organization)."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].text != "," or not 2 <= len(span) <= 3:
            return False
        title = self.titles.get(doc[span.start - 2].lower_)
        return title is not None and title.post and all(t.is_title for t in span)

    def _named_as_place(self, span: Span) -> bool:
        """Context that only a place fits: "the town of X", "X, a village in ...", "X province",
        a list with places
        ("Catamarca, Jujuy and Salta"), and "in X" or "near X" for a supposed person or a
        one-word organization with no article ("officials in Lamu"; not "in the Senate")."""
        doc, root = span.doc, span.root
        if span.text.isupper():
            return False
        if self._placed_by_context(span):
            return True
        if len(span) == 1 and any(c.ent_type_ in PLACE_LABELS for c in root.conjuncts):
            return True  # a list of places; a name of several words is never retyped by a list
        located = root.dep_ == "pobj" and root.head.lower_ in place_words("locative")
        right_after = span.start > 0 and doc[span.start - 1].i == root.head.i
        bare_word = len(span) == 1 and right_after
        within = right_after and self._before_a_wider_place(span)  # "in El Carmen in Norte de X"
        return located and (span.label_ == "PERSON" or bare_word or within)

    @staticmethod
    def _placed_by_context(span: Span) -> bool:
        """ "The town of X", "X, a village in ...", "X province", "the X and Y rivers": a
        place noun the name is of, in apposition to, or modifies."""
        doc, root = span.doc, span.root
        before = doc[span.start - 2 : span.start]
        if (
            len(before) == 2
            and before[1].lower_ == "of"
            and before[0].lemma_ in place_words("place_noun")
        ):
            return True
        if len(before) == 2 and before[0].lower_ == "the" and before[1].lower_ in COMPASS:
            return True  # "the central Sahel", "the western Balkans": a region, no one's name
        after = doc[span.end : span.end + 3]  # "Jouya, a village in southern Lebanon"
        if (
            len(after) == 3
            and after[0].text == ","
            and after[1].lower_ in {"a", "an", "the"}
            and (after[2].lemma_ or after[2].lower_) in place_words("place_noun")
            and after[2].head.i <= after[2].i
        ):
            return True  # not "X, the state holding company": "state" modifies a word after it
        first = root
        while first.dep_ == "conj" and first.head.i < first.i:  # "the Tigris and | Euphrates"
            first = first.head
        return (
            first.head.i >= span.end
            and first.head.lemma_ in place_words("place_noun")
            and first.dep_ in {"compound", "conj", "nmod"}
        )  # "Kano state", "the Tigris and Euphrates rivers"

    def _before_a_wider_place(self, span: Span) -> bool:
        """Whether a place's name follows, after "in" or a comma: "El Carmen | in Norte de
        Santander state", "Kabankalan | , Negros Occidental" (a place the model saw, one of
        the gazetteer, or a name before a division word)."""
        doc, end = span.doc, span.end
        if end + 1 >= len(doc) or doc[end].lower_ not in {"in", ","}:
            return False
        start = end + 1 + (doc[end + 1].lower_ == "the")
        place = next((e for e in doc.ents if e.start == start), None)
        return place is not None and (
            place.label_ in PLACE_LABELS
            or self._is_place_name(place.text)
            or bool(self.gazetteer.subdivisions_named(place.text))
            or (place.end < len(doc) and doc[place.end].lower_ in place_words("division"))
        )

    def _named_as_organization(self, span: Span) -> bool:
        """Context that only an organization fits: "head of X", "X, the ... group", "X forces",
        "the security firm X", a plural name after "the" ("the Houthis")."""
        doc, root = span.doc, span.root
        of = _skip_determiners(doc, span.start - 1)
        word = doc[of - 1].lower_ if of >= 1 and doc[of].lower_ == "of" else ""
        title = self.titles.get(word)
        in_place = span.label_ == "GPE" and (
            word in place_words("place_title")
            or (of >= 2 and doc[of - 2].lower_ in place_words("division"))
        )  # "the governor of X", "the chief district officer of X"
        if title is not None and title.post and not in_place:
            return True  # "head of X", not "the governor of X"
        previous = doc[span.start - 1] if span.start >= 1 else None
        if previous is not None and previous.is_lower and previous.text in self.org_nouns:
            return True  # "the militant group al-Shabaab"
        if previous is not None and previous.text == "The" and not previous.is_sent_start:
            return True  # "told The Messenger": a title with its article is a publication's
        if previous is not None and previous.lower_ == "the" and span.label_ == "PERSON":
            return len(span) == 1 and span.text.endswith("s")  # "the Houthis": a group
        appositions = [c for c in root.children if c.dep_ == "appos"]
        if any(c.lower_ in self.org_nouns | ORGANIZATION_NOUNS for c in appositions):
            return True  # "X, a subsidiary of Y"
        modifies = root.dep_ in {"compound", "amod", "nmod"} and root.head.i >= span.end
        return modifies and root.head.lower_ in self.org_nouns

    @staticmethod
    def _surnames(doc: Doc) -> set[str]:
        return {
            _surname_key(ent[-1].text)
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
        }


def _joined_names(doc: Doc) -> tuple[list[Span], list[Span]]:
    """The entities, with a person's name that the model cut in parts joined again ("Hassan
    Sheikh | Mohamud", "Datuk Sikh | Shamsul Ibrahim Sikh | Abdul Majid": a name one space
    after a name goes on with it (``_goes_on``), unless the first is named otherwise
    elsewhere, "Hashd al-Sha'abi | Falih al-Fayyadh"); and the parts."""
    ents: list[Span] = []
    parts: list[Span] = []
    not_people = {e.text for e in doc.ents if e.label_ != "PERSON"}
    for ent in doc.ents:
        last = ents[-1] if ents else None
        if (
            last is not None
            and ent.label_ == last.label_ == "PERSON"
            and ent.start == last.end
            and doc[last.end - 1].whitespace_ == " "
            and _goes_on(last, ent)
            and last.text not in not_people
        ):
            parts.extend([last, ent] if last in doc.ents else [ent])
            ents[-1] = Span(doc, last.start, ent.end, "PERSON")
            continue
        ents.append(ent)
    return ents, parts


def _goes_on(first: Span, then: Span) -> bool:
    """Whether a person's name right after another is the rest of it: one word ("Hassan
    Sheikh | Mohamud"), a name after a title and one word ("Datuk Sikh | Shamsul"), or a
    name that begins as only a father's name does ("... | Abdul Majid"); two full names
    side by side are two people."""
    return (
        len(then) == 1
        or len(first) - leading_title_length(first) == 1
        or then[0].lower_ in function_words("name_continuation")
    )


def _skip_determiners(doc: Doc, i: int) -> int:
    """The index left of "the" and of a possessive place ("of the X", "of Iraq's X")."""
    if i >= 1 and doc[i].text in POSSESSIVES:
        i -= 1
        while i >= 0 and doc[i].ent_type_ in PLACE_LABELS:
            i -= 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i


def _surname_key(name: str) -> str:
    """A surname without its particle: "al-Hashimi" and "Hashimi" give the same key."""
    return strip_particles(fold(name))


def _with_known_rest(span: Span, longer: set[tuple[str, ...]]) -> Span:
    """A name the model cut before the rest of a longer name the document gives: "Banska |
    Bystrica" where it saw "Banska Bystrica" elsewhere (the rest in no other entity)."""
    doc, words = span.doc, tuple(t.text for t in span)
    best = span
    for name in longer:
        end = span.start + len(name)
        if (
            len(name) > len(words)
            and name[: len(words)] == words
            and end <= len(doc)
            and tuple(t.text for t in doc[span.end : end]) == name[len(words) :]
            and not any(t.ent_type_ for t in doc[span.end : end])
            and end > best.end
        ):
            best = Span(doc, span.start, end, span.label_)
    return best


def _with_particle_tail(span: Span) -> Span:
    """A name the model cut before a particle and the words after it: "Rio Grande | do Sul",
    "Viña | del Mar" (the particle, then capitalised words no other entity holds)."""
    doc, end = span.doc, span.end
    while (
        end + 1 < len(doc)
        and doc[end].lower_ in name_particles()
        and doc[end].is_lower
        and doc[end + 1].is_title
        and doc[end + 1].ent_type_ in {"", span.label_}
    ):
        end += 2
        while end < len(doc) and doc[end].is_title and doc[end].ent_type_ in {"", span.label_}:
            end += 1
    return span if end == span.end else Span(doc, span.start, end, span.label_)


def _named_in_brackets(span: Span) -> bool:
    """A name in parentheses right after an organization's: its short name ("National
    Regeneration Movement (Morena)")."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "(":
        return False
    before = doc[span.start - 2]
    return before.ent_type_ == "ORG"


def _with_hyphened_head(span: Span) -> Span:
    """A name the model cut after a hyphen: "Waker-Uz- | Zaman" (capitalised parts joined by
    hyphens with no space, as the name is written)."""
    doc, start = span.doc, span.start
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].is_title
        and not doc[start - 2].ent_type_
    ):
        start -= 2
    return span if start == span.start else Span(doc, start, span.end, span.label_)


ORGANIZATION_NOUNS = function_words("organization_noun")
"""Nouns only an organization is, in apposition: "X, a subsidiary of Y", "X, a lender"."""


def _places_listed_after_a_colon(doc: Doc) -> list[Span]:
    """The names a list after a plural place noun and a colon gives, that the model missed or
    took for a product: "in six states and regions: A, B, C and D State" (two names or more,
    each of capitalised words, between commas and "and"; not after a headline's "Three
    States:")."""
    found: list[Span] = []
    for colon in (t for t in doc if t.text == ":" and t.i >= 1):
        noun = doc[colon.i - 1]
        plural = noun.lower_ != noun.lemma_ or noun.lower_.endswith("s")
        if (
            not noun.is_lower
            or not plural
            or not {noun.lemma_, noun.lower_.removesuffix("s")} & place_words("place_noun")
        ):
            continue
        items: list[Span] = []
        i = colon.i + 1
        while i < len(doc) and doc[i].is_title:
            end = i
            while end < len(doc) and doc[end].is_title:
                end += 1
            items.append(doc[i:end])
            if end < len(doc) and doc[end].text == ",":
                end += 1
            if end < len(doc) and doc[end].lower_ == "and":
                end += 1
            if end == i + len(items[-1]):  # no comma nor "and": the list ends here
                break
            i = end
        if len(items) >= 2:
            found.extend(
                Span(doc, item.start, item.end, "GPE")
                for item in items
                if not any(t.ent_type_ in NAME_LABELS for t in item)
            )
    return found


def _is_percentage(ent: Span) -> bool:
    """ "49.11 per cent", which the model reads as money: a share, like "49.11 percent"."""
    words = ent.text.lower().split()
    return len(words) > 1 and any(
        " ".join(words[-len(w.split()) :]) == w for w in function_words("percent")
    )


def _is_river(span: Span) -> bool:
    """A great river's name, whole ("Tigris"; not "Tigris Holdings")."""
    return fold(span.text) in {fold(word) for word in place_words("river")}


def _after_its_seat(span: Span) -> bool:
    """A name after "X-based": "Lima-based Minera Huascarán" is a company, not a person."""
    doc, start = span.doc, span.start
    return (
        start >= 2
        and doc[start - 1].lower_ in function_words("seat_participle")
        and doc[start - 2].text == "-"
        and not doc[start - 2].whitespace_
    )


def _run_by_a_company_post(span: Span) -> bool:
    """A name a company's post or part belongs to: "X's board", "X's chief executive",
    "chief executive of X", "the board of X" (lower-case words of ``company_title`` or
    ``company_part``)."""
    doc = span.doc
    posts = function_words("company_title") | function_words("company_part")
    if span.end + 1 < len(doc) and doc[span.end].text in POSSESSIVES:
        i = span.end + 1
        while i < min(span.end + 3, len(doc)) and doc[i].pos_ == "ADJ":
            i += 1  # "X's new board"
        if any(doc[i : i + n].text in posts and doc[i].is_lower for n in (3, 2, 1)):
            return True
    of = _skip_determiners(doc, span.start - 1)
    if of < 1 or doc[of].lower_ != "of":
        return False
    return any(
        doc[of - n : of].text in posts and doc[of - n].is_lower for n in (3, 2, 1) if of >= n
    )


def _is_party_by_its_members(span: Span) -> bool:
    """ "the Greens", "the governing Social Democrats": a party named by its members, with
    the article (and up to two lower-case words between)."""
    doc = span.doc
    if span.text.lower() not in function_words("party_plural") or not span[0].is_title:
        return False
    start = span.start
    while (
        start > max(1, span.start - 2)
        and doc[start - 1].is_lower
        and doc[start - 1].is_alpha
        and doc[start - 1].lower_ != "the"
    ):
        start -= 1  # "the governing | Social Democrats", "the opposition | Greens"
    return start > 0 and doc[start - 1].lower_ == "the"


def _is_party_and_state(span: Span) -> bool:
    """A legislator's party and state after the name, "D-Mass.", "R-Utah": no place."""
    words = [t.text for t in span]
    return len(words) == 3 and words[0] in {"D", "R", "I"} and words[1] == "-"


def _is_lower_modifier(token: Token) -> bool:
    """A lower-case word the model began a name with ("the next | European Commission"): no
    surname particle, nor the first part of a joined word ("al-Shabaab")."""
    doc = token.doc
    joined = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return token.is_lower and token.is_alpha and token.lower_ not in name_particles() and not joined


def _is_name_word(token: Token) -> bool:
    """A capitalised word of a name, an inner apostrophe allowed ("Wetang'ula")."""
    rest = token.text[1:].replace("'", "").replace("’", "").replace("-", "")
    return token.text[:1].isupper() and (rest.isalpha() or rest == "") and not token.is_upper


def _is_personal(span: Span) -> bool:
    """Words that may be a person's name: capitalised, none an organization's head word."""
    return all(_is_name_word(t) and t.lower_ not in entity_heads() for t in span)


def _modifies(span: Span, nouns: frozenset[str], *, common: bool = False) -> bool:
    """Whether a name modifies the noun after it: one of ``nouns`` ("the Morena party"), or,
    with ``common``, any lower-case common noun ("Franco-German friendship")."""
    root = span.root
    head = root.head
    if root.dep_ not in {"compound", "amod", "nmod"} or head.i < span.end:
        return False
    if common:
        return head.is_lower and head.pos_ == "NOUN"
    return head.lower_ in nouns


def _is_venue(span: Span) -> bool:
    """A building named as where something happened: "said at Government House", "told
    supporters at the X Events Centre" (a venue's head word, after "at"; "the X Centre said"
    stays an organization)."""
    root = span.root
    return (
        len(span) > 1
        and span[-1].lower_ in place_words("venue_head")
        and root.dep_ == "pobj"
        and root.head.lower_ == "at"
    )


def _named_as_site(span: Span) -> bool:
    """A name that says where a site is: "the commission's Rajagiriya headquarters" (after a
    possessive, before a site noun), "Ganabhaban, the prime minister's official residence"
    (in apposition to one)."""
    doc, root = span.doc, span.root
    sites = function_words("site_noun")
    if any(c.dep_ == "appos" and c.lower_ in sites for c in root.children):
        return True
    return (
        len(span) <= 2
        and span.start >= 1
        and doc[span.start - 1].text in POSSESSIVES
        and span.end < len(doc)
        and doc[span.end].lower_ in sites
    )


def _split_names(ent: Span) -> list[Span]:
    """Two names the model ran into one across a word no name holds: "Courvoisier from |
    Beam Suntory" (each part capitalised)."""
    doc = ent.doc
    cut = next(
        (t.i for t in ent[1:-1] if t.is_lower and t.lower_ in function_words("name_splitter")),
        None,
    )
    if cut is None or not (doc[cut - 1].is_title or doc[cut - 1].is_upper):
        return []
    if not doc[cut + 1].text[:1].isupper():
        return []
    return [Span(doc, ent.start, cut, ent.label_), Span(doc, cut + 1, ent.end, ent.label_)]


def is_initialled_name(span: Span) -> bool:
    """Initials, then one to three capitalised words: "K H Muniyappa", "J. Smith" (single
    capitals, dotted or not, not "A" or "I" alone; no organization's head word)."""
    words = [t for t in span if t.text != "."]
    n = 0
    while n < len(words) and _is_initial(words[n]):
        n += 1
    rest = words[n:]
    return (
        n >= 1
        and 1 <= len(rest) <= 3
        and all(t.is_title and t.is_alpha and len(t) > 1 for t in rest)
        and _is_personal(span[len(span) - len(rest) :])
    )


def _is_initial(token: Token) -> bool:
    text = token.text.rstrip(".")
    return len(text) == 1 and text.isupper() and (token.text != text or text not in {"A", "I"})


def _listed_initialled_people(ent: Span) -> list[Span]:
    """People the model ran into one name with a comma: "G Parameshwara, K H Muniyappa"
    (each part initials and a name)."""
    parts = _comma_parts(ent)
    if not parts or not all(part and is_initialled_name(part) for part in parts):
        return []
    return [Span(ent.doc, part.start, part.end, "PERSON") for part in parts]


def _comma_parts(ent: Span) -> list[Span]:
    """The parts of a name the model ran over commas ("Mombasa, Kisumu"); none without one."""
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return []
    bounds = [ent.start, *commas, ent.end]
    return [ent.doc[a + (a != ent.start) : b] for a, b in pairwise(bounds)]


def _split_owner(ent: Span) -> list[Span]:
    """An organization the model ran into its owner's name: "BoG's Research Department"
    where the owner is initials ("BoG", "IMF") or a name the document gives on its own (not
    "People's Alliance", "McDonald's Corporation")."""
    doc = ent.doc
    cut = next((t.i for t in ent[1:-1] if t.text in POSSESSIVES), None)
    if cut is None or ent.label_ != "ORG":
        return []
    start = ent.start + (ent[0].lower_ in ARTICLES)
    owner, owned = doc[start:cut], doc[cut + 1 : ent.end]
    if kind_by_head(owned) != "ORG":
        return []
    named = {fold(e.text) for e in doc.ents if e.label_ == "ORG" and e.start != ent.start}
    if not owner or (fold(owner.text) not in named and not ACRONYM.fullmatch(owner.text)):
        return []
    return [Span(doc, owner.start, owner.end, "ORG"), Span(doc, owned.start, owned.end, "ORG")]


def _with_first_word(span: Span) -> Span:
    """A place the model cut after its first word, after a locative: "in Dera | Ismail Khan"
    (a capitalised proper noun between the preposition and the name, in no other entity)."""
    doc, start = span.doc, span.start
    if start < 2 or len(span) < 2:
        return span
    before, locative = doc[start - 1], doc[start - 2]
    if (
        before.pos_ == "PROPN"
        and before.is_title
        and not before.ent_type_
        and not before.is_sent_start
        and locative.lower_ in place_words("locative")
        and before.lower_ not in person_titles()
    ):
        return doc[start - 1 : span.end]
    return span


def _with_titled_owner(span: Span) -> Span:
    """An office named after the post it serves: "the Prime Minister's | Media Office" (a
    title in capitals and a possessive right before an organization's name)."""
    doc, start = span.doc, span.start
    if start < 2 or doc[start - 1].text not in POSSESSIVES or kind_by_head(span) != "ORG":
        return span
    for n in (3, 2, 1):
        words = doc[max(0, start - 1 - n) : start - 1]
        if (
            len(words) == n
            and all(t.is_title and not t.ent_type_ for t in words)
            and title_spellings(words) & titles().keys()
        ):
            return doc[words.start : span.end]
    return span


def _with_initials(span: Span) -> Span:
    """Initials the model left out before a person's name: "J B | Pardiwala", "J. | Smith"
    (single capital letters, with or without their dots; not "A" or "I" on their own)."""
    doc, start = span.doc, span.start
    while start > 0 and start > span.start - 6:
        token = doc[start - 1]
        dotted = token.text.endswith(".") and len(token.text) == 2 and token.text[0].isupper()
        letter = len(token.text) == 1 and token.text.isupper() and token.text not in {"A", "I"}
        if token.ent_type_ or not (dotted or letter):
            break
        start -= 1
    return span if start == span.start else Span(doc, start, span.end, span.label_)


def _with_hyphened_tail(span: Span) -> Span:
    """A name the model cut before a hyphen: "Seo Hyun | -woo" (a word joined by a hyphen
    with no space, in no other entity)."""
    doc, end = span.doc, span.end
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
    ):
        return Span(doc, span.start, end + 2, span.label_)
    return span
