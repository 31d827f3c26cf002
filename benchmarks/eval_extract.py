"""Score extraction against the hand-coded development set: `make eval-extract`.

Each devset case (tests/incidents/extract/devset/*.json) is a news paragraph with the
records an analyst would file from it. Predicted and expected incidents are paired by
place (spelling variants listed in `place_aliases`); then, per field, precision is
correct / stated-by-extractor and recall is correct / stated-in-truth. A None where the
truth has a value is a miss; a value where the truth has None (e.g. 0 for "not
reported") counts against precision. `-v` lists every disagreement; `--heldout`
scores the held-out set, written after tuning and never tuned on. The shared sets of real
reports (../shared/eval) are scored after them, by their README's rule (eval_shared).
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

from benchmarks.eval_shared import print_scores, score_sets
from incidents.extract import extract_incidents

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "incidents" / "extract" / "devset"
# Written after the extractor was tuned on DEVSET and never tuned on: the honest score.
HELDOUT = DEVSET.parent / "heldout"
INCIDENT_FIELDS = (
    "date",
    "killed",
    "injured",
    "children",
    "households_without_power",
    "attacker",
    "event_type",
)
DEFENCE_FIELDS = ("date", "attacker", "weapon", "launched", "shot_down", "lost")


def load_cases(directory: Path = DEVSET) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))]


def place_key(name: str | None) -> str:
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]", "", folded)


def _values(record: dict, field: str) -> list:
    """A field as a list of comparable values ("children" is two: killed and injured)."""
    if field == "children":
        return [record.get("children_killed"), record.get("children_injured")]
    return [record.get(field)]


def _agrees(expected, predicted) -> bool:
    if isinstance(expected, list):  # several readings are fair, e.g. a combined attack
        return predicted in expected
    return expected == predicted


def _pair(expected: list[dict], predicted: list[dict], key) -> tuple[list, list, list]:
    """Greedy pairs by key (place or area), then the unpaired on each side."""
    pairs, left = [], list(predicted)
    unpaired = []
    for truth in expected:
        keys = key(truth)
        found = next((p for p in left if place_key(p.get("place") or p.get("area")) in keys), None)
        if found is None:
            unpaired.append(truth)
        else:
            left.remove(found)
            pairs.append((truth, found))
    return pairs, unpaired, left


def _incident_keys(truth: dict) -> set[str]:
    return {place_key(name) for name in [truth["place"], *truth.get("place_aliases", [])]}


def _defence_keys(truth: dict) -> set[str]:
    return {place_key(truth["area"])}


class Tally:
    def __init__(self, fields):
        self.counts = {field: [0, 0, 0] for field in ("record", *fields)}  # correct, stated, true

    def add(self, pairs, missed, extra, fields, notes, case_id):
        self.counts["record"][0] += len(pairs)
        self.counts["record"][1] += len(pairs) + len(extra)
        self.counts["record"][2] += len(pairs) + len(missed)
        for record in missed:
            notes.append(f"{case_id}: missed {record.get('place') or record.get('area')}")
        for record in extra:
            notes.append(f"{case_id}: extra {record.get('place') or record.get('area')}")
        for field in fields:
            tally = self.counts[field]
            for truth, guess in pairs:
                for t, g in zip(_values(truth, field), _values(guess, field), strict=True):
                    tally[1] += g is not None
                    tally[2] += t is not None
                    if t is not None and g is not None and _agrees(t, g):
                        tally[0] += 1
                    elif t is not None or g is not None:
                        where = truth.get("place") or truth.get("area")
                        notes.append(f"{case_id}: {where} {field} expected {t!r} got {g!r}")
            for record in missed:
                tally[2] += sum(v is not None for v in _values(record, field))
            for record in extra:
                tally[1] += sum(v is not None for v in _values(record, field))

    def rows(self):
        for field, (correct, stated, true) in self.counts.items():
            precision = correct / stated if stated else 1.0
            recall = correct / true if true else 1.0
            yield field, correct, stated, true, precision, recall


def evaluate(cases: list[dict]) -> tuple[Tally, Tally, list[str]]:
    incidents, defence, notes = Tally(INCIDENT_FIELDS), Tally(DEFENCE_FIELDS), []
    for case in cases:
        result = extract_incidents(case["text"], published=case["published"])
        pairs, missed, extra = _pair(case["incidents"], result.incidents, _incident_keys)
        incidents.add(pairs, missed, extra, INCIDENT_FIELDS, notes, case["id"])
        pairs, missed, extra = _pair(case["air_defence"], result.air_defence, _defence_keys)
        defence.add(pairs, missed, extra, DEFENCE_FIELDS, notes, case["id"])
    return incidents, defence, notes


def _print_table(title: str, tally: Tally, rename: dict) -> None:
    print(f"\n{title}")
    print(f"{'field':<26}{'correct':>8}{'stated':>8}{'true':>8}{'precision':>11}{'recall':>8}")
    for field, correct, stated, true, precision, recall in tally.rows():
        print(
            f"{rename.get(field, field):<26}{correct:>8}{stated:>8}{true:>8}{precision:>11.2f}{recall:>8.2f}"
        )


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    directory = HELDOUT if "--heldout" in argv else DEVSET
    cases = load_cases(directory)
    incidents, defence, notes = evaluate(cases)
    print(f"extraction scored on {len(cases)} hand-coded cases in {directory.name}/")
    _print_table("incidents", incidents, {"record": "place (record found)"})
    _print_table("air-defence reports", defence, {"record": "area (record found)"})
    verbose = "-v" in argv or "--verbose" in argv
    if verbose:
        print("\ndisagreements:")
        for note in notes:
            print("  " + note)
    else:
        print(
            f"\n{len(notes)} disagreements (list them: `python -m benchmarks.eval_extract -v`;"
            f" `--heldout` scores the held-out set)"
        )
    # The real reports of ../shared/eval, scored as the unseen ones are.
    print_scores(score_sets(), verbose=verbose)


if __name__ == "__main__":
    main()
