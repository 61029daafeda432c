"""Event component: triggers from a lexicon, roles from dependency patterns.

``kg_events`` marks trigger words (``kg/extract/patterns/event_triggers.jsonl``: a lemma, its
part of speech, the event class, and words it needs nearby, so that a labour "strike" is no air
strike; or an entity label: a law's name "passed" is the trigger of its passage), then runs
the role patterns of ``kg/extract/patterns/event_roles.jsonl``: each names a ``trigger`` and a
``filler`` node, and says which role the filler plays for each base class.
What it finds goes to ``doc._.kg_events`` (``EventFound``, in character offsets).

The role patterns are followed from each trigger found (``kg.extract.components.arcs``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import numpy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.components.arcs import ArcPattern
from kg.extract.components.findings import EventFound, Found, Role
from kg.knowledge.lexicon import function_words, place_words
from kg.records import BASE_CLASSES, EVENT_CLASSES, EVENT_ROLES, STATEMENT, BaseClass

if not Token.has_extension("kg_trigger"):
    Token.set_extension("kg_trigger", default=False)
if not Doc.has_extension("kg_events"):
    Doc.set_extension("kg_events", default=None)

DEFINITE = function_words("definite")
RELATIVE_DATE_HEADS = function_words("relative_date")
REVERSED = {"after": "before", "before": "after"}
"""How a clause's event lies from the one it hangs on: "came a day after they met" (before it)."""
FUTURE = function_words("future")
AHEAD = function_words("ahead_modifier")
PLACE_WINDOW = 12
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
POST_DASHES = frozenset({"—", "–", "-", "--"})
OPENING_QUOTES = frozenset({'"', "“", "‘", "'"})
RELATIVE_TAGS = frozenset({"WP", "WDT"})


