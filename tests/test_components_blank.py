"""Our components on Docs made by hand: a blank English pipeline, entities set by the test.

Where the statistical model is not what a test is about, the test says what the model would
have found (the entities, and for some rules the parse) and runs only the component it tests:
no model to load, and no case that passes or fails with the model's moods.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.nlp import OUR_COMPONENTS
from kg.records import Relation


@pytest.fixture(scope="module")
def blank() -> Language:
    """A tokenizer, sentence boundaries, and our components (run one by one by the tests)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def annotated(blank: Language, text: str, ents: dict[str, str]) -> Doc:
    """The text with sentences and the entities the NER would give (first occurrences)."""
    doc = blank.get_pipe("sentencizer")(blank.make_doc(text))
    spans = [
        doc.char_span(text.index(s), text.index(s) + len(s), label) for s, label in ents.items()
    ]
    assert all(span is not None for span in spans), "an entity does not fall on token boundaries"
    doc.ents = spans
    return doc


def run(blank: Language, doc: Doc, *components: str) -> Doc:
    for name in components:
        doc = blank.get_pipe(name)(doc)
    return doc


def ents(doc: Doc) -> set[tuple[str, str]]:
    return {(ent.text, ent.label_) for ent in doc.ents}


# -- acronyms and translations in parentheses ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "long", "short"),
    [
        # the NER finds "The World Food Programme" (with its article) and "WFP"
        (
            "The World Food Programme (WFP) said on Monday that convoys had reached Gao.",
            {"The World Food Programme": "ORG", "WFP": "ORG", "Gao": "GPE"},
            "World Food Programme",
            "WFP",
        ),
        # the NER misses the expansion: the component adds it
        (
            "Soldiers of Islamic Revolution Guards Corps (IRGC) units were deployed to the port.",
            {"IRGC": "ORG"},
            "Islamic Revolution Guards Corps",
            "IRGC",
        ),
        (
            "Kenya Defence Forces (KDF) troops crossed into the border town of Dhobley.",
            {"KDF": "ORG", "Dhobley": "GPE"},
            "Kenya Defence Forces",
            "KDF",
        ),
        # a small letter stands for a joiner ("of")
        (
            "The Bank of Ghana (BoG) cut its main rate on Wednesday.",
            {"The Bank of Ghana": "ORG"},
            "Bank of Ghana",
            "BoG",
        ),
        # a name and its translation
        (
            "The Bundeswehr (German Armed Forces) sent engineers to the flooded region.",
            {"Bundeswehr": "ORG"},
            "Bundeswehr",
            "German Armed Forces",
        ),
        (
            "Ukraine's Verkhovna Rada (Supreme Council) passed the budget on Friday.",
            {"Ukraine": "GPE", "Verkhovna Rada": "ORG"},
            "Verkhovna Rada",
            "Supreme Council",
        ),
        # a short name of one word that no initials spell, which the NER took for a town
        (
            "The ruling National Regeneration Movement (Morena) won a majority.",
            {"National Regeneration Movement": "ORG", "Morena": "LOC"},
            "National Regeneration Movement",
            "Morena",
        ),
    ],
)
def test_parenthesis_defines_two_organizations_and_an_alias(blank, text, found, long, short):
    doc = run(blank, annotated(blank, text, found), "kg_acronyms")
    assert {(long, "ORG"), (short, "ORG")} <= ents(doc)
    assert {(doc.text[slice(*a.long)], doc.text[slice(*a.short)]) for a in doc._.kg_aliases} == {
        (long, short)
    }


def test_an_acronym_defined_after_a_facility_s_name_is_an_organization_s(blank):
    text = "Sajith Premadasa of the Samagi Jana Balawegaya (SJB) came second."
    found = {"Sajith Premadasa": "PERSON", "Samagi Jana Balawegaya": "FAC"}
    doc = run(blank, annotated(blank, text, found), "kg_acronyms")
    assert {("Samagi Jana Balawegaya", "ORG"), ("SJB", "ORG")} <= ents(doc)


