"""The relation rules on hand-made findings: what a post, a membership or a place implies."""

from __future__ import annotations

from dataclasses import replace

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.components.findings import InstitutionFound, RelationFound, Role
from kg.extract.components.relations import TitlesAndNames
from kg.extract.conversion import DocReader
from kg.extract.relations import RelationRules
from kg.records import Document, Relation

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")


def parsed(text: str, ents: dict[str, str]) -> tuple[Doc, Document]:
    """A Doc of ``text`` whose entities are the given phrases, wherever they occur."""
    doc = NLP(text)
    spans = []
    for phrase, label in ents.items():
        start = text.find(phrase)
        while start >= 0:
            spans.append(doc.char_span(start, start + len(phrase), label=label))
            start = text.find(phrase, start + 1)
    doc.ents = spans
    return doc, Document("a.txt", "a.txt", text)


def role(text: str, name: str, phrase: str, after: int = 0) -> Role:
    start = text.index(phrase, after)
    return Role(name, start, start + len(phrase), phrase)


def read(doc: Doc, document: Document, found: list[RelationFound]) -> set[tuple[str, str, str]]:
    reader = DocReader(doc, document)
    for ent in doc.ents:
        reader.add_entity(ent)
    RelationRules(reader).add_all(found)
    m = reader.mentions
    return {
        (m[r.subject].text, r.relation.value, m[r.object].key or m[r.object].text)
        for r in reader.relations
    }


def title_person(text: str, title: str, person: str) -> RelationFound:
    return RelationFound(
        Relation.HOLDS_POST, (role(text, "title", title), role(text, "person", person))
    )


def test_a_state_title_without_a_country_is_a_post_of_the_story_country():
    text = (
        "Kenya's parliament met in Nairobi. Prime Minister Ana Ruiz spoke. Congress "
        "president Bo Lee left. Fisheries Minister Jo Kim stayed. Kenya voted.\n"
    )
    ents = {"Kenya": "GPE", "Nairobi": "GPE", "Ana Ruiz": "PERSON", "Bo Lee": "PERSON"}
    doc, document = parsed(text, {**ents, "Jo Kim": "PERSON"})
    found = [
        title_person(text, "Prime Minister", "Ana Ruiz"),
        title_person(text, "president", "Bo Lee"),
        title_person(text, "Minister", "Jo Kim"),
    ]
    posts = read(doc, document, found)
    assert ("Ana Ruiz", "holds", "country@KE") in posts
    assert ("Jo Kim", "holds", "country@KE") in posts  # "Fisheries" is a portfolio
    assert not any(p[0] == "Bo Lee" for p in posts)  # the president of Congress


def test_a_word_that_dates_a_state_title_does_not_own_it():
    text = "Kenya voted. Outgoing President Ana Ruiz spoke. Kenya counted.\n"
    doc, document = parsed(text, {"Kenya": "GPE", "Ana Ruiz": "PERSON"})
    found = [title_person(text, "President", "Ana Ruiz")]
    assert ("Ana Ruiz", "holds", "country@KE") in read(doc, document, found)


def test_no_story_country_when_two_countries_share_the_story():
    text = "Kenya and Uganda met. Kenya and Uganda agreed. President Ana Ruiz spoke.\n"
    doc, document = parsed(text, {"Kenya": "GPE", "Uganda": "GPE", "Ana Ruiz": "PERSON"})
    assert read(doc, document, [title_person(text, "President", "Ana Ruiz")]) == set()


def test_with_no_story_country_a_state_title_is_a_post_of_the_country_its_sentence_names():
    """In a story about two countries, "President X said Kenya was ready" and "President X
    received French President Y in Nairobi" make X Kenya's; a sentence naming both, or
    where one meets a counterpart, says nothing of X's country."""
    text = (
        "Kenya and France met in Paris. France and Kenya agreed in Paris. President Ana Ruiz "
        "said Kenya was ready. President Jo Kim received French President Bo Lee in Nairobi. "
        "President Al Roe said Kenya and France agreed. President Sam Oto met his French "
        "counterpart, Ed Wu, in Nairobi.\n"
    )
    people = ("Ana Ruiz", "Jo Kim", "Bo Lee", "Al Roe", "Sam Oto", "Ed Wu")
    ents = {"Kenya": "GPE", "France": "GPE", "Paris": "GPE", "Nairobi": "GPE", "French": "NORP"}
    doc, document = parsed(text, {**ents, **dict.fromkeys(people, "PERSON")})
    ugandan = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "country", "French"),
            role(text, "title", "President", text.index("French")),
            role(text, "person", "Bo Lee"),
        ),
    )
    counterpart = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "his", "his"),
            role(text, "country", "French", text.index("Sam Oto")),
            role(text, "counterpart", "counterpart"),
            role(text, "person", "Ed Wu"),
        ),
    )
    found = [
        RelationFound(
            Relation.HOLDS_POST,
            (role(text, "title", "President", text.index(p) - 10), role(text, "person", p)),
        )
        for p in ("Ana Ruiz", "Jo Kim", "Al Roe", "Sam Oto")
    ]
    posts = read(doc, document, [*found, ugandan, counterpart])
    held = {(p, c) for p, r, c in posts if r == "holds"}
    assert held == {
        ("Ana Ruiz", "country@KE"),
        ("Jo Kim", "country@KE"),
        ("Bo Lee", "country@FR"),
        ("Ed Wu", "country@FR"),
    }


def test_in_a_list_of_titles_before_names_a_title_after_a_name_is_the_next_ones():
    """ "the president of the Senate, Ana Ruiz, the speaker of the House, Bo Lee": each title
    comes before its holder, so "the speaker of the House" is not read of Ana Ruiz."""
    text = (
        "With him were the president of the Senate, Ana Ruiz, the speaker of the House, Bo Lee.\n"
    )
    ents = {"Senate": "ORG", "House": "ORG", "Ana Ruiz": "PERSON", "Bo Lee": "PERSON"}
    doc, document = parsed(text, ents)

    def post(*roles: tuple[str, str]) -> RelationFound:
        return RelationFound(Relation.HOLDS_POST, tuple(role(text, n, p) for n, p in roles))

    found = [
        post(("title", "president"), ("org", "Senate"), ("person", "Ana Ruiz")),
        post(("person", "Ana Ruiz"), ("title", "speaker"), ("org", "House")),
        post(("title", "speaker"), ("org", "House"), ("person", "Bo Lee")),
    ]
    assert read(doc, document, found) == {
        ("Ana Ruiz", "holds", "Senate"),
        ("Bo Lee", "holds", "House"),
    }


