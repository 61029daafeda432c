"""Extraction on hand-written documents: mentions, gazetteer keys, relations, events, processes."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import replace
from datetime import date

import pytest
import spacy
from spacy.language import Language

from kg.config import Settings
from kg.extract.components.findings import RelationFound, Role
from kg.extract.components.relations import _relation
from kg.extract.conversion import DocReader, to_extraction
from kg.extract.nlp import _blas_threads, extract_documents, make_nlp
from kg.extract.relations import RelationRules
from kg.records import Document, Extraction, Kind, Relation
from tests.test_components import RELATION_ROWS

pytestmark = pytest.mark.model

WEDNESDAY = date(2024, 3, 13)

KENYA = Document(
    "kenya.txt",
    "kenya.txt",
    "Kenyan Health Minister Wanjiru Kamau visited Mombasa on Monday. Kenya's Ministry of "
    "Health said the Kenya Red Cross Society (KRCS) had sent nurses to the coast. Amina "
    "Odhiambo, the chairman of Safaricom, met Tanzanian President Samia Hassan in Dodoma "
    "on Tuesday.\n",
    headline="Nurses sent to the coast",
    published=WEDNESDAY,
)
MALI = Document(
    "mali.txt",
    "mali.txt",
    "Militants attacked an army convoy near Timbuktu on Sunday, the Malian army said. "
    "Colonel Moussa Keita, a spokesman for the army, told reporters in Bamako that four "
    "soldiers were wounded.\n",
    published=WEDNESDAY,
)
GHANA = Document(
    "ghana.txt",
    "ghana.txt",
    "Ghana's parliament approved the mining bill on Friday.\n",
    published=WEDNESDAY,
)
DOCUMENTS = [KENYA, MALI, GHANA]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return make_nlp(Settings())


@pytest.fixture(scope="module")
def extracted(nlp) -> dict[str, Extraction]:
    return {ex.document.doc_id: ex for ex in extract_documents(DOCUMENTS, nlp, settings=Settings())}


def relations(ex: Extraction) -> set[tuple[str, Relation, str, str | None]]:
    m = ex.mentions
    return {(m[r.subject].text, r.relation, m[r.object].text, r.title) for r in ex.relations}


@pytest.mark.parametrize(
    ("doc_id", "text", "kind", "fine_type", "key"),
    [
        ("kenya.txt", "Wanjiru Kamau", Kind.PERSON, None, None),
        ("kenya.txt", "Safaricom", Kind.ORGANIZATION, None, None),
        ("kenya.txt", "Kenya Red Cross Society", Kind.ORGANIZATION, None, None),
        ("kenya.txt", "Kenya", Kind.PLACE, "Country", "country@KE"),
        ("kenya.txt", "Mombasa", Kind.PLACE, "City", "city@KE/Mombasa"),
        ("kenya.txt", "Dodoma", Kind.PLACE, "City", "city@TZ/Dodoma"),
        ("mali.txt", "Bamako", Kind.PLACE, "City", "city@ML/Bamako"),
        ("mali.txt", "Malian army", Kind.ORGANIZATION, "GovernmentOrganization", "army@ML"),
        (
            "ghana.txt",
            "Ghana's parliament",
            Kind.ORGANIZATION,
            "GovernmentOrganization",
            "parliament@GH",
        ),
    ],
)
def test_mentions_have_kinds_and_gazetteer_keys(extracted, doc_id, text, kind, fine_type, key):
    found = {(m.text, m.kind, m.fine_type, m.key) for m in extracted[doc_id].mentions if m.naming}
    assert (text, kind, fine_type, key) in found


@pytest.mark.parametrize(
    ("demonym", "key"), [("Kenyan", "country@KE"), ("Tanzanian", "country@TZ")]
)
def test_demonym_refers_to_its_country_without_naming_it(extracted, demonym, key):
    mentions = [m for m in extracted["kenya.txt"].mentions if m.text == demonym]
    assert [(m.kind, m.key, m.naming) for m in mentions] == [(Kind.PLACE, key, False)]


@pytest.mark.parametrize(
    ("doc_id", "fact"),
    [
        # a post in an organization, with the title as written
        ("kenya.txt", ("Amina Odhiambo", Relation.HOLDS_POST, "Safaricom", "Chairman")),
        # a state title: a post in the country, and the nationality the demonym gives
        ("kenya.txt", ("Samia Hassan", Relation.HOLDS_POST, "Tanzanian", "President")),
        ("kenya.txt", ("Samia Hassan", Relation.NATIONALITY, "Tanzanian", None)),
        ("kenya.txt", ("Wanjiru Kamau", Relation.NATIONALITY, "Kenyan", None)),
        # "Kenya's X", an organization named after its country, a country's institution
        ("kenya.txt", ("Ministry of Health", Relation.LOCATION, "Kenya", None)),
        ("kenya.txt", ("Kenya Red Cross Society", Relation.LOCATION, "Kenya", None)),
        ("mali.txt", ("Malian army", Relation.LOCATION, "Malian", None)),
        # the country's reference is its name, without the possessive
        ("ghana.txt", ("Ghana's parliament", Relation.LOCATION, "Ghana", None)),
    ],
)
def test_relation_mentions(extracted, doc_id, fact):
    assert fact in relations(extracted[doc_id])


@pytest.mark.parametrize("org", ["Ministry of Health", "Kenya Red Cross Society"])
def test_location_points_at_the_country_key(extracted, org):
    ex = extracted["kenya.txt"]
    places = {
        ex.mentions[r.object].key
        for r in ex.relations
        if r.relation is Relation.LOCATION and ex.mentions[r.subject].text == org
    }
    assert places == {"country@KE"}


def test_acronym_alias_links_two_mentions(extracted):
    ex = extracted["kenya.txt"]
    pairs = {(ex.mentions[a.long].text, ex.mentions[a.short].text) for a in ex.aliases}
    assert pairs == {("Kenya Red Cross Society", "KRCS")}


def test_member_of_is_left_to_resolution(extracted):
    found = [r for ex in extracted.values() for r in ex.relations]
    assert Relation.HOLDS_POST in {r.relation for r in found}
    assert Relation.MEMBER_OF not in {r.relation for r in found}


@pytest.mark.parametrize(
    ("doc_id", "event_class", "trigger", "sentence", "day", "roles"),
    [
        (
            "kenya.txt",
            "Meeting",
            "met",
            2,
            "2024-03-12",
            {("participant", "Amina Odhiambo"), ("participant", "Samia Hassan")},
        ),
        # "Militants" name nobody; "an army convoy" is the army the story names (the Malian army)
        ("mali.txt", "Attack", "attacked", 0, "2024-03-10", {("target", "Malian army")}),
        ("ghana.txt", "Legislation", "bill", 0, "2024-03-08", {("agent", "Ghana's parliament")}),
    ],
)
def test_event_date_against_publication_and_sentence_evidence(
    extracted, doc_id, event_class, trigger, sentence, day, roles
):
    ex = extracted[doc_id]
    event = next(e for e in ex.events if (e.event_class, e.trigger) == (event_class, trigger))
    assert event.date == day
    assert {(role, ex.mentions[i].text) for role, i in event.roles} == roles
    span, sent = event.span, ex.sentences[event.span.sentence]
    assert (span.doc_id, span.sentence) == (doc_id, sentence)
    assert ex.document.text[span.start : span.end] == trigger
    assert sent.start <= span.start < span.end <= sent.end


def test_meeting_place(extracted):
    ex = extracted["kenya.txt"]
    meeting = next(e for e in ex.events if e.event_class == "Meeting")
    assert [ex.mentions[i].text for i in meeting.places] == ["Dodoma"]


def test_weekday_without_publication_date_gives_no_date(nlp):
    undated = replace(KENYA, published=None)
    (ex,) = extract_documents([undated], nlp, settings=Settings())
    meeting = next(e for e in ex.events if e.event_class == "Meeting")
    assert meeting.date is None


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_two_processes_extract_the_same(nlp, extracted, monkeypatch, start_method):
    """Worker processes (forked with the pipeline, or spawned and loading it) send back the
    same records, in the order of the documents."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: [start_method])
    settings = Settings(n_process=2, batch_size=1)
    in_order = list(extract_documents(DOCUMENTS, nlp, settings=settings))
    assert [ex.document for ex in in_order] == list(DOCUMENTS)
    parallel = {ex.document.doc_id: ex for ex in in_order}
    assert parallel == extracted
    assert all(ex.relations and ex.events for ex in parallel.values())
    assert parallel["kenya.txt"].aliases


