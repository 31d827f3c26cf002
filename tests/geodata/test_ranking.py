"""Names ranked once at index build answer exactly as ranking them at lookup time does."""

import random

import pytest

from geodata.index import build_index, shared_index
from geodata.names import loose_key_of_exact
from geodata.places import PlaceMatch, resolve_place
from geodata.ranking import candidates, rank
from tests.geodata.test_index import CITIES

_COMMON = ["ivanivka", "novoselivka", "mykolaivka", "kharkov", "nikolayev", "paris", "moscow"]


def _ranked_at_lookup(index, key: str | None, loose: str) -> tuple[int, ...]:
    exact_rows = index.exact.get(key, ()) if key is not None else ()
    loose_rows = index.loose.get(loose, ())
    rows = candidates(index, exact_rows, loose_rows, None, frozenset())
    return rank(index, rows, exact_rows, key, loose, False)


def _sample(keys, extra=()) -> list[str]:
    ordered = sorted(keys)
    return [k for k in extra if k in keys] + random.Random(5).sample(ordered, min(len(ordered), 3000))


def test_build_time_rankings_match_lookup_time_rankings():
    index = shared_index()
    for key in _sample(index.ranked, _COMMON):
        expected = _ranked_at_lookup(index, key, loose_key_of_exact(key))
        assert index.ranked[key] == expected, key
    for loose in _sample(index.ranked_loose):
        expected = _ranked_at_lookup(index, None, loose)
        assert index.ranked_loose[loose] == expected, loose


def test_names_left_out_of_the_rankings_have_a_single_candidate():
    index = shared_index()
    unranked = [k for k in _sample(index.exact) if k not in index.ranked]
    assert unranked
    for key in unranked:
        loose_rows = index.loose.get(loose_key_of_exact(key), ())
        assert len(candidates(index, index.exact[key], loose_rows)) == 1, key


def test_a_small_built_index_ranks_its_repeated_names():
    index = build_index(CITIES)
    assert index.ranked["ivanivka"][1:] == (1, 0)  # the bigger Ivanivka first, then the other
    assert "bigtown" not in index.ranked


def test_a_match_is_immutable_and_equals_one_built_from_its_fields():
    match = resolve_place("Ivanivka")
    assert match.ambiguous and match.alternatives and match.geo_precision == "settlement"
    for made in (match, *match.alternatives):
        rebuilt = PlaceMatch(**made._asdict())
        assert made == rebuilt and hash(made) == hash(rebuilt)
        with pytest.raises(AttributeError):
            made.name = "elsewhere"  # shared by the lookup cache: nobody may change it
