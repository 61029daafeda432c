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
from kg.knowledge.gazetteer import Gazetteer, fold, load_gazetteer
from kg.knowledge.given_names import given_names
from kg.knowledge.lexicon import (
    HeadRule,
    entity_heads,
    function_words,
    institutions,
    leading_heads,
    name_particles,
    place_words,
    titles,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"PERSON", "ORG"}) | PLACE_LABELS
ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
CAPITALS = re.compile(r"[A-Z&](?:[a-z]?[A-Z&])+s?")
"""An acronym's letters: capitals, with a small letter for a joiner between ("BoG", "DoD")."""
FUNCTION_WORDS = function_words("joiner") | function_words("joiner_abroad")
"""Words inside a name that its initials skip ("Ministry of the Interior", "Médecins du Monde")."""
MAX_PAREN_TOKENS = 8
DANGLING_WORDS = function_words("dangling")
"""Words no name ends with, though the small model sometimes ends one on them."""
ARTICLES = function_words("article")
NAME_JOINERS = function_words("name_joiner")
HYPHEN_PREFIXES = function_words("hyphen_prefix") | function_words("combining_form")
"""Words before a hyphen that make an adjective of a name ("Anti-Putin", "Sino-Indian")."""
NOT_IN_NAMES = ARTICLES | FUNCTION_WORDS
"""Words that join two capitalised words inside a name ("Energy and Mines Commission")."""
POSSESSIVES = function_words("possessive")
LEADING_PARTICLES = function_words("head_particle")
"""Words after which a name of a language that puts its head first goes on with a head
("Octava División | del | Ejército Nacional")."""
APOSTROPHES = function_words("apostrophe")

if not Doc.has_extension("kg_aliases"):
    Doc.set_extension("kg_aliases", default=None)
if not Doc.has_extension("kg_institutions"):
    Doc.set_extension("kg_institutions", default=None)


def set_ents(doc: Doc, spans: Iterable[Span], *, drop: Iterable[Span] = ()) -> None:
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
    joined = "".join(c for c in letters if not c.islower())  # "BoG" ~ "Bank of Ghana"
    return _initials(tokens).upper() in {short.upper(), letters.upper(), joined}


@Language.factory("kg_acronyms", assigns=["doc.ents", "doc._.kg_aliases"], requires=["doc.ents"])
def make_acronyms(nlp: Language, name: str) -> AcronymDefinitions:
    return AcronymDefinitions()


class AcronymDefinitions:
    """Reads "LONG NAME (ABBR)" and "Name (Other Name)": both become entities and aliases; and
    "Name (ABBR)" after a person: the acronym of the person's party or body."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, list(self.match(doc)), list(self.affiliations(doc)))
        return doc

    def affiliations(self, doc: Doc) -> Iterable[Span]:
        """An acronym in parentheses right after a person, which no words before it spell: the
        person's party or body ("Eduardo Leite (PSDB)", "Lula (PT)")."""
        for open_paren, inner in self._parentheses(doc):
            before = next((e for e in doc.ents if e.end == open_paren.i), None)
            if (
                before is not None
                and before.label_ == "PERSON"
                and len(inner) == 1
                and ACRONYM.match(inner.text)
                and inner.text.isupper()
                and not inner.ents
                and self._expansion(doc, open_paren.i, inner.text, before) is None
            ):
                yield Span(doc, inner.start, inner.end, "ORG")

    def match(self, doc: Doc) -> Iterable[tuple[Span, Span]]:
        for open_paren, inner in self._parentheses(doc):
            pair = self._definition(doc, open_paren.i, inner)
            if pair is not None:
                yield pair

    @staticmethod
    def _parentheses(doc: Doc) -> Iterable[tuple[Token, Span]]:
        """Each opening parenthesis and the few tokens up to its closing one."""
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
            if close is not None and close > open_paren.i + 1:
                yield open_paren, doc[open_paren.i + 1 : close]

    def _definition(self, doc: Doc, paren: int, inner: Span) -> tuple[Span, Span] | None:
        before = next((e for e in doc.ents if e.end == paren), None)
        if len(inner) == 1 and ACRONYM.match(inner.text) and CAPITALS.fullmatch(inner.text):
            long = self._expansion(doc, paren, inner.text, before)
            if long is None:
                return None
            # a facility's acronym is a place's only when its name ends on a place's word
            named = before.label_ if before is not None else "PERSON"
            label = kind_by_head(long) or (named if named not in {"PERSON", "FAC"} else "ORG")
            return Span(doc, long.start, long.end, label), Span(doc, inner.start, inner.end, label)
        if before is not None and _is_short_name(inner, before):
            return Span(doc, before.start, before.end, "ORG"), Span(
                doc, inner.start, inner.end, "ORG"
            )
        if before is not None and before.label_ != "PERSON" and self._is_name(inner):
            label = kind_by_head(inner) or kind_by_head(before) or before.label_
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
        if before is not None and before.label_ == "PERSON":
            return None  # "Ana Leite (PSDB)": the person's party, not the person's acronym
        name = _title_case_run(doc, paren)
        return name if name is not None and len(name) >= 2 else None

    @staticmethod
    def _is_name(span: Span) -> bool:
        words = [t for t in span if t.is_alpha]
        return len(words) >= 2 and all(
            t.text[0].isupper() or t.lower_ in FUNCTION_WORDS for t in words
        )

    @staticmethod
    def set_annotations(
        doc: Doc, pairs: list[tuple[Span, Span]], affiliations: Iterable[Span] = ()
    ) -> None:
        set_ents(doc, [*(span for pair in pairs for span in pair), *affiliations])
        doc._.kg_aliases = [
            AliasFound((lng.start_char, lng.end_char), (sht.start_char, sht.end_char))
            for lng, sht in pairs
        ]