def test_blas_threads_share_the_cores_and_heed_the_environment(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert [_blas_threads(n) for n in (1, 2, 3, 8)] == [4, 2, 1, 1]
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # what Ray gives an actor of one CPU
    assert _blas_threads(1) == 1


def test_a_title_the_parse_makes_the_speaker_stands_for_its_holder(nlp):
    """ "Y, deputy director of X, said": when the parse makes the title the subject of "said"
    (it does, now and then), the speaker is still Y."""
    text = "Maria Lopez, deputy director of the KFTC's Cartel Bureau, said prices were fixed.\n"
    document = Document("kftc.txt", "kftc.txt", text)
    doc = nlp(text)
    (said,) = [e for e in doc._.kg_events if e.base == "Statement"]
    start = text.index("deputy director")
    agent = Role("agent", start, start + len("deputy director"), "deputy director")
    doc._.kg_events = [replace(e, roles=(agent,)) if e is said else e for e in doc._.kg_events]
    extraction = to_extraction(doc, document)
    (statement,) = [e for e in extraction.events if e.base_class == "Statement"]
    speakers = [(role, extraction.mentions[i].text) for role, i in statement.roles]
    assert speakers == [("agent", "Maria Lopez")]


def test_membership_without_a_post(nlp):
    text = "Senator Ana Ruiz of the Green Party voted against the bill.\n"
    (ex,) = extract_documents([Document("ruiz.txt", "ruiz.txt", text)], nlp, settings=Settings())
    assert ("Ana Ruiz", Relation.MEMBER_OF, "Green Party", None) in relations(ex)


def test_every_relation_the_patterns_state_has_a_rule():
    """A pattern's relation is a name of ``Relation``; the rules know each one."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    rules = RelationRules(DocReader(nlp("No names here."), Document("a.txt", "a.txt", "")))
    for row in RELATION_ROWS:
        rules.add(RelationFound(_relation(row), ()))  # no roles: nothing to relate, no error
    with pytest.raises(ValueError, match=r"relations\.jsonl: pattern 'x' states an unknown"):
        _relation({"id": "x", "relation": "post"})


def _events_of(
    nlp, text: str
) -> tuple[Extraction, list[tuple[str, set[tuple[str, str]], list[str], str | None]]]:
    (ex,) = extract_documents(
        [Document("e.txt", "e.txt", text, published=WEDNESDAY)], nlp, settings=Settings()
    )
    told = [
        (
            e.trigger,
            {(role, ex.mentions[i].text) for role, i in e.roles},
            [ex.mentions[i].text for i in e.places],
            e.date,
        )
        for e in ex.events
        if e.base_class != "Statement"
    ]
    return ex, told


def test_its_meeting_is_the_organization_told_before(nlp):
    """ "its meeting": the organization the sentence before opens with (whom "it" is done
    to is left alone)."""
    _, told = _events_of(
        nlp,
        "The Monetary Policy Committee of the Bank of Ghana raised its key rate on Monday. "
        "At the end of its two-day meeting in Accra, the members voted.",
    )
    meeting = next(t for t in told if t[0] == "meeting")
    assert meeting[1] == {("participant", "Monetary Policy Committee")}


def test_a_next_summit_is_still_to_come(nlp):
    _, told = _events_of(
        nlp,
        "The North Atlantic Treaty Organization welcomed the vote. Sweden is expected to join as a "
        "member at its next summit, due in July in Washington.",
    )
    assert not [t for t in told if t[0] == "summit"]


def test_an_attempt_on_his_life_is_an_attack_on_the_person_named_before(nlp):
    _, told = _events_of(
        nlp,
        "Officials said that Prime Minister Jan Kowal could speak again, as police charged a "
        "suspect in the attempt on his life.",
    )
    attempt = next(t for t in told if t[0] == "attempt")
    assert ("target", "Jan Kowal") in attempt[1]


def test_event_fillers_a_pronoun_a_count_of_leaders_a_town_a_demonym(nlp):
    """ "he" is the person named before him; "the two leaders" the people of the meeting told
    before; a town is where an attack was, not who made it; "the Pakistani" killed is a person,
    not Pakistan; "in January" is the last January."""
    _, told = _events_of(
        nlp,
        "Interior Minister Amir Khan visited the embassy in Dodoma, where he met Ambassador "
        "Li Wei. The two leaders last met in January in Nairobi. Tehran promised revenge for "
        "the Damascus strike. The blast killed the Pakistani who was driving them.",
    )
    met, again = (t for t in told if t[0] == "met")
    assert {("participant", "Amir Khan"), ("participant", "Li Wei")} <= met[1]
    assert {("participant", "Amir Khan"), ("participant", "Li Wei")} <= again[1]
    assert again[3] == "2024-01"
    strike = next(t for t in told if t[0] == "strike")
    assert strike[1] == set() and strike[2] == ["Damascus"]
    killed = next(t for t in told if t[0] == "killed")
    assert not any(role == "target" for role, _ in killed[1])


def test_she_in_an_event_is_the_person_of_the_sentence_before(nlp):
    _, told = _events_of(
        nlp,
        "Mary Okafor quit in January. She had led the Unity Party to a landslide in the 2020 "
        "election.",
    )
    election = next(t for t in told if t[0] == "election")
    assert ("participant", "Mary Okafor") in election[1]


def _speakers(nlp, text: str) -> list[list[str]]:
    (ex,) = extract_documents([Document("s.txt", "s.txt", text)], nlp, settings=Settings())
    return [
        [ex.mentions[i].text for role, i in e.roles if role == "agent"]
        for e in ex.events
        if e.base_class == "Statement"
    ]


def test_he_said_quotes_the_person_named_first_when_no_one_spoke_just_before(nlp):
    """ "Smith predicted ... . '...,' she said": the first person named in the sentence before
    (its subject, most often), not the last speaker three sentences up, nor a pronoun the parse
    runs into a named speaker."""
    speakers = _speakers(
        nlp,
        "Kofi Boateng said the port would reopen. Trade fell in March. Ships waited offshore.\n\n"
        "Anna Berg, a senator close to Piotr Nowak, predicted the riders would be stripped out. "
        '"There is no path to a final bill," she said.\n\n'
        "Iranian officials, and he, vowed retaliation.\n",
    )
    assert speakers[:2] == [["Kofi Boateng"], ["Anna Berg"]]
    assert "Anna Berg" not in speakers[2]


def speakers(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    (ex,) = extract_documents([Document("s.txt", "s.txt", text)], nlp, settings=Settings())
    return [
        (ex.mentions[i].text, ex.mentions[i].key)
        for e in ex.events
        if e.base_class == "Statement"
        for role, i in e.roles
        if role == "agent"
    ]


def test_an_institution_speaks_for_the_story_country(nlp):
    """ "police said" in a story about Somalia: Somalia's police speak; in a story about no
    one country, nobody."""
    text = "A bomb hit Mogadishu in Somalia. At least 32 people died, police said on Saturday.\n"
    assert ("police", "police@SO") in speakers(nlp, text)
    assert not speakers(nlp, "At least 32 people died, police said on Saturday.\n")


def test_people_or_a_statement_from_an_organization_speak_for_it(nlp):
    text = "Medics from the Red Crescent Society said that the girl was badly hurt.\n"
    assert [name for name, _ in speakers(nlp, text)] == ["Red Crescent Society"]


def test_she_said_quotes_the_person_her_sentence_opens_with_not_a_name_in_a_quote(nlp):
    """ "Ms Okafor quit when she did; she said ...": the person the sentence opens with, not the
    speaker of the sentence before; '"... two Argentinas," she said': no name of the quote."""
    speakers = _speakers(
        nlp,
        '"We will win," Peter Lang told reporters. Ms Okafor quit when the vote was lost; '
        'she said there was "nothing left".\n\n'
        "Maria Costa, who chairs the council, spoke before the vote.\n\n"
        '"Today there are two Dalmatias," she said.\n',
    )
    assert speakers[0] == ["Peter Lang"]
    assert speakers[1] == ["Okafor"]
    assert speakers[-1] == ["Maria Costa"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("In 2019, the Tarna Front claimed a car bombing that killed 22 people.\n", []),
        ("The Tarna Front claimed that the election had been rigged.\n", ["Tarna Front"]),
    ],
)
def test_who_claims_an_attack_says_nothing(nlp, text, said):
    """ "the group claimed a car bombing": the attack is theirs, no statement; "claimed that
    the vote was rigged" is one."""
    assert [name for name, _ in speakers(nlp, text)] == said


def test_she_said_after_a_quote_of_two_sentences_is_no_man_who_spoke_before(nlp):
    """ "Martin Soto said ... . Teresa Ruiz visited ... . "... . ...," she said": not Soto, a
    man by his given name, but the woman named before the quote."""
    speakers = _speakers(
        nlp,
        "Interior Minister Martin Soto said more police would be sent to the valley.\n\n"
        "Governor Teresa Ruiz, a former judge, visited the shelters on Monday. "
        '"The bridges will reopen soon. Nobody will be left behind in the floods," '
        "she said.\n",
    )
    assert speakers[0] == ["Martin Soto"]
    assert speakers[-1] == ["Teresa Ruiz"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Monetary Policy Committee of the Central Bank of Kenya raised its rate. "
            "The committee said inflation was rising.\n",
            "Monetary Policy Committee",
        ),
        (
            "Pichit was jailed after a bag was handed to Supreme Court officials. The "
            "Constitutional Court removed the premier. The Constitutional Court sat for hours. "
            "He breached ethical rules, the court said.\n",
            "Constitutional Court",
        ),
    ],
)
def test_the_noun_that_heads_an_organization_told_before_speaks_for_it(nlp, text, speaker):
    """ "the committee said": the organization named before that the noun heads; of several,
    the one the story names most."""
    assert [name for name, _ in speakers(nlp, text)][-1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "According to the quick count published by the National Electoral Institute, "
            "Ana Ruiz won.\n",
            "National Electoral Institute",
        ),
        (
            "Jan Nowak has won the runoff, the final count released by the National Electoral "
            "Commission showed on Monday.\n",
            "National Electoral Commission",
        ),
        (
            "In a message posted on X, Kofi Boateng paid tribute to the sacrifices of earlier "
            "generations.\n",
            "Kofi Boateng",
        ),
        (
            "Netanyahu convenes the war cabinet at the Kirya military headquarters in Tel Aviv "
            "with Defense Minister Yoav Gallant and minister Benny Gantz, a statement from the "
            "Prime Minister's Office says.\n",
            "Prime Minister's Office",
        ),
    ],
)
def test_who_put_out_a_paper_or_a_post_speaks(nlp, text, speaker):
    """A count or a statement put out by an organization, a message posted by the subject, a
    statement "from" an organization right before the verb (however the parse hangs it)."""
    assert speaker in [name for name, _ in speakers(nlp, text)]


