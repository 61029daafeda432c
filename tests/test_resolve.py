"""Resolution on hand-built extractions: one entity per real thing, facts, events, statements."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kg.records import (
    Alias,
    Document,
    Entity,
    EventMention,
    Extraction,
    Kind,
    Mention,
    Relation,
    RelationMention,
    Resolution,
    Span,
)
from kg.resolve import resolve

NOWHERE = Span("", 0, 0, 0)


def person(text: str, *, sentence: int = 0) -> Mention:
    return Mention(text, Kind.PERSON, replace(NOWHERE, sentence=sentence))


def org(text: str, *, fine_type: str | None = None) -> Mention:
    return Mention(text, Kind.ORGANIZATION, NOWHERE, fine_type)


def place(text: str, *, key: str | None = None, naming: bool = True) -> Mention:
    fine_type = "Country" if key and key.startswith("country@") else None
    return Mention(text, Kind.PLACE, NOWHERE, fine_type, key, naming)


def event(
    base: str,
    *roles: tuple[str, int],
    event_class: str | None = None,
    trigger: str = "trigger",
    sentence: int = 0,
    day: str | None = None,
    relative: tuple[int, int] | None = None,
    definite: bool = False,
    text: str | None = None,
) -> EventMention:
    return EventMention(
        event_class or base,
        base,
        trigger,
        replace(NOWHERE, sentence=sentence),
        roles=roles,
        date=day,
        relative=relative,
        definite=definite,
        text=text,
    )


def extraction(
    doc_id: str,
    *mentions: Mention,
    aliases: tuple[Alias, ...] = (),
    relations: tuple[tuple[int, Relation, int, str | None], ...] = (),
    events: tuple[EventMention, ...] = (),
) -> Extraction:
    """An extraction whose records get distinct character spans in document ``doc_id``."""

    def at(span: Span, n: int) -> Span:
        return Span(doc_id, span.sentence, 10 * n, 10 * n + 5)

    return Extraction(
        Document(doc_id, doc_id, "(text)", published=date(2024, 3, 13)),
        (),
        tuple(replace(m, span=at(m.span, n)) for n, m in enumerate(mentions)),
        aliases,
        tuple(
            RelationMention(s, r, o, at(mentions[s].span, s), title) for s, r, o, title in relations
        ),
        tuple(replace(e, span=at(e.span, 1000 + n)) for n, e in enumerate(events)),
    )


def entity(res: Resolution, name: str) -> Entity:
    (found,) = [e for e in res.entities if name in e.names]
    return found


def key(res: Resolution, name: str) -> str:
    return entity(res, name).key


def facts(res: Resolution) -> set[tuple[str, Relation, str, str | None]]:
    labels = {e.key: e.label for e in res.entities}
    return {(labels[f.subject], f.relation, labels[f.object], f.title) for f in res.facts}


def events_of(res: Resolution, base: str):
    return [e for e in res.events if e.base_class == base]


# -- entities ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Wanjiru Kamau", "Kamau"),
        ("Hamid al-Zubaidi", "Zubaidi"),
        ("Hamid al-Zubaidi", "al-Zubaidi"),
        ("Hamid Zubaidi", "al-Zubaidi"),
        ("Lucia de Vicente", "Vicente"),
    ],
)
def test_surname_joins_the_full_name_in_the_same_document(full, short):
    """Even when another document names someone else with that surname."""
    other = f"Grace {full.split()[-1]}"
    res = resolve(
        [
            extraction("a", person(full), person(short, sentence=1)),
            extraction("b", person(other)),
        ]
    )
    assert [(e.label, e.alt_labels) for e in res.entities] == [(full, (short,)), (other, ())]


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Wanjiru Kamau", "Kamau"),
        ("Hamid al-Zubaidi", "Zubaidi"),
        ("Hamid al-Zubaidi", "al-Zubaidi"),
    ],
)
def test_surname_joins_the_full_name_across_documents(full, short):
    res = resolve([extraction("a", person(full)), extraction("b", person(short))])
    assert [(e.label, e.documents) for e in res.entities] == [(full, ("a", "b"))]


@pytest.mark.parametrize(
    ("mentions", "count"),
    [
        ((place("Ravi Menon"), org("Ravi")), 1),  # a person's name the model typed a place
        ((place("Ravi Menon"), org("Ravi Kumar"), org("Ravi")), 3),  # which Ravi?
        ((place("Ravi Menon"), person("Ravi Shankar"), org("Ravi")), 2),  # the person's
        ((place("Costa Rica", key="country@CR"), org("Costa")), 2),  # a known place
        ((org("Menon University"), org("Menon")), 2),  # an organization's name
        ((place("San Ravi de Menon"), org("San")), 2),  # a longer name's first word
        ((org("Ravi Menon"), place("Ravi")), 2),  # a place
    ],
)
def test_a_lone_name_joins_the_one_name_of_a_persons_shape_the_model_typed_otherwise(
    mentions, count
):
    assert len(resolve([extraction("a", *mentions)]).entities) == count


def test_two_people_sharing_a_surname_stay_two():
    res = resolve(
        [
            extraction("a", person("Wanjiru Kamau"), person("Kamau")),
            extraction("b", person("Peter Kamau"), person("Kamau")),
        ]
    )
    assert sorted((e.label, e.documents) for e in res.entities) == [
        ("Peter Kamau", ("b",)),
        ("Wanjiru Kamau", ("a",)),
    ]


@pytest.mark.parametrize(
    ("mentions", "alone"),
    [
        ((person("Ana Kamau"), person("Kamau"), person("Peter Kamau")), ()),  # Ana's, before
        ((person("Ana Kamau"), person("Peter Kamau"), person("Kamau")), ("Kamau",)),  # which?
        ((person("Kamau"), person("Ana Kamau"), person("Peter Kamau")), ("Kamau",)),  # nobody's
    ],
)
def test_a_surname_told_before_a_second_holder_is_named_is_the_first_holders(mentions, alone):
    res = resolve([extraction("a", *mentions)])
    assert entity(res, "Ana Kamau").alt_labels == (() if alone else ("Kamau",))
    assert tuple(e.label for e in res.entities if e.label in {"Kamau"}) == alone


@pytest.mark.parametrize(("coach_title", "people"), [("Coach", 2), ("President", 1), (None, 1)])
def test_a_lone_surname_with_another_post_is_another_person(coach_title, people):
    """ "Smith, the coach" in one article is not "President John Smith" of another."""
    relations = ((0, Relation.HOLDS_POST, 1, coach_title),) if coach_title else ()
    res = resolve(
        [
            extraction(
                "a",
                person("John Smith"),
                place("Kenya", key="country@KE"),
                relations=((0, Relation.HOLDS_POST, 1, "President"),),
            ),
            extraction("b", person("Smith"), org("Harambee Stars"), relations=relations),
        ]
    )
    assert len([e for e in res.entities if e.kind is Kind.PERSON]) == people


@pytest.mark.parametrize(("aliases", "count"), [((Alias(0, 1),), 1), ((), 2)])
def test_acronym_alias_merges(aliases, count):
    """ "Workers' Party (PT)": an acronym from another language, so only the alias links them."""
    res = resolve(
        [
            extraction("a", org("Workers' Party"), org("PT"), aliases=aliases),
            extraction("b", org("PT")),
        ]
    )
    assert len(res.entities) == count
    if count == 1:
        (party,) = res.entities
        assert (party.label, party.alt_labels, party.documents) == (
            "Workers' Party",
            ("PT",),
            ("a", "b"),
        )


@pytest.mark.parametrize(("short", "count"), [("NDMA", 1), ("BoG", 1), ("Bog", 2), ("BoK", 2)])
def test_initials_with_their_small_words_in_lower_case_are_the_name(short, count):
    """ "BoG" spells "Bank of Ghana" with its "of"; "Bog" is no initials."""
    name = "National Disaster Management Authority" if short == "NDMA" else "Bank of Ghana"
    res = resolve([extraction("a", org(name), org(short))])
    assert len(res.entities) == count


@pytest.mark.parametrize("names", [("US", "United States"), ("US", "America"), ("US",)])
def test_same_country_key_is_one_entity_labelled_by_the_gazetteer(names):
    res = resolve(
        [extraction(f"d{n}", place(name, key="country@US")) for n, name in enumerate(names)]
    )
    (country,) = res.entities
    assert country.label == "United States"
    assert set(country.alt_labels) == set(names) - {"United States"}
    assert country.fine_types == ("Country",)
    assert len(country.documents) == len(names)


def test_label_is_the_fullest_name_and_the_others_alt_labels():
    res = resolve(
        [
            extraction("a", person("Kamau"), person("Wanjiru Kamau"), person("Kamau")),
            extraction("b", person("Wanjiru Kamau"), org("KRCS"), org("Kenya Red Cross Society")),
        ]
    )
    assert [(e.label, e.alt_labels) for e in res.entities] == [
        ("Wanjiru Kamau", ("Kamau",)),
        ("Kenya Red Cross Society", ("KRCS",)),
    ]


@pytest.mark.parametrize(
    ("mentions", "label"),
    [
        ((place("Kenyan", key="country@KE", naming=False),), "Kenya"),
        (
            (place("Kenya", key="country@KE"), place("Kenyan", key="country@KE", naming=False)),
            "Kenya",
        ),
        (
            (
                Mention(
                    "Kenyan lawmakers",
                    Kind.ORGANIZATION,
                    NOWHERE,
                    "GovernmentOrganization",
                    "parliament@KE",
                    naming=False,
                ),
            ),
            "Parliament of Kenya",
        ),
    ],
)
def test_non_naming_mention_gives_no_label(mentions, label):
    (found,) = resolve([extraction("a", *mentions)]).entities
    assert (found.label, found.alt_labels) == (label, ())


# -- facts ------------------------------------------------------------------------------------


def test_post_gives_holds_and_member_of():
    res = resolve(
        [
            extraction(
                "a",
                person("Amina Odhiambo"),
                org("Safaricom"),
                relations=((0, Relation.HOLDS_POST, 1, "Chairman"),),
            )
        ]
    )
    assert facts(res) == {
        ("Amina Odhiambo", Relation.HOLDS_POST, "Safaricom", "Chairman"),
        ("Amina Odhiambo", Relation.MEMBER_OF, "Safaricom", None),
    }


@pytest.mark.parametrize("fine_type", ["GovernmentOrganization", None])
def test_post_in_a_body_of_a_country_gives_no_nationality(fine_type):
    res = resolve(
        [
            extraction(
                "a",
                person("Wanjiru Kamau"),
                org("Ministry of Health", fine_type=fine_type),
                place("Kenya", key="country@KE"),
                relations=(
                    (0, Relation.HOLDS_POST, 1, "Minister"),
                    (1, Relation.LOCATION, 2, None),
                ),
            )
        ]
    )
    assert ("Wanjiru Kamau", Relation.NATIONALITY, "Kenya", None) not in facts(res)


def test_fact_stated_twice_is_one_fact_with_both_sentences():
    res = resolve(
        [
            extraction(
                "a",
                person("Amina Odhiambo"),
                org("Safaricom"),
                relations=((0, Relation.HOLDS_POST, 1, "Chairman"),),
            ),
            extraction(
                "b",
                person("Amina Odhiambo"),
                org("Safaricom"),
                relations=((0, Relation.HOLDS_POST, 1, "Chairman"),),
            ),
        ]
    )
    (holds,) = [f for f in res.facts if f.relation is Relation.HOLDS_POST]
    assert [span.doc_id for span in holds.evidence] == ["a", "b"]


# -- events -----------------------------------------------------------------------------------


def test_same_attack_in_two_documents_is_one_event():
    res = resolve(
        [
            extraction(
                "a",
                person("Jorge Mejia"),
                events=(event("Attack", ("target", 0), trigger="killed", day="2024-03-10"),),
            ),
            extraction(
                "b",
                person("Jorge Mejia"),
                events=(event("Attack", ("target", 0), event_class="Assassination"),),
            ),
        ]
    )
    (attack,) = events_of(res, "Attack")
    assert attack.documents == ("a", "b")
    assert attack.targets == (key(res, "Jorge Mejia"),)
    assert (attack.event_class, attack.date) == ("Assassination", "2024-03-10")


@pytest.mark.parametrize(
    ("second_doc", "second_day", "count"),
    [("b", None, 1), ("b", "2024-03-10", 2), ("a", None, 2)],
    ids=["a-copy-is-one-event", "another-day-is-another", "twice-in-one-article-is-two"],
)
def test_an_attack_by_someone_on_no_one_named_is_one_event_only_across_copies(
    second_doc, second_day, count
):
    """ "An attack by the BLA": copies of one story tell one attack, but one article telling
    two attacks by the same group, or two days, are two."""
    first = event("Attack", ("agent", 0), trigger="attack")
    second = event("Attack", ("agent", 0), trigger="attack", sentence=3, day=second_day)
    docs = (
        [extraction("a", org("Baloch Liberation Army"), events=(first, second))]
        if second_doc == "a"
        else [
            extraction("a", org("Baloch Liberation Army"), events=(first,)),
            extraction("b", org("Baloch Liberation Army"), events=(second,)),
        ]
    )
    assert len(events_of(resolve(docs), "Attack")) == count


@pytest.mark.parametrize(
    ("published", "attacker", "count"),
    [
        (date(2024, 3, 14), "Iran", 1),
        (date(2024, 9, 1), "Iran", 2),
        (date(2024, 3, 14), "Syria", 2),
    ],
    ids=["same-days-is-one", "months-later-is-another", "another-attacker-is-another"],
)
def test_an_attack_by_someone_is_the_attack_another_article_of_those_days_tells_in_full(
    published, attacker, count
):
    """ "Iran's attack" in a live blog is the attack on Israel by Iran the wire told the day
    before; months later, or by someone else, it is another attack."""
    full = extraction(
        "a",
        org("Iran"),
        place("Israel"),
        events=(event("Attack", ("agent", 0), ("target", 1), trigger="attack"),),
    )
    weak = extraction("b", org(attacker), events=(event("Attack", ("agent", 0), trigger="attack"),))
    weak = replace(weak, document=replace(weak.document, published=published))
    assert len(events_of(resolve([full, weak]), "Attack")) == count


@pytest.mark.parametrize(
    ("others", "held_in"),
    [((), ("Mexico",)), (("Puebla", "Puebla"), ())],
    ids=["the-article-is-about-a-country", "the-article-names-a-city-most"],
)
def test_an_election_told_with_no_place_is_held_in_the_country_its_article_is_about(
    others, held_in
):
    """ "Sheinbaum won Sunday's presidential election" in an article about Mexico is Mexico's
    election; in one about Puebla's mayoral race it may be Puebla's: no place is given."""
    mentions = [person("Claudia Sheinbaum"), place("Mexico", key="country@MX")]
    mentions += [place(name) for name in others]
    res = resolve([extraction("a", *mentions, events=(event("Election", ("participant", 0)),))])
    (election,) = events_of(res, "Election")
    assert election.places == tuple(key(res, name) for name in held_in)


def test_an_undated_mention_does_not_join_two_meetings_of_different_dates():
    """ "They met in Istanbul on Friday ... the meeting ... they last met in September": the
    undated meeting may be either, but the two dated ones stay two."""
    both = (("participant", 0), ("participant", 1))
    res = resolve(
        [
            extraction(
                "a",
                person("Piotr Nowak"),
                person("Kofi Boateng"),
                events=(
                    event("Meeting", *both, day="2024-11-01"),
                    event("Meeting", *both, sentence=1),
                    event("Meeting", *both, sentence=6, day="2024-09"),
                ),
            )
        ]
    )
    assert sorted(e.date or "" for e in events_of(res, "Meeting")) == ["2024-09", "2024-11-01"]


@pytest.mark.parametrize(
    ("trigger", "day", "count"),
    [("retreat", "2016-08-22", 1), ("retreat", None, 0), ("met", "2016-08-22", 0)],
)
def test_a_gathering_told_with_its_host_place_and_day_is_a_meeting(trigger, day, count):
    """ "Trudeau ended the cabinet retreat in Sudbury on Monday" is a meeting; "Trudeau met" is
    none without someone he met, nor a retreat without its day."""
    mention = replace(event("Meeting", ("participant", 0), trigger=trigger, day=day), places=(1,))
    res = resolve([extraction("a", person("Justin Trudeau"), place("Sudbury"), events=(mention,))])
    assert len(events_of(res, "Meeting")) == count


@pytest.mark.parametrize(("second", "count"), [("Kofi Boateng", 1), ("Lars Holm", 2)])
def test_meetings_are_one_when_they_share_two_participants(second, count):
    res = resolve(
        [
            extraction(
                "a",
                person("Piotr Nowak"),
                person("Kofi Boateng"),
                events=(event("Meeting", ("participant", 0), ("participant", 1)),),
            ),
            extraction(
                "b",
                person("Piotr Nowak"),
                person(second),
                events=(event("Meeting", ("participant", 0), ("participant", 1)),),
            ),
        ]
    )
    assert len(events_of(res, "Meeting")) == count


@pytest.mark.parametrize(("definite", "evidence"), [(True, 2), (False, 1)])
def test_definite_mention_without_roles_is_the_previous_event(definite, evidence):
    res = resolve(
        [
            extraction(
                "a",
                person("Jorge Mejia"),
                events=(
                    event("Attack", ("target", 0), sentence=0),
                    event("Attack", event_class="Bombing", sentence=2, definite=definite),
                ),
            )
        ]
    )
    (attack,) = events_of(res, "Attack")
    assert len(attack.evidence) == evidence


@pytest.mark.parametrize(
    ("anchor_day", "days", "expected"),
    [
        ("2024-03-10", 2, "2024-03-12"),
        ("2024-02-28", 2, "2024-03-01"),
        ("2024-03-10", -1, "2024-03-09"),
        ("2024-03", 2, None),
    ],
)
def test_relative_date_counts_from_the_anchor_event(anchor_day, days, expected):
    res = resolve(
        [
            extraction(
                "a",
                person("Jorge Mejia"),
                person("Piotr Nowak"),
                person("Kofi Boateng"),
                events=(
                    event("Attack", ("target", 0), day=anchor_day),
                    event(
                        "Meeting",
                        ("participant", 1),
                        ("participant", 2),
                        sentence=1,
                        relative=(days, 0),
                    ),
                ),
            )
        ]
    )
    (meeting,) = events_of(res, "Meeting")
    assert meeting.date == expected


def test_one_statement_per_speaker_per_document():
    res = resolve(
        [
            extraction(
                "a",
                person("Kofi Boateng"),
                person("Piotr Nowak"),
                person("Boateng", sentence=2),
                events=(
                    event("Statement", ("agent", 0), text="trade will grow"),
                    event("Statement", ("agent", 1), sentence=1, text="talks were useful"),
                    event("Statement", ("agent", 2), sentence=2, text="the border will reopen"),
                ),
            ),
            extraction(
                "b",
                person("Kofi Boateng"),
                events=(event("Statement", ("agent", 0), text="prices will fall"),),
            ),
        ]
    )
    labels = {e.key: e.label for e in res.entities}
    statements = sorted(
        (labels[s.agents[0]], s.documents, s.texts) for s in events_of(res, "Statement")
    )
    assert statements == [
        ("Kofi Boateng", ("a",), ("trade will grow", "the border will reopen")),
        ("Kofi Boateng", ("b",), ("prices will fall",)),
        ("Piotr Nowak", ("a",), ("talks were useful",)),
    ]


def test_a_country_speaks_a_town_does_not():
    """ "Ankara said": a country's government speaks; "in Gaza, ..." tells only where."""
    res = resolve(
        [
            extraction(
                "a",
                place("Turkey", key="country@TR"),
                place("Gaza"),
                events=(
                    event("Statement", ("agent", 0), text="talks will go on"),
                    event("Statement", ("agent", 1), text="aid arrived"),
                ),
            )
        ]
    )
    labels = {e.key: e.label for e in res.entities}
    assert [labels[s.agents[0]] for s in events_of(res, "Statement")] == ["Turkey"]


