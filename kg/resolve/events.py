"""Events: the event mentions of all documents -> one ``Event`` per real-world event.

Mentions are linked (networkx's union-find, nearest links first, never joining two dates that
disagree) when they must be the same event:
two mentions of the same kind in one sentence ("the assassination ... in a US strike"), a
definite mention with nothing of its own ("the attack") and the last such event told before
it, and mentions anywhere in the corpus that share the decisive role (the target of an attack,
the legislature of a law, two participants of a meeting; for a mention that names less, all it
names, and only in another article) with compatible dates. Statements are
one per speaker per article. An event nobody takes part in is dropped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import combinations, groupby
from typing import Any

from kg.knowledge.gazetteer import fold, load_gazetteer
from kg.knowledge.lexicon import function_words, known_organizations
from kg.knowledge.temporal import shift
from kg.records import (
    EVENT_ROLES,
    STATEMENT,
    BaseClass,
    Entity,
    Event,
    EventMention,
    EventRole,
    Extraction,
    Key,
    Kind,
)
from kg.resolve.components import UnionFind

DECISIVE_ROLES: dict[BaseClass, tuple[EventRole, ...]] = {
    "Attack": ("target",),
    "Legislation": ("agent",),
    "Meeting": ("participant",),
}
MIN_SHARED: dict[BaseClass, int] = {"Meeting": 2}
SAME_NEWS_DAYS = 3
"""Articles published this close tell the same news: "Iran's attack" there is the attack on
Israel by Iran told in full in the other."""
PLACE_ONLY: frozenset[BaseClass] = frozenset({"Attack", "Meeting"})
"""Events an article may first tell by their place alone ("an attack in Mogadishu")."""
SAME_STORY_DAYS = 31
"""Undated mentions in articles further apart than this are not taken for one event."""
GATHERINGS = function_words("gathering")
PLACE_ORDER = {"Airport": 0, "City": 1, "Country": 3}


@dataclass(frozen=True, slots=True)
class _Told:
    """An event mention with its fillers resolved to entity keys."""

    doc_id: str
    number: int
    mention: EventMention
    roles: tuple[tuple[EventRole, str], ...]
    """(role, entity key) in the order the sentence gives them."""
    places: tuple[str, ...]
    published: date | None = None

    def fillers(self, role: EventRole) -> set[str]:
        return {key for r, key in self.roles if r == role}


def resolve_events(
    extractions: Collection[Extraction],
    key_of: Mapping[tuple[str, int], str],
    entities: Mapping[str, Entity],
) -> tuple[Event, ...]:
    """Every event and statement of the corpus, told once, with all its evidence (statements
    are an article's own: made as each is read, not kept till the corpus is)."""
    told: list[_Told] = []
    statements: list[Event] = []
    for ex in extractions:
        doc_id = ex.document.doc_id
        mine = [
            _Told(
                doc_id,
                n,
                m,
                _roles(doc_id, m, key_of),
                tuple(key_of[doc_id, i] for i in m.places if (doc_id, i) in key_of),
                _day(ex.document.published),
            )
            for n, m in enumerate(ex.events)
        ]
        statements += _statements([t for t in mine if t.mention.is_statement], entities)
        told += [t for t in mine if not t.mention.is_statement]
    countries = _story_countries(extractions, key_of, entities)
    others = [_held_in(t, countries.get(t.doc_id)) for t in told]
    groups = _corefer(others, entities)
    dates = _dates(groups)
    told_in = {(t.doc_id, t.mention.base_class) for t in others if not t.mention.joins}
    events = [
        _event(group, dates.get(n), entities, countries.get(group[0].doc_id))
        for n, group in enumerate(groups)
        if not all(t.mention.joins for t in group) or _told_before(group, dates.get(n), told_in)
    ]
    return tuple(e for e in (*events, *statements) if e is not None)


def _story_countries(
    extractions: Iterable[Extraction],
    key_of: Mapping[tuple[str, int], str],
    entities: Mapping[str, Entity],
) -> dict[str, str]:
    """The country each article names more often than any other place: where its "general
    election" is held when it names no place for it (an article about a city's mayoral runoff
    names the city most). Places named as often are told apart by the cities each country
    has among them ("Wellington", "Auckland", "New Zealand" and "US" once each: New Zealand)."""
    found: dict[str, str] = {}
    for ex in extractions:
        doc_id = ex.document.doc_id
        named = Counter(
            key
            for i in range(len(ex.mentions))
            if (key := key_of.get((doc_id, i))) is not None and entities[key].kind is Kind.PLACE
        )
        if not named:
            continue
        cities = Counter(
            city.country for m in ex.mentions if m.key and (city := Key.parse(m.key)).is_city
        )
        country_of = {
            entity: country.country
            for i, m in enumerate(ex.mentions)
            if m.key
            and (country := Key.parse(m.key)).is_country
            and (entity := key_of.get((doc_id, i))) is not None
        }
        ranked = sorted(named, key=lambda k: (-named[k], -cities[country_of.get(k, "")]))
        rank = [(named[k], cities[country_of.get(k, "")]) for k in ranked[:2]]
        if "Country" in entities[ranked[0]].fine_types and (len(rank) == 1 or rank[0] > rank[1]):
            found[doc_id] = ranked[0]
    return found


def _held_in(t: _Told, country: str | None) -> _Told:
    """An election told with no place is held in the country its article is about, for
    telling which election it is too (the same vote in two articles, each naming its
    candidates)."""
    if t.mention.base_class != "Election" or t.places or country is None:
        return t
    return replace(t, places=(country,))


def _day(published: date | datetime | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


def _roles(
    doc_id: str, mention: EventMention, key_of: Mapping[tuple[str, int], str]
) -> tuple[tuple[EventRole, str], ...]:
    found = ((role, key_of.get((doc_id, i))) for role, i in mention.roles)
    return tuple(dict.fromkeys((role, key) for role, key in found if key is not None))


# -- which mentions tell the same event --------------------------------------------------------


def _corefer(told: list[_Told], entities: Mapping[str, Entity]) -> list[list[_Told]]:
    """Mentions joined by the evidence, nearest pairs first; a link that would put two dates
    that disagree in one event is left out ("they met in Istanbul on Friday ... the meeting
    ... the two leaders last met in September" are two meetings), and so is one that would
    join two events each done by others (the Senate's vote and the House's)."""
    rules = (_same_sentence, _anaphora, _shared_roles, _cues, _places_alone)
    links = [_distance(told, i, j) for rule in rules for i, j in rule(told)]
    links.sort()  # nearest first; a link found by two rules comes twice, once taken
    joined = UnionFind(len(told))
    one: dict[frozenset[Any], frozenset[Any]] = {}
    """One set for all the mentions (or events) alike: a set each would take 216 bytes."""

    def shared(values: Iterable[Any]) -> frozenset[Any]:
        found = frozenset(values)
        return one.setdefault(found, found)

    dates = [shared({t.mention.date} - {None}) for t in told]
    agents = [shared({_side(k, entities) for k in t.fillers("agent")}) for t in told]
    undated = [shared(_undated_days(t)) for t in told]
    days = [shared(p for p in [t.published] if p is not None) for t in told]
    for i, j in (_link(told, distance) for distance, _ in groupby(links)):
        a, b = joined[i], joined[j]
        if a == b or not all(_compatible(x, y) for x in dates[a] for y in dates[b]):
            continue
        if agents[a] and agents[b] and not agents[a] & agents[b]:
            continue  # "since the attack by Hamas, fighters died under Israeli strikes"
        if told[i].mention.base_class == "Election" and not (
            _all_news(dates[a], undated[b], days[a]) and _all_news(dates[b], undated[a], days[b])
        ):
            continue  # elections come back to one place: "the election" is the one of its news
        joined.union(a, b)
        root = joined[a]
        dates[root], agents[root] = shared(dates[a] | dates[b]), shared(agents[a] | agents[b])
        undated[root], days[root] = shared(undated[a] | undated[b]), shared(days[a] | days[b])
    groups = [[told[i] for i in c] for c in joined.components()]
    return _told_in_full_elsewhere(groups)


def _undated_days(t: _Told) -> set[date | None]:
    """The day of the article of a mention with no date of its own (None: not known)."""
    return {t.published} if t.mention.date is None else set()


def _all_news(
    dates: AbstractSet[str | None], undated: AbstractSet[date | None], days: AbstractSet[date]
) -> bool:
    """Whether every date of a group may be the news of the articles that tell the other
    group undated (of an article of no known day: the news of the dated group's days)."""
    published = {d for d in undated if d is not None} or (days if None in undated else set())
    return all(_news_of(x, p) for x in dates if x for p in published)


TOLD_BY: dict[BaseClass, EventRole] = {
    "Attack": "agent",
    "Election": "participant",
    "Meeting": "participant",
}
"""Who an event told in part is told by: an attack by its attackers, an election by its
candidates, a meeting by the one participant named ("the delegation held a meeting with the
governor")."""


def _told_in_full_elsewhere(groups: list[list[_Told]]) -> list[list[_Told]]:
    """An attack an article tells by its attackers only ("the Israeli strike in Damascus on
    April 1"), an election by its candidates only, or a meeting by one participant, is the
    one such event another article of the same days tells in full (with the target; with the
    country; with two people); when there are two, it stays apart."""
    merged: dict[int, list[_Told]] = {id(g): g for g in groups}
    for base, role in TOLD_BY.items():
        told = [g for g in groups if g[0].mention.base_class == base]
        full = [g for g in told if not _partial(g)]
        having: dict[str, list[int]] = {}
        """The full groups with each filler of the role, by their index in ``full`` (only they
        may tell a part in full: not every full group for every part)."""
        for n, g in enumerate(full):
            for k in dict.fromkeys(k for t in g for k in t.fillers(role)):
                having.setdefault(k, []).append(n)
        for part in (g for g in told if _partial(g)):
            who = {k for t in part for k in t.fillers(role)}
            fewest = min((having.get(k, []) for k in who), key=len, default=[])
            told_in_full = [full[n] for n in fewest if _tells_in_full(part, full[n], who, role)]
            if len(told_in_full) == 1:
                merged[id(told_in_full[0])] = merged[id(told_in_full[0])] + part
                del merged[id(part)]
    return sorted(
        (sorted(g, key=lambda t: (t.doc_id, t.number)) for g in merged.values()),
        key=lambda g: (g[0].doc_id, g[0].number),
    )


def _partial(group: list[_Told]) -> bool:
    """An attack with no target, an election with no place, a meeting of one."""
    if group[0].mention.base_class == "Attack":
        return not any(t.fillers("target") for t in group)
    if group[0].mention.base_class == "Meeting":
        return len({k for t in group for k in t.fillers("participant")}) < MIN_SHARED["Meeting"]
    return not any(t.places for t in group)


def _tells_in_full(part: list[_Told], full: list[_Told], who: set[str], role: EventRole) -> bool:
    docs = {t.doc_id for t in full}
    days = [
        abs((a.published - b.published).days)
        for a in part
        for b in full
        if a.published is not None and b.published is not None
    ]
    dates = [t.mention.date for t in (*part, *full) if t.mention.date]
    return (
        not docs & {t.doc_id for t in part}
        and who <= {k for t in full for k in t.fillers(role)}
        and bool(days)
        and min(days) <= SAME_NEWS_DAYS
        and all(_compatible(x, y) for x in dates for y in dates)
    )


SENTENCES_APART = 2**32
"""More than any two sentences of an article can be apart."""


def _distance(told: list[_Told], i: int, j: int) -> int:
    """How far apart two mentions are (i < j): in one article before two, then by sentences
    (the meeting told right after the one in Istanbul, not the one in New York six sentences
    on), then by how many mentions apart, then by the first. One integer in the order of the
    tuple (other article, sentences, j - i, i), which ``_link`` reads back: a tuple for each
    link of a corpus would take several times the memory."""
    n = len(told)
    a, b = told[i], told[j]
    apart = (
        SENTENCES_APART
        if a.doc_id != b.doc_id
        else abs(b.mention.span.sentence - a.mention.span.sentence)
    )
    return (apart * n + (j - i)) * n + i


def _link(told: list[_Told], distance: int) -> tuple[int, int]:
    """The two mentions (i, j) of a link ``_distance`` gave."""
    rest, i = divmod(distance, len(told))
    return i, i + rest % len(told)


def _cues(told: list[_Told]) -> Iterator[tuple[int, int]]:
    """A cue ("Premadasa came second") and the event of its kind its article tells nearest
    with someone in it, else the first it tells (the story's election, however bare)."""
    story = _by_story(told)
    for i, cue in enumerate(told):
        if not cue.mention.joins:
            continue
        events = [
            (
                not t.roles,
                abs(t.mention.span.sentence - cue.mention.span.sentence) * bool(t.roles),
                j,
            )
            for j in story[cue.doc_id, cue.mention.base_class]
            if not (t := told[j]).mention.joins
        ]
        if events:
            j = min(events)[2]
            yield min(i, j), max(i, j)


def _by_story(told: list[_Told]) -> dict[tuple[str, BaseClass], list[int]]:
    """The mentions of each article and kind, in order (not the whole corpus for each)."""
    story: dict[tuple[str, BaseClass], list[int]] = {}
    for j, t in enumerate(told):
        story.setdefault((t.doc_id, t.mention.base_class), []).append(j)
    return story


def _side(key: str, entities: Mapping[str, Entity]) -> str:
    """Whose side an agent is on: a country's army, "the Iranian military", is its country's
    ("Iran"), anything else itself."""
    gazetteer = load_gazetteer()
    for word in entities[key].label.split()[:2]:
        country = gazetteer.country(word) or gazetteer.country_of_demonym(word)
        if country is not None:
            return country.code
    country = gazetteer.country(entities[key].label)
    return country.code if country is not None else key


def _places_alone(told: list[_Told]) -> Iterator[tuple[int, int]]:
    """ "An attack on a busy beach in Mogadishu": a mention that tells only where is the
    attack (or meeting) its article tells nearest with someone in it and no place of its
    own."""
    story = _by_story(told)
    for i, bare in enumerate(told):
        if bare.roles or not bare.places or bare.mention.base_class not in PLACE_ONLY:
            continue
        near = [
            (abs(t.mention.span.sentence - bare.mention.span.sentence), j)
            for j in story[bare.doc_id, bare.mention.base_class]
            if (t := told[j]).roles and not t.places and not t.mention.joins
        ]
        if near:
            j = min(near)[1]
            yield min(i, j), max(i, j)


def _same_sentence(told: list[_Told]) -> Iterator[tuple[int, int]]:
    """Two mentions of a kind, each with someone in it, in one sentence: "the assassination of
    X ... in a US strike". A bare "the attack" is left to the anaphora rule: "The attack came
    three days after fighters ambushed a patrol" tells two attacks."""
    earlier: dict[tuple[str, int, str], list[int]] = {}
    for i, t in enumerate(told):
        if t.mention.joins or not t.roles:
            continue
        key = (t.doc_id, t.mention.span.sentence, t.mention.base_class)
        yield from ((j, i) for j in earlier.get(key, []))
        earlier.setdefault(key, []).append(i)


def _anaphora(told: list[_Told]) -> Iterator[tuple[int, int]]:
    """ "the attack", told without anyone in it, is the last attack the document told by the
    same word, else the last attack it told ("The attack came three days after fighters
    ambushed a patrol": the attack the story opened with, not a "planned assault" quoted
    since), of those that may be its news: not one dated long before it ("the ordinance the
    council passed in May 2024" is no antecedent of "the vote" in a story of 2025)."""
    told_before: dict[tuple[str, str], list[int]] = {}
    for i, t in enumerate(told):
        if t.mention.joins:
            continue
        key = (t.doc_id, t.mention.base_class)
        if t.mention.definite and not t.roles and key in told_before:
            earlier = told_before[key]
            alike = [j for j in earlier if _same_word(told[j].mention.trigger, t.mention.trigger)]
            yield (alike or earlier)[-1], i
        day, published = t.mention.date, t.published
        if t.roles and (day is None or published is None or _news_of(day, published)):
            told_before.setdefault(key, []).append(i)


def _same_word(a: str, b: str) -> bool:
    """Whether two triggers are forms of one word: "attacked" and "attack", "vote" and
    "voting" (the shorter, less a final "e", begins the longer)."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    stem = short[:-1] if short.endswith("e") and len(short) > 3 else short
    return len(stem) >= 3 and long.startswith(stem)


def _shared_roles(told: list[_Told]) -> Iterator[tuple[int, int]]:
    """Pairs that tell the same event; only mentions that share a decisive filler, and may be
    of one time (``_same_time``), are compared (an index by filler, then by time, not every
    pair of the corpus: a country attacked in a year of news is in thousands of mentions)."""
    telling: dict[tuple[str, str, str], list[int]] = {}
    for i, t in enumerate(told):
        if t.mention.joins:
            continue
        for shared in _decisive_fillers(t):
            telling.setdefault(shared, []).append(i)
    for same in telling.values():  # a pair that shares two fillers comes twice: links are a set
        yield from ((i, j) for i, j in _timely_pairs(told, same) if _same_event(told[i], told[j]))


def _timely_pairs(told: list[_Told], indices: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs (i < j) of ``indices`` that ``_same_time`` allows, each at least once: two
    dates one of which begins the other, or an undated mention and one published within
    ``SAME_STORY_DAYS`` of it, or of no known day."""
    by_date: dict[str, list[int]] = {}
    undated: list[int] = []
    for i in indices:
        day = told[i].mention.date
        (by_date.setdefault(day, []) if day is not None else undated).append(i)
    for day, same in by_date.items():
        yield from combinations(same, 2)
        for prefix in (day[:n] for n in range(len(day))):
            yield from (_pair(i, j) for i in by_date.get(prefix, ()) for j in same)
    if not undated:
        return
    unknown = [i for i in indices if told[i].published is None]
    known = sorted((p, i) for i in indices if (p := told[i].published) is not None)
    days = [p for p, _ in known]
    window = timedelta(days=SAME_STORY_DAYS)
    no_date = set(undated)
    for i in undated:
        published = told[i].published
        others = indices
        if published is not None:
            near = known[
                bisect_left(days, published - window) : bisect_right(days, published + window)
            ]
            others = [*unknown, *(j for _, j in near)]
        # two undated mentions: once, from the first (the relation is symmetric)
        yield from (_pair(i, j) for j in others if j > i or (j < i and j not in no_date))


def _pair(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def _decisive_fillers(t: _Told) -> set[tuple[str, str, str]]:
    """(base class, role, entity key) of what two mentions must share to tell one event."""
    base = t.mention.base_class
    attackers = {(base, "attacker", k) for k in t.fillers("agent")} if base == "Attack" else set()
    return {(base, role, key) for role, key in _decisive(t)} | attackers


def _decisive(t: _Told) -> set[tuple[str, str]]:
    """The (role, entity key) pairs that tell which event a mention is: an attack's targets,
    or its attackers when it names no target; an election's place, or its candidates when
    it names no place; a law's legislature; a meeting's participants."""
    base = t.mention.base_class
    if base == "Election":
        places = {("place", p) for p in t.places}
        return places or {("participant", k) for k in t.fillers("participant")}
    if base == "Attack":
        targets = {("target", k) for k in t.fillers("target")}
        return targets or {("agent", k) for k in t.fillers("agent")}
    return {(role, key) for role in DECISIVE_ROLES.get(base, ()) for key in t.fillers(role)}


def _weak(t: _Told) -> bool:
    """Whether a mention names too little to tell its event among others: an attack by
    someone on no one named, an election without its country, a meeting of one."""
    base = t.mention.base_class
    roles = _decisive(t)
    if base in {"Attack", "Election"}:
        return not any(role in {"target", "place"} for role, _ in roles)
    return len(roles) < MIN_SHARED.get(base, 1)


def _same_event(a: _Told, b: _Told) -> bool:
    """Mentions that share their decisive fillers, as many as a kind needs (two people for a
    meeting), with dates that agree; a mention that names too little only in another
    article that tells it alike (copies of one story: "the attack by X" in each)."""
    base = a.mention.base_class
    mine, theirs = _decisive(a), _decisive(b)
    if not _same_time(a, b):
        return False
    if base == "Attack" and _weak(a) != _weak(b):
        return _told_in_full(*((a, b) if _weak(a) else (b, a)))
    if _weak(a) or _weak(b):
        return (
            a.doc_id != b.doc_id
            and mine == theirs
            and (a.mention.event_class, set(a.places), a.mention.date)
            == (b.mention.event_class, set(b.places), b.mention.date)
        )
    return len(mine & theirs) >= MIN_SHARED.get(base, 1) and _compatible(
        a.mention.date, b.mention.date
    )


def _same_time(a: _Told, b: _Told) -> bool:
    """Whether two mentions may be one event by their time: dated alike, or, when one has no
    date, told in articles of the same weeks (the House's bill in a story of one year is not
    another House's bill in a story of the next)."""
    if a.mention.date is not None and b.mention.date is not None:
        return _compatible(a.mention.date, b.mention.date)
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= SAME_STORY_DAYS


def _news_of(day: str, published: date) -> bool:
    """Whether an event of this date may be the news of an article of this day: not one of
    years before ("the election" in a story of 2023 is not the 2020 one)."""
    parts = [int(part) for part in day.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    last = date(year, month, parts[2] if len(parts) > 2 else monthrange(year, month)[1])
    return last >= published - timedelta(days=SAME_STORY_DAYS)


def _told_in_full(weak: _Told, full: _Told) -> bool:
    """ "Iran's attack" in one article is the attack on Israel by Iran another article of the
    same days tells: its attackers among theirs, dates that agree ("the strike" and "the attack"
    are one)."""
    days = (
        abs((weak.published - full.published).days)
        if weak.published is not None and full.published is not None
        else None
    )
    attackers = weak.fillers("agent")
    return (
        weak.doc_id != full.doc_id
        and days is not None
        and days <= SAME_NEWS_DAYS
        and bool(attackers)
        and attackers <= full.fillers("agent")
        and _compatible(weak.mention.date, full.mention.date)
    )


def _compatible(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x.startswith(y) or y.startswith(x)


# -- dates --------------------------------------------------------------------------------------


def _dates(groups: list[list[_Told]]) -> dict[int, str]:
    """Each group's date: the most precise one its mentions agree on; then "two days after
    the assassination" counts from the date of the group the assassination is in."""
    dates: dict[int, str] = {}
    group_of = {(t.doc_id, t.number): n for n, group in enumerate(groups) for t in group}
    for n, group in enumerate(groups):
        if (date := _agreed([t.mention.date for t in group])) is not None:
            dates[n] = date
    for n, group in enumerate(groups):
        for t in group:
            if n in dates or t.mention.relative is None:
                continue
            days, anchor = t.mention.relative
            anchor_date = dates.get(group_of.get((t.doc_id, anchor), -1))
            if anchor_date is not None and (moved := shift(anchor_date, days)) is not None:
                dates[n] = moved
    return dates


def _agreed(values: list[str | None]) -> str | None:
    known = [v for v in values if v]
    if not known:
        return None
    best = max(known, key=lambda v: (sum(_compatible(v, w) for w in known), len(v)))
    return best if all(_compatible(best, v) for v in known) else Counter(known).most_common(1)[0][0]


# -- events ---------------------------------------------------------------------------------------


def _event(
    group: list[_Told], date: str | None, entities: Mapping[str, Entity], country: str | None
) -> Event | None:
    """The event a group of mentions tells (a cue's too, when it joined none: see
    ``_told_before``); an election told with no place is held in the country its article is
    about."""
    base = group[0].mention.base_class
    roles = {
        role: _ordered(k for t in group for r, k in t.roles if r == role) for role in EVENT_ROLES
    }
    if not (_enough(base, roles, entities) or _hosted_gathering(group, date)):
        return None
    places = sorted(
        {p for t in group for p in t.places if entities[p].kind is Kind.PLACE},
        key=lambda p: (_place_rank(entities[p]), p),
    )
    if base == "Election" and not places and country is not None:
        places = [country]
    classes = Counter(t.mention.event_class for t in group)
    event_class = max(classes, key=lambda c: (c != base, classes[c]))
    actors = roles["participant"] or roles["target"] or roles["agent"]
    label = f"{event_class}: {', '.join(entities[k].label for k in actors)}" + (
        f" ({date})" if date else ""
    )
    return Event(
        event_class=event_class,
        base_class=base,
        label=label,
        evidence=tuple(dict.fromkeys(t.mention.span for t in group)),
        agents=roles["agent"],
        targets=roles["target"],
        participants=roles["participant"],
        places=tuple(places[:1]),
        date=date,
    )


def _told_before(cues: list[_Told], date: str | None, told_in: set[tuple[str, BaseClass]]) -> bool:
    """Whether cues that joined no event tell one of their own: an earlier one, of the year
    they name, in an article that tells another of its kind ("He had also stood, and lost, in
    1999" in a story of this year's election). A cue of no event the article tells is none
    ("Arsenal beat Chelsea")."""
    first = cues[0]
    return (
        date is not None
        and len(date) == 4
        and (first.doc_id, first.mention.base_class) in told_in
        and (first.published is None or int(date) < first.published.year)
    )


def _enough(
    base: BaseClass, roles: dict[EventRole, tuple[str, ...]], entities: Mapping[str, Entity]
) -> bool:
    """Someone takes part; a meeting needs two people, or a body that meets; a law, a
    legislature."""
    if base == "Meeting":
        people = [k for k in roles["participant"] if entities[k].kind is Kind.PERSON]
        return len(roles["participant"]) >= 2 or len(people) < len(roles["participant"])
    if base == "Legislation":  # a legislature passes laws ("Gdańsk voted for ..." does not,
        # nor do a party's lawmakers voting against a bill: the chamber's vote is the event)
        return any(
            entities[k].kind is Kind.ORGANIZATION and "PoliticalParty" not in entities[k].fine_types
            for k in roles["agent"]
        )
    return any(roles.values())


def _hosted_gathering(group: list[_Told], date: str | None) -> bool:
    """A gathering told with its host, its place and its day is a meeting though it names no
    one else ("Trudeau ended a two-day gathering of his ministers in Sudbury on Monday")."""
    return (
        date is not None
        and any(t.places for t in group)
        and any(t.fillers("participant") for t in group)
        and any(t.mention.trigger.lower() in GATHERINGS for t in group)
    )


def _place_rank(place: Entity) -> int:
    return min((PLACE_ORDER.get(t, 2) for t in place.fine_types), default=2)


def _ordered(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


REPORTERS = frozenset({"news agency", "broadcaster", "newspaper", "platform"})
"""Known organizations that carry what others say ("according to Reuters", "on X")."""


def _can_speak(entity: Entity) -> bool:
    """People, organizations and countries speak ("Ankara said": its government); a town or a
    region does not ("Gaza said" is rare, "in Gaza, officials said" is common), nor an outlet or
    a platform that only carries the words."""
    known = known_organizations().get(fold(entity.label))
    if known is not None and known.kind in REPORTERS:
        return False
    return entity.kind is not Kind.PLACE or "Country" in entity.fine_types


def _statements(told: list[_Told], entities: Mapping[str, Entity]) -> list[Event]:
    """One statement per speaker per article, with every sentence and text it comes from."""
    by_speaker: dict[tuple[str, str], list[_Told]] = {}
    for t in told:
        for speaker in _ordered(k for r, k in sorted(t.roles) if r == "agent"):
            if _can_speak(entities[speaker]):
                by_speaker.setdefault((t.doc_id, speaker), []).append(t)
    return [
        Event(
            event_class=STATEMENT,
            base_class=STATEMENT,
            label=f"Statement by {entities[speaker].label}",
            evidence=tuple(dict.fromkeys(t.mention.span for t in group)),
            agents=(speaker,),
            texts=tuple(dict.fromkeys(t.mention.text for t in group if t.mention.text)),
        )
        for (_, speaker), group in by_speaker.items()
    ]