def test_a_cue_told_in_a_past_year_is_an_election_of_its_own(nlp):
    """ "He came close in 2012, when he lost the race to X": the 2012 election, not a cue
    adding X to the story's election."""
    ex, _ = _events_of(
        nlp,
        "Kenji Sato won the party's leadership election on Friday. Sato came close in 2012, "
        "when he lost the leadership race to Hiro Tanaka, who went on to become prime minister.",
    )
    lost = next(e for e in ex.events if e.trigger == "lost")
    assert (lost.date, lost.joins) == ("2012", False)


def test_an_election_told_in_passing_by_its_verb(nlp):
    """ "first won Lyon in 2019" is an election held in Lyon; "was re-elected last year" one
    of the year before the article's, with the person "she" stands for."""
    _, told = _events_of(
        nlp,
        "Maria Lenz, 53, first won Lyon for the Greens in 2019. "
        "She was re-elected by a wide margin last year.",
    )
    assert ("won", {("participant", "Maria Lenz")}, ["Lyon"], "2019") in told
    assert ("elected", {("participant", "Maria Lenz")}, [], "2023") in told


@pytest.mark.parametrize(
    "text",
    [
        "Kenya won three gold medals in Paris.",
        "He was not eligible to be elected until five years had passed.",
        "The newly elected parliament met on Monday.",
    ],
)
def test_no_election_from_a_prize_won_or_an_election_ahead(nlp, text):
    _, told = _events_of(nlp, text)
    assert not [t for t in told if t[0] in {"won", "elected"} and t[1]]


