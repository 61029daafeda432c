"""Entity types from the words around names, on hand-made Docs (the model is not the point)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.components.entity_types import EntityTypeRules


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def typed(nlp: Language, text: str, *names: tuple[str, str], propn: bool = False) -> dict[str, str]:
    """The entities after our type rules; ``propn`` tags capitalised words as proper nouns, as
    the model's tagger would."""
    doc: Doc = nlp(text)
    for token in doc:
        if propn and token.is_title:
            token.pos_ = "PROPN"
    spans = []
    for name, label in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        spans.append(span)
    doc.ents = spans
    doc = EntityTypeRules()(doc)
    return {ent.text: ent.label_ for ent in doc.ents}


def test_a_world_city_the_model_took_for_a_person_is_a_place(blank) -> None:
    assert typed(blank, "Residents of Quilpué fled the fire .", ("Quilpué", "PERSON")) == {
        "Quilpué": "GPE"
    }


def test_a_city_name_that_is_a_named_person_s_surname_stays_a_person(blank) -> None:
    text = "Warren said no ; Senator Elizabeth Warren spoke ."
    labels = typed(blank, text, ("Warren", "ORG"), ("Elizabeth Warren", "PERSON"))
    assert labels == {"Warren": "PERSON", "Elizabeth Warren": "PERSON"}


def test_a_known_agency_the_model_took_for_a_person_is_an_organization(blank) -> None:
    assert typed(blank, "Xinhua reported the talks .", ("Xinhua", "PERSON")) == {"Xinhua": "ORG"}


def test_a_titled_name_the_model_took_for_an_organization_is_a_person(blank) -> None:
    text = "President-elect Kwame Asante thanked voters ; Asante spoke ."
    labels = typed(blank, text, ("Kwame Asante", "ORG"), ("Asante spoke", "ORG"))
    assert labels["Kwame Asante"] == "PERSON"


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Rebels said the Ansaris fired drones .", "Ansaris", "PERSON"),
        ("A statement by Davide Ferro NV followed .", "Davide Ferro NV", "PERSON"),
    ],
)
def test_groups_and_companies_the_model_took_for_people(blank, text, name, label) -> None:
    assert typed(blank, text, (name, label)) == {name: "ORG"}


@pytest.mark.parametrize(
    ("text", "name", "label", "kept"),
    [
        ("Gen Thura Aung spoke .", "Gen Thura Aung", "ORG", "Thura Aung"),
        ("Justices Ravi Menon and others sat .", "Justices Ravi Menon", "PERSON", "Ravi Menon"),
        ("Datuk Amir Hamzah said so .", "Datuk Amir Hamzah", "PERSON", "Amir Hamzah"),
    ],
)
def test_titles_do_not_leak_into_names(blank, text, name, label, kept) -> None:
    assert typed(blank, text, (name, label)) == {kept: "PERSON"}


@pytest.mark.parametrize("title", ["Rear Admiral", "Foreign Secretary", "Governor"])
def test_a_bare_title_is_no_entity(blank, title) -> None:
    assert typed(blank, f"The {title} spoke .", (title, "PERSON")) == {}


@pytest.mark.parametrize(
    ("text", "name", "label", "whole"),
    [
        ("Floods hit Rio Grande do Sul on Monday .", "Rio Grande", "GPE", "Rio Grande do Sul"),
        ("Fires reached Viña del Mar .", "Viña", "GPE", "Viña del Mar"),
    ],
)
def test_a_name_cut_before_its_particle_is_whole_again(blank, text, name, label, whole) -> None:
    assert typed(blank, text, (name, label)) == {whole: "GPE"}


def test_a_person_noun_before_a_name_is_no_given_name(blank) -> None:
    assert typed(blank, "Witness Abdi Ali said so .", ("Abdi Ali", "PERSON"), propn=True) == {
        "Abdi Ali": "PERSON"
    }


def test_a_plural_title_before_a_name_is_no_given_name(blank) -> None:
    assert typed(blank, "Justices Ravi Menon sat .", ("Ravi Menon", "PERSON"), propn=True) == {
        "Ravi Menon": "PERSON"
    }


