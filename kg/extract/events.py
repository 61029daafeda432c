"""The event component's findings -> ``EventMention`` records.

A role filler becomes the mention it stands for: a name, the holder of a title ("the
chairman of X, Y"), a country, or a person told by role ("the WFP director"), whose mention
is made here, the first time an event needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.components.events import event_words
from kg.extract.components.findings import DescriptionFound, EventFound
from kg.knowledge.gazetteer import fold
from kg.knowledge.given_names import name_genders
from kg.knowledge.lexicon import function_words
from kg.knowledge.temporal import duration_days, normalize_date
from kg.records import STATEMENT, EventMention, EventRole, Kind, Mention, event_role

if TYPE_CHECKING:
    from kg.extract.conversion import DocReader
    from kg.extract.relations import RelationRules

PRONOUNS = function_words("pronoun")
POSSESSIVE_PRONOUNS = function_words("possessive_pronoun")
ORGANIZATION_PRONOUNS = function_words("organization_pronoun")
PRONOUN_GENDERS = {
    **{w: "male" for w in function_words("male_pronoun")},
    **{w: "female" for w in function_words("female_pronoun")},
}
SPEAKER_LOOKBACK = 3
"""How many sentences before a quote's "she said" its speaker may be named, when no one the
usual rules find can be her (a quote of two sentences after the one that names her)."""
QUOTES = ('"', "“", "”")
GROUP_OF_LEADERS = re.compile(
    r"\b(?:two|three|four|both) (?:leaders|sides|presidents|ministers|heads of state)$"
)
"""Who a meeting is between when the sentence names them by a count: the last meeting's people."""