@cache
def _rows(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(
        srsly.read_jsonl(str(resources.files("kg") / "extract" / "patterns" / f"{name}.jsonl"))
    )


PLACE_AFTER: frozenset[BaseClass] = frozenset({"Meeting", "Attack"})
"""Events whose place the parse often hangs on a participant (``_place_after``)."""
FILLER_ROLES = frozenset({*EVENT_ROLES, "place", "date"})


@cache
def event_words(role: str) -> frozenset[str]:
    """Words the event rules look for, by role (``event_words.jsonl``): ``military_site`` and
    ``force_modifier`` ("an army camp", "a military outpost"), ``force_member`` ("soldiers"),
    ``armed_force`` (how the name of a country's army ends: "the Malian army"), ``candidate``
    (a person its party names: "the APC flagbearer" is no party), ``armed_group`` ("the
    group was behind an attack": the group the story told attacking before), ``speaks_for``
    (people or a paper that speak for an organization: "medics from X say"), ``legislature``
    (how a house that passes laws is named: "the Chamber of Deputies", "lawmakers")."""
    return frozenset(row["word"] for row in _rows("event_words") if row["role"] == role)


@cache
def event_triggers() -> dict[tuple[str, str], dict[str, Any]]:
    """Trigger words: rows by (lemma, part of speech)."""
    return {(row["lemma"], row["pos"]): row for row in _trigger_rows() if "lemma" in row}


@cache
def named_triggers() -> dict[str, dict[str, Any]]:
    """Trigger names: rows by entity label ("passed the Clean Water Act": a law, passed)."""
    return {row["ent_type"]: row for row in _trigger_rows() if "ent_type" in row}


def _trigger_rows() -> tuple[dict[str, Any], ...]:
    """The trigger rows, each checked: a class of our ontology under one of the base classes."""
    rows = _rows("event_triggers")
    for row in rows:
        if row["class"] not in EVENT_CLASSES or row["base"] not in BASE_CLASSES:
            raise ValueError(
                f"kg/extract/patterns/event_triggers.jsonl: unknown event class in {row!r}"
            )
    return rows


@Language.factory(
    "kg_events",
    assigns=["token._.kg_trigger", "doc._.kg_events"],
    requires=["token.dep", "token.lemma"],
)
def make_events(nlp: Language, name: str) -> EventPatterns:
    return EventPatterns(nlp)


class EventPatterns:
    """Finds events: a trigger, its class, and the role each neighbour plays."""

    def __init__(self, nlp: Language) -> None:
        self.triggers = event_triggers()
        self.named = named_triggers()
        lemmas = {lemma for lemma, _ in self.triggers}  # spaCy lowercases nouns' and verbs' lemmas
        self.trigger_lemmas = numpy.array(sorted(nlp.vocab.strings.add(w) for w in lemmas))
        self.trigger_labels = numpy.array(sorted(nlp.vocab.strings.add(x) for x in self.named))
        self.patterns = [RolePattern.from_row(row) for row in _rows("event_roles")]

    def __call__(self, doc: Doc) -> Doc:
        triggers = self.match_triggers(doc)
        self.mark_triggers(doc, triggers)  # the role patterns start from the marked triggers
        self.set_annotations(doc, self.match_events(doc, triggers))
        return doc

    def match_triggers(self, doc: Doc) -> dict[int, dict[str, Any]]:
        """The trigger row of each token that is a trigger here, by token index."""
        return {t.i: row for t in self._candidates(doc) if (row := self.trigger_of(t)) is not None}

    @staticmethod
    def mark_triggers(doc: Doc, triggers: dict[int, dict[str, Any]]) -> None:
        for i in triggers:
            doc[i]._.kg_trigger = True

    def match_events(self, doc: Doc, triggers: dict[int, dict[str, Any]]) -> list[EventFound]:
        """Each trigger's event with its roles (a date may count from another trigger), and
        the statement of each embedded post."""
        found = [self._event(doc[i], row) for i, row in triggers.items()]
        kept = [e for e in found if not (e.future and e.base != STATEMENT) and not _generic(e, doc)]
        kept = _named_targets_first(kept, doc)
        return kept + list(_posts(doc)) + list(_colon_quotes(doc)) + list(_lead_quotes(doc))

    @staticmethod
    def set_annotations(doc: Doc, events: list[EventFound]) -> None:
        doc._.kg_events = events

    def _candidates(self, doc: Doc) -> list[Token]:
        """The tokens whose lemma or entity label is in the lexicon (found on the Doc's
        arrays, not token by token in Python)."""
        maybe = numpy.isin(doc.to_array("LEMMA"), self.trigger_lemmas)
        maybe |= numpy.isin(doc.to_array("ENT_TYPE"), self.trigger_labels)
        return [doc[int(i)] for i in numpy.flatnonzero(maybe)]

    def trigger_of(self, token: Token) -> dict[str, Any] | None:
        """The trigger row for a token, if it is a trigger here (its required words nearby:
        a child, or the word it depends on)."""
        if token.ent_type_:
            row = self.named.get(token.ent_type_)
        else:
            row = self.triggers.get((token.lemma_.lower(), token.pos_))
        if row is None or (row["base"] != "Statement" and _negated(token)):
            return None  # "the Senate never voted on it" tells no vote
        unless = row.get("unless")
        if unless is not None and (
            _any_near(token, unless) or token.head.lemma_.lower() in unless.get("head_lemmas", ())
        ):
            return None  # "struck down the scheme", "the demands would be met", "required talks"
        needs = row.get("requires")
        if needs is None:
            return row
        ok = _any_near(token, needs) or token.head.lemma_.lower() in needs.get("head_lemmas", ())
        ok = ok or _subject_is(token, needs.get("subject_words", ""))
        return row if ok else None

    def _event(self, token: Token, row: dict[str, Any]) -> EventFound:
        definite = any(
            c.dep_ in {"det", "poss"} and (c.lower_ in DEFINITE or c.ent_type_ == "DATE")
            for c in token.children
        )  # "the attack", "Saturday's poll": an event told before
        content = next(
            (c for c in token.children if c.dep_ == "ccomp" and len(list(c.subtree)) >= 5), None
        )  # what was said, when the parse gives a clause of some length; else the sentence
        sent = token.sent
        span = (
            (content.left_edge.idx, content.right_edge.idx + len(content.right_edge))
            if content
            else (sent.start_char, sent.end_char)
        )
        roles = self._roles(token, row["base"])
        if row["base"] in PLACE_AFTER and not any(r.name == "place" for r in roles):
            roles.extend(_place_after(token))
        if row["base"] == "Meeting":
            roles.extend(r for r in _with_after(token) if r not in roles)
        if row["base"] == STATEMENT:
            roles.extend(r for r in _speaking_for(token) if r not in roles)
        return EventFound(
            event_class=row["class"],
            base=row["base"],
            trigger=Found(token.idx, token.idx + len(token.text), token.text),
            definite=definite,
            future=_ahead(token) or (row["base"] == "Attack" and _intended(token)),
            content=span,
            roles=tuple(roles),
            joins=row.get("joins", False),
        )

    def _roles(self, trigger: Token, base: str) -> list[Role]:
        roles: list[Role] = []
        for pattern in self.patterns:
            name = pattern.roles.get(base)
            if name is None:
                continue
            for filler in map(_dateline_name, map(_antecedent, pattern.fillers(trigger))):
                coordinated = _with_coordinated(
                    filler, people_only=base == STATEMENT, target=name == "target"
                )
                for token in coordinated:
                    role = _military_target(token) if name == "target" else None
                    role = role or (_date(token) if name == "date" else None)
                    role = role or Role(name, token.idx, token.idx + len(token.text), token.text)
                    if role not in roles:
                        roles.append(role)
                    if name == "date":
                        roles.extend(_relative_anchor(token))
                        roles.extend(r for r in _coordinated_dates(token) if r not in roles)
        return roles


@dataclass(frozen=True)
class RolePattern:
    """A row of ``event_roles.jsonl``: a dependency pattern rooted at the trigger, and the
    role its ``filler`` node plays for each base class of event."""

    roles: dict[str, str]
    arcs: ArcPattern

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RolePattern:
        arcs = ArcPattern.from_nodes(row["id"], row["pattern"])
        if arcs.root != "trigger" or "filler" not in [node.name for node in arcs.nodes]:
            raise ValueError(f"Role pattern {row['id']!r}: needs a 'trigger' root and a 'filler'")
        if not (
            set(row["roles"]) <= set(BASE_CLASSES) and set(row["roles"].values()) <= FILLER_ROLES
        ):
            raise ValueError(f"Role pattern {row['id']!r}: unknown event class or role")
        return cls(row["roles"], arcs)

    def fillers(self, trigger: Token) -> Iterator[Token]:
        """The filler of every way the pattern fits around this trigger, each once."""
        seen = set()
        for bound in self.arcs.matches(trigger):
            if bound["filler"].i not in seen:
                seen.add(bound["filler"].i)
                yield bound["filler"]


def _posts(doc: Doc) -> Iterator[EventFound]:
    """The statement of an embedded post, told by the line under it: "— Name (@handle) date"
    (a dash, a name, then the handle) says the text before it, in its sentence or the line
    above."""
    text = doc.text
    for dash in doc[:-2]:
        if dash.text not in POST_DASHES:
            continue
        name, bracket = doc[dash.i + 1], doc[dash.i + 2]
        handle = doc[dash.i + 3] if dash.i + 3 < len(doc) else None
        if name.ent_type_ not in {"PERSON", "ORG"} or bracket.text != "(":
            continue
        if handle is None or not handle.text.startswith("@"):
            continue
        above = dash.idx  # the post: the last line with words above
        while above > 0 and text[above - 1].isspace():
            above -= 1
        said_from = dash.sent.start_char  # the reader may join the footer to the post
        if said_from >= above:
            said_from = text.rfind("\n", 0, above) + 1
        yield EventFound(
            event_class=STATEMENT,
            base=STATEMENT,
            trigger=Found(dash.idx, dash.idx + len(dash.text), dash.text),
            definite=False,
            future=False,
            content=(said_from, above),
            roles=(Role("agent", name.idx, name.idx + len(name.text), name.text),),
        )


def _colon_quotes(doc: Doc) -> Iterator[EventFound]:
    """A quote a colon introduces: "Leite compared the devastation to a battlefield: '...'"
    (the named subject of the last verb before the colon says it, when that verb is not a
    speech trigger already: "the minister said: '...'" is found by its trigger)."""
    for colon in doc[:-1]:
        if colon.text != ":" or doc[colon.i + 1].text not in OPENING_QUOTES:
            continue
        verbs = [t for t in doc[colon.sent.start : colon.i] if t.pos_ == "VERB"]
        if not verbs or verbs[-1]._.kg_trigger:
            continue
        speakers = [
            c for c in verbs[-1].children if c.dep_ == "nsubj" and c.ent_type_ in {"PERSON", "ORG"}
        ]
        if not speakers:
            continue
        verb, speaker = verbs[-1], speakers[0]
        yield EventFound(
            event_class=STATEMENT,
            base=STATEMENT,
            trigger=Found(verb.idx, verb.idx + len(verb.text), verb.text),
            definite=False,
            future=False,
            content=(doc[colon.i + 1].idx, colon.sent.end_char),
            roles=(Role("agent", speaker.idx, speaker.idx + len(speaker.text), speaker.text),),
        )


def _lead_quotes(doc: Doc) -> Iterator[EventFound]:
    """A line led by a name and a colon, as headlines and live blogs quote: "IDF: 99% of the
    drones were intercepted", "Erdogan: we will not back down". The name says the rest."""
    text = doc.text
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG"} or ent.end >= len(doc) - 3:
            continue
        colon = doc[ent.end]
        if colon.text != ":" or text[text.rfind("\n", 0, ent.start_char) + 1 : ent.start_char]:
            continue
        line_end = text.find("\n", colon.idx)
        end = min(colon.sent.end_char, line_end if line_end != -1 else len(text))
        if len(text[colon.idx + 1 : end].split()) < 3:
            continue
        yield EventFound(
            event_class=STATEMENT,
            base=STATEMENT,
            trigger=Found(colon.idx, colon.idx + 1, colon.text),
            definite=False,
            future=False,
            content=(doc[colon.i + 1].idx, end),
            roles=(Role("agent", ent.start_char, ent.end_char, ent.text),),
        )


def _speaking_for(trigger: Token) -> Iterator[Role]:
    """ "medics from Magen David Adom say", "a statement from the Prime Minister's Office
    says": the organization that the people or the paper right before the verb speak for
    (the parse often hangs them elsewhere in a long sentence)."""
    doc, first = trigger.doc, trigger.i
    while first > trigger.sent.start and doc[first - 1].ent_type_ == "ORG":
        first -= 1
    if first == trigger.i:
        return
    before = first - 1 - (doc[first - 1].lower_ == "the")
    if before < 1 or doc[before].lower_ not in {"from", "at", "with"}:
        return
    if doc[before - 1].lower_ in event_words("speaks_for"):
        end = doc[trigger.i - 1]
        name = doc.text[doc[first].idx : end.idx + len(end.text)]
        yield Role("agent", doc[first].idx, end.idx + len(end.text), name)


def _ahead(token: Token) -> bool:
    """Whether the event is still to come: "will meet", "would vote on", "will hold talks",
    "would not fold in talks" (the verb of the preposition a noun hangs on), "its next
    summit"."""
    if token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in AHEAD for c in token.children):
        return True
    verb = token if token.pos_ == "VERB" else token.head
    if verb.dep_ == "prep" and verb.pos_ == "ADP":
        verb = verb.head
    return any(c.lower_ in FUTURE or c.lower_ == "would" for c in verb.children if c.dep_ == "aux")


