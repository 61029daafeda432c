"""Records <-> JSON: every record an extraction holds comes back as it went, through JSON text."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

import pytest

from kg.records import (
    Alias,
    Document,
    EventMention,
    Extraction,
    Kind,
    Mention,
    Relation,
    RelationMention,
    Sentence,
    Span,
)
from kg.records_json import (
    document_from_json,
    document_to_json,
    extraction_from_json,
    extraction_to_json,
)

SPAN = Span("a.txt", 0, 0, 9)


def full_extraction(published: date | datetime | None) -> Extraction:
    """An extraction in which every field of every record type is set, somewhere, to a value
    other than its default."""
    document = Document(
        "a.txt",
        "news/a.txt",
        "Ali Reza met.",
        "Talks",
        published,
        "Daily",
        "https://example.org/a",
        "Lima",
    )
    return Extraction(
        document=document,
        sentences=(Sentence("a.txt", 0, 0, 13, "Ali Reza met."),),
        mentions=(
            Mention(
                "Ali Reza",
                Kind.PERSON,
                SPAN,
                "Person",
                "person@x",
                False,
                "official",
                (1,),
                ("security",),
            ),
            Mention("Iraq", Kind.PLACE, Span("a.txt", 0, 10, 14), "Country", "country@IQ"),
        ),
        aliases=(Alias(0, 1),),
        relations=(RelationMention(0, Relation.HOLDS_POST, 1, SPAN, "Minister"),),
        events=(
            EventMention(
                "Meeting",
                "Meeting",
                "met",
                SPAN,
                (("participant", 0),),
                (1,),
                "2024-01",
                (2, 0),
                True,
                "what was said",
                True,
            ),
        ),
    )


def records(value: Any) -> list[Any]:
    """Every record inside a record, itself included."""
    if dataclasses.is_dataclass(value):
        found = [value]
        for field in dataclasses.fields(value):
            found += records(getattr(value, field.name))
        return found
    if isinstance(value, tuple):
        return [r for item in value for r in records(item)]
    return []


def test_the_example_sets_every_field_of_every_record():
    """So that a new field the JSON forgets fails the round trip below."""
    example = records(full_extraction(date(2024, 1, 2)))
    assert {type(r) for r in example} == {
        Extraction,
        Document,
        Sentence,
        Mention,
        Span,
        Alias,
        RelationMention,
        EventMention,
    }
    for kind in {type(r) for r in example}:
        for field in dataclasses.fields(kind):
            if field.default is not dataclasses.MISSING:
                values = {getattr(r, field.name) for r in example if type(r) is kind}
                assert values - {field.default}, (kind.__name__, field.name)


@pytest.mark.parametrize(
    "published", [None, date(2024, 1, 2), datetime(2024, 1, 2, 14, 36, 5)], ids=str
)
def test_an_extraction_comes_back_through_json_text(published):
    extraction = full_extraction(published)
    text = json.dumps(extraction_to_json(extraction))
    assert extraction_from_json(json.loads(text)) == extraction
    assert document_from_json(json.loads(json.dumps(document_to_json(extraction.document)))) == (
        extraction.document
    )


def test_a_publication_date_has_one_encoding():
    day, moment = date(2024, 1, 2), datetime(2024, 1, 2, 14, 36)
    assert document_to_json(Document("a", "a", "x", published=day))["published"] == {
        "date": "2024-01-02"
    }
    assert document_to_json(Document("a", "a", "x", published=moment))["published"] == {
        "datetime": "2024-01-02T14:36:00"
    }


def _with(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of JSON ``data`` with the item at ``path`` replaced."""
    copy = json.loads(json.dumps(data))
    *parents, last = path
    target = copy
    for key in parents:
        target = target[key]
    target[last] = value
    return copy


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("document", "publisher"), 5, "document: publisher: 5 is not of type str"),
        (("document", "published"), "2024-13-45", "document: published: not a date"),
        (("mentions", 0, "kind"), "Thing", "mentions: kind: 'Thing' is no Kind"),
        (("mentions", 0, "span", "start"), "0", "mentions: span: start: '0' is not of type int"),
        (("events", 0, "roles", 0), ["agent"], "events: roles: ['agent'] does not have 2 items"),
        (("events", 0, "base_class"), "Party", "events: base_class: 'Party' is none of"),
        (("relations", 0, "relation"), "likes", "relations: relation: 'likes' is no Relation"),
        (("sentences",), {}, "sentences: {} is not a list"),
        (("document", "colour"), "red", "document: unknown fields colour"),
    ],
)
def test_json_we_did_not_write_is_a_value_error_naming_the_field(path, value, message):
    data = _with(extraction_to_json(full_extraction(date(2024, 1, 2))), path, value)
    with pytest.raises(ValueError) as raised:
        extraction_from_json(data)
    assert str(raised.value).startswith(message)