def test_an_outlet_or_a_platform_carries_words_it_does_not_speak():
    res = resolve(
        [
            extraction(
                "a",
                org("Reuters"),
                org("Telegram"),
                person("Kofi Boateng"),
                events=(
                    event("Statement", ("agent", 0), text="the port reopened"),
                    event("Statement", ("agent", 1), text="the port reopened"),
                    event("Statement", ("agent", 2), text="the port reopened"),
                ),
            )
        ]
    )
    labels = {e.key: e.label for e in res.entities}
    assert [labels[s.agents[0]] for s in events_of(res, "Statement")] == ["Kofi Boateng"]


@pytest.mark.parametrize(
    ("participants", "kept"),
    [
        ((person("Piotr Nowak"),), False),
        ((person("Piotr Nowak"), person("Kofi Boateng")), True),
        ((org("Kenya Red Cross Society"),), True),  # a body meets on its own
    ],
)
def test_meeting_needs_two_participants(participants, kept):
    roles = [("participant", n) for n in range(len(participants))]
    res = resolve([extraction("a", *participants, events=(event("Meeting", *roles),))])
    assert bool(events_of(res, "Meeting")) is kept


def test_event_without_anyone_is_dropped():
    res = resolve([extraction("a", person("Jorge Mejia"), events=(event("Attack"),))])
    assert res.events == ()


