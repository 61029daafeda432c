"""Relation rules: what the relation patterns found, and what names say, -> relation records.

The patterns (``kg/extract/patterns/relations.jsonl``, run by ``kg_relations``) state one
relation each, named as in ``kg.records.Relation``; here each is checked (every role of the
kind the relation needs) and completed: a post told with a nationality word ("Iraqi minister")
also gives the holder's nationality, and the owner of the organization ("the head of Iraq's
X": X is in Iraq).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.components.findings import DescriptionFound, RelationFound, Role
from kg.extract.legislators import legislator_posts
from kg.extract.story import (
    listed_after,
    story_company,
    story_country,
    story_court,
    story_region,
)
from kg.knowledge.gazetteer import Country, fold
from kg.knowledge.legislatures import country_cues, legislator_titles
from kg.knowledge.lexicon import (
    Title,
    function_words,
    institutions,
    place_words,
    titles,
)
from kg.records import Key, Kind, Mention, Relation, RelationMention

if TYPE_CHECKING:
    from kg.extract.conversion import DocReader

BETWEEN_ROLES: dict[Relation, tuple[tuple[str, Kind], tuple[str, Kind]]] = {
    Relation.SUB_ORGANIZATION_OF: (("sub", Kind.ORGANIZATION), ("parent", Kind.ORGANIZATION)),
    Relation.MEMBER_OF: (("person", Kind.PERSON), ("org", Kind.ORGANIZATION)),
    Relation.LOCATION: (("org", Kind.ORGANIZATION), ("place", Kind.PLACE)),
    Relation.NATIONALITY: (("person", Kind.PERSON), ("country", Kind.PLACE)),
}
"""The relations of the patterns that are one fact between two roles of the kinds given; the
others (``holds``, ``containedInPlace``) have rules of their own below."""
"""The initials the NER may leave out of a name in a list ("Justices A, J B Pardiwala")."""
BEFORE_INSTITUTION = function_words("before_institution")
POSSESSIVES = sorted(function_words("possessive"))
APOSTROPHES = sorted(function_words("apostrophe"))
PORTFOLIO_HEADS = function_words("portfolio_head")
PLACE_NOUNS = place_words("place_noun")
DIVISIONS = place_words("division")
COMPANY_TITLES = function_words("company_title")
COURT_TITLES = function_words("court_title")
COMPANY_TITLE_FIRST = function_words("company_title_first")
COMPANY_TITLE_LAST = function_words("company_title_last")
ORG_NOUNS = function_words("org_noun")
SPEAKING_TITLES = function_words("speaking_title")
PANEL_HEADS = function_words("panel_head")
CHAMBERS = function_words("chamber") | function_words("upper_chamber")
UPPER_CHAMBERS = function_words("upper_chamber")
MISSIONS_ABROAD = function_words("mission_abroad")
COMPANY_NOUNS = function_words("company_noun")
ENVOY_TITLES = function_words("envoy_title")
REGIONAL_TITLES = function_words("regional_title")
NOT_REGIONAL = function_words("not_regional")
MEMBERSHIP_TITLES = function_words("membership_title")
AIDE_PHRASES = tuple(  # "his deputy", "her number two": word tuples, matched at a title's left
    (owner, *noun.split())
    for owner in ("his", "her", "their")
    for noun in function_words("aide_noun")
)


class RelationRules:
    """Adds one document's relations to its ``DocReader``."""

    def __init__(self, reader: DocReader) -> None:
        self.reader = reader
        self.holder_of: dict[tuple[int, int], int] = {}
        """A title or organization named just before a person who holds it -> that person."""
        self.unplaced: list[tuple[int, Role, str]] = []
        """State titles read with no country ("Prime Minister X"): person, title, label."""
        self.placed: set[tuple[int, int]] = set()
        """The titles a pattern read with their organization or country."""
        self.unplaced_in_company: list[tuple[int, Role, str]] = []
        """Company titles read with no company ("Chairman X said"): person, title, label."""
        self.unplaced_in_court: list[tuple[int, Role, str]] = []
        """Judges read with no court ("Chief Justice X"): person, title, label."""
        self.unplaced_in_region: list[tuple[int, str]] = []
        """Titles of a state or province read with no place ("state governor X"): person,
        label."""
        self.unplaced_in_institution: list[tuple[int, Role, str, tuple[int, int]]] = []
        """Titles in a country's institution that name no country ("police spokesman X",
        "army chief X"): person, title, label, where the institution is written."""
        self.country: Country | None = None
        """The story's country, once ``add_all`` has read it."""
        self.titled_first: set[int] = set()
        """Where the people start that a pattern read after their title ("the president of
        X, Y"): in a list of such, a title after one of them is the next one's."""
        self.counterparts: list[RelationFound] = []
        """ "his Chinese counterpart, Y": Y holds the post of the one he is, in China."""

    def add_all(self, found: list[RelationFound]) -> None:
        """Every pattern match; then the state posts that name no country go to the country
        of the post they are listed with ("Germany's Foreign Minister X and Defence Minister
        Y"), else to the story's country, unless the holder's country is stated; then "his
        Chinese counterpart" gets the post of the one he is the counterpart of."""
        self.titled_first = {
            p.start
            for one in found
            if one.relation is Relation.HOLDS_POST
            and (p := one.role("person")) is not None
            and (t := one.role("title")) is not None
            and t.start < p.start
        }
        for one in _without_appointers(found):
            self.add(one)
        self._panels_of_named_bodies()
        self.unplaced = [u for u in self.unplaced if not self._listed_with_a_post(*u)]
        document = self.reader.document
        cues = country_cues(document.text, document.dateline_place)
        country = story_country(self.reader.mentions, self.reader.gazetteer, cues)
        self.country = country
        if country is not None:
            self._place_in_institutions(country)
            self._place_in(country)
            self._houses_of_parliament(country)
            for person, house, post in legislator_posts(self.reader, country):
                self.relate(person, Relation.HOLDS_POST, house, post)
        else:
            self._place_in_the_sentences_country()
        for one in self.counterparts:
            self._add_counterpart(one)
        company = story_company(self.reader.mentions) if self.unplaced_in_company else None
        for person, title, label in self.unplaced_in_company:
            owned = (title.start, title.end) in self.placed or self._owned(title)
            if company is not None and not owned:
                self.relate(person, Relation.HOLDS_POST, company, label)
        region = story_region(self.reader.mentions) if self.unplaced_in_region else None
        if region is not None:
            for person, label in self.unplaced_in_region:
                self.relate(person, Relation.HOLDS_POST, region, label)
        court = story_court(self.reader.mentions) if self.unplaced_in_court else None
        if court is not None:
            for person, _, label in self.unplaced_in_court:
                listed = listed_after(self.reader.mentions, self.reader.document.text, person)
                for judge in (person, *listed):
                    self.relate(judge, Relation.HOLDS_POST, court, label.removesuffix("s"))

    def _panels_of_named_bodies(self) -> None:
        """ "the Senate Armed Services Committee" where the document names the Senate: a
        committee whose name begins with the name of another organization it mentions is
        part of that one."""
        mentions = self.reader.mentions
        by_name = {
            fold(m.text): i
            for i, m in enumerate(mentions)
            if m.kind is Kind.ORGANIZATION and m.naming
        }
        for i, m in enumerate(list(mentions)):
            words = m.text.split()
            if m.kind is not Kind.ORGANIZATION or len(words) < 3:
                continue
            if words[-1].lower() not in PANEL_HEADS:
                continue
            for n in range(len(words) - 2, 0, -1):
                parent = by_name.get(fold(" ".join(words[:n])))
                if parent is not None and parent != i:
                    self.relate(i, Relation.SUB_ORGANIZATION_OF, parent)
                    break

    def _houses_of_parliament(self, country: Country) -> None:
        """ "the National Assembly" and "the Senate" of a story whose country's parliament it
        names are its two houses, where an upper house shows there are two (alone, the
        National Assembly may be all of it)."""
        mentions = self.reader.mentions
        key = str(Key.for_institution("parliament", country.code))
        parliament = next((i for i, m in enumerate(mentions) if m.key == key), None)
        houses = [
            i
            for i, m in enumerate(mentions)
            if m.kind is Kind.ORGANIZATION
            and m.naming
            and _chamber(m) in CHAMBERS
            and (m.key is None or Key.parse(m.key).country == country.code)
        ]
        if parliament is None or not any(_chamber(mentions[i]) in UPPER_CHAMBERS for i in houses):
            return
        for i in houses:
            self.relate(i, Relation.SUB_ORGANIZATION_OF, parliament)

    def _place_in(self, country: Country) -> None:
        placed = self._people_with_a_country()
        abroad = {  # "X met his Chinese counterpart": X is not Chinese
            self.reader.span(c.start, c.end).sentence
            for found in self.counterparts
            if (c := found.role("country")) is not None and self.reader.country(c.text) == country
        }
        for person, title, label in self.unplaced:
            if (title.start, title.end) in self.placed:
                continue  # "German Chancellor X": read with it
            if self._owned(title):  # "Congress president X"
                if (org := self._owner_named_elsewhere(title)) is not None:
                    self.relate(person, Relation.HOLDS_POST, org, label)
                continue
            if self.reader.mentions[person].span.sentence in abroad or self._aide(title):
                continue
            if _surname(self.reader.mentions[person].text) not in placed:
                place = self.reader.country_reference(title.start, title.end, country)
                self.relate(person, Relation.HOLDS_POST, place, label)

    def _place_in_the_sentences_country(self) -> None:
        """ "Prime Minister X said Israel was ready" in a story about two countries: a state
        title with no country is a post of the one country its sentence names (by a country's
        or a known city's name), leaving out those another person of the sentence holds a
        post in ("Somali President Y"); not where one meets a counterpart."""
        reader = self.reader
        placed = self._people_with_a_country()
        abroad = {  # "X met his Japanese counterpart in Lima": the place is neither's
            reader.span(c.start, c.end).sentence
            for found in self.counterparts
            if (c := found.role("country")) is not None
        }
        for person, title, label in self.unplaced:
            if (title.start, title.end) in self.placed or self._owned(title) or self._aide(title):
                continue
            if _surname(reader.mentions[person].text) in placed:
                continue
            sentence = reader.mentions[person].span.sentence
            if sentence in abroad:
                continue
            named = {
                Key.parse(m.key).country
                for m in reader.mentions
                if m.naming
                and m.key
                and m.span.sentence == sentence
                and (Key.parse(m.key).is_country or Key.parse(m.key).is_city)
            }
            named -= {
                Key.parse(key).country
                for r in reader.relations
                if r.relation is Relation.HOLDS_POST
                and r.subject != person
                and reader.mentions[r.subject].span.sentence == sentence
                and (key := reader.mentions[r.object].key) is not None
                and Key.parse(key).is_country
            }
            country = reader.gazetteer.countries.get(named.pop()) if len(named) == 1 else None
            if country is not None:
                place = reader.country_reference(title.start, title.end, country)
                self.relate(person, Relation.HOLDS_POST, place, label)

    def _aide(self, title: Role) -> bool:
        """ "X called off his trip, and his deputy, Defence Minister Y, came": Y holds a post
        in the state of the one whose deputy he is, who need not be of the story's country."""
        before = self.reader.document.text[max(0, title.start - 60) : title.start]
        words = before.replace(",", " ").split()
        while words and words[-1][:1].isupper():
            words.pop()  # the portfolio: "Defence"
        words = [w.lower() for w in words]
        return any(tuple(words[-len(phrase) :]) == phrase for phrase in AIDE_PHRASES)

    def _place_in_institutions(self, country: Country) -> None:
        """ "police spokesman X" in a story about Somalia: a post in Somalia's police."""
        reader = self.reader
        for person, title, label, (start, end) in self.unplaced_in_institution:
            phrase = " ".join(reader.document.text[start:end].lower().split())
            if phrase not in institutions():
                continue
            index = self._institution_mention(start, end, phrase, country, title)
            self.relate(person, Relation.HOLDS_POST, index, label)

    def _institution_mention(
        self, start: int, end: int, phrase: str, country: Country, near: Role | None
    ) -> int:
        """The mention of the country's institution written at start:end, based in the
        country where a word ``near`` it implies that (a non-naming mention there)."""
        reader = self.reader
        index = reader.index_of.get((start, end))
        if index is None:
            known = institutions()[phrase]
            key = str(Key.for_institution(known.name, country.code))
            text, span = reader.document.text[start:end], reader.span(start, end)
            index = reader.add(Mention(text, Kind.ORGANIZATION, span, known.fine_type, key=key))
            if near is not None:
                place = reader.country_reference(near.start, near.end, country)
                self.relate(index, Relation.LOCATION, place)
        return index

    def story_institution(self, start: int, end: int) -> int | None:
        """ "police said", "the military said" in a story about one country: that country's
        institution speaks (the phrase alone, as written, names a naming institution)."""
        text = self.reader.document.text[start:end]
        known = institutions().get(" ".join(text.lower().split()))
        if self.country is None or known is None or not known.naming:
            return None
        return self._institution_mention(start, end, text.lower(), self.country, None)

    def _add_counterpart(self, found: RelationFound) -> None:
        """Y holds, in Y's country, the state post another person of the sentence holds."""
        person = self.ref(found.role("person"), Kind.PERSON)
        country_role = found.role("country")
        place = self.ref(country_role, Kind.PLACE)
        if person is None or place is None or not self.reader.is_country(place):
            return
        sentence = self.reader.mentions[person].span.sentence
        mentions = self.reader.mentions
        held = [
            (r.subject, r.title)
            for r in self.reader.relations
            if r.relation is Relation.HOLDS_POST
            and self.reader.is_country(r.object)
            and mentions[r.object].key != mentions[place].key
        ]
        held += [(holder, label) for holder, _, label in self.unplaced]
        for holder, label in held:
            entry = title_entry(label) if label is not None else None
            same_sentence = mentions[holder].span.sentence == sentence
            if holder != person and same_sentence and entry is not None and entry.state:
                self.relate(person, Relation.HOLDS_POST, place, label)
                self.relate(person, Relation.NATIONALITY, place)
                return

    def _listed_with_a_post(self, person: int, title: Role, label: str) -> bool:
        """ "X's T1 A and T2 B": B's post is in A's country."""
        before = self.reader.document.text[: title.start]
        joined = before.rstrip()
        for joiner in (" and", ","):
            if joined.endswith(joiner):
                end = len(joined.removesuffix(joiner).rstrip())
                break
        else:
            return False
        mentions = self.reader.mentions
        for r in list(self.reader.relations):
            if (
                r.relation is Relation.HOLDS_POST
                and mentions[r.subject].span.end == end
                and self.reader.is_country(r.object)
                and r.title is not None
                and (entry := title_entry(r.title)) is not None
                and entry.state
            ):
                self.relate(person, Relation.HOLDS_POST, r.object, label)
                return True
        return False

    def _institution_of_title(self, title: Role) -> tuple[int, int] | None:
        """Where the institution a title names is written: right before it ("police
        spokesman", "said air force chief", "Army spokesman" at a sentence's start) or as its
        first words ("army chief", "police chief"), where no word before it narrows it
        ("regional police chief", "Kenya Police spokesman")."""
        text = self.reader.document.text
        line = text[: title.start].rsplit("\n", 1)[-1]
        words = line.split()
        for n in (2, 1):
            phrase = " ".join(words[-n:]).lower() if len(words) >= n else ""
            known = institutions().get(phrase)
            if known is not None and known.naming:
                end = len(text[: title.start].rstrip())
                return self._unnarrowed(words[:-n], (end - len(" ".join(words[-n:])), end))
        inside = title.text.split()[:-1]  # the title as written, not a pattern's post word
        phrase = " ".join(inside).lower()
        known = institutions().get(phrase)
        if (
            inside
            and known is not None
            and known.naming
            and text[title.start :].startswith(" ".join(inside))
        ):
            return self._unnarrowed(words, (title.start, title.start + len(" ".join(inside))))
        return None

    @staticmethod
    def _unnarrowed(before: list[str], span: tuple[int, int]) -> tuple[int, int] | None:
        word = before[-1] if before else ""
        if word and word.lower() not in BEFORE_INSTITUTION and word[-1].isalnum():
            return None
        return span

    def _organization_by_noun(self, title: Role) -> int | None:
        """ "The Pheu Thai Party will meet, party leader X said": a title that begins with, or
        follows, a noun an organization's name ends with (``org_noun``) is a post in the
        last organization so named in its sentence or the one before."""
        reader = self.reader
        words = title.text.lower().split()
        before = reader.document.text[: title.start].split()
        noun = words[0] if len(words) > 1 and words[0] in ORG_NOUNS else None
        if noun is None and before and before[-1].lower() in ORG_NOUNS:
            noun = before[-1].lower()
        if noun is None:
            return None
        sentence = reader.span(title.start, title.end).sentence
        named = [
            (m.span.start, i)
            for i, m in enumerate(reader.mentions)
            if m.kind is Kind.ORGANIZATION
            and m.naming
            and m.span.start < title.start
            and sentence - 1 <= m.span.sentence <= sentence
            and m.text.lower().split()[-1:] == [noun]
        ]
        return max(named)[1] if named else None

    def _regional(self, title: Role) -> bool:
        """A state's or province's title, owned by no name nor a body before it ("Governor
        X", "state governor X"; not "CBN Governor X", "central bank governor X")."""
        line = self.reader.document.text[: title.start].rsplit("\n", 1)[-1].split()
        before = line[-1].lower() if line else ""
        return (
            " ".join(title.text.lower().split()) in REGIONAL_TITLES
            and not self._named_before(title)
            and before not in NOT_REGIONAL
        )

    def _owner_named_elsewhere(self, title: Role) -> int | None:
        """ "Congress president X" where the model saw no name in "Congress": the word before
        the title is the organization the document names so elsewhere."""
        line = self.reader.document.text[: title.start].rsplit("\n", 1)[-1].split()
        if not line or not self._owned(title):
            return None
        word = fold(line[-1])
        named = [
            i
            for i, m in enumerate(self.reader.mentions)
            if m.kind is Kind.ORGANIZATION and m.naming and fold(m.text) == word
        ]
        return named[0] if named else None

    def _owned(self, title: Role) -> bool:
        """A name right before the title, on its line, owns it ("Congress president X"),
        unless it is a portfolio ("Fisheries Minister X")."""
        if title.text.lower().split()[-1] in PORTFOLIO_HEADS:
            return False
        return self._named_before(title)

    def _named_before(self, title: Role) -> bool:
        """A name, no title word, right before the title on its line: an owner, or a
        portfolio ("Bihar Chief Minister X": a state's; no chief minister has a portfolio)."""
        line = self.reader.document.text[: title.start].rsplit("\n", 1)[-1].split()
        word = line[-1] if line else ""
        return word[:1].isupper() and word.isalpha() and word.lower() not in titles()

    def _people_with_a_country(self) -> set[str]:
        """The surnames of the people the document gives a country (a post or nationality)."""
        mentions = self.reader.mentions
        return {
            _surname(mentions[r.subject].text)
            for r in self.reader.relations
            if r.relation in {Relation.HOLDS_POST, Relation.NATIONALITY}
            and mentions[r.object].kind is Kind.PLACE
        }

    def relate(self, subject: int, relation: Relation, obj: int, title: str | None = None) -> None:
        if subject != obj:
            span = self.reader.mentions[subject].span
            self.reader.relations.append(RelationMention(subject, relation, obj, span, title))

    def locate_by_name(self, org: int, name: str, start: int) -> None:
        """An organization named after its country is based there: "Ghanaian National Petroleum
        Authority", "Kenya Red Cross Society", and the institutions "the parliament of Iraq"."""
        reader = self.reader
        institution = reader.institution_of.get((start, start + len(name)))
        words = name.split()
        if " ".join(words[-2:]).lower() in MISSIONS_ABROAD or words[-1].lower() in MISSIONS_ABROAD:
            return  # "the Chinese embassy (in X)": based where it is, not at home
        positions = range(len(words)) if institution is not None else range(1)
        for at in positions:
            for n in range(len(words) - 1, 0, -1):  # "Democratic Republic of Congo's army"
                phrase = _without_possessive(" ".join(words[at : at + n]))
                country = reader.country(phrase)
                if country is not None and len(words) > n:
                    offset = start + len(" ".join(words[:at])) + (1 if at else 0)
                    named = institution is not None and reader.gazetteer.country(phrase) is not None
                    place = reader.country_reference(
                        offset, offset + len(phrase), country, naming=named
                    )
                    self.relate(org, Relation.LOCATION, place)
                    return
        for n in (2, 1):  # "Department of Standards Malaysia", "Bank Negara Malaysia"
            country = reader.gazetteer.country(" ".join(words[-n:]))
            if country is not None and len(words) > n and institution is None:
                phrase = " ".join(words[-n:])
                offset = start + len(name) - len(phrase)
                place = reader.country_reference(offset, start + len(name), country)
                self.relate(org, Relation.LOCATION, place)
                return
        if (country_at := self._country_after_of(name)) is not None:
            offset, country = country_at
            place = reader.country_reference(start + offset, start + len(name), country)
            self.relate(org, Relation.LOCATION, place)
            return
        if institution is not None:  # "the Baghdad government": the capital stands for the country
            country = reader.gazetteer.countries[institution.country]
            word = _without_possessive(words[0])
            place = reader.country_reference(start, start + len(word), country)
            self.relate(org, Relation.LOCATION, place)

    def _country_after_of(self, name: str) -> tuple[int, Country] | None:
        """ "Law Society of Kenya", "Electoral Commission of Ghana": the country a name ends
        with after "of" (by its name, not a demonym), and where that name begins."""
        head, of, tail = name.rpartition(" of ")
        if not of or not head:
            return None
        country_name = tail.removeprefix("the ")
        country = self.reader.gazetteer.country(country_name)
        if country is None:
            return None
        return len(name) - len(country_name), country

    def ref(self, role: Role | None, kind: Kind) -> int | None:
        """The mention a pattern role points at, if it is of the expected kind."""
        if role is None:
            return None
        reader = self.reader
        index = reader.index_of.get((role.start, role.end))
        if index is None and kind is Kind.PLACE and (country := reader.country(role.text)):
            index = reader.country_reference(role.start, role.end, country)
        if index is None or reader.mentions[index].kind is not kind:
            return None
        return index

    def add(self, found: RelationFound) -> None:
        """Turn a pattern match into relation records, checking each role's kind."""
        if found.relation is Relation.HOLDS_POST:
            self._add_post(found)
        elif found.relation in BETWEEN_ROLES:
            (role_a, kind_a), (role_b, kind_b) = BETWEEN_ROLES[found.relation]
            subject = self.ref(found.role(role_a), kind_a)
            obj = self.ref(found.role(role_b), kind_b)
            if found.relation is Relation.MEMBER_OF and subject is not None:
                obj = self._membership(found, obj)
            if found.relation is Relation.SUB_ORGANIZATION_OF:
                obj = self._parent(found, obj)
            if found.relation is Relation.LOCATION and found.role("demonym") is not None:
                obj = self._state_body_country(found, subject)
            if found.relation is Relation.LOCATION and (noun := found.role("noun")) is not None:
                subject = self._organization_by_head(noun.text.lower(), noun.start)
            if _closes_an_apposition(found):
                return  # "X, the unit of Y, is based in Z": X is, not Y
            if subject is not None and obj is not None:
                self.relate(subject, found.relation, obj)
        elif found.relation is Relation.CONTAINED_IN_PLACE:
            place = self.ref(found.role("place"), Kind.PLACE)
            parent = self.ref(found.role("parent"), Kind.PLACE)
            if place is not None and parent is not None and self._inside(place, parent, found):
                self.relate(place, Relation.CONTAINED_IN_PLACE, parent)
        else:
            raise ValueError(f"No rule for the relation {found.relation.value!r} of a pattern")

    def _state_body_country(self, found: RelationFound, org: int | None) -> int | None:
        """ "Egyptian Foreign Ministry": the country of the demonym before a state body (by
        its head noun, ``entity_heads``), not before any name ("Turkish NATO allies")."""
        demonym = self.ref(found.role("demonym"), Kind.PLACE)
        if org is None or demonym is None or not self.reader.is_country(demonym):
            return None
        mention = self.reader.mentions[org]
        if mention.fine_type != "GovernmentOrganization" or mention.key is not None:
            return None
        if mention.text.lower().split()[-1] in MISSIONS_ABROAD:
            return None
        return demonym

    def _parent(self, found: RelationFound, parent: int | None) -> int | None:
        """The organization a unit is part of: not one that only owns the parent ("the X
        Department at the OSCE's ODIHR" is ODIHR's), and for "the bank's X" the last
        organization named before whose head noun that is."""
        role = found.role("parent")
        if role is not None and found.role("poss") is None and self._is_owner(role):
            return None
        noun = found.role("noun")
        if role is None and noun is not None:
            return self._organization_by_head(noun.text.lower(), noun.start)
        return parent

    def _organization_by_head(self, noun: str, before: int) -> int | None:
        """The last naming organization before ``before`` whose head noun is ``noun``: the
        last word of its name, or the word before "of" ("Bank of Ghana": "bank"); else, for
        a company's noun ("the group"), the company the story is about."""
        mentions = self.reader.mentions
        named = [
            i
            for i, m in enumerate(mentions)
            if m.kind is Kind.ORGANIZATION
            and m.naming
            and m.span.end <= before
            and _head_noun(m.text) == noun
        ]
        if named:
            return max(named, key=lambda i: mentions[i].span.start)
        return story_company(mentions) if noun in COMPANY_NOUNS else None

    def _inside(self, place: int, parent: int, found: RelationFound) -> bool:
        """A place lies in a country, or in a region the text describes as around it ("the
        main town of X district", "in southern X", "in X province"); a site it names lies in a
        city ("the X military base in Y"), a known city in a known state or province of its
        country ("Vancouver in British Columbia"); never a country in anything, nor a known
        city in another country."""
        reader = self.reader
        inner, outer = (reader.mentions[i].key for i in (place, parent))
        in_city = outer is not None and Key.parse(outer).is_city
        if reader.is_country(place) or (in_city and found.role("site") is None):
            return False
        described = (
            any(found.role(r) is not None for r in ("noun", "direction", "site"))
            or reader.mentions[parent].text.lower().split()[-1] in DIVISIONS
        )
        if outer is not None and inner is not None and Key.parse(outer).is_region:
            known = Key.parse(inner)
            return described or (known.is_city and known.country == Key.parse(outer).country)
        if outer is None or not reader.is_country(parent):
            return described
        words = reader.mentions[place].text.lower().split()
        if found.role("poss") is not None and not inner and words[-1] not in PLACE_NOUNS:
            return False  # "China's Yunnan province", not "Argentina's Milei"
        city = Key.parse(inner) if inner is not None else None
        return city is None or not city.is_city or city.country == Key.parse(outer).country

    def _is_owner(self, role: Role) -> bool:
        after = self.reader.document.text[role.end : role.end + 2]
        return any(after.startswith(p) for p in POSSESSIVES)

    def _membership(self, found: RelationFound, org: int | None) -> int | None:
        """The organization a person belongs to: a party's initials after the name ("Ana
        Lima (PT)") are one even where the NER saw none; "X's Y" is X's party or company,
        not a state body ("Biden's State Department")."""
        role = found.role("org")
        if role is None:
            return None
        if org is None:
            if found.role("open") is None or self.reader.country(role.text) is not None:
                return None
            span = self.reader.span(role.start, role.end)
            return self.reader.add(Mention(role.text, Kind.ORGANIZATION, span))
        person = found.role("person")
        poss = found.role("poss")
        mention = self.reader.mentions[org]
        if (
            person is not None
            and poss is not None
            and poss.start == person.end
            and (mention.key is not None or mention.fine_type == "GovernmentOrganization")
        ):
            return None
        return org

    def _add_post(self, found: RelationFound) -> None:
        if found.role("counterpart") is not None:
            self.counterparts.append(found)
            return
        person = self.ref(found.role("person"), Kind.PERSON)
        written = found.role("title")
        title = title_entry(written.text) if written is not None else None
        if person is None or written is None or title is None:
            return
        if self._names_the_next_person(person, written):
            return  # "A, Malaysian Prime Minister B": a list, the title is B's
        if self._next_in_a_list_of_titled_people(person, found):
            return  # "the president of X, A, the speaker of Y, B": the speaker is B
        label = title_label(written.text)
        self._remember_holder(person, found)
        org_role = found.role("org")
        poss = found.role("poss")
        owns_title = poss is not None and org_role is not None and poss.start == org_role.end
        if org_role is not None and self._is_owner(org_role) and not owns_title:
            return  # "who heads MINEM's mining office": not the ministry itself
        if (noun := found.role("noun")) is not None and org_role is None:
            org = self._organization_by_head(noun.text.lower(), noun.start)
            if org is not None:  # "the party's chairwoman, X": the party just named
                self._post_or_party(person, org, written, label)
            return
        if found.role("org") is None and found.role("country") is None:
            if self._is_owner(written):
                return  # "Ganabhaban, the prime minister's residence": no apposition
            if title.state:
                self.unplaced.append((person, written, label))
            elif _is_company_title(written.text):
                self.unplaced_in_company.append((person, written, label))
            elif " ".join(written.text.lower().split()) in COURT_TITLES:
                self.unplaced_in_court.append((person, written, label))
            elif (where := self._institution_of_title(written)) is not None:
                self.unplaced_in_institution.append((person, written, label, where))
            elif self._regional(written):
                self.unplaced_in_region.append((person, label))
            elif (org := self._organization_by_noun(written)) is not None:
                self.relate(person, Relation.HOLDS_POST, org, label)  # "party leader X"
            elif (org := self._owner_named_elsewhere(written)) is not None:
                self._post_or_party(person, org, written, label)
            return
        self.placed.add((written.start, written.end))
        org = self.ref(found.role("org"), Kind.ORGANIZATION)
        if org is not None:
            self._post_or_party(person, org, written, label)
            self._add_owner(org, found.role("owner"))
        place = self.ref(found.role("country"), Kind.PLACE)
        if place is None:
            return
        if not self.reader.is_country(place):
            self.relate(person, Relation.HOLDS_POST, place, label)  # "Jujuy Governor X"
            return
        if self._is_demonym(place):
            self.relate(person, Relation.NATIONALITY, place)  # "Iraqi", not "Iraq's" minister
        if title.state or " ".join(written.text.lower().split()) in ENVOY_TITLES:
            self.relate(person, Relation.HOLDS_POST, place, label)
        elif (institution := self._institution_between(found, place)) is not None:
            self.relate(person, Relation.HOLDS_POST, institution, label)

    def _post_or_party(self, person: int, org: int, title: Role, label: str) -> None:
        """ "NDP MP X", "UCR senator Y": the name before a lawmaker's title is the party the
        lawmaker belongs to, not the body of the post (the house, which ``legislator_posts``
        finds), unless it names a house ("Senate Speaker Z"); "X, a member of the Y party"
        belongs to it and holds no post (``membership_title``)."""
        mention = self.reader.mentions[org]
        key = Key.parse(mention.key) if mention.key else None
        party = (
            fold(title.text) in legislator_titles()
            and mention.span.end <= title.start
            and _chamber(mention) not in CHAMBERS
            and (key is None or not key.is_institution)
        )
        if party or label.lower() in MEMBERSHIP_TITLES:
            self.relate(person, Relation.MEMBER_OF, org)
        else:
            self.relate(person, Relation.HOLDS_POST, org, label)

    def _next_in_a_list_of_titled_people(self, person: int, found: RelationFound) -> bool:
        """A title read after a person whom a title also comes before, that ends right
        before another person's name ("the president of X, A, the speaker of Y, B"): the
        list gives each title before its holder, so this one is the next person's."""
        mentions = self.reader.mentions
        start = mentions[person].span.start
        title = found.role("title")
        if title is None or title.start < start or start not in self.titled_first:
            return False
        end = max(role.end for role in found.roles)
        after = self.reader.document.text[end : end + 3]
        gap = len(after) - len(after.lstrip(", "))
        return gap > 0 and any(
            m.kind is Kind.PERSON and m.span.start == end + gap for m in mentions
        )

    def _names_the_next_person(self, person: int, title: Role) -> bool:
        """A title read after a person's name that comes right before another person's
        name: "A, Malaysian Prime Minister B and C" lists people, it does not describe A."""
        mentions = self.reader.mentions
        if mentions[person].span.start > title.start:
            return False
        after = self.reader.document.text[title.end : title.end + 2]
        start = title.end + len(after) - len(after.lstrip())
        return any(m.kind is Kind.PERSON and m.span.start == start for m in mentions)

    def _institution_between(self, found: RelationFound, place: int) -> int | None:
        """ "Israeli military spokesman X": the post is in the country's military, a mention
        made here from the country's word to the institution's (the entity component leaves
        out an institution that only describes a noun). Only for a title that speaks for
        the institution (``speaking_title``): "top Iranian military commander" may be loose
        talk of another force."""
        country, title = found.role("country"), found.role("title")
        words = [r for r in (found.role("modifier"), found.role("modifier2")) if r is not None]
        if country is None or title is None or not words:
            return None
        if " ".join(title.text.lower().split()) not in SPEAKING_TITLES:
            return None
        phrase = " ".join(r.text.lower() for r in words)
        known = institutions().get(phrase)
        code = self.reader.mentions[place].key
        if known is None or not known.naming or code is None:
            return None
        reader = self.reader
        start, end = country.start, words[-1].end
        index = reader.index_of.get((start, end))
        if index is None:
            key = str(Key.for_institution(known.name, Key.parse(code).country))
            text, span = reader.document.text[start:end], reader.span(start, end)
            index = reader.add(Mention(text, Kind.ORGANIZATION, span, known.fine_type, key=key))
            self.relate(index, Relation.LOCATION, place)
        return index

    def _is_demonym(self, place: int) -> bool:
        """A country's mention written as its nationality word ("Iraqi"): only that states a
        person's nationality; "Iraq's minister" and "the US ambassador" state a post."""
        text = self.reader.mentions[place].text
        gazetteer = self.reader.gazetteer
        return gazetteer.country_of_demonym(text) is not None and gazetteer.country(text) is None

    def _add_owner(self, org: int, owner: Role | None) -> None:
        """ "the head of Iraq's X": X is based in Iraq; "of the ELN's Central Command": part of."""
        place = self.ref(owner, Kind.PLACE)
        if place is not None:
            self.relate(org, Relation.LOCATION, place)
        parent = self.ref(owner, Kind.ORGANIZATION)
        if parent is not None:
            self.relate(org, Relation.SUB_ORGANIZATION_OF, parent)

    def _remember_holder(self, person: int, found: RelationFound) -> None:
        """ "a meeting with the chairman of X, Y": the chairman, and X, stand for Y; in "Y,
        deputy director of X, said" the parse may make the title the speaker: it is Y."""
        person_start = self.reader.mentions[person].span.start
        for name in ("title", "org"):
            role = found.role(name)
            if role is not None and (name == "title" or role.start < person_start):
                self.holder_of[role.start, role.end] = person

    def describe(self, index: int, found: DescriptionFound, descriptors: tuple[int, ...]) -> None:
        """What a description says of the person: "the Kenyan official" is Kenyan ("Kenya's
        official" only serves Kenya), "the WFP director" holds a post in the WFP."""
        title = title_entry(found.role)
        for d in descriptors:
            if self.reader.is_country(d):
                if self._is_demonym(d):
                    self.relate(index, Relation.NATIONALITY, d)
            elif (
                title is not None
                and title.post
                and self.reader.mentions[d].kind is Kind.ORGANIZATION
            ):
                self.relate(index, Relation.HOLDS_POST, d, title_label(found.role))