def _intended(token: Token) -> bool:
    """Whether an infinitive on a noun tells the event, not done but meant: "a threat to have
    the president killed", "a plot to attack the base"."""
    verb = token if token.pos_ == "VERB" else token.head
    clauses = (verb, verb.head) if verb.dep_ in {"ccomp", "xcomp"} else (verb,)
    return any(
        clause.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        for clause in clauses
    )


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _any_near(token: Token, words: dict[str, Any]) -> bool:
    """Whether a child of the trigger, or the object of its preposition ("a gathering of
    ministers"), has one of the lemmas a trigger row lists (``child_lemmas``), or a child one
    of its entity or dependency labels (``child_ent_types``, ``child_deps``: "a strike in
    Lagos" is no air strike), or the object of its preposition one of its entity labels
    (``object_ent_types``: "credited with 27 percent"), or its direct object one
    (``direct_object_ent_types``: "won Istanbul", where "Kenya won gold" names no place won)."""
    lemmas, types = words.get("child_lemmas", ()), words.get("child_ent_types", ())
    deps = words.get("child_deps", ())
    children = list(token.children)
    objects = [g for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return (
        any(c.lemma_.lower() in lemmas for c in children + objects)
        or any(c.ent_type_ in types or c.dep_ in deps for c in children)
        or any(g.ent_type_ in words.get("object_ent_types", ()) for g in objects)
        or any(
            c.dep_ == "dobj" and c.ent_type_ in words.get("direct_object_ent_types", ())
            for c in children
        )
    )


def _subject_is(token: Token, role: str) -> bool:
    """Whether the trigger's subject is named by one of the words of an ``event_words`` role
    (``subject_words``): "the Chamber of Deputies approved the text", "the regional council
    passed an ordinance" (a house passing something is a law passed; "the White House
    approved" is no house of a legislature)."""
    if not role:
        return False
    words = event_words(role)
    for child in token.children:
        if child.dep_ != "nsubj":
            continue
        name = " ".join(t.lower_ for t in child.subtree if t.dep_ not in {"det", "poss", "case"})
        head = name.split(" of ")[0]
        if any(n == w or n.endswith(" " + w) for n in (name, head) for w in words):
            return True
    return False


def _generic(event: EventFound, doc: Doc) -> bool:
    """Attacks told in the plural with no article and no one named as their target are a
    kind of thing, not an event: "Israeli strikes across Lebanon", "a launch pad for raids on
    troops" ("US strikes on Houthi targets" names its target)."""
    token = doc.char_span(event.trigger.start, event.trigger.end)
    if event.base != "Attack" or token is None or token.root.tag_ != "NNS":
        return False
    if any(c.dep_ in {"det", "poss", "nummod"} for c in token.root.children):
        return False
    named = (doc.char_span(r.start, r.end) for r in event.roles if r.name == "target")
    return not any(span is not None and span.root.ent_type_ for span in named)


def _named_targets_first(events: list[EventFound], doc: Doc) -> list[EventFound]:
    """An army's soldiers are no target of their own when the sentence names the unit hit
    ("attacked a base of the army's 18th Brigade, killing two soldiers")."""
    sentence_at = {t.idx: t.sent.start for t in doc}
    named = {
        sentence_at.get(e.trigger.start)
        for e in events
        if any(r.name == "target" and not _army_of(r) for r in e.roles)
    }
    return [
        replace(e, roles=tuple(r for r in e.roles if not _army_of(r)))
        if sentence_at.get(e.trigger.start) in named
        else e
        for e in events
    ]


def _army_of(role: Role) -> bool:
    return role.name == "target" and role.text in event_words("force_member")


def _date(token: Token) -> Role:
    """A date with the day the parse hangs on its part of the day: "on Monday night"; without
    a preposition the entity recognizer ran into it ("two days before")."""
    days = [c for c in token.lefts if c.dep_ == "compound" and c.ent_type_ in {"DATE", "TIME"}]
    first = days[0] if days else token
    end = token.idx + len(token.text)
    words = token.text.rsplit(" ", 1)
    if len(words) == 2 and words[1].lower() in RELATIVE_DATE_HEADS:
        end = token.idx + len(words[0])
    return Role("date", first.idx, end, token.doc.text[first.idx : end])


def _military_target(token: Token) -> Role | None:
    """A target that is the army of the story, not named: "soldiers", "an army camp", "a
    military outpost" (the text of the role says so; the reader finds the army)."""
    if token.ent_type_:
        return None
    lemma = token.lemma_.lower()
    if lemma in event_words("force_member"):
        return Role("target", token.idx, token.idx + len(token.text), lemma)
    if lemma not in event_words("military_site"):
        return None
    for child in token.children:
        if child.dep_ in {"compound", "amod"} and child.lower_ in event_words("force_modifier"):
            return Role("target", token.idx, token.idx + len(token.text), "soldier")
    return None


def _antecedent(filler: Token) -> Token:
    """What a relative pronoun stands for: "Wissam Tawil, whom an Israeli strike killed" (the
    noun the relative clause hangs on); the person an aside between commas describes, when the
    clause hangs on the aside ("Marcel Ciolacu, of the Social Democrats, who came third")."""
    if filler.tag_ not in RELATIVE_TAGS or filler.head.dep_ != "relcl":
        return filler
    noun = filler.head.head
    of = noun.head
    if (
        noun.dep_ == "pobj"
        and of.lower_ == "of"
        and of.i > 0
        and of.doc[of.i - 1].text == ","
        and of.head.ent_type_ == "PERSON"
    ):
        return of.head
    return noun


def _dateline_name(filler: Token) -> Token:
    """The name a wire's dateline runs into: in "Warsaw, June 2 (IANS) Karol Nawrocki ... has
    won", the parse makes the city the subject and the name its apposition."""
    if filler.ent_type_ != "GPE" or filler.dep_ != "nsubj":
        return filler
    names = [c for c in filler.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    return names[0] if names else filler


def _with_coordinated(filler: Token, *, people_only: bool, target: bool = False) -> list[Token]:
    """The filler and what is coordinated with it; a common noun stands for the names it
    carries: "Fighters of the ELN", "ELN fighters", "the outgoing mayor, Jan Sobczak" (only
    the last kind for a speaker: "officials of the ministry said" quotes nobody by name)."""
    found: list[Token] = []
    for token in (filler, *filler.conjuncts):
        found.append(token)
        if not token.ent_type_ and token.pos_ in {"NOUN", "PROPN"}:
            found.extend(
                _appositions(token) if people_only else _names_carried(token, target=target)
            )
    return list(dict.fromkeys(found))


def _appositions(noun: Token) -> list[Token]:
    """The names in apposition to a noun, by the parse or, where the parse hangs the name
    elsewhere, by the text: "the outgoing mayor, Jan Sobczak," names the mayor."""
    named: list[Token] = []
    for child in noun.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            named += [child, *child.conjuncts]
    after = noun.doc[noun.i + 1 : noun.i + 3]
    if not named and len(after) == 2 and after[0].text == "," and after[1].ent_type_ == "PERSON":
        named += [after[1], *after[1].conjuncts]
    return named


def _names_carried(noun: Token, *, target: bool = False) -> list[Token]:
    """The names a common noun stands for: "ELN fighters", "fighters of the ELN" (and of the
    parties coordinated: "leaders of the BNP and the Jatiya Party"); the group,
    not its country, in "Yemen's Houthi rebels"; and for a target not the country whose
    thing it is ("a strike on Iran's consulate")."""
    named = _appositions(noun)
    if target:  # "four people, among them a commander of Hezbollah": the group was hit
        for child in noun.children:
            if child.dep_ == "appos" and not child.ent_type_ and child.pos_ == "NOUN":
                named += _groups_of(child)
    # "Mogadishu's deputy mayor": the city is where the post is, not who; "the APC
    # flagbearer": the party is whose candidate, not who
    if noun._.kg_title or noun.lemma_.lower() in event_words("candidate"):
        return named + (_groups_of(noun) if target else [])
    modifiers = [c for c in noun.children if c.dep_ in {"compound", "nmod", "poss"}]
    groups = [
        c
        for c in modifiers
        if c.ent_type_ in {"ORG", "NORP"} or (c.pos_ == "PROPN" and not c.ent_type_)
    ]
    named += [g for g in groups if g.ent_type_ or g.dep_ == "compound"]
    if not groups and not target:
        named += [c for c in modifiers if c.ent_type_ == "GPE"]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            groups = [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in NAMED]
            named += [n for g in groups for n in (g, *g.conjuncts) if n.ent_type_ in NAMED]
    return named


def _groups_of(noun: Token) -> list[Token]:
    """The organizations a noun belongs to: "a commander of Hezbollah"."""
    return [
        g
        for child in noun.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for g in child.children
        if g.dep_ == "pobj" and g.ent_type_ == "ORG"
    ]


def _place_after(trigger: Token) -> Iterator[Role]:
    """ "a meeting with X in Tehran", "attacked a base ... in the town of Saravena": the parse
    often hangs the place on a participant, not on the event."""
    window = trigger.doc[trigger.i + 1 : min(trigger.i + 1 + PLACE_WINDOW, trigger.sent.end)]
    for token in window:
        if token.ent_type_ in {"GPE", "FAC", "LOC"} and _located_by_preposition(token):
            yield Role("place", token.idx, token.idx + len(token.text), token.text)
            return


def _with_after(trigger: Token) -> Iterator[Role]:
    """ "convenes the cabinet at its headquarters with the defence minister and X": the parse
    often hangs the people met on the body or the place, not on the meeting. A "with" after
    the trigger, on a noun that tells no event of its own, names them."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
        return
    window = trigger.doc[trigger.i + 1 : min(trigger.i + 1 + PLACE_WINDOW, trigger.sent.end)]
    for word in window:
        if word.lower_ != "with" or word.dep_ != "prep":
            continue
        if word.head.pos_ not in {"NOUN", "PROPN"} or word.head._.kg_trigger:
            return
        for person in (c for c in word.children if c.dep_ == "pobj" and c.ent_type_ == "PERSON"):
            for token in (person, *person.conjuncts):
                yield Role("participant", token.idx, token.idx + len(token.text), token.text)
        return


def _located_by_preposition(token: Token) -> bool:
    """ "in Tehran", "near the town of Adre", "outside the city of Jilib"."""
    head = token.head
    if head.lower_ == "of" and head.head.lemma_ in place_words("place_noun"):
        head = head.head.head
    return (
        token.dep_ in {"pobj", "pcomp"} and head.lower_ in place_words("locative")
    ) or head.lower_ in place_words("locative")


def _coordinated_dates(date: Token) -> Iterator[Role]:
    """ "in 1999 and in 2005": the dates of the prepositions coordinated with the date's."""
    if date.dep_ != "pobj":
        return
    for prep in date.head.conjuncts:
        for other in prep.children:
            if other.dep_ == "pobj" and other.ent_type_ == "DATE":
                yield Role("date", other.idx, other.idx + len(other.text), other.text)


def _relative_anchor(date: Token) -> Iterator[Role]:
    """ "two days after the assassination": the event the duration counts from (the entity
    recognizer may run the preposition into the date: "Two days before Tuesday's meeting").
    The other way round, "the vote came a day after they held talks": the clause's event
    counts back from the event of the clause it hangs on."""
    head = date.head
    last = date.lower_.rsplit(" ", 1)[-1]
    preposition = head if head.lower_ in RELATIVE_DATE_HEADS else date
    word = preposition.lower_ if preposition is head else last
    if word in RELATIVE_DATE_HEADS:
        for anchor in preposition.children:
            if anchor.dep_ == "pobj" and anchor._.kg_trigger:
                yield Role("anchor", anchor.idx, anchor.idx + len(anchor.text), word)
        return
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in REVERSED), None)
    if mark is None or date.dep_ != "npadvmod" or head.dep_ != "advcl":
        return
    main = head.head
    for anchor in (main, *(c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"})):
        if anchor._.kg_trigger:
            yield Role("anchor", anchor.idx, anchor.idx + len(anchor.text), REVERSED[mark.lower_])
            return