def test_a_given_name_the_model_left_out_joins_the_name(blank) -> None:
    assert typed(blank, "The envoy Hany Shokry spoke .", ("Shokry", "PERSON"), propn=True) == {
        "Hany Shokry": "PERSON"
    }


def test_an_acronym_in_parentheses_after_a_person_is_their_party() -> None:
    from kg.extract.components.entities import AcronymDefinitions

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("The mayor met governor Ana Leite (PSDB) on Monday.")
    start = doc.text.index("Ana Leite")
    doc.ents = [doc.char_span(start, start + len("Ana Leite"), label="PERSON")]
    doc = AcronymDefinitions()(doc)
    assert {(e.text, e.label_) for e in doc.ents} == {("Ana Leite", "PERSON"), ("PSDB", "ORG")}


def test_a_city_the_model_took_for_a_person_of_two_words_is_a_place(blank) -> None:
    text = "He lives in the state capital Porto Alegre ."
    assert typed(blank, text, ("Porto Alegre", "PERSON")) == {"Porto Alegre": "GPE"}


def test_places_the_model_ran_into_one_name_are_apart_again(blank) -> None:
    text = "Protests spread to Mombasa , Kisumu and Eldoret ."
    assert typed(blank, text, ("Mombasa , Kisumu", "ORG")) == {
        "Mombasa": "GPE",
        "Kisumu": "GPE",
        "Eldoret": "GPE",
    }


def test_a_middle_word_of_a_person_s_name_names_them_where_the_model_missed_it(blank) -> None:
    from kg.extract.components.entities import KnownNames

    doc = blank("President Luiz Inacio Lula da Silva came ; Lula told reporters .")
    start = doc.text.index("Luiz")
    doc.ents = [doc.char_span(start, doc.text.index(" came"), label="PERSON")]
    doc = KnownNames()(doc)
    assert ("Lula", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_a_name_with_its_capital_article_inside_a_sentence_is_a_publication(blank) -> None:
    assert typed(blank, "Ernst told The Courier on Monday .", ("Courier", "PERSON")) == {
        "Courier": "ORG"
    }


def test_a_short_name_in_brackets_keeps_the_kind_of_the_name_before_even_a_city_s(blank) -> None:
    text = "The National Regeneration Movement ( Morena ) won ."
    labels = typed(blank, text, ("National Regeneration Movement", "ORG"), ("Morena", "ORG"))
    assert labels["Morena"] == "ORG"


@pytest.mark.parametrize(("name", "kept"), [("Houthi", True), ("Takfiri", False)])
def test_a_known_organization_modifying_a_noun_is_kept(blank, name, kept) -> None:
    doc = blank(f"{name} rebels fired .")
    doc[0].dep_, doc[0].head = "compound", doc[1]
    doc[1].pos_ = "NOUN"
    doc.ents = [doc.char_span(0, len(name), label="ORG")]
    doc = EntityTypeRules()(doc)
    assert bool(doc.ents) is kept


def test_a_name_cut_after_its_hyphen_is_whole_again(blank) -> None:
    text = "Army chief General Waker-Uz-Zaman said so ."
    assert typed(blank, text, ("Zaman", "PERSON")) == {"Waker-Uz-Zaman": "PERSON"}


def test_a_name_in_apposition_to_a_place_noun_is_a_place(blank) -> None:
    text = "A strike hit Kfarzeit , a village in the south ."
    assert typed(blank, text, ("Kfarzeit", "PERSON")) == {"Kfarzeit": "GPE"}


def test_a_name_after_the_and_a_compass_word_is_a_region(blank) -> None:
    text = "Attacks pushed the central Sahel to the brink , Amadou Keita said ."
    labels = typed(blank, text, ("Sahel", "PERSON"), ("Amadou Keita", "PERSON"))
    assert labels == {"Sahel": "GPE", "Amadou Keita": "PERSON"}


def test_a_time_zone_is_no_organization(blank) -> None:
    assert typed(blank, "Gunmen came at 0500 GMT .", ("GMT", "ORG")) == {}


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        ("Floods hit Khyber Pakhtunkhwa on Monday .", "Khyber Pakhtunkhwa", "ORG", "GPE"),
        ("Alberta told reporters she was pleased .", "Alberta", "PERSON", "PERSON"),
    ],
)
def test_a_state_or_province_is_a_place_unless_one_word_names_a_person(
    blank, text, name, label, expected
) -> None:
    assert typed(blank, text, (name, label))[name] == expected


