"""The typed values the stages hand on are checked where they are made."""

from __future__ import annotations

import pytest

from kg.config import Settings
from kg.graph.vocab import KGO
from kg.records import BASE_CLASSES, EVENT_CLASSES, Key, event_role


@pytest.mark.parametrize(
    "key",
    [
        Key.for_country("IQ"),
        Key.for_city("US", "New York"),
        Key.for_institution("parliament", "IQ"),
        Key.for_region("US", "GA"),
    ],
    ids=str,
)
def test_a_key_reads_back_as_it_was_written(key):
    assert Key.parse(str(key)) == key
    assert [key.is_country, key.is_city, key.is_region, key.is_institution].count(True) == 1


@pytest.mark.parametrize(
    "make",
    [
        lambda: Key.for_country("Iraq"),
        lambda: Key.for_country("iq"),
        lambda: Key.for_institution("city", "IQ"),
        lambda: Key.for_institution("a@b", "IQ"),
        lambda: Key("city", "US"),
        lambda: Key("region", "US"),
        lambda: Key("country", "US", region="GA"),
        lambda: Key.for_institution("region", "US"),
        lambda: Key.parse("parliament"),
    ],
)
def test_a_malformed_key_is_refused(make):
    with pytest.raises(ValueError):
        make()


def test_event_roles_and_settings_are_checked():
    assert event_role("target") == "target"
    with pytest.raises(ValueError, match="Unknown event role"):
        event_role("victim")
    with pytest.raises(ValueError, match="Unknown ops"):
        Settings(ops="mkl")  # type: ignore[arg-type]


def test_every_event_class_is_in_our_ontology():
    assert set(BASE_CLASSES) <= set(EVENT_CLASSES)
    for name in EVENT_CLASSES:
        assert KGO[name]  # the closed namespace refuses a term our ontology does not define