# -- descriptions -------------------------------------------------------------------------------


def described(role: str, *descriptors: int, words: tuple[str, ...] = ()) -> Mention:
    return Mention(
        f"the {role}",
        Kind.PERSON,
        NOWHERE,
        naming=False,
        description=role,
        descriptors=descriptors,
        described_by=words,
    )


def council_document(description: Mention, *, fine_type: str | None = None) -> Extraction:
    """Two Kenyans; only the first holds a post in Kenya's National Security Council."""
    return extraction(
        "d1",
        person("Amina Odhiambo"),  # 0
        org("National Security Council", fine_type=fine_type),  # 1
        place("Kenya", key="country@KE"),  # 2
        person("Peter Kamau"),  # 3
        place("Kenyan", key="country@KE", naming=False),  # 4
        description,  # 5
        relations=(
            (0, Relation.HOLDS_POST, 1, "Secretary"),
            (1, Relation.LOCATION, 2, None),
            (3, Relation.NATIONALITY, 4, None),
            (5, Relation.NATIONALITY, 4, None),
        ),
        events=(event("Statement", ("agent", 5), text="we are ready"),),
    )


@pytest.mark.parametrize(
    ("description", "speaker"),
    [
        (described("secretary", 1), "Amina Odhiambo"),  # the council's secretary
        (described("official", 4, words=("security",)), "Amina Odhiambo"),  # a security body
        (described("official", 4), "Peter Kamau"),  # a tie: the one named last before it
    ],
)
def test_description_resolves_to_the_person_it_fits(description, speaker):
    res = resolve([council_document(description)])
    (statement,) = events_of(res, "Statement")
    assert statement.agents == (key(res, speaker),)
    assert all(e.label != "the secretary" and "the official" not in e.names for e in res.entities)