def test_the_name_a_dateline_runs_into_is_the_subject(nlp):
    """ "Warsaw, June 2 (IANS) Jan Kowalski ... has won": the name, not the city, won."""
    _, told = _events_of(
        nlp,
        "Warsaw, June 2 (IANS) Jan Kowalski, an independent backed by the opposition party, "
        "has won Poland's presidential runoff, the final count showed on Monday.",
    )
    runoff = next(t for t in told if t[0] == "runoff")
    assert runoff[1] == {("participant", "Jan Kowalski")}


def test_an_event_told_in_two_years_is_two_events(nlp):
    """ "He had also stood, and lost, in 1999 and in 2005": two elections he lost."""
    _, told = _events_of(
        nlp,
        "Ranil Perera lost Saturday's election. He had also stood, and lost, in 1999 and in 2005.",
    )
    lost = [t for t in told if t[0] == "lost" and t[3] in {"1999", "2005"}]
    assert sorted(t[3] for t in lost) == ["1999", "2005"]
    assert all(("participant", "Ranil Perera") in t[1] for t in lost)


def test_the_group_behind_an_attack_is_the_group_told_attacking_before(nlp):
    """ "the group was behind an attack": the armed group the story told attacking before."""
    _, told = _events_of(
        nlp,
        "The ship was struck in an attack by the Shabaab Front. Late Tuesday, a spokesman said "
        "the group was behind an attack on Monday against a tanker.",
    )
    later = [t for t in told if t[0] == "attack"][-1]
    assert ("agent", "Shabaab Front") in later[1]