def test_a_deputy_of_another_holds_no_post_of_the_story_country():
    """ "Ana Ruiz called off her trip, and her deputy, Defence Minister Bo Lee, came": in a
    story about Kenya, Bo Lee serves Ana Ruiz's state, which the title does not name."""
    text = (
        "Kenya hosted talks in Nairobi. Ana Ruiz called off her trip, and her deputy, "
        "Defence Minister Bo Lee, came. Interior Minister Jo Kim spoke.\n"
    )
    ents = {"Kenya": "GPE", "Nairobi": "GPE", "Ana Ruiz": "PERSON", "Bo Lee": "PERSON"}
    doc, document = parsed(text, {**ents, "Jo Kim": "PERSON"})
    found = [title_person(text, "Minister", "Bo Lee"), title_person(text, "Minister", "Jo Kim")]
    found[1] = RelationFound(
        Relation.HOLDS_POST,
        (role(text, "title", "Minister", text.index("Interior")), role(text, "person", "Jo Kim")),
    )
    assert read(doc, document, found) == {("Jo Kim", "holds", "country@KE")}


@pytest.mark.parametrize(
    ("dateline", "country"), [("Kampala", "country@UG"), ("Nairobi, Kenya", "country@KE")]
)
def test_the_dateline_tells_the_story_country_where_the_names_do_not(dateline, country):
    """ "KAMPALA (Wire) -": a story filed there, naming Kenya and Uganda alike, is Uganda's."""
    text = "Kenya and Uganda met. Kenya and Uganda agreed. President Ana Ruiz spoke.\n"
    doc, document = parsed(text, {"Kenya": "GPE", "Uganda": "GPE", "Ana Ruiz": "PERSON"})
    filed = replace(document, dateline_place=dateline)
    posts = read(doc, filed, [title_person(text, "President", "Ana Ruiz")])
    assert posts == {("Ana Ruiz", "holds", country)}
    elsewhere = replace(document, dateline_place="Dubai")  # named less than the others
    assert read(doc, elsewhere, [title_person(text, "President", "Ana Ruiz")]) == set()


def test_a_holder_whose_country_is_stated_keeps_it():
    text = "In Kenya, Kenya's talks. Ugandan President Ana Ruiz came. President Ana Ruiz spoke.\n"
    doc, document = parsed(text, {"Kenya": "GPE", "Ana Ruiz": "PERSON"})
    second = text.index("President Ana")
    stated = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "country", "Ugandan"),
            role(text, "title", "President"),
            role(text, "person", "Ana Ruiz"),
        ),
    )
    bare = RelationFound(
        Relation.HOLDS_POST,
        (role(text, "title", "President", second), role(text, "person", "Ana Ruiz", second)),
    )
    posts = read(doc, document, [stated, bare])
    assert ("Ana Ruiz", "holds", "country@UG") in posts
    assert ("Ana Ruiz", "holds", "country@KE") not in posts


def test_a_title_takes_in_an_entity_the_ner_saw_in_it_but_not_an_institution():
    """ "Defense Minister X": "Defense" is no organization; in "Army Chief" the army is one."""
    nlp = spacy.blank("en")
    merge = TitlesAndNames(nlp)
    doc = nlp("Defense Minister Yoav Gallant met Army Chief Ali Zaman.")
    doc.ents = [
        Span(doc, 0, 1, "ORG"),
        Span(doc, 2, 4, "PERSON"),
        Span(doc, 5, 6, "ORG"),
        Span(doc, 7, 9, "PERSON"),
    ]
    merge(doc)
    assert [t.text for t in doc.spans["kg_titles"]] == ["Defense Minister", "Chief"]
    assert [e.text for e in doc.ents] == ["Yoav Gallant", "Army", "Ali Zaman"]


def test_a_state_title_listed_after_another_shares_its_country():
    text = "Germany's Foreign Minister Ana Ruiz and Defense Minister Jo Kim came to Paris.\n"
    doc, document = parsed(text, {"Germany": "GPE", "Ana Ruiz": "PERSON", "Jo Kim": "PERSON"})
    first = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "country", "Germany"),
            role(text, "title", "Foreign Minister"),
            role(text, "person", "Ana Ruiz"),
        ),
    )
    listed = title_person(text, "Defense Minister", "Jo Kim")
    assert ("Jo Kim", "holds", "country@DE") in read(doc, document, [first, listed])


def member_of(text: str, *roles: Role) -> RelationFound:
    return RelationFound(Relation.MEMBER_OF, roles)


def test_party_initials_after_a_name_are_a_party_even_unseen_by_the_ner():
    text = "Ana Lima (PT) spoke. Jo Kim (Peru) left.\n"
    doc, document = parsed(text, {"Ana Lima": "PERSON", "Jo Kim": "PERSON"})
    found = [
        member_of(
            text, role(text, "person", "Ana Lima"), role(text, "open", "("), role(text, "org", "PT")
        ),
        member_of(
            text,
            role(text, "person", "Jo Kim"),
            role(text, "open", "(", 20),
            role(text, "org", "Peru"),
        ),
    ]
    assert read(doc, document, found) == {("Ana Lima", "memberOf", "PT")}