def test_description_nothing_fits_stays_unresolved():
    res = resolve([council_document(described("governor"))])
    assert events_of(res, "Statement") == []


def test_a_description_naming_an_organization_fits_only_its_people():
    """ "the head of Kenya's Ports Authority" is no Kenyan the document names elsewhere."""
    document = extraction(
        "d1",
        person("Peter Kamau"),  # 0
        place("Kenyan", key="country@KE", naming=False),  # 1
        org("Kenya Ports Authority"),  # 2
        place("Kenya", key="country@KE"),  # 3
        described("head", 2, 3),  # 4
        relations=((0, Relation.NATIONALITY, 1, None), (2, Relation.LOCATION, 3, None)),
        events=(event("Statement", ("agent", 4), text="we are ready"),),
    )
    assert events_of(resolve([document]), "Statement") == []


def test_what_a_description_says_becomes_a_fact_of_the_person():
    res = resolve([council_document(described("secretary", 1))])
    assert ("Amina Odhiambo", Relation.NATIONALITY, "Kenya", None) in facts(res)


@pytest.mark.parametrize(
    ("names", "organizations"),
    [
        (["European Commission", "Commission"], 1),  # the one commission of the article
        (["European Commission", "Electoral Commission", "Commission"], 3),  # which one?
        (["European Commission", "Barclays"], 2),  # not an organization word
    ],
)
def test_a_lone_organization_word_names_the_one_it_ends(names, organizations):
    res = resolve([extraction("a", *(org(n) for n in names))])
    assert len(res.entities) == organizations