class EventReader:
    """Turns the event component's findings into ``EventMention`` records."""

    def __init__(
        self, reader: DocReader, rules: RelationRules, descriptions: Iterable[DescriptionFound]
    ) -> None:
        self.reader = reader
        self.rules = rules
        self.descriptions = {d.head: d for d in descriptions}
        self.published = reader.document.published_date
        self.last_speaker: int | None = None
        self.last_spoke_in = -2  # the sentence of the last speaker's statement
        self.last_participants: list[int] = []
        self.last_attacker: int | None = None

    def read(self, found: Iterable[EventFound]) -> tuple[EventMention, ...]:
        """One mention per event found; one more per further year it is told in ("he lost in
        1999 and in 2005": two elections), after the others (an anchor counts by position)."""
        events = sorted(found, key=lambda e: e.trigger.start)
        position = {e.trigger.start: n for n, e in enumerate(events)}
        told = [self._mention(e, position) for e in events]
        return tuple(m for m, _ in told) + tuple(
            replace(m, date=year) for m, years in told for year in years
        )

    def _mention(
        self, event: EventFound, position: dict[int, int]
    ) -> tuple[EventMention, list[str]]:
        roles: list[tuple[EventRole, int]] = []
        places: list[int] = []
        dates: list[str] = []
        days: int | None = None
        relative: tuple[int, int] | None = None
        hits_army = False
        named_speaker = event.base == STATEMENT and any(
            r.name == "agent" and r.text.lower() not in PRONOUNS for r in event.roles
        )  # "officials and he vowed": a pronoun the parse ran into a named speaker
        for role in event.roles:
            if named_speaker and role.text.lower() in PRONOUNS:
                continue
            if role.name == "date":
                value = normalize_date(role.text, published=self.published, future=event.future)
                dates += [value] if value else []
                days = duration_days(role.text) or days
            elif role.name == "anchor" and days is not None and role.start in position:
                relative = (-days if role.text == "before" else days, position[role.start])
            elif role.name == "place":
                place = self.reader.index_of.get((role.start, role.end))
                places += [place] if place is not None and self._is_place(place) else []
            elif event.base != STATEMENT and self._counted_group(role.start, role.end):
                roles += [
                    (event_role(role.name), i) for i in self.last_participants
                ]  # "the two leaders"
            elif role.name == "target" and role.text in event_words("force_member"):
                hits_army = True  # the army, unless the event names whom it hit
            elif role.name == "target" and self._is_demonym(role.text):
                continue  # "killed five Chinese and the Pakistani driving them": people
            elif role.text.lower() in ORGANIZATION_PRONOUNS:
                index = None if role.name == "target" else self._organization_before(role.start)
                roles += [] if index is None else [(event_role(role.name), index)]  # "its meeting"
            elif (index := self._filler(event, role.start, role.end, role.text)) is not None:
                if role.name == "agent" and self._is_town(index):
                    places.append(index)  # "the Damascus strike": where, not who
                elif event.base == "Election" and self._is_town(index):
                    places.append(index)  # "she won Istanbul": where, not who
                else:
                    roles.append((event_role(role.name), index))
        army = self._army() if hits_army else None
        if army is not None and not any(role == "target" for role, _ in roles):
            roles.append(("target", army))
        if event.base == STATEMENT:
            self._remember_speaker(roles, event.trigger.start)
        elif event.base == "Meeting" and len(roles) >= 2:
            self.last_participants = [i for _, i in roles]
        elif event.base == "Attack":
            self._remember_attacker(roles)
        content = self.reader.document.text[event.content[0] : event.content[1]].strip()
        years = _years(dates)
        mention = EventMention(
            event_class=event.event_class,
            base_class=event.base,
            trigger=event.trigger.text,
            span=self.reader.span(event.trigger.start, event.trigger.end),
            roles=tuple(dict.fromkeys(roles)),
            places=tuple(dict.fromkeys(places)),
            date=years[0] if years else _most_precise(dates),
            relative=relative,
            definite=event.definite,
            text=content if event.base == STATEMENT else None,
            joins=event.joins and not self._past_year(dates),
        )
        return mention, years[1:]

    def _past_year(self, dates: list[str]) -> bool:
        """Whether a cue tells a year before the article's: "he came close in 2012, when he
        lost the race to Abe" is an election of its own, not a cue of the story's."""
        published = self.published
        return published is not None and any(len(d) == 4 and int(d) < published.year for d in dates)

    def _filler(self, event: EventFound, start: int, end: int, text: str) -> int | None:
        if event.base == STATEMENT and text.lower() in PRONOUNS:
            return self._speaker_before(start, text.lower())
        if text.lower() in PRONOUNS or text.lower() in POSSESSIVE_PRONOUNS:
            return self._person_before(start)  # "he met", "the attempt on his life"
        if event.base == "Attack" and self._the_group(start, text):
            return self.last_attacker
        index = self.ref_any(start, end, text)
        if index is None and event.base == STATEMENT:
            index = self.rules.story_institution(start, end)  # "police said"
            index = self._organization_told_before(start, text) if index is None else index
        if index is None:
            return None
        kind = self.reader.mentions[index].kind
        return index if kind in {Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE} else None

    def ref_any(self, start: int, end: int, text: str) -> int | None:
        """The entity a word stands for: its own mention, a title's holder, a country."""
        reader = self.reader
        if (start, end) in self.rules.holder_of:
            return self.rules.holder_of[start, end]
        if (start, end) in reader.index_of:
            return reader.index_of[start, end]
        if (country := reader.country(text)) is not None:
            return reader.country_reference(start, end, country)
        if start in self.descriptions:
            return self._description(self.descriptions[start])
        return None

    def _description(self, found: DescriptionFound) -> int:
        """A person told by role: a mention to resolve later, with what the phrase says of
        them ("Kenya's ... official": Kenyan; "the WFP director": director of the WFP)."""
        reader = self.reader
        if (found.start, found.end) in reader.index_of:
            return reader.index_of[found.start, found.end]
        modifiers = [self.ref_any(m.start, m.end, m.text) for m in found.modifiers]
        descriptors = tuple(i for i in modifiers if i is not None)
        index = reader.add(
            Mention(
                reader.document.text[found.start : found.end],
                Kind.PERSON,
                reader.span(found.start, found.end),
                naming=False,
                description=found.role,
                descriptors=descriptors,
                described_by=found.words,
            )
        )
        self.rules.describe(index, found, descriptors)
        return index

    def _organization_told_before(self, start: int, noun: str) -> int | None:
        """The organization "the committee" stands for: one named before whose name the noun
        heads ("the Monetary Policy Committee", "the Central Bank of Nigeria": "the bank
        said"); of several, the one the story names most, then first ("the court" of a story
        about the Constitutional Court that names the Supreme Court once)."""
        text = self.reader.document.text
        if text[max(0, start - 4) : start].lower() != "the ":
            return None
        named: dict[str, list[int]] = {}
        for i, m in enumerate(self.reader.mentions):
            if m.kind is Kind.ORGANIZATION and m.naming and _head_word(m.text) == noun.lower():
                named.setdefault(m.text.lower(), []).append(i)
        told = [
            found for found in named.values() if self.reader.mentions[found[0]].span.start < start
        ]
        if not told:
            return None
        return max(told, key=lambda found: (len(found), -found[0]))[0]

    def _speaker_before(self, start: int, pronoun: str) -> int | None:
        """Who "he said" quotes: the first of ``_speakers_before`` the pronoun may stand for
        (not a man for "she", by a given name every language gives one gender), else the last
        person of its gender named a few sentences before ('Ms Cruz asked them to stay. "We
        need the roads. We will not leave," she said'), else no one."""
        gender = PRONOUN_GENDERS.get(pronoun)
        for index in self._speakers_before(start):
            if index is None or gender is None or self._gender(index) in {None, gender}:
                return index
        sentence = self.reader.span(start, start + 1).sentence
        for near in range(sentence - 2, sentence - 2 - SPEAKER_LOOKBACK, -1):
            people = self._people_named(near, before=start) if near >= 0 else []
            if found := [i for i in people if self._gender(i) == gender]:
                return found[-1]
        return None

    def _speakers_before(self, start: int) -> Iterator[int | None]:
        """Whom "he said" may quote, likeliest first: the last speaker if they spoke in this
        sentence, else the person this sentence opens with ("Ms Ardern quit when she did; she
        said ..."), else the last speaker if they spoke in the sentence before, else the first
        person named in the sentence before ("Smith predicted ... . "...," he said"), else the
        last speaker. A name inside a quote is none of these ('"Today there are two
        Argentinas," she said')."""
        sentence = self.reader.span(start, start + 1).sentence
        if sentence == self.last_spoke_in:
            yield self.last_speaker
        yield from self._people_named(sentence, before=start, opening=True)
        if sentence - self.last_spoke_in == 1:
            yield self.last_speaker
        for near in (sentence, sentence - 1):  # the first named is most often the subject
            yield from self._people_named(near, before=start)
        yield self.last_speaker

    def _gender(self, index: int) -> str | None:
        """A person's gender by the given name the document names them with ("Ruiz":
        "Teresa Ruiz", female), when all its people of that surname agree."""
        words = self.reader.mentions[index].text.split()
        genders = {
            name_genders().get(fold(m.text.split()[0]))
            for m in self.reader.mentions
            if m.kind is Kind.PERSON
            and len(m.text.split()) > 1
            and words
            and m.text.split()[-1] == words[-1]
        }
        genders.discard(None)
        return genders.pop() if len(genders) == 1 else None

    def _people_named(self, sentence: int, *, before: int, opening: bool = False) -> list[int]:
        """The people named in a sentence before an offset, outside quotes, first first; with
        ``opening``, only one the sentence opens with (after a word at most: "Ms Ardern")."""
        sent = self.reader.sentences[sentence]
        text = self.reader.document.text
        people = [
            (start, i)
            for start, i in self._named_before(Kind.PERSON, sentence, before)
            if sum(text.count(q, sent.start, start) for q in QUOTES) % 2 == 0
        ]
        if opening:
            people = [(s, i) for s, i in people if len(text[sent.start : s].split()) <= 1][:1]
        return [i for _, i in people]

    def _named_before(self, kind: Kind, sentence: int, before: int) -> list[tuple[int, int]]:
        """(start, index) of the naming mentions of a kind in a sentence before an offset,
        first first."""
        return sorted(
            (m.span.start, i)
            for (s, _), i in self.reader.index_of.items()
            if s < before
            and (m := self.reader.mentions[i]).kind is kind
            and m.naming
            and m.span.sentence == sentence
        )

    def _person_before(self, start: int) -> int | None:
        """The person "he" or "she" stands for in an event: the last person named before it in
        its sentence or the one before ("Naqvi visited the embassy, where he met the
        ambassador"; "Ms Ardern quit in January. She had led Labour to a landslide")."""
        sentence = self.reader.span(start, start + 1).sentence
        people = [
            (m.span.sentence, m.span.start, i)
            for (s, _), i in self.reader.index_of.items()
            if s < start
            and (m := self.reader.mentions[i]).kind is Kind.PERSON
            and sentence - 1 <= m.span.sentence <= sentence
            and (m.naming or m.span.sentence == sentence)  # "the general said he had met ..."
        ]
        return max(people, default=(0, 0, None))[2]

    def _organization_before(self, start: int) -> int | None:
        """The organization "it" or "its" stands for as the one who acts: the last named
        before it in its sentence, else the first the sentence before names (its subject,
        most often: "The committee raised the rate. At the end of its meeting, ..."). Whom
        "it" is done to is left alone ("sites used to attack it": a country, a town)."""
        sentence = self.reader.span(start, start + 1).sentence
        for near, last in ((sentence, True), (sentence - 1, False)):
            named = self._named_before(Kind.ORGANIZATION, near, start)
            if named:
                return named[-1 if last else 0][1]
        return None

    def _counted_group(self, start: int, end: int) -> bool:
        """ "the two leaders", "both sides": the people of the meeting told before."""
        return (
            GROUP_OF_LEADERS.search(self.reader.document.text[max(0, start - 12) : end]) is not None
        )

    def _army(self) -> int | None:
        """The army a story names, when it names one country's only ("the Malian army",
        "Colombia's military"; a group called an army, "National Liberation Army", is none):
        whose soldiers, camps and outposts an attack on them hits."""
        armies: dict[str, int] = {}
        for index, mention in enumerate(self.reader.mentions):
            country = self._army_country(mention) if mention.kind is Kind.ORGANIZATION else None
            if country is not None:
                armies.setdefault(country, index)
        return next(iter(armies.values())) if len(armies) == 1 else None

    def _army_country(self, mention: Mention) -> str | None:
        words = re.sub(r"^the |['’]s\b", "", mention.text.lower()).strip()
        force = next((f for f in event_words("armed_force") if words.endswith(" " + f)), None)
        if force is None:
            return None
        owner = words[: -len(force)].strip()
        gazetteer = self.reader.gazetteer
        country = gazetteer.country(owner) or gazetteer.country_of_demonym(owner)
        return None if country is None else country.code

    def _is_demonym(self, text: str) -> bool:
        gazetteer = self.reader.gazetteer
        return gazetteer.country(text) is None and gazetteer.country_of_demonym(text) is not None

    def _is_town(self, index: int) -> bool:
        mention = self.reader.mentions[index]
        return mention.kind is Kind.PLACE and mention.fine_type != "Country"

    def _is_place(self, index: int) -> bool:
        return self.reader.mentions[index].kind is Kind.PLACE

    def _the_group(self, start: int, text: str) -> bool:
        """ "the group", "the rebels": the armed group the story told attacking before."""
        before = self.reader.document.text[max(0, start - 4) : start]
        return text.lower() in event_words("armed_group") and before.lower() == "the "

    def _remember_attacker(self, roles: list[tuple[EventRole, int]]) -> None:
        groups = [
            i
            for role, i in roles
            if role == "agent" and self.reader.mentions[i].kind is Kind.ORGANIZATION
        ]
        if groups:
            self.last_attacker = groups[-1]

    def _remember_speaker(self, roles: list[tuple[EventRole, int]], said_at: int) -> None:
        people = [
            i
            for role, i in roles
            if role == "agent" and self.reader.mentions[i].kind is Kind.PERSON
        ]
        if people:
            self.last_speaker = people[-1]
            self.last_spoke_in = self.reader.span(said_at, said_at + 1).sentence


def _head_word(name: str) -> str:
    """The noun a name ends in, before any "of": "Central Bank of Nigeria" -> "bank"."""
    words = name.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _years(values: list[str]) -> list[str]:
    """The years of an event told in several ("in 1999 and in 2005"), when its dates are
    bare years and more than one; else none."""
    years = list(dict.fromkeys(values))
    return years if len(years) > 1 and all(len(v) == 4 for v in years) else []


def _most_precise(values: list[str]) -> str | None:
    return max(values, key=len, default=None)