def _is_short_name(inner: Span, before: Span) -> bool:
    """One capitalised word in parentheses after an organization's name that ends on its
    head word: the short name it goes by ("National Regeneration Movement (Morena)")."""
    return (
        len(inner) == 1
        and inner[0].is_title
        and inner[0].is_alpha
        and before.label_ == "ORG"
        and kind_by_head(before) == "ORG"
    )


def _title_case_run(doc: Doc, end: int) -> Span | None:
    """The capitalised words (and inner "of", "for", "the") that end right before ``end``."""
    begin = end
    while begin > doc[end].sent.start and (
        doc[begin - 1].text[:1].isupper() or doc[begin - 1].lower_ in function_words("run_joiner")
    ):
        begin -= 1
    while begin < end and not doc[begin].text[:1].isupper():
        begin += 1
    return doc[begin:end] if begin < end else None


def kind_by_head(span: Span) -> str | None:
    """NER label implied by a name's last word (or last two), by the word before its first
    "of", or by a first word that heads a name in its language ("... Council" -> ORG,
    "Communist Party of X" -> ORG, "... Airport", "... Hydropower Project" -> FAC, "Partido
    X", "Octava División del Ejército X" -> ORG, "Mount X" -> FAC, "the Clean Water Act" ->
    LAW and "the X Peace Prize" -> WORK_OF_ART, not organizations)."""
    heads = entity_heads()
    head = span[-1]
    rule = heads.get(head.lower_)
    if len(span) > 1 and span[-2].is_title:
        rule = heads.get(f"{span[-2].lower_} {head.lower_}", rule)
    of = next((t.i for t in span[1:] if t.lower_ == "of"), None)
    if rule is None and of is not None:
        head = span.doc[of - 1]
        rule = heads.get(head.lower_)
    if rule is None:
        rule = _leading_head(span)
    if rule is None or (rule.kind in {"Law", "Award"} and (len(span) == 1 or not head.is_title)):
        return None
    return {"Organization": "ORG", "Place": "FAC", "Law": "LAW", "Award": "WORK_OF_ART"}[rule.kind]