def test_an_office_named_after_a_post_is_a_name(blank):
    text = "Ministers met, a statement from the Prime Minister's Office says."
    doc = annotated(blank, text, {})
    for token in doc:
        token.pos_ = "PROPN" if token.is_title else "X"  # as the tagger would
    assert ("Prime Minister's Office", "ORG") in ents(run(blank, doc, "kg_known_names"))


# -- a country's institutions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "phrase"),
    [
        ("The bill was rejected by the Kenyan parliament.", "Kenyan", "Kenyan parliament"),
        ("Kenya's parliament rejected the bill.", "Kenya", "Kenya's parliament"),
        ("The bill was rejected by the parliament of Kenya.", "Kenya", "parliament of Kenya"),
    ],
)
def test_country_institution_is_an_organization_with_its_country(blank, text, country, phrase):
    label = "NORP" if country.endswith("n") else "GPE"
    doc = run(blank, annotated(blank, text, {country: label}), "kg_institutions")
    assert (phrase, "ORG") in ents(doc)
    found = [(doc.text[f.start : f.end], f.phrase, f.country) for f in doc._.kg_institutions]
    assert found == [(phrase, "parliament", "KE")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Part of the Kenyan Parliament went up in flames.", "the Kenyan Parliament"),
        ("Protesters stormed Kenya Parliament on Tuesday.", "Kenya Parliament"),
    ],
)
def test_an_institution_the_model_named_with_its_country_is_that_countrys(blank, text, name):
    doc = run(blank, annotated(blank, text, {name: "ORG"}), "kg_institutions")
    found = [(doc.text[f.start : f.end], f.phrase, f.country) for f in doc._.kg_institutions]
    assert found == [(name.removeprefix("the "), "parliament", "KE")]


def test_an_institution_of_no_known_country_is_none(blank):
    doc = run(blank, annotated(blank, "The Ruritanian parliament met.", {"Ruritanian": "NORP"}),
              "kg_institutions")  # fmt: skip
    assert doc._.kg_institutions == []


# -- names the document already named -----------------------------------------------------------


def test_a_name_tagged_once_is_tagged_everywhere(blank):
    text = (
        "Fighters of the National Liberation Army (ELN) attacked a base on Sunday. "
        "The head of the ELN's Central Command, Ernesto Villamil, said the group would fight."
    )
    found = {"National Liberation Army": "ORG", "ELN": "ORG", "Ernesto Villamil": "PERSON"}
    doc = run(blank, annotated(blank, text, found), "kg_known_names")
    assert [e.label_ for e in doc.ents if e.text == "ELN"] == ["ORG", "ORG"]


def test_a_surname_after_the_full_name_is_the_person(blank):
    text = "Katarzyna Wielgosz won the runoff. Wielgosz thanked her supporters."
    doc = run(blank, annotated(blank, text, {"Katarzyna Wielgosz": "PERSON"}), "kg_known_names")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Katarzyna Wielgosz", "PERSON"),
        ("Wielgosz", "PERSON"),
    ]


def test_a_name_cut_at_a_hyphen_takes_back_its_parts(blank):
    """ "Waker-Uz-Zaman" where the model saw "Zaman" (here, and where the name is only known
    from another mention); "Anti-Kim" is no name."""
    text = "General Waker-Uz-Zaman spoke. Zaman left. Anti-Kim protests grew, said Kim."
    found = {"Zaman": "PERSON", "Kim": "PERSON"}
    doc = annotated(blank, text, found)
    doc.ents = [doc.char_span(text.index("Zaman left"), text.index(" left"), "PERSON")]
    doc.ents = [*doc.ents, doc.char_span(text.rindex("Kim"), text.rindex("Kim") + 3, "PERSON")]
    doc = run(blank, doc, "kg_known_names")
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert people == ["Waker-Uz-Zaman", "Zaman", "Kim", "Kim"]