def _without_appointers(found: list[RelationFound]) -> list[RelationFound]:
    """ "President X dismissed Y as chief executive": the title is the object's (``picks``),
    so a pattern that gives it to the verb's subject (``verb``) is dropped there."""
    picked: dict[int, set[int]] = {}
    for one in found:
        title, person = one.role("title"), one.role("person")
        if one.role("picks") is not None and title is not None and person is not None:
            picked.setdefault(title.start, set()).add(person.start)
    kept = []
    for one in found:
        title, person = one.role("title"), one.role("person")
        if one.role("verb") is not None and title is not None and person is not None:
            holders = picked.get(title.start)
            if holders is not None and person.start not in holders:
                continue
        kept.append(one)
    return kept


def _is_company_title(text: str) -> bool:
    """ "chairman", "CEO", "Chief Financial and Operating Officer"."""
    words = text.lower().split()
    return " ".join(words) in COMPANY_TITLES or (
        len(words) > 2 and words[0] in COMPANY_TITLE_FIRST and words[-1] in COMPANY_TITLE_LAST
    )


def _closes_an_apposition(found: RelationFound) -> bool:
    """ "Y, is based": a comma right before the verb ends a description of the subject
    before it."""
    return (
        found.role("comma") is not None
        and found.role("which") is None
        and found.role("is") is not None
    )