@pytest.mark.parametrize(
    ("text", "trigger", "anchor", "days"),
    [
        # the clause's event counts back from the event of the clause it hangs on
        (
            "The vote came a day after President Ana Silva held talks with Finance Minister "
            "Jorge Ruiz in Lima.",
            "talks",
            "vote",
            -1,
        ),
        # the entity recognizer runs the preposition into the date ("Two days before")
        (
            "Two days before Tuesday's meeting, Karim Haddad met Arab League Secretary-General "
            "Omar Nasser in Cairo.",
            "met",
            "meeting",
            -2,
        ),
    ],
)
def test_a_date_counted_from_another_event(nlp, text, trigger, anchor, days):
    """ "The vote came a day after they held talks": the talks were the day before the vote."""
    ex, _ = _events_of(nlp, text)
    event = next(e for e in ex.events if e.trigger == trigger)
    assert event.relative is not None
    assert (event.relative[0], ex.events[event.relative[1]].trigger) == (days, anchor)


def test_a_house_that_impeaches_votes(nlp):
    """ "X was impeached by the House": the house's vote, on the day told."""
    _, told = _events_of(
        nlp,
        "Vice President Ana Cruz was impeached on Tuesday by the House of Representatives.",
    )
    assert ("impeached", {("agent", "House of Representatives")}, [], "2024-03-12") in told