def test_an_owner_named_on_its_own_is_cut_from_the_name_it_owns(blank):
    """ "the BoG's Research Department" once "BoG" is named; "McDonald's Corp" stays whole."""
    text = "BoG met. Jo Kim of the BoG's Research Department spoke. McDonald's Corp rose."
    found = {"BoG": "ORG", "the BoG's Research Department": "ORG", "McDonald's Corp": "ORG"}
    doc = run(blank, annotated(blank, text, found), "kg_known_names")
    assert [e.text for e in doc.ents] == ["BoG", "BoG", "Research Department", "McDonald's Corp"]


def test_a_nationality_word_at_a_sentence_start_is_found(blank):
    text = "Ghanaian Finance Minister Kwaku Boadu held talks in Washington on Monday."
    found = {"Kwaku Boadu": "PERSON", "Washington": "GPE"}
    doc = run(blank, annotated(blank, text, found), "kg_known_names")
    assert ("Ghanaian", "NORP") in ents(doc)


@pytest.mark.parametrize(
    ("words", "pos", "found"),
    [
        (  # a union the model missed: the words before its head word name it
            ["Transport", "Workers", "'", "Union", "secretary", "Mia", "Kaine", "spoke", "."],
            ["PROPN", "PROPN", "PART", "PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"],
            {("Transport Workers ' Union", "ORG"), ("Mia Kaine", "PERSON")},
        ),
        (  # a river is a place; "the" is not part of its name
            ["Levels", "in", "the", "Euphrates", "River", "fell", "."],
            ["NOUN", "ADP", "DET", "PROPN", "PROPN", "VERB", "PUNCT"],
            {("Euphrates River", "FAC")},
        ),
        (  # a head word that begins a title is no name ("Interior Cabinet Secretary X")
            ["Then", "Interior", "Cabinet", "Secretary", "Mia", "Kaine", "spoke", "."],
            ["ADV", "PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
            {("Mia Kaine", "PERSON")},
        ),
        (  # half a name after "and", its first half the model's: not a name of its own
            ["The", "Energy", "and", "Mines", "Commission", "met", "."],
            ["DET", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"],
            {("Energy", "ORG")},
        ),
        (  # a lone head word is no name
            ["Then", "Parliament", "met", "."],
            ["ADV", "PROPN", "VERB", "PUNCT"],
            set(),
        ),
    ],
)
def test_a_capitalised_run_ending_on_a_head_word_is_a_name(blank, words, pos, found):
    tags = {"Mia": "B-PERSON", "Kaine": "I-PERSON"}
    doc = Doc(
        blank.vocab,
        words=words,
        pos=pos,
        sent_starts=[True] + [False] * (len(words) - 1),
        ents=["B-ORG" if w == "Energy" else tags.get(w, "O") for w in words],
    )
    doc = run(blank, doc, "kg_known_names")
    assert ents(doc) == found


@pytest.mark.parametrize(
    ("words", "ents", "people"),
    [
        (  # the model cut a name in two: the one-word end joins it
            ["President", "Hassan", "Sheikh", "Mohamud", "spoke", "."],
            ["O", "B-PERSON", "I-PERSON", "B-PERSON", "O", "O"],
            ["Hassan Sheikh Mohamud"],
        ),
        (  # the first part is named as an organization elsewhere: two entities
            ["Hashd", "Falih", "met", "the", "Hashd", "."],
            ["B-PERSON", "B-PERSON", "O", "O", "B-ORG", "O"],
            ["Hashd", "Falih"],
        ),
        (  # a title and a given name, then the rest, then a father's name: one name
            ["Datuk", "Sikh", "Shamsul", "Ibrahim", "Abdul", "Majid", "said", "."],
            ["B-PERSON", "I-PERSON", "B-PERSON", "I-PERSON", "B-PERSON", "I-PERSON", "O", "O"],
            ["Sikh Shamsul Ibrahim Abdul Majid"],
        ),
        (  # two full names side by side stay two
            ["Ana", "Lima", "Rui", "Costa", "spoke", "."],
            ["B-PERSON", "I-PERSON", "B-PERSON", "I-PERSON", "O", "O"],
            ["Ana Lima", "Rui Costa"],
        ),
    ],
)
def test_a_person_name_cut_in_two_is_joined(blank, words, ents, people):
    pos = ["VERB" if e == "O" else "PROPN" for e in ents]
    doc = Doc(blank.vocab, words=words, pos=pos, ents=ents)
    doc = run(blank, doc, "kg_entity_types")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == people


# -- titles, ranks and the relation chains that need them ---------------------------------------


def test_title_tokens_are_a_span_group(blank):
    """The relation chains that need a title run only on sentences with one of these."""
    text = "Deputy Foreign Minister Ana Lima arrived. The talks ended on Monday."
    doc = run(blank, annotated(blank, text, {"Ana Lima": "PERSON"}), "kg_merge_names")
    assert [span.text for span in doc.spans["kg_titles"]] == ["Deputy Foreign Minister"]
    assert doc.spans["kg_titles"][0][0]._.kg_title


def test_a_company_post_runs_from_chief_to_officer(blank):
    text = "Chief Financial and Operating Officer Ana Lima and chief Bo Ruiz, an officer, spoke."
    found = {"Ana Lima": "PERSON", "Bo Ruiz": "PERSON"}
    doc = run(blank, annotated(blank, text, found), "kg_merge_names")
    titles = [span.text for span in doc.spans["kg_titles"]]
    assert titles == ["Chief Financial and Operating Officer", "chief", "officer"]


def test_a_rank_between_title_and_name_keeps_the_post(blank):
    text = "The head of the NCDC, Dr. Chidi Okafor, said cases had fallen."
    found = {"NCDC": "ORG", "Chidi Okafor": "PERSON"}
    doc = run(blank, annotated(blank, text, found), "kg_merge_names", "kg_relations")
    posts = [
        {role.name: role.text for role in match.roles}
        for match in doc._.kg_relations
        if match.relation is Relation.HOLDS_POST
    ]
    assert {"title": "head", "org": "NCDC", "person": "Chidi Okafor"}.items() <= posts[0].items()


# -- entity types from a parse given by hand ---------------------------------------------------


@pytest.mark.parametrize(
    ("first", "pos", "name"),
    [
        ("Hany", "PROPN", "Hany Shokry"),  # a given name the model left out
        ("Minister", "PROPN", "Shokry"),  # a title
        ("Meanwhile", "ADV", "Shokry"),  # no name
    ],
)
def test_a_given_name_left_out_joins_the_name(blank, first, pos, name):
    doc = Doc(
        blank.vocab,
        words=[first, "Shokry", "said", "so", "."],
        heads=[1, 2, 2, 2, 2],
        deps=["compound" if pos == "PROPN" else "advmod", "nsubj", "ROOT", "advmod", "punct"],
        pos=[pos, "PROPN", "VERB", "ADV", "PUNCT"],
        ents=["O", "B-PERSON", "O", "O", "O"],
    )
    doc = run(blank, doc, "kg_entity_types")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == [name]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "ents", "label"),
    [
        (  # a town the model took for an organization
            ["Officials", "met", "in", "Lamu", "."],
            [1, 1, 1, 2, 1],
            ["nsubj", "ROOT", "prep", "pobj", "punct"],
            ["O", "O", "O", "B-ORG", "O"],
            "GPE",
        ),
        (
            ["Officials", "met", "in", "the", "Senate", "."],
            [1, 1, 1, 4, 2, 1],
            ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
            ["O", "O", "O", "O", "B-ORG", "O"],
            "ORG",
        ),
        (
            ["Officials", "met", "in", "Ford", "Motor", "."],
            [1, 1, 1, 4, 2, 1],
            ["nsubj", "ROOT", "prep", "compound", "pobj", "punct"],
            ["O", "O", "O", "B-ORG", "I-ORG", "O"],
            "ORG",
        ),
        (  # names before a place noun: "the Sarawa and Kuvel rivers" (no river of the lexicon)
            ["Levels", "in", "the", "Sarawa", "and", "Kuvel", "rivers", "fell", "."],
            [7, 0, 6, 6, 3, 3, 1, 7, 7],
            ["nsubj", "prep", "det", "nmod", "cc", "conj", "pobj", "ROOT", "punct"],
            ["O", "O", "O", "B-ORG", "O", "B-ORG", "O", "O", "O"],
            "GPE",
        ),
    ],
)
def test_a_bare_word_after_in_is_a_place(blank, words, heads, deps, ents, label):
    pos = [
        "PROPN" if e != "O" else "ADP" if d == "prep" else "NOUN"
        for e, d in zip(ents, deps, strict=True)
    ]
    lemmas = [w.lower().removesuffix("s") for w in words]  # "rivers": "river"
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents, lemmas=lemmas)
    doc = run(blank, doc, "kg_entity_types")
    assert {e.label_ for e in doc.ents} == {label}