@pytest.mark.parametrize(
    ("named", "count"),
    [("Bank of Ghana", 1), ("Central Bank of Ghana", 1), ("Ghana Commercial Bank", 2)],
)
def test_an_institution_is_the_proper_name_it_goes_by(named, count):
    described = Mention("Ghana's central bank", Kind.ORGANIZATION, NOWHERE, key="central bank@GH")
    res = resolve([extraction("a", org(named), described)])
    assert len(res.entities) == count


@pytest.mark.parametrize(
    ("agent", "kept"),
    [
        (org("National Assembly"), 1),
        (place("Gdansk"), 0),
        (org("New Democratic Party", fine_type="PoliticalParty"), 0),  # its lawmakers voted
    ],
)
def test_a_law_needs_a_legislature(agent, kept):
    res = resolve([extraction("a", agent, events=(event("Legislation", ("agent", 0)),))])
    assert len(events_of(res, "Legislation")) == kept


@pytest.mark.parametrize(("dateline", "linked"), [("Nairobi", True), ("Narnia Vale", False)])
def test_a_dateline_names_a_place_of_the_graph(dateline, linked):
    ex = extraction("a", place("Nairobi"))
    ex = replace(ex, document=replace(ex.document, dateline_place=dateline))
    res = resolve([ex])
    assert res.datelines == ((("a", key(res, "Nairobi")),) if linked else ())


def test_a_fact_that_does_not_fit_the_kinds_is_dropped():
    """ "Jilib" read once as the place of an organization, but a person everywhere else."""
    res = resolve(
        [
            extraction(
                "a",
                org("Danab Brigade"),
                place("Jilib"),
                person("Jilib"),
                person("Jilib"),
                relations=((0, Relation.LOCATION, 1, None),),
            )
        ]
    )
    assert entity(res, "Jilib").kind is Kind.PERSON
    assert not any(f.relation is Relation.LOCATION for f in res.facts)


def test_a_bare_attack_beside_another_in_its_sentence_is_the_earlier_one():
    """ "Rebels attacked a base. The attack came three days after they ambushed a patrol." """
    res = resolve(
        [
            extraction(
                "a",
                org("Army Base"),
                org("Police Patrol"),
                events=(
                    event("Attack", ("target", 0), sentence=0),
                    event("Attack", sentence=1, definite=True),
                    event("Attack", ("target", 1), sentence=1),
                ),
            )
        ]
    )
    attacks = {e.targets[0]: {s.sentence for s in e.evidence} for e in events_of(res, "Attack")}
    assert attacks == {key(res, "Army Base"): {0, 1}, key(res, "Police Patrol"): {1}}


def test_a_bare_institution_name_in_a_story_is_that_countrys_institution_across_documents():
    kenya = place("Kenya", key="country@KE")
    keyed = Mention("Senate", Kind.ORGANIZATION, NOWHERE, "GovernmentOrganization", "senate@KE")
    res = resolve(
        [
            extraction("a", kenya, org("Senate")),  # the model's "Senate" in a Kenyan story
            extraction("b", kenya, keyed),  # "Senate Speaker X" read as Kenya's senate
            extraction("c", place("Thailand", key="country@TH"), org("Senate")),
        ]
    )
    senates = sorted((e.documents, e.label) for e in res.entities if "Senate" in e.names)
    assert senates == [(("a", "b"), "Senate of Kenya"), (("c",), "Senate")]


