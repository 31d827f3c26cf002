"""Speed work on the lookup path must not change a single answer.

`data/places_answers.json` holds what resolve_place answered for every row of places.csv
(best match, ambiguity flag and the alternatives in order) before the lookup path was
optimised. Regenerate it only for an intended ranking change:
`python -m tests.geodata.test_ranking_snapshot`, and review the diff.
"""

import csv
import json
from pathlib import Path

from geodata.places import PlaceMatch, resolve_place

DATA = Path(__file__).parent / "data"
PLACES_CSV = DATA / "places.csv"
ANSWERS = DATA / "places_answers.json"


def _queries() -> list[tuple[str, str, str]]:
    with PLACES_CSV.open(encoding="utf-8") as handle:
        return [(r["query"], r["country"], r["region"]) for r in csv.DictReader(handle)]


def _signature(match: PlaceMatch) -> list:
    return [
        match.name,
        match.latitude,
        match.longitude,
        match.admin1,
        match.country,
        match.population,
        match.geonameid,
        match.geo_precision,
    ]


def answer(query: str, country: str, region: str) -> dict | None:
    match = resolve_place(query, country=country or None, region=region or None)
    if match is None:
        return None
    return {
        "match": _signature(match),
        "ambiguous": match.ambiguous,
        "alternatives": [_signature(a) for a in match.alternatives],
    }


def _key(query: str, country: str, region: str) -> str:
    return f"{query}|{country}|{region}"


def snapshot() -> dict[str, dict | None]:
    return {_key(*q): answer(*q) for q in _queries()}


def test_every_answer_on_the_place_set_matches_the_snapshot():
    expected = json.loads(ANSWERS.read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(snapshot()))  # the same float/tuple round trip as the file
    assert actual.keys() == expected.keys()
    changed = [key for key in expected if actual[key] != expected[key]]
    assert not changed, f"{len(changed)} answers changed, e.g. {changed[:5]}"


if __name__ == "__main__":
    answers = snapshot()
    lines = ",\n".join(
        f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in answers.items()
    )
    ANSWERS.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
    print(f"wrote {len(answers)} answers to {ANSWERS}")