def test_a_capital_stands_for_its_country_before_a_national_institution(blank) -> None:
    from kg.extract.components.entities import CountryInstitutions

    doc = annotated(
        blank,
        "Seoul's foreign ministry said so; Nairobi police said no.",
        {"Seoul": "GPE", "Nairobi": "GPE"},
    )
    doc = CountryInstitutions(blank)(doc)
    assert [(f.phrase, f.country) for f in doc._.kg_institutions] == [("foreign ministry", "KR")]


def test_a_line_break_starts_a_sentence_for_the_parser(blank):
    from kg.extract.components.sentences import SentenceBounds

    doc = SentenceBounds()(blank.make_doc("By Ana Lima\n\nThe vote was held.\n— Jo Kim (@jokim)"))
    assert [t.text for t in doc if t.is_sent_start] == ["By", "The", "—"]


def test_no_sentence_ends_on_a_titles_abbreviation(blank):
    from kg.extract.components.sentences import SentenceBounds

    doc = SentenceBounds()(
        blank.make_doc("The spokesman, Brig. Gen. Yahya Saree, said so. Then he left.")
    )
    assert [t.text for t in doc if t.is_sent_start is False] == ["Gen.", "Yahya"]


# -- events -----------------------------------------------------------------------------------


def test_a_role_pattern_may_name_the_values_a_token_must_not_have(blank):
    """``NOT_IN``: "an offensive backed by X" is no offensive carried out by X."""
    from kg.extract.components.arcs import ArcPattern

    pattern = ArcPattern.from_nodes(
        "carried_out_by",
        [
            {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "offensive"}},
            {
                "LEFT_ID": "trigger",
                "REL_OP": ">",
                "RIGHT_ID": "filler",
                "RIGHT_ATTRS": {"DEP": "acl", "LEMMA": {"NOT_IN": ["back", "support"]}},
            },
        ],
    )
    for verb, lemma, found in [("backed", "back", []), ("launched", "launch", ["launched"])]:
        doc = Doc(
            blank.vocab,
            words=["an", "offensive", verb, "by", "allies"],
            heads=[1, 1, 1, 2, 3],
            deps=["det", "ROOT", "acl", "agent", "pobj"],
            lemmas=["an", "offensive", lemma, "by", "ally"],
        )
        assert [m["filler"].text for m in pattern.matches(doc[1])] == found