def test_a_persons_state_body_is_no_membership():
    """ "Le Pen's National Rally": a membership; "Biden's State Department": none."""
    text = "Ana Lima's Workers Front won. Jo Kim's Iraqi parliament met.\n"
    ents = {"Ana Lima": "PERSON", "Workers Front": "ORG", "Jo Kim": "PERSON"}
    doc, document = parsed(text, {**ents, "Iraqi parliament": "ORG"})
    start = text.index("Iraqi parliament")
    doc._.kg_institutions = [InstitutionFound(start, start + 16, "parliament", "IQ")]
    found = [
        member_of(
            text,
            role(text, "person", "Ana Lima"),
            role(text, "poss", "'s"),
            role(text, "org", "Workers Front"),
        ),
        member_of(
            text,
            role(text, "person", "Jo Kim"),
            role(text, "poss", "'s", 20),
            role(text, "org", "Iraqi parliament"),
        ),
    ]
    assert read(doc, document, found) == {("Ana Lima", "memberOf", "Workers Front")}


def test_no_post_in_an_organization_that_only_owns_the_office():
    text = "Ana Lima, who heads MINEM's mining office, spoke.\n"
    doc, document = parsed(text, {"Ana Lima": "PERSON", "MINEM": "ORG"})
    found = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "person", "Ana Lima"),
            Role("title", text.index("heads"), text.index("heads") + 5, "head"),
            role(text, "org", "MINEM"),
        ),
    )
    assert read(doc, document, [found]) == set()


def contained(text: str, *roles: Role) -> RelationFound:
    return RelationFound(Relation.CONTAINED_IN_PLACE, roles)


def test_a_place_lies_in_a_country_or_in_a_region_the_text_describes():
    text = (
        "Dasu, the town of Kohistan. Jilib in Kohistan. Argentina's Milei. Iraq's Anbar province.\n"
    )
    ents = {"Dasu": "GPE", "Kohistan": "GPE", "Jilib": "GPE", "Argentina": "GPE", "Milei": "GPE"}
    doc, document = parsed(text, {**ents, "Iraq": "GPE", "Anbar province": "GPE"})
    kohistan = text.index("Kohistan")
    found = [
        contained(
            text,
            role(text, "place", "Dasu"),
            role(text, "noun", "town"),
            role(text, "parent", "Kohistan"),
        ),
        contained(
            text, role(text, "place", "Jilib"), role(text, "parent", "Kohistan", kohistan + 1)
        ),
        contained(
            text,
            role(text, "parent", "Argentina"),
            role(text, "poss", "'s"),
            role(text, "place", "Milei"),
        ),
        contained(
            text,
            role(text, "parent", "Iraq"),
            role(text, "poss", "'s", 60),
            role(text, "place", "Anbar province"),
        ),
    ]
    assert read(doc, document, found) == {
        ("Dasu", "containedInPlace", "Kohistan"),  # described as its town
        ("Anbar province", "containedInPlace", "country@IQ"),
    }


def test_a_place_lies_in_a_region_its_name_calls_one_and_a_named_site_in_a_city():
    text = "Kasama in Luapula province. Mansa in Chipata. Rashid base in Basra. Tarim in Basra.\n"
    ents = {"Kasama": "GPE", "Luapula province": "FAC", "Mansa": "GPE", "Chipata": "GPE"}
    doc, document = parsed(text, {**ents, "Rashid": "FAC", "Basra": "GPE", "Tarim": "GPE"})
    basra = text.index("Basra", 60)
    found = [
        contained(text, role(text, "place", "Kasama"), role(text, "parent", "Luapula province")),
        contained(text, role(text, "place", "Mansa"), role(text, "parent", "Chipata")),
        contained(
            text,
            role(text, "place", "Rashid"),
            role(text, "site", "base"),
            role(text, "parent", "Basra"),
        ),
        contained(text, role(text, "place", "Tarim"), role(text, "parent", "Basra", basra)),
    ]
    assert read(doc, document, found) == {
        ("Kasama", "containedInPlace", "Luapula province"),  # a province by its name
        ("Rashid", "containedInPlace", "city@IQ/Basra"),  # a site named in a known city
    }


def test_a_known_city_lies_in_a_known_province_of_its_own_country_only():
    text = "Toronto in Ontario. Chicago in Ontario. Kasama in Ontario.\n"
    ents = {"Toronto": "GPE", "Ontario": "GPE", "Chicago": "GPE", "Kasama": "GPE"}
    doc, document = parsed(text, ents)
    found = [
        contained(
            text, role(text, "place", name), role(text, "parent", "Ontario", text.index(name))
        )
        for name in ("Toronto", "Chicago", "Kasama")
    ]
    assert read(doc, document, found) == {("Toronto", "containedInPlace", "region@CA/ON")}


def test_a_counterpart_holds_the_same_post_in_the_country_named():
    """ "Foreign Minister X met his Chinese counterpart, Y, in Beijing": Y is China's foreign
    minister, and X is not (though the only place of the story is in China)."""
    text = "Foreign Minister Ana Ruiz met her Chinese counterpart, Jo Kim, in Beijing.\n"
    doc, document = parsed(text, {"Ana Ruiz": "PERSON", "Jo Kim": "PERSON", "Beijing": "GPE"})
    counterpart = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "his", "her"),
            role(text, "country", "Chinese"),
            role(text, "counterpart", "counterpart"),
            role(text, "person", "Jo Kim"),
        ),
    )
    found = [title_person(text, "Foreign Minister", "Ana Ruiz"), counterpart]
    assert read(doc, document, found) == {
        ("Jo Kim", "holds", "country@CN"),
        ("Jo Kim", "nationality", "country@CN"),
    }


def test_a_company_title_with_no_company_is_a_post_in_the_story_company():
    text = (
        "Qantas chose Jo Kim. Qantas rose. Qantas flies. Reuters said. Chairman Ana Ruiz spoke.\n"
    )
    ents = {"Qantas": "ORG", "Reuters": "ORG", "Ana Ruiz": "PERSON", "Jo Kim": "PERSON"}
    doc, document = parsed(text, ents)
    posts = read(doc, document, [title_person(text, "Chairman", "Ana Ruiz")])
    assert posts == {("Ana Ruiz", "holds", "Qantas")}
    fewer = text.replace("Qantas flies. ", "")  # named twice: not enough to be the story's
    doc, document = parsed(fewer, ents)
    assert read(doc, document, [title_person(fewer, "Chairman", "Ana Ruiz")]) == set()


