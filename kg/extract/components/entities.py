"""Entity components: they correct and complete what the statistical NER gives.

They run after ``ner`` and keep to ``doc.ents`` plus two Doc extensions, in character offsets
so that later merging of tokens leaves them valid: ``kg_aliases`` (``AliasFound``: pairs of
spans the text equates, e.g. a name and its acronym) and ``kg_institutions``
(``InstitutionFound``: a country's institution).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.components.findings import AliasFound, InstitutionFound
from kg.extract.components.person_cues import name_ends, people_by_context
from kg.knowledge.gazetteer import Gazetteer, fold, load_gazetteer
from kg.knowledge.lexicon import (
    entity_heads,
    institutions,
    known_organizations,
    place_words,
    strip_particles,
    titles,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"PERSON", "ORG"}) | PLACE_LABELS
ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "de", "al", "du", "des", "&"})
MAX_PAREN_TOKENS = 8
DANGLING_WORDS = frozenset({"of", "and", "for", "the"})
"""Words no name ends with, though the small model sometimes ends one on them."""

if not Doc.has_extension("kg_aliases"):
    Doc.set_extension("kg_aliases", default=None)
if not Doc.has_extension("kg_institutions"):
    Doc.set_extension("kg_institutions", default=None)


def _set_ents(doc: Doc, spans: Iterable[Span], *, drop: Iterable[Span] = ()) -> None:
    """Put ``spans`` into ``doc.ents``, replacing whatever they overlap, and remove ``drop``."""
    new = list(spans)
    dropped = {(s.start, s.end) for s in drop}
    taken = {i for s in new for i in range(s.start, s.end)}
    kept = [
        e
        for e in doc.ents
        if (e.start, e.end) not in dropped and not taken.intersection(range(e.start, e.end))
    ]
    doc.ents = filter_spans(kept + new)


def _initials(tokens: Iterable[Token]) -> str:
    letters = []
    for token in tokens:
        for part in re.split(r"[-\s]", token.text):
            if part and part[0].isupper() and part.lower() not in FUNCTION_WORDS:
                letters.append(part[0])
    return "".join(letters)


def _is_acronym_of(short: str, tokens: list[Token]) -> bool:
    """Whether ``short`` spells the capitalised words of ``tokens`` ("NDMA" ~ "National Disaster
    Management Authority"), allowing a trailing plural s."""
    letters = short[:-1] if short.endswith("s") and len(short) > 2 else short
    return _initials(tokens).upper() in {short.upper(), letters.upper()}


@Language.factory("kg_acronyms", assigns=["doc.ents", "doc._.kg_aliases"], requires=["doc.ents"])
def make_acronyms(nlp: Language, name: str) -> AcronymDefinitions:
    return AcronymDefinitions()


class AcronymDefinitions:
    """Reads "LONG NAME (ABBR)" and "Name (Other Name)": both become entities and aliases."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, list(self.match(doc)))
        return doc

    def match(self, doc: Doc) -> Iterable[tuple[Span, Span]]:
        parens = numpy.flatnonzero(doc.to_array("ORTH") == doc.vocab.strings["("])
        for open_paren in (doc[int(i)] for i in parens):
            close = next(
                (
                    t.i
                    for t in doc[open_paren.i + 1 : open_paren.i + 2 + MAX_PAREN_TOKENS]
                    if t.text == ")"
                ),
                None,
            )
            if close is None or close == open_paren.i + 1:
                continue
            inner = doc[open_paren.i + 1 : close]
            pair = self._definition(doc, open_paren.i, inner)
            if pair is not None:
                yield pair

    def _definition(self, doc: Doc, paren: int, inner: Span) -> tuple[Span, Span] | None:
        before = next((e for e in doc.ents if e.end == paren), None)
        if (
            len(inner) == 1
            and ACRONYM.match(inner.text)
            and inner.text[1:].upper() == inner.text[1:]
        ):
            long = self._expansion(doc, paren, inner.text, before)
            if long is None:
                return None
            label = before.label_ if before is not None and before.label_ != "PERSON" else "ORG"
            return Span(doc, long.start, long.end, label), Span(doc, inner.start, inner.end, label)
        if before is not None and before.label_ != "PERSON" and self._is_name(inner):
            label = _kind_by_head(inner) or _kind_by_head(before) or before.label_
            return Span(doc, before.start, before.end, label), Span(
                doc, inner.start, inner.end, label
            )
        return None

    @staticmethod
    def _expansion(doc: Doc, paren: int, short: str, before: Span | None) -> Span | None:
        """The words before the parenthesis that the acronym abbreviates: the shortest run
        whose initials spell it, else (an acronym from another language, "National
        Liberation Army (ELN)") the name right before it."""
        lowest = max(paren - 2 * len(short) - 3, doc[paren].sent.start)
        for begin in range(paren - 1, lowest - 1, -1):
            words = list(doc[begin:paren])
            if words[0].text.lower() in FUNCTION_WORDS or not words[0].text[:1].isupper():
                continue
            if _is_acronym_of(short, words):
                return doc[begin:paren]
        if before is not None and before.label_ == "ORG":
            return before
        name = _title_case_run(doc, paren)
        return name if name is not None and len(name) >= 2 else None

    @staticmethod
    def _is_name(span: Span) -> bool:
        words = [t for t in span if t.is_alpha]
        return len(words) >= 2 and all(
            t.text[0].isupper() or t.lower_ in FUNCTION_WORDS for t in words
        )

    @staticmethod
    def set_annotations(doc: Doc, pairs: list[tuple[Span, Span]]) -> None:
        _set_ents(doc, [span for pair in pairs for span in pair])
        doc._.kg_aliases = [
            AliasFound((lng.start_char, lng.end_char), (sht.start_char, sht.end_char))
            for lng, sht in pairs
        ]


def _title_case_run(doc: Doc, end: int) -> Span | None:
    """The capitalised words (and inner "of", "for", "the") that end right before ``end``."""
    begin = end
    while begin > doc[end].sent.start and (
        doc[begin - 1].text[:1].isupper() or doc[begin - 1].lower_ in {"of", "for", "and"}
    ):
        begin -= 1
    while begin < end and not doc[begin].text[:1].isupper():
        begin += 1
    return doc[begin:end] if begin < end else None


def _kind_by_head(span: Span) -> str | None:
    """NER label implied by a name's last word ("... Council" -> ORG, "... Airport" -> FAC,
    "the Clean Water Act" -> LAW, not an organization)."""
    rule = entity_heads().get(span[-1].lower_)
    if rule is None or (rule.kind == "Law" and (len(span) == 1 or not span[-1].is_title)):
        return None
    return {"Organization": "ORG", "Place": "FAC", "Law": "LAW"}[rule.kind]


@Language.factory(
    "kg_institutions", assigns=["doc.ents", "doc._.kg_institutions"], requires=["doc.ents"]
)
def make_institutions(nlp: Language, name: str) -> CountryInstitutions:
    return CountryInstitutions(nlp)


class CountryInstitutions:
    """Finds a country's institutions named by nationality or possessive: "the Iraqi parliament",
    "Iraq's parliament", "the parliament of Iraq", "the Baghdad government"."""

    def __init__(self, nlp: Language) -> None:
        self.gazetteer = load_gazetteer()
        self.matcher = Matcher(nlp.vocab)
        country = {"ENT_TYPE": {"IN": ["NORP", "GPE"]}, "OP": "+"}
        possessive = {"ORTH": {"IN": ["'s", "’s", "'"]}, "OP": "?"}
        by_length: dict[int, list[list[str]]] = {}
        for phrase in institutions():
            by_length.setdefault(len(phrase.split()), []).append(phrase.split())
        for length, phrases in by_length.items():  # a few patterns, not two per phrase
            words = [{"LOWER": {"IN": sorted({p[i] for p in phrases})}} for i in range(length)]
            self.matcher.add(
                "INSTITUTION",
                [[country, possessive, *words], [*words, {"LOWER": "of"}, country]],
            )

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, list(self.match(doc)))
        return doc

    def match(self, doc: Doc) -> Iterable[tuple[Span, str, str]]:
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            phrase = " ".join(
                t.lower_
                for t in span
                if not t.ent_type_ and t.lower_ not in {"of", "'s", "’s", "'"}
            )
            if phrase not in institutions():
                continue
            if span[-1].dep_ in {"amod", "compound"} and span[-1].head.i >= span.end:
                continue  # "Iranian military commander": the phrase only describes the noun
            country_words = [t for t in span if t.ent_type_ in {"NORP", "GPE"}]
            code = _country_code(self.gazetteer, " ".join(t.text for t in country_words), phrase)
            if code is not None:
                yield span, phrase, code

    @staticmethod
    def set_annotations(doc: Doc, found: list[tuple[Span, str, str]]) -> None:
        _set_ents(doc, [Span(doc, s.start, s.end, "ORG") for s, _, _ in found])
        doc._.kg_institutions = [
            InstitutionFound(s.start_char, s.end_char, phrase, code) for s, phrase, code in found
        ]


def _country_code(gazetteer: Gazetteer, words: str, phrase: str) -> str | None:
    country = gazetteer.country(words) or gazetteer.country_of_demonym(words)
    if country is None and phrase == "government":
        country = gazetteer.country_of_capital(words)
    return country.code if country is not None else None


@Language.factory("kg_known_names", assigns=["doc.ents"], requires=["doc.ents"])
def make_known_names(nlp: Language, name: str) -> KnownNames:
    return KnownNames()


class KnownNames:
    """Names the document already named, and nationality words, wherever the NER missed them:
    "ELN" tagged once is "ELN" everywhere, "Wielgosz" after "Katarzyna Wielgosz" a person;
    "Ghanaian" is a nationality at a sentence start."""

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    @staticmethod
    def set_annotations(doc: Doc, found: list[Span]) -> None:
        _set_ents(doc, found)

    def match(self, doc: Doc) -> list[Span]:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                names.setdefault(ent[0].text, []).append((tuple(t.text for t in ent), ent.label_))
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title:
                names.setdefault(ent[-1].text, []).append(((ent[-1].text,), "PERSON"))
        found = []
        for token in doc:
            if token.i in taken:
                continue
            for words, label in names.get(token.text, ()):
                end = token.i + len(words)
                if end <= len(doc) and tuple(t.text for t in doc[token.i : end]) == words:
                    found.append(Span(doc, token.i, end, label))
                    break
            else:
                if token.is_title and self.gazetteer.country_of_demonym(token.text):
                    found.append(Span(doc, token.i, token.i + 1, "NORP"))
        return [s for s in filter_spans(found) if not taken.intersection(range(s.start, s.end))]


@Language.factory("kg_entity_types", assigns=["doc.ents"], requires=["doc.ents", "token.dep"])
def make_entity_types(nlp: Language, name: str) -> EntityTypeRules:
    return EntityTypeRules()


class EntityTypeRules:
    """Trims names and corrects their types from the words around them.

    - titles and articles are not part of a name ("General Tunde Bello", "the Border Force");
    - a name's last word ("Council", "Airport") and its context fix its kind: the X in "the
      chairman of X", in "X, a militant group" or in "the X group" is an organization;
    - a lone word that is the surname of a person named in the document is that person;
    - a capitalised common word at the start of a sentence ("Solidarity among ...") and a
      proper adjective ("Takfiri terrorism") are not names.
    """

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()
        self.titles = titles()
        self.org_nouns = {w for w, rule in entity_heads().items() if rule.kind == "Organization"}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, *self.match(doc))
        return doc

    @staticmethod
    def set_annotations(doc: Doc, keep: list[Span], drop: list[Span]) -> None:
        _set_ents(doc, keep, drop=drop)

    def match(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        keep: list[Span] = []
        drop: list[Span] = []
        lowercase_words = {t.text for t in doc if t.is_lower}
        surnames = self._surnames(doc)
        people = people_by_context(doc, doc.ents)
        for ent in doc.ents:
            if ent.label_ not in NAME_LABELS | {"NORP"}:
                continue
            span = self._trim(ent)
            if (
                span is None
                or self._is_common_word(span, lowercase_words)
                or self._is_adjective(span)
            ):
                drop.append(ent)
                continue
            label = self._label(span, surnames, people)
            if label == "PERSON":
                span = self._with_given_name(span)
            keep.append(Span(doc, span.start, span.end, label))
            if (span.start, span.end) != (ent.start, ent.end):
                drop.append(ent)
        return keep, drop

    def _trim(self, ent: Span) -> Span | None:
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end:
            if doc[start].lower_ in {"the", "a", "an"}:
                start += 1
            elif ent.label_ == "PERSON" and (n := self._title_length(doc, start, end)):
                start += n
            else:
                break
        while end > start and (
            doc[end - 1].text in {"'s", "’s", "'", "’"} or doc[end - 1].lower_ in DANGLING_WORDS
        ):
            end -= 1  # "the African Department of | the IMF": the parser split one name
        n = self._title_length(doc, start, end) if ent.label_ == "ORG" else 0
        if n and doc[start + n].lower_ == "of":  # "Inspector-General of the NPS": the NPS
            start += n + 1 + (doc[start + n + 1].lower_ == "the")
        return Span(doc, start, end, ent.label_) if end > start else None

    def _with_given_name(self, span: Span) -> Span:
        """A capitalised name word the model left out before a person's name: "Hany | Shokry,
        deputy director" (not a title, a rank, or another entity)."""
        doc, start = span.doc, span.start
        before = doc[start - 1] if start > 0 else None
        if (
            before is None
            or before.pos_ != "PROPN"
            or not before.is_title
            or before.ent_type_
            or before.lower_.rstrip(".") in self.titles
            or (start > 1 and doc[start - 2].pos_ == "PROPN")  # part of another name
        ):
            return span
        return doc[start - 1 : span.end]

    def _title_length(self, doc: Doc, start: int, end: int) -> int:
        """How many tokens at ``start`` spell a title ("Crown Prince", "Lt.", "General")."""
        for n in (3, 2, 1):
            span = doc[start : min(start + n, end)]
            spaced = " ".join(t.lower_.rstrip(".") for t in span)  # "Lt. Gen." -> "lt gen"
            if start + n < end and (spaced in self.titles or span.text.lower() in self.titles):
                return n  # span.text keeps "Inspector-General" whole
        return 0

    @staticmethod
    def _is_common_word(span: Span, lowercase_words: set[str]) -> bool:
        token = span[0]
        return (
            len(span) == 1 and bool(token.is_sent_start) and token.text.lower() in lowercase_words
        )

    def _is_adjective(self, span: Span) -> bool:
        """A single capitalised word used as a modifier of a common noun: "Takfiri terrorism"."""
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
        )

    def _label(self, span: Span, surnames: set[str], people: set[str]) -> str:
        if self.gazetteer.country_of_demonym(span.text) is not None:
            return "NORP"
        if self.gazetteer.country(span.text) or self.gazetteer.city(span.text):
            return "GPE"
        if fold(span.text) in known_organizations():
            return "ORG"
        if span.label_ != "PERSON" and (
            _surname_key(span.text) in surnames
            or fold(span.text) in people
            or (len(span) > 2 and name_ends(span.text) in people)
        ):
            return "PERSON"
        by_head = _kind_by_head(span)
        if by_head is not None:
            return by_head
        if span.label_ == "ORG" and self._named_after_a_title(span):
            return "PERSON"
        if span.label_ in {"PERSON", "GPE", "NORP"} and self._named_as_organization(span):
            return "ORG"
        if span.label_ in {"PERSON", "ORG"} and self._named_as_place(span):
            return "GPE"
        return span.label_

    def _named_after_a_title(self, span: Span) -> bool:
        """A name of two or three words in apposition to a post: "the bloc's foreign policy
        chief, Kaja Lind, said" (the model took the name for an organization)."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].text != "," or not 2 <= len(span) <= 3:
            return False
        title = self.titles.get(doc[span.start - 2].lower_)
        return title is not None and title.post and all(t.is_title for t in span)

    def _named_as_place(self, span: Span) -> bool:
        """Context that only a place fits: "the town of X", "X province", a list with places
        ("Catamarca, Jujuy and Salta"), and "in X" or "near X" for a supposed person or a
        one-word organization with no article ("officials in Lamu"; not "in the Senate")."""
        doc, root = span.doc, span.root
        if span.text.isupper():
            return False
        before = doc[span.start - 2 : span.start]
        if (
            len(before) == 2
            and before[1].lower_ == "of"
            and before[0].lemma_ in place_words("place_noun")
        ):
            return True
        if (
            root.head.i >= span.end
            and root.head.lemma_ in place_words("place_noun")
            and root.dep_ in {"compound", "conj"}
        ):
            return True
        if any(c.ent_type_ in PLACE_LABELS for c in root.conjuncts):
            return True
        located = root.dep_ == "pobj" and root.head.lower_ in place_words("locative")
        bare_word = len(span) == 1 and span.start > 0 and doc[span.start - 1].i == root.head.i
        return located and (span.label_ == "PERSON" or bare_word)

    def _named_as_organization(self, span: Span) -> bool:
        """Context that only an organization fits: "head of X", "X, the ... group", "X forces"."""
        doc, root = span.doc, span.root
        of = _skip_determiners(doc, span.start - 1)
        title = self.titles.get(doc[of - 1].lower_) if of >= 1 and doc[of].lower_ == "of" else None
        if title is not None and title.post:
            return True
        previous = doc[span.start - 1] if span.start >= 1 else None
        if previous is not None and previous.is_lower and previous.text in self.org_nouns:
            return True  # "the militant group al-Shabaab"
        appositions = [c for c in root.children if c.dep_ == "appos"]
        if any(c.lower_ in self.org_nouns for c in appositions):
            return True
        modifies = root.dep_ in {"compound", "amod", "nmod"} and root.head.i >= span.end
        return modifies and root.head.lower_ in self.org_nouns

    @staticmethod
    def _surnames(doc: Doc) -> set[str]:
        return {
            _surname_key(ent[-1].text)
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) > 1
        }


def _skip_determiners(doc: Doc, i: int) -> int:
    """The index left of "the" and of a possessive place ("of the X", "of Iraq's X")."""
    if i >= 1 and doc[i].text in {"'s", "’s"}:
        i -= 1
        while i >= 0 and doc[i].ent_type_ in PLACE_LABELS:
            i -= 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i


def _surname_key(name: str) -> str:
    """A surname without its particle: "al-Hashimi" and "Hashimi" give the same key."""
    return strip_particles(fold(name))