def _leading_head(span: Span) -> HeadRule | None:
    """The rule of a head word that begins a name, or its part after a particle ("del"), and
    a capitalised word follows: "Ejército Nacional", "Mount Kenya"."""
    heads = leading_heads()
    starts = [span.start] + [t.i + 1 for t in span[1:-1] if t.lower_ in LEADING_PARTICLES]
    for i in starts:
        word, after = span.doc[i], span.doc[i + 1] if i + 1 < span.end else None
        rule = heads.get(fold(word.text).rstrip("."))
        if rule is not None and word.is_title and after is not None and after.is_title:
            return rule
    return None


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
        possessive = {"ORTH": {"IN": sorted(POSSESSIVES | APOSTROPHES)}, "OP": "?"}
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
        yield from self._named(doc)
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            phrase = " ".join(
                t.lower_
                for t in span
                if not t.ent_type_ and t.lower_ not in {"of", *POSSESSIVES, *APOSTROPHES}
            )
            if phrase not in institutions():
                continue
            if span[-1].dep_ in {"amod", "compound"} and span[-1].head.i >= span.end:
                continue  # "Iranian military commander": the phrase only describes the noun
            country_words = [t.text for t in span if t.ent_type_ in {"NORP", "GPE"}]
            code = _country_code(self.gazetteer, " ".join(country_words), phrase)
            if code is not None:
                yield span[1:] if span[0].lower_ in ARTICLES else span, phrase, code

    def _named(self, doc: Doc) -> Iterable[tuple[Span, str, str]]:
        """Organizations the model named with their country's word: "the Kenyan Parliament",
        "South African Police Service" when the rest is an institution's phrase."""
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            start = ent.start + (ent[0].lower_ in ARTICLES)
            for split in range(start + 1, min(start + 3, ent.end)):
                phrase = doc[split : ent.end].text.lower()
                if phrase not in institutions():
                    continue
                code = _country_code(self.gazetteer, doc[start:split].text, phrase)
                if code is not None:
                    yield doc[start : ent.end], phrase, code
                    break

    @staticmethod
    def set_annotations(doc: Doc, found: list[tuple[Span, str, str]]) -> None:
        set_ents(doc, [Span(doc, s.start, s.end, "ORG") for s, _, _ in found])
        doc._.kg_institutions = [
            InstitutionFound(s.start_char, s.end_char, phrase, code) for s, phrase, code in found
        ]


def _country_code(gazetteer: Gazetteer, words: str, phrase: str) -> str | None:
    """The country of the words before an institution's phrase, which the model's name for
    the country may run over: "The Democratic Republic of Congo 's", "Morocco's"."""
    first, _, rest = words.partition(" ")
    if first.lower() in ARTICLES and rest:
        words = rest
    for possessive in (*POSSESSIVES, *APOSTROPHES):
        words = words.removesuffix(possessive).rstrip()
    country = gazetteer.country(words) or gazetteer.country_of_demonym(words)
    if country is None and institutions()[phrase].national:  # "the Baghdad government"
        country = gazetteer.country_of_capital(words)
    return country.code if country is not None else None


@Language.factory("kg_known_names", assigns=["doc.ents"], requires=["doc.ents"])
def make_known_names(nlp: Language, name: str) -> KnownNames:
    return KnownNames()


class KnownNames:
    """Names the document already named, and nationality words, wherever the NER missed them:
    "ELN" tagged once is "ELN" everywhere, "Wielgosz" after "Katarzyna Wielgosz" a person, and
    "Lula" after "Luiz Inacio Lula da Silva"; "Ghanaian" is a nationality at a sentence start;
    and capitalised names that end on an organization's or a place's head word ("Transport
    Workers' Union", "Euphrates River")."""

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    @staticmethod
    def set_annotations(doc: Doc, found: list[Span]) -> None:
        set_ents(doc, found)

    def match(self, doc: Doc) -> list[Span]:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                names.setdefault(ent[0].text, []).append((tuple(t.text for t in ent), ent.label_))
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title:
                names.setdefault(ent[-1].text, []).append(((ent[-1].text,), "PERSON"))
            if ent.label_ == "PERSON" and len(ent) > 2:  # "Lula" of "Luiz Inacio Lula da Silva"
                for word in ent[1:-1]:  # not the initial "K" of "D K Shivakumar"
                    if word.is_title and len(word) > 1 and word.lower_ not in name_particles():
                        names.setdefault(word.text, []).append(((word.text,), "PERSON"))
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
        found.extend(_headed_names(doc, taken))
        found.extend(self._gazetteer_places(doc, taken))
        found = [s for s in filter_spans(found) if not taken.intersection(range(s.start, s.end))]
        found += _owned_names(doc, names)
        return found + list(_hyphenated_names(doc, [*doc.ents, *found]))

    def _gazetteer_places(self, doc: Doc, taken: set[int]) -> Iterable[Span]:
        """Countries, states and cities of the gazetteer the model missed ("Bihar Chief
        Minister X", "Y of Rajasthan"): capitalised words that spell the whole name, in no
        longer run of capitalised words but a title after them; a name that is also a given
        name ("Victoria") only after a locative ("in Victoria")."""
        gazetteer = self.gazetteer
        for start in range(len(doc)):
            for end in range(min(start + 3, len(doc)), start, -1):
                words = doc[start:end]
                if taken.intersection(range(start, end)) or not all(t.is_title for t in words):
                    continue
                name = words.text
                if not (
                    gazetteer.country(name)
                    or gazetteer.city(name)
                    or gazetteer.subdivisions_named(name)
                ):
                    continue
                if _in_a_longer_name(doc, start, end, taken):
                    break
                before = doc[start - 1].lower_ if start > 0 else ""
                if fold(name) in given_names() and before not in place_words("locative"):
                    break
                yield Span(doc, start, end, "GPE")
                break