def test_an_appositive_state_title_is_a_post_of_the_story_country_but_not_a_possessor():
    text = (
        "Canada's cabinet met in Ottawa. Jo Kim, the minister for tourism, spoke. Rideau "
        "Hall, the prime minister's residence, was shut.\n"
    )
    ents = {"Canada": "GPE", "Ottawa": "GPE", "Jo Kim": "PERSON", "Rideau Hall": "PERSON"}
    doc, document = parsed(text, ents)
    found = [
        title_person(text, "minister", "Jo Kim"),
        title_person(text, "prime minister", "Rideau Hall"),
    ]
    assert read(doc, document, found) == {("Jo Kim", "holds", "country@CA")}


def test_a_judge_with_no_court_sits_on_the_one_court_of_the_story_with_those_listed():
    text = "The Supreme Court ruled. The bench comprised Justices Ana Ruiz, Jo Kim and Li Wu.\n"
    ents = {"Supreme Court": "ORG", "Ana Ruiz": "PERSON", "Jo Kim": "PERSON", "Li Wu": "PERSON"}
    doc, document = parsed(text, ents)
    posts = read(doc, document, [title_person(text, "Justices", "Ana Ruiz")])
    assert posts == {(name, "holds", "Supreme Court") for name in ("Ana Ruiz", "Jo Kim", "Li Wu")}
    two_courts = text.replace("The bench", "The High Court bench")
    doc, document = parsed(two_courts, {**ents, "High Court": "ORG"})
    assert read(doc, document, [title_person(two_courts, "Justices", "Ana Ruiz")]) == set()


def test_the_story_company_counts_its_longer_and_shorter_names_together():
    text = (
        "Davide Campari-Milano NV said. Campari rose. Campari fell. Reuters said. "
        "Chairman Ana Ruiz spoke.\n"
    )
    doc = NLP(text)
    names = [("Davide Campari-Milano NV", 0), ("Campari", 31), ("Campari", 45)]
    names += [("Reuters", 0), ("Ana Ruiz", 0)]
    spans = []
    for name, after in names:
        start = text.index(name, after)
        label = "PERSON" if name == "Ana Ruiz" else "ORG"
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = spans
    document = Document("a.txt", "a.txt", text)
    posts = read(doc, document, [title_person(text, "Chairman", "Ana Ruiz")])
    assert posts == {("Ana Ruiz", "holds", "Campari")}
    doc.ents = [s for s in spans if s.text != "Davide Campari-Milano NV"]  # named twice
    assert read(doc, document, [title_person(text, "Chairman", "Ana Ruiz")]) == set()


def test_initials_left_out_of_a_name_stand_between_a_title_and_it_as_a_rank():
    """ "Chief Justice D Y Chandrachud": the title reaches the name; "NDP MP X" keeps its title."""
    nlp = spacy.blank("en")
    merge = TitlesAndNames(nlp)
    doc = nlp("Chief Justice D Y Chandrachud and NDP MP Ana Ruiz spoke.")
    doc.ents = [Span(doc, 4, 5, "PERSON"), Span(doc, 6, 7, "ORG"), Span(doc, 8, 10, "PERSON")]
    merge(doc)
    assert [t.text for t in doc.spans["kg_titles"]] == ["Chief Justice", "MP"]
    assert [t.text for t in doc if t._.kg_rank] == ["D Y"]


def test_a_list_of_judges_runs_on_over_initials_the_ner_left_out():
    text = "The Supreme Court ruled. Justices Ana Ruiz, J B Kim and Li Wu sat.\n"
    ents = {"Supreme Court": "ORG", "Ana Ruiz": "PERSON", "Kim": "PERSON", "Li Wu": "PERSON"}
    doc, document = parsed(text, ents)
    posts = read(doc, document, [title_person(text, "Justices", "Ana Ruiz")])
    assert posts == {(name, "holds", "Supreme Court") for name in ("Ana Ruiz", "Kim", "Li Wu")}


def test_an_organization_the_ner_saw_in_a_portfolio_is_no_entity():
    """ "Digital Minister X": a portfolio; "Finance Ministry" and "Congress president" are not."""
    nlp = spacy.blank("en")
    merge = TitlesAndNames(nlp)
    doc = nlp(
        "Digital Minister Ana Ruiz, Finance Ministry minister Bo Lee and Trade, Industry Minister"
    )
    doc.ents = [
        Span(doc, 0, 1, "ORG"),
        Span(doc, 2, 4, "PERSON"),
        Span(doc, 5, 7, "ORG"),
        Span(doc, 8, 10, "PERSON"),
        Span(doc, 11, 14, "ORG"),
    ]
    merge(doc)
    assert [e.text for e in doc.ents] == ["Ana Ruiz", "Finance Ministry", "Bo Lee"]


def test_a_title_after_an_institution_is_a_post_in_the_story_countrys_institution():
    text = (
        "Somalia mourned. The police spokesman Ana Ruiz spoke. Regional police chief Bo Lee "
        "and army chief Jo Kim spoke.\n"
    )
    ents = {"Somalia": "GPE", "Ana Ruiz": "PERSON", "Bo Lee": "PERSON", "Jo Kim": "PERSON"}
    doc, document = parsed(text, ents)
    army_chief = role(text, "title", "chief", text.index("army"))
    found = [
        title_person(text, "spokesman", "Ana Ruiz"),
        title_person(text, "chief", "Bo Lee"),
        RelationFound(Relation.HOLDS_POST, (army_chief, role(text, "person", "Jo Kim"))),
    ]
    posts = read(doc, document, found)
    assert posts == {
        ("Ana Ruiz", "holds", "police@SO"),
        ("Jo Kim", "holds", "army@SO"),
        ("police", "location", "country@SO"),
        ("army", "location", "country@SO"),
    }
    doc, document = parsed(text.replace("Somalia", "Rain"), {**ents, "Somalia": "ORG"})
    assert read(doc, document, found) == set()  # no story country