def test_an_institution_name_two_countries_share_is_labelled_with_its_country():
    kenya = place("Kenya", key="country@KE")
    thailand = place("Thailand", key="country@TH")
    res = resolve(
        [
            extraction("a", kenya, kenya, org("Senate")),
            extraction("b", thailand, thailand, org("Senate")),
            extraction(
                "c",
                place("Russia", key="country@RU"),
                place("China", key="country@CN"),
                org("Senate"),
            ),  # no one country the story is about: the bare name
        ]
    )
    senates = sorted(e.label for e in res.entities if "Senate" in e.names)
    assert senates == ["Senate", "Senate of Kenya", "Senate of Thailand"]


@pytest.mark.parametrize(
    ("region", "count"), [("region@IN/KA", 1), ("region@US/TX", 2)], ids=["same", "other"]
)
def test_a_story_placed_by_its_regions_shares_its_countrys_institution(region, count):
    india = place("India", key="country@IN")
    named = place("the region", key=region)
    res = resolve(
        [
            extraction("a", org("Congress"), india, india),
            extraction("b", org("Congress"), named, named),
        ]
    )
    assert len([e for e in res.entities if e.kind is Kind.ORGANIZATION]) == count


def test_a_story_whose_country_is_not_clear_does_not_unlabel_the_institution_of_its_country():
    kenya = place("Kenya", key="country@KE")
    thailand = place("Thailand", key="country@TH")
    res = resolve(
        [
            extraction("a", kenya, kenya, org("Supreme Court")),
            extraction("b", kenya, org("Supreme Court")),  # Kenya named once: not clear
            extraction("c", thailand, thailand, org("Supreme Court")),
        ]
    )
    courts = sorted((e.documents, e.label) for e in res.entities if "Supreme Court" in e.names)
    assert courts == [(("a", "b"), "Supreme Court of Kenya"), (("c",), "Supreme Court of Thailand")]


@pytest.mark.parametrize(("chamber", "count"), [(org("Senate"), 3), (None, 1)])
def test_beside_a_senate_the_national_assembly_is_no_parliament(chamber, count):
    parliament = Mention(
        "Kenya's parliament", Kind.ORGANIZATION, NOWHERE, "GovernmentOrganization", "parliament@KE"
    )
    mentions = [parliament, org("National Assembly"), *([chamber] if chamber else [])]
    res = resolve([extraction("a", *mentions)])
    assert len([e for e in res.entities if e.kind is Kind.ORGANIZATION]) == count


@pytest.mark.parametrize(("lone", "count"), [("Liberals", 1), ("Liberal", 1), ("Lions", 2)])
def test_a_party_s_members_plural_is_the_party(lone, count):
    res = resolve([extraction("a", org("Liberal Party"), org(lone))])
    assert len(res.entities) == count


@pytest.mark.parametrize(("other", "count"), [("Charles Schumer", 1), ("Charles Schulz", 2)])
def test_a_nickname_and_the_given_name_it_stands_for_are_one_person(other, count):
    res = resolve([extraction("a", person("Chuck Schumer")), extraction("b", person(other))])
    assert len(res.entities) == count


def test_the_commons_is_the_house_of_commons_the_document_names():
    res = resolve([extraction("a", org("House of Commons"), org("Commons"))])
    assert len(res.entities) == 1


def test_two_attacks_by_different_attackers_in_one_sentence_are_two():
    """ "Since the attack by Hamas on Israel, Hezbollah fighters were killed in Israeli strikes":
    one sentence, two attackers, two attacks; a strike and the killing it did are one."""
    res = resolve(
        [
            extraction(
                "a",
                org("Hamas"),
                place("Israel", key="country@IL"),
                org("Hezbollah"),
                events=(
                    event("Attack", ("agent", 0), ("target", 1)),
                    event("Attack", ("agent", 1)),
                    event("Attack", ("target", 2), trigger="killed"),
                ),
            )
        ]
    )
    attacks = {e.agents: e.targets for e in events_of(res, "Attack")}
    assert attacks == {
        (key(res, "Hamas"),): (key(res, "Israel"),),
        (key(res, "Israel"),): (key(res, "Hezbollah"),),
    }


@pytest.mark.parametrize(
    ("published", "count"),
    [(date(2024, 6, 30), 1), (date(2023, 7, 27), 2)],
    ids=["same-weeks-is-one", "a-year-apart-is-two"],
)
def test_undated_mentions_of_articles_far_apart_are_two_events(published, count):
    """The House's bill in a story of one year is not the House's bill a year on."""
    first = extraction("a", org("House"), events=(event("Legislation", ("agent", 0)),))
    first = replace(first, document=replace(first.document, published=date(2024, 6, 25)))
    second = extraction("b", org("House"), events=(event("Legislation", ("agent", 0)),))
    second = replace(second, document=replace(second.document, published=published))
    assert len(events_of(resolve([first, second]), "Legislation")) == count


def test_an_undated_meeting_joins_the_meeting_told_nearest():
    """The meeting told in the sentence after the one in Istanbul is that one, not the one in
    New York told six sentences on, however many other mentions lie between."""
    both = (("participant", 0), ("participant", 1))
    res = resolve(
        [
            extraction(
                "a",
                person("Piotr Nowak"),
                person("Kofi Boateng"),
                events=(
                    event("Meeting", *both, day="2024-11-01"),
                    event("Attack", ("target", 0)),
                    event("Attack", ("target", 1)),
                    event("Meeting", *both, sentence=1),
                    event("Meeting", *both, sentence=7, day="2024-09"),
                ),
            )
        ]
    )
    dated = {e.date: len(e.evidence) for e in events_of(res, "Meeting")}
    assert dated == {"2024-11-01": 2, "2024-09": 1}