def parsed(nlp: Language, words: list[str], heads: list[int], deps: list[str], **kw) -> Doc:
    """The entities after our type rules on a Doc with the parse the model would give (heads
    as token indices); ``ents`` as (start, end, label), ``tags`` optional."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=kw.get("tags"))
    doc.ents = [doc[a:b].char_span(0, len(doc[a:b].text), label) for a, b, label in kw["ents"]]
    return EntityTypeRules()(doc)


def test_an_organization_run_into_its_officer_s_name_is_both(blank) -> None:
    text = "National Assembly Speaker Moses Wetang'ula adjourned the sitting ."
    labels = typed(blank, text, ("National Assembly Speaker Moses", "ORG"))
    assert labels == {"National Assembly": "ORG", "Moses Wetang'ula": "PERSON"}


def test_a_title_inside_an_organization_s_name_is_not_split_off_a_lone_word(blank) -> None:
    text = "Federal Minister Ahsan Iqbal spoke ."
    assert typed(blank, text, ("Federal Minister Ahsan Iqbal", "ORG")) != {
        "Federal": "ORG",
        "Ahsan Iqbal": "PERSON",
    }


def test_a_lower_case_word_the_model_began_a_name_with_is_not_part_of_it(blank) -> None:
    text = "He will head the next European Commission ."
    labels = typed(blank, text, ("next European Commission", "ORG"))
    assert labels == {"European Commission": "ORG"}


@pytest.mark.parametrize("name", ["Tamils", "Bedouin", "Sinhalese"])
def test_a_people_or_faith_is_no_place_person_or_organization(blank, name) -> None:
    text = "Sinhalese , Tamils and Muslims united . A Bedouin girl was hurt ."
    assert typed(blank, text, (name, "GPE"))[name] == "NORP"


def test_no_person_s_name_ends_on_a_division(blank) -> None:
    text = "The quake hit Bago and Shan State ."
    assert typed(blank, text, ("Shan State", "PERSON")) == {"Shan State": "GPE"}


@pytest.mark.parametrize(
    ("text", "name", "label", "expected"),
    [
        (
            "They met Negros Occidental Governor Carmela Villarosa .",
            "Negros Occidental",
            "ORG",
            "GPE",
        ),
        (
            "Minera Huascarán chief executive Diego Arriola spoke .",
            "Minera Huascarán",
            "PERSON",
            "ORG",
        ),
        ("Qantas chief executive Vanessa Hudson spoke .", "Qantas", "ORG", "ORG"),
    ],
)
def test_a_name_before_a_post_and_its_holder_is_the_post_s_place_or_company(
    blank, text, name, label, expected
) -> None:
    holder = " ".join(text.split()[-4:-2] if "spoke" in text else text.split()[-3:-1])
    assert typed(blank, text, (name, label), (holder, "PERSON"))[name] == expected


def test_the_head_word_before_of_gives_the_kind(blank) -> None:
    text = "The NPA is the armed wing of the Communist Party of the Philippines ."
    labels = typed(blank, text, ("Communist Party of the Philippines", "GPE"))
    assert labels == {"Communist Party of the Philippines": "ORG"}


@pytest.mark.parametrize(
    ("name", "label"), [("Ankara Declaration", "LAW"), ("International Peace Prize", "WORK_OF_ART")]
)
def test_a_declaration_or_a_prize_is_no_organization_or_place(blank, name, label) -> None:
    text = f"He spoke of the {name} ."
    assert typed(blank, text, (name, "FAC")).get(name) == label


def test_a_name_between_a_possessive_and_a_site_noun_is_a_place(blank) -> None:
    text = "He spoke at the commission 's Rajagiriya headquarters ."
    assert typed(blank, text, ("Rajagiriya", "PERSON")) == {"Rajagiriya": "GPE"}


def test_a_name_in_apposition_to_a_site_is_a_place(blank) -> None:
    words = ["the", "gates", "of", "Ganabhaban", ",", "the", "official", "residence", "."]
    heads = [1, 1, 1, 2, 3, 7, 7, 3, 1]
    deps = ["det", "ROOT", "prep", "pobj", "punct", "det", "amod", "appos", "punct"]
    doc = parsed(blank, words, heads, deps, ents=[(3, 4, "PERSON")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Ganabhaban", "GPE")]


@pytest.mark.parametrize(("noun", "label"), [("party", "ORG"), ("river", "LOC")])
def test_a_place_the_model_saw_in_a_party_s_name_modifying_party_is_a_party(
    blank, noun, label
) -> None:
    words = ["the", "governing", "Morena", noun, "won"]
    heads = [3, 3, 3, 4, 4]
    deps = ["det", "amod", "compound", "nsubj", "ROOT"]
    doc = parsed(blank, words, heads, deps, ents=[(2, 3, "LOC")])
    assert [e.label_ for e in doc.ents] == [label]


@pytest.mark.parametrize(("noun", "kept"), [("friendship", False), ("Council", True)])
def test_a_joined_adjective_of_a_combining_form_is_no_name(blank, noun, kept) -> None:
    words = ["of", "Franco", "-", "German", noun]
    spaces = [True, False, False, True, False]
    doc = Doc(blank.vocab, words=words, spaces=spaces)
    for token, head, dep, pos in zip(
        doc,
        [0, 3, 3, 4, 0],
        ["ROOT", "compound", "punct", "amod", "pobj"],
        ["ADP", "PROPN", "PUNCT", "PROPN", "PROPN" if kept else "NOUN"],
        strict=True,
    ):
        token.head, token.dep_, token.pos_ = doc[head], dep, pos
    doc.ents = [Span(doc, 1, 4, "GPE")]
    doc = EntityTypeRules()(doc)
    assert bool(doc.ents) is kept


@pytest.mark.parametrize(("tag", "kept"), [("NN", False), ("NNP", True)])
def test_a_common_noun_that_opens_a_sentence_is_no_name(blank, tag, kept) -> None:
    words = ["Anger", "has", "grown", "."]
    doc = parsed(
        blank,
        words,
        [2, 2, 2, 2],
        ["nsubj", "aux", "ROOT", "punct"],
        tags=[tag, "VBZ", "VBN", "."],
        ents=[(0, 1, "ORG")],
    )
    assert bool(doc.ents) is kept


def test_two_names_the_model_ran_into_one_across_from_are_two(blank) -> None:
    text = "It bought Courvoisier from Beam Suntory last year ."
    labels = typed(blank, text, ("Courvoisier from Beam Suntory", "ORG"))
    assert labels == {"Courvoisier": "ORG", "Beam Suntory": "ORG"}


def test_a_place_cut_after_its_first_word_is_whole_again(blank) -> None:
    text = "Militants were killed in Dera Ismail Khan on Tuesday ."
    labels = typed(blank, text, ("Ismail Khan", "GPE"), propn=True)
    assert labels == {"Dera Ismail Khan": "GPE"}


def test_an_office_named_after_the_post_it_serves_keeps_the_post(blank) -> None:
    text = "The Iraqi Prime Minister 's Media Office said so ."
    labels = typed(blank, text, ("Media Office", "ORG"))
    assert labels == {"Prime Minister 's Media Office": "ORG"}


@pytest.mark.parametrize(
    ("text", "name", "whole"),
    [
        ("Justices J B Pardiwala and Manoj Misra agreed .", "Pardiwala", "J B Pardiwala"),
        ("A Pardiwala aide spoke .", "Pardiwala", "Pardiwala"),
    ],
)
def test_initials_the_model_left_out_join_the_name(blank, text, name, whole) -> None:
    assert typed(blank, text, (name, "PERSON")) == {whole: "PERSON"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Turnout was 44 percent .", False),
        ("Hudson spoke . The board backed Hudson .", True),  # capitalised inside a sentence
    ],
)
def test_a_lexicon_noun_that_opens_a_sentence_is_no_name(blank, text, kept) -> None:
    doc = blank(text)
    doc.ents = [doc[0:1].char_span(0, len(doc[0].text), "PERSON")]
    doc = EntityTypeRules(common_nouns=frozenset({"turnout", "hudson"}))(doc)
    assert bool(doc.ents) is kept


def test_a_legislator_s_party_and_state_is_no_place(blank) -> None:
    text = "Elizabeth Warren , D-Mass. , voted no ."
    assert typed(blank, text, ("D-Mass.", "GPE")) == {}


def test_an_outlet_s_desk_is_not_part_of_its_name(blank) -> None:
    text = "SHANGLA ( Dunya News/Web Desk ) - An attack ."
    assert typed(blank, text, ("Dunya News/Web Desk", "ORG")) == {"Dunya News": "ORG"}


@pytest.mark.parametrize(
    ("name", "label"),
    [("Winston Peters", "PERSON"), ("Ford Motor", "ORG"), ("Morgan Stanley", "ORG")],
)
def test_a_name_that_begins_with_a_given_name_is_a_person_s(blank, name, label) -> None:
    doc = blank(f"A deal with {name} 's party is likely .")
    start = doc.text.index(name)
    doc.ents = [doc.char_span(start, start + len(name), "ORG")]
    doc = EntityTypeRules(common_nouns=frozenset({"motor", "morgan"}))(doc)
    assert {e.text: e.label_ for e in doc.ents} == {name: label}


@pytest.mark.parametrize(
    ("text", "label"),
    [("the Greens", "ORG"), ("Greens", "NORP"), ("the governing Greens", "ORG")],
)
def test_a_party_named_by_its_members_with_the_article_is_an_organization(
    blank, text, label
) -> None:
    labels = typed(blank, f"Fourteen seats went to {text} .", ("Greens", "NORP"))
    assert labels == {"Greens": label}


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        (
            "General Counsel and Business Development Officer Fabio Di Fede spoke .",
            "Business Development",
            False,
        ),
        ("Qantas Officer Fabio Di Fede spoke .", "Qantas", True),
    ],
)
def test_common_nouns_before_a_post_and_its_holder_are_its_portfolio(
    blank, text, name, kept
) -> None:
    doc = blank(text)
    start, holder = text.index(name), text.index("Fabio")
    doc.ents = [
        doc.char_span(start, start + len(name), "ORG"),
        doc.char_span(holder, holder + len("Fabio Di Fede"), "PERSON"),
    ]
    doc = EntityTypeRules(common_nouns=frozenset({"business", "development", "officer"}))(doc)
    assert (name in {e.text for e in doc.ents}) is kept


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("Protests against the Finance Bill grew .", "Finance Bill", False),
        ("Crowds came after anti-Finance Bill protests .", "Bill", False),
        ("Founder Bill Gates spoke .", "Bill Gates", True),
    ],
)
def test_a_bill_is_no_person(blank, text, name, kept) -> None:
    doc = blank(text)
    start = text.index(name)
    doc.ents = [doc.char_span(start, start + len(name), "PERSON")]
    doc = EntityTypeRules(common_nouns=frozenset({"finance", "founder"}))(doc)
    assert bool(doc.ents) is kept


@pytest.mark.parametrize(
    ("after", "label"), [("in Norte de Santander state", "GPE"), ("on Monday", "ORG")]
)
def test_a_name_after_in_and_before_a_wider_place_is_a_place(blank, after, label) -> None:
    words = ["It", "happened", "in", "El", "Carmen", *after.split(), "."]
    heads = [1, 1, 1, 4, 2] + [1] * (len(words) - 5)
    deps = ["nsubj", "ROOT", "prep", "compound", "pobj"] + ["dep"] * (len(words) - 5)
    ents = [(3, 5, "ORG")] + ([(6, 9, "GPE")] if label == "GPE" else [])
    doc = parsed(blank, words, heads, deps, ents=ents)
    assert {e.text: e.label_ for e in doc.ents}["El Carmen"] == label


def test_a_name_cut_before_its_hyphen_is_whole_again(blank) -> None:
    text = "He met Industry Minister Seo Hyun-woo in Seoul ."
    assert typed(blank, text, ("Seo Hyun", "PERSON")) == {"Seo Hyun-woo": "PERSON"}


@pytest.mark.parametrize(("after", "whole"), [("Yilmaz", "Burak Yilmaz"), ("Board", "Burak")])
def test_a_given_name_alone_takes_the_surname_the_model_left_out(blank, after, whole) -> None:
    doc = blank(f"The head of the board , Burak {after} , said so .")
    start = doc.text.index("Burak")
    doc.ents = [doc.char_span(start, start + 5, "ORG")]
    doc = EntityTypeRules(common_nouns=frozenset({"board"}))(doc)
    assert [e.text for e in doc.ents] == [whole]


def test_a_name_after_x_based_is_an_organization(blank) -> None:
    text = "A mine planned by Lima-based Minera Huascarán was halted ."
    assert typed(blank, text, ("Minera Huascarán", "PERSON")) == {"Minera Huascarán": "ORG"}


def test_a_name_in_apposition_to_an_organization_noun_is_an_organization(blank) -> None:
    words = ["at", "Meghna", "Knit", ",", "a", "subsidiary", "of", "Karnaphuli", "."]
    heads = [0, 2, 0, 2, 5, 2, 5, 6, 0]
    deps = ["ROOT", "compound", "pobj", "punct", "det", "appos", "prep", "pobj", "punct"]
    doc = parsed(blank, words, heads, deps, ents=[(1, 3, "PERSON")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Meghna Knit", "ORG")]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (  # initials own the department
            "Ana Ruiz of the IMF's Research Department spoke .",
            "IMF's Research Department",
            {"IMF": "ORG", "Research Department": "ORG"},
        ),
        (  # a name the document gives on its own
            "Orion rose ; Orion's Research Department spoke .",
            "Orion's Research Department",
            {"Orion": "ORG", "Research Department": "ORG"},
        ),
        (  # a possessive inside a name, not an owner
            "The People's Liberation Army Department spoke .",
            "People's Liberation Army Department",
            {"People's Liberation Army Department": "ORG"},
        ),
        (  # the owner is a common noun the model left out
            "Staff of the ministry 's Department of Health spoke .",
            "'s Department of Health",
            {"Department of Health": "ORG"},
        ),
    ],
)
def test_an_owner_run_into_an_organizations_name_is_cut_off(blank, text, name, expected) -> None:
    names = [(name, "ORG")]
    if text.startswith("Orion rose"):
        names.insert(0, ("Orion", "ORG"))
    assert typed(blank, text, *names) == expected


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("Kapsowar Hydropower Project", "ORG", "FAC"),  # a last two words' head
        ("Tumbe Khola", "PERSON", "FAC"),  # a river's head word in another language
        ("Partido Verde Unido", "PERSON", "ORG"),  # a head word first, as Spanish puts it
        ("Correo Boliviano", "PERSON", "ORG"),
        ("Mount Elgon", "PERSON", "FAC"),
        ("Pedro Ramos", "PERSON", "PERSON"),  # no head word: the model's kind stays
    ],
)
def test_a_head_word_at_either_end_gives_the_kind(blank, name, label, expected) -> None:
    assert typed(blank, f"Officials spoke of {name} today .", (name, label))[name] == expected


def test_a_name_cut_before_del_and_a_head_word_is_one_organization(blank) -> None:
    text = "— Quinta División del Ejército Nacional ( @Div5 ) ."
    labels = typed(blank, text, ("Quinta División", "PERSON"), ("Ejército Nacional", "PERSON"))
    assert labels == {"Quinta División del Ejército Nacional": "ORG"}


@pytest.mark.parametrize(
    ("name", "label", "kind"),
    [("Tigris", "ORG", "LOC"), ("Danube", "PERSON", "LOC"), ("Tigris Holdings", "ORG", "ORG")],
)
def test_a_great_river_the_model_took_for_an_organization_is_a_place(
    blank, name, label, kind
) -> None:
    text = f"They discussed water sharing from the {name} ."
    assert typed(blank, text, (name, label)) == {name: kind}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "an emergency in four states and regions : Sagaro , Mandal , Kaway and Shan State .",
            ["Sagaro", "Mandal", "Kaway"],
        ),
        ("Floods Hit Three States : Rain Continues , Officials Say .", []),
        ("He met two regions : Police said so .", []),
    ],
)
def test_names_listed_after_a_plural_place_noun_and_a_colon_are_places(blank, text, names) -> None:
    labels = typed(blank, text, ("Shan State", "GPE")) if "Shan" in text else typed(blank, text)
    assert {name for name, label in labels.items() if label == "GPE"} - {"Shan State"} == set(names)


@pytest.mark.parametrize("noun", ["gang", "cartel"])
def test_a_name_before_gang_or_cartel_is_an_organization(blank, noun) -> None:
    words = ["a", "leader", "of", "the", "rival", "Los", "Lobos", noun, "escaped"]
    heads = [1, 8, 1, 7, 7, 6, 7, 2, 8]
    deps = ["det", "nsubj", "prep", "det", "amod", "compound", "compound", "pobj", "ROOT"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, 5, 7, "PERSON")]
    assert {e.text: e.label_ for e in EntityTypeRules()(doc).ents} == {"Los Lobos": "ORG"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bihar Chief Minister Ana Lima and Rui Costa of Himachal Pradesh came .", True),
        ("They met in Victoria on Monday .", True),
        ("Victoria told reporters she would stay .", False),
        ("The Bihar Times Group printed it .", False),
    ],
)
def test_a_state_or_city_the_model_missed_is_a_place(blank, text, found) -> None:
    from kg.extract.components.entities import KnownNames

    doc = blank(text)
    doc.ents = (
        [doc.char_span(text.index("Ana"), text.index(" and"), "PERSON")] if "Ana" in text else []
    )
    places = {e.text for e in KnownNames()(doc).ents if e.label_ == "GPE"}
    if not found:
        assert places == set()
    elif "Bihar" in text:
        assert places == {"Bihar", "Himachal Pradesh"}
    else:
        assert places == {"Victoria"}


def mentions(nlp: Language, text: str, name: str, label: str) -> list[tuple[str, str]]:
    """The labels our type rules give every mention of ``name``, which the model gave
    ``label`` (lemmas as the words, as the model's lemmatizer would give these)."""
    doc: Doc = nlp(text)
    for token in doc:
        token.lemma_ = token.lower_
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    doc.ents = [doc.char_span(i, i + len(name), label=label) for i in starts]
    return [(e.text, e.label_) for e in EntityTypeRules()(doc).ents]


@pytest.mark.parametrize(
    ("text", "name", "label", "kind"),
    [
        ("Telvoro 's board met . Later Telvoro said so .", "Telvoro", "PERSON", "ORG"),
        ("Ana was chief executive of Ventel . Ventel said so .", "Ventel", "GPE", "ORG"),
        ("She lives in the town of Nyavu . Nyavu lost ten people .", "Nyavu", "PERSON", "GPE"),
    ],
)
def test_a_kind_one_mention_shows_holds_for_every_mention(blank, text, name, label, kind) -> None:
    assert set(mentions(blank, text, name, label)) == {(name, kind)}


def test_a_person_the_text_shows_keeps_every_mention(blank) -> None:
    text = "Telvoro , 45 , was there . Telvoro 's board met . Telvoro said so ."
    assert set(mentions(blank, text, "Telvoro", "PERSON")) == {("Telvoro", "PERSON")}


def test_a_place_noun_that_modifies_the_noun_in_apposition_shows_no_place(blank) -> None:
    words = ["Ventel", ",", "the", "state", "oil", "company", ",", "said", "so"]
    heads = [7, 0, 5, 5, 5, 0, 0, 7, 7]
    deps = ["nsubj", "punct", "det", "compound", "compound", "appos", "punct", "ROOT", "advmod"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps)
    for token in doc:
        token.lemma_ = token.lower_
    doc.ents = [Span(doc, 0, 1, "ORG")]
    assert {e.text: e.label_ for e in EntityTypeRules()(doc).ents} == {"Ventel": "ORG"}
    doc = Doc(blank.vocab, words=["Nyavu", ",", "a", "town", "in", "the", "west"])
    for token in doc:
        token.lemma_ = token.lower_
    doc.ents = [Span(doc, 0, 1, "PERSON")]
    assert {e.text: e.label_ for e in EntityTypeRules()(doc).ents} == {"Nyavu": "GPE"}


def test_names_listed_with_an_organization_a_context_shows_are_organizations(blank) -> None:
    words = ["gangs", "such", "as", "Los", "Tovos", ",", "Nortes", "and", "Sur", "Kings"]
    words += [".", "A", "leader", "of", "Los", "Tovos", "fled"]
    heads = [0, 2, 0, 4, 2, 4, 4, 6, 9, 6, 0, 12, 16, 12, 15, 13, 16]
    deps = ["ROOT", "amod", "prep", "compound", "pobj", "punct", "conj", "cc", "compound"]
    deps += ["conj", "punct", "det", "nsubj", "prep", "compound", "pobj", "ROOT"]
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps)
    labels = [(3, 5, "GPE"), (6, 7, "GPE"), (8, 10, "NORP"), (14, 16, "ORG")]
    doc.ents = [Span(doc, start, end, label) for start, end, label in labels]
    assert {(e.text, e.label_) for e in EntityTypeRules()(doc).ents} == {
        ("Los Tovos", "ORG"),
        ("Nortes", "ORG"),
        ("Sur Kings", "ORG"),
    }