def test_an_institution_capitalised_at_a_sentence_start_gives_the_post_too():
    text = "Somalia mourned. Army spokesman Jo Kim spoke.\n"
    doc, document = parsed(text, {"Somalia": "GPE", "Jo Kim": "PERSON"})
    found = [title_person(text, "spokesman", "Jo Kim")]
    assert read(doc, document, found) == {
        ("Jo Kim", "holds", "army@SO"),
        ("Army", "location", "country@SO"),
    }


def test_an_institution_between_a_country_and_a_title_holds_the_post():
    text = (
        "Israeli military spokesman Jo Kim spoke. Israeli civilian official Bo Lee spoke. "
        "Israeli military commander Al Roe spoke.\n"
    )
    names = {"Jo Kim": "PERSON", "Bo Lee": "PERSON", "Al Roe": "PERSON"}
    doc, document = parsed(text, {"Israeli": "NORP", **names})

    def post(person: str, modifier: str, title: str, after: int) -> RelationFound:
        roles = (
            role(text, "country", "Israeli", after),
            role(text, "modifier", modifier, after),
            role(text, "title", title, after),
            role(text, "person", person, after),
        )
        return RelationFound(Relation.HOLDS_POST, roles)

    found = [
        post("Jo Kim", "military", "spokesman", 0),
        post("Bo Lee", "civilian", "official", 30),
        post("Al Roe", "military", "commander", 70),  # may be loose talk of another force
    ]
    assert read(doc, document, found) == {
        ("Al Roe", "nationality", "country@IL"),
        ("Jo Kim", "nationality", "country@IL"),
        ("Jo Kim", "holds", "military@IL"),
        ("Israeli military", "location", "country@IL"),
        ("Bo Lee", "nationality", "country@IL"),
    }


def test_a_party_title_is_a_post_in_the_party_just_named():
    text = (
        "The Green Party will meet, party leader Jo Kim said. It rained. It snowed. Later, "
        "party leader Bo Lee left.\n"
    )
    ents = {"Green Party": "ORG", "Jo Kim": "PERSON", "Bo Lee": "PERSON"}
    doc, document = parsed(text, ents)
    found = [
        title_person(text, "party leader", "Jo Kim"),
        RelationFound(
            Relation.HOLDS_POST,
            (role(text, "title", "party leader", 50), role(text, "person", "Bo Lee")),
        ),
    ]
    assert read(doc, document, found) == {("Jo Kim", "holds", "Green Party")}


def test_a_capitalised_word_before_a_title_is_the_organization_named_so_elsewhere():
    text = "India voted. The Congress won. India cheered. Congress president Bo Lee spoke.\n"
    ents = {"India": "GPE", "Bo Lee": "PERSON"}
    doc, document = parsed(text, ents)
    doc.ents = [*doc.ents, doc.char_span(text.index("Congress"), text.index(" won"), "ORG")]
    found = [title_person(text, "president", "Bo Lee")]
    assert read(doc, document, found) == {("Bo Lee", "holds", "Congress")}


def test_a_chief_officer_with_no_company_is_a_post_in_the_story_company():
    text = "Orion Group fell. Orion Group rose. Orion Group said Chief Data Officer Jo Kim left.\n"
    doc, document = parsed(text, {"Orion Group": "ORG", "Jo Kim": "PERSON"})
    found = [title_person(text, "Chief Data Officer", "Jo Kim")]
    assert read(doc, document, found) == {("Jo Kim", "holds", "Orion Group")}


def sub_organization(text: str, *roles: Role) -> RelationFound:
    return RelationFound(Relation.SUB_ORGANIZATION_OF, roles)


def test_a_unit_is_part_of_the_organization_it_is_at_not_of_that_ones_owner():
    text = "Elections Department at the OSCE's ODIHR said so.\n"
    ents = {"Elections Department": "ORG", "OSCE": "ORG", "ODIHR": "ORG"}
    doc, document = parsed(text, ents)
    sub, at = role(text, "sub", "Elections Department"), role(text, "at", "at")
    found = [
        sub_organization(text, sub, at, role(text, "parent", "OSCE")),
        sub_organization(
            text,
            sub,
            at,
            role(text, "owner", "OSCE"),
            role(text, "poss", "'s"),
            role(text, "parent", "ODIHR"),
        ),
    ]
    assert read(doc, document, found) == {("Elections Department", "subOrganizationOf", "ODIHR")}


def test_the_nouns_unit_is_part_of_the_last_organization_named_with_that_head_noun():
    text = "The World Bank met. The Bank of Ghana met. The bank's Policy Committee voted.\n"
    ents = {"World Bank": "ORG", "Bank of Ghana": "ORG", "Policy Committee": "ORG"}
    doc, document = parsed(text, ents)
    found = [
        sub_organization(
            text,
            role(text, "the", "The", 40),
            role(text, "noun", "bank"),
            role(text, "poss", "'s"),
            role(text, "sub", "Policy Committee"),
        )
    ]
    assert read(doc, document, found) == {
        ("Policy Committee", "subOrganizationOf", "Bank of Ghana")
    }


def test_a_committee_named_after_a_body_the_document_names_is_part_of_it():
    text = "The Senate voted. The Senate Armed Services Committee met. The Finance Committee met.\n"
    ents = {"Senate": "ORG", "Senate Armed Services Committee": "ORG", "Finance Committee": "ORG"}
    doc, document = parsed(text, {})
    doc.ents = [  # "Senate" also begins the committee's name
        doc.char_span(text.index(name), text.index(name) + len(name), label="ORG") for name in ents
    ]
    assert read(doc, document, []) == {
        ("Senate Armed Services Committee", "subOrganizationOf", "Senate")
    }


def test_an_organization_whose_name_ends_with_its_country_is_based_there_not_an_embassy():
    text = "The Department of Standards Malaysia and the Chinese embassy met.\n"
    doc, document = parsed(
        text, {"Department of Standards Malaysia": "ORG", "Chinese embassy": "ORG"}
    )
    reader = DocReader(doc, document)
    rules = RelationRules(reader)
    for ent in doc.ents:
        index = reader.add_entity(ent)
        assert index is not None
        rules.locate_by_name(index, ent.text, ent.start_char)
    m = reader.mentions
    assert {(m[r.subject].text, m[r.object].key) for r in reader.relations} == {
        ("Department of Standards Malaysia", "country@MY")
    }


