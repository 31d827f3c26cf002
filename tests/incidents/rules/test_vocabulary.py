"""One vocabulary of event types: validation and extraction read every word the same way.

A word only one of them knows, or that they file under different types, fails here: the
words of `EVENT_TYPE_WORDS` through both parsers, then every sentence of the extraction
development and held-out sets (wording either side might have learnt privately).
"""

import json
from pathlib import Path

import pytest

from incidents.extract import wording
from incidents.extract.text import sentences
from incidents.rules import vocabulary
from incidents.rules.model import EVENT_TYPES
from incidents.rules.values import ValueProblem

CASES = Path(__file__).parents[1] / "extract"
EVENT_WORDS = [
    (entry.event_type, word) for entry in vocabulary.EVENT_TYPE_WORDS for word in (*entry.stems, *entry.words)
]


def validated(text: str) -> str | None:
    """What validation files the wording under; None where it refuses it."""
    try:
        return vocabulary.event_type(text)
    except ValueProblem:
        return None


def test_every_event_type_has_words_and_each_type_is_the_models():
    assert set(vocabulary.NAMED_EVENT_TYPES) | {"other"} == set(EVENT_TYPES)


@pytest.mark.parametrize(("code", "word"), EVENT_WORDS, ids=[f"{c}:{w}" for c, w in EVENT_WORDS])
def test_a_word_of_the_vocabulary_is_the_same_type_to_validation_and_extraction(code, word):
    for text in (word, word.upper(), word.capitalize(), f"Overnight a {word} hit the town."):
        assert (validated(text), wording.event_type(text)) == (code, code), text


@pytest.mark.parametrize("word", vocabulary.OTHER_EVENT_WORDS.stems)
def test_wording_that_names_no_weapon_is_other_to_validation_and_no_type_to_extraction(word):
    assert validated(word) == "other"
    assert wording.event_type(word) is None
    if word != "other":  # the category's own name, not a strike
        assert wording.is_strike(word)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kabardino-Balkaria: drones attacked Nalchik", "drone_strike"),  # not KAB
        ("a KAB-500 hit the village", "glide_bomb"),
        ("a missile with a fragmentation warhead", "missile_strike"),  # not fragments
        ("fragments of a downed drone fell on a house", "debris"),
        ("Russian troops fired a Lancet at the bridge", "drone_strike"),
        ("a rocket strike on the port", "missile_strike"),
        ("a guided air bomb", "glide_bomb"),
        ("an unmanned aerial vehicle", "drone_strike"),
        ("атака БПЛА на Харків", "drone_strike"),
    ],
)
def test_wording_both_sides_now_read_alike(text, code):
    assert (validated(text), wording.event_type(text)) == (code, code)


def _case_sentences() -> list[str]:
    found = []
    for path in sorted([*CASES.glob("devset/*.json"), *CASES.glob("heldout/*.json")]):
        found.extend(
            sentence.text for sentence in sentences(json.loads(path.read_text(encoding="utf-8"))["text"])
        )
    return found


def test_every_sentence_of_the_extraction_cases_names_the_same_type_to_both():
    disagreements = []
    for text in _case_sentences():
        extracted = wording.event_type(text)
        named = validated(text)
        if named == "other":
            named = None  # a strike of no named type: extraction's None
        if extracted != named:
            disagreements.append((text[:80], named, extracted))
    assert disagreements == []