def _in_a_longer_name(doc: Doc, start: int, end: int, taken: set[int]) -> bool:
    """Whether capitalised words outside any entity go on before ``start`` (inside a
    sentence) or after ``end`` (unless they begin a title: "Bihar | Chief Minister")."""
    before = doc[start - 1] if start > 0 else None
    inside = before is not None and not _starts_a_sentence(doc[start]) and before.i not in taken
    if inside and before is not None and (before.is_title or (before.is_upper and before.is_alpha)):
        return True
    after = doc[end] if end < len(doc) else None
    if after is None or after.i in taken or not (after.is_title or after.is_upper):
        return False
    return not (after.lower_ in titles() or _starts_a_title(doc, end))


def _owned_names(doc: Doc, names: dict[str, list[tuple[tuple[str, ...], str]]]) -> list[Span]:
    """An organization's name the model ran on over its owner's possessive, where the
    document names the owner on its own: "the BoG's Research Department" after "BoG" is the
    BoG and its "Research Department" ("McDonald's Corp" stays whole)."""
    found = []
    for ent in doc.ents:
        split = next((t.i for t in ent if t.text in POSSESSIVES), None)
        if ent.label_ != "ORG" or split is None or split + 1 >= ent.end:
            continue
        start = ent.start + (ent[0].lower_ in ARTICLES)
        owner = tuple(t.text for t in doc[start:split])
        if owner and (owner, "ORG") in names.get(owner[0], ()) and doc[split + 1].is_title:
            found += [Span(doc, start, split, "ORG"), Span(doc, split + 1, ent.end, "ORG")]
    return found


def _hyphenated_names(doc: Doc, names: list[Span]) -> Iterable[Span]:
    """A person's name the model cut at a hyphen: "Waker-Uz-Zaman" where it saw "Zaman"; the
    capitalised parts joined to it by hyphens, with no space between, belong to it."""
    for ent in names:
        start = ent.start
        if ent.label_ != "PERSON":
            continue
        while (
            start > 1
            and doc[start - 1].text == "-"
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].is_title
            and doc[start - 2].is_alpha
            and not doc[start - 2].ent_type_
            and doc[start - 2].lower_ not in HYPHEN_PREFIXES
        ):
            start -= 2
        if start < ent.start:
            yield Span(doc, start, ent.end, "PERSON")


def _starts_a_sentence(token: Token) -> bool:
    """Whether a token begins its sentence (the first of a Doc with no sentences set does)."""
    return token.i == 0 or token.is_sent_start is True


def _starts_a_title(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` begins a title with the next one ("Cabinet Secretary")."""
    return i + 1 < len(doc) and f"{doc[i].lower_} {doc[i + 1].lower_}" in titles()


def _after_a_title(doc: Doc, i: int) -> bool:
    """Whether capitalised words right before ``i`` spell a title ("Prime Minister | 's")."""
    for n in (3, 2, 1):
        words = doc[max(0, i - n) : i]
        if len(words) == n and all(t.is_title for t in words):
            spaced = " ".join(t.lower_.rstrip(".") for t in words)
            if spaced in titles():
                return True
    return False


def _headed_names(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Runs of capitalised words, outside any entity, that end on a capitalised head word of
    an organization or a place: the words before the head make it a name."""
    for head in doc:
        if head.i in taken or not head.is_title or _starts_a_sentence(head):
            continue
        span = doc[head.i : head.i + 1]
        label = kind_by_head(span)
        if label not in {"ORG", "FAC"} or _starts_a_title(doc, head.i):
            continue
        start = head.i
        while not _starts_a_sentence(doc[start]) and start - 1 not in taken:
            word = doc[start - 1]
            if word.lower_ in NAME_JOINERS and not _starts_a_sentence(word):
                if not doc[start - 2].is_title:
                    break
            elif word.text in POSSESSIVES and _after_a_title(doc, word.i):
                pass  # "the Prime Minister's Office"
            elif not (word.is_title or word.text in APOSTROPHES) or word.lower_ in NOT_IN_NAMES:
                break
            start -= 1
        while start < head.i and not doc[start].is_title:
            start += 1
        after_a_joiner = start > 0 and doc[start - 1].lower_ in NAME_JOINERS
        if start < head.i and doc[start].pos_ in {"PROPN", "NOUN", "ADJ"} and not after_a_joiner:
            yield Span(doc, start, head.i + 1, label)