def test_an_attack_an_infinitive_on_a_noun_tells_is_not_done(nlp):
    """ "a threat to have the president killed": meant, not done; no attack."""
    _, told = _events_of(nlp, "They cite a threat she made last year to have the president killed.")
    assert [t for t, *_ in told] == []


@pytest.mark.parametrize(
    ("text", "agent", "day"),
    [
        # the house passes a text no trigger word names ("which", "the text")
        (
            "Senators backed the reform, which the Chamber of Deputies had approved in July 2023.",
            "Chamber of Deputies",
            "2023-07",
        ),
        (
            "The Regional Council of Tarna passed an ordinance in May 2023.",
            "Regional Council of Tarna",
            "2023-05",
        ),
    ],
)
def test_a_house_that_passes_a_text_passes_a_law(nlp, text, agent, day):
    """ "which the Chamber had approved in July": the chamber's law, of that month."""
    _, told = _events_of(nlp, text)
    assert any(("agent", agent) in roles and date == day for _, roles, _, date in told)


def test_what_no_house_approves_is_no_law(nlp):
    """ "the White House approved the plan": no legislature passed anything."""
    _, told = _events_of(nlp, "The White House approved the plan on Monday.")
    assert told == []


def test_an_election_for_an_office_of_a_place_is_held_there(nlp):
    """ "the runoff for mayor of Krakow": an election of that city."""
    _, told = _events_of(nlp, "Anna Kowal won Sunday's runoff for mayor of Krakow.")
    assert any(trigger == "runoff" and places == ["Krakow"] for trigger, _, places, _ in told)
