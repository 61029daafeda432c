"""Our word lists: each kept once, as data, and asked for by a role that exists."""

from __future__ import annotations

import pytest
import srsly

from kg.knowledge.lexicon import function_words, place_words
from tests.conftest import ROOT

DATA = ROOT / "kg" / "knowledge" / "data"


def test_a_word_list_is_asked_for_by_a_known_role():
    assert function_words("possessive") == {"'s", "’s"}
    assert "province" in place_words("division") <= place_words("place_noun")
    with pytest.raises(KeyError):
        function_words("possesive")


@pytest.mark.parametrize("name", ["function_words", "place_words"])
def test_each_word_is_listed_once_per_role(name):
    rows = [(row["role"], row["word"]) for row in srsly.read_jsonl(DATA / f"{name}.jsonl")]
    assert len(rows) == len(set(rows))