def test_two_names_joined_by_a_hyphen_before_a_common_noun_are_no_name(blank) -> None:
    words = ["Nyavu", "and", "Tovo", "wait", ";", "the", "Nyavu", "-", "Tovo", "road", "shut"]
    heads = [3, 0, 0, 3, 3, 9, 8, 8, 9, 10, 10]
    deps = ["nsubj", "cc", "conj", "ROOT", "punct", "det", "compound", "punct", "compound"]
    doc = Doc(
        blank.vocab,
        words=words,
        spaces=[True] * 6 + [False, False] + [True] * 3,
        heads=heads,
        deps=[*deps, "nsubj", "ROOT"],
    )
    doc[9].pos_ = "NOUN"
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 2, 3, "GPE"), Span(doc, 6, 9, "PERSON")]
    assert [e.text for e in EntityTypeRules()(doc).ents] == ["Nyavu", "Tovo"]


def test_people_with_initials_the_model_ran_into_one_name_are_apart(blank) -> None:
    text = "The cabinet has G Rao , K H Munappa and others ."
    labels = typed(blank, text, ("G Rao , K H Munappa", "ORG"))
    assert labels == {"G Rao": "PERSON", "K H Munappa": "PERSON"}
    text = "It sold to K Corp , B Holdings and others ."
    assert typed(blank, text, ("K Corp , B Holdings", "ORG")) == {"K Corp , B Holdings": "ORG"}


def test_an_initial_inside_a_person_s_name_names_nobody_alone(blank) -> None:
    from kg.extract.components.entities import KnownNames

    doc = blank("Minister D K Rao came ; K H Munappa and Rao spoke .")
    doc.ents = [doc.char_span(doc.text.index("D K"), doc.text.index(" came"), label="PERSON")]
    found = {e.text for e in KnownNames()(doc).ents}
    assert "K" not in found
    assert "Rao" in found


def test_a_social_media_handle_is_no_name(blank) -> None:
    assert typed(blank, "— Ana Lima ( @AnaLima ) May 20 .", ("@AnaLima", "PERSON")) == {}


def test_a_name_cut_before_the_rest_of_a_longer_name_of_the_document_is_whole(blank) -> None:
    text = "Doctors in Nova Zelva said so ; he was flown to Nova Zelva ."
    doc = blank(text)
    first = text.index("Nova")
    second = text.index("Nova", first + 1)
    doc.ents = [
        doc.char_span(first, first + len("Nova Zelva"), label="GPE"),
        doc.char_span(second, second + len("Nova"), label="PERSON"),
    ]
    assert [e.text for e in EntityTypeRules()(doc).ents] == ["Nova Zelva", "Nova Zelva"]