def test_a_demonym_before_a_state_body_is_its_country_not_before_a_company():
    text = "Egyptian Interior Ministry said so. Egyptian Acme Group said so.\n"
    ents = {"Egyptian": "NORP", "Interior Ministry": "ORG", "Acme Group": "ORG"}
    doc, document = parsed(text, ents)
    second = text.index("Egyptian", 5)
    found = [
        RelationFound(
            Relation.LOCATION,
            (role(text, "demonym", "Egyptian"), role(text, "org", "Interior Ministry")),
        ),
        RelationFound(
            Relation.LOCATION,
            (role(text, "demonym", "Egyptian", second), role(text, "org", "Acme Group")),
        ),
    ]
    assert read(doc, document, found) == {("Interior Ministry", "location", "country@EG")}


def with_ents(text: str, *names: tuple[str, str, int]) -> tuple[Doc, Document]:
    """A Doc of ``text`` whose entities are the phrases given with their label and where
    each begins (for names inside others)."""
    doc, document = parsed(text, {})
    doc.ents = [
        doc.char_span(start, start + len(phrase), label=label) for phrase, label, start in names
    ]
    return doc, document


def test_the_houses_a_story_names_beside_an_upper_house_are_its_countrys_parliament():
    text = "Kenya's parliament met. The National Assembly voted. The Senate voted. In Kenya.\n"
    doc, document = with_ents(
        text,
        ("Kenya's parliament", "ORG", 0),
        ("National Assembly", "ORG", text.index("National")),
        ("Senate", "ORG", text.index("Senate")),
        ("Kenya", "GPE", text.index("Kenya.")),
    )
    doc._.kg_institutions = [
        InstitutionFound(0, len("Kenya's parliament"), "parliament", "KE"),
        InstitutionFound(text.index("Senate"), text.index("Senate") + 6, "senate", "KE"),
    ]
    houses = {r for r in read(doc, document, []) if r[1] == "subOrganizationOf"}
    assert houses == {
        ("National Assembly", "subOrganizationOf", "parliament@KE"),
        ("Senate", "subOrganizationOf", "parliament@KE"),
    }


def test_a_national_assembly_alone_is_no_house_of_parliament():
    text = "Kenya's parliament met. The National Assembly voted. In Kenya.\n"
    doc, document = with_ents(
        text,
        ("Kenya's parliament", "ORG", 0),
        ("National Assembly", "ORG", text.index("National")),
        ("Kenya", "GPE", text.index("Kenya.")),
    )
    doc._.kg_institutions = [InstitutionFound(0, len("Kenya's parliament"), "parliament", "KE")]
    assert not any(r[1] == "subOrganizationOf" for r in read(doc, document, []))


def test_the_subject_of_based_is_the_one_an_apposition_describes():
    text = "Tigo, the unit of Millicom, is based in Quito.\n"
    doc, document = parsed(text, {"Tigo": "ORG", "Millicom": "ORG", "Quito": "GPE"})
    after = text.index(", is")
    linear = RelationFound(  # "Millicom, is based in Quito"
        Relation.LOCATION,
        (
            role(text, "org", "Millicom"),
            role(text, "comma", ",", after),
            role(text, "is", "is"),
            role(text, "based", "based"),
            role(text, "in", "in"),
            role(text, "place", "Quito"),
        ),
    )
    arcs = RelationFound(
        Relation.LOCATION,
        (role(text, "based", "based"), role(text, "org", "Tigo"), role(text, "place", "Quito")),
    )
    assert {r[0] for r in read(doc, document, [linear, arcs])} == {"Tigo"}


def test_a_site_or_seat_told_by_a_noun_is_the_last_organization_of_that_head_noun():
    text = "The Electoral Commission met. Reporters came to the commission's Pretoria office.\n"
    doc, document = parsed(text, {"Electoral Commission": "ORG", "Pretoria": "GPE"})
    found = RelationFound(
        Relation.LOCATION,
        (
            role(text, "the", "the", 30),
            role(text, "noun", "commission"),
            role(text, "poss", "'s"),
            role(text, "place", "Pretoria"),
            role(text, "site", "office"),
        ),
    )
    assert read(doc, document, [found]) == {
        ("Electoral Commission", "location", "city@ZA/Pretoria")
    }


def test_a_companys_noun_with_no_organization_of_that_head_is_the_story_company():
    text = "Orvo rose. Orvo fell. Orvo won. The group, which is based in Monza, grew.\n"
    doc, document = parsed(text, {"Orvo": "ORG", "Monza": "GPE"})
    at = text.index("The group")

    def based(noun: str) -> RelationFound:
        return RelationFound(
            Relation.LOCATION,
            (role(text, "noun", noun, at), role(text, "place", "Monza")),
        )

    assert read(doc, document, [based("group")]) == {("Orvo", "location", "Monza")}
    assert read(doc, document, [based("which")]) == set()  # not a company's noun


def test_a_title_an_organization_owns_is_a_post_in_it():
    """ "Campari's chief financial officer": the possessive gives the title to Campari (in
    "who heads MINEM's mining office" it gives the office)."""
    text = "Jo Kim, Orion's chief financial officer, left.\n"
    doc, document = parsed(text, {"Jo Kim": "PERSON", "Orion": "ORG"})
    found = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "person", "Jo Kim"),
            role(text, "org", "Orion"),
            role(text, "poss", "'s"),
            role(text, "title", "chief financial officer"),
        ),
    )
    assert read(doc, document, [found]) == {("Jo Kim", "holds", "Orion")}


def test_a_title_that_begins_with_an_institution_is_a_post_in_the_story_countrys():
    text = "Somalia mourned. It said, army chief Jo Kim left. Regional police chief Bo Lee left.\n"
    ents = {"Somalia": "GPE", "Jo Kim": "PERSON", "Bo Lee": "PERSON"}
    doc, document = parsed(text, ents)
    found = [
        title_person(text, "army chief", "Jo Kim"),
        title_person(text, "police chief", "Bo Lee"),  # narrowed: not the national police
    ]
    assert read(doc, document, found) == {
        ("Jo Kim", "holds", "army@SO"),
        ("army", "location", "country@SO"),
    }