@pytest.mark.parametrize(("with_election", "count"), [(True, 1), (False, 0)])
def test_an_election_cue_joins_its_articles_election_and_is_none_alone(with_election, count):
    """ "Lopez came second": a candidate of the election the article tells; in an article
    that tells none, no election."""
    cue = replace(event("Election", ("participant", 1), trigger="came", sentence=4), joins=True)
    told = (event("Election", ("participant", 0), day="2024-09-21"),) if with_election else ()
    res = resolve(
        [extraction("a", person("Jan Sobczak"), person("Maria Lopez"), events=(*told, cue))]
    )
    elections = events_of(res, "Election")
    assert len(elections) == count
    if elections:
        assert elections[0].participants == (
            key(res, "Jan Sobczak"),
            key(res, "Maria Lopez"),
        )


@pytest.mark.parametrize(("full_attacks", "count"), [(1, 1), (2, 3)])
def test_an_attack_told_by_its_attacker_joins_the_one_another_article_tells_in_full(
    full_attacks, count
):
    """ "The Israeli strike on April 1" is the strike that killed X told in
    another article of those days, where the killing and the strike are two mentions of one
    sentence; if that article tells two such attacks, which one is unknown."""
    day = date(2024, 4, 13)
    full_events = [
        event("Attack", ("target", 1), trigger="killed", sentence=5),
        event("Attack", ("agent", 0), trigger="airstrike", sentence=5),
    ]
    if full_attacks == 2:
        full_events.append(event("Attack", ("target", 2), trigger="killed", sentence=9))
        full_events.append(event("Attack", ("agent", 0), trigger="airstrike", sentence=9))
    full = extraction(
        "a", place("Israel"), person("Omar Haddad"), org("Hezbollah"), events=tuple(full_events)
    )
    weak = extraction(
        "b", place("Israel"), events=(event("Attack", ("agent", 0), day="2024-04-01"),)
    )
    docs = [replace(ex, document=replace(ex.document, published=day)) for ex in (full, weak)]
    attacks = events_of(resolve(docs), "Attack")
    assert len(attacks) == count
    if count == 1:
        assert attacks[0].date == "2024-04-01"


@pytest.mark.parametrize(("published", "count"), [(date(2024, 9, 23), 1), (date(2025, 9, 23), 2)])
def test_an_election_told_by_its_candidates_is_the_one_another_article_tells_in_full(
    published, count
):
    """ "Lopez came second" in an article naming no country is the election another
    article of those days tells with its country and its candidates."""
    full = extraction(
        "a",
        person("Jan Sobczak"),
        person("Maria Lopez"),
        place("Zambia", key="country@ZM"),
        events=(
            replace(
                event("Election", ("participant", 0), ("participant", 1), day="2024-09-21"),
                places=(2,),
            ),
        ),
    )
    part = extraction("b", person("Maria Lopez"), events=(event("Election", ("participant", 0)),))
    full = replace(full, document=replace(full.document, published=date(2024, 9, 22)))
    part = replace(part, document=replace(part.document, published=published))
    assert len(events_of(resolve([full, part]), "Election")) == count


@pytest.mark.parametrize(("second_has_place", "held_in"), [(False, "Kismayo"), (True, "Baidoa")])
def test_an_attack_told_by_its_place_alone_is_the_nearest_attack_with_no_place(
    second_has_place, held_in
):
    """ "An attack on a busy beach in Kismayo ... Al-Shabab claimed the assault": one attack,
    in Kismayo; an attack told with a place of its own is not that one."""
    bare = replace(event("Attack", sentence=0), places=(1,))
    claimed = event("Attack", ("agent", 0), sentence=2)
    if second_has_place:
        claimed = replace(claimed, places=(2,))
    res = resolve(
        [
            extraction(
                "a", org("Al-Shabab"), place("Kismayo"), place("Baidoa"), events=(bare, claimed)
            )
        ]
    )
    (attack,) = events_of(res, "Attack")
    assert attack.places == (key(res, held_in),)


def test_places_named_as_often_are_told_apart_by_the_cities_of_each_country():
    """ "Wellington", "Auckland", "New Zealand" and "US", once each: the story is about New
    Zealand, where its election is held."""
    mentions = [
        person("Chris Hipkins"),
        place("Wellington", key="city@NZ/Wellington"),
        place("US", key="country@US"),
        place("Auckland", key="city@NZ/Auckland"),
        place("New Zealand", key="country@NZ"),
    ]
    res = resolve([extraction("a", *mentions, events=(event("Election", ("participant", 0)),))])
    (election,) = events_of(res, "Election")
    assert election.places == (key(res, "New Zealand"),)


def test_an_undated_election_is_the_one_of_its_news_not_one_of_years_before():
    """An article of 2024 tells this year's election and the 2020 one in the same country;
    "the election" of another article (of no known day) is this year's."""
    country = place("New Zealand", key="country@NZ")
    told = extraction(
        "a",
        person("Anna Berg"),
        person("Jan Kowalski"),
        country,
        events=(
            event("Election", ("participant", 0), day="2024-03-09"),
            event("Election", ("participant", 1), day="2020", sentence=6),
        ),
    )
    undated = extraction(
        "b", person("Tom Harris"), country, events=(event("Election", ("participant", 0)),)
    )
    undated = replace(undated, document=replace(undated.document, published=None))
    res = resolve([told, undated])
    dates = {
        e.date: {entity.label for k in e.participants for entity in res.entities if entity.key == k}
        for e in events_of(res, "Election")
    }
    assert dates == {"2024-03-09": {"Anna Berg", "Tom Harris"}, "2020": {"Jan Kowalski"}}