def test_the_people_met_with_may_hang_on_a_noun_after_the_meeting(blank):
    """ "Berg convenes the cabinet at the ministry with Harris and Kowalski": the parse hangs
    "with" on the ministry; the people are the meeting's all the same."""
    rows = [  # word, lemma, part of speech, dependency, head, entity
        ("Berg", "Berg", "PROPN", "nsubj", 1, "B-PERSON"),
        ("convenes", "convene", "VERB", "ROOT", 1, "O"),
        ("the", "the", "DET", "det", 3, "O"),
        ("cabinet", "cabinet", "NOUN", "dobj", 1, "O"),
        ("at", "at", "ADP", "prep", 3, "O"),
        ("the", "the", "DET", "det", 6, "O"),
        ("ministry", "ministry", "NOUN", "pobj", 4, "O"),
        ("with", "with", "ADP", "prep", 6, "O"),
        ("Harris", "Harris", "PROPN", "pobj", 7, "B-PERSON"),
        ("and", "and", "CCONJ", "cc", 8, "O"),
        ("Kowalski", "Kowalski", "PROPN", "conj", 8, "B-PERSON"),
        (".", ".", "PUNCT", "punct", 1, "O"),
    ]
    words, lemmas, pos, deps, heads, ents = (list(column) for column in zip(*rows, strict=True))
    doc = Doc(blank.vocab, words=words, lemmas=lemmas, pos=pos, deps=deps, heads=heads, ents=ents)
    (meeting,) = run(blank, doc, "kg_events")._.kg_events
    people = {r.text for r in meeting.roles if r.name == "participant"}
    assert {"Berg", "Harris", "Kowalski"} <= people