def test_a_member_of_a_unit_an_organization_owns_is_a_member_of_the_unit():
    """ "who sits on the NUP's Political Council": the possessive is the party's, not the
    person's, so a council (a state body by its head word) is still a membership."""
    text = "Jo Kim, who sits on the NUP's Political Council, left.\n"
    ents = {"Jo Kim": "PERSON", "NUP": "ORG", "Political Council": "ORG"}
    doc, document = parsed(text, ents)
    found = member_of(
        text,
        role(text, "person", "Jo Kim"),
        role(text, "owner", "NUP"),
        role(text, "poss", "'s"),
        role(text, "org", "Political Council"),
    )
    assert read(doc, document, [found]) == {("Jo Kim", "memberOf", "Political Council")}


def test_a_nationality_in_apposition_is_a_country_only():
    """ "X, a Spanish engineer": Spain; "Y, a Muslim cleric": no country the word names."""
    text = "Jo Kim, a Spanish engineer, spoke. Bo Lee, a Muslim cleric, spoke.\n"
    doc, document = parsed(text, {"Jo Kim": "PERSON", "Bo Lee": "PERSON"})

    def nationality(person: str, word: str) -> RelationFound:
        roles = (role(text, "person", person), role(text, "country", word))
        return RelationFound(Relation.NATIONALITY, roles)

    found = [nationality("Jo Kim", "Spanish"), nationality("Bo Lee", "Muslim")]
    assert read(doc, document, found) == {("Jo Kim", "nationality", "country@ES")}


def test_lawmakers_told_by_title_hold_a_post_in_their_house_of_the_story_country():
    text = (
        "The Senate passed the bill. Among those who opposed it were Sens. Mike Lee, R-Utah, "
        "Rand Paul, R-Ky., and Bernie Sanders, I-Vt. Speaker Kevin McCarthy (R-Calif.) and "
        "Rep. Adam Smith (D-Wash.) spoke. Senate Speaker Jo Kim left.\n"
    )
    people = ["Mike Lee", "Rand Paul", "Bernie Sanders", "Kevin McCarthy", "Adam Smith", "Jo Kim"]
    ents = {"Senate": "ORG", "Ky.": "GPE", **{p: "PERSON" for p in people}}
    doc, document = parsed(text, ents)
    posts = {(p, o) for p, r, o in read(doc, document, []) if r == "holds"}
    assert posts == {
        ("Mike Lee", "Senate"),  # the house the story names
        ("Rand Paul", "Senate"),
        ("Bernie Sanders", "Senate"),
        ("Kevin McCarthy", "lower house@US"),  # a house it does not name
        ("Adam Smith", "lower house@US"),
    }  # "Senate Speaker" is read by the patterns, not as the lower house's


def test_a_party_before_a_lawmakers_title_is_the_lawmakers_party_not_the_posts_body():
    """ "NDP MP Ana Ruiz": a member of the NDP and an MP of the story country's lower house;
    "Senate Speaker Jo Kim" holds the Senate's post as before."""
    text = "Kenya voted. Kenya agreed. NDP MP Ana Ruiz spoke. Senate Speaker Jo Kim left.\n"
    ents = {"Kenya": "GPE", "NDP": "ORG", "Senate": "ORG", "Ana Ruiz": "PERSON"}
    doc, document = parsed(text, {**ents, "Jo Kim": "PERSON"})

    def org_title(org: str, title: str, person: str) -> RelationFound:
        roles = (role(text, "org", org), role(text, "title", title), role(text, "person", person))
        return RelationFound(Relation.HOLDS_POST, roles)

    found = [org_title("NDP", "MP", "Ana Ruiz"), org_title("Senate", "Speaker", "Jo Kim")]
    assert read(doc, document, found) == {
        ("Ana Ruiz", "memberOf", "NDP"),
        ("Ana Ruiz", "holds", "lower house@KE"),
        ("Jo Kim", "holds", "Senate"),
    }


def test_a_member_of_an_organization_belongs_to_it_and_holds_no_post():
    text = "Ana Ruiz, a member of the Green Party, and Bo Lee, the head of the Green Party, met.\n"
    doc, document = parsed(text, {"Ana Ruiz": "PERSON", "Bo Lee": "PERSON", "Green Party": "ORG"})

    def post(person: str, title: str) -> RelationFound:
        roles = (
            role(text, "person", person),
            role(text, "title", title),
            role(text, "org", "Green Party", text.index(title)),
        )
        return RelationFound(Relation.HOLDS_POST, roles)

    assert read(doc, document, [post("Ana Ruiz", "member"), post("Bo Lee", "head")]) == {
        ("Ana Ruiz", "memberOf", "Green Party"),
        ("Bo Lee", "holds", "Green Party"),
    }


def test_no_lawmakers_post_without_a_story_country():
    text = "Sen. Mike Lee spoke in Kenya and Uganda.\n"
    ents = {"Mike Lee": "PERSON", "Kenya": "GPE", "Uganda": "GPE"}
    doc, document = parsed(text, ents)
    assert not any(r == "holds" for _, r, _ in read(doc, document, []))


def test_only_a_nationality_word_before_a_state_title_gives_nationality():
    """ "Indian Prime Minister X" is Indian; "US President Y" and "Kenya's Foreign Minister Z"
    hold a post in the country, which the text does not say is theirs."""
    text = (
        "Indian Prime Minister Jo Kim, US President Bo Lee and Kenya's Foreign Minister Al Roe "
        "met.\n"
    )
    names = {"Jo Kim": "PERSON", "Bo Lee": "PERSON", "Al Roe": "PERSON"}
    doc, document = parsed(text, {"Indian": "NORP", "US": "GPE", "Kenya": "GPE", **names})

    def post(country: str, title: str, person: str) -> RelationFound:
        roles = (role(text, "country", country), role(text, "title", title))
        return RelationFound(Relation.HOLDS_POST, (*roles, role(text, "person", person)))

    found = [
        post("Indian", "Prime Minister", "Jo Kim"),
        post("US", "President", "Bo Lee"),
        post("Kenya", "Foreign Minister", "Al Roe"),
    ]
    assert read(doc, document, found) == {
        ("Jo Kim", "holds", "country@IN"),
        ("Jo Kim", "nationality", "country@IN"),
        ("Bo Lee", "holds", "country@US"),
        ("Al Roe", "holds", "country@KE"),
    }