def _chamber(mention: Mention) -> str:
    """The house of parliament a mention names, by its institution or its words ("the
    Senate" -> "senate")."""
    key = Key.parse(mention.key) if mention.key else None
    return key.name if key is not None and key.is_institution else fold(mention.text)


def _head_noun(name: str) -> str:
    """The noun a name is of, in lower case: "Bank of Ghana" -> "bank", "Port Workers'
    Union" -> "union".

    >>> _head_noun("Bank of Ghana"), _head_noun("Pacific Port Workers' Union")
    ('bank', 'union')
    """
    words = name.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _without_possessive(words: str) -> str:
    """ "Kenya's" -> "Kenya", "United Arab Emirates'" -> "United Arab Emirates"."""
    for possessive in (*POSSESSIVES, *APOSTROPHES):
        words = words.removesuffix(possessive)
    return words


def title_entry(text: str) -> Title | None:
    """The lexicon entry of a title phrase; a run of post words ("deputy head") is a post."""
    lexicon = titles()
    phrase = " ".join(text.lower().split())
    if phrase in lexicon:
        return lexicon[phrase]
    words = [lexicon.get(w) for w in phrase.split()]
    if any(w is not None and w.post for w in words):
        return Title(post=True, state=False)
    return None


def title_label(text: str) -> str:
    """A post's label from the title as written: "deputy head" -> "Deputy Head".

    >>> title_label("SECRETARY-GENERAL")
    'Secretary-General'
    """
    return " ".join(text.split()).title()