@pytest.mark.parametrize(
    ("words", "heads", "deps", "label"),
    [
        (  # a building named as where it was said
            ["He", "spoke", "at", "Kilima", "House", "."],
            [1, 1, 1, 4, 2, 1],
            ["nsubj", "ROOT", "prep", "compound", "pobj", "punct"],
            "FAC",
        ),
        (  # the same words as who speaks: an organization
            ["Kilima", "House", "said", "no", "."],
            [1, 2, 2, 2, 2],
            ["compound", "nsubj", "ROOT", "dobj", "punct"],
            "ORG",
        ),
    ],
)
def test_a_venue_named_after_at_is_a_place(blank, words, heads, deps, label):
    ents = ["B-ORG" if w == "Kilima" else "I-ORG" if w == "House" else "O" for w in words]
    pos = [
        "PROPN" if e != "O" else "ADP" if d == "prep" else "VERB"
        for e, d in zip(ents, deps, strict=True)
    ]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    doc = run(blank, doc, "kg_entity_types")
    assert [(e.text, e.label_) for e in doc.ents] == [("Kilima House", label)]


def test_a_district_officer_of_a_place_leaves_it_a_place(blank):
    words = ["the", "district", "officer", "of", "Tumbe", "said", "so", "."]
    heads = [2, 2, 5, 2, 3, 5, 5, 5]
    deps = ["det", "compound", "nsubj", "prep", "pobj", "ROOT", "advmod", "punct"]
    ents = ["O", "O", "O", "O", "B-GPE", "O", "O", "O"]
    pos = ["DET", "NOUN", "NOUN", "ADP", "PROPN", "VERB", "ADV", "PUNCT"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    doc = run(blank, doc, "kg_entity_types")
    assert [(e.text, e.label_) for e in doc.ents] == [("Tumbe", "GPE")]


@pytest.mark.parametrize(
    ("share", "label", "found"),
    [("49.11 per cent", "MONEY", "PERCENT"), ("49 percent", "CARDINAL", "PERCENT")],
)
def test_a_share_spelled_per_cent_is_a_percentage_not_money(blank, share, label, found):
    """The model reads "49.11 per cent" as money; the election rules look for a percentage."""
    doc = annotated(blank, f"Rafal Nowak won {share} of the vote.", {share: label})
    doc = run(blank, doc, "kg_entity_types")
    assert (share, found) in ents(doc)


def test_money_is_no_percentage(blank):
    doc = annotated(blank, "The fund lost 40 million dollars.", {"40 million dollars": "MONEY"})
    doc = run(blank, doc, "kg_entity_types")
    assert ents(doc) == {("40 million dollars", "MONEY")}