def test_a_title_before_the_next_name_of_a_list_is_not_the_one_before():
    """ "A, Malaysian Prime Minister B and C": the title is B's, not said of A."""
    text = "Guests included Jo Kim, Malaysian Prime Minister Bo Lee and Al Roe.\n"
    names = {"Jo Kim": "PERSON", "Bo Lee": "PERSON", "Al Roe": "PERSON"}
    doc, document = parsed(text, {"Malaysian": "NORP", **names})

    def post(*roles: tuple[str, str]) -> RelationFound:
        return RelationFound(Relation.HOLDS_POST, tuple(role(text, n, p) for n, p in roles))

    country, title = ("country", "Malaysian"), ("title", "Prime Minister")
    found = [post(("person", "Jo Kim"), country, title), post(country, title, ("person", "Bo Lee"))]
    assert read(doc, document, found) == {
        ("Bo Lee", "holds", "country@MY"),
        ("Bo Lee", "nationality", "country@MY"),
    }


def test_a_countrys_envoy_holds_a_post_in_that_country():
    """ "the US ambassador to the UN": a post the US gives; "Ambassador X" alone is none."""
    text = "Jo Kim, the US ambassador to the United Nations, spoke. Ambassador Bo Lee left.\n"
    doc, document = parsed(text, {"US": "GPE", "Jo Kim": "PERSON", "Bo Lee": "PERSON"})
    stated = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "person", "Jo Kim"),
            role(text, "country", "US"),
            role(text, "title", "ambassador"),
        ),
    )
    found = [stated, title_person(text, "Ambassador", "Bo Lee")]
    assert read(doc, document, found) == {("Jo Kim", "holds", "country@US")}


def test_a_governor_with_no_place_is_the_governor_of_the_one_state_named():
    text = (
        "Floods hit Texas. Then state governor Jo Kim met CBN Governor Al Roe and the "
        "central bank governor Bo Lee.\n"
    )
    names = {"Jo Kim": "PERSON", "Bo Lee": "PERSON", "Al Roe": "PERSON"}

    def governors(text: str) -> list[RelationFound]:
        return [
            RelationFound(
                Relation.HOLDS_POST,
                (role(text, "title", title, text.index(name) - 9), role(text, "person", name)),
            )
            for title, name in [
                ("governor", "Jo Kim"),
                ("Governor", "Al Roe"),
                ("governor", "Bo Lee"),
            ]
        ]

    doc, document = parsed(text, {"Texas": "GPE", **names})
    assert read(doc, document, governors(text)) == {("Jo Kim", "holds", "region@US/TX")}
    two = text.replace("Texas", "Texas and Ohio")
    doc, document = parsed(two, {"Texas": "GPE", "Ohio": "GPE", **names})
    assert read(doc, document, governors(two)) == set()


def test_a_chief_minister_with_no_place_is_of_the_one_state_named():
    text = (
        "Rains hit Kerala. Chief Minister Jo Kim and Deputy Chief Minister Bo Lee met "
        "Goa Chief Minister Al Roe.\n"
    )
    names = {"Jo Kim": "PERSON", "Bo Lee": "PERSON", "Al Roe": "PERSON"}
    doc, document = parsed(text, {"Kerala": "GPE", **names})
    found = [
        title_person(text, "Chief Minister", "Jo Kim"),
        title_person(text, "Deputy Chief Minister", "Bo Lee"),
        RelationFound(
            Relation.HOLDS_POST,
            (
                role(text, "title", "Chief Minister", text.index("Goa")),
                role(text, "person", "Al Roe"),
            ),
        ),
    ]
    assert read(doc, document, found) == {
        ("Jo Kim", "holds", "region@IN/KL"),
        ("Bo Lee", "holds", "region@IN/KL"),
    }


def test_the_one_named_as_chief_executive_holds_it_not_the_one_who_names():
    text = "Orion Group fell. Bo Lee dismissed Ana Ruiz as chief executive of Orion Group.\n"
    names = {"Orion Group": "ORG", "Bo Lee": "PERSON", "Ana Ruiz": "PERSON"}
    doc, document = parsed(text, names)
    title = role(text, "title", "chief executive")
    org = role(text, "org", "Orion Group", text.index("of"))

    def said(person: str, verb: str) -> RelationFound:
        roles = (title, org, role(text, verb, "dismissed"), role(text, "person", person))
        return RelationFound(Relation.HOLDS_POST, roles)

    found = [said("Bo Lee", "verb"), said("Ana Ruiz", "picks")]
    assert {p[0] for p in read(doc, document, found)} == {"Ana Ruiz"}
    assert {p[0] for p in read(doc, document, found[:1])} == {"Bo Lee"}


def test_the_partys_title_is_a_post_in_the_party_named_before():
    """ "the Democratic Party of Struggle (...). The party's chairwoman, X": its head noun."""
    text = (
        "The Democratic Party of Struggle won. Reuters said so. The party's chairwoman, "
        "Ana Ruiz, did not attend.\n"
    )
    ents = {"Democratic Party of Struggle": "ORG", "Reuters": "ORG", "Ana Ruiz": "PERSON"}
    doc, document = parsed(text, ents)
    found = RelationFound(
        Relation.HOLDS_POST,
        (
            role(text, "noun", "party"),
            role(text, "title", "chairwoman"),
            role(text, "person", "Ana Ruiz"),
        ),
    )
    assert read(doc, document, [found]) == {("Ana Ruiz", "holds", "Democratic Party of Struggle")}
