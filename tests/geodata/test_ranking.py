"""Names ranked once at index build answer exactly as ranking them at lookup time does."""

import dataclasses
import random

from geodata import places
from geodata.index import build_index, shared_index
from geodata.names import loose_key_of_exact
from geodata.places import PlaceMatch, resolve_place
from geodata.ranking import candidates
from tests.geodata.test_index import CITIES

_COMMON = ["ivanivka", "novoselivka", "mykolaivka", "kharkov", "nikolayev", "paris", "moscow"]


def _ranked_at_lookup(index, key: str | None, loose: str) -> PlaceMatch | None:
    exact_rows = index.exact.get(key, ()) if key is not None else ()
    loose_rows = index.loose.get(loose, ())
    return places._settlement_match(index, exact_rows, loose_rows, None, frozenset(), key, loose)


def _sample(keys, extra=()) -> list[str]:
    ordered = sorted(keys)
    return [k for k in extra if k in keys] + random.Random(5).sample(ordered, min(len(ordered), 3000))


def test_build_time_rankings_match_lookup_time_rankings():
    index = shared_index()
    for key in _sample(index.ranked, _COMMON):
        expected = _ranked_at_lookup(index, key, loose_key_of_exact(key))
        assert places._ranked_match(index, index.ranked[key]) == expected, key
    for loose in _sample(index.ranked_loose):
        expected = _ranked_at_lookup(index, None, loose)
        assert places._ranked_match(index, index.ranked_loose[loose]) == expected, loose


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


def test_matches_made_without_the_constructor_equal_constructed_ones():
    match = resolve_place("Ivanivka")
    for made in (match, *match.alternatives):
        assert set(vars(made)) == {f.name for f in dataclasses.fields(PlaceMatch)}
        rebuilt = PlaceMatch(**{f.name: getattr(made, f.name) for f in dataclasses.fields(PlaceMatch)})
        assert made == rebuilt and hash(made) == hash(rebuilt)
        assert repr(made) == repr(rebuilt)