@pytest.mark.parametrize(
    ("with_election", "year", "dates"),
    [(True, "1999", ["1999", "2024-03-09"]), (False, "1999", []), (True, "2024", ["2024-03-09"])],
)
def test_a_cue_of_a_year_before_tells_an_election_of_its_own(with_election, year, dates):
    """ "He had also stood, and lost, in 1999": an earlier election, in a story that tells one
    of its kind; no election in a story that tells none, nor one of this year's."""
    cue = replace(event("Election", ("participant", 1), trigger="lost", day=year), joins=True)
    told = (event("Election", ("participant", 0), day="2024-03-09"),) if with_election else ()
    res = resolve(
        [extraction("a", person("Jan Sobczak"), person("Maria Lopez"), events=(*told, cue))]
    )
    assert sorted(e.date or "" for e in events_of(res, "Election")) == dates


@pytest.mark.parametrize(("full_meetings", "count"), [(1, 1), (2, 2)])
def test_a_meeting_told_by_one_participant_is_the_one_another_article_tells_in_full(
    full_meetings, count
):
    """ "the delegation held a meeting in Porto Alegre with the governor": the meeting another
    article of those days tells with the president and the governor, now with its place; when
    the governor met two others in those days, it stays apart (and, a meeting of one, none)."""
    both = (("participant", 0), ("participant", 1))
    others = (("participant", 0), ("participant", 2))
    told = [event("Meeting", *both, day="2024-03-10")]
    told += [event("Meeting", *others, sentence=3)] if full_meetings == 2 else []
    one = replace(event("Meeting", ("participant", 0)), places=(1,))
    res = resolve(
        [
            extraction(
                "a",
                person("Eduardo Leite"),
                person("Luiz Lula"),
                person("Ana Costa"),
                events=tuple(told),
            ),
            extraction("b", person("Eduardo Leite"), place("Porto Alegre"), events=(one,)),
        ]
    )
    meetings = events_of(res, "Meeting")
    assert len(meetings) == count
    if count == 1:
        assert meetings[0].places == (key(res, "Porto Alegre"),)


def us_story(doc_id: str, *mentions: Mention) -> Extraction:
    """A story that names no country but tags its lawmakers with party and state."""
    ex = extraction(doc_id, *mentions)
    text = "Sen. Mike Lee, R-Utah, and Sen. Bernie Sanders (I-Vt.) voted no."
    return replace(ex, document=replace(ex.document, text=text))


def test_the_houses_of_a_us_story_are_the_united_states_congress_s_across_documents():
    res = resolve(
        [
            us_story("a", org("Senate"), org("House")),
            us_story("b", org("Senate"), org("House of Representatives")),
        ]
    )
    houses = sorted((e.label, e.documents) for e in res.entities)
    assert houses == [
        ("United States House of Representatives", ("a", "b")),
        ("United States Senate", ("a", "b")),
    ]


def test_the_house_of_one_country_is_not_the_house_of_another():
    kenya = place("Kenya", key="country@KE")
    res = resolve(
        [
            extraction("a", kenya, kenya, org("National Assembly"), org("House")),
            us_story("b", org("House")),
        ]
    )
    houses = sorted((e.label, e.documents) for e in res.entities if e.kind is Kind.ORGANIZATION)
    assert houses == [
        ("National Assembly of Kenya", ("a",)),
        ("United States House of Representatives", ("b",)),
    ]


def test_a_dateline_places_the_story_in_its_country():
    ex = extraction("a", org("House of Representatives"), org("House"))
    ex = replace(ex, document=replace(ex.document, dateline_place="Manila, Philippines"))
    res = resolve([ex])
    houses = [e.label for e in res.entities if e.kind is Kind.ORGANIZATION]
    assert houses == ["House of Representatives of the Philippines"]


@pytest.mark.parametrize(("told_before", "linked_to"), [("2023-05", "Senate"), (None, "Assembly")])
def test_a_bare_vote_is_not_a_law_passed_long_before_the_story(told_before, linked_to):
    """ "The Senate voted on Tuesday. The Assembly had passed its text in May 2023. ... the
    vote": the Senate's, the story's news, unless the Assembly's passing may be the news too."""
    res = resolve(
        [
            extraction(
                "a",
                org("Senate"),
                org("Assembly"),
                events=(
                    event("Legislation", ("agent", 0), sentence=0, day="2024-03-12"),
                    event("Legislation", ("agent", 1), sentence=1, day=told_before),
                    event("Legislation", sentence=2, definite=True),
                ),
            )
        ]
    )
    told = {e.agents[0]: {s.sentence for s in e.evidence} for e in events_of(res, "Legislation")}
    assert 2 in told[key(res, linked_to)]


def test_a_bare_attack_is_the_last_told_by_its_word_before_the_last_told():
    """ "Rebels attacked a base. "It was a planned assault on the garrison," he said. The attack
    came ...": the attack the story opened with, not the assault quoted since."""
    res = resolve(
        [
            extraction(
                "a",
                org("Army Base"),
                org("Garrison"),
                events=(
                    event("Attack", ("target", 0), trigger="attacked", sentence=0),
                    event("Attack", ("target", 1), trigger="assault", sentence=1),
                    event("Attack", trigger="attack", sentence=2, definite=True),
                ),
            )
        ]
    )
    attacks = {e.targets[0]: {s.sentence for s in e.evidence} for e in events_of(res, "Attack")}
    assert attacks == {key(res, "Army Base"): {0, 2}, key(res, "Garrison"): {1}}
